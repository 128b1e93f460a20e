import type { Position, Range } from "./types";

/**
 * Maps offsets in a text to 0-based line/character positions and back. A line ends at LF, CRLF
 * or a lone CR, as VS Code and markdownlint count lines; characters are UTF-16 code units.
 */
export class LineIndex {
  readonly lineStarts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    // An offset between a CR and its LF belongs to the end of the line.
    return { line: lo, character: Math.min(o, this.lineEnd(lo)) - this.lineStarts[lo] };
  }

  offsetAt(p: Position): number {
    if (p.line >= this.lineStarts.length) return this.text.length;
    if (p.line < 0) return 0;
    return Math.min(this.lineStarts[p.line] + Math.max(0, p.character), this.lineEnd(p.line));
  }

  rangeOf(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(Math.max(start, end)) };
  }

  /** Offset just past the line's last character, before its line break. */
  lineEnd(line: number): number {
    if (line + 1 >= this.lineStarts.length) return this.text.length;
    const next = this.lineStarts[line + 1];
    return this.text.charCodeAt(next - 1) === 10 && this.text.charCodeAt(next - 2) === 13 ? next - 2 : next - 1;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStarts[line], this.lineEnd(line));
  }

  /** The line break that ends a line ("" on the last line). */
  lineBreak(line: number): string {
    return this.text.slice(this.lineEnd(line), line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] : this.text.length);
  }

  /** The text's own line ending: that of the first line that has one, else LF. */
  get eol(): string {
    return this.lineStarts.length > 1 ? this.lineBreak(0) : "\n";
  }

  /** The line ending to use for text inserted at an offset: that line's own, else the text's. */
  eolAt(offset: number): string {
    const line = this.positionAt(offset).line;
    return this.lineBreak(line) || this.eol;
  }
}

/** Rewrites every line break in `text` as `eol`. */
export function withLineEnding(text: string, eol: string): string {
  return eol === "\n" ? text.replace(/\r\n?/g, "\n") : text.replace(/\r\n|\r|\n/g, eol);
}

/**
 * A date as a reader wants it: `2025-08-22T09:30:00Z` (and `2025-08-22 09:30`) as `2025-08-22`,
 * the date as written (no time zone is applied); anything else unchanged.
 */
export function displayDate(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const m = /^\s*(\d{4}-\d\d-\d\d)[T ]\d\d:\d\d/.exec(value);
  return m ? m[1] : value;
}

/** A text as a regular expression that matches it literally. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

let hostUtf8Check: ((bytes: Uint8Array) => boolean) | undefined;

/**
 * A host's own UTF-8 check, judging as `validUtf8` does (Node's `buffer.isUtf8`: listing 10,000
 * sources checks about 9 MB of their heads, 10–17 ms here and 3–4 ms there). Undefined: this one.
 */
export function setUtf8Check(check: ((bytes: Uint8Array) => boolean) | undefined): void {
  hostUtf8Check = check;
}

/** Whether bytes [from, to) are well-formed UTF-8, as a fatal TextDecoder judges them (no overlong forms, no surrogates, nothing past U+10FFFF). */
export function validUtf8(bytes: Uint8Array, from: number, to: number): boolean {
  if (hostUtf8Check) return hostUtf8Check(bytes.subarray(from, to));
  return validUtf8Here(bytes, from, to);
}

/** `validUtf8` without the host's check (what a host's check is tested against). */
export function validUtf8Here(bytes: Uint8Array, from: number, to: number): boolean {
  let i = from;
  while (i < to) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let n: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) n = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      n = 2;
      if (b === 0xe0) lo = 0xa0;
      else if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      n = 3;
      if (b === 0xf0) lo = 0x90;
      else if (b === 0xf4) hi = 0x8f;
    } else return false;
    if (i + n >= to) return false; // cut short
    const second = bytes[i + 1];
    if (second < lo || second > hi) return false;
    for (let k = 2; k <= n; k++) {
      const x = bytes[i + k];
      if (x < 0x80 || x > 0xbf) return false;
    }
    i += n + 1;
  }
  return true;
}
