import type { FileKind, FileSystem } from "../fs";
import { joinPath } from "../fs";
import { cannotHoldId, flatFrontMatterId, frontMatterBlock, frontMatterData, parseFrontMatter, frontMatterString } from "../parse/frontMatter";
import { LineIndex, validUtf8 } from "../text";
import type { Problem } from "../types";
import { splitPassages, type Passage } from "./passages";
import { canPackText, entryWithText, onTextWarm, packText, peekText } from "./sourceText";
import { languageCode, sourceLanguage } from "../lang/language";
import { PassageIndex, termCounts, type PassageHit, type PassageTerms } from "./passageIndex";
import { extractFigures, type Figure } from "../match/figures";
import type { ExtractedDocument, Extractors } from "./extracted";
import { sha256Hex } from "./hash";
import { lastIndexAtOrBefore } from "../sorted";
import { isExtractedKind, isSourceFile, kindInfo, sourceKindInfo, sourceKindOf, sourceName, type ExtractedKind, type SourceKind } from "./kinds";

export { isSourceFile, sourceKindOf, sourceName, SOURCE_EXTENSIONS, TEXT_SOURCE_EXTENSIONS, DOCUMENT_SOURCE_EXTENSIONS, type SourceKind } from "./kinds";

/** Bumped when extraction changes, so cached extractions of older versions are not reused. */
const EXTRACTOR_VERSION = 2;

/** Web pages and PDFs up to this size are read (their text is far smaller than the file). */
export const MAX_DOCUMENT_BYTES = 32 * 1024 * 1024;

/** Bumped when the snapshot's shape, the passages or the tokenizer change: older snapshots are not used. */
// 4: a source's passages are indexed as its language's words (stop words, stemmer).
const SNAPSHOT_FORMAT = 4;

/** A persisted library index (see `SourceLibrary.snapshot`). */
export interface LibrarySnapshot {
  format: number;
  /** Every term once; passages name terms by their index here. */
  dict: string[];
  files: Array<{ path: string; size: number; mtime: number; entry: Omit<SourceEntry, "passages">; passages: Array<Omit<Passage, "text">>; terms: Array<{ terms: number[]; tfs: number[]; len: number }> }>;
}

function snapshotFiles(snapshot: unknown): Map<string, LibrarySnapshot["files"][number]> | undefined {
  const s = snapshot as LibrarySnapshot | undefined;
  if (!s || s.format !== SNAPSHOT_FORMAT || !Array.isArray(s.files) || !Array.isArray(s.dict)) return undefined;
  const out = new Map<string, LibrarySnapshot["files"][number]>();
  for (const f of s.files) if (f && typeof f.path === "string" && typeof f.size === "number" && typeof f.mtime === "number") out.set(f.path, f);
  return out;
}

/** Remembers extracted documents by the hash of the file's bytes, across sessions. */
export interface ExtractionCache {
  get(hash: string): Promise<ExtractedDocument | undefined>;
  set(hash: string, doc: ExtractedDocument): Promise<void>;
}

/** One file of the source library. */
export interface SourceEntry {
  key: string;
  path: string;
  kind: SourceKind;
  title: string;
  url?: string;
  publisher?: string;
  /** The journal, newspaper or site an item is part of (bibliography entries). */
  container?: string;
  author?: string;
  published?: string;
  /** The language its front matter (`lang`, `language`), its page's `lang` attribute or its bibliography entry declares; else see `sourceLanguage`. */
  lang?: string;
  /**
   * The text checks run against: the file itself for Markdown and text; for a web page or PDF,
   * the text its extractor read (what the editor shows in a read-only view).
   */
  text: string;
  bodyOffset: number;
  passages: Passage[];
  /** PDF: offsets in `text` where each page starts (page 1 at index 0). */
  pageStarts?: readonly number[];
  /** PDF: page labels, when the document defines them. */
  pageLabels?: readonly string[];
  /** A bibliography entry with no file of text: cited, described, but nothing to check against. */
  noText?: boolean;
  /** A bibliography entry with no text because its `file` could not be read: why, for messages. */
  noTextReason?: string;
  /** A bibliography entry with no text: the 0-based line of the entry in its bibliography (`path`). */
  bibliographyLine?: number;
  /**
   * The SHA-256 of the page or PDF the source holds: a captured source's front matter `sha256`,
   * or a web page's or PDF's own bytes. Add Source refuses the same page twice by it.
   */
  sha256?: string;
  /** A bibliography entry: its CSL item as the bibliography gave it (what an export renders). */
  csl?: Readonly<Record<string, unknown>>;
}

/** True for sources whose text was extracted from another format (shown as a read-only view). */
export function isExtracted(entry: SourceEntry): boolean {
  return isExtractedKind(entry.kind);
}

/** The 1-based page of an offset in a PDF source's text (undefined for other sources). */
export function pageAt(entry: Pick<SourceEntry, "pageStarts">, offset: number): number | undefined {
  const starts = entry.pageStarts;
  if (!starts || starts.length === 0) return undefined;
  // Text before the first page start (none in practice) counts as page 1.
  return Math.max(0, lastIndexAtOrBefore(starts, offset, (s) => s)) + 1;
}

/** A page as the document labels it (its number when it has no labels). */
export function pageLabel(entry: Pick<SourceEntry, "pageLabels">, page: number): string {
  return entry.pageLabels?.[page - 1] ?? String(page);
}

