import { promises as fsp, statSync } from "node:fs";
import * as path from "node:path";
import { dirname, joinPath, resolvePath } from "../core/fs";
import { MARKDOWNLINT_CONFIG_FILES, markdownlintConfigFolders, type BriefService, type CheckResult } from "../core/service";
import { sha256Hex } from "../core/sources/hash";
import { decodeSource, isSourceFile, type SourceEntry } from "../core/sources/library";
import { RefusedError } from "../core/workspaceAccess";
import { nodeFileSystem } from "./fileSystem";

/**
 * `brief-author check --cache`: the results of unchanged briefs are remembered in one JSON file,
 * as ESLint's `--cache` does, so a re-run checks only what changed.
 *
 * What a brief's cached result is valid for:
 *   - the tool: its version (and the build and Node that ran it);
 *   - its workspace root: the config (the config file's bytes, `--sources`, `--config`) and the
 *     source library's key → path map (a source added, removed or re-keyed changes unknown-source
 *     and its suggestions for every brief, so every brief of the root is checked again);
 *   - the brief: the SHA-256 of its text, and of every file its result read: the sources its
 *     citation keys and reference lines resolve to, its bibliographies (and an entry's `file`),
 *     and the `.markdownlint.*` files that may configure it.
 *
 * The source library (reading every source) is skipped when the root's config and a fingerprint
 * of its source folders (each source file's path, size, mtime and ctime, from a walk and a stat,
 * no reads) are as stored and every brief found has a valid entry: the stored library problems
 * and size are printed instead. Anything else takes the full path, which re-validates per brief.
 */

export const CACHE_FILE_NAME = ".brief-author-cache";

const FORMAT = "brief-author-check-cache";
const FORMAT_VERSION = 2;

/** A problem as the CLI prints it, without `file` (the brief's path relative to the current folder is added when printed). */
export interface CachedProblem {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: "error" | "warning" | "information" | "hint";
  rule: string;
  message: string;
}

/** A claim as the CLI prints it, without `file`. */
export interface CachedClaim {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  keys: string[];
  verdict: "confirmed" | "contradicted" | "unverified";
  rules: string[];
  passage: { key: string; text: string } | null;
}

/** A source-library problem: `file` is the absolute path of the file it is on. */
export interface CachedLibraryProblem extends CachedProblem {
  file: string;
}

interface BriefEntry {
  /** SHA-256 of the brief's text. */
  hash: string;
  /** The root's source-folder fingerprint when the entry was last checked against every file it read. */
  sources: string;
  /** Every file the result read: absolute path → SHA-256 of its bytes, "missing" or "unreadable: why". */
  deps: Record<string, string>;
  /** The brief's problems as the CLI prints them. */
  problems: CachedProblem[];
  /** Its claims and their verdicts. */
  claims: CachedClaim[];
}

interface RootEntry {
  /** SHA-256 of the config file's bytes, the `--sources` folders and `--config`. */
  config: string;
  /** SHA-256 of the library's key → path map. */
  keys: string;
  /** SHA-256 of the source folders' listing (path, size, mtime, ctime of every source file). */
  sources: string;
  librarySize: number;
  libraryProblems: CachedLibraryProblem[];
  /** By absolute brief path. */
  briefs: Record<string, BriefEntry>;
}

interface CacheData {
  format: typeof FORMAT;
  version: typeof FORMAT_VERSION;
  /** The tool's version. */
  tool: string;
  /** The build and Node that wrote it (a rebuilt CLI of the same version rebuilds the cache, silently). */
  build: string;
  roots: Record<string, RootEntry>;
}

/** The cache file `--cache-location` names: a file, or `.brief-author-cache` in a folder (an existing one, or a path ending in a separator). */
export function cacheFilePath(cwd: string, location?: string): string {
  if (location === undefined || location === "") return path.resolve(cwd, CACHE_FILE_NAME);
  const abs = path.resolve(cwd, location);
  let isDir = /[\\/]$/.test(location);
  try {
    isDir ||= statSync(abs).isDirectory();
  } catch {
    // Not there yet: a file.
  }
  return isDir ? path.join(abs, CACHE_FILE_NAME) : abs;
}

/** What ran: a rebuilt bundle, another Node (its ICU segments words) does not reuse results. */
function buildStamp(): string {
  let self = "";
  try {
    const s = statSync(__filename);
    self = `${s.size}:${s.mtimeMs}`;
  } catch {
    // Unknown: the version alone decides.
  }
  return `${self}|${process.version}|${process.versions.icu ?? ""}`;
}

/** A state that never equals a file's: the file changed while the check ran. */
const CHANGED = "changed during the run";

/** Size, mtime and ctime (a write, a chmod, a rename all move the ctime), or why there are none. */
function statSignatureSync(p: string): string {
  try {
    const st = statSync(p);
    return `${st.size}:${st.mtimeMs}:${st.ctimeMs}`;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code ?? "error";
  }
}

