import { contentTerms } from "./tokenize";
import { memoizeText } from "../memo";

export interface PassageHit {
  docId: string;
  /** Index of the passage within its document. */
  passage: number;
  score: number;
  /** Distinct query terms the passage holds. */
  matchedTerms: string[];
  /** matchedTerms / distinct query terms, 0..1. */
  coverage: number;
}

export interface SearchOptions {
  /** The query's language (its terms are that language's words), default English. */
  lang?: string;
  limit?: number;
  /** Only these documents: their passages are scored directly, without touching the rest. */
  docIds?: ReadonlySet<string> | readonly string[];
}

/** A passage's distinct content terms, how often each occurs, and its length in terms. */
export interface PassageTerms {
  terms: string[];
  tfs: number[];
  len: number;
}

/** The term counts of a passage's text (what the index stores of it). */
export function termCounts(text: string, lang = "en"): PassageTerms {
  const counts = new Map<string, number>();
  let len = 0;
  for (const t of contentTerms(text, lang)) {
    counts.set(t, (counts.get(t) ?? 0) + 1);
    len++;
  }
  return { terms: [...counts.keys()], tfs: [...counts.values()], len };
}

/** Query terms of a text (memoised: the same sentences are searched check after check). */
const englishQueryTerms = memoizeText((t: string) => contentTerms(t), 1000);
const otherQueryTerms = memoizeText((key: string) => {
  const at = key.indexOf("\u0000");
  return contentTerms(key.slice(at + 1), key.slice(0, at));
}, 300);
const queryContentTerms = (text: string, lang = "en"): string[] => (lang === "en" || lang === "und" ? englishQueryTerms(text) : otherQueryTerms(`${lang}\u0000${text}`));

const K1 = 1.2;
const B = 0.75;

/** Entry counts of the index's internal structures (for tests: nothing is left behind). */
export interface PassageIndexSizes {
  documents: number;
  documentPassages: number;
  terms: number;
  postings: number;
  passages: number;
  passageSlots: number[];
  totalLength: number;
}

/**
 * A posting packs a passage id and the term's count in it into one 31-bit integer: `pid * 256 +
 * tf`. A passage holds at most 250 words (passages.ts), so a count never reaches 255 there; a
 * larger one (a caller's own passage) is counted as 255, where BM25 has long stopped rising.
 */
const TF_LIMIT = 255;
const MAX_PIDS = 2 ** 23;
/** A term's postings stay a plain array while few (most terms are rare), then move to an Int32Array. */
const TYPED_FROM = 32;

/** One document: its passages hold the ids start..start+count-1; their terms lie end to end. */
interface Doc {
  readonly id: string;
  start: number;
  readonly count: number;
  /** Where each passage's terms begin in `terms` (count + 1 entries). */
  readonly offsets: Int32Array;
  /** Each passage's distinct term ids, ascending (creation order), then the next passage's. */
  terms: Int32Array;
  readonly tfs: Uint8Array;
}

/** A growable Int32Array (the typed arrays below are replaced by larger copies as they fill). */
function grown<T extends Int32Array | Uint8Array | Float64Array>(a: T, need: number, make: (n: number) => T): T {
  if (a.length >= need) return a;
  const b = make(Math.max(need, Math.ceil(a.length * 1.5), 1024));
  b.set(a);
  return b;
}

/**
 * A BM25 index of passages across many documents, updated one document at a time.
 *
 * Storage is compact, for a library of 10,000 news articles (175,000 passages, 5 million
 * postings) held by the editor: each posting is one 32-bit integer in its term's list, plus one
 * term id and one byte in its document's list; per passage, a length and a flag. (Objects per term
 * and per passage took 280 MB for that library; this takes about a fifth.)
 *
 * Removing a document marks its passages dead at once (it is gone from every answer, every
 * count and every term's document frequency); their postings are dropped in one pass when dead
 * passages reach a quarter of all, and whenever `sizes` is asked. A term no live passage holds is
 * forgotten at once, so a term that comes back is a new one, as in a fresh index. Scores are the
 * same as a fresh index's of the same documents, bit for bit: every sum runs in the same order.
 */
