import { pushAll } from "./arrays";
import picomatch from "picomatch";
import { parse as parseYaml } from "yaml";
import { parse as parseJsonc, type ParseError } from "jsonc-parser";
import type { Configuration, LintError } from "markdownlint";
import { markdownlintApi } from "./parse/markdownlintApi";
import { CONFIG_FILE_NAME, DEFAULT_CONFIG, mergeConfig, parseConfigText, type BriefConfig } from "./config";
import { dirname, isInside, joinPath, relativePath, resolvePath, type FileKind, type FileSystem } from "./fs";
import { editDistance } from "./editDistance";
import { readInlineConfig } from "./parse/inlineConfig";
import { templateFromFile, type BriefTemplate } from "./features/templates";
import { parseBrief, type Brief, type Sentence } from "./parse/brief";
import { parseFrontMatter } from "./parse/frontMatter";
import { RULES, RULE_NAMES, type Rule, type RuleContext, type ResolvedSource } from "./rules";
import { ruleDocUrl } from "./rules/rule";
import { SourceLibrary, decodeSource, isSourceFile, readSource, sourceKindOf, type ExtractionCache, type LibraryOptions, type SourceEntry, type SourceProblem } from "./sources/library";
import { BibliographyStore } from "./sources/bibliographyStore";
import type { Extractors } from "./sources/extracted";
import { WorkspaceAccess } from "./workspaceAccess";
import type { Problem, Severity, SeveritySetting, TextEdit } from "./types";
import { LineIndex, withLineEnding } from "./text";

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface BriefServiceOptions {
  fs: FileSystem;
  /** The workspace root (absolute, `/`-separated). */
  root: string;
  /** Settings that apply under the config file (editor settings, CLI flags). */
  settings?: Partial<BriefConfig>;
  /** Settings that override the config file (CLI `--sources`); their source folders are trusted. */
  overrides?: Partial<BriefConfig>;
  /**
   * Folders outside the workspace the user trusts as sources (the editor's user-level
   * `briefAuthor.sources`). `settings.sources` alone never reach outside the workspace: in the
   * editor they may come from the workspace's own `.vscode/settings.json`.
   */
  allowedFolders?: readonly string[];
  /** An explicit config file instead of `<root>/.briefrc.json`. */
  configFile?: string;
  /**
   * Batch mode (the CLI): sources are indexed when first cited, and an uncited claim's message
   * does not search the whole library for the best source to suggest.
   */
  batch?: boolean;
  /**
   * When the library reads its sources' text: "onDemand" reads a source when a check or look-up
   * first needs it (the CLI); "background" lists every source by its key at load, reads the ones
   * each check needs, and reads the rest in the background, then calls `onLibraryRead` (the
   * editor); "all" (the default) reads everything at load.
   */
  readSources?: "all" | "background" | "onDemand";
  /** Called when a background read of the whole library is done (the editor re-publishes). */
  onLibraryRead?: () => void;
  logger?: Logger;
  /** Reads web pages, PDFs and BibTeX (the Node host passes lazily loaded ones). */
  extractors?: Extractors;
  /** Remembers extracted web pages and PDFs by content hash, across runs. */
  extractionCache?: ExtractionCache;
  /** Where the editor keeps its source index between sessions (its storage folder). */
  indexStore?: IndexStore;
  /** Save the index this long after a load (0: before the load resolves). */
  saveIndexDelayMs?: number;
  /** The workspace folder's name, when the editor has several: messages say which folder's sources. */
  folderName?: () => string | undefined;
  /** The other workspace folders whose libraries hold a key (the editor, with several folders). */
  keyElsewhere?: (key: string) => string[];
}

/** A place for one persisted source index (a JSON value). */
export interface IndexStore {
  read(): Promise<unknown>;
  write(snapshot: unknown): Promise<void>;
}

export interface CheckResult {
  brief: Brief;
  problems: Problem[];
  /** Rules that threw on this brief: their results are left out, never half-reported. */
  failures: Array<{ rule: string; message: string }>;
}

export const MARKDOWNLINT_CONFIG_FILES = [".markdownlint.jsonc", ".markdownlint.json", ".markdownlint.yaml", ".markdownlint.yml"];

/** markdownlint settings used when neither the config file nor a `.markdownlint.*` file sets any. */
export const DEFAULT_MARKDOWNLINT: Configuration = {
  // Prose is soft-wrapped by editors; hard line limits only fight writers.
  MD013: false,
  // A brief's front matter title and its level-1 heading are the same title.
  MD025: { front_matter_title: "" },
};

const silentLogger: Logger = { info() {}, warn() {}, error() {} };

/**
 * The engine behind the editor and the CLI: config, the source library and every rule, over an
 * injected file system. Create one per workspace folder.
 */
