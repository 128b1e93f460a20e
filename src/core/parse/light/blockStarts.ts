/** Block starts that one line decides: thematic breaks, setext underlines, ATX headings, fences, HTML blocks, GFM tables, footnote labels, directives. Part of the light structure reader (../lightStructure.ts). */
import { BACKSLASH, BACKTICK, BANG, CARET, COLON, CR, DASH, DOLLAR, DOT, DQUOTE, EQUALS, GT, HASH, HTML_BLOCK_NAMES, HTML_RAW_NAMES, LBRACKET, LT, PIPE, QUESTION, RBRACKET, SLASH, SPACE, SQUOTE, STAR, TAB, UNDERSCORE, findBounded, isAsciiAlnum, isAsciiAlpha, isAsciiPunctuation, isSpaceOrTab, skipSpacesAndTabs } from "./chars";

// ---------------------------------------------------------------------------------------
// Single-line block starts (each reads one line, `t[p, end)`, with `p` at its first non-space)

/**
 * The last failed thematic-break scan: from `from`, only markers and white space up to `fail`,
 * which is neither. A scan of the same line and marker starting in between fails there too, so
 * `- - - - … item` (a list item per `- `) is scanned once, not once per item.
 */
export const breakScan = { text: undefined as string | undefined, end: -1, marker: -1, from: -1, fail: -1 };

export function isThematicBreak(t: string, p: number, end: number): boolean {
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
export function setextLevel(t: string, p: number, end: number): number {
  const marker = t.charCodeAt(p);
  if (marker !== EQUALS && marker !== DASH) return 0;
  let i = p;
  while (i < end && t.charCodeAt(i) === marker) i++;
  return skipSpacesAndTabs(t, i, end) === end ? (marker === EQUALS ? 1 : 2) : 0;
}

export interface AtxHeading {
  level: number;
  /** The heading text, or textStart === textEnd === -1 when there is none. */
  textStart: number;
  textEnd: number;
}

/** An ATX heading, with its text found as micromark's resolver finds it. */
export function atxHeading(t: string, p: number, end: number): AtxHeading | undefined {
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
export function fenceOpening(t: string, p: number, end: number): number {
  const marker = t.charCodeAt(p);
  let i = p;
  while (i < end && t.charCodeAt(i) === marker) i++;
  const size = i - p;
  if (marker === DOLLAR) return size >= 2 && findBounded(t, "$", i, end) < 0 ? size : 0;
  if (size < 3) return 0;
  return marker === BACKTICK && findBounded(t, "`", i, end) >= 0 ? 0 : size;
}

export function isFenceClosing(t: string, p: number, end: number, marker: number, size: number): boolean {
  let i = p;
  while (i < end && t.charCodeAt(i) === marker) i++;
  return i - p >= size && skipSpacesAndTabs(t, i, end) === end;
}

/**
 * The kind (1-7, as in CommonMark) of an HTML block starting at `p`, or 0. When interrupting a
 * paragraph, kind 7 (any complete tag) only counts on a lazy line, as micromark has it.
 */
export function htmlBlockKind(t: string, p: number, end: number, interrupt: boolean, lazy: boolean): number {
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
export function isCompleteTagLine(t: string, i: number, end: number, closing: boolean): boolean {
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
export function attributeEnd(t: string, i: number, end: number): number {
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
export function htmlBlockEndsIn(t: string, from: number, end: number, kind: number): boolean {
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
export function tableHeadCells(t: string, p: number, end: number): number {
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
export function tableDataEnd(t: string, i: number, end: number): number {
  while (i < end) {
    const c = t.charCodeAt(i);
    if (c === PIPE || isSpaceOrTab(c)) break;
    if (c === BACKSLASH && i + 1 < end && (t.charCodeAt(i + 1) === BACKSLASH || t.charCodeAt(i + 1) === PIPE)) i += 2;
    else i++;
  }
  return i;
}

/** Cells of a GFM table delimiter row (`| --- | :-: |`), or -1. */
export function tableDelimiterCells(t: string, p: number, end: number): number {
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
export function footnoteLabelEnd(t: string, p: number, end: number): number {
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

export const UNICODE_PUNCTUATION = /\p{P}|\p{S}/u;
export const UNICODE_WHITESPACE = /\s/;
export const isUnicodePunctuation = (c: number) => (c < 128 ? isAsciiPunctuation(c) : UNICODE_PUNCTUATION.test(String.fromCharCode(c)));
export const isUnicodeWhitespace = (c: number) => (c < 128 ? c === SPACE || (c >= TAB && c <= CR) : UNICODE_WHITESPACE.test(String.fromCharCode(c)));

/**
 * Whether a directive (micromark-extension-directive, which markdownlint enables for blocks)
 * starts at `p`: `::name[label]{attributes}` alone on its line (a leaf), or `:::name...` (a
 * container, returned as its number of colons). Returns 0 when there is none, -1 for a leaf.
 */
export function directiveStart(t: string, p: number, end: number): number {
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

export function directiveNameEnd(t: string, i: number, end: number): number {
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
export function directiveLabelEnd(t: string, i: number, end: number): number | undefined {
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
export function directiveAttributesEnd(t: string, i: number, end: number): number | undefined {
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
