/**
 * Loads a bundle with V8's code cache for it (`x.cache` beside `x.js`, written by `npm run build`
 * after a check of `examples/`), so a CLI run does not parse and compile the bundle again: the
 * CLI's 1.4 MB bundle and the web-page reader's 0.9 MB, about 50 and 20 ms a run. A cache is used
 * only when it was made from these exact bytes and is whole (its first 128 characters are digests
 * of the bundle and of the cache's data: see `cacheDigest`) and V8 accepts it (same V8 version, same flags); otherwise the bundle is compiled as
 * usual. Nothing is written unless the build asks (`BRIEF_AUTHOR_WRITE_CODE_CACHE=1`). Not in the
 * editor (Electron's V8 would refuse a cache made by Node's).
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import Module from "node:module";
import * as path from "node:path";
import * as vm from "node:vm";
import * as zlib from "node:zlib";

const HASH_CHARS = 64;

/** How each bundle loaded here was compiled: with its cache, or why not (for tests and `--debug`-style checks). */
export type CodeCacheUse = "used" | "none" | "stale" | "refused-by-v8" | "writing";
const uses = new Map<string, CodeCacheUse>();
export function codeCacheUse(file: string): CodeCacheUse | undefined {
  return uses.get(file);
}

interface NodeModule {
  exports: unknown;
  filename: string;
  paths: string[];
  loaded: boolean;
  require(id: string): unknown;
}
const ModuleClass = Module as unknown as {
  new (id: string, parent: unknown): NodeModule;
  wrap(source: string): string;
  _nodeModulePaths(dir: string): string[];
  _cache: Record<string, NodeModule>;
};

/**
 * A digest of a bundle or of its cache's data, 64 characters: CRC-32 where Node has it (20.15 and
 * later: a twentieth of SHA-256's time, which a start paid for three bundles), else SHA-256. It
 * tells a damaged or stale cache from a good one; it guards against accidents, not tampering (who
 * can write the cache can write the bundle beside it).
 */
const crc32 = (zlib as { crc32?: (data: string | Uint8Array) => number }).crc32;
export function cacheDigest(data: string | Uint8Array): string {
  if (crc32) return `crc32:${crc32(data).toString(16).padStart(8, "0")}:${String(typeof data === "string" ? Buffer.byteLength(data) : data.length).padStart(16, "0")}`.padEnd(HASH_CHARS, "-");
  return createHash("sha256").update(data).digest("hex");
}

/** Writes a cache (the bundle's hash, the data's hash, the data) through a temporary file; a failure is one line on stderr. */
function writeCache(cacheFile: string, hash: string, data: Buffer): void {
  const tmp = `${cacheFile}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, Buffer.concat([Buffer.from(hash + cacheDigest(data), "latin1"), data]), { flag: "wx" });
    fs.renameSync(tmp, cacheFile);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    process.stderr.write(`brief-author: no code cache written for ${path.basename(cacheFile)} (${(e as Error).message.split("\n")[0]})\n`);
  }
}

/** `require(file)` for a bundle, with its code cache where there is a good one. */
export function requireWithCodeCache(file: string): unknown {
  const known = ModuleClass._cache[file];
  if (known) return known.exports;
  if (process.versions.electron) return require(file); // eslint-disable-line @typescript-eslint/no-require-imports
  let source: string;
  try {
    source = fs.readFileSync(file, "utf8");
  } catch {
    return require(file); // eslint-disable-line @typescript-eslint/no-require-imports
  }
  const cacheFile = file.replace(/\.js$/, ".cache");
  const write = process.env.BRIEF_AUTHOR_WRITE_CODE_CACHE === "1";
  const hash = cacheDigest(source);
  let cachedData: Buffer | undefined;
  let use: CodeCacheUse = write ? "writing" : "none";
  if (!write) {
    try {
      const cache = fs.readFileSync(cacheFile);
      // V8 checks a cache's V8 version, flags and the source's length, not its bytes, nor (in
      // Node 20) a checksum of its own data: damaged data behind a good header stops the process.
      // So the header holds both hashes: the bundle's, then the data's.
      const data = cache.subarray(2 * HASH_CHARS);
      if (cache.length > 2 * HASH_CHARS && cache.toString("latin1", 0, HASH_CHARS) === hash && cache.toString("latin1", HASH_CHARS, 2 * HASH_CHARS) === cacheDigest(data)) cachedData = data;
      else use = "stale";
    } catch {
      cachedData = undefined;
    }
  }
  const script = new vm.Script(ModuleClass.wrap(source), { filename: file, cachedData });
  if (cachedData) use = script.cachedDataRejected ? "refused-by-v8" : "used";
  uses.set(file, use);
  const dir = path.dirname(file);
  const mod = new ModuleClass(file, null);
  mod.filename = file;
  mod.paths = ModuleClass._nodeModulePaths(dir);
  ModuleClass._cache[file] = mod;
  // After the run: the functions it compiled are then in the cache too.
  if (write) process.once("exit", () => writeCache(cacheFile, hash, script.createCachedData()));
  const run = script.runInThisContext() as (exports: unknown, require: (id: string) => unknown, module: NodeModule, filename: string, dirname: string) => void;
  const req = Object.assign((id: string) => mod.require(id), { resolve: (id: string) => require.resolve(id, { paths: [dir] }), cache: ModuleClass._cache, main: mod });
  try {
    run.call(mod.exports, mod.exports, req, mod, file, dir);
  } catch (e) {
    delete ModuleClass._cache[file];
    throw e;
  }
  mod.loaded = true;
  return mod.exports;
}