export class BriefService {
  /** Every read goes through this: contained to the workspace and folders the user allowed. */
  readonly fs: FileSystem;
  readonly access: WorkspaceAccess;
  readonly root: string;
  readonly library: SourceLibrary;
  /** Files named by briefs' own reference lines, keyed by path. */
  readonly localLibrary: SourceLibrary;
  /** Bibliographies named by the config and briefs' front matter, and their entries' texts. */
  readonly bibliographies: BibliographyStore;
  private readonly extractors?: Extractors;
  private readonly extractionCache?: ExtractionCache;
  private readonly indexStore?: IndexStore;
  private readonly saveIndexDelayMs: number;
  private settings: Partial<BriefConfig>;
  private readonly overrides: Partial<BriefConfig>;
  private allowedFolders: readonly string[];
  private readonly logger: Logger;
  private fileConfig: Partial<BriefConfig> = {};
  private _missingSourceFolders: readonly string[] = [];
  private _configProblems: Problem[] = [];
  private _config: BriefConfig;
  private mdConfigCache = new Map<string, { config: Configuration | undefined; problems: Problem[]; file?: string }>();
  /** Bumped when a `.markdownlint.*` file with a problem is read (the editor then publishes it). */
  private mdConfigReads = 0;
  private referenceErrors = new Map<string, string>();
  private briefMatcher: (path: string) => boolean = () => false;
  private readonly configFileOverride?: string;
  private readonly batch: boolean;
  private readonly readSources: "all" | "background" | "onDemand";
  private readonly onLibraryRead?: () => void;
  /** The background read of the whole library under way (see `readLibrary`). */
  private backgroundRead: Promise<void> = Promise.resolve();
  private readonly folderName?: () => string | undefined;
  private readonly keyElsewhere?: (key: string) => string[];
  /** The library loads, one after another (see `reloadLibrary`). */
  private libraryLoads: Promise<void> = Promise.resolve();
  /** Keys of sources renamed or moved in this session: old key → new key. */
  private readonly renames = new Map<string, string>();

  constructor(options: BriefServiceOptions) {
    this.root = joinPath(options.root);
    this.settings = options.settings ?? {};
    this.overrides = options.overrides ?? {};
    this.logger = options.logger ?? silentLogger;
    this.configFileOverride = options.configFile;
    this.allowedFolders = options.allowedFolders ?? [];
    this.batch = options.batch ?? false;
    this.readSources = options.readSources ?? "all";
    this.onLibraryRead = options.onLibraryRead;
    this.folderName = options.folderName;
    this.keyElsewhere = options.keyElsewhere;
    this.extractors = options.extractors;
    this.extractionCache = options.extractionCache;
    this.indexStore = options.indexStore;
    this.saveIndexDelayMs = options.saveIndexDelayMs ?? 0;
    this._config = mergeConfig(this.settings, this.overrides);
    this.access = new WorkspaceAccess(options.fs, { root: this.root, allowed: this.userFolders(), logger: this.logger });
    this.fs = containedFileSystem(this.access);
    const displayPath = (p: string) => relativePath(this.root, p);
    this.library = new SourceLibrary(this.fs, this.libraryOptions());
    this.localLibrary = new SourceLibrary(this.fs, { maxSourceBytes: this._config.maxSourceBytes, displayPath, extractors: this.extractors, cache: this.extractionCache });
    this.bibliographies = new BibliographyStore(this.fs, {
      extractors: this.extractors,
      maxSourceBytes: this._config.maxSourceBytes,
      texts: new SourceLibrary(this.fs, { maxSourceBytes: this._config.maxSourceBytes, displayPath, extractors: this.extractors, cache: this.extractionCache }),
    });
    this.updateMatcher();
  }

  private libraryOptions(): LibraryOptions {
    return {
      maxSourceBytes: this._config.maxSourceBytes,
      displayPath: (p) => relativePath(this.root, p),
      lazyIndex: this.batch,
      onDemand: this.readSources !== "all",
      listFiles: (roots, accept, token) => this.access.walk(roots, accept, token),
      extractors: this.extractors,
      cache: this.extractionCache,
      persist: this.indexStore !== undefined,
      allowed: (path) => this.access.check(path, "file").then(
        () => true,
        () => false,
      ),
    };
  }

  /** The folders outside the workspace this engine may read (named by the user, never by the workspace). */
  get trustedFolders(): readonly string[] {
    return this.userFolders();
  }

  /** Folders outside the workspace the person running the tool named (CLI --sources, user settings): never the workspace's. */
  private userFolders(): string[] {
    return [...(this.overrides.sources ?? []), ...this.allowedFolders].map((s) => resolvePath(this.root, s));
  }

  get config(): BriefConfig {
    return this._config;
  }

  get configFile(): string {
    return this.configFileOverride ? resolvePath(this.root, this.configFileOverride) : joinPath(this.root, CONFIG_FILE_NAME);
  }

  /** Problems in the config file (path `configFile`), with 0-based ranges into it. */
  get configProblems(): readonly Problem[] {
    return this._configProblems;
  }

  /** Reads the config file and (re)loads the library. */
  async initialize(token?: { isCancellationRequested: boolean }): Promise<void> {
    await this.reloadConfig();
    await this.reloadLibrary(token);
  }