function firstLine(e: unknown): string {
  return String((e as Error)?.message ?? e).split("\n")[0];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A cache file read back: shape-checked, so a foreign or hand-edited file is never half-trusted. */
function validData(v: unknown): v is CacheData {
  if (!isRecord(v) || v.format !== FORMAT || v.version !== FORMAT_VERSION || typeof v.tool !== "string" || typeof v.build !== "string" || !isRecord(v.roots)) return false;
  const isProblem = (p: unknown) =>
    isRecord(p) && [p.line, p.column, p.endLine, p.endColumn].every((n) => Number.isInteger(n)) && ["error", "warning", "information", "hint"].includes(p.severity as string) && typeof p.rule === "string" && typeof p.message === "string";
  const isClaim = (c: unknown) =>
    isRecord(c) && [c.line, c.column, c.endLine, c.endColumn].every((n) => Number.isInteger(n)) && ["confirmed", "contradicted", "unverified"].includes(c.verdict as string) &&
    Array.isArray(c.keys) && c.keys.every((k) => typeof k === "string") && Array.isArray(c.rules) && c.rules.every((k) => typeof k === "string") &&
    (c.passage === null || (isRecord(c.passage) && typeof c.passage.key === "string" && typeof c.passage.text === "string"));
  for (const r of Object.values(v.roots)) {
    if (!isRecord(r) || typeof r.config !== "string" || typeof r.keys !== "string" || typeof r.sources !== "string" || !Number.isInteger(r.librarySize) || !Array.isArray(r.libraryProblems) || !isRecord(r.briefs)) return false;
    if (!r.libraryProblems.every((p) => isProblem(p) && typeof (p as { file?: unknown }).file === "string")) return false;
    for (const b of Object.values(r.briefs)) {
      if (!isRecord(b) || typeof b.hash !== "string" || typeof b.sources !== "string" || !isRecord(b.deps) || !Object.values(b.deps).every((d) => typeof d === "string") || !Array.isArray(b.problems) || !b.problems.every(isProblem) || !Array.isArray(b.claims) || !b.claims.every(isClaim)) return false;
    }
  }
  return true;
}

/** The check cache of one run: read at the start, written (when anything changed) at the end. */
export class CheckCache {
  /** This run: briefs whose stored result was printed, briefs checked, workspace roots, roots whose library was read. */
  readonly stats = { fromCache: 0, checked: 0, roots: 0, librariesRead: 0 };
  private dirty = false;
  /** @internal Entries being stored (their files hashed). */
  readonly pending: Array<Promise<void>> = [];

  private constructor(
    readonly file: string,
    private data: CacheData,
    private readonly warn: (message: string) => void,
  ) {}

  /** Reads the cache file; a missing one starts empty, a corrupt, foreign or other-version one is ignored with a warning. */
  static async open(file: string, tool: string, warn: (message: string) => void): Promise<CheckCache> {
    const build = buildStamp();
    const empty = (): CacheData => ({ format: FORMAT, version: FORMAT_VERSION, tool, build, roots: {} });
    let text: string | undefined;
    try {
      // As every read of the tool: a named pipe or a device by that name is refused, never read.
      text = new TextDecoder("utf-8", { fatal: true }).decode(await nodeFileSystem.readFile(file));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== "ENOENT" && code !== "ENOTDIR") warn(`cannot read the cache file ${file} (${firstLine(e)}); it is ignored and rebuilt`);
    }
    const cache = new CheckCache(file, empty(), warn);
    if (text === undefined) return cache;
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch {
      warn(`the cache file ${file} is not valid JSON; it is ignored and rebuilt`);
      return cache;
    }
    if (isRecord(v) && v.format === FORMAT && v.version === FORMAT_VERSION && typeof v.tool === "string" && v.tool !== tool) {
      warn(`the cache file ${file} was written by brief-author ${v.tool}, not ${tool}; it is ignored and rebuilt`);
    } else if (isRecord(v) && v.format === FORMAT && v.version !== FORMAT_VERSION) {
      warn(`the cache file ${file} has another format version (${String(v.version)}); it is ignored and rebuilt`);
    } else if (!validData(v)) {
      warn(`the cache file ${file} is not a brief-author cache or is damaged; it is ignored and rebuilt`);
    } else if (v.build === build) cache.data = v;
    return cache;
  }

  /**
   * Prepares a workspace root before its library is loaded: reads its config (`reloadConfig`),
   * hashes it and fingerprints its source folders. `inputs` are the CLI's `--sources` and `--config`.
   */
  async openRoot(service: BriefService, inputs: { sources?: readonly string[]; configFile?: string }): Promise<RootCache> {
    await service.reloadConfig();
    const rc = new RootCache(this, service);
    const config = sha256Hex(JSON.stringify([await rc.fileState(service.configFile), inputs.sources ?? null, inputs.configFile ?? null]));
    const sources = await rc.fingerprint();
    const stored = this.data.roots[service.root];
    this.stats.roots++;
    if (stored && stored.config === config) {
      rc.entry = stored;
      rc.libraryUnchanged = stored.sources === sources;
    } else {
      rc.entry = { config, keys: "", sources: "", librarySize: 0, libraryProblems: [], briefs: {} };
      this.data.roots[service.root] = rc.entry;
      this.dirty = true;
    }
    rc.currentSources = sources;
    return rc;
  }

  /** @internal */
  touch(libraryRead = false): void {
    this.dirty = true;
    if (libraryRead) this.stats.librariesRead++;
  }

  /** Writes the cache file (temp file + rename) when anything changed; a failure is one warning. */
  async save(): Promise<void> {
    await Promise.all(this.pending);
    if (!this.dirty) return;
    const tmp = `${this.file}.${process.pid}.${Date.now().toString(36)}.tmp`;
    try {
      await fsp.mkdir(path.dirname(this.file), { recursive: true });
      await fsp.writeFile(tmp, JSON.stringify(this.data), { flag: "wx" });
      await fsp.rename(tmp, this.file);
      this.dirty = false;
    } catch (e) {
      await fsp.rm(tmp, { force: true }).catch(() => undefined);
      this.warn(`cannot write the cache file ${this.file} (${firstLine(e)}); nothing is cached`);
    }
  }
}