export class PassageIndex {
  private readonly termIds = new Map<string, number>();
  private termText: string[] = [];
  private postings: Array<number[] | Int32Array> = [];
  /** Used length of each term's postings (dead ones included until the next compaction). */
  private postingCount: number[] = [];
  /** Live passages holding each term. */
  private df: number[] = [];
  private readonly docs = new Map<string, Doc>();
  // Per passage id, 0..pidCount-1 (dead ones included until the next compaction):
  private passDoc: Array<Doc | undefined> = [];
  private passLen = new Int32Array(0);
  private dead = new Uint8Array(0);
  private pidCount = 0;
  private livePassages = 0;
  private deadPassages = 0;
  private totalLen = 0;
  /** Scratch buffer for search, indexed by passage id. */
  private scores = new Float64Array(0);
  private _generation = 0;
  /** Length norms by passage id (see `lengthNorms`), as of this generation of the index. */
  private norms = new Float64Array(0);
  private normsGeneration = -1;
  /** Scratch buffer for indexing one passage's (term id, count) pairs. */
  private packed = new Float64Array(64);

  get documentCount(): number {
    return this.docs.size;
  }

  /** Changes with every document set or removed: an answer remembered under one generation holds while it stands. */
  get generation(): number {
    return this._generation;
  }

  get passageCount(): number {
    return this.livePassages;
  }

  /** Sizes of the internal structures; an index equals a fresh one holding the same documents. */
  sizes(): PassageIndexSizes {
    this.compact();
    let postings = 0;
    for (let t = 0; t < this.termText.length; t++) {
      if (this.postingCount[t] !== this.df[t]) throw new Error(`term ${this.termText[t]}: postings out of step`);
      postings += this.postingCount[t];
    }
    let documentPassages = 0;
    for (const d of this.docs.values()) documentPassages += d.count;
    return {
      documents: this.docs.size,
      documentPassages,
      terms: this.termIds.size,
      postings,
      passages: this.livePassages,
      passageSlots: [this.pidCount, this.passDoc.length, this.termText.length],
      totalLength: this.totalLen,
    };
  }

  /** Adds or replaces one document's passages. */
  setDocument(docId: string, passages: ReadonlyArray<{ text: string }>, lang = "en"): void {
    this.setDocumentTerms(docId, passages.map((p) => termCounts(p.text, lang)));
  }

  /**
   * Indexes a document from its passages' term counts (as `termCounts` gives them): a persisted
   * index is restored without tokenizing again.
   */
  setDocumentTerms(docId: string, passages: ReadonlyArray<PassageTerms>): void {
    this.removeDocument(docId);
    this._generation++;
    if (this.pidCount + passages.length >= MAX_PIDS) this.compact();
    if (this.pidCount + passages.length >= MAX_PIDS) throw new Error(`the passage index is full (${MAX_PIDS} passages)`);
    const start = this.pidCount;
    const count = passages.length;
    const termsBefore = this.termText.length;
    const offsets = new Int32Array(count + 1);
    let most = 0;
    let total = 0;
    for (const p of passages) {
      most = Math.max(most, p.terms.length);
      total += p.terms.length;
    }
    // At most one entry per term given: filled, then cut to what was used.
    const termIds = new Int32Array(total);
    const tfs = new Uint8Array(total);
    let used = 0;
    if (this.packed.length < most) this.packed = new Float64Array(Math.max(most, 2 * this.packed.length));
    this.passLen = grown(this.passLen, start + count, (n) => new Int32Array(n));
    this.dead = grown(this.dead, start + count, (n) => new Uint8Array(n));
    const doc: Doc = { id: docId, start, count, offsets, terms: new Int32Array(0), tfs: new Uint8Array(0) };
    for (let i = 0; i < count; i++) {
      const p = passages[i];
      // The passage's terms by id, each with its count: (id, count) packed as id * 65536 + count
      // (counts cut at 65535 first: only the merged sum of a repeated term can pass 255), sorted
      // as numbers, a term given twice (a caller's own counts) merged.
      const m = p.terms.length;
      const packed = this.packed.subarray(0, m);
      let sorted = true;
      for (let k = 0; k < m; k++) {
        packed[k] = this.termId(p.terms[k]) * 65536 + Math.max(0, Math.min(Math.floor(p.tfs[k]) || 0, 65535));
        if (k > 0 && packed[k] <= packed[k - 1]) sorted = false;
      }
      if (!sorted) packed.sort();
      const pid = start + i;
      offsets[i] = used;
      for (let k = 0; k < m; ) {
        const id = Math.floor(packed[k] / 65536);
        let n = 0;
        for (; k < m && Math.floor(packed[k] / 65536) === id; k++) n += packed[k] % 65536;
        // A count of 0 (a damaged saved index) is no posting: the passage does not hold the term.
        if (n < 1) continue;
        const tf = Math.min(n, TF_LIMIT);
        termIds[used] = id;
        tfs[used] = tf;
        used++;
        this.addPosting(id, pid * 256 + tf);
        this.df[id]++;
      }
      this.passDoc[pid] = doc;
      // A whole number that fits the table (a saved index is read back from disk): what is added is what removal takes away.
      const len = Math.max(0, Math.min(Math.floor(p.len) || 0, 2 ** 31 - 1));
      this.passLen[pid] = len;
      this.dead[pid] = 0;
      this.totalLen += len;
    }
    offsets[count] = used;
    // A term met only with a count of 0 got an id but no posting: forgotten, as a fresh index never had it.
    for (let id = termsBefore; id < this.termText.length; id++) if (this.df[id] === 0) this.termIds.delete(this.termText[id]);
    doc.terms = used === total ? termIds : termIds.slice(0, used);
    (doc as { tfs: Uint8Array }).tfs = used === total ? tfs : tfs.slice(0, used);
    this.pidCount = start + count;
    this.livePassages += count;
    this.docs.set(docId, doc);
  }