  async reloadConfig(): Promise<void> {
    this._configProblems = [];
    this.fileConfig = {};
    const file = this.configFile;
    let text: string | undefined;
    try {
      const stat = await this.fs.stat(file);
      if (stat) text = new TextDecoder().decode(await this.fs.readFile(file));
      else if (this.configFileOverride) this._configProblems.push({ rule: "config", severity: "error", message: `config file ${file} does not exist`, uri: file, range: zeroRange() });
    } catch (e) {
      this._configProblems.push({ rule: "config", severity: "error", message: `config file cannot be read: ${(e as Error).message}`, uri: file, range: zeroRange() });
    }
    if (text !== undefined) {
      const r = parseConfigText(text, [...RULE_NAMES]);
      this.fileConfig = r.config;
      this._configProblems = r.problems.map((p) => ({ ...p, uri: file }));
      if (r.config.sources) {
        // The workspace's own config may not widen what is read beyond the workspace.
        const lines = new LineIndex(text);
        const kept: string[] = [];
        r.config.sources.forEach((entry, i) => {
          const abs = resolvePath(dirname(file), entry);
          if (isInside(this.root, abs)) kept.push(entry);
          else {
            const span = r.sourceSpans?.[i] ?? { offset: 0, length: 0 };
            this._configProblems.push({ rule: "config", severity: "error", uri: file, range: lines.rangeOf(span.offset, span.offset + span.length), message: `source folder "${entry}" at line ${lines.positionAt(span.offset).line + 1} lies outside the workspace and is not read; only the user can add such a folder (the "briefAuthor.sources" user setting or the CLI's --sources)` });
          }
        });
        this.fileConfig.sources = kept;
      }
      for (const p of this._configProblems) this.logger.warn(`${file}:${p.range.start.line + 1}: ${p.message}`);
    }
    const configDir = dirname(file);
    const fromFile = { ...this.fileConfig };
    // Source folders in the config file are relative to the config file; in settings, to the root.
    // Settings may come from the workspace itself (.vscode/settings.json): their source folders
    // count only inside the workspace or inside a folder the user named.
    const trusted = this.userFolders();
    const settingSources = this.settings.sources
      ?.map((s) => resolvePath(this.root, s))
      .filter((s) => {
        if (isInside(this.root, s) || trusted.some((u) => isInside(u, s))) return true;
        this.logger.warn(`source folder "${s}" from the settings lies outside the workspace and is not read; only the user (the user-level "briefAuthor.sources" setting or the CLI's --sources) can add such a folder`);
        return false;
      });
    this._config = mergeConfig(
      { ...this.settings, sources: settingSources, bibliography: asList(this.settings.bibliography)?.map((b) => resolvePath(this.root, b)) },
      { ...fromFile, sources: fromFile.sources?.map((s) => resolvePath(configDir, s)), bibliography: fromFile.bibliography?.map((b) => resolvePath(configDir, b)) },
      { ...this.overrides, sources: this.overrides.sources?.map((s) => resolvePath(this.root, s)) },
    );
    if (!this.settings.sources && !fromFile.sources && !this.overrides.sources) this._config.sources = DEFAULT_CONFIG.sources.map((s) => resolvePath(this.root, s));
    this.mdConfigCache.clear();
    this.updateMatcher();
  }

  /** Applies new editor settings; returns true when the library must be reloaded. */
  async updateSettings(settings: Partial<BriefConfig>, allowedFolders?: readonly string[]): Promise<void> {
    this.settings = settings;
    if (allowedFolders) this.allowedFolders = allowedFolders;
    this.access.setAllowed(this.userFolders());
    const before = JSON.stringify([this._config.sources, this._config.maxSourceBytes]);
    await this.reloadConfig();
    if (JSON.stringify([this._config.sources, this._config.maxSourceBytes]) !== before) await this.reloadLibrary();
  }

  /**
   * Reloads the library. Loads run one after another, and a check waits for the one under way
   * (`libraryIdle`): a library being reloaded lacks sources until it is done, and a check in that
   * moment would call them unknown.
   */
  reloadLibrary(token?: { isCancellationRequested: boolean }): Promise<void> {
    const run = this.libraryLoads.then(() => this.loadLibrary(token));
    this.libraryLoads = run.catch(() => undefined);
    return run;
  }

  /** Resolves once no library load is under way (one asked for meanwhile is waited for too). */
  async libraryIdle(): Promise<void> {
    let current: Promise<void>;
    do {
      current = this.libraryLoads;
      await current;
    } while (current !== this.libraryLoads);
  }

  private async loadLibrary(token?: { isCancellationRequested: boolean }): Promise<void> {
    const start = Date.now();
    // The editor keeps its index between sessions: files unchanged since are restored, not re-read.
    const snapshot = this.indexStore ? await this.indexStore.read().catch(() => undefined) : undefined;
    await this.library.load(this._config.sources, this.libraryOptions(), token, snapshot);
    const missing: string[] = [];
    for (const folder of this._config.sources) if ((await this.fs.stat(folder).catch(() => undefined))?.type !== "directory") missing.push(folder);
    this._missingSourceFolders = missing;
    const folders = this._config.sources.map((s) => relativePath(this.root, s)).join(", ");
    const unread = this.library.unread;
    this.logger.info(`${unread ? "listed" : "indexed"} ${this.library.size} sources from ${folders} in ${Date.now() - start} ms${snapshot ? " (unchanged files restored from the saved index)" : ""}`);
    if (this.readSources === "background") {
      // The rest is read once the first checks are out (each reads what it cites first).
      const read = async () => {
        await new Promise((resolve) => setTimeout(resolve, 0));
        const begun = Date.now();
        await this.library.readAll(token);
        if (token?.isCancellationRequested) return;
        if (unread) this.logger.info(`indexed ${this.library.size} sources from ${folders} in the background in ${Date.now() - begun} ms`);
        if (this.indexStore) await this.saveIndex();
        this.onLibraryRead?.();
      };
      this.backgroundRead = read().catch((e) => this.logger.error(`the source library could not be read: ${(e as Error)?.message ?? e}`));
      return;
    }
    if (this.indexStore && !token?.isCancellationRequested) {
      // The editor saves once its first checks are out (the save serialises the whole index).
      if (this.saveIndexDelayMs > 0) setTimeout(() => void this.saveIndex(), this.saveIndexDelayMs).unref?.();
      else await this.saveIndex();
    }
  }

  /**
   * Reads every source of the library (after the load under way): for what needs all of them,
   * such as the library's own problems, Add Source's duplicate check and ranking every source.
   */
  async readLibrary(token?: { isCancellationRequested: boolean }): Promise<void> {
    await this.libraryIdle();
    await this.backgroundRead;
    await this.library.readAll(token);
  }

  /** Saves the library's index for the next session (the editor's storage); never throws. */
  async saveIndex(): Promise<void> {
    await this.indexStore?.write(this.library.snapshot()).catch((e) => this.logger.warn(`the source index could not be saved (${(e as Error)?.message ?? e})`));
  }

