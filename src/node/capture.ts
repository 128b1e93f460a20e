import { stringify } from "yaml";
import type { ExtractedKind } from "../core/sources/kinds";
import { sha256Hex } from "../core/sources/hash";
import { slugify, today } from "../core/features/templates";
import { displayDate } from "../core/text";
import type { ExtractedDocument, Extractors } from "../core/sources/extracted";

/**
 * Capture: a web page (by URL) or a saved page or PDF (by file) becomes a Markdown source of the
 * library, `sources/<key>.md`, with where it came from and a hash of what was read. The same
 * code serves `brief-author add-source` and the editor's "Add Source from URL…".
 */
export interface CaptureLimits {
  /** Largest response body read, in bytes. */
  maxBytes: number;
  /** Whole fetch, redirects included, in milliseconds. */
  timeoutMs: number;
  maxRedirects: number;
}

export const DEFAULT_CAPTURE_LIMITS: CaptureLimits = { maxBytes: 10 * 1024 * 1024, timeoutMs: 20_000, maxRedirects: 5 };

export interface Fetched {
  /** The final URL, after redirects. */
  url: string;
  bytes: Uint8Array;
  kind: ExtractedKind;
}

export class CaptureError extends Error {}

/** Fetches a page over http or https, following redirects within the limits. */
export async function fetchPage(url: string, limits: CaptureLimits = DEFAULT_CAPTURE_LIMITS): Promise<Fetched> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), limits.timeoutMs);
  try {
    let current = url;
    for (let hop = 0; ; hop++) {
      let parsed: URL;
      try {
        parsed = new URL(current);
      } catch {
        throw new CaptureError(`not a URL: ${current}`);
      }
      if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new CaptureError(`only http and https URLs are fetched, not ${parsed.protocol.replace(/:$/, "")}`);
      let res: Response;
      try {
        res = await fetch(parsed, { redirect: "manual", signal: controller.signal, headers: { accept: "text/html,application/xhtml+xml,application/pdf;q=0.9,*/*;q=0.5", "user-agent": "brief-author (source capture)" } });
      } catch (e) {
        throw new CaptureError(controller.signal.aborted ? `no answer within ${limits.timeoutMs / 1000} s` : `cannot fetch ${parsed.href} (${firstLine(e)})`);
      }
      if (res.status >= 300 && res.status < 400 && res.headers.get("location")) {
        if (hop >= limits.maxRedirects) throw new CaptureError(`more than ${limits.maxRedirects} redirects`);
        current = new URL(res.headers.get("location")!, parsed).href;
        await res.body?.cancel().catch(() => undefined);
        continue;
      }
      if (!res.ok) throw new CaptureError(`the server answered ${res.status} ${res.statusText}`.trim());
      const length = Number(res.headers.get("content-length") ?? "0");
      if (length > limits.maxBytes) throw new CaptureError(`the page is ${length} bytes, larger than the limit of ${limits.maxBytes} bytes`);
      const bytes = await readLimited(res, limits.maxBytes, controller);
      const type = (res.headers.get("content-type") ?? "").toLowerCase();
      const kind = type.includes("pdf") || startsWithPdf(bytes) ? "pdf" : "html";
      if (kind === "html" && type && !/html|xml|text\/plain/.test(type)) throw new CaptureError(`the URL holds ${type.split(";")[0]}, not a web page or PDF`);
      return { url: current, bytes, kind };
    }
  } finally {
    clearTimeout(timer);
  }
}

async function readLimited(res: Response, maxBytes: number, controller: AbortController): Promise<Uint8Array> {
  if (!res.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = res.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        controller.abort();
        throw new CaptureError(`the page is larger than the limit of ${maxBytes} bytes`);
      }
      chunks.push(value);
    }
  } catch (e) {
    if (e instanceof CaptureError) throw e;
    throw new CaptureError(controller.signal.aborted ? "no complete answer in time" : `the download broke off (${firstLine(e)})`);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

function startsWithPdf(bytes: Uint8Array): boolean {
  return bytes.length >= 5 && String.fromCharCode(...bytes.subarray(0, 5)) === "%PDF-";
}

export interface Captured {
  /** Proposed key (file name): from the title, else the URL or file name. */
  key: string;
  /** The Markdown source: front matter, then the extracted text. */
  markdown: string;
  doc: ExtractedDocument;
}

/** Extracts fetched (or read) bytes and writes them up as a Markdown source. */
export async function capture(bytes: Uint8Array, kind: ExtractedKind, origin: { url?: string; file?: string }, extractors: Extractors, now = new Date()): Promise<Captured> {
  const result = await extractors[kind](bytes, origin.file ?? origin.url ?? `capture.${kind}`);
  if ("error" in result) throw new CaptureError(`the ${kind === "pdf" ? "PDF" : "page"} ${result.error}`);
  const doc = result;
  const url = doc.url ?? origin.url;
  const front: Record<string, string> = {};
  front.title = doc.title?.trim() || fallbackTitle(origin);
  if (url) front.url = url;
  if (doc.publisher) front.publisher = doc.publisher;
  if (doc.author) front.author = doc.author;
  if (doc.published) front.published = displayDate(doc.published)!;
  front.retrieved = today(now);
  front.sha256 = sha256Hex(bytes);
  const body = kind === "pdf" && doc.pageStarts?.length ? pagedText(doc) : doc.text;
  const markdown = `---\n${stringify(front, { lineWidth: 0 })}---\n\n${body.trim()}\n`;
  return { key: proposeKey(front.title, origin), markdown, doc };
}

/** A PDF's text with a `<!-- page N -->` comment before each page, so a reader can find pages. */
function pagedText(doc: ExtractedDocument): string {
  const starts = doc.pageStarts!;
  return starts
    .map((s, i) => {
      const page = doc.text.slice(s, i + 1 < starts.length ? starts[i + 1] : doc.text.length).trim();
      return `<!-- page ${doc.pageLabels?.[i] ?? i + 1} -->\n\n${page}`;
    })
    .join("\n\n");
}

function fallbackTitle(origin: { url?: string; file?: string }): string {
  if (origin.file) return origin.file.replace(/^.*[\\/]/, "").replace(/\.[^.]+$/, "");
  if (origin.url) {
    try {
      const u = new URL(origin.url);
      return u.hostname + u.pathname.replace(/\/$/, "");
    } catch {
      return origin.url;
    }
  }
  return "source";
}

/** A key from the title (lower case, dashes, at most 60 characters), as New Brief names files. */
export function proposeKey(title: string, origin: { url?: string; file?: string } = {}): string {
  return slugify(title) || slugify(fallbackTitle(origin)) || "source";
}

function firstLine(e: unknown): string {
  const err = e as Error & { cause?: Error };
  return String(err?.cause?.message ?? err?.message ?? e).split("\n")[0];
}
