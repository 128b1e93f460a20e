/**
 * CSL-JSON for the sources a brief cites: what Pandoc's `--citeproc` reads to render citations and
 * the reference list. A bibliography entry keeps the item its CSL-JSON, CSL-YAML or BibTeX file
 * gave; a Markdown, web-page or PDF source is described from what the library knows of it.
 */
import type { SourceEntry } from "../sources/library";
import { parseFrontMatter, frontMatterString } from "../parse/frontMatter";

/** One CSL-JSON item (`id`, `type`, `title`, ...): the shapes CSL 1.0.2's schema gives. */
export type CslItem = Record<string, unknown> & { id: string; type: string };

/** Deeper than this a bibliography's value is not copied (CSL items are two or three levels deep). */
const MAX_DEPTH = 6;
/** At most this many characters of text in one copied item; the rest of a longer one is left out. */
const MAX_ITEM_CHARS = 200_000;

/**
 * A JSON-safe copy of a CSL item as a bibliography file holds it: strings, finite numbers,
 * booleans, arrays and plain objects only (a YAML date, a function or a cycle is left out), at
 * most {@link MAX_DEPTH} deep and {@link MAX_ITEM_CHARS} of text, without its `file` (a path on
 * the analyst's machine, not part of a reference). Undefined when nothing is left.
 */
export function cleanCslItem(item: Record<string, unknown>): Record<string, unknown> | undefined {
  let budget = MAX_ITEM_CHARS;
  const copy = (v: unknown, depth: number): unknown => {
    if (typeof v === "string") {
      if (v.length > budget) return undefined;
      budget -= v.length;
      return v;
    }
    if (typeof v === "number") return Number.isFinite(v) ? v : undefined;
    if (typeof v === "boolean") return v;
    if (depth >= MAX_DEPTH || v === null || typeof v !== "object") return undefined;
    if (Array.isArray(v)) {
      const out: unknown[] = [];
      for (const x of v) {
        const c = copy(x, depth + 1);
        if (c !== undefined) out.push(c);
      }
      return out;
    }
    if (Object.getPrototypeOf(v) !== Object.prototype && Object.getPrototypeOf(v) !== null) return undefined;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (k === "__proto__" || k.length > 100) continue;
      budget -= k.length;
      const c = copy(x, depth + 1);
      if (c !== undefined) out[k] = c;
    }
    return out;
  };
  const out = copy(item, 0) as Record<string, unknown> | undefined;
  if (!out) return undefined;
  delete out.file;
  return Object.keys(out).length ? out : undefined;
}

