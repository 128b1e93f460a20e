/**
 * Words of a claim and of a source sentence as the verification rules compare them: content words
 * (not function words, not the words of figures), and when two words say the same thing (the same
 * stem or lemma, a derived form, or near-synonyms in the lexicon).
 */
import { tokenize, stem } from "../sources/tokenize";
import { areSynonyms, lemmaOf, lemmas, senseGroups } from "./lexicon";
import { memoizeText } from "../memo";

/** Function words, reporting verbs and other glue that carries no checkable content. */
const GLUE = new Set(
  (
    "a about above after again against all also am an and any are as at be because been before being below between both but by can " +
    "could did do does doing during each few for from further had has have having he her here hers herself him himself his how i if " +
    "in into is it its itself just me more most my myself nor now of off on once only or other our ours ourselves out over own " +
    "same she should so some such than that the their theirs them themselves then there these they this those through to too under " +
    "until up very was we were what when where which while who whom why will with would you your yours yourself yourselves said says " +
    "say saying told tells tell according its it's would could may might must shall upon per via among amid within us ones " +
    "mr mrs ms dr another earlier later since last new including though although however whether yet even still thus therefore meanwhile"
  ).split(/\s+/),
);

/** Words that negate a clause (`not`, `no`, `never`…). */
export const NEGATORS = new Set(["not", "no", "never", "cannot", "can't", "won't", "didn't", "doesn't", "don't", "isn't", "aren't", "wasn't", "weren't", "hasn't", "haven't", "hadn't", "nor", "neither", "none", "nothing", "without"]);

export interface Word {
  /** Lower case, as written. */
  text: string;
  start: number;
  end: number;
  stem: string;
}

/** The words of a text (lower case) with their offsets, memoised (claims and source clauses recur check after check). Never change them. */
export const wordsOf: (text: string) => Word[] = memoizeText(wordsOfText, 4000);

function wordsOfText(text: string): Word[] {
  return tokenize(text).map((t) => {
    const w = t.term.replace(/'s$/, "");
    return { text: w, start: t.start, end: t.end, stem: stem(w) };
  });
}

/** Whether a word carries content (not glue, not a number, two letters or more). */
export function isContent(w: string): boolean {
  return w.length > 1 && !GLUE.has(w) && !NEGATORS.has(w) && !/^\p{N}/u.test(w);
}

const sameCache = new Map<string, Map<string, boolean>>();
let cached = 0;

/** Whether two lower-case words say the same: the same stem or lemma, a derived form, or near-synonyms. */
export function sameWord(a: string, b: string, sa = stem(a), sb = stem(b)): boolean {
  if (a === b || sa === sb) return true;
  let row = sameCache.get(a);
  const known = row?.get(b);
  if (known !== undefined) return known;
  let same = derived(sa, sb);
  if (!same) {
    const la = lemmas(a);
    const lb = lemmas(b);
    same = la.some((x) => lb.includes(x)) || areSynonyms(lemmaOf(a), lemmaOf(b));
  }
  if (++cached > 200_000) {
    sameCache.clear();
    cached = 0;
    row = undefined;
  }
  if (!row) sameCache.set(a, (row = new Map()));
  row.set(b, same);
  return same;
}

/** `negotiat(e|ion|or)`, `invest(ment|or)`: a long shared beginning. */
function derived(a: string, b: string): boolean {
  const short = Math.min(a.length, b.length);
  if (short < 5) return false;
  let i = 0;
  while (i < short && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i >= 5 && i >= short * 0.8;
}

/** How many of the claim's `terms` (with their `stems`) some word of `words` says. */
export function heldCount(terms: readonly string[], stems: readonly string[], words: readonly Word[]): number {
  return wordIndex(words).count(terms, stems);
}

/**
 * A set of words made ready for "does it say this word?" in constant time per question: their
 * stems, lemmas, sense groups and five-letter stem beginnings. `says` answers exactly as
 * `sameWord` against each word would (the same stem, a shared lemma, a derived form, near-synonyms).
 */
export class WordIndex {
  private readonly stems = new Set<string>();
  private lemmaSet?: Set<string>;
  private groups?: Set<number>;
  private byBeginning?: Map<string, string[]>;

  constructor(private readonly words: readonly Word[]) {
    for (const w of words) this.stems.add(w.stem);
  }

  /** Whether some word has this stem (the cheap question, asked first). */
  hasStem(termStem: string): boolean {
    return this.stems.has(termStem);
  }

  /** Whether some word of the set says `term` (lower case; `termStem` its stem). */
  says(term: string, termStem = stem(term)): boolean {
    if (this.stems.has(termStem)) return true;
    if (!this.lemmaSet) this.build();
    const t = termInfo(term);
    for (const l of t.lemmas) if (this.lemmaSet!.has(l)) return true;
    for (const g of t.groups) if (this.groups!.has(g)) return true;
    const near = termStem.length >= 5 ? this.byBeginning!.get(termStem.slice(0, 5)) : undefined;
    return near !== undefined && near.some((s) => derived(termStem, s));
  }

  /** How many of `terms` (with their `stems`) it says. */
  count(terms: readonly string[], stems: readonly string[]): number {
    let n = 0;
    for (let i = 0; i < terms.length; i++) if (this.says(terms[i], stems[i])) n++;
    return n;
  }

  /** Lemmas, sense groups and stem beginnings: made the first time a stem alone does not answer. */
  private build(): void {
    this.lemmaSet = new Set();
    this.groups = new Set();
    this.byBeginning = new Map();
    for (const w of this.words) {
      for (const l of lemmas(w.text)) this.lemmaSet.add(l);
      for (const g of senseGroups(lemmaOf(w.text))) this.groups.add(g);
      if (w.stem.length >= 5) {
        const k = w.stem.slice(0, 5);
        const list = this.byBeginning.get(k);
        if (!list) this.byBeginning.set(k, [w.stem]);
        else if (!list.includes(w.stem)) list.push(w.stem);
      }
    }
  }
}

const terms = new Map<string, { lemmas: readonly string[]; groups: readonly number[] }>();

/** A claim word's lemmas and sense groups, once per word (asked of every sentence of every cited source). */
function termInfo(term: string): { lemmas: readonly string[]; groups: readonly number[] } {
  let t = terms.get(term);
  if (!t) {
    if (terms.size > 50_000) terms.clear();
    terms.set(term, (t = { lemmas: lemmas(term), groups: senseGroups(lemmaOf(term)) }));
  }
  return t;
}

const indexes = new WeakMap<readonly Word[], WordIndex>();

/** The index of a list of words, made once per list (the lists of wordsOf and of source sentences are shared). */
export function wordIndex(words: readonly Word[]): WordIndex {
  let i = indexes.get(words);
  if (!i) indexes.set(words, (i = new WordIndex(words)));
  return i;
}
