import { parseDocument } from "yaml";

export interface FrontMatter {
  /** Parsed mapping, empty when absent or invalid. */
  data: Record<string, unknown>;
  /** Number of lines the front matter block takes, fences included (0 when absent). */
  lineCount: number;
  /** Offset where the body starts. */
  bodyOffset: number;
  /** A YAML error, with a 0-based line in the file. */
  error?: { message: string; line: number };
}

const FENCE = /^---[ \t]*$/;
const END_FENCE = /^(?:---|\.\.\.)[ \t]*$/;
/** YAML aliases expanded at most this many times: an alias bomb is reported, not expanded. */
const MAX_ALIAS_COUNT = 100;

/**
 * Reads a leading `---` YAML block. Never throws: invalid YAML, an alias bomb, an alias to no
 * anchor or nesting deep enough to exhaust the parser all become `error`. Lines end at LF, CRLF
 * or a lone CR, as markdownlint reads them.
 */
export function parseFrontMatter(text: string): FrontMatter {
  const block = frontMatterBlock(text);
  if (!block) return { data: {}, lineCount: 0, bodyOffset: 0 };
  const parsed = parseYamlBlock(text.slice(block.yamlStart, block.yamlEnd));
  return { ...parsed, lineCount: block.lineCount, bodyOffset: block.bodyOffset };
}

/**
 * Where a leading `---` block lies, without reading its YAML: the YAML text is
 * `text.slice(yamlStart, yamlEnd)`; `next` is where the line after the closing fence starts (past
 * the text when the fence ends it). Undefined when there is no closed block.
 */
export function frontMatterBlock(text: string): { yamlStart: number; yamlEnd: number; bodyOffset: number; next: number; lineCount: number } | undefined {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let lineStart = start;
  let line = 0;
  let yamlStart = -1;
  while (lineStart <= text.length) {
    const { end: lineEnd, next } = lineAt(text, lineStart);
    const lineText = text.slice(lineStart, lineEnd);
    if (line === 0) {
      if (!FENCE.test(lineText) || next > text.length) return undefined;
      yamlStart = next;
    } else if (END_FENCE.test(lineText)) {
      return { yamlStart, yamlEnd: lineStart, bodyOffset: Math.min(text.length, next), next, lineCount: line + 1 };
    }
    if (next > text.length) break;
    lineStart = next;
    line++;
  }
  return undefined;
}

/**
 * True when a front matter's YAML cannot give a top-level `id`: no line starts (after any indent) with `id:` (or
 * `id :`), and none starts with what could make a key some other way (a quoted or complex key, a
 * flow mapping, a tag, an anchor, an alias or merge key, a directive). Then a source's key is its
 * name, whatever the rest says, without reading the YAML.
 */
export function cannotHoldId(yaml: string): boolean {
  return !/^[ \t]*(?:id[ \t]*:|["'?{[!&*%<])/m.test(yaml);
}

/** The end of the line starting at `from` (before its break) and where the next line starts (past the text when none does). */
function lineAt(text: string, from: number): { end: number; next: number } {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) return { end: i, next: i + 1 };
    if (c === 13) return { end: i, next: text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1 };
  }
  return { end: text.length, next: text.length + 1 };
}

/** The mapping a front matter's YAML text (between its fences) holds: `parseFrontMatter(text).data` when its block is known already. */
export function frontMatterData(yamlText: string): Record<string, unknown> {
  return parseYamlBlock(yamlText).data;
}

function parseYamlBlock(yamlText: string): { data: Record<string, unknown>; error?: { message: string; line: number } } {
  const flat = parseFlat(yamlText);
  if (flat) return { data: flat };
  // The opening fence is file line 0, so the YAML text's line n (0-based) is file line n + 1.
  const lineOfOffset = (at: number) => 1 + countLineBreaks(yamlText, Math.max(0, Math.min(at, yamlText.length)));
  try {
    const doc = parseDocument(yamlText, { prettyErrors: false, uniqueKeys: false });
    if (doc.errors.length > 0) {
      const err = doc.errors[0];
      return { data: {}, error: { message: err.message.split("\n")[0], line: lineOfOffset(err.pos?.[0] ?? 0) } };
    }
    const value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    const data = value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
    return { data };
  } catch (e) {
    const message = e instanceof RangeError ? "the YAML nests too deeply to read" : String((e as Error)?.message ?? e).split("\n")[0];
    return { data: {}, error: { message, line: 1 } };
  }
}

