/**
 * A linear-time reader of a brief's Markdown block structure that never recurses.
 *
 * `markdown.ts` reads the structure off micromark's parse (inside markdownlint), which is
 * quadratic on some inputs. This reader is always cheap: it reports the numbers that tell whether
 * micromark is safe to run (`stats`), and its own `structure`, which follows micromark (with the
 * GFM table, footnote and math extensions markdownlint enables) closely enough to stand in for
 * it. Offsets are UTF-16 offsets into the original text, as `markdown.ts` reports them.
 *
 * Design: one pass over the lines, a CommonMark-style stack of open containers (block quotes,
 * list items, footnote definitions) and one open leaf block; paragraphs are read for link
 * reference definitions and inline code when they close. Every loop moves forward; look-ups that
 * could repeat (code span closers, HTML terminators, quoted attribute values) go through tables
 * or caches, so nothing is scanned more than a constant number of times.
 */
import type { HeadingBlock, MarkdownStructure, ParagraphBlock } from "./markdown";

export interface LightStats {
  /** Most lines in one paragraph (or setext heading text). */
  maxParagraphLines: number;
  /** Most `[` plus `]` characters in one paragraph, heading or table row. */
  maxParagraphBrackets: number;
  /** Deepest nesting of block containers (block quotes, list items, footnote definitions). */
  maxDepth: number;
}

export interface LightStructure {
  structure: MarkdownStructure;
  stats: LightStats;
}

/** Reads the block structure of `text` in linear time. Never throws. */
export function readLightStructure(text: string): LightStructure {
  try {
    return new LightReader(typeof text === "string" ? text : "").read();
  } finally {
    breakScan.text = undefined; // hold no text once read
  }
}

// ---------------------------------------------------------------------------------------
// Characters

const TAB = 9;
const LF = 10;
const FF = 12;
const CR = 13;
const SPACE = 32;
const BANG = 33;
const DQUOTE = 34;
const HASH = 35;
const DOLLAR = 36;
const SQUOTE = 39;
const LPAREN = 40;
const RPAREN = 41;
const STAR = 42;
const PLUS = 43;
const DASH = 45;
const DOT = 46;
const SLASH = 47;
const COLON = 58;
const LT = 60;
const EQUALS = 61;
const GT = 62;
const QUESTION = 63;
const AT = 64;
const LBRACKET = 91;
const BACKSLASH = 92;
const RBRACKET = 93;
const CARET = 94;
const UNDERSCORE = 95;
const BACKTICK = 96;
const PIPE = 124;
const TILDE = 126;
const BOM = 0xfeff;

