/**
 * Text and metadata of a PDF, read with pdf.js (the serverless build bundled in `unpdf`).
 *
 * pdf.js gives positioned text items per page. They are put together into lines (by baseline),
 * and lines into paragraphs: a paragraph ends at a vertical gap larger than the page's normal
 * line spacing, at a change of font size, or where the text jumps back up the page (a new
 * column); on a page without such gaps a short line ending a sentence ends a paragraph. Wrapped
 * lines are joined with a space; a word split by a hyphen at a line end is joined again.
 */
import { getResolvedPDFJS } from "unpdf";
import type { ExtractedDocument, ExtractResult } from "../../core/sources/extracted";

const ENCRYPTED = "is an encrypted PDF; save an unencrypted copy";
const NO_TEXT = "has no text layer (a scanned PDF?); run OCR on it or save its text as a .md source";

/** The parts of pdf.js's API used here (the library's own types are loose `any`s at these spots). */
interface TextItemLike {
  str: string;
  transform: number[];
  width: number;
  height: number;
  hasEOL: boolean;
}
interface PageLike {
  getViewport(options: { scale: number }): { transform: number[] };
  getTextContent(): Promise<{ items: Array<TextItemLike | { type: string }> }>;
  getAnnotations(options?: { intent?: string }): Promise<AnnotationLike[]>;
  cleanup(): boolean;
}
/** What pdf.js reads of an annotation: a form field's value, a note's text. */
interface AnnotationLike {
  subtype?: string;
  fieldType?: string;
  fieldValue?: unknown;
  contentsObj?: { str?: unknown };
  contents?: unknown;
}

/**
 * The text a page's annotations hold, as a reader sees it on the page: the values of its text
 * form fields (not check boxes or buttons) and the text of its notes and free-text boxes. A
 * true quote of a filled-in form is then found.
 */
