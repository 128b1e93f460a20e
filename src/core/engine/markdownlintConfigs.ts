import { parse as parseYaml } from "yaml";
import { parse as parseJsonc, type ParseError } from "jsonc-parser";
import type { Configuration } from "markdownlint";
import { dirname, isInside, joinPath, relativePath, type FileSystem } from "../fs";
import { LineIndex } from "../text";
import type { Problem } from "../types";
import type { Logger } from "./logger";
import { zeroRange } from "./configStore";

export const MARKDOWNLINT_CONFIG_FILES = [".markdownlint.jsonc", ".markdownlint.json", ".markdownlint.yaml", ".markdownlint.yml"];

/** markdownlint settings used when neither the config file nor a `.markdownlint.*` file sets any. */
export const DEFAULT_MARKDOWNLINT: Configuration = {
  // Prose is soft-wrapped by editors; hard line limits only fight writers.
  MD013: false,
  // A brief's front matter title and its level-1 heading are the same title.
  MD025: { front_matter_title: "" },
};

interface Found {
  config: Configuration | undefined;
  problems: Problem[];
  file?: string;
}

/**
 * markdownlint's configuration for each brief: the config file's `markdownlint` object, else the
 * nearest `.markdownlint.*` file up to the workspace root (read once per folder, through the
 * workspace gate), else brief-author's defaults.
 */
export class MarkdownlintConfigs {
  private readonly cache = new Map<string, Found>();
  /** Bumped when a `.markdownlint.*` file with a problem is read (the editor then publishes it). */
  reads = 0;

  constructor(
    private readonly fs: FileSystem,
    private readonly root: string,
    /** The config's own markdownlint setting (the config file's, else the editor's), if any. */
    private readonly explicit: () => Configuration | false | undefined,
    private readonly logger: Logger,
  ) {}

  async configFor(path: string): Promise<{ config: Configuration | false; problems: Problem[] }> {
    const c = this.explicit();
    if (c === false) return { config: false, problems: [] };
    if (c) return { config: c, problems: [] };
    const seen: string[] = [];
    let entry: Found = { config: undefined, problems: [] };
    for (const dir of markdownlintConfigFolders(this.root, path)) {
      const cached = this.cache.get(dir);
      if (cached) {
        entry = cached;
        break;
      }
      seen.push(dir);
      const found = await this.read(dir);
      if (found) {
        entry = found;
        break;
      }
    }
    for (const d of seen) this.cache.set(d, entry);
    if (seen.length && entry.problems.length) this.reads++;
    return { config: entry.config ?? DEFAULT_MARKDOWNLINT, problems: entry.problems };
  }

  /** Problems with the `.markdownlint.*` files read so far (refused, unreadable, invalid), each once, on its file. */
  problems(): Problem[] {
    const out = new Map<string, Problem>();
    for (const e of this.cache.values()) for (const p of e.problems) out.set(`${p.uri}\u0000${p.message}`, p);
    return [...out.values()];
  }

  clear(): void {
    this.cache.clear();
  }

  /** Forgets what was read under a deleted folder; true when something was. */
  forgetUnder(folder: string): boolean {
    if (![...this.cache.values()].some((e) => e.file !== undefined && isInside(folder, e.file))) return false;
    this.cache.clear();
    return true;
  }

  private async read(dir: string): Promise<Found | undefined> {
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