function countLineBreaks(text: string, end: number): number {
  let n = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) n++;
  }
  return n;
}

/** Spaces and tabs trimmed from both ends, by a loop (linear, unlike a regex anchored at the end). */
function trimBlanks(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && (s[a] === " " || s[a] === "\t")) a++;
  while (b > a && (s[b - 1] === " " || s[b - 1] === "\t")) b--;
  return s.slice(a, b);
}

/** `key: value`; the value's surrounding blanks are trimmed in code (a lazy `(.*?)[ \t]*$` is quadratic in a run of blanks). */
const FLAT_LINE = /^([A-Za-z_][\w-]*):(.*)$/;
/** A plain scalar's first character that no YAML indicator can be. */
const PLAIN_START = /^[A-Za-z0-9(]/;
/** YAML numbers other than the plain decimals read here (1e3, 1., 0x1F, 0o17): the YAML library reads them. */
const OTHER_NUMBER = /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+)$/;

/**
 * A value YAML reads as the plain text it is (or a plain number, boolean or null typed below):
 * no indicator first, no `: ` or ` #` inside (a mapping, a comment), no `:` last. A URL's colon
 * is plain text (`https://…`), as in YAML.
 */
function isFlatPlain(v: string): boolean {
  if (!PLAIN_START.test(v)) return false;
  if (v.endsWith(":") || v.includes(": ") || v.includes(":\t") || v.includes(" #") || v.includes("\t#")) return false;
  // Booleans and nulls spelt in capitals, and numbers in other forms, are left to the YAML library.
  if (/^(?:true|false|null)$/i.test(v) && !/^(?:true|false|null)$/.test(v)) return false;
  return /^-?\d+(\.\d+)?$/.test(v) || !OTHER_NUMBER.test(v);
}

/**
 * The common case without the YAML library: one `key: plain value` per line, nothing that YAML
 * would read differently (quotes, flow collections, anchors, comments, `key: value: x`). Anything
 * else goes to the real parser. Values are typed as YAML would: numbers, booleans, dates.
 */
function parseFlat(yaml: string): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const line of yaml.split(/\r\n|\r|\n/)) {
    if (line.trim() === "") continue;
    const m = FLAT_LINE.exec(line);
    if (!m) return undefined;
    const v = trimBlanks(m[2]);
    if (v === "") return undefined; // a nested block may follow
    if (!isFlatPlain(v) || m[1] in out) return undefined;
    out[m[1]] = flatValue(v);
  }
  return out;
}

/** A flat plain value typed as YAML's core schema types it. Dates stay text, as the YAML library keeps them: validity is the rules' call. */
function flatValue(v: string): unknown {
  if (/^-?\d+(\.\d+)?$/.test(v)) return Number(v);
  if (/^(true|false)$/.test(v)) return v === "true";
  if (/^(null|~)$/.test(v)) return null;
  return v;
}

/**
 * `frontMatterString(frontMatterData(yaml).id)` when the YAML is flat (as `parseFlat` reads it),
 * typing no value but the `id`'s; `null` when it is not flat (the YAML library decides). Listing
 * 10,000 sources reads their heads' front matter for this alone.
 */
export function flatFrontMatterId(yaml: string): string | undefined | null {
  const seen: Record<string, true> = {};
  let id: string | undefined;
  for (const line of yaml.split(/\r\n|\r|\n/)) {
    if (line.trim() === "") continue;
    const m = FLAT_LINE.exec(line);
    if (!m) return null;
    const v = trimBlanks(m[2]);
    if (v === "" || !isFlatPlain(v) || m[1] in seen) return null;
    seen[m[1]] = true;
    if (m[1] === "id") id = frontMatterString(flatValue(v));
  }
  return id;
}

/** A front-matter value as display text (dates become YYYY-MM-DD). */
export function frontMatterString(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (value instanceof Date) return isNaN(value.getTime()) ? undefined : value.toISOString().slice(0, 10);
  if (typeof value === "string" && /[\r\n]/.test(value)) return value.replace(/\s+/g, " ").trim() || undefined;
  if (typeof value === "string") return value.trim() || undefined;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}

/** True when `text` is a real calendar date YYYY-MM-DD (2025-02-30 is not; nothing is shifted). */
export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
  return d <= days;
}
