/**
 * Saved web pages (`.html`, `.htm`): the article's main text and its metadata.
 *
 * The main text comes from Mozilla Readability run over a linkedom document; the article it
 * returns is turned into plain text here (one paragraph per block element, separated by one
 * blank line). A page where Readability finds no article falls back to the body's visible text.
 * Metadata comes from Open Graph / article meta tags, JSON-LD, `<title>` and `<link
 * rel=canonical>`, in the priority documented on {@link extractHtml}.
 *
 * Everything here is linear in the input: regular expressions are bounded by `<`/`>` or run on
 * a short prefix, the DOM is walked once without recursion, and no paragraph rescans the text.
 */
import { TextDecoder } from "node:util";
import { parseHTML } from "linkedom";
import { Readability, isProbablyReaderable } from "@mozilla/readability";
import type { ExtractResult, ExtractedDocument } from "../../core/sources/extracted";

/* The project's TypeScript has no DOM library: the few DOM members used are typed here. */
interface DomNode {
  nodeType: number;
  parentNode: DomNode | null;
  firstChild: DomNode | null;
  nextSibling: DomNode | null;
  textContent: string | null;
}
interface DomElement extends DomNode {
  tagName: string;
  childNodes: ArrayLike<DomNode>;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  innerHTML: string;
}
interface DomDocument {
  documentElement: DomElement | null;
  body: DomElement | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  createElement(tag: string): DomElement;
}
interface ReadabilityArticle {
  title?: string | null;
  content?: DomElement | null;
  byline?: string | null;
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;

/** How many leading bytes are searched for NUL (binary) and for a charset declaration. */
const BINARY_SNIFF_BYTES = 1024;
const CHARSET_SNIFF_BYTES = 4096;

/**
 * Below this many characters, Readability's article on a page that `isProbablyReaderable`
 * rejects is taken as "no article": Readability then returns its most lenient attempt, which
 * on such pages is mostly navigation. Readability's own `charThreshold` default.
 */
const SHORT_ARTICLE_CHARS = 500;

/**
 * Readability's time grows about with the cube of the page's element nesting (over linkedom:
 * 0.6 s at depth 400, 11 s at 1,000, 70 s at 2,000). Real pages nest a few dozen levels; a
 * deeper page skips Readability and is read by the fallback.
 */
const MAX_READABILITY_DEPTH = 400;

/**
 * Read a saved web page: its main text and metadata. Never throws.
 *
 * - Bytes: a UTF-8 (or UTF-16) byte order mark wins; else a `<meta charset>` or `http-equiv
 *   content-type` in the first 4 KB; else UTF-8 (non-fatal). NUL bytes in the first 1 KB mean a
 *   binary file.
 * - Text: Readability's article; when it finds none (null, empty, or a page it judges not
 *   readerable that yields under 500 characters) the body's visible text without script,
 *   style, nav, header, footer, aside, form, noscript, hidden elements and cookie banners.
 * - title: `og:title`, JSON-LD `headline`, `<title>` (less a " | Site" suffix naming the site),
 *   Readability's title. author: `meta[name=author]`, `article:author` (not a URL), JSON-LD
 *   `author` names, Readability's byline; a leading "By " is dropped. publisher:
 *   `og:site_name`, JSON-LD `publisher.name`. published: `article:published_time`, JSON-LD
 *   `datePublished`, `<time datetime>` in the article. url: `<link rel=canonical>`, `og:url`.
 *   JSON-LD objects typed NewsArticle, Article, BlogPosting, Report (or a subtype) come first.
 */
export async function extractHtml(bytes: Uint8Array, _path: string): Promise<ExtractResult> {
  try {
    const decoded = decodeHtml(bytes);
    if (typeof decoded !== "string") return decoded;
    return extractFromString(decoded);
  } catch (err) {
    return { error: `cannot be read as a web page (${firstLine(err)})` };
  }
}

function firstLine(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const nl = message.indexOf("\n");
  const line = (nl >= 0 ? message.slice(0, nl) : message).trim();
  return line || "unknown error";
}

// ---------------------------------------------------------------------------------------------
// Bytes to text
// ---------------------------------------------------------------------------------------------

/** The page's text, or an error for a binary file. */
export function decodeHtml(bytes: Uint8Array): string | { error: string } {
  // Byte order marks decide the encoding outright (checked before the NUL test: UTF-16 text is
  // full of NUL bytes).
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return new TextDecoder("utf-8").decode(bytes.subarray(3));
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  }
  const sniffEnd = Math.min(bytes.length, BINARY_SNIFF_BYTES);
  for (let i = 0; i < sniffEnd; i++) {
    if (bytes[i] === 0) return { error: "is a binary file, not a web page" };
  }
  const decoder = decoderFor(declaredCharset(bytes));
  const text = decoder.decode(bytes);
  return decoder.encoding === "windows-1252" ? fixWindows1252(text) : text;
}

