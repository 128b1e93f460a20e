/**
 * The checks the properties share, written independently of the engine's own LineIndex: the
 * document as VS Code sees it, ranges inside it, offsets inside a text, applying fixes.
 */
import * as assert from "node:assert/strict";
import type { Position, Range, TextEdit } from "../../src/core/types";

/** A document as VS Code sees it: lines split at CRLF, CR or LF; characters are UTF-16 units. */
export class VsDoc {
  readonly lines: string[];
  readonly lineStarts: number[];

  constructor(readonly text: string) {
    this.lines = [];
    this.lineStarts = [];
    const re = /\r\n|\r|\n/g;
    let start = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      this.lines.push(text.slice(start, m.index));
      this.lineStarts.push(start);
      start = m.index + m[0].length;
    }
    this.lines.push(text.slice(start));
    this.lineStarts.push(start);
  }

  get lineCount(): number {
    return this.lines.length;
  }

  offsetAt(p: Position): number {
    return this.lineStarts[p.line] + p.character;
  }
}

export function assertPosition(doc: VsDoc, p: Position, what: string): void {
  assert.ok(p && Number.isInteger(p.line) && Number.isInteger(p.character), `${what}: position ${JSON.stringify(p)} is not two integers`);
  assert.ok(p.line >= 0 && p.line < doc.lineCount, `${what}: line ${p.line} outside the document's ${doc.lineCount} lines`);
  assert.ok(p.character >= 0 && p.character <= doc.lines[p.line].length, `${what}: character ${p.character} outside line ${p.line} of length ${doc.lines[p.line].length} (${JSON.stringify(doc.lines[p.line])})`);
}

export function assertRange(doc: VsDoc, r: Range, what: string): void {
  assert.ok(r && r.start && r.end, `${what}: not a range: ${JSON.stringify(r)}`);
  assertPosition(doc, r.start, `${what} start`);
  assertPosition(doc, r.end, `${what} end`);
  const a = doc.offsetAt(r.start);
  const b = doc.offsetAt(r.end);
  assert.ok(a <= b, `${what}: start ${JSON.stringify(r.start)} after end ${JSON.stringify(r.end)}`);
}

/** `[start, end)` offsets inside a text of length `n`, start ≤ end, integers. */
export function assertSpan(n: number, start: number, end: number, what: string): void {
  assert.ok(Number.isInteger(start) && Number.isInteger(end), `${what}: offsets ${start}, ${end} are not integers`);
  assert.ok(0 <= start && start <= end && end <= n, `${what}: [${start}, ${end}) not inside the text of length ${n}`);
}

/** Spans sorted by start and not overlapping. */
export function assertOrderedDisjoint(spans: ReadonlyArray<{ start: number; end: number }>, what: string): void {
  for (let i = 1; i < spans.length; i++) {
    assert.ok(spans[i - 1].end <= spans[i].start, `${what}: [${spans[i - 1].start}, ${spans[i - 1].end}) and [${spans[i].start}, ${spans[i].end}) overlap or are out of order`);
  }
}

export type EolKind = "crlf" | "cr" | "lf";

export function eolKinds(text: string): Set<EolKind> {
  const out = new Set<EolKind>();
  for (const m of text.matchAll(/\r\n|\r|\n/g)) out.add(m[0] === "\r\n" ? "crlf" : m[0] === "\r" ? "cr" : "lf");
  return out;
}

/**
 * Checks a fix's edits against the document (inside it, not overlapping) and applies them as
 * VS Code would (all against the original text). Returns the new text.
 */
export function applyEdits(doc: VsDoc, edits: readonly TextEdit[], what: string): string {
  assert.ok(Array.isArray(edits) && edits.length > 0, `${what}: a fix without edits`);
  const spans = edits.map((e, i) => {
    assertRange(doc, e.range, `${what} edit ${i}`);
    assert.equal(typeof e.newText, "string", `${what} edit ${i}: newText is not a string`);
    return { start: doc.offsetAt(e.range.start), end: doc.offsetAt(e.range.end), newText: e.newText };
  });
  const sorted = [...spans].sort((a, b) => a.start - b.start || a.end - b.end);
  assertOrderedDisjoint(sorted, `${what} edits`);
  let out = "";
  let at = 0;
  for (const s of sorted) {
    out += doc.text.slice(at, s.start) + s.newText;
    at = s.end;
  }
  return out + doc.text.slice(at);
}

/** The line ends a fixed text may hold: the file's own kinds; LF when the file has none. */
export function assertKeepsLineEnds(before: string, after: string, what: string, edits: readonly TextEdit[] = []): void {
  const own = eolKinds(before);
  if (own.size === 0) own.add("lf");
  for (const k of eolKinds(after)) {
    const texts = edits.map((e) => JSON.stringify(e.newText)).join(", ");
    assert.ok(own.has(k), `${what}: introduces a ${k.toUpperCase()} line end into a file whose line ends are ${[...eolKinds(before)].map((x) => x.toUpperCase()).join("+") || "none"}${texts ? ` (inserted text: ${texts})` : ""}`);
  }
}

/**
 * A canonical, comparable form of a value: class instances as their own fields, Dates by
 * their time (invalid dates compare equal), functions and getters' laziness ignored.
 */
export function canon(value: unknown, seen = new Map<object, number>()): unknown {
  if (value === null || typeof value !== "object") {
    if (typeof value === "function") return "[function]";
    if (typeof value === "number" && Number.isNaN(value)) return "NaN";
    return value;
  }
  if (seen.has(value)) return `[cycle ${seen.get(value)}]`;
  seen.set(value, seen.size);
  try {
    if (value instanceof Date) return `Date(${value.getTime()})`;
    if (value instanceof Uint8Array) return `bytes(${[...value].join(",")})`;
    if (value instanceof Map) return { map: [...value].map(([k, v]) => [canon(k, seen), canon(v, seen)]) };
    if (value instanceof Set) return { set: [...value].map((v) => canon(v, seen)) };
    if (Array.isArray(value)) return value.map((v) => canon(v, seen));
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value)) out[k] = canon((value as Record<string, unknown>)[k], seen);
    return out;
  } finally {
    seen.delete(value);
  }
}

export function assertSame(a: unknown, b: unknown, what: string): void {
  assert.deepStrictEqual(canon(a), canon(b), `${what}: not deterministic`);
}