const isSpaceOrTab = (c: number) => c === SPACE || c === TAB;
const isDigit = (c: number) => c >= 48 && c <= 57;
const isAsciiAlpha = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isAsciiAlnum = (c: number) => isDigit(c) || isAsciiAlpha(c);
/** micromark reads NUL as U+FFFD, so NUL is no control character here. */
const isAsciiControl = (c: number) => (c < 32 && c !== 0) || c === 127;
const isAsciiPunctuation = (c: number) => (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
/** micromark's `asciiAtext` (the characters of an email autolink's local part). */
const isAsciiAtext = (c: number) => c === 35 || c === 36 || c === 37 || c === 38 || c === 39 || c === STAR || c === PLUS || (c >= DASH && c <= 57) || c === EQUALS || c === QUESTION || (c >= 65 && c <= 90) || (c >= CARET && c <= TILDE);
/** Characters GFM trims off the end of a literal autolink. */
const isTrailPunctuation = (c: number) => c === BANG || c === DQUOTE || c === SQUOTE || c === RPAREN || c === STAR || c === 44 || c === DOT || c === COLON || c === 59 || c === QUESTION || c === UNDERSCORE || c === TILDE;
const isGfmAtext = (c: number) => c === PLUS || c === DASH || c === DOT || c === UNDERSCORE || isAsciiAlnum(c);
const isSchemeChar = (c: number) => c === PLUS || c === DASH || c === DOT || isAsciiAlnum(c);
/** Space, tab or line feed: white space inside inline HTML (the virtual text joins lines with LF). */
const isInlineSpace = (c: number) => c === SPACE || c === TAB || c === LF;
/** RE2's `\s`, which markdownlint's front matter pattern uses. */
const isRe2Space = (c: number) => c === SPACE || c === TAB || c === LF || c === FF || c === CR;

/** HTML block names (micromark-util-html-tag-name). */
const HTML_BLOCK_NAMES = new Set(
  ("address article aside base basefont blockquote body caption center col colgroup dd details dialog dir div dl dt fieldset " +
    "figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6 head header hr html iframe legend li link main menu " +
    "menuitem nav noframes ol optgroup option p param search section summary table tbody td tfoot th thead title tr track ul").split(" "),
);
const HTML_RAW_NAMES = new Set(["pre", "script", "style", "textarea"]);

function skipSpacesAndTabs(s: string, i: number, end: number): number {
  while (i < end && isSpaceOrTab(s.charCodeAt(i))) i++;
  return i;
}

/** End of the line starting at `i` (the offset of its CR or LF, or the text's length). */
function lineEndFrom(t: string, i: number): number {
  const n = t.length;
  while (i < n) {
    const c = t.charCodeAt(i);
    if (c === LF || c === CR) break;
    i++;
  }
  return i;
}

/** Offset of the line after the line break at `end`, or -1 at the end of the text. */
function nextLineStart(t: string, end: number): number {
  if (end >= t.length) return -1;
  return t.charCodeAt(end) === CR && t.charCodeAt(end + 1) === LF ? end + 2 : end + 1;
}

/** First index of `needle` in `s[from, to)`, or -1; bounded so it never reads past `to`. */
function findBounded(s: string, needle: string, from: number, to: number): number {
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

// ---------------------------------------------------------------------------------------
// Single-line block starts (each reads one line, `t[p, end)`, with `p` at its first non-space)

/**
 * The last failed thematic-break scan: from `from`, only markers and white space up to `fail`,
 * which is neither. A scan of the same line and marker starting in between fails there too, so
 * `- - - - … item` (a list item per `- `) is scanned once, not once per item.
 */
const breakScan = { text: undefined as string | undefined, end: -1, marker: -1, from: -1, fail: -1 };

function isThematicBreak(t: string, p: number, end: number): boolean {
  const marker = t.charCodeAt(p);
  if (marker !== STAR && marker !== DASH && marker !== UNDERSCORE) return false;
  if (breakScan.text === t && breakScan.end === end && breakScan.marker === marker && p >= breakScan.from && p < breakScan.fail) return false;
  let count = 0;
  for (let i = p; i < end; i++) {
    const c = t.charCodeAt(i);
    if (c === marker) count++;
    else if (!isSpaceOrTab(c)) {
      Object.assign(breakScan, { text: t, end, marker, from: p, fail: i });
      return false;
    }
  }
  return count >= 3;
}

/** 1 for a `===` underline, 2 for `---`, else 0. */
function setextLevel(t: string, p: number, end: number): number {
  const marker = t.charCodeAt(p);
  if (marker !== EQUALS && marker !== DASH) return 0;
  let i = p;
  while (i < end && t.charCodeAt(i) === marker) i++;
  return skipSpacesAndTabs(t, i, end) === end ? (marker === EQUALS ? 1 : 2) : 0;
}

interface AtxHeading {
  level: number;
  /** The heading text, or textStart === textEnd === -1 when there is none. */
  textStart: number;
  textEnd: number;
}

/** An ATX heading, with its text found as micromark's resolver finds it. */
function atxHeading(t: string, p: number, end: number): AtxHeading | undefined {
  let i = p;
  while (i < end && t.charCodeAt(i) === HASH) i++;
  const level = i - p;
  if (level > 6 || (i < end && !isSpaceOrTab(t.charCodeAt(i)))) return undefined;
  const start = skipSpacesAndTabs(t, i, end);
  if (start >= end) return { level, textStart: -1, textEnd: -1 };
  let stop = end;
  while (isSpaceOrTab(t.charCodeAt(stop - 1))) stop--;
  // A closing sequence: a run of `#` that stands alone at the end, after white space.
  let run = stop;
  while (run > start && t.charCodeAt(run - 1) === HASH) run--;
  if (run < stop) {
    if (run === start) return { level, textStart: -1, textEnd: -1 };
    if (isSpaceOrTab(t.charCodeAt(run - 1))) {
      stop = run;
      while (isSpaceOrTab(t.charCodeAt(stop - 1))) stop--;
    }
  }
  return { level, textStart: start, textEnd: stop };
}

/** Size of a code (``` or ~~~) or math ($$) fence opening at `p`, else 0. */
function fenceOpening(t: string, p: number, end: number): number {
  const marker = t.charCodeAt(p);
  let i = p;
  while (i < end && t.charCodeAt(i) === marker) i++;
  const size = i - p;
  if (marker === DOLLAR) return size >= 2 && findBounded(t, "$", i, end) < 0 ? size : 0;
  if (size < 3) return 0;
  return marker === BACKTICK && findBounded(t, "`", i, end) >= 0 ? 0 : size;
}

function isFenceClosing(t: string, p: number, end: number, marker: number, size: number): boolean {
  let i = p;
  while (i < end && t.charCodeAt(i) === marker) i++;
  return i - p >= size && skipSpacesAndTabs(t, i, end) === end;
}

/**
 * The kind (1-7, as in CommonMark) of an HTML block starting at `p`, or 0. When interrupting a
 * paragraph, kind 7 (any complete tag) only counts on a lazy line, as micromark has it.
 */
function htmlBlockKind(t: string, p: number, end: number, interrupt: boolean, lazy: boolean): number {
  const c1 = p + 1 < end ? t.charCodeAt(p + 1) : -1;
  if (c1 === BANG) {
    const c2 = p + 2 < end ? t.charCodeAt(p + 2) : -1;
    if (c2 === DASH) return p + 3 < end && t.charCodeAt(p + 3) === DASH ? 2 : 0;
    if (c2 === LBRACKET) return p + 9 <= end && t.startsWith("CDATA[", p + 3) ? 5 : 0;
    return isAsciiAlpha(c2) ? 4 : 0;
  }
  if (c1 === QUESTION) return 3;
  const closing = c1 === SLASH;
  const nameStart = closing ? p + 2 : p + 1;
  if (nameStart >= end || !isAsciiAlpha(t.charCodeAt(nameStart))) return 0;
  let i = nameStart + 1;
  while (i < end && (isAsciiAlnum(t.charCodeAt(i)) || t.charCodeAt(i) === DASH)) i++;
  const after = i < end ? t.charCodeAt(i) : -1;
  if (!(after === -1 || after === SLASH || after === GT || isSpaceOrTab(after))) return 0;
  const name = i - nameStart <= 10 ? t.slice(nameStart, i).toLowerCase() : "";
  if (after !== SLASH && !closing && HTML_RAW_NAMES.has(name)) return 1;
  if (HTML_BLOCK_NAMES.has(name)) return after !== SLASH ? 6 : i + 1 < end && t.charCodeAt(i + 1) === GT ? 6 : 0;
  if (interrupt && !lazy) return 0;
  return isCompleteTagLine(t, i, end, closing) ? 7 : 0;
}

/** The rest of a kind-7 HTML block start: attributes, `>`, then only white space. */
function isCompleteTagLine(t: string, i: number, end: number, closing: boolean): boolean {
  if (closing) i = skipSpacesAndTabs(t, i, end);
  else {
    for (;;) {
      const c = i < end ? t.charCodeAt(i) : -1;
      if (c === SLASH) {
        i++;
        break;
      }
      if (isSpaceOrTab(c)) {
        i++;
        continue;
      }
      if (!(c === COLON || c === UNDERSCORE || isAsciiAlpha(c))) break;
      i = attributeEnd(t, i, end);
      if (i < 0) return false;
    }
  }
  if (i >= end || t.charCodeAt(i) !== GT) return false;
  return skipSpacesAndTabs(t, i + 1, end) === end;
}

/** Past one attribute (`name`, `name=value`) of an HTML block start on one line, or -1. */
function attributeEnd(t: string, i: number, end: number): number {
  i++;
  while (i < end) {
    const c = t.charCodeAt(i);
    if (!(c === DASH || c === DOT || c === COLON || c === UNDERSCORE || isAsciiAlnum(c))) break;
    i++;
  }
  for (;;) {
    i = skipSpacesAndTabs(t, i, end);
    if (i >= end || t.charCodeAt(i) !== EQUALS) return i;
    i = skipSpacesAndTabs(t, i + 1, end);
    const c = i < end ? t.charCodeAt(i) : -1;
    if (c === -1 || c === LT || c === EQUALS || c === GT || c === BACKTICK) return -1;
    if (c === DQUOTE || c === SQUOTE) {
      const close = findBounded(t, c === DQUOTE ? '"' : "'", i + 1, end);
      if (close < 0) return -1;
      const next = close + 1 < end ? t.charCodeAt(close + 1) : -1;
      return next === SLASH || next === GT || isSpaceOrTab(next) ? close + 1 : -1;
    }
    i++;
    while (i < end) {
      const v = t.charCodeAt(i);
      if (v === DQUOTE || v === SQUOTE || v === SLASH || v === LT || v === EQUALS || v === GT || v === BACKTICK || isSpaceOrTab(v)) break;
      i++;
    }
    // An unquoted value ends at white space, `/`, `>`, or `=` (which starts another value).
  }
}

/** Whether `t[from, end)` holds the end of an HTML block of a kind that ends on a marker. */
function htmlBlockEndsIn(t: string, from: number, end: number, kind: number): boolean {
  switch (kind) {
    case 1:
      for (let i = findBounded(t, "</", from, end); i >= 0; i = findBounded(t, "</", i + 1, end)) {
        let k = i + 2;
        while (k < end && k - i - 2 < 8 && isAsciiAlpha(t.charCodeAt(k))) k++;
        if (k < end && t.charCodeAt(k) === GT && HTML_RAW_NAMES.has(t.slice(i + 2, k).toLowerCase())) return true;
      }
      return false;
    case 2:
      return findBounded(t, "-->", from, end) >= 0;
    case 3:
      return findBounded(t, "?>", from, end) >= 0;
    case 4:
      return findBounded(t, ">", from, end) >= 0;
    case 5:
      return findBounded(t, "]]>", from, end) >= 0;
    default:
      return false;
  }
}

/** Cells of a GFM table head row, counted as micromark counts them, or -1 if it cannot be one. */
function tableHeadCells(t: string, p: number, end: number): number {
  let cells = 0;
  let parts = 0;
  let open = false;
  if (t.charCodeAt(p) !== PIPE) {
    open = true;
    parts = 1;
  }
  let i = p;
  while (i < end) {
    const c = t.charCodeAt(i);
    if (isSpaceOrTab(c)) {
      i++;
      continue;
    }
    parts++;
    if (open) {
      open = false;
      cells++;
    }
    if (c === PIPE) {
      open = true;
      i++;
      continue;
    }
    i = tableDataEnd(t, i, end);
  }
  return parts > 1 ? cells : -1;
}

/** End of a run of cell data (up to a pipe or white space; `\|` and `\\` are data). */
function tableDataEnd(t: string, i: number, end: number): number {
  while (i < end) {
    const c = t.charCodeAt(i);
    if (c === PIPE || isSpaceOrTab(c)) break;
    if (c === BACKSLASH && i + 1 < end && (t.charCodeAt(i + 1) === BACKSLASH || t.charCodeAt(i + 1) === PIPE)) i += 2;
    else i++;
  }
  return i;
}

/** Cells of a GFM table delimiter row (`| --- | :-: |`), or -1. */
function tableDelimiterCells(t: string, p: number, end: number): number {
  let cells = 0;
  let seen = false;
  let i = p;
  for (;;) {
    let c = i < end ? t.charCodeAt(i) : -1;
    if (c === PIPE) {
      seen = true;
      i = skipSpacesAndTabs(t, i + 1, end);
      c = i < end ? t.charCodeAt(i) : -1;
      if (c === -1) break;
    }
    if (c !== DASH && c !== COLON) return -1;
    cells++;
    if (c === COLON) {
      seen = true;
      i++;
    }
    if (i >= end || t.charCodeAt(i) !== DASH) return -1;
    while (i < end && t.charCodeAt(i) === DASH) i++;
    if (i < end && t.charCodeAt(i) === COLON) {
      seen = true;
      i++;
    }
    i = skipSpacesAndTabs(t, i, end);
    if (i >= end) break;
    if (t.charCodeAt(i) !== PIPE) return -1;
  }
  return seen ? cells : -1;
}

/** Past `[^label]:` of a GFM footnote definition at `p`, or -1. */
function footnoteLabelEnd(t: string, p: number, end: number): number {
  if (p + 1 >= end || t.charCodeAt(p + 1) !== CARET) return -1;
  let i = p + 2;
  let size = 0;
  for (;;) {
    if (i >= end || size > 999) return -1;
    const c = t.charCodeAt(i);
    if (c === RBRACKET) {
      if (size === 0) return -1;
      i++;
      break;
    }
    if (c === LBRACKET || isSpaceOrTab(c)) return -1;
    size++;
    i++;
    if (c === BACKSLASH && i < end) {
      const e = t.charCodeAt(i);
      if (e === LBRACKET || e === BACKSLASH || e === RBRACKET) {
        size++;
        i++;
      }
    }
  }
  return i < end && t.charCodeAt(i) === COLON ? i + 1 : -1;
}

const UNICODE_PUNCTUATION = /\p{P}|\p{S}/u;
const UNICODE_WHITESPACE = /\s/;
const isUnicodePunctuation = (c: number) => (c < 128 ? isAsciiPunctuation(c) : UNICODE_PUNCTUATION.test(String.fromCharCode(c)));
const isUnicodeWhitespace = (c: number) => (c < 128 ? c === SPACE || (c >= TAB && c <= CR) : UNICODE_WHITESPACE.test(String.fromCharCode(c)));

/**
 * Whether a directive (micromark-extension-directive, which markdownlint enables for blocks)
 * starts at `p`: `::name[label]{attributes}` alone on its line (a leaf), or `:::name...` (a
 * container, returned as its number of colons). Returns 0 when there is none, -1 for a leaf.
 */
function directiveStart(t: string, p: number, end: number): number {
  let i = p;
  while (i < end && t.charCodeAt(i) === COLON) i++;
  const colons = i - p;
  if (colons < 2) return 0;
  i = directiveNameEnd(t, i, end);
  if (i < 0) return 0;
  if (i < end && t.charCodeAt(i) === LBRACKET) i = directiveLabelEnd(t, i, end) ?? i;
  if (i < end && t.charCodeAt(i) === 123) i = directiveAttributesEnd(t, i, end) ?? i;
  if (skipSpacesAndTabs(t, i, end) !== end) return 0;
  return colons === 2 ? -1 : colons;
}

function directiveNameEnd(t: string, i: number, end: number): number {
  const first = i < end ? t.charCodeAt(i) : -1;
  if (first < 0 || isUnicodePunctuation(first) || isUnicodeWhitespace(first)) return -1;
  for (i++; i < end; i++) {
    const c = t.charCodeAt(i);
    if (isUnicodeWhitespace(c) || (isUnicodePunctuation(c) && c !== DASH && c !== UNDERSCORE)) break;
  }
  const last = t.charCodeAt(i - 1);
  return last === DASH || last === UNDERSCORE ? -1 : i;
}

/** Past a directive's `[label]` (brackets nest, 32 deep at most), or undefined. */
function directiveLabelEnd(t: string, i: number, end: number): number | undefined {
  let balance = 0;
  for (i++; i < end; i++) {
    const c = t.charCodeAt(i);
    if (c === LBRACKET && ++balance > 32) return undefined;
    if (c === RBRACKET && !balance--) return i + 1;
    if (c === BACKSLASH && i + 1 < end && (t.charCodeAt(i + 1) === LBRACKET || t.charCodeAt(i + 1) === BACKSLASH || t.charCodeAt(i + 1) === RBRACKET)) i++;
  }
  return undefined;
}

/** Past a directive's `{#id .class key="value"}`, or undefined. */
function directiveAttributesEnd(t: string, i: number, end: number): number | undefined {
  const at = (k: number) => (k < end ? t.charCodeAt(k) : -1);
  const isValueStop = (c: number) => c === -1 || c === DQUOTE || c === SQUOTE || c === LT || c === EQUALS || c === GT || c === BACKTICK;
  i++;
  for (;;) {
    let c = at(i);
    if (isSpaceOrTab(c)) {
      i++;
      continue;
    }
    if (c === HASH || c === DOT) {
      c = at(++i);
      if (isValueStop(c) || c === HASH || c === DOT || c === 125 || isSpaceOrTab(c)) return undefined;
      for (i++; ; i++) {
        c = at(i);
        if (isValueStop(c)) return undefined;
        if (c === HASH || c === DOT || c === 125 || isSpaceOrTab(c)) break;
      }
      continue;
    }
    if (c === -1 || isUnicodeWhitespace(c) || (isUnicodePunctuation(c) && c !== DASH && c !== UNDERSCORE)) return c === 125 ? i + 1 : undefined;
    for (i++; ; i++) {
      c = at(i);
      if (c === -1 || isUnicodeWhitespace(c) || (isUnicodePunctuation(c) && c !== DASH && c !== DOT && c !== COLON && c !== UNDERSCORE)) break;
    }
    i = skipSpacesAndTabs(t, i, end);
    if (at(i) !== EQUALS) continue;
    i = skipSpacesAndTabs(t, i + 1, end);
    c = at(i);
    if (c === -1 || c === LT || c === EQUALS || c === GT || c === BACKTICK || c === 125) return undefined;
    if (c === DQUOTE || c === SQUOTE) {
      const close = findBounded(t, c === DQUOTE ? '"' : "'", i + 1, end);
      if (close < 0) return undefined;
      i = close + 1;
      c = at(i);
      if (c === 125) return i + 1;
      if (!isSpaceOrTab(c)) return undefined;
      continue;
    }
    for (i++; ; i++) {
      c = at(i);
      if (isValueStop(c)) return undefined;
      if (c === 125 || isSpaceOrTab(c)) break;
    }
  }
}

// ---------------------------------------------------------------------------------------
// Text spanning lines: a paragraph's lines joined by LF, mapped back to the original offsets

class Unit {
  private cursor = 0;

  private constructor(
    readonly s: string,
    readonly from: number,
    readonly to: number,
    /** Start of each line in `s`, and of the same line in the original text. */
    private readonly starts: number[],
    private readonly origins: number[],
  ) {}

  /** A unit over `text[start, end)` itself (no copy). */
  static line(text: string, start: number, end: number): Unit {
    return new Unit(text, start, end, [start], [start]);
  }

  /** Lines `text[starts[k], ends[k])` joined by LF. */
  static lines(text: string, starts: readonly number[], ends: readonly number[]): Unit {
    if (starts.length === 1) return Unit.line(text, starts[0], ends[0]);
    const parts: string[] = [];
    const virtual: number[] = [];
    let v = 0;
    for (let k = 0; k < starts.length; k++) {
      virtual.push(v);
      parts.push(text.slice(starts[k], ends[k]));
      v += ends[k] - starts[k] + 1;
    }
    const s = parts.join("\n");
    return new Unit(s, 0, s.length, virtual, starts.slice());
  }

  /** The line (0-based within the unit) holding position `v`. Queries mostly move forward. */
  lineOf(v: number): number {
    const starts = this.starts;
    if (v < starts[this.cursor]) {
      let lo = 0;
      let hi = this.cursor;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid] <= v) lo = mid;
        else hi = mid - 1;
      }
      this.cursor = lo;
    }
    while (this.cursor + 1 < starts.length && starts[this.cursor + 1] <= v) this.cursor++;
    return this.cursor;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** The original offset of position `v`. */
  map(v: number): number {
    const k = this.lineOf(v);
    return this.origins[k] + (v - this.starts[k]);
  }
}