/** A problem with a source file itself (unreadable, binary, too large, duplicate key). */
export interface SourceProblem extends Problem {
  uri: string;
}

export interface LibraryOptions {
  maxSourceBytes: number;
  /** How paths appear in messages (relative to the workspace root). */
  displayPath?: (path: string) => string;
  /**
   * Index a source only when a look-up first needs it (the CLI, which mostly asks about cited
   * sources), instead of all at load (the editor, whose completion ranks the whole library).
   */
  lazyIndex?: boolean;
  /** Reads web pages and PDFs; without them such files are reported as unreadable. */
  extractors?: Extractors;
  /** Remembers extracted documents by content hash (the editor's storage, the CLI's cache folder). */
  cache?: ExtractionCache;
  /**
   * Keep what a persisted index needs (`snapshot()`): each file's size and time and its
   * passages' term counts (the editor, which restores its index on restart).
   */
  persist?: boolean;
  /** Whether a file may still be read (the workspace gate): a restored entry must pass it too. */
  allowed?: (path: string) => Promise<boolean>;
  /**
   * Read only what is asked for (`ensureKeys`, `read`, `readAll`): `load` lists each file by its
   * key (its name, or the `id` in the head of its front matter) without reading its text.
   */
  onDemand?: boolean;
  /** Give the thread back every so many files while loading (the editor, whose reads may not wait). */
  yielding?: boolean;
  /**
   * Lists the source files under the library's folders, each once (the engine passes its
   * workspace gate's walk, which never leaves the workspace nor visits a real folder twice).
   */
  listFiles?: (roots: readonly string[], accept: (name: string) => boolean, token?: { isCancellationRequested: boolean }) => Promise<string[]>;
}

const decoder = new TextDecoder("utf-8", { fatal: true });

/** Reads a source file's bytes into text, or says why it cannot be used. */
export function decodeSource(bytes: Uint8Array): { text: string } | { error: string } {
  // Anywhere in the file, not only its head: one native scan, linear in the size.
  if (bytes.indexOf(0) !== -1) return { error: "is a binary file (it holds NUL bytes), not text" };
  try {
    return { text: decoder.decode(bytes).replace(/^\uFEFF/, "") };
  } catch {
    return { error: "is not valid UTF-8 text; save it as UTF-8" };
  }
}

/** Builds a source entry from its text. */
export function readSource(path: string, text: string): SourceEntry {
  const fm = parseFrontMatter(text);
  const data = fm.data;
  const name = sourceName(path);
  const key = frontMatterString(data.id) ?? name;
  let title = frontMatterString(data.title);
  if (!title) {
    const body = text.slice(fm.bodyOffset);
    title = (path.toLowerCase().endsWith(".txt") ? firstTextLine(body) : firstHeading(body) ?? firstTextLine(body)) ?? name;
  }
  // A captured PDF keeps its pages as `<!-- page N -->` lines: they give the pages back.
  const pages = pageMarkers(text, fm.bodyOffset);
  const bodyOffset = fm.bodyOffset;
  return entryWithText<SourceEntry>(
    {
      key,
      path,
      kind: sourceKindOf(path) === "text" ? "text" : "markdown",
      title,
      url: frontMatterString(data.url),
      publisher: frontMatterString(data.publisher),
      author: frontMatterString(data.author),
      published: frontMatterString(data.published) ?? frontMatterString(data.date),
      sha256: frontMatterString(data.sha256)?.toLowerCase(),
      lang: languageCode(data.lang) ?? languageCode(data.language),
      bodyOffset,
      pageStarts: pages?.starts,
      pageLabels: pages?.labels,
    },
    text,
    // Split on first use: a batch check never looks at most sources' passages.
    (entry) => {
      const passages = splitPassages(entry.text, bodyOffset, sourceLanguage(entry));
      if (pages) for (const p of passages) p.page = pageAt(entry, p.start);
      return passages;
    },
  );
}

