import type { BriefConfig } from "../config";
import { dirname, isInside, joinPath, relativePath, resolvePath, type FileSystem } from "../fs";
import type { Brief, Sentence } from "../parse/brief";
import { parseFrontMatter } from "../parse/frontMatter";
import { RULES, type ResolvedSource, type RuleContext } from "../rules";
import { ruleDocUrl } from "../rules/rule";
import { BibliographyStore } from "../sources/bibliographyStore";
import type { Extractors } from "../sources/extracted";
import { isSourceFile, sourceKindInfo } from "../sources/kinds";
import { SourceLibrary, decodeSource, type ExtractionCache, type LibraryOptions, type SourceEntry, type SourceProblem } from "../sources/library";
import type { Severity, SeveritySetting } from "../types";
import type { WorkspaceAccess } from "../workspaceAccess";
import type { Logger } from "./logger";
import { closestKeys, type SeverityOf } from "./ruleRunner";

/** A place for one persisted source index (a JSON value). */
export interface IndexStore {
  read(): Promise<unknown>;
  write(snapshot: unknown): Promise<void>;
}

export type Token = { isCancellationRequested: boolean };

export interface SourceStoreOptions {
  batch: boolean;
  readSources: "all" | "background" | "onDemand";
  onLibraryRead?: () => void;
  extractors?: Extractors;
  extractionCache?: ExtractionCache;
  indexStore?: IndexStore;
  saveIndexDelayMs: number;
  folderName?: () => string | undefined;
  keyElsewhere?: (key: string) => string[];
}

/** What a brief's rules know of its sources: the per-brief view over the library (see `SourceStore.view`). */
export type BriefSources = Omit<RuleContext, "brief" | "config">;

/**
 * Every source a brief can cite, and nothing else: the source library (listed at load, read as
 * needed, in the background or all at once), the files briefs' reference lines name, and the
 * bibliographies of the config and of briefs' front matter. `view` gives one brief's view of
 * them; `prepare` reads what that view needs first. Checking reads; it never changes which key
 * names which source.
 */
export class SourceStore {
  readonly library: SourceLibrary;
  /** Files named by briefs' own reference lines, keyed by path (read once, re-read when they change). */
  readonly referenceFiles: SourceLibrary;
  /** Bibliographies named by the config and briefs' front matter, and their entries' texts. */
  readonly bibliographies: BibliographyStore;
  private readonly referenceErrors = new Map<string, string>();
  /** Keys of sources renamed or moved in this session: old key → new key. */
  private readonly renames = new Map<string, string>();
  /** The library loads, one after another (see `reload`). */
  private loads: Promise<void> = Promise.resolve();
  /** The background read of the whole library under way (see `readAll`). */
  private backgroundRead: Promise<void> = Promise.resolve();
  private _missing: readonly string[] = [];
  /**
   * The best source for a claim, by its text, while the library is unchanged: on each keystroke
   * the same uncited sentences are searched for in the whole library again, and the answer is
   * the same until a source changes.
   */
  private readonly bestMemo = new Map<string, { version: number; best: { key: string; coverage: number } | undefined }>();

  constructor(
    private readonly fs: FileSystem,
    private readonly access: WorkspaceAccess,
    private readonly root: string,
    private readonly config: () => BriefConfig,
    private readonly severityOf: SeverityOf,
    private options: SourceStoreOptions,
    private readonly logger: Logger,
  ) {
    const displayPath = (p: string) => relativePath(this.root, p);
    const plain = () => new SourceLibrary(this.fs, { maxSourceBytes: this.config().maxSourceBytes, displayPath, extractors: options.extractors, cache: options.extractionCache });
    this.library = new SourceLibrary(this.fs, this.libraryOptions());
    this.referenceFiles = plain();
    this.bibliographies = new BibliographyStore(this.fs, { extractors: options.extractors, maxSourceBytes: this.config().maxSourceBytes, texts: plain() });
  }

  private libraryOptions(): LibraryOptions {
    return {
      maxSourceBytes: this.config().maxSourceBytes,
      displayPath: (p) => relativePath(this.root, p),
      lazyIndex: this.options.batch,
      onDemand: this.options.readSources !== "all",
      yielding: this.options.readSources === "background",
      listFiles: (roots, accept, token) => this.access.walk(roots, accept, token, true),
      extractors: this.options.extractors,
      cache: this.options.extractionCache,
      persist: this.options.indexStore !== undefined,
      allowed: (path) => this.access.check(path, "file").then(
        () => true,
        () => false,
      ),
    };
  }