// ---------------------------------------------------------------------------------------
// Link reference definitions (micromark's factories for label, destination and title)

/** Past a definition starting at `i` (at its line's end, after trailing white space), or -1. */
function definitionEnd(s: string, i: number, end: number): number {
  let j = labelEnd(s, i, end);
  if (j < 0 || j >= end || s.charCodeAt(j) !== COLON) return -1;
  j = skipWhitespaceAndLines(s, j + 1, end);
  const destination = destinationEnd(s, j, end);
  if (destination < 0) return -1;
  const titled = titleEnd(s, destination, end);
  if (titled >= 0) return titled;
  const after = skipSpacesAndTabs(s, destination, end);
  return after >= end || s.charCodeAt(after) === LF ? after : -1;
}

function labelEnd(s: string, i: number, end: number): number {
  let size = 0;
  let seen = false;
  let j = i + 1;
  for (;;) {
    if (j >= end || size > 999) return -1;
    const c = s.charCodeAt(j);
    if (c === LBRACKET) return -1;
    if (c === RBRACKET) return seen ? j + 1 : -1;
    j++;
    if (c === LF) continue;
    size++;
    if (!isSpaceOrTab(c)) seen = true;
    if (c === BACKSLASH && j < end) {
      const e = s.charCodeAt(j);
      if (e === LBRACKET || e === BACKSLASH || e === RBRACKET) {
        j++;
        size++;
      }
    }
  }
}

function skipWhitespaceAndLines(s: string, i: number, end: number): number {
  while (i < end && isInlineSpace(s.charCodeAt(i))) i++;
  return i;
}

function destinationEnd(s: string, i: number, end: number): number {
  if (i >= end) return -1;
  let c = s.charCodeAt(i);
  if (c === LT) {
    for (let j = i + 1; j < end; j++) {
      c = s.charCodeAt(j);
      if (c === GT) return j + 1;
      if (c === LT || c === LF) return -1;
      if (c === BACKSLASH && j + 1 < end) {
        const e = s.charCodeAt(j + 1);
        if (e === LT || e === GT || e === BACKSLASH) j++;
      }
    }
    return -1;
  }
  if (c === SPACE || c === RPAREN || isAsciiControl(c)) return -1;
  let balance = 0;
  let j = i;
  for (; j < end; j++) {
    c = s.charCodeAt(j);
    if (balance === 0 && (c === RPAREN || c === SPACE || c === TAB || c === LF)) break;
    if (c === LPAREN) balance++;
    else if (c === RPAREN) balance--;
    else if (c === SPACE || isAsciiControl(c)) return -1;
    else if (c === BACKSLASH && j + 1 < end) {
      const e = s.charCodeAt(j + 1);
      if (e === LPAREN || e === RPAREN || e === BACKSLASH) j++;
    }
  }
  return balance === 0 ? j : -1;
}

/** Past an optional title after a destination, up to the end of its line, or -1. */
function titleEnd(s: string, i: number, end: number): number {
  if (i >= end || !isInlineSpace(s.charCodeAt(i))) return -1;
  let j = skipWhitespaceAndLines(s, i, end);
  const open = j < end ? s.charCodeAt(j) : -1;
  if (open !== DQUOTE && open !== SQUOTE && open !== LPAREN) return -1;
  const close = open === LPAREN ? RPAREN : open;
  for (j++; ; j++) {
    if (j >= end) return -1;
    const c = s.charCodeAt(j);
    if (c === close) break;
    if (c === BACKSLASH && j + 1 < end && (s.charCodeAt(j + 1) === close || s.charCodeAt(j + 1) === BACKSLASH)) j++;
  }
  const after = skipSpacesAndTabs(s, j + 1, end);
  return after >= end || s.charCodeAt(after) === LF ? after : -1;
}

// ---------------------------------------------------------------------------------------
// Inline code: code spans, math spans (which hide code spans), autolinks and inline HTML

/** Positions of maximal runs of one character, by run length, read in order (each once). */
class RunTable {
  private readonly byLength = new Map<number, { at: number[]; next: number }>();

  constructor(s: string, from: number, to: number, char: number) {
    let i = from;
    while (i < to) {
      if (s.charCodeAt(i) !== char) {
        i++;
        continue;
      }
      const start = i;
      while (i < to && s.charCodeAt(i) === char) i++;
      const length = i - start;
      let runs = this.byLength.get(length);
      if (!runs) this.byLength.set(length, (runs = { at: [], next: 0 }));
      runs.at.push(start);
    }
  }

  /** The first run of exactly `length` starting at or after `from` (`from` never decreases). */
  next(length: number, from: number): number {
    const runs = this.byLength.get(length);
    if (!runs) return -1;
    while (runs.next < runs.at.length && runs.at[runs.next] < from) runs.next++;
    return runs.next < runs.at.length ? runs.at[runs.next] : -1;
  }
}

/** `findBounded` for one needle, remembering its last answer while starts only grow. */
class ForwardFinder {
  private start = -1;
  private found = -1;

  constructor(
    private readonly s: string,
    private readonly needle: string,
    private readonly to: number,
  ) {}

  find(from: number): number {
    if (this.start >= 0 && from >= this.start && (this.found < 0 || this.found >= from)) return this.found;
    this.start = from;
    this.found = findBounded(this.s, this.needle, from, this.to);
    return this.found;
  }
}

/** The next `close` not escaped by a backslash (a title's end), remembered while starts grow. */
class UnescapedFinder {
  private start = -1;
  private found = -1;

  constructor(
    private readonly s: string,
    private readonly close: number,
    private readonly to: number,
  ) {}

  /** `from` is just past an opening mark, so no backslash run straddles it. */
  find(from: number): number {
    if (this.start >= 0 && from >= this.start && (this.found < 0 || this.found >= from)) return this.found;
    this.start = from;
    this.found = -1;
    for (let k = from; k < this.to; k++) {
      const c = this.s.charCodeAt(k);
      if (c === this.close) {
        this.found = k;
        break;
      }
      if (c === BACKSLASH && k + 1 < this.to && (this.s.charCodeAt(k + 1) === this.close || this.s.charCodeAt(k + 1) === BACKSLASH)) k++;
    }
    return this.found;
  }
}