  /**
   * A document's passages' term counts as the index holds them (each passage's distinct terms in
   * the index's order, counts past 255 as 255): what a persisted index stores, and restores with
   * `setDocumentTerms`. Undefined for a document not in the index.
   */
  documentTerms(docId: string): PassageTerms[] | undefined {
    const doc = this.docs.get(docId);
    if (!doc) return undefined;
    const out: PassageTerms[] = [];
    for (let i = 0; i < doc.count; i++) {
      const terms: string[] = [];
      const tfs: number[] = [];
      for (let k = doc.offsets[i]; k < doc.offsets[i + 1]; k++) {
        terms.push(this.termText[doc.terms[k]]);
        tfs.push(doc.tfs[k]);
      }
      out.push({ terms, tfs, len: this.passLen[doc.start + i] });
    }
    return out;
  }

  private termId(text: string): number {
    let id = this.termIds.get(text);
    if (id === undefined) {
      id = this.termText.length;
      this.termIds.set(text, id);
      this.termText.push(text);
      this.postings.push([]);
      this.postingCount.push(0);
      this.df.push(0);
    }
    return id;
  }

  private addPosting(id: number, value: number): void {
    const list = this.postings[id];
    const n = this.postingCount[id];
    if (Array.isArray(list)) {
      list.push(value);
      if (list.length >= TYPED_FROM) this.postings[id] = Int32Array.from(list);
    } else {
      const typed = n < list.length ? list : grown(list, n + 1, (m) => new Int32Array(m));
      typed[n] = value;
      this.postings[id] = typed;
    }
    this.postingCount[id] = n + 1;
  }

  removeDocument(docId: string): void {
    const doc = this.docs.get(docId);
    if (!doc) return;
    this._generation++;
    this.docs.delete(docId);
    for (let i = 0; i < doc.count; i++) {
      const pid = doc.start + i;
      this.dead[pid] = 1;
      this.passDoc[pid] = undefined;
      this.totalLen -= this.passLen[pid];
    }
    for (let k = 0; k < doc.terms.length; k++) {
      const id = doc.terms[k];
      if (--this.df[id] === 0) {
        // No live passage holds it: forgotten now (its postings are all dead), as a fresh index never had it.
        this.termIds.delete(this.termText[id]);
        this.postings[id] = [];
        this.postingCount[id] = 0;
      }
    }
    this.livePassages -= doc.count;
    this.deadPassages += doc.count;
    if (this.deadPassages > 1024 && this.deadPassages * 4 > this.pidCount) this.compact();
  }

