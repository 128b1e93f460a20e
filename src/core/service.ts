import type { LintError } from "markdownlint";
import type { BriefConfig } from "./config";
import { joinPath, relativePath, type FileSystem } from "./fs";
import type { BriefTemplate } from "./features/templates";
import { parseBrief, type Brief } from "./parse/brief";
import type { RuleContext } from "./rules";
import type { SourceEntry, SourceLibrary, SourceProblem } from "./sources/library";
import { isSourceFile } from "./sources/kinds";
import { WorkspaceAccess } from "./workspaceAccess";
import type { BriefServiceOptions, CheckResult } from "./engine/options";
export type { BriefServiceOptions, CheckResult } from "./engine/options";
import type { Problem } from "./types";
import { ConfigStore, userFolders } from "./engine/configStore";
import { MARKDOWNLINT_CONFIG_FILES, MarkdownlintConfigs } from "./engine/markdownlintConfigs";
import { SourceStore, type Token } from "./engine/sourceStore";
import { fixAllMarkdownlint, runRules } from "./engine/ruleRunner";
import { findBriefs, workspaceTemplates } from "./engine/workspaceFiles";
import { silentLogger, type Logger } from "./engine/logger";

export type { Logger } from "./engine/logger";
export type { IndexStore } from "./engine/sourceStore";
export { MARKDOWNLINT_CONFIG_FILES, DEFAULT_MARKDOWNLINT, markdownlintConfigFolders } from "./engine/markdownlintConfigs";
export { closestKeys } from "./engine/ruleRunner";
export { readSource } from "./sources/library";

/**
 * The engine behind the editor, the CLI and every other host, one per workspace folder: a facade
 * over its parts (src/core/engine/): the config, markdownlint's configs, the sources (library,
 * reference files, bibliographies and each brief's view of them), the workspace's briefs and
 * templates, and the rule runner. See docs/architecture.md.
 */
export class BriefService {
  /** Every read goes through this: contained to the workspace and folders the user allowed. */
  readonly fs: FileSystem;
  readonly access: WorkspaceAccess;
  readonly root: string;
  readonly configs: ConfigStore;
  readonly markdownlint: MarkdownlintConfigs;
  readonly sources: SourceStore;
  private readonly logger: Logger;

  constructor(options: BriefServiceOptions) {
    this.root = joinPath(options.root);
    this.logger = options.logger ?? silentLogger;
    const inputs = { root: this.root, settings: options.settings, overrides: options.overrides, allowedFolders: options.allowedFolders, configFile: options.configFile };
    this.access = new WorkspaceAccess(options.fs, { root: this.root, allowed: userFolders(this.root, options.overrides, options.allowedFolders), logger: this.logger });
    this.fs = this.access.containedFileSystem();
    this.configs = new ConfigStore(this.fs, this.root, inputs, this.logger);
    this.markdownlint = new MarkdownlintConfigs(this.fs, this.root, () => (this.configs.fileConfig.markdownlint ?? this.configs.editorSettings.markdownlint) as never, this.logger);
    const severityOf = this.configs.severity.bind(this.configs);
    this.sources = new SourceStore(this.fs, this.access, this.root, () => this.configs.config, severityOf, {
      batch: options.batch ?? false,
      readSources: options.readSources ?? "all",
      onLibraryRead: options.onLibraryRead,
      extractors: options.extractors,
      extractionCache: options.extractionCache,
      indexStore: options.indexStore,
      saveIndexDelayMs: options.saveIndexDelayMs ?? 0,
      folderName: options.folderName,
      keyElsewhere: options.keyElsewhere,
    }, this.logger);
  }

  get library(): SourceLibrary { return this.sources.library; }
  get config(): BriefConfig { return this.configs.config; }
  get configFile(): string { return this.configs.configFile; }
  /** Problems in the config file (path `configFile`), with 0-based ranges into it. */
  get configProblems(): readonly Problem[] { return this.configs.problems; }
  /** The folders outside the workspace this engine may read (named by the user, never by the workspace). */
  get trustedFolders(): readonly string[] { return this.configs.userFolders(); }

  /** Reads the config file and (re)loads the library. */
  async initialize(token?: Token): Promise<void> {
    await this.reloadConfig();
    await this.reloadLibrary(token);
  }

  async reloadConfig(): Promise<void> {
    await this.configs.reload();
    this.markdownlint.clear();
  }

  /** Applies new editor settings, and reloads the library when its folders or limits changed. */
  async updateSettings(settings: Partial<BriefConfig>, allowedFolders?: readonly string[]): Promise<void> {
    this.configs.setSettings(settings, allowedFolders);
    this.access.setAllowed(this.configs.userFolders());
    const before = this.configs.libraryInputs();
    await this.reloadConfig();
    if (this.configs.libraryInputs() !== before) await this.reloadLibrary();
  }

  /** Loads the library again (loads run one after another; a check waits for the one under way). */
  reloadLibrary(token?: Token): Promise<void> { return this.sources.reload(token); }
  libraryIdle(): Promise<void> { return this.sources.idle(); }
  /** Writes what was extracted from web pages and PDFs since the last call to the extraction cache (hosts call it after their checks). */
  saveExtractions(): Promise<void> {
    return this.sources.saveExtractions();
  }
  /** Reads every source (for the library's own problems, Add Source, ranking the whole library). */
  readLibrary(token?: Token): Promise<void> { return this.sources.readAll(token); }

  get missingSourceFolders(): readonly string[] { return this.sources.missingSourceFolders; }
  /** True when source folders are configured and none of them exists: the library cannot have a source. */
  get noSourceFolder(): boolean { return this.config.sources.length > 0 && this.missingSourceFolders.length === this.config.sources.length; }
  missingSourceFoldersForDisplay(): string[] { return this.missingSourceFolders.map((s) => relativePath(this.root, s)); }
  sourceFoldersForDisplay(): string[] { return this.config.sources.map((s) => relativePath(this.root, s)); }

