import { getNodeValue, parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from "jsonc-parser";
import { isAlias, isMap, isSeq, parseDocument, visit, type Document, type Node as YamlNode } from "yaml";
import { LineIndex } from "../text";
import { languageCode } from "../lang/language";
import { keepCslItem, type BibEntry, type BibParseResult } from "./extracted";
import { cleanCslItem } from "../export/csl";

/**
 * Bibliographies in the two CSL forms Pandoc reads (CSL-JSON, CSL-YAML), parsed here without
 * any citation library; BibTeX/BibLaTeX needs citation.js and is read by the extraction bundle
 * (`src/node/extract/bibtex.ts`), which maps its CSL items with `cslItemToEntry` below.
 */

/** Pandoc's conventions: the format of a bibliography file by its extension. */
export function bibliographyFormat(path: string): "csl-json" | "csl-yaml" | "bibtex" | undefined {
  const dot = path.lastIndexOf(".");
  if (dot < 0 || dot < path.lastIndexOf("/") || dot < path.lastIndexOf("\\")) return undefined;
  switch (path.slice(dot + 1).toLowerCase()) {
    case "json":
      return "csl-json";
    case "yaml":
    case "yml":
      return "csl-yaml";
    case "bib":
    case "bibtex":
      return "bibtex";
    default:
      return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// CSL item → BibEntry
// ---------------------------------------------------------------------------------------------

/** A trimmed, non-empty text (numbers are written out), else undefined. */
function text(value: unknown): string | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value !== "string") return undefined;
  const t = value.replace(/\s+/g, " ").trim();
  return t === "" ? undefined : t;
}

/** One CSL name as "Given Family" (particles and suffix kept), or its literal. */
function nameOf(value: unknown): string | undefined {
  if (typeof value === "string") return text(value);
  if (!value || typeof value !== "object" || Array.isArray(value)) return undefined;
  const n = value as Record<string, unknown>;
  const literal = text(n.literal);
  if (literal) return literal;
  const parts = [text(n.given), text(n["dropping-particle"]), text(n["non-dropping-particle"]), text(n.family)].filter(
    (p): p is string => p !== undefined,
  );
  const suffix = text(n.suffix);
  if (suffix && parts.length > 0) parts.push(suffix);
  return parts.length > 0 ? parts.join(" ") : undefined;
}

function namesOf(value: unknown): string[] {
  if (!Array.isArray(value)) {
    const one = nameOf(value);
    return one ? [one] : [];
  }
  const out: string[] = [];
  for (const v of value) {
    const n = nameOf(v);
    if (n) out.push(n);
  }
  return out;
}

function pad(n: number, width: number): string {
  const s = String(Math.abs(n)).padStart(width, "0");
  return n < 0 ? "-" + s : s;
}

function toInt(value: unknown): number | undefined {
  const n = typeof value === "number" ? value : typeof value === "string" && /^\s*-?\d{1,6}\s*$/.test(value) ? Number(value) : NaN;
  return Number.isInteger(n) ? n : undefined;
}

/** `2024`, `2024-03` or `2024-03-05`; a month or day out of range is left off. */
function isoDate(year: unknown, month?: unknown, day?: unknown): string | undefined {
  const y = toInt(year);
  if (y === undefined || Math.abs(y) > 9999) return undefined;
  let out = pad(y, 4);
  const m = toInt(month);
  if (m === undefined || m < 1 || m > 12) return out;
  out += "-" + pad(m, 2);
  const d = toInt(day);
  if (d === undefined || d < 1 || d > 31) return out;
  return out + "-" + pad(d, 2);
}

/** An ISO/EDTF date at the start of a text (`2024-03-05`, `2024-03/2024-05`), else its first 4-digit year. */
function dateFromText(value: string): string | undefined {
  const head = value.slice(0, 200).trim();
  const iso = /^(-?\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?![\d])/.exec(head);
  if (iso) return isoDate(iso[1], iso[2], iso[3]);
  const year = /(?:^|[^\d])(\d{4})(?![\d])/.exec(head);
  return year ? isoDate(year[1]) : undefined;
}

/**
 * A CSL date as ISO text: `{ "date-parts": [[2024, 3, 5]] }`, `{ raw }`, `{ literal }`, a plain
 * text or year (CSL-YAML), or pandoc-citeproc's older `{ year, month, day }` (possibly in a list).
 */
function issuedOf(value: unknown): string | undefined {
  if (typeof value === "number") return isoDate(value);
  if (typeof value === "string") return dateFromText(value);
  if (Array.isArray(value)) return value.length > 0 ? issuedOf(value[0]) : undefined;
  if (!value || typeof value !== "object") return undefined;
  const d = value as Record<string, unknown>;
  const parts = d["date-parts"];
  if (Array.isArray(parts) && parts.length > 0) {
    const first = Array.isArray(parts[0]) ? (parts[0] as unknown[]) : parts;
    const iso = isoDate(first[0], first[1], first[2]);
    if (iso) return iso;
  }
  if (d.year !== undefined) {
    const iso = isoDate(d.year, d.month, d.day);
    if (iso) return iso;
  }
  for (const k of ["raw", "literal"]) {
    const t = text(d[k]);
    const iso = t ? dateFromText(t) : undefined;
    if (iso) return iso;
  }
  return undefined;
}

/**
 * Maps one CSL item (CSL-JSON/YAML, or citation.js's output for BibTeX) to a `BibEntry`.
 * `key` is the entry's citation key, `line` where it starts. Never throws on odd values: a field
 * of the wrong shape is left out.
 */
export function cslItemToEntry(item: Record<string, unknown>, key: string, line: number): BibEntry {
  const entry: BibEntry = { key, authors: [], line };
  const type = text(item.type);
  if (type) entry.type = type;
  const title = text(item.title);
  if (title) entry.title = title;
  entry.authors = namesOf(item.author);
  if (entry.authors.length === 0) entry.authors = namesOf(item.editor);
  const issued = issuedOf(item.issued);
  if (issued) entry.issued = issued;
  const container = text(item["container-title"]);
  if (container) entry.container = container;
  const publisher = text(item.publisher);
  if (publisher) entry.publisher = publisher;
  const url = text(item.URL ?? item.url);
  if (url) entry.url = url;
  const doi = text(item.DOI ?? item.doi);
  if (doi) entry.doi = doi;
  const file = text(item.file);
  if (file) entry.file = file;
  const language = languageCode(text(item.language) ?? text(item.langid));
  if (language) entry.language = language;
  return entry;
}

/**
 * The first file path of a `file` field as Zotero/Better BibTeX/JabRef write it (the BibTeX
 * reader returns the field raw; CSL items may carry one too): a plain path
 * (`/abs/path.pdf`), `Description:path:mime/type` with `\:` for a colon in the path, or several
 * of these separated by `;`. `\;` and `\\` are unescaped too; an unescaped Windows drive
 * (`C:\...`) is kept. Undefined when the field names no path.
 */
export function firstFilePath(file: string): string | undefined {
  if (typeof file !== "string") return undefined;
  let parts: string[] = [];
  let seg = "";
  const n = file.length;
  for (let i = 0; i < n; i++) {
    const c = file[i];
    if (c === "\\" && i + 1 < n && (file[i + 1] === ":" || file[i + 1] === ";" || file[i + 1] === "\\")) {
      seg += file[i + 1];
      i++;
    } else if (c === ":") {
      parts.push(seg);
      seg = "";
    } else if (c === ";") {
      parts.push(seg);
      const p = pathOf(parts);
      if (p) return p;
      parts = [];
      seg = "";
    } else seg += c;
  }
  parts.push(seg);
  return pathOf(parts);
}

const MIME = /^[A-Za-z0-9.+-]+\/[A-Za-z0-9.+-]+$/;

/** The path among the `:`-separated parts of one file description. */
function pathOf(rawParts: string[]): string | undefined {
  const parts = rawParts.map((p) => p.trim().replace(/^\{+/, "").replace(/\}+$/, "").trim());
  let path: string;
  if (parts.length === 1) path = parts[0];
  else if (parts.length === 2) {
    const [a, b] = parts;
    if (/^[A-Za-z]$/.test(a) && /^[\\/]/.test(b)) path = `${a}:${b}`; // C:\dir\file.pdf
    else if (a !== "" && (MIME.test(b) || /^[A-Za-z]{1,12}$/.test(b))) path = a; // path:mime
    else path = b || a; // description:path
  } else {
    // description:path:mime, the path possibly holding an unescaped drive colon.
    path = parts.slice(1, -1).join(":");
    if (path === "" || /^:+$/.test(path)) path = "";
  }
  return path === "" ? undefined : path;
}

/** The citation key of a CSL item: its `id` (a string, or a number written out). */
function keyOf(item: Record<string, unknown>): string | undefined {
  const id = item.id;
  if (typeof id === "number" && Number.isFinite(id)) return String(id);
  if (typeof id === "string" && id.trim() !== "") return id.trim();
  return undefined;
}

/** Adds an item's entry, or a problem when it has no id or repeats one; shared by both CSL forms. */
function addItem(result: BibParseResult, seen: Map<string, number>, value: unknown, line: number): void {
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    result.problems.push({ line, message: "not a CSL item: expected an object with an \"id\"" });
    return;
  }
  const item = value as Record<string, unknown>;
  const key = keyOf(item);
  if (key === undefined) {
    result.problems.push({ line, message: "CSL item without an \"id\" (a string or number): it cannot be cited" });
    return;
  }
  const first = seen.get(key);
  if (first !== undefined) {
    result.problems.push({ line, message: `duplicate key "${key}" (first on line ${first + 1}); this entry is ignored` });
    return;
  }
  seen.set(key, line);
  result.entries.push(cslItemToEntry(item, key, line));
  keepCslItem(result, key, cleanCslItem(item));
}