  // -- The library's lifecycle ---------------------------------------------------------------

  /** When the next loads read the sources' text (see `BriefServiceOptions.readSources`). */
  setReadSources(mode: SourceStoreOptions["readSources"]): void {
    this.options.readSources = mode;
  }

  /**
   * Loads the library again. Loads run one after another, and a check waits for the one under
   * way (`idle`): a library being reloaded lacks sources until it is done, and a check in that
   * moment would call them unknown.
   */
  reload(token?: Token): Promise<void> {
    const run = this.loads.then(() => this.load(token));
    this.loads = run.catch(() => undefined);
    return run;
  }

  /** Resolves once no library load is under way (one asked for meanwhile is waited for too). */
  async idle(): Promise<void> {
    let current: Promise<void>;
    do {
      current = this.loads;
      await current;
    } while (current !== this.loads);
  }

  private async load(token?: Token): Promise<void> {
    const start = Date.now();
    const sources = this.config().sources;
    // The editor keeps its index between sessions: files unchanged since are restored, not re-read.
    // Listing by key needs none of it: in the background mode the saved index is read after the
    // first diagnostics, by the background read.
    const background = this.options.readSources === "background";
    const snapshot = this.options.indexStore && !background ? await this.options.indexStore.read().catch(() => undefined) : undefined;
    await this.library.load(sources, this.libraryOptions(), token, snapshot);
    const missing: string[] = [];
    for (const folder of sources) if ((await this.fs.stat(folder).catch(() => undefined))?.type !== "directory") missing.push(folder);
    this._missing = missing;
    const folders = sources.map((s) => relativePath(this.root, s)).join(", ");
    const unread = this.library.unread;
    this.logger.info(`${unread ? "listed" : "indexed"} ${this.library.size} sources from ${folders} in ${Date.now() - start} ms${snapshot ? " (unchanged files restored from the saved index)" : ""}`);
    if (this.options.readSources === "background") {
      // The rest is read once the first checks are out (each reads what it cites first).
      const read = async () => {
        await new Promise((resolve) => setTimeout(resolve, 0));
        const begun = Date.now();
        const saved = this.options.indexStore ? await this.options.indexStore.read().catch(() => undefined) : undefined;
        await this.library.readAll(token, saved);
        if (token?.isCancellationRequested) return;
        if (unread) this.logger.info(`indexed ${this.library.size} sources from ${folders} in the background in ${Date.now() - begun} ms${saved ? " (unchanged files restored from the saved index)" : ""}`);
        if (this.options.indexStore) await this.saveIndex();
        await this.saveExtractions();
        this.options.onLibraryRead?.();
      };
      this.backgroundRead = read().catch((e) => this.logger.error(`the source library could not be read: ${(e as Error)?.message ?? e}`));
      return;
    }
    // A load that read every source remembers what it extracted (a load is no check: it may write).
    await this.saveExtractions();
    if (this.options.indexStore && !token?.isCancellationRequested) {
      // The editor saves once its first checks are out (the save serialises the whole index).
      if (this.options.saveIndexDelayMs > 0) setTimeout(() => void this.saveIndex(), this.options.saveIndexDelayMs).unref?.();
      else await this.saveIndex();
    }
  }

  /**
   * Reads every source of the library (after the load under way): for what needs all of them,
   * such as the library's own problems, Add Source's duplicate check and ranking every source.
   */
  async readAll(token?: Token): Promise<void> {
    await this.idle();
    await this.backgroundRead;
    await this.library.readAll(token);
  }

  /** Writes the web pages and PDFs extracted since the last call to the extraction cache; never throws. */
  async saveExtractions(): Promise<void> {
    await Promise.all([this.library, this.referenceFiles, this.bibliographies.texts].map((l) => l.saveExtractions()));
  }

  /** Saves the library's index for the next session (the editor's storage); never throws. */
  async saveIndex(): Promise<void> {
    await this.options.indexStore?.write(this.library.snapshot()).catch((e) => this.logger.warn(`the source index could not be saved (${(e as Error)?.message ?? e})`));
  }

