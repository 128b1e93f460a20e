/** Character codes and character classes, and line helpers, for the light structure reader. Part of the light structure reader (../lightStructure.ts). */

// ---------------------------------------------------------------------------------------
// Characters

export const TAB = 9;
export const LF = 10;
export const FF = 12;
export const CR = 13;
export const SPACE = 32;
export const BANG = 33;
export const DQUOTE = 34;
export const HASH = 35;
export const DOLLAR = 36;
export const SQUOTE = 39;
export const LPAREN = 40;
export const RPAREN = 41;
export const STAR = 42;
export const PLUS = 43;
export const DASH = 45;
export const DOT = 46;
export const SLASH = 47;
export const COLON = 58;
export const LT = 60;
export const EQUALS = 61;
export const GT = 62;
export const QUESTION = 63;
export const AT = 64;
export const LBRACKET = 91;
export const BACKSLASH = 92;
export const RBRACKET = 93;
export const CARET = 94;
export const UNDERSCORE = 95;
export const BACKTICK = 96;
export const PIPE = 124;
export const TILDE = 126;
export const BOM = 0xfeff;

export const isSpaceOrTab = (c: number) => c === SPACE || c === TAB;
export const isDigit = (c: number) => c >= 48 && c <= 57;
export const isAsciiAlpha = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
export const isAsciiAlnum = (c: number) => isDigit(c) || isAsciiAlpha(c);
/** micromark reads NUL as U+FFFD, so NUL is no control character here. */
export const isAsciiControl = (c: number) => (c < 32 && c !== 0) || c === 127;
export const isAsciiPunctuation = (c: number) => (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
/** micromark's `asciiAtext` (the characters of an email autolink's local part). */
export const isAsciiAtext = (c: number) => c === 35 || c === 36 || c === 37 || c === 38 || c === 39 || c === STAR || c === PLUS || (c >= DASH && c <= 57) || c === EQUALS || c === QUESTION || (c >= 65 && c <= 90) || (c >= CARET && c <= TILDE);
/** Characters GFM trims off the end of a literal autolink. */
export const isTrailPunctuation = (c: number) => c === BANG || c === DQUOTE || c === SQUOTE || c === RPAREN || c === STAR || c === 44 || c === DOT || c === COLON || c === 59 || c === QUESTION || c === UNDERSCORE || c === TILDE;
export const isGfmAtext = (c: number) => c === PLUS || c === DASH || c === DOT || c === UNDERSCORE || isAsciiAlnum(c);
export const isSchemeChar = (c: number) => c === PLUS || c === DASH || c === DOT || isAsciiAlnum(c);
/** Space, tab or line feed: white space inside inline HTML (the virtual text joins lines with LF). */
export const isInlineSpace = (c: number) => c === SPACE || c === TAB || c === LF;
/** RE2's `\s`, which markdownlint's front matter pattern uses. */
export const isRe2Space = (c: number) => c === SPACE || c === TAB || c === LF || c === FF || c === CR;

/** HTML block names (micromark-util-html-tag-name). */
export const HTML_BLOCK_NAMES = new Set(
  ("address article aside base basefont blockquote body caption center col colgroup dd details dialog dir div dl dt fieldset " +
    "figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6 head header hr html iframe legend li link main menu " +
    "menuitem nav noframes ol optgroup option p param search section summary table tbody td tfoot th thead title tr track ul").split(" "),
);
export const HTML_RAW_NAMES = new Set(["pre", "script", "style", "textarea"]);

export function skipSpacesAndTabs(s: string, i: number, end: number): number {
  while (i < end && isSpaceOrTab(s.charCodeAt(i))) i++;
  return i;
}

/** End of the line starting at `i` (the offset of its CR or LF, or the text's length). */
export function lineEndFrom(t: string, i: number): number {
  const n = t.length;
  while (i < n) {
    const c = t.charCodeAt(i);
    if (c === LF || c === CR) break;
    i++;
  }
  return i;
}

/** Offset of the line after the line break at `end`, or -1 at the end of the text. */
export function nextLineStart(t: string, end: number): number {
  if (end >= t.length) return -1;
  return t.charCodeAt(end) === CR && t.charCodeAt(end + 1) === LF ? end + 2 : end + 1;
}

/** First index of `needle` in `s[from, to)`, or -1; bounded so it never reads past `to`. */
export function findBounded(s: string, needle: string, from: number, to: number): number {
  const first = needle.charCodeAt(0);
  const last = to - needle.length;
  for (let i = Math.max(from, 0); i <= last; i++) {
    if (s.charCodeAt(i) !== first) continue;
    let k = 1;
    while (k < needle.length && s.charCodeAt(i + k) === needle.charCodeAt(k)) k++;
    if (k === needle.length) return i;
  }
  return -1;
}