export function annotationTexts(annotations: readonly AnnotationLike[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (v: unknown) => {
    if (typeof v !== "string") return;
    const t = v.replace(/\s+/g, " ").trim();
    if (t && !seen.has(t)) {
      seen.add(t);
      out.push(t);
    }
  };
  for (const a of annotations) {
    if (a.subtype === "Widget") {
      if (a.fieldType !== "Tx" && a.fieldType !== "Ch") continue;
      if (Array.isArray(a.fieldValue)) a.fieldValue.forEach(add);
      else add(a.fieldValue);
    } else if (a.subtype === "Text" || a.subtype === "FreeText") {
      add(a.contentsObj?.str ?? a.contents);
    }
  }
  return out;
}
interface DocumentLike {
  numPages: number;
  getPage(pageNumber: number): Promise<PageLike>;
  getPageLabels(): Promise<string[] | null>;
  getMetadata(): Promise<{ info: object; metadata: { get(name: string): unknown } | null }>;
}

/** A line of text: where it starts along its baseline, which baseline, its size and length. */
interface Line {
  text: string;
  /** Start position along the text direction. */
  start: number;
  /** End position along the text direction. */
  end: number;
  /** Baseline position across the text direction (grows down the page for normal text). */
  across: number;
  /** Direction of the text in radians (0 for normal horizontal text). */
  angle: number;
  size: number;
}

/**
 * The text (paragraphs separated by one blank line; pages too), page offsets, page labels and
 * Info-dictionary metadata of a PDF. Never throws: an encrypted, image-only or broken file gives
 * `{ error }`. `bytes` is copied (pdf.js may detach the buffer it is given).
 */
export async function extractPdf(bytes: Uint8Array, _path: string): Promise<ExtractResult> {
  let pdfjs: Awaited<ReturnType<typeof getResolvedPDFJS>>;
  try {
    pdfjs = await getResolvedPDFJS();
  } catch (e) {
    return { error: `could not be read: the PDF reader did not load (${firstLine(e)})` };
  }
  let task: ReturnType<typeof pdfjs.getDocument> | undefined;
  try {
    task = pdfjs.getDocument({
      data: new Uint8Array(bytes),
      verbosity: 0,
      isEvalSupported: false,
      useSystemFonts: true,
      disableFontFace: true,
      stopAtErrors: false,
    });
    const pdf = (await task.promise) as unknown as DocumentLike;
    const transform = pdfjs.Util.transform as (m1: number[], m2: number[]) => number[];

    // Lines of every page first: joining a hyphen split at a line end looks at the whole text.
    const pageLines: Line[][] = [];
    const pageNotes: string[][] = [];
    let pageError: unknown;
    let failedPages = 0;
    for (let n = 1; n <= pdf.numPages; n++) {
      try {
        const page = await pdf.getPage(n);
        const viewport = page.getViewport({ scale: 1 });
        const content = await page.getTextContent();
        pageLines.push(toLines(content.items, viewport.transform, transform));
        // Form fields and notes are part of what the page says (a broken annotation costs only itself).
        pageNotes.push(annotationTexts(await page.getAnnotations({ intent: "display" }).catch(() => [])));
        page.cleanup();
      } catch (e) {
        pageError ??= e;
        failedPages++;
        pageLines.push([]);
        pageNotes.push([]);
      }
    }
    if (pdf.numPages > 0 && failedPages === pdf.numPages) return { error: `is not a readable PDF (${firstLine(pageError)})` };

    const words = wordSets(pageLines);
    let text = "";
    const pageStarts: number[] = [];
    const empty: number[] = [];
    for (const [i, lines] of pageLines.entries()) {
      const paragraphs = [...toParagraphs(lines).map((p) => joinLines(p, words)), ...pageNotes[i]].filter((p) => p !== "");
      if (paragraphs.length === 0) {
        empty.push(pageStarts.length);
        pageStarts.push(-1);
        continue;
      }
      if (text !== "") text += "\n\n";
      pageStarts.push(text.length);
      text += paragraphs.join("\n\n");
    }
    if (text === "") return { error: NO_TEXT };
    // An empty page starts where the next page's text starts (or at the end of the text).
    for (let i = empty.length - 1; i >= 0; i--) {
      const p = empty[i];
      pageStarts[p] = p + 1 < pageStarts.length ? pageStarts[p + 1] : text.length;
    }

    const doc: ExtractedDocument = { text, pageStarts, ...(await metadataOf(pdf)) };
    try {
      const labels = await pdf.getPageLabels();
      if (labels && labels.length === pdf.numPages) doc.pageLabels = labels.map((l) => String(l));
    } catch {
      // A broken /PageLabels tree: pages keep their numbers.
    }
    return doc;
  } catch (e) {
    if (isPasswordError(e)) return { error: ENCRYPTED };
    return { error: `is not a readable PDF (${firstLine(e)})` };
  } finally {
    try {
      await task?.destroy();
    } catch {
      // Nothing left to release.
    }
  }
}

function isPasswordError(e: unknown): boolean {
  return typeof e === "object" && e !== null && (e as { name?: unknown }).name === "PasswordException";
}

function firstLine(e: unknown): string {
  const message = e instanceof Error ? e.message : typeof e === "object" && e !== null && "message" in e ? String((e as { message: unknown }).message) : String(e);
  const line = message.split(/\r?\n/, 1)[0].trim() || "unknown error";
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

// ---------------------------------------------------------------------------------------------
// Metadata

async function metadataOf(pdf: DocumentLike): Promise<Partial<ExtractedDocument>> {
  let info: Record<string, unknown> = {};
  let xmp: { get(name: string): unknown } | null = null;
  try {
    const meta = await pdf.getMetadata();
    info = (meta.info ?? {}) as Record<string, unknown>;
    xmp = meta.metadata;
  } catch {
    return {};
  }
  const custom = (typeof info.Custom === "object" && info.Custom !== null ? info.Custom : {}) as Record<string, unknown>;
  const fromXmp = (name: string): string | undefined => {
    try {
      return textOf(xmp?.get(name));
    } catch {
      return undefined;
    }
  };
  const out: Partial<ExtractedDocument> = {};
  const title = usableTitle(textOf(info.Title)) ?? usableTitle(fromXmp("dc:title"));
  if (title) out.title = title;
  const author = textOf(info.Author) ?? fromXmp("dc:creator");
  if (author) out.author = author;
  // Producer names the software that wrote the file, never a publisher.
  const publisher = textOf(custom.Publisher) ?? textOf(custom.Company) ?? fromXmp("dc:publisher");
  if (publisher) out.publisher = publisher;
  const published = pdfDate(textOf(info.CreationDate)) ?? isoDate(fromXmp("xmp:createdate"));
  if (published) out.published = published;
  return out;
}

/** A trimmed, whitespace-collapsed, non-empty string (arrays, as XMP gives lists, joined). */
function textOf(value: unknown): string | undefined {
  if (Array.isArray(value)) value = value.filter((v) => typeof v === "string").join(", ");
  if (typeof value !== "string") return undefined;
  const s = value.replace(/[\u0000-\u001f\u007f]/g, " ").replace(/\s+/g, " ").trim();
  return s === "" ? undefined : s;
}

/** Drops titles that are only a file name or a placeholder, as word processors often leave. */
function usableTitle(title: string | undefined): string | undefined {
  if (!title) return undefined;
  if (/^untitled\b/i.test(title)) return undefined;
  if (/\.(docx?|pdf|odt|rtf|txt|tex|dvi|indd|pages|pptx?|xlsx?|qxp)$/i.test(title)) return undefined;
  return title;
}

/** `D:YYYYMMDDHHmmSS...` (as the file gives it, no time-zone shift) → `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
export function pdfDate(value: string | undefined): string | undefined {
  const m = value ? /^(?:D:)?(\d{4})(\d{2})?(\d{2})?/.exec(value.trim()) : null;
  if (!m) return undefined;
  const [, year, month, day] = m;
  if (year === "0000") return undefined;
  if (!month || +month < 1 || +month > 12) return year;
  if (!day || +day < 1 || +day > 31) return `${year}-${month}`;
  return `${year}-${month}-${day}`;
}

function isoDate(value: string | undefined): string | undefined {
  const m = value ? /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(value) : null;
  return m ? m.slice(1).filter(Boolean).join("-") : undefined;
}

// ---------------------------------------------------------------------------------------------
// Lines

/** Puts a page's text items together into lines, in the content's order. */
function toLines(items: Array<TextItemLike | { type: string }>, viewport: number[], transform: (m1: number[], m2: number[]) => number[]): Line[] {
  const lines: Line[] = [];
  let line: Line | undefined;
  let endOfLine = false;
  for (const item of items) {
    if (!("str" in item)) continue;
    const str = item.str.replace(/\u0000/g, "");
    if (str.trim() === "") {
      // pdf.js marks line ends with empty items; a lone space item only separates words.
      if (line && str !== "" && !/\s$/.test(line.text)) line.text += " ";
      if (item.hasEOL) endOfLine = true;
      continue;
    }
    const m = transform(viewport, item.transform);
    const size = Math.hypot(m[2], m[3]) || item.height || 1;
    const angle = Math.atan2(m[1], m[0]);
    const cos = Math.cos(angle);
    const sin = Math.sin(angle);
    const along = m[4] * cos + m[5] * sin;
    const across = -m[4] * sin + m[5] * cos;
    const sameLine =
      line !== undefined &&
      !endOfLine &&
      Math.abs(angleDiff(angle, line.angle)) < 0.05 &&
      Math.abs(across - line.across) < 0.5 * Math.max(size, line.size);
    if (!sameLine || !line) {
      line = { text: str, start: along, end: along + item.width, across, angle, size };
      lines.push(line);
    } else {
      const gap = along - line.end;
      if (gap > 0.2 * Math.min(size, line.size) && !/\s$/.test(line.text) && !/^\s/.test(str)) line.text += " ";
      line.text += str;
      line.end = Math.max(line.end, along + item.width);
      line.start = Math.min(line.start, along);
      line.size = Math.max(line.size, size);
    }
    endOfLine = item.hasEOL;
  }
  for (const l of lines) l.text = l.text.replace(/[\u0000-\u001f\u007f]/g, " ").replace(/\s+/g, " ").trim();
  return lines.filter((l) => l.text !== "");
}

function angleDiff(a: number, b: number): number {
  const d = Math.abs(a - b) % (2 * Math.PI);
  return d > Math.PI ? 2 * Math.PI - d : d;
}

// ---------------------------------------------------------------------------------------------
// Paragraphs

/** The value below which `share` of the sorted numbers lie. */
function quantile(sorted: number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))];
}