  /** Configured source folders that do not exist (or are not folders), as of the last load. */
  get missingSourceFolders(): readonly string[] {
    return this._missing;
  }

  // -- Problems with the sources themselves -------------------------------------------------

  /** Source-library problems (duplicate keys, unreadable files) and bibliographies' problems, honouring rule settings. */
  libraryProblems(): SourceProblem[] {
    const out: SourceProblem[] = [];
    for (const rule of RULES) {
      if (!rule.checkLibrary) continue;
      const severity = this.severityOf(rule.name, rule.defaultSeverity);
      if (severity === "off") continue;
      rule.checkLibrary(this.library, (r) =>
        out.push({
          rule: rule.name,
          severity,
          message: r.message,
          uri: r.path,
          range: r.range,
          docUrl: ruleDocUrl(rule.name),
          related: r.related?.map((x) => ({ uri: x.path, range: x.range, message: x.message })),
        }),
      );
    }
    // A bibliography's problems are source-unreadable's, at that rule's severity (a warning unless configured).
    const unreadable = this.unreadableSeverity();
    if (unreadable !== "off") for (const p of this.bibliographies.problems()) out.push(bibliographyProblem(unreadable, p));
    return out.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
  }

  /**
   * The problems of the bibliography files a brief uses (config and front matter), as
   * `source-unreadable` problems on those files: the CLI reports them with each brief that reads
   * them, so none is lost and a cached brief reports the same.
   */
  async bibliographyProblemsFor(path: string, text: string): Promise<SourceProblem[]> {
    const severity = this.unreadableSeverity();
    if (severity === "off") return [];
    const paths = this.bibliographyPaths(path, parseFrontMatter(text).data.bibliography);
    if (!paths.length) return [];
    return (await this.bibliographies.fileProblems(paths)).map((p) => bibliographyProblem(severity, p));
  }

  private unreadableSeverity(): SeveritySetting {
    return this.severityOf("source-unreadable", RULES.find((r) => r.name === "source-unreadable")!.defaultSeverity);
  }

  // -- One brief's sources --------------------------------------------------------------------

  /**
   * The bibliography files that apply to a brief: the config's `bibliography`, then the brief's
   * own front matter `bibliography` (one path or a list, relative to the brief), as Pandoc reads it.
   */
  bibliographiesFor(path: string, brief: Brief): string[] {
    return this.bibliographyPaths(path, brief.frontMatter.data.bibliography);
  }

  private bibliographyPaths(path: string, own: unknown): string[] {
    const list = typeof own === "string" ? [own] : Array.isArray(own) ? own.filter((x): x is string => typeof x === "string") : [];
    const dir = dirname(joinPath(path));
    return [...new Set([...this.config().bibliography, ...list.map((b) => resolvePath(dir, b))])];
  }

  /** Reads what a brief's checks and look-ups read: its reference lines' files, its cited sources, its bibliographies. */
  async prepare(path: string, brief: Brief): Promise<void> {
    await this.resolveReferences(path, brief);
    await this.ensureCited(brief);
    const paths = this.bibliographiesFor(path, brief);
    if (paths.length === 0) return;
    const cited = new Set<string>();
    for (const c of brief.citations) for (const item of c.items) if (!this.library.has(item.key)) cited.add(item.key);
    await this.bibliographies.prepare(paths, cited);
  }

  /**
   * Reads the library sources a brief cites, after the load under way (a reload since the brief
   * was prepared lists the sources anew: what it cites is read again). Cheap when all are read.
   */
  async ensureCited(brief: Brief): Promise<void> {
    await this.idle();
    await this.library.ensureKeys(citedLibraryKeys(brief));
  }