  /** Configured source folders that do not exist (or are not folders), as of the last load. */
  get missingSourceFolders(): readonly string[] {
    return this._missingSourceFolders;
  }

  /** True when source folders are configured and none of them exists: the library cannot have a source. */
  get noSourceFolder(): boolean {
    return this._config.sources.length > 0 && this._missingSourceFolders.length === this._config.sources.length;
  }

  /** The missing source folders relative to the root, for messages. */
  missingSourceFoldersForDisplay(): string[] {
    return this._missingSourceFolders.map((s) => relativePath(this.root, s));
  }

  /** The source folders relative to the root, for messages. */
  sourceFoldersForDisplay(): string[] {
    return this._config.sources.map((s) => relativePath(this.root, s));
  }

  private updateMatcher(): void {
    const globs = this._config.files;
    const m = picomatch(globs, { dot: false, nocase: false });
    this.briefMatcher = (path: string) => {
      const rel = relativePath(this.root, path);
      return m(rel) || (!rel.includes("/") ? false : m(rel.split("/").pop()!));
    };
  }

  /** A brief is a Markdown file matching `files`, or one whose front matter says `type: brief`. */
  isBrief(path: string, text?: string): boolean {
    if (!/\.(md|markdown)$/i.test(path)) return false;
    if (this.briefMatcher(joinPath(path))) return true;
    if (text === undefined) return false;
    if (!text.startsWith("---")) return false;
    return String(parseFrontMatter(text).data.type ?? "").toLowerCase() === "brief";
  }

  /** Reacts to a file created, changed or deleted on disk. Returns what it affected. */
  async fileChanged(path: string, deleted = false): Promise<"config" | "markdownlint" | "source" | "reference" | "none"> {
    const p = joinPath(path);
    if (p === this.configFile) {
      const before = JSON.stringify([this._config.sources, this._config.maxSourceBytes]);
      await this.reloadConfig();
      if (JSON.stringify([this._config.sources, this._config.maxSourceBytes]) !== before) await this.reloadLibrary();
      return "config";
    }
    if (MARKDOWNLINT_CONFIG_FILES.some((f) => p.endsWith("/" + f))) {
      this.mdConfigCache.clear();
      return "markdownlint";
    }
    if (deleted) {
      // A deleted folder is one event, for the folder alone: what was read under it is forgotten
      // (a `.markdownlint.*` file, bibliographies, reference-line files), so no stale problem stays.
      let what: "markdownlint" | "reference" | undefined;
      if ([...this.mdConfigCache.values()].some((e) => e.file !== undefined && isInside(p, e.file))) {
        this.mdConfigCache.clear();
        what = "markdownlint";
      }
      if (this.bibliographies.forgetUnder(p)) what ??= "reference";
      for (const e of [...this.localLibrary.entries()]) {
        if (!isInside(p, e.path)) continue;
        this.localLibrary.removeFile(e.path);
        what ??= "reference";
      }
      for (const target of [...this.referenceErrors.keys()]) {
        if (!isInside(p, target)) continue;
        this.referenceErrors.delete(target);
        what ??= "reference";
      }
      if (what && !this.library.covers(p) && !this._config.sources.some((r) => isInside(p, r) || isInside(r, p))) return what;
    }
    if (!isSourceFile(p) && this._config.sources.some((r) => isInside(p, r) || isInside(r, p))) {
      // A source folder, a folder above one or a folder inside one came or went: rescan.
      await this.reloadLibrary();
      return "source";
    }
    if (this.library.covers(p)) {
      if (deleted) this.library.removeFile(p);
      else await this.library.updateFile(p);
      return "source";
    }
    if (this.bibliographies.forget(p)) return "reference";
    if (this.localLibrary.getByPath(p) || this.referenceErrors.has(p)) {
      this.localLibrary.removeFile(p);
      this.referenceErrors.delete(p);
      return "reference";
    }
    return "none";
  }

