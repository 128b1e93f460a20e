/** Pandoc-style citations: `[@key]`, `[@a; @b]`, `[see @key, p. 3]`. */

export interface CitationItem {
  key: string;
  /** Offsets of the key (without `@`) in the text. */
  keyStart: number;
  keyEnd: number;
  prefix: string;
  locator: string;
}

export interface Citation {
  start: number;
  end: number;
  items: CitationItem[];
  /** Pandoc's author-in-text form, `@smith04` or `@smith04 [p. 33]`, outside brackets. */
  inText?: boolean;
}

export interface MalformedCitation {
  start: number;
  end: number;
  message: string;
}

/** A whole key: internal punctuation must be followed by a key character, as in Pandoc. */
export const KEY_PATTERN = /[\p{L}\p{N}_](?:[\p{L}\p{N}_]|[:.#$%&\-+?<>~/](?=[\p{L}\p{N}_])|[:/](?=\/))*/u;
const KEY_AT_START = new RegExp("^" + KEY_PATTERN.source, "u");

export function isValidKey(key: string): boolean {
  const m = KEY_AT_START.exec(key);
  return m !== null && m[0].length === key.length;
}

/**
 * A key as it is written after `@`: as it is when Pandoc's key syntax allows, else in braces
 * (`@{port report}`); undefined when not even braces can hold it. `braced`: the place it goes is
 * already inside braces.
 */
export function writeKey(key: string, braced = false): string | undefined {
  if (braced) return /[{}\r\n]/.test(key) || key === "" ? undefined : key;
  if (isValidKey(key)) return key;
  return /[{}\r\n]/.test(key) || key === "" ? undefined : `{${key}}`;
}

/**
 * Finds citations in `text`, skipping the given sorted [start, end) ranges (code, front matter).
 * A citation never spans two blocks: `blocks` are the sorted [start, end) spans of inline content
 * (paragraphs, headings); text outside them is read line by line. Without `blocks`, blank lines
 * separate blocks. Linear in the text: brackets are paired in one pass, then each `[` is looked at
 * once. Never throws; bad syntax becomes a `MalformedCitation`.
 */
export function findCitations(
  text: string,
  skip: ReadonlyArray<readonly [number, number]> = [],
  blocks?: ReadonlyArray<readonly [number, number]>,
): { citations: Citation[]; malformed: MalformedCitation[] } {
  const citations: Citation[] = [];
  const malformed: MalformedCitation[] = [];
  const { opens, closes } = pairBrackets(text, skip, blocks ?? blankLineBlocks(text));
  const ats = citationAts(text);
  let atIdx = 0;
  let resume = 0;
  for (let k = 0; k < opens.length; k++) {
    const open = opens[k];
    if (open < resume) continue;
    const close = closes[k];
    while (atIdx < ats.length && ats[atIdx] <= open) atIdx++;
    const next = scanBracket(text, open, close, close >= 0 ? atIdx < ats.length && ats[atIdx] < close : false);
    if (next.kind === "citation") citations.push(next.citation);
    else if (next.kind === "malformed") malformed.push(next.malformed);
    resume = next.resume;
  }
  const inText = inTextCitations(text, skip, opens, closes, citations, malformed, blocks);
  if (inText.length === 0) return { citations, malformed };
  return { citations: [...citations, ...inText].sort((a, b) => a.start - b.start), malformed };
}

/**
 * Pandoc's author-in-text citations outside brackets: `@smith04 says`, `@smith04 [p. 33] says`,
 * `@{https://example.com/x} says`. The `@` must stand after white space, the start of the text
 * or opening punctuation (`(`, quotes, `*`, `_`), so an e-mail address (`board@pellow.example`),
 * a URL (`https://example.com/@user`) or an escaped `\@` is not one; code is skipped. A `[...]`
 * right after the key (after spaces) that holds no `@` is its locator and suffix.
 */
function inTextCitations(
  text: string,
  skip: ReadonlyArray<readonly [number, number]>,
  opens: readonly number[],
  closes: readonly number[],
  bracketed: readonly Citation[],
  malformed: readonly MalformedCitation[],
  blocks: ReadonlyArray<readonly [number, number]> | undefined,
): Citation[] {
  const out: Citation[] = [];
  // Spans already taken (bracketed citations, malformed ones) and block bounds, walked in order.
  const taken = [...bracketed.map((c) => [c.start, c.end] as const), ...malformed.map((m) => [m.start, m.end] as const)].sort((a, b) => a[0] - b[0]);
  const closeOf = new Map<number, number>();
  for (let k = 0; k < opens.length; k++) closeOf.set(opens[k], closes[k]);
  let skipIdx = 0;
  let takenIdx = 0;
  let blockIdx = 0;
  for (let i = text.indexOf("@"); i >= 0; i = text.indexOf("@", i + 1)) {
    while (skipIdx < skip.length && skip[skipIdx][1] <= i) skipIdx++;
    if (skipIdx < skip.length && skip[skipIdx][0] <= i) continue;
    while (takenIdx < taken.length && taken[takenIdx][1] <= i) takenIdx++;
    if (takenIdx < taken.length && taken[takenIdx][0] <= i) continue;
    if (blocks) {
      while (blockIdx < blocks.length && blocks[blockIdx][1] <= i) blockIdx++;
      if (!(blockIdx < blocks.length && blocks[blockIdx][0] <= i)) continue;
    }
    let start = i;
    // -@key: the author suppressed (a "-" that is skipped text, e.g. the end of code, is not).
    if (text[i - 1] === "-" && !(skipIdx > 0 && skip[skipIdx - 1][1] > i - 1)) start = i - 1;
    const before = start > 0 ? text[start - 1] : "";
    if (before !== "" && !/[\s([{"'“‘*_]/u.test(before)) continue;
    const k = readKey(text.slice(i + 1, i + 1 + 1024));
    if (!k) continue;
    const keyStart = i + 1 + k.keyOffset;
    let end = i + 1 + k.length;
    let locator = "";
    // `@smith04 [p. 33]`: a bracket right after, holding no "@", is the locator.
    let j = end;
    while (text[j] === " " || text[j] === "\t") j++;
    if (text[j] === "[") {
      const close = closeOf.get(j);
      if (close !== undefined && close > j && !text.slice(j + 1, close).includes("@") && text[close + 1] !== "(" && text[close + 1] !== "[") {
        locator = text.slice(j + 1, close).trim();
        end = close + 1;
      }
    }
    out.push({ start, end, inText: true, items: [{ key: k.key, keyStart, keyEnd: keyStart + k.key.length, prefix: "", locator }] });
    i = end - 1;
  }
  return out;
}

/** Blocks separated by blank lines (any line ending), for callers without a Markdown parse. */
function blankLineBlocks(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let blockStart = -1;
  let lineStart = 0;
  while (lineStart <= text.length) {
    let end = lineStart;
    let blank = true;
    while (end < text.length && text[end] !== "\n" && text[end] !== "\r") {
      if (blank && text[end] !== " " && text[end] !== "\t") blank = false;
      end++;
    }
    if (blank) {
      if (blockStart >= 0) out.push([blockStart, lineStart]);
      blockStart = -1;
    } else if (blockStart < 0) blockStart = lineStart;
    if (end >= text.length) break;
    lineStart = end + (text[end] === "\r" && text[end + 1] === "\n" ? 2 : 1);
  }
  if (blockStart >= 0) out.push([blockStart, text.length]);
  return out;
}

/**
 * Every unescaped `[` outside the skipped ranges, in order, with its matching `]` in the same
 * block (-1 when it has none). Outside `blocks`, each line is a block of its own.
 */
function pairBrackets(text: string, skip: ReadonlyArray<readonly [number, number]>, blocks: ReadonlyArray<readonly [number, number]>): { opens: number[]; closes: number[] } {
  const opens: number[] = [];
  const closes: number[] = [];
  const stack: number[] = [];
  let skipIdx = 0;
  let blockIdx = 0;
  let segmentEnd = -1;
  for (let i = 0; i < text.length; i++) {
    if (i >= segmentEnd) {
      stack.length = 0;
      while (blockIdx < blocks.length && blocks[blockIdx][1] <= i) blockIdx++;
      if (blockIdx < blocks.length && blocks[blockIdx][0] <= i) segmentEnd = blocks[blockIdx][1];
      else {
        segmentEnd = i;
        while (segmentEnd < text.length && text[segmentEnd] !== "\n" && text[segmentEnd] !== "\r") segmentEnd++;
        if (blockIdx < blocks.length) segmentEnd = Math.min(segmentEnd, blocks[blockIdx][0]);
        segmentEnd = Math.max(segmentEnd, i + 1);
      }
    }
    while (skipIdx < skip.length && skip[skipIdx][1] <= i) skipIdx++;
    if (skipIdx < skip.length && skip[skipIdx][0] <= i) {
      stack.length = 0; // a bracket never pairs across code
      i = Math.min(skip[skipIdx][1], text.length) - 1;
      if (i >= segmentEnd - 1) segmentEnd = i + 1;
      continue;
    }
    const c = text.charCodeAt(i);
    if (c === 92 /* \\ */) {
      i++;
      continue;
    }
    if (c === 91 /* [ */) {
      stack.push(opens.length);
      opens.push(i);
      closes.push(-1);
    } else if (c === 93 /* ] */ && stack.length) closes[stack.pop()!] = i;
  }
  return { opens, closes };
}

/** Offsets of every `@` that can start a citation item: after a space, `;`, `[`, or `-` after one of those. */
function citationAts(text: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf("@"); i >= 0; i = text.indexOf("@", i + 1)) {
    let j = i - 1;
    if (text[j] === "-") j--;
    const before = text[j];
    if (j < 0 || before === "[" || before === ";" || /\s/.test(before)) out.push(i);
  }
  return out;
}

type Scan =
  | { kind: "citation"; citation: Citation; resume: number }
  | { kind: "malformed"; malformed: MalformedCitation; resume: number }
  | { kind: "none"; resume: number };

function scanBracket(text: string, open: number, close: number, holdsAt: boolean): Scan {
  if (close < 0) {
    // `[@key` with no closing bracket.
    const m = /^\[(?:[^\]\n\r@]*\s)?@([\p{L}\p{N}_]\S*)?/u.exec(text.slice(open, open + 200));
    if (m && (text[open + 1] === "@" || /\s@/.test(m[0]))) {
      const end = open + m[0].length;
      return { kind: "malformed", malformed: { start: open, end, message: `unclosed citation "${m[0]}": add "]"` }, resume: end };
    }
    return { kind: "none", resume: open + 1 };
  }
  const after = text[close + 1];
  if (after === "(" || after === "[") return { kind: "none", resume: open + 1 }; // a link or reference link, not a citation
  // `[@key]: path` reference definitions reach here only when they are not definitions (the
  // structure reader's definitions are skipped): then, as in Pandoc, `[@key]` is a citation.
  if (!holdsAt) return { kind: "none", resume: open + 1 };
  const inner = text.slice(open + 1, close);
  // An inline note ^[...] or a bracket holding brackets is no citation itself; the citations
  // inside it are read on their own.
  if (text[open - 1] === "^" || /(?<!\\)[[\]]/.test(inner)) return { kind: "none", resume: open + 1 };
  const items: CitationItem[] = [];
  let pos = open + 1;
  for (const part of inner.split(";")) {
    const partStart = pos;
    pos += part.length + 1;
    const at = part.search(/(^|\s)-?@/);
    if (at < 0) {
      if (part.trim() === "") return bad(open, close, `empty item in citation "${excerptOf(text, open, close)}"`);
      return bad(open, close, `citation item "${part.trim().slice(0, 60)}" has no @key`);
    }
    const atIdx = part.indexOf("@", at);
    const rest = part.slice(atIdx + 1);
    const k = readKey(rest);
    if (!k) {
      const keyText = /^[^\s,]*/.exec(rest)![0];
      if (keyText === "" && /^\s+\S/.test(rest)) return bad(open, close, `space after "@" in "${excerptOf(text, open, close)}": write [@${rest.trim().split(/[\s,]/)[0].slice(0, 60)}]`);
      if (keyText === "") return bad(open, close, `citation "${excerptOf(text, open, close)}" has no key after "@"`);
      if (keyText.startsWith("{")) return bad(open, close, `citation key "${keyText.slice(0, 60)}" has no closing "}"`);
      return bad(open, close, `citation key "${keyText.slice(0, 60)}" does not start with a letter, a digit or "_" (or "{" for a key in braces)`);
    }
    // Pandoc's rule: internal punctuation belongs to the key, trailing punctuation does not (it
    // starts the suffix): [@Foo_bar.baz.] cites Foo_bar.baz; [@Foo_bar--baz] cites Foo_bar.
    const keyStart = partStart + atIdx + 1 + k.keyOffset;
    // A locator in braces right after the key, as Pandoc allows: [@smith{ii, A, D-Z}, suffix].
    const after = rest.slice(k.length);
    const braced = after.startsWith("{") ? /^\{([^{}]*)\}/.exec(after) : null;
    const locator = braced ? braced[1].trim() : after.replace(/^\s*,?\s*/, "").trim();
    items.push({ key: k.key, keyStart, keyEnd: keyStart + k.key.length, prefix: part.slice(0, at).trim(), locator });
  }
  return { kind: "citation", citation: { start: open, end: close + 1, items }, resume: close + 1 };
}

/**
 * The key at the start of `s` (just after "@"): Pandoc's unbraced key (internal punctuation
 * followed by a key character), or everything inside `{...}` (`@{https://example.com/x?y=1}`,
 * braces balanced). `keyOffset` is where the key starts in `s` (1 inside braces) and `length`
 * how much of `s` the key and its braces take.
 */
export function readKey(s: string): { key: string; keyOffset: number; length: number } | undefined {
  if (s.startsWith("{")) {
    let depth = 0;
    for (let i = 0; i < s.length && i < 1000; i++) {
      const c = s[i];
      if (c === "\\") {
        i++;
        continue;
      }
      if (c === "{") depth++;
      else if (c === "}" && --depth === 0) {
        const key = s.slice(1, i).trim();
        return key && !/[\n\r]/.test(key) ? { key: s.slice(1, i), keyOffset: 1, length: i + 1 } : undefined;
      } else if (c === "\n" || c === "\r") return undefined;
    }
    return undefined;
  }
  const m = KEY_AT_START.exec(s);
  return m ? { key: m[0], keyOffset: 0, length: m[0].length } : undefined;
}

/** A citation's text for a message, shortened when long. */
function excerptOf(text: string, open: number, close: number): string {
  return close - open < 80 ? text.slice(open, close + 1) : `${text.slice(open, open + 70)}…]`;
}

function bad(open: number, close: number, message: string): Scan {
  return { kind: "malformed", malformed: { start: open, end: close + 1, message }, resume: close + 1 };
}

