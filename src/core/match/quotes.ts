/**
 * Quoted passages in a brief's sentences, and finding them in sources.
 *
 * Matching is word-level, forgiving where writers are and strict where facts are:
 * - forgiven: case, white space (line breaks included), straight or curly quote marks and
 *   apostrophes, dash kinds, Unicode compatibility forms (NFKC), and punctuation between
 *   words generally (a quote that drops a trailing comma or full stop still matches; Markdown
 *   emphasis in a source is ignored); `%` and currency signs are words and must match;
 * - an elision (`...`, `…`, `. . .`, `[...]`, `[…]`, `(...)`) inside the quote stands for any
 *   span of text: the pieces it separates must appear in the source in order, each starting
 *   within {@link MAX_ELISION_GAP} characters of the end of the one before;
 * - strict: every word must be there, unchanged, in order (apart from elisions).
 */
import { normalize, normalizeWithMap, wordTokensOf, type WordToken } from "./normalize";

/** A quoted passage of a sentence: the inner text and its offsets within the sentence. */
export interface QuoteSpan {
  text: string;
  start: number;
  end: number;
}

/** The source span most like a quote that was not found, in the source's own words. */
export interface ClosestQuote {
  sourceIndex: number;
  start: number;
  end: number;
  text: string;
  /** 0..1: 1 − (word edit distance ÷ the longer of the two word counts). */
  similarity: number;
}

export type QuoteResult =
  | { found: true; sourceIndex: number; start: number; end: number }
  | { found: false; closest?: ClosestQuote };

/** A quote must have this many words to be checked. */
export const MIN_QUOTE_WORDS = 3;
/** The greatest number of source characters an elision may stand for. */
export const MAX_ELISION_GAP = 400;
/** A closest passage is offered only when at least this similar to the quote. */
export const MIN_CLOSEST_SIMILARITY = 0.3;

// ---------------------------------------------------------------------------------------
// Extraction

const WORDLIKE = /[\p{L}\p{N}]/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
/** What continues a word after an apostrophe, as the word tokens of normalize.ts read it. */
const WORD_CONTINUES = /[\p{L}\p{M}\p{N}]/u;

/** The whole character (code point) at `i`: both halves of a surrogate pair; "" past the end. */
function charAt(s: string, i: number): string {
  const c = s.codePointAt(i);
  return c === undefined ? "" : String.fromCodePoint(c);
}