class InlineScanner {
  private ticks?: RunTable;
  private dollars?: RunTable;
  private comment?: ForwardFinder;
  private instruction?: ForwardFinder;
  private cdata?: ForwardFinder;
  private declaration?: ForwardFinder;
  /** Closing quote of an attribute value, by the offset of its opening quote. */
  private readonly quoteClose = new Map<number, number>();
  /** Open `[` and `![` (true) of links and images, innermost last. */
  private readonly labels: boolean[] = [];
  /** Link openings below this depth are inactive (a link inside them has formed). */
  private inactiveBelow = 0;
  /** Finders of title ends, by closing mark. */
  private readonly titleEnds = new Map<number, UnescapedFinder>();

  constructor(
    private readonly s: string,
    private readonly from: number,
    private readonly to: number,
  ) {}

  /** Calls `emit` with each code span, autolink and inline HTML, in order. */
  scan(emit: (start: number, end: number) => void): void {
    const { s, to } = this;
    let i = this.from;
    while (i < to) {
      const c = s.charCodeAt(i);
      if (c === BACKSLASH) {
        i += i + 1 < to && isAsciiPunctuation(s.charCodeAt(i + 1)) ? 2 : 1;
        continue;
      }
      if (c === BACKTICK || c === DOLLAR) {
        let j = i + 1;
        while (j < to && s.charCodeAt(j) === c) j++;
        const close = this.runs(c, i).next(j - i, j);
        if (close < 0) {
          i = j;
          continue;
        }
        // A math span ($...$) is not code, but what it holds is not code either.
        if (c === BACKTICK) emit(i, close + (j - i));
        i = close + (j - i);
        continue;
      }
      if (c === LBRACKET || (c === BANG && this.at(i + 1) === LBRACKET)) {
        this.labels.push(c === BANG);
        i += c === BANG ? 2 : 1;
        continue;
      }
      if (c === RBRACKET) {
        // A link's or image's resource (`](destination "title")`) hides what it holds.
        const end = this.labelEnd(i);
        i = end > 0 ? end : i + 1;
        continue;
      }
      if (c === LT) {
        const end = Math.max(this.autolinkEnd(i), this.htmlEnd(i));
        if (end > 0) {
          emit(i, end);
          i = end;
          continue;
        }
      }
      // GFM autolink literals (`www.`, `http://`, emails) hide what their addresses hold.
      if (this.labels.length === 0 && isGfmAtext(c)) {
        const end = this.literalEnd(i, c);
        if (end > i) {
          i = end;
          continue;
        }
      }
      i++;
    }
  }

  /** Past a GFM autolink literal starting at `i` (an email, `www.` or `http(s)://`), or -1. */
  private literalEnd(i: number, c: number): number {
    const previous = i > this.from ? this.s.charCodeAt(i - 1) : -1;
    if (!(previous === SLASH || isGfmAtext(previous))) {
      const end = this.emailLiteralEnd(i);
      if (end > 0) return end;
    }
    if ((c | 32) === 119 && (previous === -1 || previous === LPAREN || previous === STAR || previous === UNDERSCORE || previous === LBRACKET || previous === RBRACKET || previous === TILDE || isInlineSpace(previous))) {
      if ((this.at(i + 1) | 32) !== 119 || (this.at(i + 2) | 32) !== 119 || this.at(i + 3) !== DOT || this.at(i + 4) === -1) return -1;
      // The domain is read from the `www` itself.
      const domain = this.domainEnd(i);
      return domain < 0 ? -1 : this.pathEnd(domain);
    }
    if ((c | 32) === 104 && !isAsciiAlpha(previous)) {
      let k = i + 1;
      while (k - i < 5 && isAsciiAlpha(this.at(k))) k++;
      const protocol = this.s.slice(i, k).toLowerCase();
      if ((protocol !== "http" && protocol !== "https") || this.at(k) !== COLON || this.at(k + 1) !== SLASH || this.at(k + 2) !== SLASH) return -1;
      k += 3;
      const first = this.at(k);
      if (first === -1 || isAsciiControl(first) || isUnicodeWhitespace(first) || isUnicodePunctuation(first)) return -1;
      const domain = this.domainEnd(k);
      return domain < 0 ? -1 : this.pathEnd(domain);
    }
    return -1;
  }

  private emailLiteralEnd(i: number): number {
    let k = i;
    while (isGfmAtext(this.at(k))) k++;
    if (this.at(k) !== AT) return -1;
    k++;
    let data = false;
    let dot = false;
    for (;;) {
      const c = this.at(k);
      if (c === DOT && isAsciiAlnum(this.at(k + 1))) {
        dot = true;
        k++;
      } else if (c === DASH || c === UNDERSCORE || isAsciiAlnum(c)) {
        data = true;
        k++;
      } else break;
    }
    return data && dot && isAsciiAlpha(this.s.charCodeAt(k - 1)) ? k : -1;
  }

  /** A literal's domain: no punctuation but `-`, `.`, `_`; no `_` in its last two parts. */
  private domainEnd(k: number): number {
    let seen = false;
    let underscoreLast = false;
    let underscoreBefore = false;
    for (;;) {
      const c = this.at(k);
      if (c === DOT || c === UNDERSCORE) {
        if (this.trailEnds(k)) break;
        if (c === UNDERSCORE) underscoreLast = true;
        else {
          underscoreBefore = underscoreLast;
          underscoreLast = false;
        }
        k++;
        continue;
      }
      if (c === -1 || isUnicodeWhitespace(c) || (c !== DASH && isUnicodePunctuation(c))) break;
      seen = true;
      k++;
    }
    return seen && !underscoreLast && !underscoreBefore ? k : -1;
  }

  /** A literal's path: up to white space, less trailing punctuation; parentheses balance. */
  private pathEnd(k: number): number {
    let open = 0;
    let closed = 0;
    for (;;) {
      const c = this.at(k);
      if (c === LPAREN) {
        open++;
        k++;
        continue;
      }
      if (c === RPAREN && closed < open) {
        closed++;
        k++;
        continue;
      }
      if (isTrailPunctuation(c) || c === LT || c === 38 || c === RBRACKET) {
        if (this.trailEnds(k)) return k;
        // The whole run of trailing punctuation fails alike: step over it at once.
        for (const end = this.trailStop; k < end; k++) if (this.s.charCodeAt(k) === RPAREN) closed++;
        continue;
      }
      if (c === -1 || isUnicodeWhitespace(c)) return k;
      k++;
    }
  }

  /** The last `trailEnds` look-ahead that failed: from where, and where it stopped. */
  private trailFrom = -1;
  private trailStop = -1;

  /**
   * Whether trailing punctuation from `k` ends a literal (it runs into white space, `<` or the
   * end). On failure `trailStop` is where it stopped (past `k`); any look-ahead from inside
   * that run fails alike, which keeps runs of punctuation linear.
   */
  private trailEnds(k: number): boolean {
    if (k >= this.trailFrom && k < this.trailStop) return false;
    const from = k;
    for (;;) {
      const c = this.at(k);
      if (c === -1 || c === LT || isUnicodeWhitespace(c)) return true;
      if (isTrailPunctuation(c)) {
        k++;
        continue;
      }
      if (c === 38) {
        // `&name;` (a character reference) counts as trailing punctuation.
        let e = k + 1;
        while (isAsciiAlpha(this.at(e))) e++;
        if (e === k + 1 || this.at(e) !== 59) {
          k = e;
          break;
        }
        k = e + 1;
        continue;
      }
      if (c === RBRACKET) {
        const n = this.at(k + 1);
        if (n === -1 || n === LPAREN || n === LBRACKET || isUnicodeWhitespace(n)) return true;
        k++;
        continue;
      }
      break;
    }
    this.trailFrom = from;
    this.trailStop = Math.max(k, from + 1);
    return false;
  }

  /** Past the resource of the link or image a `]` at `i` closes, or -1 (references are not read). */
  private labelEnd(i: number): number {
    if (this.labels.length === 0) return -1;
    const image = this.labels.pop()!;
    const inactive = !image && this.labels.length < this.inactiveBelow;
    if (this.inactiveBelow > this.labels.length) this.inactiveBelow = this.labels.length;
    if (inactive) return -1;
    if (this.at(i + 1) !== LPAREN) return -1;
    const end = this.resourceEnd(i + 1);
    // No link inside a link: the openings around this one stay brackets.
    if (end > 0 && !image) this.inactiveBelow = this.labels.length;
    return end;
  }

  private resourceEnd(i: number): number {
    let k = this.skipInlineSpace(i + 1);
    if (this.at(k) === RPAREN) return k + 1;
    k = this.destinationEnd(k);
    if (k < 0) return -1;
    if (isInlineSpace(this.at(k))) {
      k = this.skipInlineSpace(k);
      const open = this.at(k);
      if (open === DQUOTE || open === SQUOTE || open === LPAREN) {
        const close = open === LPAREN ? RPAREN : open;
        let finder = this.titleEnds.get(close);
        if (!finder) this.titleEnds.set(close, (finder = new UnescapedFinder(this.s, close, this.to)));
        const end = finder.find(k + 1);
        if (end < 0) return -1;
        k = this.skipInlineSpace(end + 1);
      }
    }
    return this.at(k) === RPAREN ? k + 1 : -1;
  }

  /** A resource's destination: `<...>`, or raw with at most 32 open parentheses. */
  private destinationEnd(k: number): number {
    let c = this.at(k);
    if (c === LT) {
      for (k++; ; k++) {
        c = this.at(k);
        if (c === GT) return k + 1;
        if (c === -1 || c === LT || c === LF) return -1;
        if (c === BACKSLASH && (this.at(k + 1) === LT || this.at(k + 1) === GT || this.at(k + 1) === BACKSLASH)) k++;
      }
    }
    if (c === -1 || c === SPACE || c === RPAREN || isAsciiControl(c)) return -1;
    let balance = 0;
    for (; ; k++) {
      c = this.at(k);
      if (balance === 0 && (c === -1 || c === RPAREN || isInlineSpace(c))) return k;
      if (c === LPAREN && balance < 32) balance++;
      else if (c === RPAREN) balance--;
      else if (c === -1 || c === SPACE || c === LPAREN || isAsciiControl(c)) return -1;
      else if (c === BACKSLASH && (this.at(k + 1) === LPAREN || this.at(k + 1) === RPAREN || this.at(k + 1) === BACKSLASH)) k++;
    }
  }

