/**
 * The evidence for one claim: the window of one or two adjacent sentences of a cited source that
 * holds most of the claim's content words (and, when one window does not hold them all, a second
 * window of the same source for the rest: "two facts of one source"). Every verification rule
 * and the verdict read the same evidence, computed once per sentence per check.
 */
import { splitSentences } from "../parse/sentences";
import type { ResolvedSource } from "../rules/rule";
import type { SourceEntry } from "../sources/library";
import { sentenceFigures, type Figure } from "../match/figures";
import { namesIn } from "../match/support";
import { isContent, wordIndex, wordsOf, type Word } from "./words";
import { stem } from "../sources/tokenize";
import { knownLemma, lemmas } from "./lexicon";
import { dropWhenPacked } from "../sources/sourceText";

export interface SourceSentence {
  /** Offsets in the source file. */
  start: number;
  end: number;
  text: string;
  words: Word[];
}

export interface Window {
  key: string;
  entry: SourceEntry;
  /** Index of its first sentence in the source's sentences, and how many. */
  first: number;
  count: number;
  sentences: SourceSentence[];
  text: string;
  /** Claim content words this window holds. */
  matched: Set<string>;
}

export interface Evidence {
  /** The claim's content words (lower case; names and figures' words left out: they are checked apart). */
  terms: string[];
  /** The claim's names (capitalised words that are not its first). */
  names: string[];
  figures: Figure[];
  /** The best window, and a second one of the same source holding claim words the first lacks. */
  best?: Window;
  second?: Window;
  /** Share of `terms` the best window holds, and the two windows together. */
  coverage: number;
  unionCoverage: number;
  /** `terms` neither window holds. */
  missing: string[];
}

const sentencesCache = dropWhenPacked(new WeakMap<SourceEntry, SourceSentence[]>());

/** A source's sentences (of its body), made once per entry. */
export function sourceSentences(entry: SourceEntry): SourceSentence[] {
  let out = sentencesCache.get(entry);
  if (out) return out;
  out = [];
  const body = entry.text.slice(entry.bodyOffset);
  for (const s of splitSentences(body)) {
    let from = s.start;
    // A Markdown heading line glued to the first sentence is not part of it.
    while (body.startsWith("#", from)) {
      const nl = body.indexOf("\n", from);
      if (nl < 0 || nl >= s.end) {
        from = s.end;
        break;
      }
      from = nl + 1;
      while (from < s.end && /\s/.test(body[from])) from++;
    }
    const text = body.slice(from, s.end);
    if (!/\p{L}/u.test(text)) continue;
    out.push({ start: entry.bodyOffset + from, end: entry.bodyOffset + s.end, text, words: wordsOf(text) });
  }
  sentencesCache.set(entry, out);
  return out;
}

/**
 * The claim's names, with its first word when that is a name too: capitalised, not a function word
 * and not an English word the lexicon knows ("Ostrov visited…" but not "Exports rose…").
 */
