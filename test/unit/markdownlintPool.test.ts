import * as assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as esbuild from "esbuild";
import { EXTRACTOR_BUNDLES } from "../../src/node/extract/load";

const ROOT = path.join(__dirname, "..", "..");

/**
 * The CLI runs markdownlint on a pool of threads (the bundle is its own worker script). The
 * pool only exists in the bundle, so this builds one and compares its output with the same
 * bundle run without threads.
 */
describe("markdownlint on a pool of threads (the CLI bundle)", function () {
  this.timeout(120_000);
  let dir: string;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "brief-pool-"));
    await esbuild.build({
      entryPoints: [path.join(ROOT, "src", "cli", "bin.ts")],
      outfile: path.join(dir, "cli.js"),
      bundle: true,
      platform: "node",
      target: "node20",
      format: "cjs",
      mainFields: ["module", "main"],
      logLevel: "error",
      define: { BRIEF_AUTHOR_VERSION: '"test"', BRIEF_AUTHOR_BUNDLED: "true" },
    });
    // The extractors' bundles sit next to the CLI, as in dist/.
    for (const { bundle, module } of EXTRACTOR_BUNDLES) {
      await esbuild.build({ entryPoints: [path.join(ROOT, "src", "node", "extract", module)], outfile: path.join(dir, bundle), bundle: true, platform: "node", target: "node20", format: "cjs", mainFields: ["module", "main"], logLevel: "error", define: { BRIEF_AUTHOR_BUNDLED: "true" } });
    }
    // And markdownlint's own thread bundle, which the pool's threads run (as in dist/).
    await esbuild.build({ entryPoints: [path.join(ROOT, "src", "node", "markdownlintWorker.ts")], outfile: path.join(dir, "markdownlint-worker.js"), bundle: true, platform: "node", target: "node20", format: "cjs", mainFields: ["module", "main"], logLevel: "error", define: { BRIEF_AUTHOR_BUNDLED: "true" } });
    // And the language pack's (a text that is not plainly English loads it).
    await esbuild.build({ entryPoints: [path.join(ROOT, "src", "node", "languages", "pack.ts")], outfile: path.join(dir, "languages.js"), bundle: true, platform: "node", target: "node20", format: "cjs", mainFields: ["module", "main"], logLevel: "error", define: { BRIEF_AUTHOR_BUNDLED: "true" } });
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const run = (threads: string, format: string) =>
    spawnSync(process.execPath, [path.join(dir, "cli.js"), "check", "examples", "--format", format], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, BRIEF_AUTHOR_THREADS: threads, BRIEF_AUTHOR_CACHE: path.join(dir, "cache") },
    });

  it("gives exactly the output of a run without threads (markdownlint's problems included)", () => {
    for (const format of ["text", "json"]) {
      const pooled = run("2", format);
      const single = run("0", format);
      assert.equal(pooled.status, single.status);
      assert.equal(pooled.stdout, single.stdout);
      assert.ok(/MD\d{3}/.test(single.stdout), "the examples hold markdownlint problems");
    }
  });

  it("prints its report when the check ends before a thread is up (one small brief in a folder)", () => {
    const ws = fs.mkdtempSync(path.join(os.tmpdir(), "brief-pool-one-"));
    try {
      fs.mkdirSync(path.join(ws, "briefs"));
      fs.writeFileSync(path.join(ws, "briefs", "a.brief.md"), "# Title\n");
      const r = spawnSync(process.execPath, [path.join(dir, "cli.js"), "check", "briefs", "--format", "json"], { cwd: ws, encoding: "utf8", env: { ...process.env, BRIEF_AUTHOR_THREADS: "2", BRIEF_AUTHOR_CACHE: path.join(dir, "cache") } });
      assert.equal(JSON.parse(r.stdout).files, 1, r.stderr);
      assert.equal(r.status, 1);
    } finally {
      fs.rmSync(ws, { recursive: true, force: true });
    }
  });

  it("in the built CLI (dist/), lints on threads started through its launcher: the same report as without threads, and markdownlint is not in the CLI's own bundle", () => {
    const dist = path.join(ROOT, "dist");
    if (!fs.existsSync(path.join(dist, "cli.js")) || !fs.existsSync(path.join(dist, "markdownlint-worker.js"))) execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "ignore" });
    const built = (threads: string) =>
      spawnSync(process.execPath, [path.join(dist, "cli.js"), "check", "examples", "--format", "json"], { cwd: ROOT, encoding: "utf8", env: { ...process.env, BRIEF_AUTHOR_THREADS: threads, BRIEF_AUTHOR_CACHE: path.join(dir, "cache-dist") } });
    const pooled = built("1");
    const single = built("0");
    assert.equal(pooled.stderr, "");
    assert.equal(pooled.status, single.status);
    assert.equal(pooled.stdout, single.stdout);
    assert.ok(/"rule": "MD\d{3}"/.test(pooled.stdout), "the examples hold markdownlint problems");
    // micromark (markdownlint's parser; one of its token names) lives in markdownlint's bundle only: the CLI's thread loads it when it lints itself.
    assert.ok(!/codeFencedFenceSequence/.test(fs.readFileSync(path.join(dist, "cli-main.js"), "utf8")));
    assert.ok(/codeFencedFenceSequence/.test(fs.readFileSync(path.join(dist, "markdownlint-worker.js"), "utf8")));
  });

  it("exits promptly: the threads do not keep the process alive", () => {
    const t0 = Date.now();
    const r = run("2", "json");
    assert.ok(r.status === 0 || r.status === 1, r.stderr);
    assert.ok(Date.now() - t0 < 60_000);
  });
});