  /** Source-library problems (duplicate keys, unreadable files), honouring rule settings. */
  libraryProblems(): SourceProblem[] {
    const out: SourceProblem[] = [];
    for (const rule of RULES) {
      if (!rule.checkLibrary) continue;
      const severity = this.severity(rule.name, rule.defaultSeverity);
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
    const unreadable = this.severity("source-unreadable", RULES.find((r) => r.name === "source-unreadable")!.defaultSeverity);
    if (unreadable !== "off") {
      for (const p of this.bibliographies.problems()) {
        out.push({ rule: "source-unreadable", severity: unreadable, message: p.message, uri: p.uri, range: { start: { line: p.line, character: 0 }, end: { line: p.line, character: 0 } }, docUrl: ruleDocUrl("source-unreadable") });
      }
    }
    return out.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
  }

  /**
   * Changes when the problems of the files a check reads on the way (bibliographies, their
   * entries' files) may have changed: the editor then publishes them on those files.
   */
  get libraryVersion(): number {
    return this.bibliographies.version + this.mdConfigReads;
  }

  /** Problems with the `.markdownlint.*` files read so far (refused, unreadable, invalid), each once, on its file. */
  markdownlintConfigProblems(): Problem[] {
    const out = new Map<string, Problem>();
    for (const e of this.mdConfigCache.values()) for (const p of e.problems) out.set(`${p.uri}\u0000${p.message}`, p);
    return [...out.values()];
  }

  /**
   * The problems of the bibliography files a brief uses (config and front matter), as
   * `source-unreadable` problems on those files: the CLI reports them with each brief that reads
   * them, so none is lost and a cached brief reports the same.
   */
  async bibliographyProblemsFor(path: string, text: string): Promise<SourceProblem[]> {
    const severity = this.severity("source-unreadable", RULES.find((r) => r.name === "source-unreadable")!.defaultSeverity);
    if (severity === "off") return [];
    const paths = this.bibliographyPaths(path, parseFrontMatter(text).data.bibliography);
    if (!paths.length) return [];
    return (await this.bibliographies.fileProblems(paths)).map((p) => ({ rule: "source-unreadable", severity, message: p.message, uri: p.uri, range: { start: { line: p.line, character: 0 }, end: { line: p.line, character: 0 } }, docUrl: ruleDocUrl("source-unreadable") }));
  }

  /** Whether a rule of brief-author's runs under the current config (its severity is not "off"). */
  ruleEnabled(rule: string): boolean {
    return this._config.rules[rule] !== "off";
  }

  private severity(rule: string, fallback: Severity, alias?: string): SeveritySetting {
    return this._config.rules[rule] ?? (alias ? this._config.rules[alias] : undefined) ?? fallback;
  }

  /** markdownlint's configuration for a brief: config file object, else the nearest `.markdownlint.*` file. */
  async markdownlintConfigFor(path: string): Promise<{ config: Configuration | false; problems: Problem[] }> {
    const c = this.fileConfig.markdownlint ?? this.settings.markdownlint;
    if (c === false) return { config: false, problems: [] };
    if (c) return { config: c as Configuration, problems: [] };
    const seen: string[] = [];
    let entry: { config: Configuration | undefined; problems: Problem[] } = { config: undefined, problems: [] };
    for (const dir of markdownlintConfigFolders(this.root, path)) {
      const cached = this.mdConfigCache.get(dir);
      if (cached) {
        entry = cached;
        break;
      }
      seen.push(dir);
      const found = await this.readMarkdownlintConfig(dir);
      if (found) {
        entry = found;
        break;
      }
    }
    for (const d of seen) this.mdConfigCache.set(d, entry);
    if (seen.length && entry.problems.length) this.mdConfigReads++;
    return { config: entry.config ?? DEFAULT_MARKDOWNLINT, problems: entry.problems };
  }

  private async readMarkdownlintConfig(dir: string): Promise<{ config: Configuration | undefined; problems: Problem[]; file: string } | undefined> {
    for (const name of MARKDOWNLINT_CONFIG_FILES) {
      const file = joinPath(dir, name);
      const stat = await this.fs.stat(file).catch(() => undefined);
      if (!stat || stat.type === "directory") continue;
      try {
        // Through the gate: a link out of the workspace, a FIFO or a folder by that name is refused.
        const text = new TextDecoder().decode(await this.fs.readFile(file));
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
          const v = parseYaml(text);
          return { config: (v ?? {}) as Configuration, problems: [], file };
        }
        const errors: ParseError[] = [];
        const v = parseJsonc(text, errors, { allowTrailingComma: true });
        if (errors.length) {
          const pos = new LineIndex(text).positionAt(errors[0].offset);
          throw new Error(`invalid JSON at line ${pos.line + 1}, column ${pos.character + 1}`);
        }
        return { config: v as Configuration, problems: [], file };
      } catch (e) {
        const message = `${relativePath(this.root, file)} cannot be used (${(e as Error).message.split("\n")[0]}); markdownlint's defaults stay in force`;
        this.logger.warn(message);
        return { config: undefined, problems: [{ rule: "config", severity: "error", message, uri: file, range: zeroRange() }], file };
      }
    }
    return undefined;
  }

  /**
   * The bibliography files that apply to a brief: the config's `bibliography`, then the brief's
   * own front matter `bibliography` (one path or a list, relative to the brief), as Pandoc reads it.
   */
  bibliographiesFor(path: string, brief: Brief): string[] {
    return this.bibliographyPaths(path, brief.frontMatter.data.bibliography);
  }

  /** The config's bibliographies, then a brief's front matter `bibliography` (relative to the brief). */
  private bibliographyPaths(path: string, own: unknown): string[] {
    const list = typeof own === "string" ? [own] : Array.isArray(own) ? own.filter((x): x is string => typeof x === "string") : [];
    const dir = dirname(joinPath(path));
    return [...new Set([...this._config.bibliography, ...list.map((b) => resolvePath(dir, b))])];
  }

  private async prepareBibliographies(path: string, brief: Brief): Promise<void> {
    const paths = this.bibliographiesFor(path, brief);
    if (paths.length === 0) return;
    const cited = new Set<string>();
    for (const c of brief.citations) for (const item of c.items) if (!this.library.has(item.key)) cited.add(item.key);
    await this.bibliographies.prepare(paths, cited);
  }

