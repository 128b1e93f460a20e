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

/**
 * The front matter an export keeps: what the title block and the references need. Everything else
 * is dropped, for Pandoc's templates and citeproc read files, styles, fonts, classes and
 * stylesheets named there (`bibliography`, `csl`, `citation-style`, `css`, `documentclass`,
 * `fontfamily`, `header-includes`, ...), and a brief must not choose what Pandoc reads.
 */
export const KEPT_META: ReadonlySet<string> = new Set(["title", "subtitle", "author", "date", "abstract", "keywords", "subject", "description", "lang", "dir", "reference-section-title", "link-citations", "link-bibliography", "nocite", "notes-after-punctuation", "suppress-bibliography"]);
/** brief-author's own front matter, dropped without a note. */
const OWN_META = new Set(["type", "id", "language", "sources", "tags", "status", "classification"]);

/** Deeper than this Pandoc's document is refused (its writers and JSON recurse per level). */
export const MAX_DEPTH = 400;

export interface PandocDocPolicy {
  /**
   * An image's target, as written in the brief: the target to give the writer, or undefined to
   * leave the image out (its alt text stays, with a note).
   */
  image(target: string): string | undefined;
  /** Whether raw content in this format (`tex`, `html`, ...) with this text is dropped (a PDF engine, or a reader's browser, would act on it). */
  dropRaw(format: string, text: string): boolean;
}

export class PandocOutputError extends Error {}

/** Nodes of Pandoc's JSON document visited at most (a brief's document has thousands). */
const MAX_NODES = 5_000_000;

/**
 * Checks and rewrites Pandoc's JSON document (from `pandoc -t json`) in place and returns it with
 * what was left out. Walks without recursion (the document's depth is the brief's nesting), and
 * refuses one nested deeper than {@link MAX_DEPTH}.
 */
export function sanitizePandocDoc(doc: unknown, policy: PandocDocPolicy): { doc: Record<string, unknown>; notes: string[] } {
  if (!isRecord(doc) || !Array.isArray(doc["pandoc-api-version"]) || !Array.isArray(doc.blocks) || !isRecord(doc.meta)) {
    throw new PandocOutputError("Pandoc's document is not of the shape expected (pandoc-api-version, meta, blocks)");
  }
  const notes: string[] = [];
  for (const k of Object.keys(doc.meta)) {
    if (KEPT_META.has(k)) continue;
    delete doc.meta[k];
    if (!OWN_META.has(k.toLowerCase()) && notes.length < 20) notes.push(`the front matter's "${k.slice(0, 60)}" is not used by the export (it keeps ${[...KEPT_META].slice(0, 5).join(", ")}… and sets the rest itself)`);
  }
  let visited = 0;
  const stack: Array<[unknown, number]> = [[doc.meta, 1], [doc.blocks, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (++visited > MAX_NODES) throw new PandocOutputError("Pandoc's document is too large to check");
    if (depth > MAX_DEPTH) throw new PandocOutputError(`the brief is nested too deeply to export (more than ${MAX_DEPTH} levels of lists, quotes or emphasis)`);
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const child = node[i];
        if (isRecord(child) && typeof child.t === "string") {
          const replaced = rewrite(child, policy, notes);
          if (replaced !== child) node[i] = replaced;
          stack.push([node[i], depth + 1]);
        } else if (child !== null && typeof child === "object") stack.push([child, depth + 1]);
      }
    } else if (isRecord(node)) {
      for (const v of Object.values(node)) if (v !== null && typeof v === "object") stack.push([v, depth + 1]);
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
    if (notes.length < 50) notes.push(`the image ${target.length > 80 ? target.slice(0, 79) + "…" : target} is left out (only image files inside the workspace are embedded)`);
    return { t: "Span", c: [["", ["image-left-out"], []], Array.isArray(c[1]) ? c[1] : []] };
  }
  if (el.t === "RawBlock" || el.t === "RawInline") {
    const c = el.c;
    if (!Array.isArray(c) || typeof c[0] !== "string" || typeof c[1] !== "string") throw new PandocOutputError("raw content in Pandoc's document is not of the shape expected");
    if (policy.dropRaw(c[0].toLowerCase(), c[1])) {
      if (notes.length < 50) notes.push(`raw ${c[0]} ${JSON.stringify(c[1].length > 40 ? c[1].slice(0, 39) + "…" : c[1])} is left out`);
      return el.t === "RawBlock" ? { t: "Null" } : { t: "Str", c: "" };
    }
  }
  return el;
}

/** Every image target in Pandoc's JSON document, each once (walked without recursion): what the host must vet before `sanitizePandocDoc`. */
export function imageTargets(doc: unknown): Set<string> {
  const out = new Set<string>();
  let visited = 0;
  const stack: unknown[] = [doc];
  while (stack.length && ++visited <= MAX_NODES) {
    const node = stack.pop();
    if (Array.isArray(node)) for (const c of node) (c !== null && typeof c === "object") && stack.push(c);
    else if (isRecord(node)) {
      if (node.t === "Image" && Array.isArray(node.c) && Array.isArray(node.c[2]) && typeof node.c[2][0] === "string") out.add(node.c[2][0]);
      for (const v of Object.values(node)) if (v !== null && typeof v === "object") stack.push(v);
    }
  }
  return out;
}

/** Raw HTML a reader's browser would run or load from elsewhere: scripts, frames, objects, styles, handlers, `javascript:`. */
export function activeHtml(html: string): boolean {
  return /<\s*\/?\s*(?:script|iframe|frame|object|embed|applet|link|meta|style|base|form|svg|math|img|video|audio|source|track)\b|\son[a-z]+\s*=|javascript:|data:text\/html/i.test(html);
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
