import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
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

  it("exits promptly: the threads do not keep the process alive", () => {
    const t0 = Date.now();
    const r = run("2", "json");
    assert.ok(r.status === 0 || r.status === 1, r.stderr);
    assert.ok(Date.now() - t0 < 60_000);
  });
});