  /** Loads the files a brief's reference lines name (once; re-read when the watcher says they changed). */
  private async resolveReferences(path: string, brief: Brief): Promise<void> {
    const dir = dirname(joinPath(path));
    for (const ref of brief.references) {
      const target = resolvePath(dir, ref.path);
      if (this.localLibrary.getByPath(target) || this.referenceErrors.has(target)) continue;
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
        const kind = sourceKindOf(target);
        if (kind === "html" || kind === "pdf") {
          await this.localLibrary.updateFile(target);
          const why = this.localLibrary.problemFor(target);
          if (why) this.referenceErrors.set(target, `"${ref.path}": ${why}`);
          continue;
        }
        if (stat.size > this._config.maxSourceBytes) {
          this.referenceErrors.set(target, `"${ref.path}" is larger than the ${this._config.maxSourceBytes}-byte limit`);
          continue;
        }
        const decoded = decodeSource(await this.fs.readFile(target));
        if ("error" in decoded) this.referenceErrors.set(target, `"${ref.path}" ${decoded.error}`);
        else this.localLibrary.setText(target, decoded.text);
      } catch (e) {
        this.referenceErrors.set(target, `"${ref.path}" cannot be read (${(e as Error).message.split("\n")[0]})`);
      }
    }
  }

  /** Parses a brief with the settings that apply to it (no rules run). */
  async parse(path: string, text: string, markdownlintErrors?: readonly LintError[]): Promise<Brief> {
    const md = await this.markdownlintConfigFor(path);
    const brief = parseBrief(text, { sectionNames: this.sectionNames(), markdownlint: md.config, limits: this._config.limits, markdownlintErrors });
    await this.prepareSources(path, brief);
    return brief;
  }

  /** Reads what a brief's checks and look-ups read: its reference lines' files, its cited sources, its bibliographies. */
  private async prepareSources(path: string, brief: Brief): Promise<void> {
    await this.resolveReferences(path, brief);
    await this.libraryIdle();
    await this.library.ensureKeys(citedLibraryKeys(brief));
    await this.prepareBibliographies(path, brief);
  }

  /**
   * Makes sure what a parsed brief's look-ups read is loaded: its reference lines' files and its
   * bibliographies (a bibliography that changed on disk since the brief was checked is read again).
   */
  async prepareLookup(path: string, brief: Brief): Promise<void> {
    await this.prepareSources(path, brief);
    await this.libraryIdle();
    await this.library.ensureKeys(citedLibraryKeys(brief));
  }

  /** Parses without running markdownlint's rules (for hovers, completion and other look-ups). */
  async parseForLookup(path: string, text: string): Promise<Brief> {
    const brief = parseBrief(text, { sectionNames: this.sectionNames(), markdownlint: false, limits: this._config.limits });
    await this.prepareLookup(path, brief);
    return brief;
  }

  sectionNames(): string[] {
    const c = this._config;
    return [...new Set([...c.requiredSections, ...c.citationRequired, ...Object.keys(c.sectionLength), "Sources"])];
  }

  /** Everything a rule needs to know about the brief and its sources. */
  context(path: string, brief: Brief): RuleContext {
    const dir = dirname(joinPath(path));
    const refs = new Map(brief.references.map((r) => [r.key, resolvePath(dir, r.path)]));
    const suggestions = new Map<string, string[]>();
    const bibPaths = this.bibliographiesFor(path, brief);
    const resolve = (key: string): ResolvedSource | undefined => {
      const target = refs.get(key);
      if (target) {
        const entry = this.localLibrary.getByPath(target);
        return entry ? { key, entry, library: this.localLibrary } : undefined;
      }
      const entry = this.library.get(key);
      if (entry) return { key, entry, library: this.library };
      const cited = bibPaths.length ? this.bibliographies.lookup(key, bibPaths) : undefined;
      return cited ? { key, entry: cited.entry, library: cited.library } : undefined;
    };
    return {
      brief,
      config: this._config,
      library: this.library,
      sourceFolders: this.sourceFoldersForDisplay(),
      missingSourceFolders: this.missingSourceFoldersForDisplay(),
      resolve,
      referenceError: (key) => {
        const target = refs.get(key);
        return target ? this.referenceErrors.get(target) : undefined;
      },
      bibliographyKeys: () => (bibPaths.length ? this.bibliographies.keys(bibPaths) : []),
      closestKeys: (key, limit = 3) => {
        // An unknown key cited again and again is compared with the library once.
        const memoKey = `${limit}\u0000${key}`;
        let hit = suggestions.get(memoKey);
        if (!hit) suggestions.set(memoKey, (hit = closestKeys(key, this.library.keys(), limit)));
        return hit;
      },
      bestSourceFor: (text) => {
        if (this.batch) return undefined;
        const hit = this.library.index.bestPerDocument(text, { limit: 1 })[0];
        const entry = hit && this.library.getByPath(hit.docId);
        return entry && hit.coverage > 0 ? { key: entry.key, coverage: hit.coverage } : undefined;
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
      folderName: this.folderName?.(),
      unreadableEntry: (key) => (bibPaths.length ? this.bibliographies.unreadableEntry(key, bibPaths) : undefined),
      keyElsewhere: this.keyElsewhere,
      renamedKey: (key) => {
        // Follow a chain of renames (a → b → c), never round a cycle.
        let k = this.renames.get(key);
        for (let i = 0; k !== undefined && i < 16 && !this.library.has(k); i++) k = this.renames.get(k);
        return k !== undefined && this.library.has(k) ? k : undefined;
      },
    };
  }

  /** Notes that a source's key changed because its file was renamed or moved (the editor's rename events). */
  noteRenamedKey(oldKey: string, newKey: string): void {
    if (oldKey === newKey) return;
    this.renames.set(oldKey, newKey);
    this.renames.delete(newKey);
  }

  /**
   * Runs every rule and markdownlint on one brief. `markdownlintErrors`, when given, are
   * markdownlint's problems computed elsewhere (the CLI runs markdownlint on other threads).
   */
  async check(path: string, text: string, markdownlintErrors?: readonly LintError[]): Promise<CheckResult> {
    const brief = await this.parse(path, text, markdownlintErrors);
    // Never against a library half reloaded (a reload since the parse lists its sources anew: what
    // the brief cites is read again); the rules below run without a pause.
    await this.libraryIdle();
    await this.library.ensureKeys(citedLibraryKeys(brief));
    const ctx = this.context(path, brief);
    const problems: Problem[] = [];
    const failures: CheckResult["failures"] = [];
    if (brief.parseFailure) failures.push({ rule: "markdownlint", message: brief.parseFailure });
    for (const rule of RULES) {
      if (!rule.check) continue;
      const severity = this.severity(rule.name, rule.defaultSeverity);
      if (severity === "off") continue;
      const own: Problem[] = [];
      try {
        runRule(rule, ctx, severity, own);
      } catch (e) {
        failures.push({ rule: rule.name, message: String((e as Error)?.message ?? e).split("\n")[0] });
        continue;
      }
      for (const p of own) problems.push(p);
    }
    // <!-- brief-author-disable… --> comments turn brief-author's own rules off where they say.
    const inline = readInlineConfig(brief.text, brief.lines, KNOWN_RULES);
    if (inline.unknown.length || brief.text.includes("brief-author-")) {
      const kept = problems.filter((p) => !inline.disabled(p.rule, p.range.start.line));
      problems.length = 0;
      pushAll(problems, kept);
      for (const [line, name] of inline.unknown) {
        const hint = closestKeys(name, [...KNOWN_RULES], 1)[0];
        problems.push({ rule: "config", severity: "warning", message: `no brief-author rule is called "${name}"${hint ? ` (did you mean "${hint}"?)` : ""}; the comment does nothing for it`, range: { start: { line, character: 0 }, end: { line, character: brief.lines.lineText(line).length } } });
      }
    }
    try {
      for (const p of this.markdownlintProblems(brief)) problems.push(p);
    } catch (e) {
      failures.push({ rule: "markdownlint", message: String((e as Error)?.message ?? e).split("\n")[0] });
    }
    problems.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || (a.rule < b.rule ? -1 : 1));
    return { brief, problems, failures };
  }

  private markdownlintProblems(brief: Brief): Problem[] {
    const out: Problem[] = [];
    const lines = brief.lines;
    for (const e of brief.markdownlint) {
      const [name, alias] = e.ruleNames;
      const severity = this.severity(name, "warning", alias);
      if (severity === "off") continue;
      const line = e.lineNumber - 1;
      const lineText = lines.lineText(line);
      const startCol = e.errorRange ? e.errorRange[0] - 1 : 0;
      const endCol = e.errorRange ? startCol + e.errorRange[1] : lineText.length;
      const problem: Problem = {
        rule: name,
        severity,
        message: e.ruleDescription + (e.errorDetail ? ` [${e.errorDetail}]` : "") + (e.errorContext && !e.errorDetail ? ` [Context: "${e.errorContext}"]` : ""),
        range: { start: { line, character: startCol }, end: { line, character: Math.max(endCol, startCol) } },
        docUrl: e.ruleInformation ?? undefined,
      };
      if (e.fixInfo) {
        const fixLine = (e.fixInfo.lineNumber ?? e.lineNumber) - 1;
        const eol = lines.lineBreak(fixLine) || lines.eol;
        const fixed = markdownlintApi.applyFix(lines.lineText(fixLine), e.fixInfo, eol);
        const lineStart = lines.lineStarts[fixLine] ?? brief.text.length;
        const edit: TextEdit =
          fixed === null
            ? keepLineBreaks(lines, lineStart, fixLine + 1 < lines.lineCount ? lines.lineStarts[fixLine + 1] : lines.lineEnd(fixLine), "")
            : keepLineBreaks(lines, lineStart, lines.lineEnd(fixLine), fixed.replace(/\r?\n$|\r$/, ""));
        problem.fixes = [{ title: `Fix ${name}: ${e.ruleDescription}`, edits: [edit], preferred: true }];
        problem.data = { markdownlintFixable: true };
      }
      out.push(problem);
    }
    return out;
  }

  /** The text with every fixable markdownlint problem fixed (markdownlint's own applyFixes). */
  fixAllMarkdownlint(brief: Brief): string {
    const enabled = brief.markdownlint.filter((e) => e.fixInfo && this.severity(e.ruleNames[0], "warning", e.ruleNames[1]) !== "off");
    return markdownlintApi.applyFixes(brief.text, enabled);
  }

  /** Every brief under the root: files matching `files`, and Markdown files whose front matter says `type: brief`. */
  async findBriefs(token?: { isCancellationRequested: boolean }, under = this.root): Promise<string[]> {
    const out: string[] = [];
    // The gate's walk: never outside the workspace, never a real folder twice (link loops).
    for (const p of await this.access.walk(under, (name) => /\.(md|markdown)$/i.test(name), token)) {
      if (token?.isCancellationRequested) break;
      if (this.isBrief(p)) out.push(p);
      else if (!this.library.covers(p)) {
        const head = await this.readHead(p);
        if (head !== undefined && this.isBrief(p, head)) out.push(p);
      }
    }
    return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /** The source entry read from a file, if its text is read already: library, reference-line or bibliography text. */
  sourceEntryIfRead(path: string): SourceEntry | undefined {
    return this.library.getByPath(path) ?? this.localLibrary.getByPath(path) ?? this.bibliographies.texts.getByPath(path);
  }

  /** The source entry read from a file: library (read now if it was only listed), reference-line or bibliography text. */
  async sourceEntryAt(path: string): Promise<SourceEntry | undefined> {
    await this.libraryIdle();
    return (await this.library.read(path)) ?? this.localLibrary.getByPath(path) ?? this.bibliographies.texts.getByPath(path);
  }

  /** Reads a file through the workspace gate: refused (with the reason) outside the workspace or when not a regular file. */
  readWorkspaceFile(path: string, maxBytes?: number): Promise<Uint8Array> {
    return this.access.readFile(path, maxBytes);
  }

  /**
   * The workspace's own brief templates: the Markdown files directly in `folder` (relative to
   * the root), read through the workspace gate. A template that links outside the workspace, is
   * not a regular file or is larger than 1 MiB is left out, and `refused` says why.
   */
  async workspaceTemplates(folder: string): Promise<{ templates: BriefTemplate[]; refused: string[] }> {
    const dir = resolvePath(this.root, folder);
    const templates: BriefTemplate[] = [];
    const refused: string[] = [];
    let entries: Array<[string, FileKind]>;
    try {
      entries = await this.fs.readDirectory(dir);
    } catch (e) {
      if (await this.access.fs.stat(dir)) refused.push(`templates folder ${relativePath(this.root, dir)}: ${(e as Error).message.split("\n")[0]}`);
      return { templates, refused };
    }
    for (const [name] of entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
      if (!/\.(md|markdown)$/i.test(name)) continue;
      const path = joinPath(dir, name);
      try {
        const decoded = decodeSource(await this.access.readFile(path, MAX_TEMPLATE_BYTES));
        if ("error" in decoded) throw new Error(decoded.error);
        templates.push(templateFromFile(path, decoded.text));
      } catch (e) {
        refused.push(`template ${relativePath(this.root, path)}: ${(e as Error).message.split("\n")[0]}`);
      }
    }
    for (const r of refused) this.logger.warn(`${r}; it is not offered`);
    return { templates, refused };
  }

  private async readHead(path: string): Promise<string | undefined> {
    try {
      // Only the front matter matters; a file past the brief size limit is no brief to find.
      const bytes = await this.access.readFile(path, MAX_BRIEF_BYTES);
      return new TextDecoder().decode(bytes.subarray(0, 4096));
    } catch {
      return undefined;
    }
  }

  dispose(): void {
    this.mdConfigCache.clear();
  }
}