/** What may stand right before an opening quote mark. */
const OPEN_CONTEXT = /[\s([{\u2014\u2013\-/:;,"“„«「『‹]/u;

function countWords(s: string): number {
  let n = 0;
  for (const w of s.split(/[\s\u2014\u2013]+/u)) if (WORDLIKE.test(w)) n++;
  return n;
}

/** Chinese characters and kana: a quote in Chinese or Japanese is long enough by its characters. */
const CJK_CHAR = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\u30FC]/gu;
/** A quote of this many Chinese characters or kana is checked, as three words are (`「この協定は」` is; a name in `「」` is not). */
export const MIN_QUOTE_CJK_CHARS = 5;

function longEnough(s: string): boolean {
  if (countWords(s) >= MIN_QUOTE_WORDS) return true;
  return (s.match(CJK_CHAR)?.length ?? 0) >= MIN_QUOTE_CJK_CHARS;
}

function pushTrimmed(out: QuoteSpan[], sentence: string, from: number, to: number): void {
  let a = from;
  let b = to;
  while (a < b && /\s/u.test(sentence[a])) a++;
  while (b > a && /\s/u.test(sentence[b - 1])) b--;
  const text = sentence.slice(a, b);
  if (longEnough(text)) out.push({ text, start: a, end: b });
}

/**
 * The quoted passages of 3 or more words in a sentence: straight `"…"`, curly `“…”`, `„…“`
 * and `«…»` double quotes, and curly single quotes `‘…’` where they are clearly a quote
 * (the `‘` opens after a space or opening punctuation and is not an elided `‘90s`; the
 * closing `’` is not an apostrophe inside a word). Single quotes nested in a double-quoted
 * passage belong to it. Straight single quotes are not read as quotes (they are too often
 * apostrophes). Offsets are those of the inner text, trimmed, within the sentence.
 */
export function extractQuotes(sentence: string): QuoteSpan[] {
  const out: QuoteSpan[] = [];
  const n = sentence.length;
  const doubles: Array<[number, number]> = [];
  for (let i = 0; i < n; i++) {
    const c = sentence[i];
    let close = -1;
    if (c === '"') {
      const prev = i > 0 ? sentence[i - 1] : " ";
      if (!OPEN_CONTEXT.test(prev) && prev !== "'" && prev !== "‘") continue;
      close = sentence.indexOf('"', i + 1);
    } else if (c === "“") {
      close = sentence.indexOf("”", i + 1);
    } else if (c === "„") {
      const a = sentence.indexOf("“", i + 1);
      const b = sentence.indexOf("”", i + 1);
      close = a < 0 ? b : b < 0 ? a : Math.min(a, b);
    } else if (c === "«") {
      close = sentence.indexOf("»", i + 1);
    } else if (c === "「" || c === "『" || c === "‹" || c === "‚") {
      // Japanese and Chinese corner brackets (『』 inside 「」 belong to it), the single guillemets, German `‚…‘`.
      close = sentence.indexOf(c === "「" ? "」" : c === "『" ? "』" : c === "‹" ? "›" : "‘", i + 1);
    } else {
      continue;
    }
    if (close < 0) continue;
    doubles.push([i, close]);
    pushTrimmed(out, sentence, i + 1, close);
    i = close;
  }
  // Curly single quotes, outside double-quoted passages.
  let d = 0;
  for (let i = 0; i < n; i++) {
    while (d < doubles.length && doubles[d][1] < i) d++;
    if (d < doubles.length && doubles[d][0] <= i) {
      i = doubles[d][1];
      continue;
    }
    if (sentence[i] !== "‘") continue;
    const prev = i > 0 ? sentence[i - 1] : " ";
    if (!OPEN_CONTEXT.test(prev)) continue;
    const next = charAt(sentence, i + 1);
    if (!LETTER_OR_DIGIT.test(next) || /\p{N}/u.test(next)) continue;
    let close = -1;
    for (let j = i + 1; j < n; j++) {
      if (d < doubles.length && j >= doubles[d][0]) break;
      if (sentence[j] !== "’") continue;
      const after = charAt(sentence, j + 1);
      const before = sentence[j - 1];
      if (WORD_CONTINUES.test(after)) continue; // an apostrophe inside a word: don’t, or before 𝔸 or a combining mark
      if (/\s/u.test(before)) continue;
      close = j;
      break;
    }
    if (close < 0) continue;
    pushTrimmed(out, sentence, i + 1, close);
    i = close;
  }
  out.sort((a, b) => a.start - b.start);
  return out;
}

// ---------------------------------------------------------------------------------------
// Prepared sources

interface Prepared {
  text: string;
  words: string[];
  starts: number[];
  ends: number[];
  /** Positions of each word. */
  index: Map<string, number[]>;
}

const CACHE_SIZE = 64;
const cache = new Map<string, Prepared>();

function prepare(text: string): Prepared {
  const hit = cache.get(text);
  if (hit) {
    cache.delete(text);
    cache.set(text, hit);
    return hit;
  }
  const toks = wordTokensOf(normalizeWithMap(text));
  const words = new Array<string>(toks.length);
  const starts = new Array<number>(toks.length);
  const ends = new Array<number>(toks.length);
  const index = new Map<string, number[]>();
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    words[i] = t.text;
    starts[i] = t.start;
    ends[i] = t.end;
    const list = index.get(t.text);
    if (list) list.push(i);
    else index.set(t.text, [i]);
  }
  const p: Prepared = { text, words, starts, ends, index };
  cache.set(text, p);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return p;
}

// ---------------------------------------------------------------------------------------
// Quote pieces

/** An elision, in normalized text (NFKC has already made `…` into `...`). */
const ELISION = /[[(]\s*\.(?:\s?\.){2,}\s*[\])]|\.(?:\s?\.){2,}/g;

/** The quote's pieces between elisions, each as its normalized words. */
export function quotePieces(quote: string): string[][] {
  const norm = normalize(quote);
  const pieces: string[][] = [];
  for (const part of norm.split(ELISION)) {
    const words = wordTokensOf(normalizeWithMap(part)).map((t: WordToken) => t.text);
    if (words.length) pieces.push(words);
  }
  return pieces;
}

function matchesAt(src: Prepared, piece: readonly string[], at: number): boolean {
  if (at < 0 || at + piece.length > src.words.length) return false;
  for (let k = 0; k < piece.length; k++) if (src.words[at + k] !== piece[k]) return false;
  return true;
}

/** Where the pieces match in order, each within the gap of the one before; or undefined. */
function matchPieces(src: Prepared, pieces: readonly string[][]): { start: number; end: number } | undefined {
  const first = pieces[0];
  // Seed with the rarest word of the first piece.
  let rareK = 0;
  let rareList: number[] | undefined;
  for (let k = 0; k < first.length; k++) {
    const list = src.index.get(first[k]);
    if (!list) return undefined;
    if (!rareList || list.length < rareList.length) {
      rareList = list;
      rareK = k;
    }
  }
  // Every other piece must hold only words the source has.
  for (let p = 1; p < pieces.length; p++) for (const w of pieces[p]) if (!src.index.has(w)) return undefined;
  let budget = 200_000;
  const rest = (p: number, from: number): number => {
    // Returns the word index just past the last piece, or -1.
    if (p === pieces.length) return from;
    const prevEnd = src.ends[from - 1];
    const piece = pieces[p];
    for (let j = from; j < src.words.length; j++) {
      if (src.starts[j] - prevEnd > MAX_ELISION_GAP) break;
      if (--budget < 0) return -1;
      if (!matchesAt(src, piece, j)) continue;
      const r = rest(p + 1, j + piece.length);
      if (r >= 0) return r;
    }
    return -1;
  };
  for (const pos of rareList!) {
    const at = pos - rareK;
    if (!matchesAt(src, first, at)) continue;
    const end = rest(1, at + first.length);
    if (end >= 0) return { start: src.starts[at], end: src.ends[end - 1] };
    if (budget < 0) return undefined;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------
// Closest passage

/**
 * Word edit distance of the quote against the best-fitting span of `words[lo, hi)` (a
 * fitting alignment: the span may start and end anywhere). Among equally good spans, the
 * one whose length is nearest the quote's wins (so a changed last word is kept in the span).
 */
function fit(q: readonly string[], words: readonly string[], lo: number, hi: number): { dist: number; start: number; end: number; shared: number } {
  const m = q.length;
  const w = hi - lo;
  // cost[j], from[j] (where the span starts), same[j] (matched words) for the current row.
  let cost = new Int32Array(w + 1);
  let from = new Int32Array(w + 1);
  let same = new Int32Array(w + 1);
  for (let j = 0; j <= w; j++) from[j] = j;
  for (let i = 1; i <= m; i++) {
    const nc = new Int32Array(w + 1);
    const nf = new Int32Array(w + 1);
    const ns = new Int32Array(w + 1);
    nc[0] = i;
    nf[0] = 0;
    for (let j = 1; j <= w; j++) {
      const eq = q[i - 1] === words[lo + j - 1];
      let c = cost[j - 1] + (eq ? 0 : 1);
      let f = from[j - 1];
      let sh = same[j - 1] + (eq ? 1 : 0);
      if (cost[j] + 1 < c) {
        c = cost[j] + 1;
        f = from[j];
        sh = same[j];
      }
      if (nc[j - 1] + 1 < c) {
        c = nc[j - 1] + 1;
        f = nf[j - 1];
        sh = ns[j - 1];
      }
      nc[j] = c;
      nf[j] = f;
      ns[j] = sh;
    }
    cost = nc;
    from = nf;
    same = ns;
  }
  let best = -1;
  for (let j = 1; j <= w; j++) {
    if (j <= from[j]) continue;
    if (best < 0 || cost[j] < cost[best] || (cost[j] === cost[best] && Math.abs(j - from[j] - m) < Math.abs(best - from[best] - m))) best = j;
  }
  if (best < 0) return { dist: m, start: lo, end: lo, shared: 0 };
  return { dist: cost[best], start: lo + from[best], end: lo + best, shared: same[best] };
}

interface Candidate {
  sourceIndex: number;
  start: number;
  end: number;
  similarity: number;
  shared: number;
}

const TOP_WINDOWS = 6;

function closestIn(src: Prepared, sourceIndex: number, q: readonly string[]): Candidate | undefined {
  const m = q.length;
  const N = src.words.length;
  if (m === 0 || N === 0) return undefined;
  const want = new Map<string, number>();
  for (const w of q) want.set(w, (want.get(w) ?? 0) + 1);
  const have = new Map<string, number>();
  const size = Math.min(m, N);
  let overlap = 0;
  const add = (w: string): void => {
    const need = want.get(w);
    if (need === undefined) return;
    const h = (have.get(w) ?? 0) + 1;
    have.set(w, h);
    if (h <= need) overlap++;
  };
  const remove = (w: string): void => {
    const need = want.get(w);
    if (need === undefined) return;
    const h = have.get(w)! - 1;
    have.set(w, h);
    if (h < need) overlap--;
  };
  // The windows of the quote's word count sharing the most words (a linear sliding window).
  const top: Array<{ at: number; overlap: number }> = [];
  const consider = (at: number): void => {
    if (overlap === 0) return;
    if (top.length === TOP_WINDOWS && overlap <= top[top.length - 1].overlap) return;
    // Skip a window overlapping an already kept one with no more shared words.
    for (const t of top) if (Math.abs(t.at - at) < size && t.overlap >= overlap) return;
    top.push({ at, overlap });
    top.sort((a, b) => b.overlap - a.overlap || a.at - b.at);
    if (top.length > TOP_WINDOWS) top.pop();
  };
  for (let j = 0; j < size; j++) add(src.words[j]);
  consider(0);
  for (let at = 1; at + size <= N; at++) {
    remove(src.words[at - 1]);
    add(src.words[at + size - 1]);
    consider(at);
  }
  let best: Candidate | undefined;
  const slack = Math.max(2, Math.ceil(m / 2));
  for (const t of top) {
    const lo = Math.max(0, t.at - slack);
    const hi = Math.min(N, t.at + size + slack);
    const f = fit(q, src.words, lo, hi);
    if (f.end <= f.start) continue;
    const len = f.end - f.start;
    const similarity = 1 - f.dist / Math.max(m, len);
    if (!best || similarity > best.similarity || (similarity === best.similarity && f.shared > best.shared)) {
      best = { sourceIndex, start: f.start, end: f.end, similarity, shared: f.shared };
    }
  }
  return best;
}

// ---------------------------------------------------------------------------------------
// Finding

/**
 * Looks for a quote in the sources. Found: the first source holding it and the span, in
 * that source's original text, from the first to the last matched word. Not found: the
 * source span most like the quote (word edit distance against the best-fitting span near
 * the windows that share the most words), as the source's own text, when it is at least
 * {@link MIN_CLOSEST_SIMILARITY} similar and shares at least two words with the quote.
 */
export function findQuote(quote: string, sources: readonly string[]): QuoteResult {
  const pieces = quotePieces(quote);
  if (pieces.length === 0) return { found: false };
  const prepared = sources.map(prepare);
  for (let i = 0; i < prepared.length; i++) {
    const hit = matchPieces(prepared[i], pieces);
    if (hit) return { found: true, sourceIndex: i, start: hit.start, end: hit.end };
  }
  const q = pieces.flat();
  let best: Candidate | undefined;
  for (let i = 0; i < prepared.length; i++) {
    const c = closestIn(prepared[i], i, q);
    if (c && (!best || c.similarity > best.similarity)) best = c;
  }
  if (!best || best.similarity < MIN_CLOSEST_SIMILARITY || best.shared < Math.min(2, q.length)) return { found: false };
  const src = prepared[best.sourceIndex];
  const start = src.starts[best.start];
  const end = src.ends[best.end - 1];
  return {
    found: false,
    closest: { sourceIndex: best.sourceIndex, start, end, text: src.text.slice(start, end), similarity: Math.round(best.similarity * 1000) / 1000 },
  };
}
