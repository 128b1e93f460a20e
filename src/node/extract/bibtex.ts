/**
 * BibTeX/BibLaTeX bibliographies (as Zotero and Better BibTeX export them), read with citation.js.
 *
 * The file is first cut into entries by a linear scan of its own (`splitEntries`), so one broken
 * entry (an unclosed brace, junk) becomes a problem on its line and every other entry is kept.
 * Each entry is then parsed alone by citation.js's BibTeX grammar, and all of them are converted
 * to CSL in one call (so `crossref` works), entry by entry when that call fails.
 *
 * `@string` macros: the grammar keeps macros in its per-parse state, copied from its default
 * state at each parse. That default's `strings` is swapped, for the duration of one synchronous
 * `parseBibtex` call, for a null-prototype object, which the copy shares instead of copying: the
 * `@string` entries, parsed in file order, define into it and later entries read from it, in
 * time linear in the file (no macro text is re-parsed with each entry).
 */
import { LineIndex } from "../../core/text";
import { cslItemToEntry } from "../../core/sources/bibliography";
import { keepCslItem } from "../../core/sources/extracted";
import { cleanCslItem } from "../../core/export/csl";
import type { BibEntry, BibParseResult } from "../../core/sources/extracted";

/** The first path of a `file` field (implemented in the engine, which resolves it). */
export { firstFilePath } from "../../core/sources/bibliography";

/** An entry as citation.js's grammar reads it: field values are LaTeX text (or numbers). */
interface RawEntry {
  type: string;
  label: string;
  properties: Record<string, string | number>;
}

interface BibtexGrammar {
  defaultState: { strings: Record<string, string | number> };
}

interface CitationJs {
  parseFile(text: string): RawEntry[];
  grammar: BibtexGrammar | undefined;
  toCsl(entries: RawEntry[]): Array<Record<string, unknown>>;
  logger: { _log?: unknown[] } | undefined;
}

let citationJs: CitationJs | undefined;

/**
 * citation.js, loaded on first use. The plugin is required by its `lib/` path, like its grammar
 * module, so a bundle holds one copy of it (a bare `@citation-js/plugin-bibtex` may resolve to
 * `lib-mjs/`, which would be a second copy with a second grammar).
 */
function loadCitationJs(): CitationJs {
  if (!citationJs) {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const core = require("@citation-js/core") as {
      plugins: { input: { chain(input: unknown, options: Record<string, unknown>): unknown } };
      logger?: { _log?: unknown[] };
    };
    require("@citation-js/plugin-bibtex/lib/index.js");
    const file = require("@citation-js/plugin-bibtex/lib/input/file.js") as {
      parse(text: string): RawEntry[];
      bibtexGrammar?: BibtexGrammar;
    };
    /* eslint-enable @typescript-eslint/no-require-imports */
    const grammar = file.bibtexGrammar;
    citationJs = {
      parseFile: (text) => file.parse(text),
      grammar: grammar && typeof grammar.defaultState === "object" && grammar.defaultState && typeof grammar.defaultState.strings === "object" ? grammar : undefined,
      toCsl: (entries) =>
        core.plugins.input.chain(entries, {
          forceType: "@biblatex/entries+list",
          target: "@csl/list+object",
          generateGraph: false,
          strict: true,
        }) as Array<Record<string, unknown>>,
      logger: core.logger,
    };
  }
  return citationJs;
}

// ---------------------------------------------------------------------------------------------
// Splitting the file into entries
// ---------------------------------------------------------------------------------------------

/** One `@type{...}` of the file: `text.slice(start, end)`. */
interface Chunk {
  start: number;
  end: number;
  /** Lower-case entry type (`article`, `string`, `comment`, ...). */
  type: string;
  /** False when no closing brace was found before the next entry (or the end of the file). */
  closed: boolean;
  /** The delimiter the entry opened with. */
  open: "{" | "(";
  /** True when its braces nest deeper than MAX_BRACE_DEPTH (it is not given to citation.js). */
  tooDeep: boolean;
}