const sameSize = (a: Line, b: Line): boolean => Math.max(a.size, b.size) / Math.min(a.size, b.size) <= 1.2;
const sameDirection = (a: Line, b: Line): boolean => Math.abs(angleDiff(a.angle, b.angle)) < 0.05;
const endsSentence = (s: string): boolean => /[.!?:;]["'”’)\]]*$/.test(s);
const startsParagraph = (s: string): boolean => /^["'“‘(\[•·\-–—]?[\p{Lu}\p{N}]/u.test(s) || /^[•·▪–—-]\s/.test(s);

/** Splits a page's lines into paragraphs (each a list of lines). */
function toParagraphs(lines: Line[]): Line[][] {
  if (lines.length === 0) return [];
  // The page's normal line spacing, from the gaps between neighbouring lines of one size.
  const gaps: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const a = lines[i - 1];
    const b = lines[i];
    const gap = b.across - a.across;
    if (sameDirection(a, b) && sameSize(a, b) && gap > 0.5 * a.size && gap < 4 * a.size) gaps.push(gap / a.size);
  }
  gaps.sort((x, y) => x - y);
  const normal = gaps.length > 0 ? Math.max(quantile(gaps, 0.25), 0.9) : undefined;

  /** Whether a paragraph ends between a and b, judging by position and size. */
  const gapBreak = (a: Line, b: Line): boolean => {
    if (!sameDirection(a, b) || !sameSize(a, b)) return true;
    const gap = (b.across - a.across) / a.size;
    if (Math.abs(gap) < 0.5) return false; // the same baseline, written in two runs
    if (gap < 0) return true; // back up the page: a new column or block
    return gap > 2.2 || (normal !== undefined && gap > 1.3 * normal);
  };
  const breaks = lines.map((b, i) => i > 0 && gapBreak(lines[i - 1], b));

  // A page set without space between paragraphs: a short line that ends a sentence, or an
  // indented first line after one, ends a paragraph.
  const bodySize = quantile(lines.map((l) => l.size).sort((x, y) => x - y), 0.5);
  const body = lines.filter((l) => Math.abs(l.size - bodySize) < 0.1 * bodySize);
  const bodyBreaks = breaks.filter((b, i) => b && i > 0 && sameSize(lines[i - 1], lines[i]) && Math.abs(lines[i].size - bodySize) < 0.1 * bodySize);
  if (body.length >= 4 && bodyBreaks.length === 0) {
    const width = Math.max(...body.map((l) => l.end - l.start));
    const left = quantile(body.map((l) => l.start).sort((x, y) => x - y), 0.25);
    for (let i = 1; i < lines.length; i++) {
      const a = lines[i - 1];
      const b = lines[i];
      if (breaks[i] || !endsSentence(a.text) || !startsParagraph(b.text)) continue;
      const short = a.end - a.start < 0.75 * width;
      const indented = b.start - left > 0.8 * b.size && b.start - left < 8 * b.size && Math.abs(a.start - left) < 0.5 * a.size;
      if (short || indented) breaks[i] = true;
    }
  }

  const paragraphs: Line[][] = [];
  lines.forEach((line, i) => {
    if (i === 0 || breaks[i]) paragraphs.push([line]);
    else paragraphs[paragraphs.length - 1].push(line);
  });
  return paragraphs;
}

// ---------------------------------------------------------------------------------------------
// Joining lines

interface WordSets {
  /** Hyphenated words written inside a line somewhere in the document (lower case). */
  hyphenated: Set<string>;
  /** Every word of letters only (lower case). */
  plain: Set<string>;
}

function wordSets(pages: Line[][]): WordSets {
  const hyphenated = new Set<string>();
  const plain = new Set<string>();
  for (const lines of pages) {
    for (const { text } of lines) {
      for (const m of text.matchAll(/\p{L}+(?:[-\u2010]\p{L}+)+/gu)) hyphenated.add(m[0].toLowerCase().replace(/\u2010/g, "-"));
      for (const m of text.matchAll(/\p{L}+/gu)) plain.add(m[0].toLowerCase());
    }
  }
  return { hyphenated, plain };
}

/**
 * One paragraph's lines as one line of text: joined with a space; a word split at a line end
 * ("harbour-" + "master") joined without the hyphen when the next line starts in lower case,
 * unless the document writes that word with its hyphen elsewhere ("year-on-year") and never
 * without; other hyphens and closed dashes at a line end are kept and joined without a space.
 */
function joinLines(lines: Line[], words: WordSets): string {
  let out = "";
  for (const { text } of lines) {
    if (out === "") {
      out = text;
      continue;
    }
    if (out.endsWith("\u00ad")) {
      out = out.slice(0, -1) + text;
      continue;
    }
    const split = /(\p{L}+(?:[-\u2010]\p{L}+)*)[-\u2010]$/u.exec(out);
    if (split) {
      const tail = /^\p{Ll}+/u.exec(text)?.[0];
      if (tail) {
        const head = split[1].replace(/\u2010/g, "-");
        const keep = words.hyphenated.has(`${head}-${tail}`.toLowerCase()) && !words.plain.has(`${head}${tail}`.toLowerCase());
        out = (keep ? out.slice(0, -1) + "-" : out.slice(0, -1)) + text;
      } else {
        out += text; // "North-" + "East", "2024-" + "25"
      }
      continue;
    }
    if (/\S[\u2013\u2014]$/.test(out) || /[\p{N}][-\u2010]$/u.test(out)) {
      out += text;
      continue;
    }
    out += " " + text;
  }
  return out.replace(/\u00ad/g, "");
}
