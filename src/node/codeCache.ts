/**
 * Loads a bundle with V8's code cache for it (`x.cache` beside `x.js`, written by `npm run build`
 * after a check of `examples/`), so a CLI run does not parse and compile the bundle again: the
 * CLI's 1.4 MB bundle and the web-page reader's 0.9 MB, about 50 and 20 ms a run. A cache is used
 * only when it was made from these exact bytes (its first 64 characters are the SHA-256 of the
 * bundle) and V8 accepts it (same V8 version, same flags); otherwise the bundle is compiled as
 * usual. Nothing is written unless the build asks (`BRIEF_AUTHOR_WRITE_CODE_CACHE=1`). Not in the
 * editor (Electron's V8 would refuse a cache made by Node's).
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import Module from "node:module";
import * as path from "node:path";
import * as vm from "node:vm";

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
  const hash = createHash("sha256").update(source).digest("hex");
  let cachedData: Buffer | undefined;
  let use: CodeCacheUse = write ? "writing" : "none";
  if (!write) {
    try {
      const cache = fs.readFileSync(cacheFile);
      // V8 checks a cache's V8 version, flags and the source's length, not its bytes: the hash does.
      if (cache.length > HASH_CHARS && cache.toString("latin1", 0, HASH_CHARS) === hash) cachedData = cache.subarray(HASH_CHARS);
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
  if (write) process.once("exit", () => fs.writeFileSync(cacheFile, Buffer.concat([Buffer.from(hash, "latin1"), script.createCachedData()])));
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
