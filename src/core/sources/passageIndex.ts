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

/** One indexed term and its postings: the passages holding it and how often (df = pids.length). */
interface Term {
  readonly text: string;
  /** Creation order, so a passage's terms can be kept sorted and found by binary search. */
  readonly id: number;
  readonly pids: number[];
  readonly tfs: number[];
}

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
 * A BM25 index of passages across many documents, updated one document at a time. Storage is
 * dense: removing a document deletes its postings at once (the last posting moves into the freed
 * slot), deletes every term no passage holds any more, and moves the last passage into each freed
 * passage slot, so the index holds exactly what a fresh index of the same documents would hold
 * however often a document is replaced (a source re-indexed while someone types in it).
 */
export class PassageIndex {
  private readonly termsByText = new Map<string, Term>();
  private nextTermId = 0;
  // Per passage id, 0..passageCount-1:
  private readonly passDoc: string[] = [];
  private readonly passNo: number[] = [];
  private readonly passLen: number[] = [];
  /** The passage's distinct terms, sorted by term id. */
  private readonly passTerms: Term[][] = [];
  private readonly passTfs: Uint16Array[] = [];
  /** Where this passage sits in each of its terms' postings. */
  private readonly passPos: Int32Array[] = [];
  private readonly docs = new Map<string, number[]>();
  private totalLen = 0;
  /** Scratch buffer for search, indexed by passage id. */
  private scores = new Float64Array(0);

  get documentCount(): number {
    return this.docs.size;
  }

  get passageCount(): number {
    return this.passDoc.length;
  }

  /** Sizes of the internal structures; an index equals a fresh one holding the same documents. */
  sizes(): PassageIndexSizes {
    let postings = 0;
    for (const t of this.termsByText.values()) {
      if (t.pids.length !== t.tfs.length) throw new Error(`term ${t.text}: postings out of step`);
      postings += t.pids.length;
    }
    let documentPassages = 0;
    for (const pids of this.docs.values()) documentPassages += pids.length;
    return {
      documents: this.docs.size,
      documentPassages,
      terms: this.termsByText.size,
      postings,
      passages: this.passDoc.length,
      passageSlots: [this.passNo.length, this.passLen.length, this.passTerms.length, this.passTfs.length, this.passPos.length],
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
    const pids: number[] = [];
    passages.forEach((p, i) => {
      const counts = new Map<Term, number>();
      const len = p.len;
      for (let k = 0; k < p.terms.length; k++) {
        const text = p.terms[k];
        let term = this.termsByText.get(text);
        if (term === undefined) {
          term = { text, id: this.nextTermId++, pids: [], tfs: [] };
          this.termsByText.set(text, term);
        }
        counts.set(term, (counts.get(term) ?? 0) + p.tfs[k]);
      }
      const pid = this.passDoc.length;
      const terms = [...counts.keys()].sort((a, b) => a.id - b.id);
      const tfs = new Uint16Array(terms.length);
      const pos = new Int32Array(terms.length);
      terms.forEach((term, k) => {
        const tf = Math.min(counts.get(term)!, 65535);
        tfs[k] = tf;
        pos[k] = term.pids.length;
        term.pids.push(pid);
        term.tfs.push(tf);
      });
      this.passDoc.push(docId);
      this.passNo.push(i);
      this.passLen.push(len);
      this.passTerms.push(terms);
      this.passTfs.push(tfs);
      this.passPos.push(pos);
      this.totalLen += len;
      pids.push(pid);
    });
    this.docs.set(docId, pids);
  }

  removeDocument(docId: string): void {
    const pids = this.docs.get(docId);
    if (!pids) return;
    this.docs.delete(docId);
    // Highest first: the passage moved into a freed slot is then never one still to be removed.
    for (const pid of [...pids].sort((a, b) => b - a)) this.removePassage(pid);
    if (this.scores.length > 2 * this.passDoc.length + 1024) this.scores = new Float64Array(this.passDoc.length);
  }

  private removePassage(pid: number): void {
    const terms = this.passTerms[pid];
    const pos = this.passPos[pid];
    for (let k = 0; k < terms.length; k++) {
      const term = terms[k];
      const at = pos[k];
      const last = term.pids.length - 1;
      if (at !== last) {
        // The term's last posting fills the hole; tell its passage where it went.
        const moved = term.pids[last];
        term.pids[at] = moved;
        term.tfs[at] = term.tfs[last];
        this.passPos[moved][this.termSlot(moved, term)] = at;
      }
      term.pids.pop();
      term.tfs.pop();
      if (term.pids.length === 0) this.termsByText.delete(term.text);
    }
    this.totalLen -= this.passLen[pid];
    const lastPid = this.passDoc.length - 1;
    if (pid !== lastPid) {
      // The last passage moves into the freed slot: its postings and its document follow.
      const lastTerms = this.passTerms[lastPid];
      const lastPos = this.passPos[lastPid];
      for (let k = 0; k < lastTerms.length; k++) lastTerms[k].pids[lastPos[k]] = pid;
      const owner = this.docs.get(this.passDoc[lastPid])!;
      owner[owner.indexOf(lastPid)] = pid;
      this.passDoc[pid] = this.passDoc[lastPid];
      this.passNo[pid] = this.passNo[lastPid];
      this.passLen[pid] = this.passLen[lastPid];
      this.passTerms[pid] = lastTerms;
      this.passTfs[pid] = this.passTfs[lastPid];
      this.passPos[pid] = lastPos;
    }
    this.passDoc.pop();
    this.passNo.pop();
    this.passLen.pop();
    this.passTerms.pop();
    this.passTfs.pop();
    this.passPos.pop();
  }

  /** Index of `term` among a passage's terms (sorted by id). */
  private termSlot(pid: number, term: Term): number {
    const terms = this.passTerms[pid];
    let lo = 0;
    let hi = terms.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const id = terms[mid].id;
      if (id === term.id) return mid;
      if (id < term.id) lo = mid + 1;
      else hi = mid - 1;
    }
    throw new Error(`passage ${pid} does not hold the term ${term.text}`);
  }