/** CSL's date form of an ISO date (`2026`, `2026-03`, `2026-03-14`, with a time after it), else a literal. */
export function cslDate(iso: string | undefined): Record<string, unknown> | undefined {
  if (!iso) return undefined;
  const m = /^(-?\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(iso.trim());
  if (!m) return { literal: iso.trim() };
  const parts = [Number(m[1])];
  if (m[2]) parts.push(Number(m[2]));
  if (m[3]) parts.push(Number(m[3]));
  return { "date-parts": [parts] };
}

/**
 * CSL names from the library's author text: `Mara Quill`, `Quill, Mara`, several joined by `;`,
 * ` and ` or `&` (a comma separates authors only when every part is a name of two or three
 * words). A name of one word or of more than three (an organisation: `Pellow Harbour Board`)
 * stays a literal, so that it is never cut into given and family names it does not have.
 */
export function cslNames(author: string | undefined): Array<Record<string, string>> | undefined {
  const text = author?.replace(/\s+/g, " ").trim();
  if (!text) return undefined;
  let parts = text.split(/\s*;\s*|\s+(?:and|&)\s+/).filter(Boolean);
  if (parts.length === 1 && text.includes(",")) {
    const commas = text.split(/\s*,\s*/).filter(Boolean);
    // "Quill, Mara": family, given (two parts, the second one word or two).
    if (commas.length === 2 && !/\s/.test(commas[0]) && commas[1].split(" ").length <= 2) return [{ family: commas[0], given: commas[1] }];
    if (commas.every((c) => personLike(c))) parts = commas;
  }
  return parts.map((p): Record<string, string> => {
    const words = p.split(" ");
    if (!personLike(p)) return { literal: p };
    return { family: words[words.length - 1], given: words.slice(0, -1).join(" ") };
  });
}

/** Words that make a name an organisation's (`Pellow Harbour Board`, `Reuters Staff`), never a person's. */
const ORGANISATION = /^(?:agency|association|authority|bank|board|bureau|centre|center|college|commission|committee|company|cooperative|co-operative|corporation|council|court|department|desk|editors|foundation|government|group|inc|institute|ltd|llc|media|ministry|network|news|office|organisation|organization|partners|plc|press|reporters|school|service|services|society|staff|team|times|trust|union|university)\.?$/i;

/** A person's name as written in a byline: two or three words, each starting with a capital (or an initial), none an organisation's. */
function personLike(name: string): boolean {
  const words = name.split(" ");
  return words.length >= 2 && words.length <= 3 && words.every((w) => /^\p{Lu}[\p{L}'’.-]*$/u.test(w) && !ORGANISATION.test(w));
}

/** Front matter fields of a Markdown source the entry itself does not keep (`retrieved`, a `type`). */
function extraFrontMatter(entry: SourceEntry): { retrieved?: string; type?: string } {
  if (entry.kind !== "markdown" || entry.bodyOffset <= 0) return {};
  const data = parseFrontMatter(entry.text.slice(0, entry.bodyOffset)).data;
  return { retrieved: frontMatterString(data.retrieved) ?? frontMatterString(data.accessed), type: frontMatterString(data.type) };
}

/** CSL item types a source's front matter may name (`type: report`); others are not used. */
const CSL_TYPES = new Set(["article", "article-journal", "article-magazine", "article-newspaper", "book", "chapter", "dataset", "document", "entry", "interview", "legal_case", "legislation", "manuscript", "map", "pamphlet", "paper-conference", "personal_communication", "post", "post-weblog", "report", "speech", "thesis", "treaty", "webpage"]);

/**
 * The CSL item Pandoc renders for `key`: a bibliography entry's own item (its `id` set to the key),
 * or one made from the source's title, author, publisher (the site a web page is part of, else
 * the publisher), published date, URL, language and, for a captured source, its `retrieved` date.
 */
export function cslItemFor(key: string, entry: SourceEntry): CslItem {
  if (entry.csl) {
    const own = { ...entry.csl } as Record<string, unknown>;
    return { ...own, id: key, type: typeof own.type === "string" && own.type ? own.type : "document" };
  }
  const extra = extraFrontMatter(entry);
  const declared = extra.type && CSL_TYPES.has(extra.type) ? extra.type : undefined;
  const type = declared ?? (entry.url ? "webpage" : entry.kind === "pdf" ? "report" : "document");
  const item: CslItem = { id: key, type, title: entry.title };
  const author = cslNames(entry.author);
  if (author) item.author = author;
  if (entry.container) item["container-title"] = entry.container;
  if (entry.publisher) {
    // A web page's site is where Chicago and APA name it (container); a report's or book's is its publisher.
    if (type === "webpage" || type.startsWith("article") || type.startsWith("post")) {
      if (!entry.container) item["container-title"] = entry.publisher;
      else item.publisher = entry.publisher;
    } else item.publisher = entry.publisher;
  }
  const issued = cslDate(entry.published);
  if (issued) item.issued = issued;
  const accessed = cslDate(extra.retrieved);
  if (accessed) item.accessed = accessed;
  if (entry.url && /^https?:\/\//i.test(entry.url)) item.URL = entry.url;
  if (entry.lang) item.language = entry.lang;
  return item;
}

/** CSL-JSON text for items, sorted by key, two-space indented (what `brief-author bibliography` writes). */
export function cslJson(items: readonly CslItem[]): string {
  const sorted = [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return JSON.stringify(sorted, null, 2) + "\n";
}
