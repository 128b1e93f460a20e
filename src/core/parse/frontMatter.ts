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

const FENCE = /^---[ \t]*\r?$/;

/** Reads a leading `---` YAML block. Never throws. */
export function parseFrontMatter(text: string): FrontMatter {
  const none: FrontMatter = { data: {}, lineCount: 0, bodyOffset: 0 };
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const firstEnd = text.indexOf("\n", start);
  if (firstEnd < 0 || !FENCE.test(text.slice(start, firstEnd))) return none;
  let lineStart = firstEnd + 1;
  let line = 1;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf("\n", lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const lineText = text.slice(lineStart, lineEnd);
    if (FENCE.test(lineText) || /^\.\.\.[ \t]*\r?$/.test(lineText)) {
      const yamlText = text.slice(firstEnd + 1, lineStart);
      const bodyOffset = Math.min(text.length, lineEnd + 1);
      const flat = parseFlat(yamlText);
      if (flat) return { data: flat, lineCount: line + 1, bodyOffset };
      const doc = parseDocument(yamlText, { prettyErrors: false });
      if (doc.errors.length > 0) {
        const err = doc.errors[0];
        // The opening fence is file line 0, so the YAML text's line n (0-based) is file line n + 1.
        const at = Math.max(0, Math.min(err.pos?.[0] ?? 0, yamlText.length));
        const errLine = 1 + (yamlText.slice(0, at).match(/\n/g)?.length ?? 0);
        return { data: {}, lineCount: line + 1, bodyOffset, error: { message: err.message.split("\n")[0], line: errLine } };
      }
      const value = doc.toJS();
      const data = value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
      return { data, lineCount: line + 1, bodyOffset };
    }
    if (lineEnd >= text.length) break;
    lineStart = lineEnd + 1;
    line++;
  }
  return none;
}

const FLAT_LINE = /^([A-Za-z_][\w-]*):[ \t]*(.*?)[ \t]*\r?$/;
const PLAIN_VALUE = /^(?:[A-Za-z0-9(][^#:{}[\]&*!|>'"%@`]*)?$/;

/**
 * The common case without the YAML library: one `key: plain value` per line, nothing that YAML
 * would read differently (quotes, flow collections, anchors, comments, `key: value: x`). Anything
 * else goes to the real parser. Values are typed as YAML would: numbers, booleans, dates.
 */
function parseFlat(yaml: string): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const line of yaml.split("\n")) {
    if (line.trim() === "") continue;
    const m = FLAT_LINE.exec(line);
    if (!m || !PLAIN_VALUE.test(m[2]) || m[2].includes(": ") || m[1] in out) return undefined;
    const v = m[2];
    if (v === "") return undefined; // a nested block may follow
    if (/^\d{4}-\d{2}-\d{2}$/.test(v)) out[m[1]] = new Date(`${v}T00:00:00Z`);
    else if (/^-?\d+(\.\d+)?$/.test(v)) out[m[1]] = Number(v);
    else if (/^(true|false)$/.test(v)) out[m[1]] = v === "true";
    else if (/^(null|~)$/.test(v)) out[m[1]] = null;
    else out[m[1]] = v;
  }
  return out;
}

/** A front-matter value as display text (dates become YYYY-MM-DD). */
export function frontMatterString(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (value instanceof Date) return isNaN(value.getTime()) ? undefined : value.toISOString().slice(0, 10);
  if (typeof value === "string") return value.trim() || undefined;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}
