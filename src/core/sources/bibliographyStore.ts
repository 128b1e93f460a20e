import { pushAll } from "../arrays";
import { dirname, isInside, joinPath, resolvePath, type FileSystem } from "../fs";
import type { BibEntry, BibParseResult, Extractors } from "./extracted";
import { bibliographyFormat, firstFilePath, parseCslJson, parseCslYaml } from "./bibliography";
import { decodeSource, SourceLibrary, type SourceEntry } from "./library";

/** A bibliography file as read: its entries by key, and what could not be read (with lines). */
interface BibliographyFile {
  path: string;
  entries: Map<string, BibEntry>;
  problems: Array<{ line: number; message: string; key?: string }>;
  /** Each entry's CSL item as the file gave it (for export). */
  csl?: ReadonlyMap<string, Record<string, unknown>>;
}

/** A problem on a bibliography file (reported like an unreadable source, on the entry's line). */
export interface BibliographyProblem {
  uri: string;
  line: number;
  message: string;
}

/**
 * The bibliographies briefs cite from (CSL-JSON, CSL-YAML, BibTeX), as Pandoc reads them with
 * `bibliography:`. Every entry's key is citable. An entry's text is a source file with its key
 * (the library answers those first), else the file its `file` field names (read into `texts`),
 * else there is none: the entry is described but not checkable (`noText`).
 *
 * Look-ups are synchronous (rules run synchronously): `prepare` loads, before a check, the
 * bibliography files a brief uses and the texts of the entries it cites.
 */
export class BibliographyStore {
  private readonly files = new Map<string, Promise<BibliographyFile>>();
  private readonly loaded = new Map<string, BibliographyFile>();
  private readonly derived = new Map<string, { from: SourceEntry | undefined; reason: string | undefined; entry: SourceEntry }>();
  private _version = 0;

  /** Changes whenever a bibliography or an entry's text is read: its problems may have changed. */
  get version(): number {
    return this._version;
  }
  /** Texts named by entries' `file` fields. */
  readonly texts: SourceLibrary;

  constructor(
    private readonly fs: FileSystem,
    private readonly options: { extractors?: Extractors; maxSourceBytes: number; texts: SourceLibrary },
  ) {
    this.texts = options.texts;
  }

  /** Reads the bibliography files (once each) and the texts of the cited entries that name one. */
  async prepare(paths: readonly string[], citedKeys: Iterable<string>): Promise<void> {
    const files = await Promise.all(paths.map((p) => this.file(p)));
    for (const key of citedKeys) {
      for (const f of files) {
        const e = f.entries.get(key);
        if (!e) continue;
        const file = this.textPath(f, e);
        if (file && !this.texts.getByPath(file) && !this.texts.problemFor(file)) {
          await this.texts.updateFile(file);
          this._version++;
        }
        break;
      }
    }
  }

  /** Forgets a bibliography file or an entry's text file that changed on disk; true if it was one. */
  /** Forgets every bibliography and entry's text under a folder that was deleted; true if any was. */
  forgetUnder(folder: string): boolean {
    const dir = joinPath(folder);
    let hit = false;
    for (const p of [...this.files.keys()]) if (isInside(dir, p) && this.forget(p)) hit = true;
    for (const { path } of this.texts.unreadable()) if (isInside(dir, path) && this.forget(path)) hit = true;
    for (const e of [...this.texts.entries()]) if (isInside(dir, e.path) && this.forget(e.path)) hit = true;
    return hit;
  }

  forget(path: string): boolean {
    const p = joinPath(path);
    let hit = false;
    if (this.files.delete(p)) {
      this.loaded.delete(p);
      hit = true;
    }
    if (this.texts.getByPath(p) || this.texts.problemFor(p)) {
      this.texts.removeFile(p);
      hit = true;
    }
    if (hit) this.derived.clear();
    return hit;
  }

  /** The entry a key names in the first of `paths` that has it (they must have been prepared). */
  lookup(key: string, paths: readonly string[]): { entry: SourceEntry; library: SourceLibrary } | undefined {
    for (const p of paths) {
      const f = this.loaded.get(joinPath(p));
      const e = f?.entries.get(key);
      if (!f || !e) continue;
      return { entry: this.entryFor(f, e), library: this.texts };
    }
    return undefined;
  }

  /**
   * An entry of these bibliographies that has `key` but could not be read (its problem names the
   * key), first file first: citing it says why, never "unknown source".
   */
  unreadableEntry(key: string, paths: readonly string[]): BibliographyProblem | undefined {
    for (const p of paths) {
      const f = this.loaded.get(joinPath(p));
      const bad = f?.problems.find((x) => x.key === key);
      if (f && bad) return { uri: f.path, line: bad.line, message: bad.message };
    }
    return undefined;
  }

  /**
   * The problems of these bibliography files themselves (reading them first, if need be): what the
   * CLI reports for each brief that uses them, whatever it cites (entries' files are the brief's).
   */
  async fileProblems(paths: readonly string[]): Promise<BibliographyProblem[]> {
    const files = await Promise.all(paths.map((p) => this.file(p)));
    return files.flatMap((f) => f.problems.map((x) => ({ uri: f.path, line: x.line, message: x.message })));
  }

