import picomatch from "picomatch";
import { CONFIG_FILE_NAME, DEFAULT_CONFIG, mergeConfig, parseConfigText, type BriefConfig } from "../config";
import { dirname, isInside, joinPath, relativePath, resolvePath, type FileSystem } from "../fs";
import { parseFrontMatter } from "../parse/frontMatter";
import { RULE_NAMES } from "../rules";
import { LineIndex } from "../text";
import type { Problem, Severity, SeveritySetting } from "../types";
import type { Logger } from "./logger";

export interface ConfigInputs {
  root: string;
  /** Settings that apply under the config file (editor settings, CLI flags). */
  settings?: Partial<BriefConfig>;
  /** Settings that override the config file (CLI `--sources`); their source folders are trusted. */
  overrides?: Partial<BriefConfig>;
  /** Folders outside the workspace the user trusts as sources (never the workspace's own settings). */
  allowedFolders?: readonly string[];
  /** An explicit config file instead of `<root>/.briefrc.json`. */
  configFile?: string;
}

/**
 * The config of one workspace folder: the config file merged over the settings and under the
 * overrides, with source folders resolved and kept inside the workspace unless the user named
 * them; which files are briefs; each rule's severity.
 */
export class ConfigStore {
  private settings: Partial<BriefConfig>;
  private readonly overrides: Partial<BriefConfig>;
  private allowedFolders: readonly string[];
  private readonly configFileOverride?: string;
  /** The config file's own settings (source folders inside the workspace only). */
  fileConfig: Partial<BriefConfig> = {};
  private _config: BriefConfig;
  private _problems: Problem[] = [];
  private briefMatcher: (path: string) => boolean = () => false;

  constructor(
    private readonly fs: FileSystem,
    private readonly root: string,
    inputs: ConfigInputs,
    private readonly logger: Logger,
  ) {
    this.settings = inputs.settings ?? {};
    this.overrides = inputs.overrides ?? {};
    this.allowedFolders = inputs.allowedFolders ?? [];
    this.configFileOverride = inputs.configFile;
    this._config = mergeConfig(this.settings, this.overrides);
    this.updateMatcher();
  }

  get config(): BriefConfig {
    return this._config;
  }

  /** The editor's settings as last given (their `markdownlint` applies when the config file sets none). */
  get editorSettings(): Partial<BriefConfig> {
    return this.settings;
  }

  get configFile(): string {
    return this.configFileOverride ? resolvePath(this.root, this.configFileOverride) : joinPath(this.root, CONFIG_FILE_NAME);
  }

  /** Problems in the config file (path `configFile`), with 0-based ranges into it. */
  get problems(): readonly Problem[] {
    return this._problems;
  }

  /** Folders outside the workspace the person running the tool named (CLI --sources, user settings): never the workspace's. */
  userFolders(): string[] {
    return userFolders(this.root, this.overrides, this.allowedFolders);
  }

  /** What the library is read from: when it changes, the library is loaded again. */
  libraryInputs(): string {
    return JSON.stringify([this._config.sources, this._config.maxSourceBytes]);
  }

  /** New editor settings (and the user's trusted folders, when given). */
  setSettings(settings: Partial<BriefConfig>, allowedFolders?: readonly string[]): void {
    this.settings = settings;
    if (allowedFolders) this.allowedFolders = allowedFolders;
  }

  async reload(): Promise<void> {
    this._problems = [];
    this.fileConfig = {};
    const file = this.configFile;
    let text: string | undefined;
    try {
      const stat = await this.fs.stat(file);
      if (stat) text = new TextDecoder().decode(await this.fs.readFile(file));
      else if (this.configFileOverride) this._problems.push({ rule: "config", severity: "error", message: `config file ${file} does not exist`, uri: file, range: zeroRange() });
    } catch (e) {
      this._problems.push({ rule: "config", severity: "error", message: `config file cannot be read: ${(e as Error).message}`, uri: file, range: zeroRange() });
    }
    if (text !== undefined) {
      const r = parseConfigText(text, [...RULE_NAMES]);
      this.fileConfig = r.config;
      this._problems = r.problems.map((p) => ({ ...p, uri: file }));
      if (r.config.sources) {
        // The workspace's own config may not widen what is read beyond the workspace.
        const lines = new LineIndex(text);
        const kept: string[] = [];
        r.config.sources.forEach((entry, i) => {
          const abs = resolvePath(dirname(file), entry);
          if (isInside(this.root, abs)) kept.push(entry);
          else {
            const span = r.sourceSpans?.[i] ?? { offset: 0, length: 0 };
            this._problems.push({ rule: "config", severity: "error", uri: file, range: lines.rangeOf(span.offset, span.offset + span.length), message: `source folder "${entry}" at line ${lines.positionAt(span.offset).line + 1} lies outside the workspace and is not read; only the user can add such a folder (the "briefAuthor.sources" user setting or the CLI's --sources)` });
          }
        });
        this.fileConfig.sources = kept;
      }
      for (const p of this._problems) this.logger.warn(`${file}:${p.range.start.line + 1}: ${p.message}`);
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
    this.updateMatcher();
  }

  private updateMatcher(): void {
    const m = picomatch(this._config.files, { dot: false, nocase: false });
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

  /** A rule's severity under the config (its alias's, else the fallback). */
  severity(rule: string, fallback: SeveritySetting, alias?: string): SeveritySetting {
    return this._config.rules[rule] ?? (alias ? this._config.rules[alias] : undefined) ?? fallback;
  }

  /** The section names the parser looks for. */
  sectionNames(): string[] {
    const c = this._config;
    return [...new Set([...c.requiredSections, ...c.citationRequired, ...Object.keys(c.sectionLength), "Sources"])];
  }
}

/** The folders outside the workspace the user named: the overrides' source folders and the trusted folders. */
export function userFolders(root: string, overrides: Partial<BriefConfig> | undefined, allowedFolders: readonly string[] | undefined): string[] {
  return [...(overrides?.sources ?? []), ...(allowedFolders ?? [])].map((s) => resolvePath(root, s));
}

/** One path or a list (as Pandoc's `bibliography`). */
function asList(v: string | readonly string[] | undefined): string[] | undefined {
  return typeof v === "string" ? [v] : v ? [...v] : undefined;
}

export function zeroRange() {
  return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}