  /** Drops dead passages and forgotten terms, renumbering what is left in the same order. */
  private compact(): void {
    const liveTerms = this.termIds.size;
    if (this.deadPassages === 0 && liveTerms === this.termText.length) return;
    // Passage ids change: what was kept by id (the length norms) is made again.
    this._generation++;
    const newPid = new Int32Array(this.pidCount);
    let next = 0;
    const passDoc: Array<Doc | undefined> = [];
    const passLen = new Int32Array(Math.max(this.livePassages, 1024));
    for (let pid = 0; pid < this.pidCount; pid++) {
      if (this.dead[pid]) continue;
      newPid[pid] = next;
      passDoc.push(this.passDoc[pid]);
      passLen[next] = this.passLen[pid];
      next++;
    }
    const newTerm = new Int32Array(this.termText.length).fill(-1);
    const termText: string[] = [];
    const postings: Array<number[] | Int32Array> = [];
    const postingCount: number[] = [];
    const df: number[] = [];
    for (let id = 0; id < this.termText.length; id++) {
      if (this.df[id] === 0) continue;
      newTerm[id] = termText.length;
      this.termIds.set(this.termText[id], termText.length);
      termText.push(this.termText[id]);
      const list = this.postings[id];
      const n = this.postingCount[id];
      const kept: number[] = [];
      for (let k = 0; k < n; k++) {
        const v = list[k];
        const pid = v >>> 8;
        if (!this.dead[pid]) kept.push(newPid[pid] * 256 + (v & 255));
      }
      postings.push(kept.length >= TYPED_FROM ? Int32Array.from(kept) : kept);
      postingCount.push(kept.length);
      df.push(this.df[id]);
    }
    for (const doc of this.docs.values()) {
      doc.start = newPid[doc.start];
      for (let k = 0; k < doc.terms.length; k++) doc.terms[k] = newTerm[doc.terms[k]];
    }
    this.passDoc = passDoc;
    this.passLen = passLen;
    this.dead = new Uint8Array(passLen.length);
    this.pidCount = next;
    this.deadPassages = 0;
    this.termText = termText;
    this.postings = postings;
    this.postingCount = postingCount;
    this.df = df;
    if (this.scores.length > 2 * next + 1024) this.scores = new Float64Array(next);
  }

  private queryTerms(query: string | readonly string[], lang?: string): { terms: number[]; distinct: number } {
    const words = typeof query === "string" ? queryContentTerms(query, lang) : query.flatMap((q) => queryContentTerms(q, lang));
    const unique = [...new Set(words)];
    const terms: number[] = [];
    for (const w of unique) {
      const id = this.termIds.get(w);
      if (id !== undefined) terms.push(id);
    }
    return { terms, distinct: unique.length };
  }