  isBrief(path: string, text?: string): boolean { return this.configs.isBrief(path, text); }

  /** Reacts to a file created, changed or deleted on disk. Returns what it affected. */
  async fileChanged(path: string, deleted = false): Promise<"config" | "markdownlint" | "source" | "reference" | "none"> {
    const p = joinPath(path);
    if (p === this.configFile) {
      const before = this.configs.libraryInputs();
      await this.reloadConfig();
      if (this.configs.libraryInputs() !== before) await this.reloadLibrary();
      return "config";
    }
    if (MARKDOWNLINT_CONFIG_FILES.some((f) => p.endsWith("/" + f))) {
      this.markdownlint.clear();
      return "markdownlint";
    }
    return this.sources.fileChanged(p, deleted, deleted && this.markdownlint.forgetUnder(p) ? "markdownlint" : undefined);
  }

  /** Source-library problems (duplicate keys, unreadable files, bibliographies), honouring rule settings. */
  libraryProblems(): SourceProblem[] { return this.sources.libraryProblems(); }
  /** Changes when the problems of files a check reads on the way (bibliographies, `.markdownlint.*`) may have. */
  get libraryVersion(): number { return this.sources.bibliographies.version + this.markdownlint.reads; }
  markdownlintConfigProblems(): Problem[] { return this.markdownlint.problems(); }
  bibliographyProblemsFor(path: string, text: string): Promise<SourceProblem[]> { return this.sources.bibliographyProblemsFor(path, text); }
  /** Whether a rule of brief-author's runs under the current config (its severity is not "off"). */
  ruleEnabled(rule: string): boolean { return this.config.rules[rule] !== "off"; }
  markdownlintConfigFor(path: string): ReturnType<MarkdownlintConfigs["configFor"]> { return this.markdownlint.configFor(path); }

  /** Parses a brief with the settings that apply to it and reads the sources it cites (no rules run). */
  async parse(path: string, text: string, markdownlintErrors?: readonly LintError[]): Promise<Brief> {
    const md = await this.markdownlintConfigFor(path);
    const brief = parseBrief(text, { sectionNames: this.configs.sectionNames(), markdownlint: md.config, limits: this.config.limits, markdownlintErrors });
    await this.sources.prepare(path, brief);
    return brief;
  }

  /** Makes sure what a parsed brief's look-ups read is loaded: reference files, cited sources, bibliographies. */
  async prepareLookup(path: string, brief: Brief): Promise<void> {
    await this.sources.prepare(path, brief);
    await this.sources.ensureCited(brief);
  }

  /** Parses without running markdownlint's rules (for hovers, completion and other look-ups). */
  async parseForLookup(path: string, text: string): Promise<Brief> {
    const brief = parseBrief(text, { sectionNames: this.configs.sectionNames(), markdownlint: false, limits: this.config.limits });
    await this.prepareLookup(path, brief);
    return brief;
  }

  /** Everything a rule needs to know about the brief and its sources. */
  context(path: string, brief: Brief): RuleContext { return { brief, config: this.config, ...this.sources.view(path, brief) }; }

  /** Notes that a source's key changed because its file was renamed or moved (the editor's rename events). */
  noteRenamedKey(oldKey: string, newKey: string): void {
    this.sources.noteRenamedKey(oldKey, newKey);
  }

  /**
   * Runs every rule and markdownlint on one brief. `markdownlintErrors`, when given, are
   * markdownlint's problems computed elsewhere (the CLI runs markdownlint on other threads).
   */
  async check(path: string, text: string, markdownlintErrors?: readonly LintError[]): Promise<CheckResult> {
    const brief = await this.parse(path, text, markdownlintErrors);
    // Never against a library half reloaded; the rules below run without a pause.
    await this.sources.ensureCited(brief);
    const { problems, claims, failures } = runRules(this.context(path, brief), this.configs.severity.bind(this.configs));
    return { brief, problems, claims, failures };
  }

  /** The text with every fixable markdownlint problem fixed (markdownlint's own applyFixes). */
  fixAllMarkdownlint(brief: Brief): string { return fixAllMarkdownlint(brief, this.configs.severity.bind(this.configs)); }

  /** Every brief under the root: files matching `files`, and Markdown files whose front matter says `type: brief`. */
  findBriefs(token?: Token, under = this.root): Promise<string[]> {
    // A source file under a source folder is no brief (as the library covers it, listed yet or not).
    const isSource = (p: string) => isSourceFile(p) && this.config.sources.some((r) => p.startsWith(joinPath(r) + "/"));
    return findBriefs(this.access, under, (p, t) => this.isBrief(p, t), isSource, token);
  }

  /** The source entry read from a file, if its text is read already. */
  sourceEntryIfRead(path: string): SourceEntry | undefined { return this.sources.entryIfRead(path); }
  /** The source entry read from a file (a library source only listed is read now). */
  sourceEntryAt(path: string): Promise<SourceEntry | undefined> { return this.sources.entryAt(path); }

  /** Reads a file through the workspace gate: refused (with the reason) outside the workspace or when not a regular file. */
  readWorkspaceFile(path: string, maxBytes?: number): Promise<Uint8Array> { return this.access.readFile(path, maxBytes); }

  /** The workspace's own brief templates in `folder` (relative to the root), through the workspace gate. */
  workspaceTemplates(folder: string): Promise<{ templates: BriefTemplate[]; refused: string[] }> {
    return workspaceTemplates(this.access, this.fs, this.root, folder, this.logger);
  }

  dispose(): void {
    this.markdownlint.clear();
  }
}