  /** Loads the files a brief's reference lines name (once; re-read when the watcher says they changed). */
  private async resolveReferences(path: string, brief: Brief): Promise<void> {
    const dir = dirname(joinPath(path));
    for (const ref of brief.references) {
      const target = resolvePath(dir, ref.path);
      if (this.referenceFiles.getByPath(target) || this.referenceErrors.has(target)) continue;
      if (!isInside(this.root, target)) {
        this.referenceErrors.set(target, `"${ref.path}" is outside the workspace; reference lines may only name files inside it`);
        continue;
      }
      try {
        const stat = await this.fs.stat(target);
        if (!stat || stat.type !== "file") {
          this.referenceErrors.set(target, `no file at "${ref.path}" (relative to the brief's folder)`);
          continue;
        }
        if (sourceKindInfo(target)?.extractor) {
          await this.referenceFiles.updateFile(target);
          const why = this.referenceFiles.problemFor(target);
          if (why) this.referenceErrors.set(target, `"${ref.path}": ${why}`);
          continue;
        }
        const max = this.config().maxSourceBytes;
        if (stat.size > max) {
          this.referenceErrors.set(target, `"${ref.path}" is larger than the ${max}-byte limit`);
          continue;
        }
        const decoded = decodeSource(await this.fs.readFile(target));
        if ("error" in decoded) this.referenceErrors.set(target, `"${ref.path}" ${decoded.error}`);
        else this.referenceFiles.setText(target, decoded.text);
      } catch (e) {
        this.referenceErrors.set(target, `"${ref.path}" cannot be read (${(e as Error).message.split("\n")[0]})`);
      }
    }
  }

  /** One brief's view of its sources: what its rules and look-ups resolve keys with (read-only). */
  view(path: string, brief: Brief): BriefSources {
    const dir = dirname(joinPath(path));
    const refs = new Map(brief.references.map((r) => [r.key, resolvePath(dir, r.path)]));
    const suggestions = new Map<string, string[]>();
    const bibPaths = this.bibliographiesFor(path, brief);
    const library = this.library;
    const resolve = (key: string): ResolvedSource | undefined => {
      const target = refs.get(key);
      if (target) {
        const entry = this.referenceFiles.getByPath(target);
        return entry ? { key, entry, library: this.referenceFiles } : undefined;
      }
      const entry = library.get(key);
      if (entry) return { key, entry, library };
      const cited = bibPaths.length ? this.bibliographies.lookup(key, bibPaths) : undefined;
      return cited ? { key, entry: cited.entry, library: cited.library } : undefined;
    };
    return {
      library,
      sourceFolders: this.config().sources.map((s) => relativePath(this.root, s)),
      missingSourceFolders: this._missing.map((s) => relativePath(this.root, s)),
      resolve,
      referenceError: (key) => {
        const target = refs.get(key);
        return target ? this.referenceErrors.get(target) : undefined;
      },
      bibliographyKeys: () => (bibPaths.length ? this.bibliographies.keys(bibPaths) : []),
      bibliographyEntry: (key) => (bibPaths.length ? this.bibliographies.lookup(key, bibPaths)?.entry : undefined),
      closestKeys: (key, limit = 3) => {
        // An unknown key cited again and again is compared with the library once.
        const memoKey = `${limit}\u0000${key}`;
        let hit = suggestions.get(memoKey);
        if (!hit) suggestions.set(memoKey, (hit = closestKeys(key, library.keys(), limit)));
        return hit;
      },
      bestSourceFor: (text) => {
        // The whole library's index: in the editor, what is read so far (all of it once the
        // background read is done, which re-checks); never in batch mode.
        if (this.options.batch) return undefined;
        const memo = this.bestMemo.get(text);
        if (memo && memo.version === library.version) return memo.best;
        const hit = library.index.bestPerDocument(text, { limit: 1 })[0];
        const entry = hit && library.getByPath(hit.docId);
        const best = entry && hit.coverage > 0 ? { key: entry.key, coverage: hit.coverage } : undefined;
        if (this.bestMemo.size >= BEST_MEMO_SIZE) this.bestMemo.clear();
        this.bestMemo.set(text, { version: library.version, best });
        return best;
      },
      citedSources: (sentence: Sentence) => {
        const out: ResolvedSource[] = [];
        const seen = new Set<string>();
        for (const c of sentence.citations) {
          for (const item of c.items) {
            const r = resolve(item.key);
            // An entry with no text has nothing to check against (no-source-text says so).
            if (r && !r.entry.noText && !seen.has(r.entry.path)) {
              seen.add(r.entry.path);
              out.push(r);
            }
          }
        }
        return out;
      },
      folderName: this.options.folderName?.(),
      unreadableEntry: (key) => (bibPaths.length ? this.bibliographies.unreadableEntry(key, bibPaths) : undefined),
      keyElsewhere: this.options.keyElsewhere,
      renamedKey: (key) => {
        // Follow a chain of renames (a → b → c), never round a cycle.
        let k = this.renames.get(key);
        for (let i = 0; k !== undefined && i < 16 && !library.has(k); i++) k = this.renames.get(k);
        return k !== undefined && library.has(k) ? k : undefined;
      },
    };
  }

