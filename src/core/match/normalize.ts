/**
 * Text normalization for matching quotes against sources.
 *
 * Normalized text is: Unicode NFKC, case-folded, with every kind of quote mark and
 * apostrophe unified (double quotes become `"`, single quotes and apostrophes become `'`),
 * every kind of dash and minus unified to `-`, invisible characters (soft hyphen,
 * zero-width spaces and joiners, BOM) removed, and every run of white space collapsed to
 * one space, trimmed at both ends. NFKC already turns `…` into `...` and no-break spaces
 * into spaces.
 *
 * `normalizeWithMap` also keeps, for every character of the normalized text, the span of
 * the original text it came from, so that a match found in normalized text can be
 * reported (and quoted) in the original's own words.
 */

/** A normalized text with a map back to the original. */
export interface NormalizedText {
  /** The normalized text. */
  readonly text: string;
  /** `starts[i]`: offset in the original of the start of what produced normalized char `i`. */
  readonly starts: readonly number[];
  /** `ends[i]`: offset in the original just past what produced normalized char `i`. */
  readonly ends: readonly number[];
  /** The original text's length. */
  readonly originalLength: number;
}

/** A word of a text, for word-level matching: its normalized form and original span. */
export interface WordToken {
  /** The word, normalized (case-folded, NFKC, apostrophes unified). */
  text: string;
  /** Offset of the word's first character in the original text. */
  start: number;
  /** Offset just past the word's last character in the original text. */
  end: number;
}

const SINGLE_QUOTES = "'\u2018\u2019\u201A\u201B\u2032\u0060\u00B4\u02BC\u02B9\uFF07";
const DOUBLE_QUOTES = '"\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB\u2039\u203A\u02BA\u301D\u301E\uFF02';
const DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2E3A\u2E3B\uFE58\uFE63\uFF0D\u058A\u1806";

/** Characters dropped altogether: soft hyphen, zero-width space/non-joiner/joiner, word joiner, BOM. */
function isInvisible(c: number): boolean {
  return c === 0xad || (c >= 0x200b && c <= 0x200d) || c === 0x2060 || c === 0xfeff;
}

function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0x85) return false;
  return (
    c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000
  );
}

const COMBINING = /^\p{M}$/u;

/** 2 at a well-formed surrogate pair, else 1 (a lone surrogate is a character of its own). */
function codePointLength(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff || i + 1 >= text.length) return 1;
  const d = text.charCodeAt(i + 1);
  return d >= 0xdc00 && d <= 0xdfff ? 2 : 1;
}

/** Case folding beyond `toLowerCase`: the few full foldings that matter for Latin and Greek. */
function foldChar(ch: string): string {
  if (SINGLE_QUOTES.includes(ch)) return "'";
  if (DOUBLE_QUOTES.includes(ch)) return '"';
  if (DASHES.includes(ch)) return "-";
  if (ch === "\u00DF") return "ss";
  if (ch === "\u03C2") return "\u03C3";
  return ch;
}

/**
 * NFKC, lower case and the foldings above, repeated until nothing changes: a folding can make
 * a new composition (`ß` + U+0301 folds to `ss` + U+0301, which NFKC composes to `s` + `ś`), and
 * normalizing must give the same text whether applied once or twice.
 */
function foldCluster(cluster: string): string {
  let s = cluster.normalize("NFKC");
  for (let k = 0; k < 4; k++) {
    let folded = "";
    for (const ch of s.toLowerCase()) folded += foldChar(ch);
    if (folded === s) break;
    s = folded.normalize("NFKC");
  }
  return s;
}