export function withFirstWordName(claim: string, names: string[]): string[] {
  const m = /^[\s"“'‘(*_]*(\p{Lu}[\p{L}'’-]+)/u.exec(claim);
  if (!m) return names;
  const word = m[1].replace(/['’]s$/, "");
  const lower = word.toLowerCase();
  if (names.includes(word) || !isContent(lower) || lemmas(lower).some(knownLemma) || NOT_NAME_STARTS.has(lower)) return names;
  // "Vice-chancellor", "Two-fifths": words of the language joined, no name.
  const parts = lower.split(/[-‐]/);
  if (parts.length > 1 && parts.every((p) => p.length > 0 && (lemmas(p).some(knownLemma) || NOT_NAME_STARTS.has(p)))) return names;
  return [word, ...names];
}

const NOT_NAME_STARTS = new Set(["the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our", "some", "many", "most", "both", "all", "after", "before", "on", "in", "at", "by", "for", "from", "with", "during", "while", "when", "since", "until", "under", "over", "about", "according", "despite", "although", "though", "as", "if"]);

/** The words of a claim checked as content. */
export function claimTerms(claim: string, names: readonly string[], figures: readonly Figure[]): string[] {
  const nameSet = new Set(names.map((n) => n.toLowerCase()));
  const out = new Set<string>();
  let f = 0;
  for (const w of wordsOf(claim)) {
    if (!isContent(w.text) || nameSet.has(w.text)) continue;
    while (f < figures.length && figures[f].end <= w.start) f++;
    if (f < figures.length && w.start >= figures[f].start && w.end <= figures[f].end) continue;
    out.add(w.text);
  }
  return [...out];
}

/** Whether two sentences of a source stand in one paragraph (no blank line between them). */
export function sameParagraph(entry: SourceEntry, a: SourceSentence, b: SourceSentence): boolean {
  const between = entry.text.slice(Math.min(a.end, b.end), Math.max(a.start, b.start));
  return !/\n[ \t]*\r?\n/.test(between);
}

/** The claim's content words (not its names) a sentence holds, its synonyms included. */
export function sentenceHolds(ev: Pick<Evidence, "terms">, s: SourceSentence): Set<string> {
  return held(ev.terms, ev.terms.map(stem), s);
}

/** Claim words a sentence holds. */
function held(terms: readonly string[], stems: readonly string[], s: SourceSentence): Set<string> {
  const out = new Set<string>();
  const index = wordIndex(s.words);
  // A sentence that shares no stem with the claim is no candidate: its synonyms are not looked up.
  if (!stems.some((st) => index.hasStem(st))) return out;
  for (let i = 0; i < terms.length; i++) if (index.says(terms[i], stems[i])) out.add(terms[i]);
  return out;
}

/** A source of more sentences than this is searched in the passages the index ranks first for the claim. */
const ALL_SENTENCES_UP_TO = 12;
/** How many of those passages. */
const PASSAGES_SEARCHED = 4;

/** The evidence for a claim in its cited sources (the sources in citation order). */
export function findEvidence(claim: string, sources: readonly ResolvedSource[]): Evidence {
  const figures = sentenceFigures(claim);
  const names = withFirstWordName(claim, namesIn(claim));
  const terms = claimTerms(claim, names, figures);
  const nameTerms = names.map((n) => n.toLowerCase());
  const all = [...terms, ...nameTerms];
  const allStems = all.map(stem);
  let best: Window | undefined;
  let bestScore = -1;
  let bestPairs = 0;
  // The claim's pairs of adjacent words (any words), for telling windows that tie apart.
  const claimWords = wordsOf(claim);
  const claimPairs = new Set<string>();
  for (let k = 1; k < claimWords.length; k++) claimPairs.add(`${claimWords[k - 1].stem} ${claimWords[k].stem}`);
  const pairsHeld = (ss: readonly SourceSentence[]) => {
    let n = 0;
    for (const x of ss) for (let k = 1; k < x.words.length; k++) if (claimPairs.has(`${x.words[k - 1].stem} ${x.words[k].stem}`)) n++;
    return n;
  };
  let bestOf: { indices: number[]; at: (i: number) => Set<string> } | undefined;
  for (const src of sources) {
    const sentences = candidateSentences(claim, src);
    const heldBy = new Map<number, Set<string>>();
    const at = (i: number) => {
      let h = heldBy.get(i);
      if (!h) heldBy.set(i, (h = held(all, allStems, sentences.all[i])));
      return h;
    };
    for (const i of sentences.indices) {
      for (const count of [1, 2]) {
        if (i + count > sentences.all.length) continue;
        const matched = new Set(at(i));
        if (count === 2) for (const t of at(i + 1)) matched.add(t);
        // A second sentence must add something, and costs a little.
        const score = matched.size - (count === 2 ? 0.5 : 0);
        // Of two windows holding as much of the claim, the one that says more of it in its own order
        // (pairs of its words side by side): "The club does not yet own the gasworks site" rather than
        // a lede naming the club and the site.
        const tie = score === bestScore && score > 0 && count === 1 && best?.count === 1;
        // Only a one-sentence window is ever compared so: no other needs its pairs counted.
        const pairs = count === 1 && (tie || score > bestScore) ? pairsHeld(sentences.all.slice(i, i + 1)) : 0;
        if (score > bestScore || (tie && pairs > bestPairs)) {
          bestScore = score;
          bestPairs = pairs;
          const ss = sentences.all.slice(i, i + count);
          best = { key: src.key, entry: src.entry, first: i, count, sentences: ss, text: ss.map((s) => s.text).join(" "), matched };
          bestOf = { indices: sentences.indices, at };
        }
      }
    }
  }
  const share = (m: Set<string>) => (terms.length ? terms.filter((t) => m.has(t)).length / terms.length : 1);
  if (!best) return { terms, names, figures, coverage: 0, unionCoverage: 0, missing: terms };
  // A second window of the same source for what the first lacks.
  let second: Window | undefined;
  const lacking = terms.filter((t) => !best!.matched.has(t));
  if (lacking.length > 0 && bestOf) {
    const all2 = sourceSentences(best.entry);
    let top = 0;
    for (const k of bestOf.indices) {
      if (k >= best.first && k < best.first + best.count) continue;
      const h = bestOf.at(k);
      const adds = lacking.filter((t) => h.has(t)).length;
      if (adds > top) {
        top = adds;
        second = { key: best.key, entry: best.entry, first: k, count: 1, sentences: [all2[k]], text: all2[k].text, matched: h };
      }
    }
  }
  const union = new Set(best.matched);
  if (second) for (const t of second.matched) union.add(t);
  return { terms, names, figures, best, second, coverage: share(best.matched), unionCoverage: share(union), missing: terms.filter((t) => !union.has(t)) };
}

/**
 * The sentences worth scoring: every sentence of a short source; of a longer one (a news article,
 * a report), the sentences of the passages the index ranks first for the claim.
 */
function candidateSentences(claim: string, src: ResolvedSource): { all: SourceSentence[]; indices: number[] } {
  const all = sourceSentences(src.entry);
  if (all.length <= ALL_SENTENCES_UP_TO) return { all, indices: all.map((_, i) => i) };
  const indices = new Set<number>();
  for (const h of src.library.search(claim, { limit: PASSAGES_SEARCHED, paths: [src.entry.path] })) {
    const p = src.entry.passages[h.passage];
    if (!p) continue;
    // The first sentence ending after the passage starts (sentences are in order), then on while inside it.
    let lo = 0;
    let hi = all.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (all[mid].end <= p.start) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < all.length && all[i].start < p.end; i++) indices.add(i);
  }
  return { all, indices: [...indices].sort((a, b) => a - b) };
}
