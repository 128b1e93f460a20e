import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as esbuild from "esbuild";

import { cacheDigest } from "../../src/node/codeCache";

const ROOT = path.join(__dirname, "..", "..");

/**
 * The CLI's bundles run with V8's code cache (src/node/codeCache.ts). Each case runs in a child
 * process of its own (a cache is made and used under one process's V8 flags), loading a small
 * bundle through the same loader the CLI uses.
 */
describe("code cache of the CLI's bundles", function () {
  this.timeout(60_000);
  let dir: string;
  let loader: string;
  const bundle = () => path.join(dir, "lib.js");
  const source = (v: number) => `const path = require("node:path");\nmodule.exports = { v: ${v}, dir: path.basename(__dirname), same: module.exports === exports, twice: (n) => n * 2 };\n`;
  const load = (env: Record<string, string> = {}) => {
    const r = spawnSync(process.execPath, [loader, bundle()], { encoding: "utf8", env: { ...process.env, BRIEF_AUTHOR_WRITE_CODE_CACHE: "", ...env } });
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout) as { use: string; v: number; dir: string; same: boolean; twice: number; again: boolean };
  };

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "brief-code-cache-"));
    const entry = path.join(dir, "loader-entry.ts");
    fs.writeFileSync(
      entry,
      `import { requireWithCodeCache, codeCacheUse } from ${JSON.stringify(path.join(ROOT, "src", "node", "codeCache.ts"))};\n` +
        `const file = process.argv[2];\nconst m = requireWithCodeCache(file) as any;\n` +
        `console.log(JSON.stringify({ use: codeCacheUse(file), v: m.v, dir: m.dir, same: m.same, twice: m.twice(21), again: requireWithCodeCache(file) === m }));\n`,
    );
    loader = path.join(dir, "loader.js");
    await esbuild.build({ entryPoints: [entry], outfile: loader, bundle: true, platform: "node", target: "node20", format: "cjs", logLevel: "error" });
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("runs a bundle as require does, makes its cache when the build asks, then uses it", () => {
    fs.writeFileSync(bundle(), source(1));
    const none = load();
    assert.deepEqual(none, { use: "none", v: 1, dir: path.basename(dir), same: true, twice: 42, again: true });
    assert.ok(!fs.existsSync(path.join(dir, "lib.cache")), "no cache is written unless asked");
    assert.equal(load({ BRIEF_AUTHOR_WRITE_CODE_CACHE: "1" }).use, "writing");
    const cache = fs.readFileSync(path.join(dir, "lib.cache"));
    assert.equal(cache.toString("latin1", 0, 64), cacheDigest(source(1)));
    assert.equal(cache.toString("latin1", 64, 128), cacheDigest(cache.subarray(128)));
    assert.equal(cacheDigest(source(1)).length, 64);
    assert.notEqual(cacheDigest(source(1)), cacheDigest(source(2)));
    assert.deepEqual(load(), { ...none, use: "used" });
  });

  it("never uses the cache of other bytes, even of the same length (V8 itself compares lengths only)", () => {
    fs.writeFileSync(bundle(), source(1));
    load({ BRIEF_AUTHOR_WRITE_CODE_CACHE: "1" });
    fs.writeFileSync(bundle(), source(7));
    assert.equal(source(7).length, source(1).length);
    const r = load();
    assert.equal(r.use, "stale");
    assert.equal(r.v, 7);
  });

  it("never hands V8 damaged data (Node 20's V8 would stop the process on it), and compiles as usual", () => {
    fs.writeFileSync(bundle(), source(3));
    load({ BRIEF_AUTHOR_WRITE_CODE_CACHE: "1" });
    const cacheFile = path.join(dir, "lib.cache");
    const good = fs.readFileSync(cacheFile);
    for (const at of [128 + 8, Math.floor((128 + good.length) / 2), good.length - 1]) {
      const bad = Buffer.from(good);
      bad[at] ^= 0x10;
      fs.writeFileSync(cacheFile, bad);
      const r = load();
      assert.equal(r.use, "stale", `byte ${at}`);
      assert.equal(r.v, 3);
      assert.equal(r.twice, 42);
    }
    // Whole, but from another V8 (or other flags): V8 itself refuses it.
    const foreign = Buffer.from(good);
    const data = foreign.subarray(128);
    data.fill(0x5a, 0, 16);
    foreign.write(cacheDigest(data), 64, "latin1");
    fs.writeFileSync(cacheFile, foreign);
    const r = load();
    assert.equal(r.use, "refused-by-v8");
    assert.equal(r.v, 3);
  });
});
