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
}

export interface MalformedCitation {
  start: number;
  end: number;
  message: string;
}

/** A whole key: internal punctuation must be followed by a key character, as in Pandoc. */
export const KEY_PATTERN = /[\p{L}\p{N}_](?:[\p{L}\p{N}_]|[:.#$%&\-+?<>~/](?=[\p{L}\p{N}_]))*/u;
const KEY_AT_START = new RegExp("^" + KEY_PATTERN.source, "u");

export function isValidKey(key: string): boolean {
  const m = KEY_AT_START.exec(key);
  return m !== null && m[0].length === key.length;
}

/**
 * Finds citations in `text`, skipping the given [start, end) ranges (code). Offsets are into `text`.
 * Never throws; bad syntax becomes a `MalformedCitation`.
 */
export function findCitations(text: string, skip: ReadonlyArray<readonly [number, number]> = []): { citations: Citation[]; malformed: MalformedCitation[] } {
  const citations: Citation[] = [];
  const malformed: MalformedCitation[] = [];
  let skipIdx = 0;
  let i = text.indexOf("[", 0);
  while (i >= 0) {
    while (skipIdx < skip.length && skip[skipIdx][1] <= i) skipIdx++;
    if (skipIdx < skip.length && skip[skipIdx][0] <= i) {
      i = text.indexOf("[", skip[skipIdx][1]);
      continue;
    }
    if (i > 0 && text[i - 1] === "\\") {
      i = text.indexOf("[", i + 1);
      continue;
    }
    const next = scanBracket(text, i, skip[skipIdx]?.[0] ?? Infinity);
    if (next.kind === "citation") citations.push(next.citation);
    else if (next.kind === "malformed") malformed.push(next.malformed);
    i = text.indexOf("[", next.resume);
  }
  return { citations, malformed };
}

type Scan =
  | { kind: "citation"; citation: Citation; resume: number }
  | { kind: "malformed"; malformed: MalformedCitation; resume: number }
  | { kind: "none"; resume: number };

function scanBracket(text: string, open: number, limit: number): Scan {
  // Find the closing bracket on the same paragraph (no blank line), honouring nesting.
  let depth = 0;
  let close = -1;
  for (let j = open; j < text.length && j < limit; j++) {
    const c = text[j];
    if (c === "\\") {
      j++;
      continue;
    }
    if (c === "\n" && /^\s*\n/.test(text.slice(j + 1, j + 40))) break;
    if (c === "[") depth++;
    else if (c === "]") {
      depth--;
      if (depth === 0) {
        close = j;
        break;
      }
    }
  }
  const inner = close >= 0 ? text.slice(open + 1, close) : "";
  if (close < 0) {
    // `[@key` with no closing bracket.
    const m = /^\[(?:[^\]\n@]*\s)?@([\p{L}\p{N}_]\S*)?/u.exec(text.slice(open, open + 200));
    if (m && (text[open + 1] === "@" || /\s@/.test(m[0]))) {
      const end = open + m[0].length;
      return { kind: "malformed", malformed: { start: open, end, message: `unclosed citation "${m[0]}": add "]"` }, resume: end };
    }
    return { kind: "none", resume: open + 1 };
  }
  const after = text[close + 1];
  if (after === "(" || after === "[") return { kind: "none", resume: open + 1 }; // a link or reference link, not a citation
  if (after === ":" && (open === 0 || text[open - 1] === "\n" || /\n[ ]{0,3}$/.test(text.slice(Math.max(0, open - 4), open)))) {
    return { kind: "none", resume: close + 1 }; // a reference definition line
  }
  if (!/(^|[\s;])-?@/.test(inner)) return { kind: "none", resume: open + 1 };
  const items: CitationItem[] = [];
  let pos = open + 1;
  for (const part of inner.split(";")) {
    const partStart = pos;
    pos += part.length + 1;
    const at = part.search(/(^|\s)-?@/);
    if (at < 0) {
      if (part.trim() === "") return bad(open, close, `empty item in citation "${text.slice(open, close + 1)}"`);
      return bad(open, close, `citation item "${part.trim()}" has no @key`);
    }
    const atIdx = part.indexOf("@", at);
    const keyText = /^[^\s,]*/.exec(part.slice(atIdx + 1))![0];
    if (keyText === "") {
      const rest = part.slice(atIdx + 1);
      if (/^\s+\S/.test(rest)) return bad(open, close, `space after "@" in "${text.slice(open, close + 1)}": write [@${rest.trim().split(/[\s,]/)[0]}]`);
      return bad(open, close, `citation "${text.slice(open, close + 1)}" has no key after "@"`);
    }
    const m = KEY_AT_START.exec(keyText);
    const key = m ? m[0] : "";
    if (!m || key.length !== keyText.length) {
      const badChar = !m ? keyText[0] : keyText[key.length];
      return bad(open, close, `citation key "${keyText}" has a character outside the key syntax ("${badChar}"); a key starts with a letter, digit or "_" and may hold : . # $ % & - + ? < > ~ / inside`);
    }
    const keyStart = partStart + atIdx + 1;
    const locator = part.slice(atIdx + 1 + key.length).replace(/^\s*,?\s*/, "").trim();
    items.push({ key, keyStart, keyEnd: keyStart + key.length, prefix: part.slice(0, at).trim(), locator });
  }
  return { kind: "citation", citation: { start: open, end: close + 1, items }, resume: close + 1 };
}

function bad(open: number, close: number, message: string): Scan {
  return { kind: "malformed", malformed: { start: open, end: close + 1, message }, resume: close + 1 };
}