  /** The file an entry's `file` field names, resolved (the bibliography must have been prepared). */
  textPathOf(key: string, bibPath: string): string | undefined {
    const f = this.loaded.get(joinPath(bibPath));
    const e = f?.entries.get(key);
    return f && e ? this.textPath(f, e) : undefined;
  }

  /** Every key of these bibliography files (for completion), first file first. */
  keys(paths: readonly string[]): string[] {
    const out = new Set<string>();
    for (const p of paths) for (const k of this.loaded.get(joinPath(p))?.entries.keys() ?? []) out.add(k);
    return [...out];
  }

  /** What could not be read in the loaded bibliography files, and entries whose file is unreadable. */
  problems(): BibliographyProblem[] {
    const out: BibliographyProblem[] = [];
    for (const f of this.loaded.values()) {
      for (const p of f.problems) out.push({ uri: f.path, line: p.line, message: p.message });
      for (const e of f.entries.values()) {
        const file = this.textPath(f, e);
        const why = file && this.texts.problemFor(file);
        if (why) out.push({ uri: f.path, line: e.line, message: `the file of @${e.key} (${e.file}): ${why}` });
      }
    }
    return out;
  }

  private file(path: string): Promise<BibliographyFile> {
    const p = joinPath(path);
    let f = this.files.get(p);
    if (!f) {
      f = this.read(p).then((file) => {
        this.loaded.set(p, file);
        this._version++;
        return file;
      });
      this.files.set(p, f);
    }
    return f;
  }

  private async read(path: string): Promise<BibliographyFile> {
    const file: BibliographyFile = { path, entries: new Map(), problems: [] };
    const format = bibliographyFormat(path);
    if (!format) {
      file.problems.push({ line: 0, message: "is not a bibliography Pandoc reads (.json CSL-JSON, .yaml/.yml CSL-YAML, .bib/.bibtex BibTeX)" });
      return file;
    }
    let text: string;
    try {
      const stat = await this.fs.stat(path);
      if (!stat) {
        file.problems.push({ line: 0, message: "bibliography file does not exist" });
        return file;
      }
      if (stat.size > this.options.maxSourceBytes * 16) {
        file.problems.push({ line: 0, message: `bibliography is ${stat.size} bytes, larger than the limit of ${this.options.maxSourceBytes * 16} bytes` });
        return file;
      }
      const decoded = decodeSource(await this.fs.readFile(path));
      if ("error" in decoded) {
        file.problems.push({ line: 0, message: `bibliography ${decoded.error}` });
        return file;
      }
      text = decoded.text;
    } catch (e) {
      file.problems.push({ line: 0, message: `bibliography cannot be read (${String((e as Error)?.message ?? e).split("\n")[0]})` });
      return file;
    }
    let parsed: BibParseResult;
    if (format === "csl-json") parsed = parseCslJson(text);
    else if (format === "csl-yaml") parsed = parseCslYaml(text);
    else if (this.options.extractors) parsed = await this.options.extractors.bibtex(text);
    else parsed = { entries: [], problems: [{ line: 0, message: "BibTeX cannot be read here (no extractor)" }] };
    for (const e of parsed.entries) {
      if (file.entries.has(e.key)) file.problems.push({ line: e.line, message: `duplicate key "${e.key}"; the first entry wins` });
      else file.entries.set(e.key, e);
    }
    pushAll(file.problems, parsed.problems);
    file.csl = parsed.cslItems;
    return file;
  }

  /** The absolute path of an entry's text file, if its `file` field names one. */
  private textPath(f: BibliographyFile, e: BibEntry): string | undefined {
    const first = e.file ? firstFilePath(e.file) : undefined;
    return first ? resolvePath(dirname(f.path), first) : undefined;
  }

  private entryFor(f: BibliographyFile, e: BibEntry): SourceEntry {
    const file = this.textPath(f, e);
    const text = file ? this.texts.getByPath(file) : undefined;
    // A `file` that was refused or could not be read: the entry says why it has no text.
    const reason = file && !text ? this.texts.problemFor(file) : undefined;
    const id = `${f.path}\u0000${e.key}`;
    const cached = this.derived.get(id);
    if (cached && cached.from === text && cached.reason === reason) return cached.entry;
    const meta = {
      key: e.key,
      title: e.title ?? text?.title ?? e.key,
      author: e.authors.length ? e.authors.join(", ") : text?.author,
      published: e.issued ?? text?.published,
      container: e.container,
      publisher: e.publisher ?? text?.publisher,
      url: e.url ?? (e.doi ? `https://doi.org/${e.doi}` : text?.url),
      lang: e.language ?? text?.lang,
      csl: f.csl?.get(e.key),
    };
    let entry: SourceEntry;
    if (text) {
      // The file's own entry (its passages, pages and figures), described by the bibliography.
      entry = Object.create(text) as SourceEntry;
      Object.assign(entry, meta);
    } else {
      entry = { ...meta, path: f.path, kind: "bibliography", text: "", bodyOffset: 0, passages: [], noText: true, bibliographyLine: e.line, noTextReason: reason ? `its file ${e.file} was not read: ${reason}` : undefined };
    }
    this.derived.set(id, { from: text, reason, entry });
    return entry;
  }
}