/**
 * Deeper nesting than this is refused before the parser sees it: the parsers recurse per level,
 * and V8 can abort the whole process (not throw) when it compiles a regular expression near the
 * stack limit, which the YAML parser was seen to do at 20,000 nested `- `.
 */
const MAX_NESTING = 500;

/**
 * How deep `[`/`{` nest (never below 0), quoted text skipped when `quotes` is given (`"` for
 * JSON). For YAML (no quote tracking: `'` is also an apostrophe) this over-counts brackets in
 * plain text, which matters only past MAX_NESTING unmatched openers.
 */
function bracketDepth(text: string, jsonStrings: boolean): { depth: number; at: number } {
  let depth = 0;
  let max = 0;
  let at = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */ && jsonStrings) {
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 92) i++;
        else if (d === 34 || d === 10 || d === 13) break;
      }
    } else if (c === 91 || c === 123) {
      if (++depth > max) {
        max = depth;
        at = i;
      }
    } else if ((c === 93 || c === 125) && depth > 0) depth--;
  }
  return { depth: max, at };
}

/** The widest block indentation of a YAML text: leading spaces and `- `, `? `, `: ` indicators. */
function blockIndent(text: string): { depth: number; at: number } {
  let max = 0;
  let at = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const start = i;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 32) i++;
      else if ((c === 45 || c === 63 || c === 58) && (text.charCodeAt(i + 1) === 32 || text.charCodeAt(i + 1) === 9)) i += 2;
      else break;
    }
    if (i - start > max) {
      max = i - start;
      at = start;
    }
    while (i < n && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
    i++;
  }
  return { depth: max, at };
}

