// Runs the integration suite inside real VS Code (code-server 4.100.3) driven by headless Chromium.
// Usage: node scripts/run-integration.mjs [--vsix FILE] [--package-only]
//   Phase 1: the extension from this repo (extensionDevelopmentPath) with out/test/integration/index.js.
//   Phase 2 (--vsix): installs the packaged .vsix into a fresh extensions dir and runs
//   out/test/integration/package-check/index.js against it, without extensionDevelopmentPath.
// Writes test-results/integration.json ({passed, failed}) and exits non-zero when a test fails.
import { cpSync, mkdtempSync, mkdirSync, writeFileSync, rmSync, existsSync } from "node:fs";
import { execFileSync } from "node:child_process";
import * as os from "node:os";
import { format } from "node:util";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureAll, codeServerEntry } from "./ensure-vscode.mjs";
import { startServer, launchBrowser, workbenchUrl, isNoise } from "./vscode-server.mjs";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const TIMEOUT_MS = Number(process.env.BRIEF_AUTHOR_TEST_TIMEOUT_MS ?? 15 * 60 * 1000);
const argv = process.argv.slice(2);
const vsix = argv.includes("--vsix") ? argv[argv.indexOf("--vsix") + 1] : process.env.BRIEF_AUTHOR_VSIX;

function copyWorkspace() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "brief-author-ws-"));
  cpSync(path.join(repo, "test", "integration", "workspace"), dir, { recursive: true });
  return dir;
}

/** One run of a test module in the workbench; resolves with {code, passed, failed}. */
async function runSuite({ name, testsPath, developmentPath, extensionsDir }) {
  const workspace = copyWorkspace();
  const started = Date.now();
  const server = await startServer({ workspace, extensionsDir, log: (s) => process.env.BRIEF_AUTHOR_VERBOSE && process.stderr.write(s) });
  const browser = await launchBrowser();
  let counts;
  const lines = [];
  try {
    const page = await browser.newPage();
    const exit = new Promise((resolve) => page.exposeFunction("codeAutomationExit", (code) => resolve(code)));
    await page.exposeFunction("codeAutomationLog", (type, args) => {
      const list = Array.isArray(args) ? args : [args];
      const text = format(...list.map((a) => (typeof a === "string" || typeof a === "number" ? a : JSON.stringify(a))));
      for (const line of text.split("\n")) {
        const m = /BRIEF_AUTHOR_RESULTS (\{.*\})/.exec(line);
        if (m) counts = JSON.parse(m[1]);
        else if (!isNoise(line)) {
          lines.push(line);
          process.stdout.write(line + "\n");
        }
      }
    });
    const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
    const payload = [["extensionTestsPath", remote(testsPath)], ["skipWelcome", "true"]];
    if (developmentPath) payload.unshift(["extensionDevelopmentPath", remote(developmentPath)]);
    await page.goto(workbenchUrl(server.port, workspace, payload));
    let timer;
    const timeout = new Promise((resolve) => (timer = setTimeout(() => resolve("timeout"), TIMEOUT_MS)));
    const code = await Promise.race([exit, timeout]);
    clearTimeout(timer);
    if (code === "timeout") {
      await page.screenshot({ path: path.join(repo, "test-results", `${name}-timeout.png`) }).catch(() => {});
      process.stdout.write(`${name}: timed out after ${TIMEOUT_MS / 1000} s\n`);
      return { code: 1, passed: counts?.passed ?? 0, failed: Math.max(1, counts?.failed ?? 0) };
    }
    process.stdout.write(`${name}: exit code ${code} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    if (!counts) counts = { passed: 0, failed: code === 0 ? 0 : 1 };
    return { code, ...counts };
  } finally {
    await browser.close().catch(() => {});
    await server.stop();
    rmSync(workspace, { recursive: true, force: true });
  }
}

async function main() {
  mkdirSync(path.join(repo, "test-results"), { recursive: true });
  ensureAll();
  if (!existsSync(path.join(repo, "dist", "extension.js"))) throw new Error("dist/extension.js is missing: run `npm run build` first");
  if (!existsSync(path.join(repo, "out", "test", "integration", "index.js"))) throw new Error("out/test/integration/index.js is missing: run `node scripts/compile-tests.mjs` first");
  const results = [];
  if (!argv.includes("--package-only")) results.push(await runSuite({ name: "integration", testsPath: path.join(repo, "out", "test", "integration", "index.js"), developmentPath: repo }));
  if (vsix) {
    const exts = mkdtempSync(path.join(os.tmpdir(), "brief-author-exts-"));
    const cfg = path.join(exts, "..", `${path.basename(exts)}-config.yaml`);
    writeFileSync(cfg, "auth: none\ncert: false\n");
    execFileSync(process.execPath, [codeServerEntry(), "--config", cfg, "--extensions-dir", exts, "--install-extension", path.resolve(vsix)], { stdio: "inherit", env: { ...process.env, EXTENSIONS_GALLERY: '{"serviceUrl":""}' } });
    // VS Code runs extension tests only in development mode, so a bare harness extension (no code,
    // no contributions) is the development extension; brief-author itself comes from the .vsix.
    const harness = path.join(repo, "out", "test", "integration", "package-check");
    writeFileSync(path.join(harness, "package.json"), JSON.stringify({ name: "brief-author-package-check", publisher: "brief-author", version: "0.0.0", engines: { vscode: "^1.100.0" } }));
    results.push(await runSuite({ name: "package", testsPath: path.join(harness, "index.js"), developmentPath: harness, extensionsDir: exts }));
    rmSync(exts, { recursive: true, force: true });
  }
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  writeFileSync(path.join(repo, "test-results", "integration.json"), JSON.stringify({ passed, failed }));
  process.stdout.write(`integration: ${passed} passed, ${failed} failed\n`);
  // Exit now: a browser or server handle left behind must not keep CI waiting.
  process.exit(results.every((r) => r.code === 0) && failed === 0 ? 0 : 1);
}

main().catch((e) => {
  process.stderr.write(`run-integration: ${e.message}\n`);
  mkdirSync(path.join(repo, "test-results"), { recursive: true });
  writeFileSync(path.join(repo, "test-results", "integration.json"), JSON.stringify({ passed: 0, failed: 1 }));
  process.exit(1);
});