function core(text: string, withMap: boolean): NormalizedText {
  const parts: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let spaceStart = -1;
  let spaceEnd = -1;
  let emitted = false;

  const emit = (s: string, from: number, to: number): void => {
    for (const ch of s) {
      if (ch === " " || isSpace(ch.charCodeAt(0))) {
        if (spaceStart < 0) spaceStart = from;
        spaceEnd = to;
        continue;
      }
      if (spaceStart >= 0) {
        if (emitted) {
          parts.push(" ");
          if (withMap) {
            starts.push(spaceStart);
            ends.push(spaceEnd);
          }
        }
        spaceStart = -1;
      }
      parts.push(ch);
      emitted = true;
      if (withMap) {
        for (let k = 0; k < ch.length; k++) {
          starts.push(from);
          ends.push(to);
        }
      }
    }
  };

  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      if (spaceStart < 0) spaceStart = i;
      spaceEnd = i + 1;
      i++;
      continue;
    }
    if (isInvisible(c)) {
      i++;
      continue;
    }
    // A cluster: one code point and the combining marks that follow it. Invisible characters
    // between them are dropped, so that the marks still attach to their base ("a", soft hyphen,
    // U+0308 is "ä", as it is once the soft hyphen is gone).
    let j = i + codePointLength(text, i);
    let invisible = false;
    while (j < n) {
      let k = j;
      while (k < n && isInvisible(text.charCodeAt(k))) k++;
      if (k >= n || text.charCodeAt(k) < 0x300) break;
      const len = codePointLength(text, k);
      if (!COMBINING.test(text.slice(k, k + len))) break;
      if (k > j) invisible = true;
      j = k + len;
    }
    if (j === i + 1 && c < 0x80) {
      const ch = c >= 0x41 && c <= 0x5a ? String.fromCharCode(c + 32) : c === 0x60 ? "'" : text[i];
      emit(ch, i, j);
    } else {
      let cluster = text.slice(i, j);
      if (invisible) cluster = [...cluster].filter((ch) => !isInvisible(ch.charCodeAt(0))).join("");
      emit(foldCluster(cluster), i, j);
    }
    i = j;
  }
  return { text: parts.join(""), starts, ends, originalLength: n };
}

/** Normalizes a text for matching (see the module comment). */
export function normalize(text: string): string {
  return core(text, false).text;
}

/** Normalizes a text for matching and keeps a map from normalized offsets to original ones. */
export function normalizeWithMap(text: string): NormalizedText {
  return core(text, true);
}

/**
 * The span of the original text that produced the normalized span `[start, end)`. An empty
 * span maps to an empty span at the original position of `start`.
 */
export function toOriginalSpan(n: NormalizedText, start: number, end: number): { start: number; end: number } {
  const len = n.text.length;
  const s = Math.max(0, Math.min(start, len));
  const e = Math.max(s, Math.min(end, len));
  const os = s < len ? n.starts[s] : n.originalLength;
  if (e === s) return { start: os, end: os };
  return { start: os, end: n.ends[e - 1] };
}

// A word: letters, digits and marks, joined by inner apostrophes (`don't`), and by `.` or
// `,` between digits (`77.2`, `80,000`); a currency sign or `%` is a word of its own. Chinese
// characters and kana, written without spaces, are a word each, so a quote is matched (and its
// closest passage found) character by character.
const WORD = new RegExp(String.raw`[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\u30FC\u3005]|[[\p{L}\p{M}\p{N}]--[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\u30FC\u3005]]+(?:(?:'|(?<=\p{N})[.,](?=\p{N}))[[\p{L}\p{M}\p{N}]--[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\u30FC\u3005]]+)*|[\p{Sc}%]`, "gv");

/**
 * The words of a text, normalized, with their spans in the original text. Punctuation
 * (including quote marks, dashes and Markdown emphasis) separates words and is otherwise
 * ignored, so `long-term` and `long–term` are both the words `long`, `term`.
 */
export function wordTokens(text: string): WordToken[] {
  const n = normalizeWithMap(text);
  return wordTokensOf(n);
}

/** The words of an already normalized text, with their spans in its original. */
export function wordTokensOf(n: NormalizedText): WordToken[] {
  const out: WordToken[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(n.text); m; m = WORD.exec(n.text)) {
    const span = toOriginalSpan(n, m.index, m.index + m[0].length);
    out.push({ text: m[0], start: span.start, end: span.end });
  }
  return out;
}