  /** Notes that a source's key changed because its file was renamed or moved (the editor's rename events). */
  noteRenamedKey(oldKey: string, newKey: string): void {
    if (oldKey === newKey) return;
    this.renames.set(oldKey, newKey);
    this.renames.delete(newKey);
  }

  /** The source entry read from a file, if its text is read already: library, reference-line or bibliography text. */
  entryIfRead(path: string): SourceEntry | undefined {
    return this.library.getByPath(path) ?? this.referenceFiles.getByPath(path) ?? this.bibliographies.texts.getByPath(path);
  }

  /** The source entry read from a file: library (read now if it was only listed), reference-line or bibliography text. */
  async entryAt(path: string): Promise<SourceEntry | undefined> {
    await this.idle();
    return (await this.library.read(path)) ?? this.referenceFiles.getByPath(path) ?? this.bibliographies.texts.getByPath(path);
  }

  // -- Changes on disk ------------------------------------------------------------------------

  /**
   * A file created, changed or deleted on disk (not the config nor a `.markdownlint.*` file).
   * `forgotten`: the caller forgot a `.markdownlint.*` file under a deleted folder.
   */
  async fileChanged(p: string, deleted: boolean, forgotten: "markdownlint" | undefined): Promise<"markdownlint" | "source" | "reference" | "none"> {
    const sources = this.config().sources;
    if (deleted) {
      // A deleted folder is one event, for the folder alone: what was read under it is forgotten
      // (bibliographies, reference-line files), so no stale problem stays.
      let what: "markdownlint" | "reference" | undefined = forgotten;
      if (this.bibliographies.forgetUnder(p)) what ??= "reference";
      for (const e of [...this.referenceFiles.entries()]) {
        if (!isInside(p, e.path)) continue;
        this.referenceFiles.removeFile(e.path);
        what ??= "reference";
      }
      for (const target of [...this.referenceErrors.keys()]) {
        if (!isInside(p, target)) continue;
        this.referenceErrors.delete(target);
        what ??= "reference";
      }
      if (what && !this.library.covers(p) && !sources.some((r) => isInside(p, r) || isInside(r, p))) return what;
    }
    if (!isSourceFile(p) && sources.some((r) => isInside(p, r) || isInside(r, p))) {
      // A source folder, a folder above one or a folder inside one came or went: rescan.
      await this.reload();
      return "source";
    }
    let what: "source" | "reference" | undefined;
    if (this.library.covers(p)) {
      // A deletion heard late (its folder was renamed away and back meanwhile) is no deletion:
      // the file is read again rather than forgotten.
      if (deleted && !(await this.fs.stat(p).catch(() => undefined))) this.library.removeFile(p);
      else await this.library.updateFile(p);
      what = "source";
    }
    // The same file may also be a bibliography entry's `file` or a reference line's target: each
    // part that holds it forgets it (a reference line to a library file kept its old text).
    if (this.bibliographies.forget(p)) what ??= "reference";
    if (this.referenceFiles.getByPath(p) || this.referenceErrors.has(p)) {
      this.referenceFiles.removeFile(p);
      this.referenceErrors.delete(p);
      what ??= "reference";
    }
    return what ?? "none";
  }
}

/** Claims whose best source is remembered at most (the map is emptied when full). */
const BEST_MEMO_SIZE = 2000;

function bibliographyProblem(severity: Severity, p: { uri: string; line: number; message: string }): SourceProblem {
  return { rule: "source-unreadable", severity, message: p.message, uri: p.uri, range: { start: { line: p.line, character: 0 }, end: { line: p.line, character: 0 } }, docUrl: ruleDocUrl("source-unreadable") };
}

/** The keys a brief cites from the library (not those its reference lines name). */
function citedLibraryKeys(brief: Brief): Set<string> {
  const local = new Set(brief.references.map((r) => r.key));
  const keys = new Set<string>();
  for (const c of brief.citations) for (const item of c.items) if (!local.has(item.key)) keys.add(item.key);
  return keys;
}
