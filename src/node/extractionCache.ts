import { promises as fs } from "node:fs";
import * as path from "node:path";
import type { ExtractedDocument } from "../core/sources/extracted";
import type { ExtractionCache } from "../core/sources/library";

/**
 * Extracted web pages and PDFs, one JSON file per content hash in a folder of the tool's own
 * (the extension's storage, the CLI's cache folder): reopening a workspace does not parse every
 * PDF again, and a changed file has a new hash. A corrupt or foreign entry is ignored (and
 * replaced); a folder that cannot be written only costs the cache.
 */
export class FolderExtractionCache implements ExtractionCache {
  constructor(private readonly folder: string) {}

  async get(hash: string): Promise<ExtractedDocument | undefined> {
    if (!/^[\w.-]+$/.test(hash)) return undefined;
    try {
      const v = JSON.parse(await fs.readFile(path.join(this.folder, `${hash}.json`), "utf8")) as ExtractedDocument;
      if (typeof v?.text !== "string") return undefined;
      if (v.pageStarts !== undefined && !(Array.isArray(v.pageStarts) && v.pageStarts.every((n) => Number.isInteger(n) && n >= 0 && n <= v.text.length))) return undefined;
      return v;
    } catch {
      return undefined;
    }
  }

  async set(hash: string, doc: ExtractedDocument): Promise<void> {
    if (!/^[\w.-]+$/.test(hash)) return;
    try {
      await fs.mkdir(this.folder, { recursive: true });
      const file = path.join(this.folder, `${hash}.json`);
      const tmp = `${file}.${process.pid}.tmp`;
      await fs.writeFile(tmp, JSON.stringify(doc));
      await fs.rename(tmp, file);
    } catch {
      // No cache this time.
    }
  }
}

/** The CLI's cache folder: `$BRIEF_AUTHOR_CACHE`, else `$XDG_CACHE_HOME/brief-author`, else `~/.cache/brief-author`. */
export function cliCacheFolder(env: NodeJS.ProcessEnv = process.env): string {
  if (env.BRIEF_AUTHOR_CACHE) return env.BRIEF_AUTHOR_CACHE;
  const base = env.XDG_CACHE_HOME || path.join(env.HOME || env.USERPROFILE || ".", ".cache");
  return path.join(base, "brief-author");
}

/**
 * One JSON value in a file of the tool's own (the editor's saved source index): read whole,
 * written to a temporary file and renamed. A missing or corrupt file reads as undefined.
 */
export class JsonFileStore {
  constructor(private readonly file: string) {}

  async read(): Promise<unknown> {
    try {
      return JSON.parse(await fs.readFile(this.file, "utf8"));
    } catch {
      return undefined;
    }
  }

  async write(value: unknown): Promise<void> {
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    await fs.writeFile(tmp, JSON.stringify(value));
    await fs.rename(tmp, this.file);
  }
}