/**
 * Braces nesting deeper than this make the entry a problem without parsing it: citation.js
 * recurses per brace, and V8 can abort the process (not throw) when it compiles a regular
 * expression near the stack limit.
 */
const MAX_BRACE_DEPTH = 200;

/** `@type{` or `@type(` (bounded, so each try is constant time). */
const HEADER = /@[ \t\r\n]{0,40}([A-Za-z][A-Za-z0-9_:+-]{0,60})[ \t\r\n]{0,40}([{(])/y;
/** `@word` at the start of a line without a brace after it. */
const BARE_AT = /@[ \t]{0,40}([A-Za-z][A-Za-z0-9_:+-]{0,60})/y;

function header(text: string, at: number): RegExpExecArray | null {
  HEADER.lastIndex = at;
  return HEADER.exec(text);
}

/**
 * Cuts a BibTeX file into entries in one pass. Outside entries everything is a comment; an entry
 * starts at `@type{` (or `@type(`) and ends at its matching brace, counted as citation.js's grammar
 * counts them (braces nest inside values, a `"` at the field level opens a quoted value, `\{` and
 * `\}` are text, `%` at the field level starts a comment). An entry still open when a line starts
 * (at column 0) with another `@type{` is cut there and marked unclosed: that is how one unclosed
 * brace is kept from swallowing the rest of the file. A line starting with `@word` and no brace
 * becomes a `bare` problem.
 */
function splitEntries(text: string): { chunks: Chunk[]; bare: Array<{ start: number; word: string }> } {
  const chunks: Chunk[] = [];
  const bare: Array<{ start: number; word: string }> = [];
  const n = text.length;
  let i = 0;
  let lineStart = true; // i is at the start of a line
  let onlySpace = true; // only spaces since the start of the line (outside entries)
  // The open entry.
  let cur: Chunk | undefined;
  let level = 0; // braces open inside it, its own `{` included
  let base = 0; // the field level: 1 inside `@x{`, 0 inside `@x(`
  let inQuote = false;

  const startEntry = (at: number, m: RegExpExecArray): number => {
    const open = m[2] as "{" | "(";
    cur = { start: at, end: at, type: m[1].toLowerCase(), closed: false, open, tooDeep: false };
    level = open === "{" ? 1 : 0;
    base = level;
    inQuote = false;
    return at + m[0].length;
  };
  const closeEntry = (end: number, closed: boolean) => {
    if (!cur) return;
    cur.end = end;
    cur.closed = closed;
    chunks.push(cur);
    cur = undefined;
  };

  while (i < n) {
    const c = text.charCodeAt(i);
    if (cur === undefined) {
      // Between entries.
      if (c === 64 /* @ */) {
        const m = header(text, i);
        if (m) {
          i = startEntry(i, m);
          lineStart = false;
          continue;
        }
        if (onlySpace) {
          BARE_AT.lastIndex = i;
          const b = BARE_AT.exec(text);
          if (b && b[1].toLowerCase() !== "comment") bare.push({ start: i, word: b[1] });
        }
      }
      if (c === 10 || c === 13) {
        lineStart = true;
        onlySpace = true;
      } else if (c !== 32 && c !== 9 && c !== 0xfeff) {
        onlySpace = false;
      }
      i++;
      continue;
    }
    // Inside an entry.
    if (lineStart) {
      lineStart = false;
      if (c === 64) {
        const m = header(text, i);
        if (m) {
          closeEntry(i, false);
          i = startEntry(i, m);
          continue;
        }
      }
    }
    switch (c) {
      case 10:
      case 13:
        lineStart = true;
        break;
      case 92 /* \ */:
        if ((level > base || inQuote) && i + 1 < n) {
          const d = text.charCodeAt(i + 1);
          if (d === 123 || d === 125 || d === 92) {
            i += 2;
            continue;
          }
        }
        break;
      case 34 /* " */:
        if (level === base) inQuote = !inQuote;
        break;
      case 123 /* { */:
        if (++level > MAX_BRACE_DEPTH) cur.tooDeep = true;
        break;
      case 125 /* } */:
        if (inQuote && level === base) break; // text inside a quoted value
        if (level > 0) level--;
        if (level === 0 && cur.open === "{") {
          closeEntry(i + 1, true);
          onlySpace = false;
        }
        break;
      case 41 /* ) */:
        if (cur.open === "(" && level === 0 && !inQuote) {
          closeEntry(i + 1, true);
          onlySpace = false;
        }
        break;
      case 37 /* % */:
        if (level === base && !inQuote) {
          // A comment to the end of the line (the line break itself is seen next).
          while (i + 1 < n && text.charCodeAt(i + 1) !== 10 && text.charCodeAt(i + 1) !== 13) i++;
        }
        break;
    }
    i++;
  }
  if (cur) closeEntry(n, false);
  return { chunks, bare };
}

// ---------------------------------------------------------------------------------------------
// Messages
// ---------------------------------------------------------------------------------------------

const TOKEN_WORDS: Record<string, string> = {
  rbrace: '"}"',
  lbrace: '"{"',
  comma: '","',
  equals: '"="',
  hash: '"#"',
  quote: "'\"'",
  identifier: "a field name",
  label: "the entry key",
  number: "a number",
  text: "text",
  EOF: "the end of the entry",
};

/** The key written after `@type{`, when there is one. */
function keyOfChunk(chunk: string): string | undefined {
  const m = /^@[^{(]*[{(]\s*([^\s,={}()"#%]+)\s*,/.exec(chunk.slice(0, 500));
  return m ? m[1] : undefined;
}

function entryName(chunkText: string, type: string): string {
  const key = keyOfChunk(chunkText);
  return key ? `entry "${key}"` : `@${type} entry`;
}

/** A short message for an error of citation.js's grammar or lexer in an entry starting on `line`. */
function grammarMessage(e: unknown, chunkText: string, type: string, line: number): string {
  const raw = String((e as Error)?.message ?? e);
  const name = entryName(chunkText, type);
  if (e instanceof RangeError) return `${name} cannot be read: its braces nest too deeply`;
  const at = / at line (\d+) col (\d+)/.exec(raw);
  const where = at && Number(at[1]) > 1 ? ` on line ${line + Number(at[1])}` : "";
  const expected = /^expected "(\w+)", got (?:"(\w+)"|(EOF))/.exec(raw);
  if (expected) {
    const want = expected[1];
    const got = expected[2] ?? expected[3];
    if (want === "label" || (want === "comma" && got === "equals" && !keyOfChunk(chunkText))) return `${name} has no key${where}`;
    if (want === "rbrace" && got === "identifier") return `${name}: a "," is missing between two fields${where}`;
    return `${name} cannot be read: expected ${TOKEN_WORDS[want] ?? want}, found ${TOKEN_WORDS[got] ?? got}${where}`;
  }
  if (/invalid syntax/i.test(raw)) return `${name} cannot be read: unexpected character${where}`;
  const first = raw.split("\n")[0];
  return `${name} cannot be read: ${first.length > 160 ? first.slice(0, 160) + "…" : first}`;
}

// ---------------------------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------------------------

/** Crossref chains longer than this (or cycles) lose their `crossref`: citation.js follows them recursively. */
const MAX_CROSSREF_DEPTH = 8;

/** Drops `crossref` fields that point to no entry, to a cycle, or down a chain too long to follow. */
function pruneCrossrefs(raws: RawEntry[]): void {
  const byLabel = new Map<string, RawEntry>();
  for (const r of raws) byLabel.set(r.label, r);
  const target = (r: RawEntry): RawEntry | undefined => {
    const x = r.properties.crossref;
    return typeof x === "string" ? byLabel.get(x.trim()) : undefined;
  };
  for (const r of raws) {
    if (r.properties.crossref === undefined) continue;
    let node: RawEntry | undefined = r;
    let depth = 0;
    const seen = new Set<RawEntry>();
    while (node && depth <= MAX_CROSSREF_DEPTH && !seen.has(node)) {
      seen.add(node);
      node = target(node);
      depth++;
    }
    if (target(r) === undefined || node !== undefined) delete r.properties.crossref;
  }
}

/**
 * Entries of a BibTeX/BibLaTeX file. Never throws: an entry that cannot be read, an unclosed one,
 * or one repeating an earlier key is a problem (0-based line where it starts), the rest kept.
 */
export async function parseBibtex(text: string): Promise<BibParseResult> {
  try {
    return parseBibtexSync(String(text ?? ""));
  } catch (e) {
    return { entries: [], problems: [{ line: 0, message: `the bibliography cannot be read: ${String((e as Error)?.message ?? e).split("\n")[0]}` }] };
  }
}

function parseBibtexSync(text: string): BibParseResult {
  const result: BibParseResult = { entries: [], problems: [] };
  const lines = new LineIndex(text);
  const lineOf = (offset: number) => lines.positionAt(offset).line;
  const { chunks, bare } = splitEntries(text);
  for (const b of bare) {
    result.problems.push({ line: lineOf(b.start), message: `"@${b.word}" is not followed by "{": not an entry` });
  }

  const cjs = loadCitationJs();
  const logger = cjs.logger;
  const logLength = Array.isArray(logger?._log) ? logger._log.length : 0;
  const grammar = cjs.grammar;
  const savedState = grammar?.defaultState;
  // Macros: citation.js's defaults (month names, journals) and the file's @string entries.
  const strings: Record<string, string | number> = Object.create(null) as Record<string, string | number>;
  Object.assign(strings, savedState?.strings ?? {});
  // Without access to the grammar (another citation.js version), the @string entries are parsed again with each entry.
  const stringTexts: string[] = [];

  const raws: Array<{ raw: RawEntry; line: number }> = [];
  const seen = new Map<string, number>();
  try {
    if (grammar) grammar.defaultState = { ...savedState, strings };
    for (const chunk of chunks) {
      if (chunk.type === "comment" || chunk.type === "preamble") continue;
      const line = lineOf(chunk.start);
      const chunkText = text.slice(chunk.start, chunk.end);
      if (!chunk.closed) {
        const close = chunk.open === "{" ? "}" : ")";
        const next = chunk.end < text.length ? `before the next entry on line ${lineOf(chunk.end) + 1}` : "before the end of the file";
        result.problems.push({ line, key: keyOfChunk(chunkText), message: `${entryName(chunkText, chunk.type)} is not closed: a "${close}" is missing ${next}` });
        continue;
      }
      if (chunk.tooDeep) {
        result.problems.push({ line, key: keyOfChunk(chunkText), message: `${entryName(chunkText, chunk.type)} cannot be read: its braces nest deeper than ${MAX_BRACE_DEPTH} levels` });
        continue;
      }
      let parsed: RawEntry[];
      // Lines of macro text parsed before the entry (only without access to the grammar).
      let shift = 0;
      const bare = chunk.type === "string" ? null : /^@[^{(]*[{(]\s*([^\s,{}()"#%=]+)\s*[})]$/.exec(chunkText);
      const parse = (entryText: string): RawEntry[] => {
        if (bare) return [{ type: chunk.type, label: bare[1], properties: {} }]; // `@misc{key}`: no fields
        if (grammar || chunk.type === "string" || stringTexts.length === 0) return cjs.parseFile(entryText);
        const prefix = stringTexts.join("\n") + "\n";
        shift = new LineIndex(prefix).lineCount - 1;
        return cjs.parseFile(prefix + entryText);
      };
      try {
        parsed = parse(chunkText);
      } catch (e) {
        // Valid BibTeX the grammar trips on (an empty field: `, ,`) is read once repaired.
        const repaired = withoutEmptyFields(chunkText, chunk.open);
        let again: RawEntry[] | undefined;
        if (repaired !== chunkText) {
          try {
            again = parse(repaired);
          } catch {
            again = undefined;
          }
        }
        if (!again) {
          result.problems.push({ line, key: chunk.type === "string" ? undefined : keyOfChunk(chunkText), message: grammarMessage(e, chunkText, chunk.type, line - shift) });
          continue;
        }
        parsed = again;
      }
      if (chunk.type === "string") {
        if (!grammar) stringTexts.push(chunkText);
        continue;
      }
      const raw = parsed[0];
      if (!raw || typeof raw.label !== "string") {
        result.problems.push({ line, key: keyOfChunk(chunkText), message: `${entryName(chunkText, chunk.type)} cannot be read` });
        continue;
      }
      const first = seen.get(raw.label);
      if (first !== undefined) {
        result.problems.push({ line, message: `duplicate key "${raw.label}" (first on line ${first + 1}); this entry is ignored` });
        continue;
      }
      seen.set(raw.label, line);
      raws.push({ raw, line });
    }
  } finally {
    if (grammar && savedState) grammar.defaultState = savedState;
  }

  try {
    // The file field, before citation.js (which drops it) sees the entry.
    const files = raws.map(({ raw }) => {
      const f = raw.properties.file;
      return f === undefined ? undefined : String(f).trim() || undefined;
    });
    pruneCrossrefs(raws.map((r) => r.raw));
    const items = toCslItems(cjs, raws.map((r) => r.raw));
    raws.forEach(({ raw, line }, k) => {
      const item = items[k];
      if (item instanceof Error) {
        result.problems.push({ line, key: raw.label, message: `entry "${raw.label}": ${item.message}` });
        return;
      }
      const entry: BibEntry = cslItemToEntry({ ...item, file: undefined }, raw.label, line);
      if (files[k]) entry.file = files[k];
      result.entries.push(entry);
      keepCslItem(result, raw.label, cleanCslItem(item as Record<string, unknown>));
    });
  } finally {
    if (Array.isArray(logger?._log)) logger._log.length = Math.min(logger._log.length, logLength);
  }
  result.problems.sort((a, b) => a.line - b.line);
  return result;
}

/**
 * CSL items for the raw entries, one per entry (an `Error` for an entry citation.js cannot
 * convert). All are converted in one call, so `crossref` parents are found; when that call fails,
 * each entry is tried alone to find the culprits, and the others are converted together again.
 */
function toCslItems(cjs: CitationJs, raws: RawEntry[]): Array<Record<string, unknown> | Error> {
  const batch = (list: RawEntry[]): Array<Record<string, unknown>> | undefined => {
    try {
      const out = cjs.toCsl(list);
      return Array.isArray(out) && out.length === list.length && out.every((x) => x && typeof x === "object") ? out : undefined;
    } catch {
      return undefined;
    }
  };
  const all = batch(raws);
  if (all) return all;
  // An entry that fails alone is tried again with its unreadable fields' LaTeX made plain text.
  const single: Array<Record<string, unknown> | Error> = raws.map((raw) => {
    const alone = batch([raw])?.[0];
    if (alone) return alone;
    const plain = withPlainFields(cjs, raw);
    const repaired = plain && batch([plain])?.[0];
    if (repaired) {
      raw.properties = plain.properties;
      return repaired;
    }
    return new Error(whyNotConverted(cjs, raw));
  });
  const goodIndexes = single.flatMap((x, k) => (x instanceof Error ? [] : [k]));
  const again = batch(goodIndexes.map((k) => raws[k]));
  if (again) goodIndexes.forEach((k, j) => (single[k] = again[j]));
  return single;
}

/**
 * The entry with each field citation.js cannot convert rewritten as plain text: LaTeX commands it
 * does not know (`{\\d}`, `\\textsc{...}` of other versions) dropped, braces removed. Undefined when
 * no field fails alone (the entry fails for another reason).
 */
function withPlainFields(cjs: CitationJs, raw: RawEntry): RawEntry | undefined {
  let changed = false;
  const properties: Record<string, string | number> = { ...raw.properties };
  for (const [field, value] of Object.entries(raw.properties)) {
    try {
      cjs.toCsl([{ type: raw.type, label: raw.label, properties: { [field]: value } }]);
    } catch {
      // Only valid BibTeX: a value whose braces do not balance stays an error.
      if (!bracesBalance(String(value))) return undefined;
      properties[field] = plainLatex(String(value));
      changed = true;
    }
  }
  return changed ? { ...raw, properties } : undefined;
}

/** Whether a value's braces (not escaped ones) open and close in order. */
function bracesBalance(value: string): boolean {
  let depth = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === "\\") i++;
    else if (c === "{") depth++;
    else if (c === "}" && --depth < 0) return false;
  }
  return depth === 0;
}

/** LaTeX text as plain text: commands dropped (an escaped character kept), braces removed, spaces collapsed. Linear. */
export function plainLatex(value: string): string {
  let out = "";
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === "\\") {
      const next = value[i + 1];
      if (next !== undefined && /[A-Za-z]/.test(next)) {
        let j = i + 1;
        while (j < value.length && /[A-Za-z]/.test(value[j])) j++;
        i = j - 1; // the command's name is dropped; its argument, if any, stays as text
      } else if (next !== undefined) {
        // An accent (`\\'e`) drops the accent and keeps the letter; an escaped character is itself.
        if (!/[~^"'`.=]/.test(next)) out += next;
        i++;
      }
      continue;
    }
    if (c === "{" || c === "}") continue;
    out += c;
  }
  return out.replace(/\s+/g, " ").trim();
}

/**
 * An entry's text without empty fields (two commas with only blanks between them at the field
 * level, as in `title = {x}, ,`), which BibTeX reads and citation.js's grammar does not. Braces and
 * quoted values are skipped over, as `splitEntries` counts them. Linear.
 */
export function withoutEmptyFields(chunk: string, open: "{" | "("): string {
  const base = open === "{" ? 1 : 0;
  let level = 0;
  let inQuote = false;
  let out = "";
  let lastComma = -1; // where in `out` the last field-level comma is, while only blanks follow it
  let started = false;
  for (let i = 0; i < chunk.length; i++) {
    const c = chunk[i];
    if (!started) {
      out += c;
      if (c === open) {
        started = true;
        level = open === "{" ? 1 : 0;
      }
      continue;
    }
    if (c === "\\" && i + 1 < chunk.length && (level > base || inQuote)) {
      out += c + chunk[++i];
      lastComma = -1;
      continue;
    }
    if (c === '"' && level === base) inQuote = !inQuote;
    else if (c === "{" && !inQuote) level++;
    else if (c === "}" && !inQuote) level--;
    if (c === "," && level === base && !inQuote) {
      if (lastComma !== -1) continue; // a second comma with only blanks since the first: an empty field
      lastComma = out.length;
    } else if (!/\s/.test(c)) lastComma = -1;
    out += c;
  }
  return out;
}

/** Which field of an entry citation.js cannot convert (tried one by one: only for entries that failed). */
function whyNotConverted(cjs: CitationJs, raw: RawEntry): string {
  for (const [field, value] of Object.entries(raw.properties)) {
    try {
      cjs.toCsl([{ type: raw.type, label: raw.label, properties: { [field]: value } }]);
    } catch (e) {
      const why = String((e as Error)?.message ?? e).split("\n")[0].replace(/:\s*$/, "");
      return `field "${field}" cannot be read (${why.length > 120 ? why.slice(0, 120) + "…" : why})`;
    }
  }
  return "it cannot be converted";
}
