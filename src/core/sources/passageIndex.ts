import { contentTerms } from "./tokenize";

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
  limit?: number;
  /** Only these documents: their passages are scored directly, without touching the rest. */
  docIds?: ReadonlySet<string> | readonly string[];
}

const K1 = 1.2;
const B = 0.75;

interface Posting {
  pids: number[];
  tfs: number[];
}

/**
 * A BM25 index of passages across many documents, updated one document at a time. Removal leaves
 * tombstones that are compacted away once they are a third of the index.
 */
export class PassageIndex {
  private readonly termIds = new Map<string, number>();
  private readonly terms: string[] = [];
  private readonly postings: Posting[] = [];
  private readonly df: number[] = [];
  // Per passage id:
  private readonly passDoc: string[] = [];
  private readonly passNo: number[] = [];
  private readonly passLen: number[] = [];
  private readonly passTerms: Int32Array[] = [];
  private readonly passTfs: Uint16Array[] = [];
  private readonly alive: boolean[] = [];
  private readonly docs = new Map<string, number[]>();
  private totalLen = 0;
  private aliveCount = 0;
  private deadCount = 0;
  private scores = new Float64Array(0);

  get documentCount(): number {
    return this.docs.size;
  }

  get passageCount(): number {
    return this.aliveCount;
  }

  /** Adds or replaces one document's passages. */
  setDocument(docId: string, passages: ReadonlyArray<{ text: string }>): void {
    this.removeDocument(docId);
    const pids: number[] = [];
    passages.forEach((p, i) => {
      const counts = new Map<number, number>();
      let len = 0;
      for (const term of contentTerms(p.text)) {
        let id = this.termIds.get(term);
        if (id === undefined) {
          id = this.terms.length;
          this.termIds.set(term, id);
          this.terms.push(term);
          this.postings.push({ pids: [], tfs: [] });
          this.df.push(0);
        }
        counts.set(id, (counts.get(id) ?? 0) + 1);
        len++;
      }
      const pid = this.passDoc.length;
      const ids = new Int32Array(counts.size);
      const tfs = new Uint16Array(counts.size);
      let k = 0;
      for (const [id, tf] of counts) {
        ids[k] = id;
        tfs[k] = Math.min(tf, 65535);
        k++;
        const post = this.postings[id];
        post.pids.push(pid);
        post.tfs.push(tf);
        this.df[id]++;
      }
      this.passDoc.push(docId);
      this.passNo.push(i);
      this.passLen.push(len);
      this.passTerms.push(ids);
      this.passTfs.push(tfs);
      this.alive.push(true);
      this.totalLen += len;
      this.aliveCount++;
      pids.push(pid);
    });
    this.docs.set(docId, pids);
  }

  removeDocument(docId: string): void {
    const pids = this.docs.get(docId);
    if (!pids) return;
    this.docs.delete(docId);
    for (const pid of pids) {
      this.alive[pid] = false;
      for (const id of this.passTerms[pid]) this.df[id]--;
      this.totalLen -= this.passLen[pid];
      this.aliveCount--;
      this.deadCount++;
      this.passTerms[pid] = new Int32Array(0);
      this.passTfs[pid] = new Uint16Array(0);
    }
    if (this.deadCount > 1000 && this.deadCount > this.aliveCount / 2) this.compact();
  }

  private compact(): void {
    for (const post of this.postings) {
      let w = 0;
      for (let r = 0; r < post.pids.length; r++) {
        if (!this.alive[post.pids[r]]) continue;
        post.pids[w] = post.pids[r];
        post.tfs[w] = post.tfs[r];
        w++;
      }
      post.pids.length = w;
      post.tfs.length = w;
    }
    this.deadCount = 0;
  }

  private queryTermIds(query: string | readonly string[]): { ids: number[]; distinct: number } {
    const terms = typeof query === "string" ? contentTerms(query) : query.flatMap((q) => contentTerms(q));
    const unique = [...new Set(terms)];
    const ids: number[] = [];
    for (const t of unique) {
      const id = this.termIds.get(t);
      if (id !== undefined && this.df[id] > 0) ids.push(id);
    }
    return { ids, distinct: unique.length };
  }

  private idf(id: number): number {
    const n = this.aliveCount;
    const df = this.df[id];
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  private scorePassage(pid: number, query: Map<number, number>): { score: number; matched: number[] } {
    const ids = this.passTerms[pid];
    const tfs = this.passTfs[pid];
    const avgdl = this.aliveCount ? this.totalLen / this.aliveCount : 1;
    const norm = K1 * (1 - B + (B * this.passLen[pid]) / avgdl);
    let score = 0;
    const matched: number[] = [];
    for (let k = 0; k < ids.length; k++) {
      const idf = query.get(ids[k]);
      if (idf === undefined) continue;
      const tf = tfs[k];
      score += (idf * tf * (K1 + 1)) / (tf + norm);
      matched.push(ids[k]);
    }
    return { score, matched };
  }

  /** The passages sharing the most (rare) content with the query, best first. */
  search(query: string | readonly string[], options: SearchOptions = {}): PassageHit[] {
    const limit = options.limit ?? 10;
    const { ids, distinct } = this.queryTermIds(query);
    if (ids.length === 0 || distinct === 0) return [];
    const q = new Map(ids.map((id) => [id, this.idf(id)]));
    const candidates: Array<{ pid: number; score: number; matched: number[] }> = [];
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
      const avgdl = this.aliveCount ? this.totalLen / this.aliveCount : 1;
      for (const id of ids) {
        const idf = q.get(id)!;
        const post = this.postings[id];
        for (let k = 0; k < post.pids.length; k++) {
          const pid = post.pids[k];
          if (!this.alive[pid]) continue;
          const tf = post.tfs[k];
          const norm = K1 * (1 - B + (B * this.passLen[pid]) / avgdl);
          if (scores[pid] === 0) touched.push(pid);
          scores[pid] += (idf * tf * (K1 + 1)) / (tf + norm);
        }
      }
      const keep = Math.max(limit * 4, 50);
      const top = touched.sort((a, b) => scores[b] - scores[a]).slice(0, keep);
      for (const pid of top) candidates.push({ pid, score: scores[pid], matched: [] });
      for (const pid of touched) scores[pid] = 0;
      for (const c of candidates) c.matched = this.scorePassage(c.pid, q).matched;
    }
    candidates.sort((a, b) => b.score - a.score || a.pid - b.pid);
    return candidates.slice(0, limit).map((c) => this.hit(c, distinct));
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

  private hit(c: { pid: number; score: number; matched: number[] }, distinct: number): PassageHit {
    const matchedTerms = c.matched.map((id) => this.terms[id]);
    return { docId: this.passDoc[c.pid], passage: this.passNo[c.pid], score: c.score, matchedTerms, coverage: distinct ? matchedTerms.length / distinct : 0 };
  }
}