function firstLine(message: string): string {
  const s = String(message).split("\n")[0].trim();
  return s.length > 200 ? s.slice(0, 200) + "…" : s;
}

// ---------------------------------------------------------------------------------------------
// CSL-JSON
// ---------------------------------------------------------------------------------------------

function describeJsonError(e: ParseError): string {
  return printParseErrorCode(e.error)
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase();
}

/**
 * A CSL-JSON bibliography: a top-level array of CSL items, or an object with an `items` array.
 * Invalid JSON is one problem (at the first error) and no entries; an item without an `id` is a
 * problem on its line, the others are kept. Never throws.
 */
export function parseCslJson(input: string): BibParseResult {
  const result: BibParseResult = { entries: [], problems: [] };
  const text = typeof input === "string" ? input : "";
  try {
    // A byte order mark becomes a space: offsets (and lines) stay those of the file.
    const src = text.charCodeAt(0) === 0xfeff ? " " + text.slice(1) : text;
    const lines = new LineIndex(src);
    const nesting = bracketDepth(src, true);
    if (nesting.depth > MAX_NESTING) {
      result.problems.push({ line: lines.positionAt(nesting.at).line, message: `invalid JSON: it nests deeper than ${MAX_NESTING} levels` });
      return result;
    }
    const errors: ParseError[] = [];
    const root = parseTree(src, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: true });
    if (errors.length > 0) {
      const e = errors[0];
      result.problems.push({ line: lines.positionAt(e.offset).line, message: `invalid JSON: ${describeJsonError(e)}` });
      return result;
    }
    if (!root) return result; // an empty file: no entries
    let list: JsonNode | undefined;
    if (root.type === "array") list = root;
    else if (root.type === "object") {
      const items = root.children?.find((p) => p.children?.[0]?.value === "items")?.children?.[1];
      if (items?.type === "array") list = items;
    }
    if (!list) {
      result.problems.push({
        line: lines.positionAt(root.offset).line,
        message: "not a CSL-JSON bibliography: expected a list of items (or an object with an \"items\" list)",
      });
      return result;
    }
    const seen = new Map<string, number>();
    for (const node of list.children ?? []) {
      const line = lines.positionAt(node.offset).line;
      try {
        addItem(result, seen, getNodeValue(node), line);
      } catch (e) {
        result.problems.push({ line, message: `CSL item cannot be read: ${firstLine((e as Error)?.message ?? String(e))}` });
      }
    }
  } catch (e) {
    const message = e instanceof RangeError ? "the JSON nests too deeply to read" : firstLine((e as Error)?.message ?? String(e));
    result.entries = [];
    result.problems = [{ line: 0, message: `invalid JSON: ${message}` }];
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// CSL-YAML
// ---------------------------------------------------------------------------------------------

/** YAML aliases expanded at most this many times: an alias bomb is reported, not expanded. */
const MAX_ALIAS_COUNT = 100;
/** More aliases than this and the file is refused: each alias lookup scans the document. */
const MAX_ALIASES = 100;

/**
 * A CSL-YAML bibliography as Pandoc writes it: a top-level list of CSL items, or a `references:`
 * list (possibly in a `---` block; only the first YAML document is read). Invalid YAML is one
 * problem (at the first error) and no entries; an item without an `id`, or that cannot be read
 * (an alias bomb), is a problem on its line, the others are kept. Never throws.
 */
export function parseCslYaml(input: string): BibParseResult {
  const result: BibParseResult = { entries: [], problems: [] };
  const text = typeof input === "string" ? input : "";
  try {
    // Without its byte order mark (which takes no line): offsets are into `src`.
    const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    const lines = new LineIndex(src);
    for (const nesting of [bracketDepth(src, false), blockIndent(src)]) {
      if (nesting.depth > MAX_NESTING) {
        result.problems.push({ line: lines.positionAt(nesting.at).line, message: `invalid YAML: it nests deeper than ${MAX_NESTING} levels` });
        return result;
      }
    }
    const doc = parseDocument(src, { prettyErrors: false, uniqueKeys: false });
    const errors = doc.errors.filter((e) => e.code !== "MULTIPLE_DOCS");
    if (errors.length > 0) {
      const e = errors[0];
      result.problems.push({ line: lines.positionAt(e.pos?.[0] ?? 0).line, message: `invalid YAML: ${firstLine(e.message)}` });
      return result;
    }
    let aliases = 0;
    let tooMany: YamlNode | undefined;
    visit(doc, {
      Alias(_key, node) {
        if (++aliases > MAX_ALIASES) {
          tooMany = node;
          return visit.BREAK;
        }
        return undefined;
      },
    });
    if (tooMany) {
      result.problems.push({
        line: lines.positionAt(tooMany.range?.[0] ?? 0).line,
        message: `too many YAML aliases (more than ${MAX_ALIASES}): the bibliography is not read`,
      });
      return result;
    }
    let list: YamlNode | null | undefined = doc.contents;
    if (isAlias(list)) list = undefined;
    if (isMap(list)) {
      const refs = list.get("references", true) as YamlNode | undefined;
      list = isSeq(refs) ? refs : undefined;
    }
    if (doc.contents === null) return result; // an empty file: no entries
    if (!isSeq(list)) {
      result.problems.push({
        line: lines.positionAt(doc.contents?.range?.[0] ?? 0).line,
        message: "not a CSL-YAML bibliography: expected a list of items, or a \"references:\" list",
      });
      return result;
    }
    const seen = new Map<string, number>();
    for (const node of list.items) {
      const offset = (node as YamlNode | null)?.range?.[0] ?? list.range?.[0] ?? 0;
      const line = lines.positionAt(offset).line;
      try {
        const value = node && typeof node === "object" && "toJS" in node ? (node as YamlNode).toJS(doc as Document, { maxAliasCount: MAX_ALIAS_COUNT }) : node;
        addItem(result, seen, value, line);
      } catch (e) {
        const message = /resource exhaustion/i.test(String((e as Error)?.message))
          ? "too many YAML aliases to expand (an alias bomb?)"
          : e instanceof RangeError
            ? "the item nests too deeply to read"
            : firstLine((e as Error)?.message ?? String(e));
        result.problems.push({ line, message: `CSL item cannot be read: ${message}` });
      }
    }
  } catch (e) {
    const message = e instanceof RangeError ? "the YAML nests too deeply to read" : firstLine((e as Error)?.message ?? String(e));
    result.entries = [];
    result.problems = [{ line: 0, message: `invalid YAML: ${message}` }];
  }
  return result;
}