  private skipInlineSpace(k: number): number {
    while (isInlineSpace(this.at(k))) k++;
    return k;
  }

  private runs(char: number, from: number): RunTable {
    if (char === BACKTICK) return (this.ticks ??= new RunTable(this.s, from, this.to, char));
    return (this.dollars ??= new RunTable(this.s, from, this.to, char));
  }

  private at(i: number): number {
    return i < this.to ? this.s.charCodeAt(i) : -1;
  }

  /** Past an autolink (`<scheme:...>` or `<user@host>`) at `i`, or -1. */
  private autolinkEnd(i: number): number {
    let k = i + 1;
    let c = this.at(k);
    if (c === AT) return -1;
    if (isAsciiAlpha(c)) {
      k++;
      // A scheme: two to 32 characters, then `:`; failing that, maybe an email address.
      if (isSchemeChar(this.at(k))) {
        let size = 1;
        for (;;) {
          c = this.at(k);
          if (c === COLON) return this.urlEnd(k + 1);
          if (!isSchemeChar(c) || size++ >= 32) break;
          k++;
        }
      }
    }
    return this.emailEnd(k);
  }

  private urlEnd(k: number): number {
    for (; k < this.to; k++) {
      const c = this.s.charCodeAt(k);
      if (c === GT) return k + 1;
      if (c === SPACE || c === LT || isAsciiControl(c)) return -1;
    }
    return -1;
  }

  private emailEnd(k: number): number {
    for (;;) {
      const c = this.at(k);
      if (c === AT) break;
      if (!isAsciiAtext(c)) return -1;
      k++;
    }
    k++;
    for (;;) {
      // A label: alphanumerics and dashes (at most 63), not ending in a dash.
      if (!isAsciiAlnum(this.at(k))) return -1;
      let size = 0;
      let dash = false;
      for (;;) {
        const c = this.at(k);
        if (!dash && c === GT) return k + 1;
        if (!dash && c === DOT) break;
        if (!((c === DASH || isAsciiAlnum(c)) && size++ < 63)) return -1;
        dash = c === DASH;
        k++;
      }
      k++;
    }
  }

  /** Past inline HTML (tag, comment, instruction, declaration, CDATA) at `i`, or -1. */
  private htmlEnd(i: number): number {
    const c = this.at(i + 1);
    if (c === BANG) {
      const d = this.at(i + 2);
      if (d === DASH) {
        if (this.at(i + 3) !== DASH) return -1;
        // `<!-->` and `<!--->` are whole comments: search from the dashes of the opening.
        const end = (this.comment ??= new ForwardFinder(this.s, "-->", this.to)).find(i + 2);
        return end < 0 ? -1 : end + 3;
      }
      if (d === LBRACKET) {
        if (i + 9 > this.to || !this.s.startsWith("CDATA[", i + 3)) return -1;
        const end = (this.cdata ??= new ForwardFinder(this.s, "]]>", this.to)).find(i + 9);
        return end < 0 ? -1 : end + 3;
      }
      if (!isAsciiAlpha(d)) return -1;
      const end = (this.declaration ??= new ForwardFinder(this.s, ">", this.to)).find(i + 3);
      return end < 0 ? -1 : end + 1;
    }
    if (c === QUESTION) {
      const end = (this.instruction ??= new ForwardFinder(this.s, "?>", this.to)).find(i + 2);
      return end < 0 ? -1 : end + 2;
    }
    if (c === SLASH) {
      let k = i + 2;
      if (!isAsciiAlpha(this.at(k))) return -1;
      while (isAsciiAlnum(this.at(k)) || this.at(k) === DASH) k++;
      while (isInlineSpace(this.at(k))) k++;
      return this.at(k) === GT ? k + 1 : -1;
    }
    if (!isAsciiAlpha(c)) return -1;
    let k = i + 2;
    while (isAsciiAlnum(this.at(k)) || this.at(k) === DASH) k++;
    const after = this.at(k);
    if (!(after === SLASH || after === GT || isInlineSpace(after))) return -1;
    return this.tagRestEnd(k);
  }

  /** The attributes and end (`>` or `/>`) of an inline open tag, from just after its name. */
  private tagRestEnd(k: number): number {
    for (;;) {
      const c = this.at(k);
      if (c === SLASH) return this.at(k + 1) === GT ? k + 2 : -1;
      if (c === GT) return k + 1;
      if (isInlineSpace(c)) {
        k++;
        continue;
      }
      if (!(c === COLON || c === UNDERSCORE || isAsciiAlpha(c))) return -1;
      k++;
      for (;;) {
        const n = this.at(k);
        if (!(n === DASH || n === DOT || n === COLON || n === UNDERSCORE || isAsciiAlnum(n))) break;
        k++;
      }
      while (isInlineSpace(this.at(k))) k++;
      if (this.at(k) !== EQUALS) continue;
      k++;
      while (isInlineSpace(this.at(k))) k++;
      const v = this.at(k);
      if (v === -1 || v === LT || v === EQUALS || v === GT || v === BACKTICK) return -1;
      if (v === DQUOTE || v === SQUOTE) {
        const close = this.closingQuote(k);
        if (close < 0) return -1;
        k = close + 1;
        const n = this.at(k);
        if (!(n === SLASH || n === GT || isInlineSpace(n))) return -1;
        continue;
      }
      for (k++; ; k++) {
        const n = this.at(k);
        if (n === -1 || n === DQUOTE || n === SQUOTE || n === LT || n === EQUALS || n === BACKTICK) return -1;
        if (n === SLASH || n === GT || isInlineSpace(n)) break;
      }
    }
  }

  /** The quote closing the attribute value opened at `open` (each opening is searched once). */
  private closingQuote(open: number): number {
    let close = this.quoteClose.get(open);
    if (close === undefined) {
      close = findBounded(this.s, this.s.charAt(open), open + 1, this.to);
      this.quoteClose.set(open, close);
    }
    return close;
  }
}

/** `[` and `]` in `s[from, to)`. */
function countBrackets(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c === LBRACKET || c === RBRACKET) n++;
  }
  return n;
}

// ---------------------------------------------------------------------------------------
// The block reader

const QUOTE = 0;
const ITEM = 1;
const FOOTNOTE = 2;
/** A container directive (`:::name` ... `:::`): its content is a document of its own. */
const DIRECTIVE = 3;

interface Container {
  kind: typeof QUOTE | typeof ITEM | typeof FOOTNOTE | typeof DIRECTIVE;
  /** Index in the stack. */
  depth: number;
  /** Block quotes below this container in the stack. */
  quotesBelow: number;
  /**
   * List item: columns its content is indented by (from where its marker's line prefix began).
   * Directive: colons of its opening fence.
   */
  size: number;
  /** Directive: indent of its opening fence (taken off its lines). */
  initial: number;
  /** Columns the containers below this one take off a blank line. */
  blankTakenBelow: number;
  /** List item: offset of its marker. */
  itemStart: number;
  /** List item: `-`, `*`, `+`, or `.`, `)` after the number of an ordered item. */
  marker: number;
  ordered: boolean;
  /** List item: began with a blank line / then had another (it then ends). */
  initialBlank: boolean;
  furtherBlank: boolean;
  /** List item: a paragraph (or definitions) directly in it has taken its `listItemStart`. */
  contentSeen: boolean;
  /** Other containers: the `listItemStart` their paragraphs get (see `readStructure`). */
  pending: number | undefined;
}

function newContainer(kind: Container["kind"]): Container {
  return { kind, depth: 0, quotesBelow: 0, size: 0, initial: 0, blankTakenBelow: 0, itemStart: 0, marker: 0, ordered: false, initialBlank: false, furtherBlank: false, contentSeen: false, pending: undefined };
}

/** The open leaf block. */
const NONE = 0;
const CONTENT = 1; // definitions and a paragraph
const FENCED = 2;
const MATH = 3;
const INDENTED = 4;
const HTML = 5;
const TABLE = 6;

/** How a line interrupts an open paragraph. */
const NO_INTERRUPT = 0;
const INTERRUPTS = 1;
const SETEXT = 2; // +1 for `===`, +2 for `---`

class LightReader {
  private readonly n: number;
  private readonly headings: HeadingBlock[] = [];
  private readonly paragraphs: ParagraphBlock[] = [];
  private readonly codeRanges: Array<[number, number]> = [];
  private readonly definitions: Array<[number, number]> = [];
  private readonly stats: LightStats = { maxParagraphLines: 0, maxParagraphBrackets: 0, maxDepth: 0 };

  // The line being read, and the position in it: `pos` is the next unread character and `col`
  // its column; `tabRest` counts columns of a tab a container prefix used only part of (micromark
  // then stands past the tab, on "virtual spaces").
  private lineNo = 0;
  private lineStart = 0;
  private lineEnd = 0;
  private nextStart = -1;
  private pos = 0;
  private col = 0;
  private tabRest = 0;
  // Set by `scanIndent`: the indent in columns, and where (and at which column) it ends.
  private indent = 0;
  private nonSpace = 0;
  private nonSpaceCol = 0;
  /** Where the last `scanIndent` began (-1: none yet). */
  private scanFrom = -1;

  private readonly stack: Container[] = [];
  /** Stack indices of the block quotes in it, and of the directives, in order. */
  private readonly quoteAt: number[] = [];
  private readonly directiveAt: number[] = [];
  /** Stack index of a directive this line closes (its closing fence), or -1. */
  private directiveClose = -1;
  /** On a blank line: columns of its white space that the continued containers take. */
  private blankTaken = 0;
  private openItems = 0;
  /** List items that began with a blank line (a few at most stay open). */
  private blankStartItems: Container[] = [];
  /** A sibling list item found while matching containers, replacing the one at its depth. */
  private sibling: Container | undefined;