/** The keys a brief cites from the library (not those its reference lines name). */
function citedLibraryKeys(brief: Brief): Set<string> {
  const local = new Set(brief.references.map((r) => r.key));
  const keys = new Set<string>();
  for (const c of brief.citations) for (const item of c.items) if (!local.has(item.key)) keys.add(item.key);
  return keys;
}

function runRule(rule: Rule, ctx: RuleContext, severity: Severity, out: Problem[]): void {
  const lines = ctx.brief.lines;
  rule.check?.(ctx, (r) => {
    out.push({
      rule: rule.name,
      severity,
      message: r.message,
      range: lines.rangeOf(r.start, r.end),
      docUrl: ruleDocUrl(rule.name),
      data: r.data,
      // Inserted text takes the line ending of the line it goes into, so a CRLF file stays CRLF.
      fixes: r.fixes?.map((f) => ({ title: f.title, preferred: f.preferred, edits: f.edits.map((e) => keepLineBreaks(lines, e.start, e.end, withLineEnding(e.newText, lines.eolAt(e.start)))) })),
    });
  });
}

/**
 * An edit as a range, widened by one LF when deleting would leave a CR right before an LF (in a
 * mixed file that would join two line breaks into one CRLF and change the lines).
 */
function keepLineBreaks(lines: LineIndex, start: number, end: number, newText: string): TextEdit {
  const text = lines.text;
  if (text.charCodeAt(start - 1) === 13) {
    if (newText === "" && text.charCodeAt(end) === 10) end++;
    else if (newText.startsWith("\n")) newText = "\r" + newText.slice(1);
  }
  if (newText.endsWith("\r") && text.charCodeAt(end) === 10) newText = newText.slice(0, -1) + "\n";
  return { range: lines.rangeOf(start, end), newText };
}