/**
 * WHATWG windows-1252 for bytes 0x80-0x9F (`iso-8859-1` and `us-ascii` are the same decoder).
 * Node's TextDecoder decodes windows-1252 as Latin-1 and leaves C1 controls for these bytes
 * (nodejs/node#56542), so curly quotes, dashes and the euro sign are mapped here.
 */
const WINDOWS_1252_C1 = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

function fixWindows1252(text: string): string {
  return text.replace(/[\u0080-\u009f]/g, (c) => String.fromCharCode(WINDOWS_1252_C1[c.charCodeAt(0) - 0x80]));
}

/** The charset a `<meta charset>` or `<meta http-equiv=content-type>` declares near the top. */
function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, CHARSET_SNIFF_BYTES)).toString("latin1");
  // `[^<>]*` stops at the next tag, so each match attempt is bounded by the distance to it.
  const metaRe = /<meta\b[^<>]*>?/gi;
  for (let m = metaRe.exec(head); m; m = metaRe.exec(head)) {
    const tag = m[0];
    const charset = /\bcharset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)/i.exec(tag);
    if (!charset) continue;
    const isCharsetAttr = /^<meta\b[^<>]*?[\s"'/]charset\s*=/i.test(tag);
    const isHttpEquiv = /\bhttp-equiv\s*=\s*["']?\s*content-type/i.test(tag);
    if (isCharsetAttr || isHttpEquiv) return charset[1];
  }
  return undefined;
}

/** A non-fatal decoder for a declared charset; UTF-8 for none, an unknown one, or UTF-16. */
function decoderFor(label: string | undefined): TextDecoder {
  if (label) {
    try {
      const decoder = new TextDecoder(label.trim().toLowerCase());
      // A page cannot declare UTF-16 in its own (ASCII-compatible) bytes: HTML says use UTF-8.
      if (!decoder.encoding.startsWith("utf-16")) return decoder;
    } catch {
      // Unknown label: fall through to UTF-8.
    }
  }
  return new TextDecoder("utf-8");
}

// ---------------------------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------------------------

/**
 * A linkedom document for the text. linkedom builds a broken tree for pages without the
 * `<html><head/><body/></html>` skeleton (a bare fragment becomes the document element, content
 * outside `<body>` is lost), so such pages are parsed again inside a skeleton of our own.
 */
function parseDocument(html: string): DomDocument {
  const first = parseDom(html);
  if (hasSkeleton(first)) return first;
  // Drop the page's own skeleton tags; `[^<>]*` keeps each match bounded (no backtracking).
  const inner = html.replace(/<\/?(?:html|head|body)\b[^<>]*>?|<!doctype\b[^<>]*>?|<\?xml\b[^<>]*>?/gi, "");
  return parseDom(`<!DOCTYPE html><html><head></head><body>${inner}</body></html>`);
}

function parseDom(html: string): DomDocument {
  return (parseHTML(html) as unknown as { document: DomDocument }).document;
}