  private leaf = NONE;
  private segStarts: number[] = [];
  private segEnds: number[] = [];
  private contentLine = 0;
  private blockStart = 0;
  private blockEnd = 0;
  private fenceMarker = 0;
  private fenceSize = 0;
  private htmlKind = 0;
  private tableDelimiterNext = false;
  /** This line continues fewer containers than are open (micromark's "lazy" line). */
  private lazyLine = false;
  /**
   * Set by `interruption`: the line interrupts lazily with a block whose start micromark
   * confirms on the next line (an HTML tag of kind 7, a table head).
   */
  private lazyLookahead = false;

  private bodyStart = 0;

  constructor(private readonly t: string) {
    this.n = t.length;
  }

  read(): LightStructure {
    const front = this.frontMatter();
    this.lineNo = front.lines;
    this.bodyStart = front.bodyStart;
    let start = front.bodyStart;
    while (start >= 0) {
      const end = lineEndFrom(this.t, start);
      const next = nextLineStart(this.t, end);
      this.readLine(start, end, next);
      start = next;
      this.lineNo++;
    }
    this.closeLeaf();
    this.closeContainers(0);
    this.codeRanges.sort((a, b) => a[0] - b[0]);
    return {
      structure: { headings: this.headings, paragraphs: this.paragraphs, codeRanges: this.codeRanges, definitions: this.definitions, frontMatterLineCount: front.lines },
      stats: this.stats,
    };
  }

  /**
   * Front matter as markdownlint's pattern finds it: `---`/`---`, `+++`/`+++` or `...`, or
   * `{`/`}` fences, the closing one taking following blank lines along.
   */
  private frontMatter(): { lines: number; bodyStart: number } {
    const t = this.t;
    const first = t.charCodeAt(0) === BOM ? 1 : 0;
    const none = { lines: 0, bodyStart: first <= this.n ? first : -1 };
    const openers: Array<[string, string[]]> = [["---", ["---"]], ["+++", ["+++", "..."]], ["{", ["}"]]];
    const fence = openers.find(([open]) => t.startsWith(open, first));
    if (!fence) return none;
    const firstEnd = lineEndFrom(t, first);
    for (let i = first + fence[0].length; i < firstEnd; i++) {
      const c = t.charCodeAt(i);
      if (c !== SPACE && c !== TAB && c !== FF) return none;
    }
    let line = 1;
    let start = nextLineStart(t, firstEnd);
    for (; start >= 0; line++) {
      const end = lineEndFrom(t, start);
      const closer = fence[1].find((close) => t.startsWith(close, start) && start + close.length <= end);
      if (closer && this.onlyRe2Space(start + closer.length, end)) break;
      start = nextLineStart(t, end);
    }
    if (start < 0) return none;
    // The closing fence's `\s*` runs on through blank lines up to the next line with text.
    for (;;) {
      start = nextLineStart(t, lineEndFrom(t, start));
      line++;
      if (start < 0) return { lines: t.length > 0 && (t.charCodeAt(t.length - 1) === LF || t.charCodeAt(t.length - 1) === CR) ? line - 1 : line, bodyStart: -1 };
      if (!this.onlyRe2Space(start, lineEndFrom(t, start))) return { lines: line, bodyStart: start };
    }
  }

  private onlyRe2Space(from: number, to: number): boolean {
    for (let i = from; i < to; i++) if (!isRe2Space(this.t.charCodeAt(i))) return false;
    return true;
  }

  // -------------------------------------------------------------------------------------
  // Lines

  private readLine(start: number, end: number, next: number): void {
    this.lineStart = start;
    this.lineEnd = end;
    this.nextStart = next;
    // markdownlint drops a byte order mark before parsing, and micromark one at the start of
    // what it parses (the text after the front matter).
    this.pos = (start === 0 || start === this.bodyStart) && this.t.charCodeAt(start) === BOM ? start + 1 : start;
    this.col = 0;
    this.tabRest = 0;
    this.blankTaken = 0;

    const matched = this.continueContainers(false);
    if (this.directiveClose >= 0) {
      this.directiveClose = -1;
      this.closeLeaf(matched);
      this.closeContainers(matched);
      return;
    }
    if (this.sibling) {
      const item = this.sibling;
      this.sibling = undefined;
      this.closeLeaf(matched);
      this.closeContainers(matched);
      this.pushContainer(item);
      this.openContainers(false, this.stack.length);
      this.flow();
      return;
    }
    const all = matched === this.stack.length;
    // Fenced code, math and HTML blocks take whole lines: no container starts inside them.
    if (all && (this.leaf === FENCED || this.leaf === MATH || this.leaf === HTML)) {
      this.feedConcrete();
      return;
    }
    // micromark lets a list start "interrupt" paragraphs and indented code alike.
    const interrupt = all && (this.leaf === CONTENT || this.leaf === INDENTED || this.tableDelimiterNext);
    const opened = this.openContainers(interrupt, matched);
    if (opened === 0 && !all) {
      // A paragraph goes on lazily, unless the line leaves a directive (whose lines cannot be lazy).
      const inDirective = this.directiveAt.length > 0 && this.directiveAt[this.directiveAt.length - 1] >= matched;
      if (this.leaf === CONTENT && !inDirective) {
        if (this.continuesLazily()) {
          this.addContentLine();
          return;
        }
        if (this.lazyLookahead) {
          // micromark looks at the next line before it ends the paragraph, so the containers
          // stay open: the HTML block or table starts inside them.
          this.closeLeaf();
          this.flow();
          return;
        }
      }
      this.closeLeaf();
      this.closeContainers(matched);
      this.lazyLine = true;
    }
    this.flow();
    this.lazyLine = false;
  }

  /** Measures the white space from the position on (`indent`, `nonSpace`). */
  private scanIndent(): void {
    // Only white space lies between the last scan's start and its first non-space, so a scan
    // from anywhere in between ends at the same place: reuse it (deep containers would
    // otherwise rescan a line's indentation once per container).
    if (this.scanFrom >= 0 && this.scanFrom <= this.pos && this.pos <= this.nonSpace && this.nonSpace <= this.lineEnd) {
      this.indent = this.nonSpaceCol - this.col;
      return;
    }
    this.scanFrom = this.pos;
    let col = this.col + this.tabRest;
    let p = this.pos;
    const t = this.t;
    while (p < this.lineEnd) {
      const c = t.charCodeAt(p);
      if (c === SPACE) col++;
      else if (c === TAB) col += 4 - (col % 4);
      else break;
      p++;
    }
    this.indent = col - this.col;
    this.nonSpace = p;
    this.nonSpaceCol = col;
  }

  private skipToNonSpace(): void {
    this.pos = this.nonSpace;
    this.col = this.nonSpaceCol;
    this.tabRest = 0;
  }

  /** Consumes `columns` columns of white space, splitting a tab if needed. */
  private skipColumns(columns: number): void {
    while (columns > 0) {
      if (this.tabRest > 0) {
        const used = Math.min(columns, this.tabRest);
        this.tabRest -= used;
        this.col += used;
        columns -= used;
        continue;
      }
      const c = this.t.charCodeAt(this.pos);
      if (c === SPACE) {
        this.pos++;
        this.col++;
        columns--;
      } else if (c === TAB) {
        const width = 4 - (this.col % 4);
        this.pos++;
        if (columns >= width) {
          this.col += width;
          columns -= width;
        } else {
          this.tabRest = width - columns;
          this.col += columns;
          columns = 0;
        }
      } else return;
    }
  }

  private atSpaceOrTab(): boolean {
    return this.tabRest > 0 || (this.pos < this.lineEnd && isSpaceOrTab(this.t.charCodeAt(this.pos)));
  }

  private savePosition(): [number, number, number] {
    return [this.pos, this.col, this.tabRest];
  }

  private restorePosition([pos, col, tabRest]: [number, number, number]): void {
    this.pos = pos;
    this.col = col;
    this.tabRest = tabRest;
  }

  // -------------------------------------------------------------------------------------
  // Containers

  /**
   * Matches the line against the open containers; returns how many it continues. A list item
   * the line does not continue may be followed by a sibling item (left in `sibling`). `dry`
   * changes nothing (a look-ahead).
   */
  private continueContainers(dry: boolean): number {
    const stack = this.stack;
    let footnoteIndent = false;
    for (let i = 0; i < stack.length; i++) {
      const c = stack[i];
      const afterFootnoteIndent = footnoteIndent;
      footnoteIndent = false;
      this.scanIndent();
      if (this.nonSpace >= this.lineEnd) {
        // A blank rest continues list items and footnotes, up to the next block quote.
        const quote = c.quotesBelow < this.quoteAt.length ? this.quoteAt[c.quotesBelow] : stack.length;
        if (!dry) {
          this.markBlankLine(i, quote);
          this.blankTaken = this.blankTakenBelow(quote) - c.blankTakenBelow;
        }
        return quote;
      }
      if (c.kind === QUOTE) {
        if (this.indent > 3 || this.t.charCodeAt(this.nonSpace) !== GT) return i;
        this.skipQuoteMarker();
        continue;
      }
      if (c.kind === FOOTNOTE) {
        // micromark checks the last indent token, so right after a footnote's indent, the
        // footnote inside it needs none of its own.
        if (this.indent === 0 && afterFootnoteIndent) {
          footnoteIndent = true;
          continue;
        }
        if (this.indent < 4) return i;
        this.skipColumns(4);
        footnoteIndent = true;
        continue;
      }
      if (c.kind === DIRECTIVE) {
        if (this.indent <= 3 && isFenceClosing(this.t, this.nonSpace, this.lineEnd, COLON, c.size)) {
          if (!dry) this.directiveClose = i;
          return i;
        }
        this.skipColumns(Math.min(this.indent, c.initial));
        continue;
      }
      const further = c.furtherBlank;
      if (!dry) c.furtherBlank = c.initialBlank = false;
      if (!further && this.atSpaceOrTab() && this.indent >= c.size) {
        this.skipColumns(c.size);
        continue;
      }
      if (!dry) this.sibling = this.siblingItem(c);
      return i;
    }
    return stack.length;
  }