/** The engine's view of the file system: reads and listings pass the workspace gate first. */
function containedFileSystem(access: WorkspaceAccess): FileSystem {
  return {
    readFile: (path) => access.readFile(path),
    readFileHead: (path, maxBytes) => access.readFileHead(path, maxBytes),
    stat: (path) => access.fs.stat(path),
    readDirectory: async (path) => {
      await access.check(path, "directory");
      return access.fs.readDirectory(path);
    },
  };
}

/**
 * The folders searched for a brief's `.markdownlint.*` file, nearest first: the brief's folder,
 * then each folder above it up to the workspace root.
 */
export function markdownlintConfigFolders(root: string, briefPath: string): string[] {
  const out: string[] = [];
  for (let dir = dirname(joinPath(briefPath)); ; dir = dirname(dir)) {
    out.push(dir);
    if (!isInside(root, dir) || dir === root || dirname(dir) === dir) return out;
  }
}

/** One path or a list (as Pandoc's `bibliography`). */
function asList(v: string | readonly string[] | undefined): string[] | undefined {
  return typeof v === "string" ? [v] : v ? [...v] : undefined;
}

function zeroRange() {
  return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}

/** Keys within a small edit distance of `key`, closest first (none for keys past 100 characters). */
export function closestKeys(key: string, keys: readonly string[], limit: number): string[] {
  if (key.length > MAX_SUGGEST_KEY) return [];
  const k = key.toLowerCase();
  const scored: Array<[string, number]> = [];
  const maxDist = Math.max(2, Math.floor(k.length / 3));
  for (const cand of keys) {
    if (cand.length > MAX_SUGGEST_KEY) continue;
    const c = cand.toLowerCase();
    const contains = c.includes(k) || k.includes(c);
    if (Math.abs(c.length - k.length) > maxDist && !contains) continue;
    const d = contains ? Math.min(1, editDistance(k, c, 1)) : editDistance(k, c, maxDist);
    if (d <= maxDist) scored.push([cand, d]);
  }
  scored.sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1));
  return scored.slice(0, limit).map((s) => s[0]);
}

/** brief-author's rule names, for inline comments. */
const KNOWN_RULES: ReadonlySet<string> = new Set(RULE_NAMES);

/** Templates larger than this are not offered. */
const MAX_TEMPLATE_BYTES = 1024 * 1024;

/** Markdown files larger than this are never read to see whether their front matter says `type: brief`. */
const MAX_BRIEF_BYTES = 64 * 1024 * 1024;

/** Keys longer than this get no spelling suggestions (the comparison is quadratic in length). */
const MAX_SUGGEST_KEY = 100;

export { readSource };