/**
 * htmlparser2 (linkedom's parser) keeps the open elements in an array it `unshift`s on every
 * opening tag and scans on every closing tag, so a tag costs about the current nesting depth:
 * 100,000 nested `<div>`s (1 MB) take 10 s to parse. This budget (about half a second) is far
 * above any real page (a 2 MB page of 50,000 elements at depth 20 is 10^6) and refuses only
 * pathological nesting.
 */
const MAX_PARSER_STACK_WORK = 250_000_000;

/** Elements htmlparser2 never pushes on its stack. */
const VOID_TAGS = new Set([
  "area", "base", "basefont", "br", "col", "command", "embed", "frame", "hr", "img", "input",
  "isindex", "keygen", "link", "meta", "param", "source", "track", "wbr",
]);

/** Elements whose content htmlparser2 reads as raw text up to their closing tag. */
const RAW_TEXT_END: Record<string, RegExp> = {
  script: /<\/script/gi,
  style: /<\/style/gi,
  title: /<\/title/gi,
  textarea: /<\/textarea/gi,
  xmp: /<\/xmp/gi,
};

/** htmlparser2's `openImpliesClose`: an opening tag closes these while they are innermost. */
const IMPLIES_CLOSE = (() => {
  const p = new Set(["p"]);
  const form = new Set(["input", "option", "optgroup", "select", "button", "datalist", "textarea"]);
  const map = new Map<string, Set<string>>([
    ["tr", new Set(["tr", "th", "td"])],
    ["th", new Set(["th"])],
    ["td", new Set(["thead", "th", "td"])],
    ["body", new Set(["head", "link", "script"])],
    ["li", new Set(["li"])],
    ["option", new Set(["option"])],
    ["optgroup", new Set(["optgroup", "option"])],
    ["dd", new Set(["dt", "dd"])],
    ["dt", new Set(["dt", "dd"])],
    ["rt", new Set(["rt", "rp"])],
    ["rp", new Set(["rt", "rp"])],
    ["tbody", new Set(["thead", "tbody"])],
    ["tfoot", new Set(["thead", "tbody"])],
  ]);
  for (const t of ["select", "input", "output", "button", "datalist", "textarea"]) map.set(t, form);
  for (const t of [
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "address", "article", "aside", "blockquote", "details",
    "div", "dl", "fieldset", "figcaption", "figure", "footer", "form", "header", "hr", "main", "nav",
    "ol", "pre", "section", "table", "ul",
  ]) map.set(t, p);
  return map;
})();

/**
 * The work htmlparser2's element stack will do on `html` (the sum of the stack depths it walks),
 * computed in linear time by simulating that stack with a position index per tag name. An
 * estimate (the tokenizing is simplified), used only to refuse pathological pages; stops
 * counting once past `budget`.
 */
