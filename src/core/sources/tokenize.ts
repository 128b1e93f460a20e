/** Unicode-aware words for the passage index: Intl.Segmenter words, lower-cased, stop words out, light stemming. */

import { isRead, languagePack } from "../lang/language";

export interface Token {
  term: string;
  start: number;
  end: number;
}

const segmenter = new Intl.Segmenter(undefined, { granularity: "word" });

// A compact English stop-word list: function words that carry no content.
const STOP_WORDS = new Set(
  (
    "a about above after again against all also am an and any are as at be because been before being below between both but by can " +
    "could did do does doing down during each few for from further had has have having he her here hers herself him himself his how i if " +
    "in into is it its itself just me more most my myself no nor not now of off on once only or other our ours ourselves out over own " +
    "same she should so some such than that the their theirs them themselves then there these they this those through to too under " +
    "until up very was we were what when where which while who whom why will with would you your yours yourself yourselves said says " +
    "say its it's would could may might must shall upon per via among amid within without us one ones"
  ).split(/\s+/),
);

/** Scripts written without spaces between words need the Segmenter's dictionary; the rest split on letters. */
const UNSPACED = /[\u0E00-\u0EFF\u1000-\u109F\u1780-\u17FF\u3040-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]/;
const WORD = /\p{N}+(?:[.,]\p{N}+)*|[\p{L}\p{M}\p{N}]+(?:['\u2019][\p{L}\p{M}]+)*/gu;

/** A word as the index reads it: NFKC (non-ASCII only), lower case, thousands separators out, `’` as `'`. */
function termOf(raw: string): string {
  let ascii = true;
  let marks = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c > 0x7f) {
      ascii = false;
      break;
    }
    if (c === 0x2c || c === 0x27) marks = true;
  }
  if (ascii) {
    const term = raw.toLowerCase();
    // Most words hold neither mark: the replacement (and its callback) is skipped for them.
    return marks ? term.replace(/[,']/g, (c) => (c === "," ? "" : "'")) : term;
  }
  return raw
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[,\u2019']/g, (c) => (c === "," ? "" : "'"));
}

/** Calls `fn` with each word of a text and its offsets (as `tokenize` lists them, without the objects). */
function eachWord(text: string, fn: (term: string, start: number, end: number) => void): void {
  if (!UNSPACED.test(text)) {
    // Same words as Intl.Segmenter gives for spaced scripts, about ten times faster.
    WORD.lastIndex = 0;
    for (let m = WORD.exec(text); m; m = WORD.exec(text)) fn(termOf(m[0]), m.index, m.index + m[0].length);
    return;
  }
  for (const seg of segmenter.segment(text)) {
    if (!seg.isWordLike) continue;
    fn(termOf(seg.segment), seg.index, seg.index + seg.segment.length);
  }
}

/** Words of a text with their offsets; numbers lose their thousands separators (`80,000` → `80000`). */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  eachWord(text, (term, start, end) => out.push({ term, start, end }));
  return out;
}

/**
 * The index terms of a text: words without stop words, stemmed. English has its own light
 * stemmer; French, German, Spanish and Russian the Snowball stemmers and stop words of the host's
 * language pack; Japanese and Chinese the Segmenter's words without stop words and particles;
 * Korean its words without their particles (`도쿄에서` → `도쿄`).
 */
export function contentTerms(text: string, lang = "en"): string[] {
  if (lang !== "en" && lang !== "und" && isRead(lang)) return otherTerms(text, lang);
  const out: string[] = [];
  eachWord(text, (term) => {
    const w = term.endsWith("'s") ? term.slice(0, -2) : term;
    if (STOP_WORDS.has(w) || w.length === 0) return;
    out.push(cachedStem(w));
  });
  return out;
}

/** Stems of the words seen lately: a library of news articles says the same few thousand words again and again. */
const stems = new Map<string, string>();
function cachedStem(word: string): string {
  let s = stems.get(word);
  if (s === undefined) {
    if (stems.size >= 50_000) stems.clear();
    stems.set(word, (s = stem(word)));
  }
  return s;
}

/** Korean particles and common endings, longest first: stripped from a word of two syllables or more. */
const KOREAN_ENDINGS = [
  "에서는", "으로는", "에게서", "이라고", "하였다", "되었다", "했으며", "에서", "에게", "으로", "까지", "부터", "보다", "께서", "이다", "라고",
  "하고", "했다", "한다", "하며", "하는", "했고", "됐다", "된다", "와의", "과의", "에는", "은", "는", "이", "가", "을", "를", "에", "로", "와", "과", "의", "도", "만",
];

/** A Korean word without its particle or ending. */
export function koreanStem(word: string): string {
  for (const e of KOREAN_ENDINGS) {
    if (word.length - e.length >= 2 && word.endsWith(e)) return word.slice(0, -e.length);
  }
  return word;
}

const HIRAGANA_ONLY = /^[\u3040-\u309f\u30fc]+$/;

function otherTerms(text: string, lang: string): string[] {
  const pack = languagePack();
  const stops = pack?.stopWords(lang);
  const stemmer = pack?.stemmer(lang);
  const out: string[] = [];
  for (const t of tokenize(text)) {
    let w = t.term;
    if (w.length === 0 || stops?.has(w)) continue;
    if (/^\p{N}/u.test(w)) {
      out.push(w);
      continue;
    }
    if (lang === "ja" && HIRAGANA_ONLY.test(w) && w.length <= 3) continue; // particles and endings (の, は, した)
    if (lang === "zh" && w.length === 1 && ZH_FUNCTION.has(w)) continue;
    if (lang === "ko") w = koreanStem(w);
    else if (stemmer) w = stemmer(w);
    if (w.length > 0 && !stops?.has(w)) out.push(w);
  }
  return out;
}

/** One-character Chinese function words the stop-word list leaves in. */
const ZH_FUNCTION = new Set("的了在是和与及对将于为把被从向也都而并或等之其这那".split(""));

/**
 * A small, predictable English stemmer: plurals (-s, -es, -ies), -ed, -ing, -ly. It maps
 * agree/agreed/agrees and talk/talks/talking together; non-Latin words are left alone.
 */
export function stem(word: string): string {
  if (word.length <= 3 || !/^[a-z][a-z'-]*$/.test(word)) return word;
  let w = word;
  if (w.endsWith("ies") && w.length > 4) w = w.slice(0, -3) + "y";
  else if (/(sses|shes|ches|xes|zes)$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith("s") && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith("eed") && w.length > 4) w = w.slice(0, -1);
  else if (w.endsWith("ied") && w.length > 4) w = w.slice(0, -3) + "y";
  else if (w.endsWith("ed") && w.length > 4) w = undouble(w.slice(0, -2));
  else if (w.endsWith("ing") && w.length > 5) w = undouble(w.slice(0, -3));
  else if (w.endsWith("ly") && w.length > 5) w = w.slice(0, -2);
  if (w.endsWith("e") && w.length > 4) w = w.slice(0, -1);
  return w;
}

function undouble(w: string): string {
  return /([bdfgmnprt])\1$/.test(w) ? w.slice(0, -1) : w;
}