/** One workspace root's part of the cache. */
export class RootCache {
  /** @internal */ entry!: RootEntry;
  /** The config and the source folders' fingerprint are as stored: the library may be skipped. */
  libraryUnchanged = false;
  /** @internal */ currentSources = "";
  /** Each source file's size, mtime and ctime when the fingerprint was taken (before the library was read). */
  private readonly sourceStats = new Map<string, string>();
  /** The library was loaded (by `libraryLoaded`): the key map decided which entries stand. */
  private keysChecked = false;
  private readonly states = new Map<string, Promise<string>>();
  private readonly verified = new Map<string, Promise<string>>();

  constructor(
    private readonly cache: CheckCache,
    private readonly service: BriefService,
  ) {}

  /** The source library as stored (when it was not loaded). */
  get librarySize(): number {
    return this.entry.librarySize;
  }

  get libraryProblems(): readonly CachedLibraryProblem[] {
    return this.entry.libraryProblems;
  }

  /**
   * Sets up the library's folders without reading a source, so `findBriefs` tells sources from
   * briefs as after a full load. `service.initialize()` later replaces this with the real library.
   */
  async skipLibrary(): Promise<void> {
    const c = this.service.config;
    await this.service.library.load(c.sources, { maxSourceBytes: c.maxSourceBytes, lazyIndex: true, listFiles: async () => [] });
  }

  /** After `service.initialize()`: the key map decides whether the stored briefs stand; the library's problems are stored. */
  libraryLoaded(libraryProblems: CachedLibraryProblem[]): void {
    const lib = this.service.library;
    const keys = sha256Hex(lib.keys().map((k) => `${k}\u0000${lib.pathOf(k) ?? ""}`).join("\u0001"));
    const e = this.entry;
    if (e.keys !== keys) {
      e.keys = keys;
      e.briefs = {};
    }
    e.sources = this.currentSources;
    e.librarySize = lib.size;
    e.libraryProblems = libraryProblems;
    this.keysChecked = true;
    this.libraryUnchanged = false;
    this.cache.touch(true);
  }

  /**
   * The stored problems of a brief, when its text and every file its result read are unchanged.
   * The source files it read are vouched for by the fingerprint when the entry was last validated
   * (every file hashed, or vouched for) in a run that started with this very fingerprint: none of
   * them moved since. Else they are hashed like the other files.
   */
  async lookup(file: string, text: string): Promise<{ problems: CachedProblem[]; claims: CachedClaim[] } | undefined> {
    if (!this.keysChecked && !this.libraryUnchanged) return undefined;
    const b = this.entry.briefs[file];
    if (!b || b.hash !== sha256Hex(text)) return undefined;
    const vouched = b.sources === this.currentSources;
    const same = await Promise.all(Object.entries(b.deps).map(async ([p, h]) => (vouched && this.sourceStats.has(p)) || (await this.fileState(p)) === h));
    if (!same.every(Boolean)) return undefined;
    if (b.sources !== this.currentSources) {
      b.sources = this.currentSources;
      this.cache.touch();
    }
    return { problems: b.problems, claims: b.claims };
  }

  /** Counts a brief whose stored result was printed. */
  hit(): void {
    this.cache.stats.fromCache++;
  }