  private queryTerms(query: string | readonly string[], lang?: string): { terms: Term[]; distinct: number } {
    const words = typeof query === "string" ? queryContentTerms(query, lang) : query.flatMap((q) => queryContentTerms(q, lang));
    const unique = [...new Set(words)];
    const terms: Term[] = [];
    for (const w of unique) {
      const term = this.termsByText.get(w);
      if (term !== undefined) terms.push(term);
    }
    return { terms, distinct: unique.length };
  }

  private idf(term: Term): number {
    const n = this.passDoc.length;
    const df = term.pids.length;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  private scorePassage(pid: number, query: Map<Term, number>): { score: number; matched: Term[] } {
    const terms = this.passTerms[pid];
    const tfs = this.passTfs[pid];
    const avgdl = this.passDoc.length ? this.totalLen / this.passDoc.length : 1;
    const norm = K1 * (1 - B + (B * this.passLen[pid]) / avgdl);
    let score = 0;
    const matched: Term[] = [];
    for (let k = 0; k < terms.length; k++) {
      const idf = query.get(terms[k]);
      if (idf === undefined) continue;
      const tf = tfs[k];
      score += (idf * tf * (K1 + 1)) / (tf + norm);
      matched.push(terms[k]);
    }
    return { score, matched };
  }

  /** Equal scores are ordered by document, then passage: the same order whatever the index's history. */
  private tieOrder(a: number, b: number): number {
    const da = this.passDoc[a];
    const db = this.passDoc[b];
    return da < db ? -1 : da > db ? 1 : this.passNo[a] - this.passNo[b];
  }

  /** The passages sharing the most (rare) content with the query, best first. */
  search(query: string | readonly string[], options: SearchOptions = {}): PassageHit[] {
    const limit = options.limit ?? 10;
    const { terms, distinct } = this.queryTerms(query, options.lang);
    if (terms.length === 0 || distinct === 0) return [];
    const q = new Map(terms.map((t) => [t, this.idf(t)]));
    const candidates: Array<{ pid: number; score: number; matched: Term[] }> = [];
    if (options.docIds) {
      const docIds = Array.isArray(options.docIds) ? options.docIds : [...(options.docIds as ReadonlySet<string>)];
      for (const d of docIds) {
        for (const pid of this.docs.get(d) ?? []) {
          const r = this.scorePassage(pid, q);
          if (r.score > 0) candidates.push({ pid, ...r });
        }
      }
    } else {
      if (this.scores.length < this.passDoc.length) this.scores = new Float64Array(Math.max(this.passDoc.length, this.scores.length * 2));
      const scores = this.scores;
      const touched: number[] = [];
      const avgdl = this.passDoc.length ? this.totalLen / this.passDoc.length : 1;
      for (const term of terms) {
        const idf = q.get(term)!;
        const { pids, tfs } = term;
        for (let k = 0; k < pids.length; k++) {
          const pid = pids[k];
          const tf = tfs[k];
          const norm = K1 * (1 - B + (B * this.passLen[pid]) / avgdl);
          if (scores[pid] === 0) touched.push(pid);
          scores[pid] += (idf * tf * (K1 + 1)) / (tf + norm);
        }
      }
      const keep = Math.max(limit * 4, 50);
      let top = touched;
      if (touched.length > keep) {
        // The keep-th best score, by a numeric sort; then only passages at or above it are ordered in full.
        const sorted = new Float64Array(touched.length);
        for (let k = 0; k < touched.length; k++) sorted[k] = scores[touched[k]];
        sorted.sort();
        const threshold = sorted[sorted.length - keep];
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

  private hit(c: { pid: number; score: number; matched: Term[] }, query: readonly Term[], distinct: number): PassageHit {
    // In query order, so the answer does not depend on the order terms entered the index.
    const matched = new Set(c.matched);
    const matchedTerms = query.filter((t) => matched.has(t)).map((t) => t.text);
    return { docId: this.passDoc[c.pid], passage: this.passNo[c.pid], score: c.score, matchedTerms, coverage: distinct ? matchedTerms.length / distinct : 0 };
  }
}