/** Where the line starting at `at` ends: before its LF, CR or CRLF (a CR-only file has lines too). */
function lineEndAt(text: string, at: number): number {
  let i = at;
  while (i < text.length && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
  return i;
}

/** The first line of a text that is not blank, trimmed (linear: no backtracking over long runs of spaces). */
function firstTextLine(body: string): string | undefined {
  for (let at = 0; at < body.length; ) {
    const end = lineEndAt(body, at);
    const line = body.slice(at, end).trim();
    if (line) return line;
    at = end + 1;
  }
  return undefined;
}

/** The text of the first ATX heading (`# Title ##`), without its closing #s. */
function firstHeading(body: string): string | undefined {
  for (let at = 0; at < body.length; ) {
    const end = lineEndAt(body, at);
    const m = /^#{1,6}[ \t]+/.exec(body.slice(at, Math.min(end, at + 8)));
    if (m) {
      const line = body.slice(at + m[0].length, end);
      // The closing sequence: trailing blanks, #s, blanks, dropped from the end (a loop, not a regex).
      let stop = line.length;
      while (stop > 0 && /[ \t\r#]/.test(line[stop - 1])) stop--;
      const title = line.slice(0, stop).trim();
      if (title) return title;
    }
    at = end + 1;
  }
  return undefined;
}

const PAGE_MARKER = /^<!-- page (\S{1,20}) -->[ \t]*$/gm;

/** `<!-- page N -->` lines of a Markdown source: where each page starts, and its label. */
function pageMarkers(text: string, from: number): { starts: number[]; labels: string[] } | undefined {
  const starts: number[] = [];
  const labels: string[] = [];
  PAGE_MARKER.lastIndex = from;
  for (let m = PAGE_MARKER.exec(text); m; m = PAGE_MARKER.exec(text)) {
    starts.push(m.index);
    labels.push(m[1]);
  }
  if (starts.length === 0) return undefined;
  starts[0] = 0; // text before the first marker belongs to its page
  return { starts, labels };
}

/** Builds a source entry from what an extractor read out of a web page or PDF. */
export function sourceFromDocument(path: string, doc: ExtractedDocument): SourceEntry {
  const kind = sourceKindOf(path);
  const pageStarts = doc.pageStarts;
  return entryWithText<SourceEntry>(
    {
      key: sourceName(path),
      path,
      kind,
      title: doc.title?.trim() || sourceName(path),
      url: doc.url,
      publisher: doc.publisher,
      author: doc.author,
      published: doc.published,
      lang: languageCode(doc.lang),
      bodyOffset: 0,
      pageStarts,
      pageLabels: doc.pageLabels,
    },
    doc.text,
    (entry) => {
      const passages = splitPassages(entry.text, 0, sourceLanguage(entry));
      if (pageStarts) for (const p of passages) p.page = pageAt(entry, p.start);
      return passages;
    },
  );
}

/**
 * Sources whose text stays a string when the host packs texts (about 6 MB of text at news size):
 * more than a brief cites, and than a completion list shows, so typing unpacks nothing.
 */
const HOT_SOURCES = 512;

/** Files listed between two yields of the thread (see `load`). */
const YIELD_EVERY = 200;

/** Bytes of a text source read to list it by its key (the head of its front matter). */
const HEAD_BYTES = 1024;

/**
 * A text source's key from the head of the file (`size` bytes in all): its front matter's \`id\`,
 * else its name; an error when the head alone shows it cannot be used; undefined when the front
 * matter does not end within the head (the file is then read whole). The same key \`readSource\`
 * gives the whole text.
 */
export function keyFromHead(path: string, bytes: Uint8Array, size: number): string | { error: string } | undefined {
  const whole = bytes.length >= size;
  let text: string;
  /** `text` is the head up to the end of its front matter, and the head holds more. */
  let bodyInHead = false;
  if (whole) {
    const decoded = decodeSource(bytes);
    if ("error" in decoded) return decoded;
    text = decoded.text;
  } else {
    if (bytes.indexOf(0) !== -1) return { error: "is a binary file (it holds NUL bytes), not text" };
    // No front matter (`---` first, after a byte order mark): the key is the name, and the text is
    // checked for UTF-8 when the source is read.
    const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    if (bytes[bom] !== 0x2d || bytes[bom + 1] !== 0x2d || bytes[bom + 2] !== 0x2d) return sourceName(path);
    // A character cut at the head's end is no error: it is left for the rest of the file.
    const end = wholeCharacters(bytes);
    // Only the front matter is decoded when the head holds its closing fence and more: the rest of
    // the head is checked for UTF-8 in place (most of a news article's head is its first paragraph).
    const cut = frontMatterEnd(bytes, bom, end);
    if (cut >= 0 && !validUtf8(bytes, cut, end)) return { error: "is not valid UTF-8 text; save it as UTF-8" };
    try {
      text = HEAD_DECODER.decode(bytes.subarray(0, cut >= 0 ? cut : end)).replace(/^\uFEFF/, "");
    } catch {
      return { error: "is not valid UTF-8 text; save it as UTF-8" };
    }
    bodyInHead = cut >= 0;
  }
  const name = sourceName(path);
  if (!text.startsWith("---")) return name;
  const block = frontMatterBlock(text);
  // The closing fence and its line break must lie inside the head (else the rest may change them).
  if (!whole && (!block || (block.bodyOffset >= text.length && !bodyInHead))) return undefined;
  if (!block) return name;
  const yaml = text.slice(block.yamlStart, block.yamlEnd);
  // Most sources (all that Add Source writes) name no `id`: their YAML need not be read.
  if (cannotHoldId(yaml)) return name;
  const flat = flatFrontMatterId(yaml);
  if (flat !== null) return flat ?? name;
  return frontMatterString(frontMatterData(yaml).id) ?? name;
}

/**
 * Where the line after a front matter's closing fence starts, in a head's bytes (`end`: where its
 * whole characters end), when the fence's line and its line break lie wholly before `end` with
 * at least one byte after; else -1. Lines and fences as frontMatterBlock reads them (LF, CR or
 * CRLF; `---` or `...` then spaces or tabs), byte for byte: these are ASCII in UTF-8.
 */
function frontMatterEnd(bytes: Uint8Array, bom: number, end: number): number {
  let i = bom;
  for (let line = 0; i < end; line++) {
    let e = i;
    while (e < end && bytes[e] !== 10 && bytes[e] !== 13) e++;
    if (e >= end) return -1;
    let next = e + 1;
    if (bytes[e] === 13) {
      if (next >= end) return -1; // CR or CRLF: the next byte decides
      if (bytes[next] === 10) next++;
    }
    const c = bytes[i];
    let fence = e - i >= 3 && (c === 0x2d || c === 0x2e) && bytes[i + 1] === c && bytes[i + 2] === c;
    for (let k = i + 3; fence && k < e; k++) fence = bytes[k] === 0x20 || bytes[k] === 0x09;
    if (line === 0) {
      if (!fence || c !== 0x2d) return -1;
    } else if (fence) {
      return next < end ? next : -1;
    }
    i = next;
  }
  return -1;
}

/** One decoder for every head (making one per file costs several times the decoding); never in stream mode, so no call leaves state for the next. */
const HEAD_DECODER = new TextDecoder("utf-8", { fatal: true });

/** How many bytes of a head hold whole UTF-8 characters: a sequence cut at its end is left out. */
function wholeCharacters(bytes: Uint8Array): number {
  let i = bytes.length;
  // Back over at most three continuation bytes to the lead byte of the last character.
  let back = 0;
  while (back < 3 && i - back - 1 >= 0 && (bytes[i - back - 1] & 0xc0) === 0x80) back++;
  const lead = i - back - 1;
  if (lead < 0) return i;
  const b = bytes[lead];
  const need = b < 0x80 ? 1 : (b & 0xe0) === 0xc0 ? 2 : (b & 0xf0) === 0xe0 ? 3 : (b & 0xf8) === 0xf0 ? 4 : 1;
  return back + 1 < need ? lead : i;
}

/**
 * The library of sources: every source file under the configured folders, listed by key, read
 * and indexed when first needed (or all at once), and updated one file at a time.
 */
export class SourceLibrary {
  private readonly byPath = new Map<string, SourceEntry>();
  /** Files listed by their key, their text not read yet (path → key). */
  private readonly listed = new Map<string, string>();
  /** Listed files by name (a key no file claims may be the name of one that cannot be read). */
  private listedNames: Map<string, string[]> | undefined;
  /** Bumped by each load: a `readAll` of an older listing stops. */
  private generation = 0;
  private _version = 0;
  /** Extractions made since the host last saved them to the extraction cache. */
  private readonly unsaved = new Map<string, ExtractedDocument>();
  private readonly claimants = new Map<string, string[]>();
  /** `keys()`, sorted, until the keys change. */
  private sortedKeys: string[] | undefined;
  private readonly fileProblems = new Map<string, string>();
  /** The key each unreadable file would have had (its name), built when first asked. */
  private unreadableKeys: Map<string, string> | undefined;
  /** Figures of a file's passages by its path, with the language they were read in (a bibliography entry may give its file another). */
  private readonly figureCache = new Map<string, { lang: string; figures: Figure[][] }>();
  private readonly lineCache = new Map<string, LineIndex>();
  private readonly passageIndex = new PassageIndex();
  private readonly pending = new Set<string>();
  /** Persisting: each file's size and time when read (its passages' term counts are the index's). */
  private readonly stats = new Map<string, { size: number; mtime: number }>();
  private roots: string[] = [];

  /**
   * Sources whose text is a string now, oldest first (with a host's packer only: see
   * sourceText.ts). Past HOT_SOURCES the oldest is packed; reading it unpacks it again.
   */
  private readonly hot = new Set<SourceEntry>();
  private readonly warmed = (e: object): void => {
    const entry = e as SourceEntry;
    this.hot.delete(entry);
    this.hot.add(entry);
    while (this.hot.size > HOT_SOURCES) {
      const oldest = this.hot.values().next().value as SourceEntry;
      this.pack(oldest);
    }
  };

  /** Packs a source's text (see sourceText.ts); what the library cut from it goes too (it would keep the text alive). */
  private pack(entry: SourceEntry): void {
    this.hot.delete(entry);
    if (!packText(entry)) return;
    this.figureCache.delete(entry.path);
    this.lineCache.delete(entry.path);
  }

  constructor(private readonly fs: FileSystem, private options: LibraryOptions) {}

  /** Sources known: read, or listed by their key and not read yet. */
  get size(): number {
    return this.byPath.size + this.listed.size;
  }

  /** Changes whenever a source is added, replaced or removed (what a search over the library depends on). */
  get version(): number {
    return this._version;
  }

  /**
   * Changes whenever an answer of `search` may: a source read, changed or forgotten, or one more
   * indexed (the index's document frequencies move with it).
   */
  /** A batch check (the CLI's): each brief is checked once, so nothing is worth remembering across checks. */
  get batch(): boolean {
    return this.options.lazyIndex === true;
  }

  get searchGeneration(): string {
    return `${this._version}:${this.passageIndex.generation}`;
  }

  /** Sources listed by their key whose text is not read yet. */
  get unread(): number {
    return this.listed.size;
  }

  get folders(): readonly string[] {
    return this.roots;
  }

  /** Replaces the library with the files under `roots`. */
  async load(roots: readonly string[], options?: LibraryOptions, token?: { isCancellationRequested: boolean }, snapshot?: unknown): Promise<void> {
    if (options) this.options = options;
    this.roots = roots.map((r) => joinPath(r));
    this.generation++;
    for (const path of [...this.byPath.keys(), ...this.listed.keys()]) this.forget(path);
    this.fileProblems.clear();
    this.unreadableKeys = undefined;
    let files: string[];
    if (this.options.listFiles) files = await this.options.listFiles(this.roots, isSourceFile, token);
    else {
      files = [];
      for (const root of this.roots) await this.walk(root, files);
    }
    // Overlapping folders (`sources` and `sources/archive`) list a file twice: read it once.
    files = [...new Set(files)];
    const restored = this.restorer(snapshot);
    await this.eachFile(files, token, async (file) => {
      if (await restored(file)) return;
      if (this.options.onDemand) await this.list(file);
      else await this.updateFile(file);
    });
  }

  /**
   * Runs `fn` on each file, 16 at a time, until done, cancelled or loaded again. A host whose
   * reads return at once (synchronous calls) is given the thread back every 200 files (`yielding`).
   */
  private async eachFile(files: readonly string[], token: { isCancellationRequested: boolean } | undefined, fn: (file: string) => Promise<void>): Promise<void> {
    const generation = this.generation;
    let next = 0;
    let sinceYield = 0;
    const going = () => next < files.length && !token?.isCancellationRequested && generation === this.generation;
    const worker = async () => {
      while (going()) {
        if (this.options.yielding && ++sinceYield >= YIELD_EVERY) {
          sinceYield = 0;
          await new Promise((resolve) => setTimeout(resolve, 0));
          if (!going()) break; // the other workers took the rest meanwhile
        }
        await fn(files[next++]);
      }
    };
    await Promise.all(Array.from({ length: Math.min(16, files.length) }, worker));
  }

  /** Restores a file from a saved index when it is unchanged since (true when it did). */
  private restorer(snapshot: unknown): (file: string) => Promise<boolean> {
    const saved = snapshotFiles(snapshot);
    if (!saved) return async () => false;
    const dict = (snapshot as LibrarySnapshot).dict;
    return async (file) => {
      const item = saved.get(file);
      return item !== undefined && (await this.unchanged(file, item)) && this.restore(item, dict);
    };
  }

  /**
   * Lists one file by its key without reading its text: a web page or PDF by its name, a text
   * source by the `id` in the head of its front matter (its first 1 KB), else its name. What can
   * be told from the size or the head alone (too large, binary, not UTF-8) is a problem at once;
   * a front matter longer than the head is read whole.
   */
  private async list(p: string): Promise<void> {
    const info = sourceKindInfo(p);
    try {
      if (info?.extractor) {
        const stat = await this.fs.stat(p);
        if (!stat) return;
        const refused = this.documentRefusal(info.extractor, stat.size);
        if (refused) this.fail(p, refused);
        else this.addListing(p, sourceName(p));
        return;
      }
      if (!this.fs.readFileHead) return await this.updateFile(p);
      const head = await this.fs.readFileHead(p, HEAD_BYTES);
      if (head.size > this.options.maxSourceBytes) {
        this.fail(p, `source is ${head.size} bytes, larger than the limit of ${this.options.maxSourceBytes} bytes (maxSourceBytes); it is not indexed`);
        return;
      }
      const key = keyFromHead(p, head.bytes, head.size);
      if (key === undefined) await this.updateFile(p);
      else if (typeof key === "object") this.fail(p, `source ${key.error}; it is not indexed`);
      else this.addListing(p, key);
    } catch (e) {
      if ((e as { code?: string }).code === "ENOENT") return;
      this.fail(p, `source cannot be read (${(e as Error).message.split("\n")[0]}); it is not indexed`);
    }
  }

  private addListing(path: string, key: string): void {
    this.forget(path);
    this.listed.set(path, key);
    this.listedNames = undefined;
    this.claim(key, path);
  }

  /**
   * Reads the source each key names, so that \`get\` answers for it: the winning claimant (and the
   * next, when it cannot be read); for a key no file claims, a listed file of that name (it may be
   * unreadable, and citing it should say why).
   */
  async ensureKeys(keys: Iterable<string>): Promise<void> {
    for (const key of keys) {
      if (!this.listed.size) return;
      for (;;) {
        const winner = this.claimants.get(key)?.[0];
        if (winner === undefined) {
          if (!this.listedNames) {
            this.listedNames = new Map();
            for (const path of this.listed.keys()) {
              const name = sourceName(path);
              const list = this.listedNames.get(name);
              if (list) list.push(path);
              else this.listedNames.set(name, [path]);
            }
          }
          for (const path of this.listedNames.get(key) ?? []) if (this.listed.has(path)) await this.updateFile(path);
          break;
        }
        if (!this.listed.has(winner)) break;
        await this.updateFile(winner);
      }
    }
  }

  /** Writes the extractions made since the last call to the extraction cache (the host calls it, never a check). */
  async saveExtractions(): Promise<void> {
    const cache = this.options.cache;
    if (!cache || this.unsaved.size === 0) return;
    const batch = [...this.unsaved];
    this.unsaved.clear();
    await Promise.all(batch.map(([hash, doc]) => cache.set(hash, doc).catch(() => undefined)));
  }

  /** Reads one file if it is listed and not read yet. */
  async read(path: string): Promise<SourceEntry | undefined> {
    const p = joinPath(path);
    if (this.listed.has(p)) await this.updateFile(p);
    return this.byPath.get(p);
  }

  /**
   * Reads every listed file (the editor, in the background once its first diagnostics are out;
   * the CLI when it reports the library's own problems). Stops when the library is loaded again.
   */
  async readAll(token?: { isCancellationRequested: boolean }, snapshot?: unknown): Promise<void> {
    // A saved index (the editor's last session): files unchanged since are restored, not read.
    const restored = this.restorer(snapshot);
    const generation = this.generation;
    await this.eachFile([...this.listed.keys()], token, async (p) => {
      // Read meanwhile (by a check), or the library loaded again: nothing to do.
      if (!this.listed.has(p) || generation !== this.generation) return;
      if (!(await restored(p)) && this.listed.has(p)) await this.updateFile(p);
      this.settle(p);
    });
  }

  /**
   * With a host's packer: a source read in the background (no check asked for it) is indexed
   * and its text packed at once, so the text dies young: kept until 512 others were read, it
   * would outlive collections and leave the heap's pages full of holes once packed (news
   * library: heap 70 MB used of 165 MB held).
   */
  private settle(path: string): void {
    if (!canPackText()) return;
    const e = this.byPath.get(path);
    if (!e || !this.hot.has(e)) return;
    if (this.pending.delete(path)) this.passageIndex.setDocument(path, e.passages, sourceLanguage(e));
    this.pack(e);
  }

  /** A file is as the snapshot saw it: same size and time, and still allowed by the gate. */
  private async unchanged(path: string, item: { size: number; mtime: number }): Promise<boolean> {
    try {
      const stat = await this.fs.stat(path);
      if (!stat || stat.type !== "file" || stat.size !== item.size || stat.mtime !== item.mtime) return false;
      return this.options.allowed ? await this.options.allowed(path) : true;
    } catch {
      return false;
    }
  }

  private async walk(dir: string, out: string[]): Promise<void> {
    let entries: Array<[string, FileKind]>;
    try {
      entries = await this.fs.readDirectory(dir);
    } catch {
      return; // a missing folder simply holds no sources
    }
    entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    for (const [name, type] of entries) {
      if (name.startsWith(".") || name === "node_modules") continue;
      const path = joinPath(dir, name);
      if (type === "directory") await this.walk(path, out);
      else if (isSourceFile(name)) out.push(path);
    }
  }

  /** True when the path is a source file under one of the library's folders. */
  covers(path: string): boolean {
    const p = joinPath(path);
    return isSourceFile(p) && this.roots.some((r) => p.startsWith(r + "/"));
  }

  /** Reads (or re-reads) one file; a file that cannot be used becomes a problem on that file. */
  async updateFile(path: string): Promise<void> {
    const p = joinPath(path);
    // A text source's old entry stays until its new text is read: a look-up meanwhile (a check,
    // Add Source's "same page" test) sees the source, never a gap.
    const replace = () => {
      this.forget(p);
      if (this.fileProblems.delete(p)) this.unreadableKeys = undefined;
    };
    try {
      const stat = await this.fs.stat(p);
      if (!stat) return replace();
      const extractor = sourceKindInfo(p)?.extractor;
      if (extractor) {
        replace();
        await this.updateDocument(p, extractor, stat.size);
        if (this.options.persist && this.byPath.has(p)) this.stats.set(p, { size: stat.size, mtime: stat.mtime });
        return;
      }
      if (stat.size > this.options.maxSourceBytes) {
        replace();
        this.fail(p, `source is ${stat.size} bytes, larger than the limit of ${this.options.maxSourceBytes} bytes (maxSourceBytes); it is not indexed`);
        return;
      }
      const decoded = decodeSource(await this.fs.readFile(p));
      replace();
      if ("error" in decoded) {
        this.fail(p, `source ${decoded.error}; it is not indexed`);
        return;
      }
      this.add(readSource(p, decoded.text));
      if (this.options.persist) this.stats.set(p, { size: stat.size, mtime: stat.mtime });
    } catch (e) {
      replace();
      this.fail(p, `source cannot be read (${(e as Error).message.split("\n")[0]}); it is not indexed`);
    }
  }

  /** A web page or PDF: extracted (or taken from the cache by the hash of its bytes). */
  /** Why a web page or PDF of this size cannot be read here, if it cannot. */
  private documentRefusal(kind: ExtractedKind, size: number): string | undefined {
    const what = kindInfo(kind)!.noun;
    if (size > MAX_DOCUMENT_BYTES) return `${what} is ${size} bytes, larger than the limit of ${MAX_DOCUMENT_BYTES} bytes; it is not indexed`;
    if (!this.options.extractors) return `${what} sources cannot be read here (no extractor); it is not indexed`;
    return undefined;
  }

  private async updateDocument(p: string, kind: ExtractedKind, size: number): Promise<void> {
    const what = kindInfo(kind)!.noun;
    const refused = this.documentRefusal(kind, size);
    if (refused) {
      this.fail(p, refused);
      return;
    }
    const extractors = this.options.extractors!;
    const bytes = await this.fs.readFile(p);
    const sha = sha256Hex(bytes);
    const hash = `${kind}-${EXTRACTOR_VERSION}-${sha}`;
    let doc = this.unsaved.get(hash) ?? (await this.options.cache?.get(hash).catch(() => undefined));
    if (!doc) {
      const result = await extractors[kind](bytes, p);
      if ("error" in result) {
        this.fail(p, `${what} ${result.error}; it is not indexed`);
        return;
      }
      doc = result;
      // Kept until the host saves them (`saveExtractions`): a check reads, it does not write.
      if (this.options.cache) this.unsaved.set(hash, doc);
    }
    const entry = sourceFromDocument(p, doc);
    entry.sha256 = sha;
    this.add(entry);
  }

  /** Adds a source from text already in memory (e.g. an open, unsaved editor). */
  setText(path: string, text: string): void {
    const p = joinPath(path);
    this.forget(p);
    if (this.fileProblems.delete(p)) this.unreadableKeys = undefined;
    this.add(readSource(p, text));
  }

  removeFile(path: string): void {
    const p = joinPath(path);
    this.forget(p);
    if (this.fileProblems.delete(p)) this.unreadableKeys = undefined;
  }

  private fail(path: string, message: string): void {
    this.fileProblems.set(path, message);
    this.unreadableKeys = undefined;
  }

  private add(entry: SourceEntry, terms?: PassageTerms[]): void {
    this.forget(entry.path); // two reads of one file racing never leave it claiming its key twice
    this._version++;
    this.byPath.set(entry.path, entry);
    if (canPackText() && onTextWarm(entry, this.warmed)) this.warmed(entry);
    this.claim(entry.key, entry.path);
    if (this.options.lazyIndex && !terms) this.pending.add(entry.path);
    else {
      const lang = terms ? undefined : sourceLanguage(entry);
      this.passageIndex.setDocumentTerms(entry.path, terms ?? entry.passages.map((p) => termCounts(p.text, lang)));
    }
  }

  private claim(key: string, path: string): void {
    this.sortedKeys = undefined;
    const list = this.claimants.get(key);
    if (!list) {
      this.claimants.set(key, [path]); // most keys have one file: nothing to order
      return;
    }
    list.push(path);
    // The shallowest file wins a contested key (an archive copy in a subfolder loses), then path order.
    list.sort((a, b) => a.split("/").length - b.split("/").length || (a < b ? -1 : a > b ? 1 : 0));
    this.claimants.set(key, list);
    this.sortedKeys = undefined;
  }

  /**
   * What a persisted index holds: every indexed file with the size and time it had when read,
   * its entry and its passages' term counts. Restored by `load` for files whose size and time
   * have not changed (`snapshotFormat` changes when the shape or the tokenizer does).
   */
  snapshot(): LibrarySnapshot {
    const files: LibrarySnapshot["files"] = [];
    // Terms are stored once, in a dictionary, and passages name them by number.
    const dict: string[] = [];
    const ids = new Map<string, number>();
    const idOf = (t: string) => {
      let id = ids.get(t);
      if (id === undefined) {
        id = dict.length;
        dict.push(t);
        ids.set(t, id);
      }
      return id;
    };
    for (const e of this.byPath.values()) {
      const stat = this.stats.get(e.path);
      const terms = this.passageIndex.documentTerms(e.path);
      if (!stat || !terms) continue;
      // Its fields, and its text without counting as a read (see peekText).
      const entry: Record<string, unknown> = {};
      for (const k of Object.keys(e)) if (k !== "text" && k !== "passages") entry[k] = (e as unknown as Record<string, unknown>)[k];
      entry.text = peekText(e);
      const passages = e.passages;
      // A passage's text is the entry's text between its offsets: not stored twice.
      files.push({
        path: e.path,
        size: stat.size,
        mtime: stat.mtime,
        entry: entry as unknown as Omit<SourceEntry, "passages">,
        passages: passages.map((p) => (p.page === undefined ? { startLine: p.startLine, endLine: p.endLine, start: p.start, end: p.end } : { startLine: p.startLine, endLine: p.endLine, start: p.start, end: p.end, page: p.page })),
        terms: terms.map((t) => ({ terms: t.terms.map(idOf), tfs: t.tfs, len: t.len })),
      });
    }
    return { format: SNAPSHOT_FORMAT, dict, files };
  }

  /** Restores one file's entry from a snapshot, if it is well formed. */
  private restore(item: LibrarySnapshot["files"][number], dict: readonly string[]): boolean {
    const e = item.entry as SourceEntry | undefined;
    if (!e || typeof e.key !== "string" || typeof e.text !== "string" || !Array.isArray(item.passages) || !Array.isArray(item.terms) || item.terms.length !== item.passages.length) return false;
    const terms: PassageTerms[] = [];
    for (const t of item.terms) {
      if (!Array.isArray(t?.terms) || !Array.isArray(t?.tfs) || t.terms.length !== t.tfs.length || typeof t.len !== "number") return false;
      const words = t.terms.map((id) => dict[id]);
      if (words.some((w) => typeof w !== "string")) return false;
      terms.push({ terms: words, tfs: t.tfs, len: t.len });
    }
    for (const p of item.passages) if (typeof p?.start !== "number" || typeof p.end !== "number" || p.start < 0 || p.end > e.text.length || p.start > p.end) return false;
    const { text, passages: _passages, ...fields } = e;
    const bounds = item.passages; // not the whole saved item: it holds the text too
    const entry = entryWithText<SourceEntry>({ ...fields, path: item.path }, text, () => bounds);
    this.stats.set(item.path, { size: item.size, mtime: item.mtime });
    this.add(entry, terms);
    return true;
  }

  /** The passage index over the whole library (indexing what is still pending). */
  get index(): PassageIndex {
    if (this.pending.size) {
      for (const path of this.pending) {
        const e = this.byPath.get(path);
        if (e) this.passageIndex.setDocument(path, e.passages, sourceLanguage(e));
      }
      this.pending.clear();
    }
    return this.passageIndex;
  }

  private forget(path: string): void {
    const listedKey = this.listed.get(path);
    if (listedKey !== undefined) {
      this.listed.delete(path);
      this.listedNames = undefined;
      this.unclaim(listedKey, path);
    }
    const old = this.byPath.get(path);
    if (!old) return;
    this._version++;
    this.byPath.delete(path);
    this.hot.delete(old);
    onTextWarm(old, undefined); // one still held elsewhere and read again is no longer this library's
    this.figureCache.delete(path);
    this.lineCache.delete(path);
    this.pending.delete(path);
    this.stats.delete(path);
    this.passageIndex.removeDocument(path);
    this.unclaim(old.key, path);
  }

  private unclaim(key: string, path: string): void {
    const list = (this.claimants.get(key) ?? []).filter((p) => p !== path);
    if (list.length) this.claimants.set(key, list);
    else this.claimants.delete(key);
    this.sortedKeys = undefined;
  }

  /**
   * The source a key names (the first claimant in path order when several claim it), once read:
   * undefined for a key whose source is listed and not read yet (\`ensureKeys\` reads it; \`has\`
   * tells whether a file claims the key).
   */
  get(key: string): SourceEntry | undefined {
    const paths = this.claimants.get(key);
    return paths ? this.byPath.get(paths[0]) : undefined;
  }

  /** Whether a file claims the key (read or only listed). */
  has(key: string): boolean {
    return this.claimants.has(key);
  }

  /** The path of the file that wins the key (read or only listed). */
  pathOf(key: string): string | undefined {
    return this.claimants.get(key)?.[0];
  }

  getByPath(path: string): SourceEntry | undefined {
    return this.byPath.get(joinPath(path));
  }

  keys(): readonly string[] {
    // Sorted once per change of the keys: completion asks on every keystroke in a citation.
    return (this.sortedKeys ??= [...this.claimants.keys()].sort());
  }

  entries(): IterableIterator<SourceEntry> {
    return this.byPath.values();
  }

  /** Figures of each passage of a source, computed once per file version. */
  figures(entry: SourceEntry): Figure[][] {
    const lang = sourceLanguage(entry);
    let f = this.figureCache.get(entry.path);
    if (!f || f.lang !== lang) this.figureCache.set(entry.path, (f = { lang, figures: entry.passages.map((p) => extractFigures(p.text, true, lang)) }));
    return f.figures;
  }

  lines(entry: SourceEntry): LineIndex {
    let l = this.lineCache.get(entry.path);
    if (!l) {
      l = new LineIndex(entry.text);
      this.lineCache.set(entry.path, l);
    }
    return l;
  }

  /** A path as messages show it (relative to the workspace root). */
  display(path: string): string {
    return this.options.displayPath ? this.options.displayPath(path) : path;
  }

  /** Why a file could not be indexed, if it could not. */
  problemFor(path: string): string | undefined {
    return this.fileProblems.get(joinPath(path));
  }

  /**
   * A file that would have given `key` (by its name) but could not be read, with why: citing it
   * says why it cannot be checked rather than that no source has the key.
   */
  unreadableFor(key: string): { path: string; reason: string } | undefined {
    if (!this.unreadableKeys) {
      this.unreadableKeys = new Map();
      for (const path of [...this.fileProblems.keys()].sort()) if (!this.unreadableKeys.has(sourceName(path))) this.unreadableKeys.set(sourceName(path), path);
    }
    const path = this.unreadableKeys.get(key);
    return path === undefined ? undefined : { path, reason: this.fileProblems.get(path)! };
  }

  /** The source holding the page or PDF with this SHA-256 (captured, or saved as it is), if any. */
  bySha256(sha256: string): SourceEntry | undefined {
    const want = sha256.toLowerCase();
    for (const e of this.byPath.values()) if (e.sha256 === want) return e;
    return undefined;
  }

  /** Files that could not be indexed, with the reason. */
  unreadable(): Array<{ path: string; reason: string }> {
    return [...this.fileProblems].map(([path, reason]) => ({ path, reason })).sort((x, y) => (x.path < y.path ? -1 : 1));
  }

  /** Keys that two or more read files claim, each with its claimants, the winner first. */
  contestedKeys(): Array<{ key: string; paths: readonly string[] }> {
    const out: Array<{ key: string; paths: readonly string[] }> = [];
    for (const [key, paths] of this.claimants) {
      if (paths.length < 2) continue;
      const read = paths.filter((p) => this.byPath.has(p));
      if (read.length > 1) out.push({ key, paths: read });
    }
    return out;
  }

  /** Ranked passages supporting a text, optionally only in the given source files. */
  search(text: string, options?: { limit?: number; paths?: readonly string[]; lang?: string }): PassageHit[] {
    if (!options?.paths) return this.index.search(text, { limit: options?.limit, lang: options?.lang });
    for (const p of options.paths) {
      if (!this.pending.delete(p)) continue;
      const e = this.byPath.get(p);
      if (e) this.passageIndex.setDocument(p, e.passages, sourceLanguage(e));
    }
    return this.passageIndex.search(text, { limit: options.limit, docIds: options.paths, lang: options.lang });
  }
}