  /**
   * Stores a brief's fresh result (not when a rule failed on it: that brief is checked every run).
   * The files it read are hashed in the background, while the next briefs are checked; `save`
   * waits for them.
   */
  store(file: string, text: string, result: CheckResult, problems: CachedProblem[], claims: CachedClaim[]): void {
    this.cache.stats.checked++;
    delete this.entry.briefs[file];
    this.cache.touch();
    if (result.failures.length) return;
    const hash = sha256Hex(text);
    const entry = this.entry;
    this.cache.pending.push(
      (async () => {
        const deps: Record<string, string> = {};
        await Promise.all([...(await this.dependencies(file, result))].map(async ([p, e]) => (deps[p] = await this.storedState(p, e))));
        const sorted: Record<string, string> = {};
        for (const k of Object.keys(deps).sort()) sorted[k] = deps[k];
        entry.briefs[file] = { hash, sources: this.currentSources, deps: sorted, problems, claims };
      })().catch(() => undefined), // no entry: checked again next time
    );
  }

  /** Every file a brief's result read, with the source entry read from it when there is one. */
  private async dependencies(file: string, result: CheckResult): Promise<Map<string, SourceEntry | undefined>> {
    const s = this.service;
    const brief = result.brief;
    const ctx = s.context(file, brief);
    const out = new Map<string, SourceEntry | undefined>();
    const add = (p: string, entry?: SourceEntry) => {
      if (!out.get(p)) out.set(p, entry);
    };
    const keys = new Set<string>();
    for (const c of brief.citations) for (const item of c.items) keys.add(item.key);
    for (const ref of brief.references) keys.add(ref.key);
    for (const key of keys) {
      const r = ctx.resolve(key);
      if (!r) continue;
      if (r.entry.noText) {
        // A bibliography entry without text: its bibliography, and the file its `file` field names (not there, or unreadable).
        add(r.entry.path);
        // The bibliography was read by the check just made: the store knows the entry's `file`.
        const named = s.sources.bibliographies.textPathOf(key, r.entry.path);
        if (named) add(named);
      } else add(r.entry.path, r.entry.kind === "markdown" || r.entry.kind === "text" ? r.entry : undefined);
    }
    const dir = dirname(joinPath(file));
    for (const ref of brief.references) add(resolvePath(dir, ref.path));
    for (const b of s.sources.bibliographiesFor(file, brief)) add(b);
    // The `.markdownlint.*` files looked for, from the brief's folder up to the root (as markdownlintConfigFor does).
    for (const d of markdownlintConfigFolders(s.root, file)) for (const name of MARKDOWNLINT_CONFIG_FILES) add(joinPath(d, name));
    return out;
  }

  /** A file's state now, read through the workspace gate once per run: SHA-256 of its bytes, "missing" or "unreadable: why". */
  fileState(p: string): Promise<string> {
    let s = this.states.get(p);
    if (!s) {
      s = this.service.readWorkspaceFile(p).then(
        (bytes) => sha256Hex(bytes),
        (e) => (e instanceof RefusedError && e.reason === "does not exist" ? "missing" : `unreadable: ${firstLine(e)}`),
      );
      this.states.set(p, s);
    }
    return s;
  }

  /**
   * A file's state as stored with a fresh result: its state now, unless it may differ from what the
   * check read (the library read sources earlier): a source file whose size, mtime or ctime moved
   * since the fingerprint, or a Markdown or text source whose text is no longer the entry's. Then
   * a state that never matches, so the briefs that read it are checked again next time.
   */
  private storedState(p: string, entry: SourceEntry | undefined): Promise<string> {
    let s = this.verified.get(p);
    if (!s) {
      s = (async () => {
        const before = this.sourceStats.get(p);
        if (before !== undefined && before !== statSignatureSync(p)) return CHANGED;
        if (!entry) return this.fileState(p);
        try {
          const bytes = await this.service.readWorkspaceFile(p);
          const decoded = decodeSource(bytes);
          return "text" in decoded && decoded.text === entry.text ? sha256Hex(bytes) : CHANGED;
        } catch {
          return CHANGED;
        }
      })();
      this.verified.set(p, s);
    }
    return s;
  }

  /** SHA-256 of the source folders' listing: every source file's path, size, mtime and ctime (a walk and a stat, no reads). */
  async fingerprint(): Promise<string> {
    const folders = this.service.config.sources;
    const files = [...new Set(await this.service.access.walk(folders, isSourceFile))];
    // Synchronous stats: for thousands of small calls, several times faster than the thread pool's.
    const lines = files.map((f) => {
      const sig = statSignatureSync(f);
      this.sourceStats.set(f, sig);
      return `${f}\u0000${sig}`;
    });
    return sha256Hex(JSON.stringify(folders) + "\n" + lines.join("\n"));
  }
}