  private idf(id: number): number {
    const n = this.livePassages;
    const df = this.df[id];
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /**
   * Each passage's BM25 length norm, `K1 * (1 - B + B * len / avgdl)`, computed as scorePassage
   * computes it (the same value to the bit), again only when a document was set or removed since:
   * a search over the whole library then does not divide once per posting.
   */
  private lengthNorms(): Float64Array {
    const avgdl = this.livePassages ? this.totalLen / this.livePassages : 1;
    if (this.normsGeneration !== this._generation || this.norms.length < this.pidCount) {
      if (this.norms.length < this.pidCount) this.norms = new Float64Array(Math.max(this.pidCount, 1024));
      for (let pid = 0; pid < this.pidCount; pid++) this.norms[pid] = K1 * (1 - B + (B * this.passLen[pid]) / avgdl);
      this.normsGeneration = this._generation;
    }
    return this.norms;
  }

  private scorePassage(pid: number, query: Map<number, number>): { score: number; matched: number[] } {
    const doc = this.passDoc[pid]!;
    const i = pid - doc.start;
    const avgdl = this.livePassages ? this.totalLen / this.livePassages : 1;
    const norm = K1 * (1 - B + (B * this.passLen[pid]) / avgdl);
    let score = 0;
    const matched: number[] = [];
    for (let k = doc.offsets[i]; k < doc.offsets[i + 1]; k++) {
      const id = doc.terms[k];
      const idf = query.get(id);
      if (idf === undefined) continue;
      const tf = doc.tfs[k];
      score += (idf * tf * (K1 + 1)) / (tf + norm);
      matched.push(id);
    }
    return { score, matched };
  }

  /** Equal scores are ordered by document, then passage: the same order whatever the index's history. */
  private tieOrder(a: number, b: number): number {
    const da = this.passDoc[a]!;
    const db = this.passDoc[b]!;
    return da.id < db.id ? -1 : da.id > db.id ? 1 : a - da.start - (b - db.start);
  }

  /** The passages sharing the most (rare) content with the query, best first. */
  search(query: string | readonly string[], options: SearchOptions = {}): PassageHit[] {
    const limit = options.limit ?? 10;
    const { terms, distinct } = this.queryTerms(query, options.lang);
    if (terms.length === 0 || distinct === 0) return [];
    const q = new Map(terms.map((t) => [t, this.idf(t)]));
    const candidates: Array<{ pid: number; score: number; matched: number[] }> = [];
    if (options.docIds) {
      const docIds = Array.isArray(options.docIds) ? options.docIds : [...(options.docIds as ReadonlySet<string>)];
      for (const d of docIds) {
        const doc = this.docs.get(d);
        if (!doc) continue;
        for (let pid = doc.start; pid < doc.start + doc.count; pid++) {
          const r = this.scorePassage(pid, q);
          if (r.score > 0) candidates.push({ pid, ...r });
        }
      }
    } else {
      if (this.scores.length < this.pidCount) this.scores = new Float64Array(Math.max(this.pidCount, this.scores.length * 2));
      const scores = this.scores;
      const dead = this.dead;
      const touched: number[] = [];
      const norms = this.lengthNorms();
      for (const term of terms) {
        const idf = q.get(term)!;
        const list = this.postings[term];
        const n = this.postingCount[term];
        for (let k = 0; k < n; k++) {
          const v = list[k];
          const pid = v >>> 8;
          if (dead[pid]) continue;
          const tf = v & 255;
          const norm = norms[pid];
          if (scores[pid] === 0) touched.push(pid);
          scores[pid] += (idf * tf * (K1 + 1)) / (tf + norm);
        }
      }
      const keep = Math.max(limit * 4, 50);
      let top = touched;
      if (touched.length > keep) {
        // The keep-th best score (selected in linear time, not sorted); then only passages at or above it are ordered in full.
        const values = new Float64Array(touched.length);
        for (let k = 0; k < touched.length; k++) values[k] = scores[touched[k]];
        const threshold = kthSmallest(values, values.length - keep);
        top = touched.filter((pid) => scores[pid] >= threshold);
      }
      top = top.sort((a, b) => scores[b] - scores[a] || this.tieOrder(a, b)).slice(0, keep);
      for (const pid of top) candidates.push({ pid, score: scores[pid], matched: [] });
      for (const pid of touched) scores[pid] = 0;
      for (const c of candidates) c.matched = this.scorePassage(c.pid, q).matched;
    }
    candidates.sort((a, b) => b.score - a.score || this.tieOrder(a.pid, b.pid));
    return candidates.slice(0, limit).map((c) => this.hit(c, terms, distinct));
  }

  /** The best passage of each document, documents ranked by it. */
  bestPerDocument(query: string | readonly string[], options: SearchOptions = {}): PassageHit[] {
    const limit = options.limit ?? 50;
    const hits = this.search(query, { ...options, limit: Math.max(limit * 8, 200) });
    const seen = new Set<string>();
    const out: PassageHit[] = [];
    for (const h of hits) {
      if (seen.has(h.docId)) continue;
      seen.add(h.docId);
      out.push(h);
      if (out.length >= limit) break;
    }
    return out;
  }

  private hit(c: { pid: number; score: number; matched: number[] }, query: readonly number[], distinct: number): PassageHit {
    // In query order, so the answer does not depend on the order terms entered the index.
    const matched = new Set(c.matched);
    const matchedTerms = query.filter((t) => matched.has(t)).map((t) => this.termText[t]);
    const doc = this.passDoc[c.pid]!;
    return { docId: doc.id, passage: c.pid - doc.start, score: c.score, matchedTerms, coverage: distinct ? matchedTerms.length / distinct : 0 };
  }
}

/**
 * The value that would stand at index `k` if `a` were sorted ascending (`a` is reordered): a
 * quickselect with median-of-three pivots, falling back to a sort should it take many more rounds
 * than a fair split would (so it is never quadratic).
 */
export function kthSmallest(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  let rounds = 0;
  const limit = 2 * Math.ceil(Math.log2(a.length + 1)) + 8;
  while (hi > lo) {
    if (++rounds > limit) {
      const rest = a.subarray(lo, hi + 1).sort();
      return rest[k - lo];
    }
    const mid = (lo + hi) >>> 1;
    // Median of three as the pivot.
    const x = a[lo];
    const y = a[mid];
    const z = a[hi];
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  return a[k];
}