export function parserStackWork(html: string, budget: number): number {
  const stack: string[] = [];
  const positions = new Map<string, number[]>();
  let work = 0;
  const pop = (): void => {
    const name = stack.pop();
    if (name !== undefined) positions.get(name)?.pop();
  };
  const tagRe = /<(?:(!--)|[!?]|(\/?)([a-zA-Z][^\s/>]*))/g;
  for (let m = tagRe.exec(html); m; m = tagRe.exec(html)) {
    if (m[1]) {
      const end = html.indexOf("-->", tagRe.lastIndex);
      if (end < 0) break;
      tagRe.lastIndex = end + 3;
      continue;
    }
    const gt = html.indexOf(">", tagRe.lastIndex);
    if (gt < 0) break;
    tagRe.lastIndex = gt + 1;
    if (m[3] === undefined) continue; // <!DOCTYPE ...>, <?xml ...?>
    const name = m[3].toLowerCase();
    if (m[2]) {
      if (VOID_TAGS.has(name)) continue;
      const at = positions.get(name);
      const index = at && at.length ? at[at.length - 1] : -1;
      work += index >= 0 ? stack.length - index : stack.length;
      if (index >= 0) while (stack.length > index) pop();
    } else {
      const closes = IMPLIES_CLOSE.get(name);
      if (closes) while (stack.length && closes.has(stack[stack.length - 1])) pop();
      if (VOID_TAGS.has(name)) continue;
      work += stack.length;
      const selfClosing = html.charCodeAt(gt - 1) === 0x2f; // "/>"
      const foreign = !!(positions.get("svg")?.length || positions.get("math")?.length);
      if (!(selfClosing && foreign)) {
        stack.push(name);
        const at = positions.get(name);
        if (at) at.push(stack.length - 1);
        else positions.set(name, [stack.length - 1]);
      }
      const rawEnd = Object.prototype.hasOwnProperty.call(RAW_TEXT_END, name) ? RAW_TEXT_END[name] : undefined;
      if (rawEnd && !selfClosing) {
        rawEnd.lastIndex = tagRe.lastIndex;
        const end = rawEnd.exec(html);
        if (!end) break;
        tagRe.lastIndex = end.index;
      }
    }
    if (work > budget) return work;
  }
  return work;
}

function hasSkeleton(doc: DomDocument): boolean {
  const root = doc.documentElement;
  if (!root || root.tagName.toUpperCase() !== "HTML") return false;
  let sawHead = false;
  let sawBody = false;
  for (let child = root.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === ELEMENT_NODE) {
      const tag = (child as DomElement).tagName.toUpperCase();
      if (tag === "HEAD" && !sawHead && !sawBody) sawHead = true;
      else if (tag === "BODY" && !sawBody) sawBody = true;
      else return false;
    } else if (child.nodeType === TEXT_NODE && (child.textContent ?? "").trim() !== "") {
      return false;
    }
  }
  return sawBody;
}