  /** Columns all containers below `depth` take off a blank line (items their size, at most). */
  private blankTakenBelow(depth: number): number {
    if (depth < this.stack.length) return this.stack[depth].blankTakenBelow;
    const top = this.stack[this.stack.length - 1];
    return top.blankTakenBelow + (top.kind === ITEM ? top.size : top.kind === DIRECTIVE ? top.initial : 0);
  }

  private skipQuoteMarker(): void {
    this.skipToNonSpace();
    this.pos++;
    this.col++;
    if (this.atSpaceOrTab()) this.skipColumns(1);
  }

  private markBlankLine(from: number, to: number): void {
    const live: Container[] = [];
    for (const c of this.blankStartItems) {
      if (this.stack[c.depth] !== c || !c.initialBlank) continue;
      if (c.depth >= from && c.depth < to) c.furtherBlank = true;
      live.push(c);
    }
    this.blankStartItems = live;
  }

  private siblingItem(of: Container): Container | undefined {
    const saved = this.savePosition();
    this.scanIndent();
    const indent = this.indent;
    if (indent <= 3) {
      this.skipToNonSpace();
      const item = this.listItem(false, of, indent);
      if (item) return item;
    }
    this.restorePosition(saved);
    return undefined;
  }

  /** Opens the containers that start on this line; closes what they end. Returns how many. */
  private openContainers(interrupt: boolean, matched: number): number {
    let opened = 0;
    for (;;) {
      this.scanIndent();
      if (this.indent > 3 || this.nonSpace >= this.lineEnd) break;
      const saved = this.savePosition();
      const indent = this.indent;
      const c = this.t.charCodeAt(this.nonSpace);
      this.skipToNonSpace();
      let container: Container | undefined;
      if (c === GT) {
        this.pos++;
        this.col++;
        if (this.atSpaceOrTab()) this.skipColumns(1);
        container = newContainer(QUOTE);
      } else if (c === LBRACKET) container = this.footnoteStart();
      else container = this.listItem(interrupt, undefined, indent);
      if (!container) {
        this.restorePosition(saved);
        break;
      }
      if (opened === 0) {
        this.closeLeaf(matched);
        this.closeContainers(matched);
      }
      this.pushContainer(container);
      opened++;
    }
    return opened;
  }

  private footnoteStart(): Container | undefined {
    const end = footnoteLabelEnd(this.t, this.pos, this.lineEnd);
    if (end < 0) return undefined;
    this.col += end - this.pos;
    this.pos = end;
    this.scanIndent();
    this.skipToNonSpace();
    return newContainer(FOOTNOTE);
  }

  /**
   * A list item marker at the position (after `initial` columns of indent), consumed with the
   * white space after it; `same` is the item whose list a sibling must continue.
   */
  private listItem(interrupt: boolean, same: Container | undefined, initial: number): Container | undefined {
    const t = this.t;
    const start = this.pos;
    const c = t.charCodeAt(start);
    const bullet = c === STAR || c === PLUS || c === DASH;
    const ordered = same ? same.ordered : !bullet;
    let p = start;
    let marker: number;
    if (!ordered) {
      if (!bullet || (same && c !== same.marker)) return undefined;
      if ((c === STAR || c === DASH) && isThematicBreak(t, start, this.lineEnd)) return undefined;
      marker = c;
      p++;
    } else {
      if (!isDigit(c) || (interrupt && c !== 49)) return undefined;
      while (p < this.lineEnd && isDigit(t.charCodeAt(p))) p++;
      if (p - start > 9 || (interrupt && p - start > 1) || p >= this.lineEnd) return undefined;
      marker = t.charCodeAt(p);
      if (same ? marker !== same.marker : marker !== DOT && marker !== RPAREN) return undefined;
      p++;
    }
    const item = newContainer(ITEM);
    item.itemStart = start;
    item.marker = marker;
    item.ordered = ordered;
    const width = p - start;
    this.pos = p;
    this.col += width;
    this.scanIndent();
    if (this.nonSpace >= this.lineEnd) {
      // An empty item (not allowed to interrupt a paragraph): its content goes on the next line.
      if (interrupt) return undefined;
      item.initialBlank = true;
      item.size = initial + 1 + width;
      return item;
    }
    if (this.indent === 0) return undefined;
    if (this.indent <= 4) {
      item.size = initial + width + this.indent;
      this.skipToNonSpace();
    } else {
      // Five or more spaces: the item takes one, the rest indent its first block (code).
      item.size = initial + width + 1;
      this.skipColumns(1);
    }
    return item;
  }

  private pushContainer(c: Container): void {
    const parent = this.stack.length > 0 ? this.stack[this.stack.length - 1] : undefined;
    c.depth = this.stack.length;
    c.quotesBelow = this.quoteAt.length;
    c.blankTakenBelow = parent ? this.blankTakenBelow(this.stack.length) : 0;
    if (c.kind === QUOTE) this.quoteAt.push(c.depth);
    if (c.kind === DIRECTIVE) this.directiveAt.push(c.depth);
    if (c.kind === ITEM) {
      this.openItems++;
      if (c.initialBlank) this.blankStartItems.push(c);
    } else if (parent) {
      // `readStructure` hands an item's start to the paragraphs of a quote (or footnote) that
      // comes in the item before any paragraph of its own.
      c.pending = parent.kind === ITEM ? (parent.contentSeen ? undefined : parent.itemStart) : parent.pending;
    }
    this.stack.push(c);
    if (this.stack.length > this.stats.maxDepth) this.stats.maxDepth = this.stack.length;
  }

  private closeContainers(keep: number): void {
    while (this.stack.length > keep) {
      const c = this.stack.pop()!;
      if (c.kind === QUOTE) this.quoteAt.pop();
      else if (c.kind === DIRECTIVE) this.directiveAt.pop();
      else if (c.kind === ITEM) this.openItems--;
    }
  }

  // -------------------------------------------------------------------------------------
  // Leaf blocks

  /** Reads the rest of the line (after the container prefixes) as flow content. */
  private flow(): void {
    this.scanIndent();
    const blank = this.nonSpace >= this.lineEnd;
    switch (this.leaf) {
      case CONTENT: {
        if (blank) {
          this.closeLeaf();
          return;
        }
        if (this.indent >= 4) {
          this.addContentLine();
          return;
        }
        const kind = this.interruption(false);
        if (kind === NO_INTERRUPT) {
          this.addContentLine();
          return;
        }
        if (kind > SETEXT) {
          if (this.closeContent(kind - SETEXT)) return;
        } else this.closeLeaf();
        break;
      }
      case INDENTED:
        // Lines indented four columns or more (even white space only) continue the code.
        if ((blank ? this.indent - this.blankTaken : this.indent) >= 4) {
          this.blockEnd = this.lineEnd;
          return;
        }
        if (blank) return;
        this.closeLeaf();
        break;
      case TABLE:
        if (this.tableDelimiterNext) {
          this.tableDelimiterNext = false;
          return;
        }
        if (blank) {
          this.closeLeaf();
          return;
        }
        if (this.indent < 4 && !this.startsBlock()) {
          this.tableRow(this.nonSpace);
          return;
        }
        this.closeLeaf();
        break;
    }
    this.startFlow(blank);
  }

  /** Starts a leaf block on this line. */
  private startFlow(blank: boolean): void {
    if (blank) return;
    const t = this.t;
    if (this.indent >= 4) {
      // Indented code on a lazy line ends with it (micromark checks the line it ends on).
      if (this.lazyLine) this.codeRanges.push([this.pos, this.lineEnd]);
      else {
        this.leaf = INDENTED;
        this.blockStart = this.pos;
        this.blockEnd = this.lineEnd;
      }
      return;
    }
    const p = this.nonSpace;
    const end = this.lineEnd;
    const c = t.charCodeAt(p);
    if (c === HASH) {
      const h = atxHeading(t, p, end);
      if (h) {
        this.addAtxHeading(p, h);
        return;
      }
    }
    if ((c === STAR || c === DASH || c === UNDERSCORE) && isThematicBreak(t, p, end)) return;
    if (c === LT) {
      const kind = htmlBlockKind(t, p, end, false, false);
      if (kind > 0) {
        this.leaf = HTML;
        this.htmlKind = kind;
        this.blockStart = this.pos;
        this.blockEnd = end;
        const searchFrom = kind === 2 || kind === 4 ? p + 2 : kind === 5 ? p + 9 : p + 1;
        if (kind <= 5 && htmlBlockEndsIn(t, searchFrom, end, kind)) this.closeLeaf();
        return;
      }
    }
    if (c === BACKTICK || c === TILDE || c === DOLLAR) {
      const size = fenceOpening(t, p, end);
      if (size > 0) {
        this.leaf = c === DOLLAR ? MATH : FENCED;
        this.fenceMarker = c;
        this.fenceSize = size;
        this.blockStart = p;
        this.blockEnd = end;
        return;
      }
    }
    if (c === COLON) {
      const colons = directiveStart(t, p, end);
      if (colons < 0) return;
      if (colons > 0) {
        const directive = newContainer(DIRECTIVE);
        directive.size = colons;
        directive.initial = this.indent;
        this.pushContainer(directive);
        return;
      }
    }
    if (this.isTableHead(p)) {
      this.leaf = TABLE;
      this.tableDelimiterNext = true;
      this.tableRow(p);
      return;
    }
    this.leaf = CONTENT;
    this.segStarts = [p];
    this.segEnds = [end];
    this.contentLine = this.lineNo;
  }

