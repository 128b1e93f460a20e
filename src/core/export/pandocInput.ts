/**
 * What an export hands Pandoc, and what it takes back from it. The brief is read by Pandoc's
 * Markdown reader into its JSON document (in Pandoc's sandbox, reading nothing but the text);
 * that document is checked here before a writer sees it: no metadata may name a file or a
 * style to read (`bibliography`, `csl`, ...: the export names its own), an image is kept only
 * when the host says its file may be read, and raw TeX or HTML is dropped where a PDF engine
 * would act on it. Pandoc's output is read as hostile: a value of the wrong shape is an error.
 */
import type { Brief } from "../parse/brief";

/**
 * The brief's text for Pandoc: its reference lines (`[@key]: path "title"`, brief-author's own
 * way of naming a source file) blanked, as they would otherwise render as a paragraph holding a
 * citation. Line count and offsets are kept.
 */
export function markdownForPandoc(brief: Brief): string {
  const t = brief.text;
  if (brief.references.length === 0) return t;
  const parts: string[] = [];
  let at = 0;
  for (const r of [...brief.references].sort((a, b) => a.start - b.start)) {
    if (r.start < at) continue;
    parts.push(t.slice(at, r.start), t.slice(r.start, r.end).replace(/[^\r\n]/g, " "));
    at = r.end;
  }
  parts.push(t.slice(at));
  return parts.join("");
}

/**
 * Whether the brief's one level-1 heading opens it (its title, as the templates write it): the
 * export then shifts headings up one level (Pandoc's `--shift-heading-level-by=-1`), so the title
 * heading becomes the document's title and `## Description` a first-level heading.
 */
export function titleHeading(brief: Brief): boolean {
  const headings = brief.structure.headings;
  if (headings.length === 0 || headings[0].level !== 1) return false;
  return headings.filter((h) => h.level === 1).length === 1;
}

/** Metadata Pandoc or citeproc would read files or fetch styles from: the export sets these itself. */
const FILE_META = new Set(["bibliography", "csl", "citation-abbreviations", "reference-doc", "template", "include-before", "include-after", "abstract-title-file", "resource-path", "lua-filter", "filters"]);

export interface PandocDocPolicy {
  /**
   * An image's target, as written in the brief: the target to give the writer (an absolute path
   * it may read), or undefined to leave the image out (its alt text stays, with a note).
   */
  image(target: string): string | undefined;
  /** Whether raw content in this format (`tex`, `html`, ...) is dropped (a PDF engine would act on it). */
  dropRaw(format: string): boolean;
}

export class PandocOutputError extends Error {}

/** Nodes of Pandoc's JSON document visited at most (a brief's document has thousands). */
const MAX_NODES = 5_000_000;

/**
 * Checks and rewrites Pandoc's JSON document (from `pandoc -t json`) in place and returns it with
 * what was left out. Walks without recursion (the document's depth is the brief's nesting).
 */
export function sanitizePandocDoc(doc: unknown, policy: PandocDocPolicy): { doc: Record<string, unknown>; notes: string[] } {
  if (!isRecord(doc) || !Array.isArray(doc["pandoc-api-version"]) || !Array.isArray(doc.blocks) || !isRecord(doc.meta)) {
    throw new PandocOutputError("Pandoc's document is not of the shape expected (pandoc-api-version, meta, blocks)");
  }
  const notes: string[] = [];
  for (const k of Object.keys(doc.meta)) if (FILE_META.has(k.toLowerCase())) {
    delete doc.meta[k];
    notes.push(`the front matter's "${k}" is not used by the export (it sets its own)`);
  }
  let visited = 0;
  const stack: unknown[] = [doc.meta, doc.blocks];
  while (stack.length) {
    const node = stack.pop();
    if (++visited > MAX_NODES) throw new PandocOutputError("Pandoc's document is too large to check");
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const child = node[i];
        if (isRecord(child) && typeof child.t === "string") {
          const replaced = rewrite(child, policy, notes);
          if (replaced !== child) node[i] = replaced;
          stack.push(node[i]);
        } else if (child !== null && typeof child === "object") stack.push(child);
      }
    } else if (isRecord(node)) {
      for (const v of Object.values(node)) if (v !== null && typeof v === "object") stack.push(v);
    }
  }
  return { doc, notes };
}

/** One element: an image whose file may not be read becomes its alt text; dropped raw content becomes nothing. */
function rewrite(el: Record<string, unknown>, policy: PandocDocPolicy, notes: string[]): Record<string, unknown> {
  if (el.t === "Image") {
    const c = el.c;
    if (!Array.isArray(c) || c.length !== 3 || !Array.isArray(c[2]) || typeof c[2][0] !== "string") throw new PandocOutputError("an image in Pandoc's document is not of the shape expected");
    const target = c[2][0] as string;
    const allowed = policy.image(target);
    if (allowed !== undefined) {
      c[2][0] = allowed;
      return el;
    }
    notes.push(`the image ${target.length > 80 ? target.slice(0, 79) + "…" : target} is left out (only files inside the workspace are embedded)`);
    return { t: "Span", c: [["", ["image-left-out"], []], Array.isArray(c[1]) ? c[1] : []] };
  }
  if (el.t === "RawBlock" || el.t === "RawInline") {
    const c = el.c;
    if (!Array.isArray(c) || typeof c[0] !== "string") throw new PandocOutputError("raw content in Pandoc's document is not of the shape expected");
    if (policy.dropRaw(c[0].toLowerCase())) {
      notes.push(`raw ${c[0]} is left out of the PDF`);
      return el.t === "RawBlock" ? { t: "Null" } : { t: "Str", c: "" };
    }
  }
  return el;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The keys a brief cites (in text, in its Sources section), first citation first, each once. */
export function citedKeys(brief: Brief): string[] {
  const out = new Set<string>();
  for (const c of brief.citations) for (const i of c.items) out.add(i.key);
  for (const l of brief.listed) out.add(l.key);
  return [...out];
}