function extractFromString(html: string): ExtractResult {
  if (parserStackWork(html, MAX_PARSER_STACK_WORK) > MAX_PARSER_STACK_WORK) {
    return { error: "cannot be read as a web page (its elements nest too deeply)" };
  }
  const doc = parseDocument(html);

  // Metadata first: Readability changes the document it reads.
  const meta = readMetaTags(doc);
  const jsonLd = readJsonLd(doc);
  const titleTag = readTitleTag(doc);
  const canonical = readCanonical(doc);
  const articleTime = doc.querySelector("article time[datetime]")?.getAttribute("datetime") ?? undefined;

  let readerable = false;
  try {
    readerable = isProbablyReaderable(doc as never);
  } catch {
    readerable = false;
  }

  let article: ReadabilityArticle | null = null;
  try {
    if (doc.documentElement && nestingExceeds(doc.documentElement, MAX_READABILITY_DEPTH)) throw new Error("nested too deep");
    article = new Readability<DomElement>(doc as never, { serializer: (node) => node as unknown as DomElement }).parse() as ReadabilityArticle | null;
  } catch {
    article = null; // Readability failed on this page: use the fallback below.
  }

  let text = article?.content ? blocksToText(article.content, false) : "";
  if (!text || (!readerable && text.length < SHORT_ARTICLE_CHARS)) {
    // No article: the body's visible text, read from a fresh parse (Readability changed `doc`).
    const body = parseDocument(html).body;
    const fallback = body ? blocksToText(body, true) : "";
    if (fallback) text = fallback;
  }
  if (!text) return { error: "holds no readable text" };

  const publisher = meta.first("og:site_name") ?? jsonLd.publisher;
  const title =
    meta.first("og:title") ??
    jsonLd.headline ??
    (titleTag ? stripSiteSuffix(titleTag, publisher, canonical ?? meta.first("og:url"), clean(article?.title)) : undefined) ??
    clean(article?.title);
  const author =
    stripBy(meta.joined("author")) ??
    stripBy(meta.joined("article:author", (v) => !/^https?:\/\//i.test(v))) ??
    stripBy(jsonLd.author) ??
    stripBy(clean(article?.byline));
  const timeInContent = article?.content?.querySelector("time[datetime]")?.getAttribute("datetime") ?? undefined;
  const published =
    meta.first("article:published_time") ?? jsonLd.datePublished ?? clean(timeInContent) ?? clean(articleTime);
  const url = resolveUrl(canonical, meta.first("og:url"));

  const result: ExtractedDocument = { text };
  if (title) result.title = title;
  if (author) result.author = author;
  if (publisher) result.publisher = publisher;
  if (published) result.published = published;
  if (url) result.url = url;
  const lang = doc.documentElement?.getAttribute("lang") ?? doc.documentElement?.getAttribute("xml:lang");
  if (lang) result.lang = lang;
  return result;
}

// ---------------------------------------------------------------------------------------------
// DOM to text
// ---------------------------------------------------------------------------------------------

/** Elements that start and end a paragraph. */
const BLOCK_TAGS = new Set([
  "address", "article", "aside", "blockquote", "caption", "center", "dd", "details", "dialog",
  "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2",
  "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "legend", "li", "main", "menu", "nav", "ol",
  "p", "pre", "section", "summary", "table", "tbody", "tfoot", "thead", "tr", "ul",
]);

/** Elements never read, in the article or in the fallback. */
const SKIP_TAGS = new Set([
  "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas",
  "video", "audio", "map", "select", "option", "datalist", "button", "input", "textarea", "head",
  "title", "meta", "link", "base",
]);

/** Page furniture the fallback leaves out. */
const FALLBACK_SKIP_TAGS = new Set(["nav", "header", "footer", "aside", "form"]);
const FALLBACK_SKIP_ROLES = new Set(["navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog"]);

/** Every run of whitespace (including no-break spaces) in running text. */
const WS_RUN = /\s+/g;
/** Whitespace other than line breaks (text inside `<pre>`). */
const INLINE_WS_RUN = /[^\S\n]+/g;
/** Invisible characters that would split words (soft hyphen, zero-width space). */
const INVISIBLE = /[\u00ad\u200b]/g;

/**
 * Plain text of a DOM subtree: each block element is a paragraph, paragraphs are separated by
 * one blank line, `<br>` and lines of `<pre>` become `\n`, other whitespace collapses to one
 * space. Walks the tree once, iteratively (deeply nested pages cannot overflow the stack).
 */
function blocksToText(root: DomElement, fallback: boolean): string {
  const paragraphs: string[] = [];
  let pieces: string[] = [];
  let prefix = ""; // "- " while a list item's first paragraph is pending
  let preDepth = 0;

  const flush = (): void => {
    if (pieces.length === 0) return;
    const raw = pieces.join("");
    pieces = [];
    const lines: string[] = [];
    for (const line of raw.split("\n")) {
      const collapsed = line.replace(WS_RUN, " ").trim();
      if (collapsed) lines.push(collapsed);
    }
    if (lines.length === 0) return;
    paragraphs.push(prefix + lines.join("\n"));
    prefix = "";
  };

  /** Whether to read the element's children. */
  const enter = (el: DomElement, tag: string): boolean => {
    if (SKIP_TAGS.has(tag) || isHidden(el)) return false;
    if (fallback && (FALLBACK_SKIP_TAGS.has(tag) || isFurniture(el))) return false;
    if (BLOCK_TAGS.has(tag)) {
      flush();
      if (tag === "li") prefix = "- ";
      if (tag === "pre") preDepth++;
    } else if (tag === "br") {
      pieces.push("\n");
    } else if (tag === "td" || tag === "th") {
      pieces.push(" ");
    }
    return true;
  };

  const leave = (tag: string, entered: boolean): void => {
    if (BLOCK_TAGS.has(tag)) {
      flush();
      if (tag === "li") prefix = "";
      if (tag === "pre" && entered) preDepth--;
    } else if (tag === "td" || tag === "th") {
      pieces.push(" ");
    }
  };

  const addText = (data: string): void => {
    const text = data.replace(INVISIBLE, "");
    if (preDepth > 0) pieces.push(text.replace(/\r\n?/g, "\n").replace(INLINE_WS_RUN, " "));
    else pieces.push(text.replace(WS_RUN, " "));
  };

  // Iterative pre-order walk with an exit step for every element.
  let node: DomNode | null = root.firstChild;
  while (node) {
    let descend = false;
    if (node.nodeType === ELEMENT_NODE) {
      const el = node as DomElement;
      descend = enter(el, el.tagName.toLowerCase());
      if (descend && el.firstChild) {
        node = el.firstChild;
        continue;
      }
      leave(el.tagName.toLowerCase(), descend);
    } else if (node.nodeType === TEXT_NODE || node.nodeType === CDATA_SECTION_NODE) {
      addText(node.textContent ?? "");
    }
    // Climb until a next sibling is found, leaving each finished element on the way.
    while (node) {
      if (node.nextSibling) {
        node = node.nextSibling;
        break;
      }
      const parent: DomNode | null = node.parentNode;
      if (!parent || parent === root) {
        node = null;
        break;
      }
      const pel = parent as DomElement;
      leave(pel.tagName.toLowerCase(), true);
      node = parent;
    }
  }
  flush();
  return paragraphs.join("\n\n");
}

/** Whether elements nest more than `limit` levels under `root` (one walk, stops early). */
function nestingExceeds(root: DomElement, limit: number): boolean {
  let depth = 0;
  let node: DomNode | null = root.firstChild;
  while (node) {
    if (node.nodeType === ELEMENT_NODE && node.firstChild) {
      if (++depth > limit) return true;
      node = node.firstChild;
      continue;
    }
    while (node) {
      if (node.nextSibling) {
        node = node.nextSibling;
        break;
      }
      node = node.parentNode;
      depth--;
      if (!node || node === root) return false;
    }
  }
  return false;
}

/** Hidden by attribute or inline style. */
function isHidden(el: DomElement): boolean {
  if (el.hasAttribute("hidden")) return true;
  if ((el.getAttribute("aria-hidden") ?? "").trim().toLowerCase() === "true") return true;
  const style = el.getAttribute("style");
  if (style) {
    const s = style.toLowerCase().replace(/\s+/g, "");
    if (s.includes("display:none") || s.includes("visibility:hidden")) return true;
  }
  return false;
}

/** Navigation landmarks and cookie/consent banners (fallback only). */
function isFurniture(el: DomElement): boolean {
  const role = (el.getAttribute("role") ?? "").trim().toLowerCase();
  if (role && FALLBACK_SKIP_ROLES.has(role)) return true;
  const names = `${el.getAttribute("id") ?? ""} ${el.getAttribute("class") ?? ""}`.toLowerCase();
  return names.includes("cookie") || names.includes("consent") || names.includes("gdpr");
}

// ---------------------------------------------------------------------------------------------
// Metadata
// ---------------------------------------------------------------------------------------------

/** Whitespace collapsed and trimmed; undefined when empty. */
function clean(value: string | null | undefined): string | undefined {
  if (typeof value !== "string") return undefined;
  const s = value.replace(WS_RUN, " ").trim();
  return s || undefined;
}

function stripBy(value: string | undefined): string | undefined {
  return value === undefined ? undefined : clean(value.replace(/^\s*by\s+/i, ""));
}

interface MetaTags {
  first(key: string): string | undefined;
  joined(key: string, keep?: (value: string) => boolean): string | undefined;
}

/** `<meta property|name|itemprop=... content=...>`, keyed in lower case, all values in order. */
function readMetaTags(doc: DomDocument): MetaTags {
  const map = new Map<string, string[]>();
  const metas = doc.querySelectorAll("meta");
  for (let i = 0; i < metas.length; i++) {
    const m = metas[i];
    const content = clean(m.getAttribute("content"));
    if (!content) continue;
    for (const attr of ["property", "name", "itemprop"]) {
      const key = m.getAttribute(attr)?.trim().toLowerCase();
      if (!key) continue;
      const list = map.get(key);
      if (list) list.push(content);
      else map.set(key, [content]);
    }
  }
  return {
    first: (key) => map.get(key)?.[0],
    joined: (key, keep) => {
      const values = (map.get(key) ?? []).filter((v) => !keep || keep(v));
      return values.length ? [...new Set(values)].join(", ") : undefined;
    },
  };
}

/** The `<title>` of the head (not an SVG's). */
function readTitleTag(doc: DomDocument): string | undefined {
  const el = doc.querySelector("head > title") ?? doc.querySelector("title");
  return clean(el?.textContent);
}

/**
 * Drop a trailing " | Site" (or " - ", " – ", " — ", " · ") when it names the site: the site's
 * name (`og:site_name`, JSON-LD publisher) with case, "The" and punctuation forgiven, the page's
 * host name (`gazette` of `www.gazette.example`), or when what is left is the headline Readability
 * found on the page.
 */
export function stripSiteSuffix(title: string, site: string | undefined, url?: string, headline?: string): string {
  const key = (s: string) => s.toLowerCase().replace(/^the\s+/, "").replace(/[^\p{L}\p{N}]+/gu, "");
  let hostLabels: string[] = [];
  try {
    if (url) hostLabels = new URL(url).hostname.toLowerCase().split(".").filter((l) => l.length > 2 && !["www", "com", "org", "net", "news", "example"].includes(l));
  } catch {
    // not a URL: no host to compare
  }
  for (const sep of [" | ", " - ", " – ", " — ", " · "]) {
    const at = title.lastIndexOf(sep);
    if (at <= 0) continue;
    const rest = title.slice(0, at).trim();
    const suffix = key(title.slice(at + sep.length));
    if (!rest || !suffix) continue;
    if (site && suffix === key(site)) return rest;
    // A host label matches the whole suffix, or a part of four letters or more (`gazette` in `harbourgazette`).
    if (hostLabels.some((h) => suffix === h || (h.length >= 4 && suffix.includes(h)) || (suffix.length >= 4 && h.includes(suffix)))) return rest;
    if (headline && key(headline) === key(rest)) return rest;
  }
  return title;
}

/** `<link rel=canonical href>` (rel may list several values). */
function readCanonical(doc: DomDocument): string | undefined {
  const links = doc.querySelectorAll("link[rel][href]");
  for (let i = 0; i < links.length; i++) {
    const rels = (links[i].getAttribute("rel") ?? "").toLowerCase().split(/\s+/);
    if (rels.includes("canonical")) {
      const href = clean(links[i].getAttribute("href"));
      if (href) return href;
    }
  }
  return undefined;
}

/** The canonical URL, made absolute against `og:url` when it is relative; else `og:url`. */
function resolveUrl(canonical: string | undefined, ogUrl: string | undefined): string | undefined {
  if (!canonical) return ogUrl;
  if (/^[a-z][a-z0-9+.-]*:/i.test(canonical) || !ogUrl) return canonical;
  try {
    return new URL(canonical, ogUrl).href;
  } catch {
    return canonical;
  }
}

interface JsonLdFacts {
  headline?: string;
  author?: string;
  publisher?: string;
  datePublished?: string;
}

type JsonObject = Record<string, unknown>;

const ARTICLE_TYPES = new Set(["newsarticle", "article", "blogposting", "report"]);
/** Bounds on what one page's JSON-LD may make us visit. */
const MAX_JSONLD_OBJECTS = 2000;

function isObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** NewsArticle, Article, BlogPosting, Report and their subtypes (`ReportageNewsArticle`, ...). */
function isArticle(o: JsonObject): boolean {
  const types = Array.isArray(o["@type"]) ? o["@type"] : [o["@type"]];
  return types.some((t) => {
    if (typeof t !== "string") return false;
    const name = t.slice(Math.max(t.lastIndexOf("/"), t.lastIndexOf(":")) + 1).trim().toLowerCase();
    return ARTICLE_TYPES.has(name) || name.endsWith("article") || name.endsWith("blogposting");
  });
}

/** Headline, author, publisher and date from every JSON-LD block; bad JSON is ignored. */
function readJsonLd(doc: DomDocument): JsonLdFacts {
  const objects: JsonObject[] = [];
  const scripts = doc.querySelectorAll("script");
  for (let i = 0; i < scripts.length; i++) {
    const type = (scripts[i].getAttribute("type") ?? "").trim().toLowerCase();
    if (!type.startsWith("application/ld+json")) continue;
    let raw = (scripts[i].textContent ?? "").trim();
    // Some sites wrap the JSON in an HTML comment or CDATA section.
    raw = raw.replace(/^(?:<!--|\/\/\s*<!\[CDATA\[|<!\[CDATA\[)/, "").replace(/(?:-->|\/\/\s*\]\]>|\]\]>)$/, "").trim();
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      continue;
    }
    // Breadth-first over arrays and @graph, in document order.
    const queue: unknown[] = [parsed];
    for (let q = 0; q < queue.length && objects.length < MAX_JSONLD_OBJECTS; q++) {
      const item = queue[q];
      if (Array.isArray(item)) {
        for (const x of item) queue.push(x);
      } else if (isObject(item)) {
        objects.push(item);
        if (Array.isArray(item["@graph"])) queue.push(item["@graph"]);
        else if (isObject(item["@graph"])) queue.push(item["@graph"]);
      }
      if (queue.length > MAX_JSONLD_OBJECTS * 4) break;
    }
  }
  if (objects.length === 0) return {};

  const byId = new Map<string, JsonObject>();
  for (const o of objects) if (typeof o["@id"] === "string" && !byId.has(o["@id"])) byId.set(o["@id"], o);
  /** Follows a `{ "@id": ... }` reference to the object it names. */
  const deref = (v: unknown): unknown => {
    if (isObject(v) && typeof v["@id"] === "string" && v.name === undefined) return byId.get(v["@id"]) ?? v;
    return v;
  };
  const nameOf = (v: unknown): string | undefined => {
    const d = deref(v);
    if (typeof d === "string") return jsonText(doc, d);
    if (isObject(d)) {
      if (typeof d.name === "string") return jsonText(doc, d.name);
      if (Array.isArray(d.name) && typeof d.name[0] === "string") return jsonText(doc, d.name[0]);
    }
    return undefined;
  };
  const namesOf = (v: unknown): string | undefined => {
    const list = Array.isArray(v) ? v : [v];
    const names = list.map(nameOf).filter((n): n is string => !!n);
    return names.length ? [...new Set(names)].join(", ") : undefined;
  };

  const ordered = [...objects.filter(isArticle), ...objects.filter((o) => !isArticle(o))];
  const facts: JsonLdFacts = {};
  for (const o of ordered) {
    if (facts.headline === undefined && typeof o.headline === "string") facts.headline = jsonText(doc, o.headline);
    if (facts.author === undefined && o.author !== undefined) facts.author = namesOf(o.author);
    if (facts.publisher === undefined && o.publisher !== undefined) facts.publisher = namesOf(o.publisher);
    if (facts.datePublished === undefined && typeof o.datePublished === "string") facts.datePublished = clean(o.datePublished);
  }
  return facts;
}

/** A JSON-LD string as text: entities decoded and tags dropped when it holds any. */
function jsonText(doc: DomDocument, s: string): string | undefined {
  if (!s.includes("&") && !s.includes("<")) return clean(s);
  const el = doc.createElement("div");
  el.innerHTML = s;
  return clean(el.textContent);
}