  /** Whether the line starts a block that ends a table (micromark's flow constructs by character). */
  private startsBlock(): boolean {
    const t = this.t;
    const p = this.nonSpace;
    const end = this.lineEnd;
    const c = t.charCodeAt(p);
    if (c === HASH) return atxHeading(t, p, end) !== undefined;
    if (c === STAR || c === DASH || c === UNDERSCORE) return isThematicBreak(t, p, end);
    if (c === LT) return htmlBlockKind(t, p, end, false, false) > 0;
    if (c === BACKTICK || c === TILDE || c === DOLLAR) return fenceOpening(t, p, end) > 0;
    if (c === COLON) return directiveStart(t, p, end) !== 0;
    return false;
  }

  /** How this line (indented less than four columns) would interrupt an open paragraph. */
  private interruption(lazy: boolean): number {
    const t = this.t;
    const p = this.nonSpace;
    const end = this.lineEnd;
    const c = t.charCodeAt(p);
    let hit = false;
    this.lazyLookahead = false;
    if (c === HASH) hit = atxHeading(t, p, end) !== undefined;
    else if (c === EQUALS || c === DASH) {
      const level = lazy ? 0 : setextLevel(t, p, end);
      if (level > 0) return SETEXT + level;
      hit = c === DASH && isThematicBreak(t, p, end);
    } else if (c === STAR || c === UNDERSCORE) hit = isThematicBreak(t, p, end);
    else if (c === LT) {
      const kind = htmlBlockKind(t, p, end, true, lazy);
      hit = kind > 0;
      this.lazyLookahead = kind === 7;
    }
    else if (c === BACKTICK || c === TILDE || c === DOLLAR) hit = fenceOpening(t, p, end) > 0;
    else if (c === COLON) hit = directiveStart(t, p, end) !== 0;
    if (hit) return INTERRUPTS;
    if (this.isTableHead(p)) {
      this.lazyLookahead = lazy;
      return INTERRUPTS;
    }
    return NO_INTERRUPT;
  }

  /** Whether a line that does not continue every container still continues the paragraph. */
  private continuesLazily(): boolean {
    this.scanIndent();
    if (this.nonSpace >= this.lineEnd) return false;
    return this.indent >= 4 || this.interruption(true) === NO_INTERRUPT;
  }

  /** Feeds a line to an open fenced code, math or HTML block. */
  private feedConcrete(): void {
    this.scanIndent();
    const rest = this.nonSpace < this.lineEnd || this.indent > this.blankTaken;
    if (this.nextStart < 0 && !rest && !(this.leaf === HTML && this.htmlKind >= 6)) {
      // The text ends with the container prefixes: the block ends after the line break.
      this.blockEnd = this.lineStart;
      this.closeLeaf();
      return;
    }
    if (this.leaf === HTML) {
      if (this.htmlKind >= 6) {
        if (this.nonSpace >= this.lineEnd) this.closeLeaf();
        else this.blockEnd = this.lineEnd;
        return;
      }
      this.blockEnd = this.lineEnd;
      if (htmlBlockEndsIn(this.t, this.pos, this.lineEnd, this.htmlKind)) this.closeLeaf();
      return;
    }
    this.blockEnd = this.lineEnd;
    if (this.indent <= 3 && isFenceClosing(this.t, this.nonSpace, this.lineEnd, this.fenceMarker, this.fenceSize)) this.closeLeaf();
  }

  private quoteInClosedDirective(closing: number): boolean {
    const directive = this.directiveAt.length > 0 ? this.directiveAt[this.directiveAt.length - 1] : -1;
    return directive >= closing && this.quoteAt.length > 0 && this.quoteAt[this.quoteAt.length - 1] > directive;
  }

  private addContentLine(): void {
    this.segStarts.push(this.pos);
    this.segEnds.push(this.lineEnd);
  }

  /**
   * Closes the open leaf block. `closing`: this line starts a container (or ends a directive)
   * that closes the containers from that depth on; micromark then hands the block the end of
   * the text after the line break, and fenced code and marker-ended HTML take that line break,
   * unless a directive being closed holds a block quote around them (then that end is "lazy").
   */
  private closeLeaf(closing = -1): void {
    switch (this.leaf) {
      case CONTENT:
        this.closeContent(0);
        break;
      case FENCED:
      case HTML:
        if (closing >= 0 && (this.leaf === FENCED || this.htmlKind <= 5) && !this.quoteInClosedDirective(closing)) this.blockEnd = this.lineStart;
        this.codeRanges.push([this.blockStart, this.blockEnd]);
        break;
      case INDENTED:
        this.codeRanges.push([this.blockStart, this.blockEnd]);
        break;
    }
    this.leaf = NONE;
    this.tableDelimiterNext = false;
  }

  /**
   * Closes the open paragraph: its leading link reference definitions, then the paragraph (or
   * the text of a setext heading of `setext` level, underlined by this line). Returns whether a
   * heading came of it.
   */
  private closeContent(setext: number): boolean {
    this.leaf = NONE;
    const unit = Unit.lines(this.t, this.segStarts, this.segEnds);
    const s = unit.s;
    const end = unit.to;
    let i = unit.from;
    let definitions = 0;
    while (i < end && s.charCodeAt(i) === LBRACKET) {
      const e = definitionEnd(s, i, end);
      if (e < 0) break;
      this.definitions.push([unit.map(i), unit.map(e)]);
      definitions++;
      i = e >= end ? end : skipSpacesAndTabs(s, e + 1, end);
    }
    const heading = setext > 0 && i < end;
    const top = this.stack.length > 0 ? this.stack[this.stack.length - 1] : undefined;
    let itemStart: number | undefined;
    if (top?.kind === ITEM) {
      itemStart = top.contentSeen ? undefined : top.itemStart;
      // A setext heading without definitions is no paragraph to micromark's reader.
      if (!heading || definitions > 0) top.contentSeen = true;
    } else if (top) itemStart = top.pending;
    if (i < end) {
      const start = unit.map(i);
      const last = this.segEnds[this.segEnds.length - 1];
      const firstLine = unit.lineOf(i);
      if (heading) {
        // micromark's setext heading token starts with any definitions before its text.
        const headingStart = unit.map(unit.from);
        this.headings.push({ level: setext, text: this.textOf(start, last), line: this.contentLine, start: headingStart, end: this.lineEnd, textStart: start, textEnd: last });
      } else {
        this.paragraphs.push({ start, end: last, listDepth: this.openItems, listItemStart: itemStart });
      }
      this.noteText(unit.lineCount - firstLine, countBrackets(s, i, end));
      new InlineScanner(s, i, end).scan((a, b) => this.codeRanges.push([unit.map(a), unit.map(b)]));
    }
    this.segStarts = [];
    this.segEnds = [];
    return heading;
  }

  private addAtxHeading(start: number, h: AtxHeading): void {
    const hasText = h.textStart >= 0;
    const textStart = hasText ? h.textStart : start;
    const textEnd = hasText ? h.textEnd : start;
    this.headings.push({ level: h.level, text: hasText ? this.t.slice(textStart, textEnd) : "", line: this.lineNo, start, end: this.lineEnd, textStart, textEnd });
    if (!hasText) return;
    this.noteText(1, countBrackets(this.t, textStart, textEnd));
    new InlineScanner(this.t, textStart, textEnd).scan((a, b) => this.codeRanges.push([a, b]));
  }

  /** A table row from `p`: each cell is inline text of its own. */
  private tableRow(p: number): void {
    const t = this.t;
    const end = this.lineEnd;
    this.noteText(0, countBrackets(t, p, end));
    let cell = p;
    for (let i = p; i <= end; ) {
      if (i === end || t.charCodeAt(i) === PIPE) {
        if (i > cell) new InlineScanner(t, cell, i).scan((a, b) => this.codeRanges.push([a, b]));
        cell = ++i;
      } else if (t.charCodeAt(i) === BACKSLASH && i + 1 < end && (t.charCodeAt(i + 1) === PIPE || t.charCodeAt(i + 1) === BACKSLASH)) i += 2;
      else i++;
    }
  }

  /**
   * Whether a table starts at `p`: this line is a head row and the next line, continuing every
   * open container, is a delimiter row with as many cells.
   */
  private isTableHead(p: number): boolean {
    if (this.nextStart < 0) return false;
    const t = this.t;
    const nextEnd = lineEndFrom(t, this.nextStart);
    // Cheap refusal: a delimiter row (after `>` and indents) holds nothing else, and a pipe or colon.
    let marks = false;
    for (let i = this.nextStart; i < nextEnd; i++) {
      const c = t.charCodeAt(i);
      if (c === PIPE || c === COLON) marks = true;
      else if (c !== DASH && c !== GT && !isSpaceOrTab(c)) return false;
    }
    if (!marks) return false;
    const cells = tableHeadCells(t, p, this.lineEnd);
    if (cells < 0) return false;
    const saved = [this.lineStart, this.lineEnd, this.pos, this.col, this.tabRest, this.indent, this.nonSpace, this.nonSpaceCol, this.scanFrom];
    this.lineStart = this.pos = this.nextStart;
    this.lineEnd = nextEnd;
    this.col = this.tabRest = 0;
    let ok = this.continueContainers(true) === this.stack.length;
    if (ok) {
      this.scanIndent();
      const q = this.nonSpace;
      // The row must not start a list item instead (it would interrupt the table's head).
      const item = t.charCodeAt(q) === DASH && q + 1 < nextEnd && isSpaceOrTab(t.charCodeAt(q + 1)) && skipSpacesAndTabs(t, q + 1, nextEnd) < nextEnd;
      ok = this.indent <= 3 && !item && tableDelimiterCells(t, q, nextEnd) === cells;
    }
    [this.lineStart, this.lineEnd, this.pos, this.col, this.tabRest, this.indent, this.nonSpace, this.nonSpaceCol, this.scanFrom] = saved;
    return ok;
  }

  private noteText(lines: number, brackets: number): void {
    if (lines > this.stats.maxParagraphLines) this.stats.maxParagraphLines = lines;
    if (brackets > this.stats.maxParagraphBrackets) this.stats.maxParagraphBrackets = brackets;
  }

  /** Text as micromark's tokens give it: every line break as LF. */
  private textOf(start: number, end: number): string {
    const text = this.t.slice(start, end);
    return text.includes("\r") ? text.replace(/\r\n?/g, "\n") : text;
  }
}
