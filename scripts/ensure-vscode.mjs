// Installs what the integration tests and the demo need, once, outside the repo:
//  - Debian packages chromium, pandoc, ripgrep, libkrb5-dev, pkg-config (apt-get, when root);
//  - code-server 4.100.3 (= VS Code 1.100.3) from npm into ~/.cache/brief-author/ (or
//    $BRIEF_AUTHOR_VSCODE_CACHE), following ../shared/TESTING-IN-VSCODE.md.
// A marker file is written only when every step succeeded, so a half-finished install is redone.
import { execFileSync, execSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync, rmSync, symlinkSync, copyFileSync, lstatSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

export const CODE_SERVER_VERSION = "4.100.3";
const DEBIAN_PACKAGES = ["chromium", "pandoc", "ripgrep", "libkrb5-dev", "pkg-config"];

export function cacheDir() {
  const base = process.env.BRIEF_AUTHOR_VSCODE_CACHE || path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache"), "brief-author");
  return path.join(base, `code-server-${CODE_SERVER_VERSION}`);
}

export function codeServerEntry() {
  return path.join(cacheDir(), "node_modules", "code-server", "out", "node", "entry.js");
}

function log(msg) {
  process.stderr.write(`[ensure-vscode] ${msg}\n`);
}

function run(cmd, args, opts = {}) {
  log(`${opts.cwd ? `(${path.relative(cacheDir(), opts.cwd) || "."}) ` : ""}${cmd} ${args.join(" ")}`);
  execFileSync(cmd, args, { stdio: ["ignore", "inherit", "inherit"], ...opts, env: { ...process.env, npm_config_yes: "true", npm_config_update_notifier: "false", npm_config_fund: "false", npm_config_audit: "false", ...(opts.env || {}) } });
}

function missingDebianPackages() {
  return DEBIAN_PACKAGES.filter((p) => {
    try {
      const out = execSync(`dpkg-query -W -f='\${Status}' ${p} 2>/dev/null`, { encoding: "utf8" });
      return !out.includes("install ok installed");
    } catch {
      return true;
    }
  });
}

export function ensureDebianPackages() {
  const missing = missingDebianPackages();
  if (missing.length === 0) return;
  const line = `apt-get update && apt-get install -y ${missing.join(" ")}`;
  if (typeof process.getuid === "function" && process.getuid() !== 0) {
    throw new Error(`the integration tests need Debian packages that are missing. Run as root:\n  sudo ${line}`);
  }
  log(`installing Debian packages: ${missing.join(" ")}`);
  run("bash", ["-c", `export DEBIAN_FRONTEND=noninteractive; ${line}`]);
  const still = missingDebianPackages();
  if (still.length) throw new Error(`apt-get did not install: ${still.join(" ")}`);
}

export function ensureCodeServer() {
  const dir = cacheDir();
  const marker = path.join(dir, ".complete");
  if (existsSync(marker) && existsSync(codeServerEntry())) return codeServerEntry();
  log(`installing code-server ${CODE_SERVER_VERSION} into ${dir} (a few minutes, once)`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "brief-author-vscode-cache", private: true }));
  run("npm", ["install", `code-server@${CODE_SERVER_VERSION}`, "--ignore-scripts", "--no-save", "--no-package-lock"], { cwd: dir });
  run("npm", ["rebuild", "argon2"], { cwd: dir });
  const vscodeDir = path.join(dir, "node_modules", "code-server", "lib", "vscode");
  run("npm", ["install", "--omit=dev", "--ignore-scripts", "--no-package-lock"], { cwd: vscodeDir });
  const rgDir = path.join(vscodeDir, "node_modules", "@vscode", "ripgrep", "bin");
  mkdirSync(rgDir, { recursive: true });
  copyFileSync("/usr/bin/rg", path.join(rgDir, "rg"));
  run("npm", ["rebuild"], { cwd: vscodeDir });
  const link = (target, at) => {
    try {
      lstatSync(at);
      rmSync(at, { force: true, recursive: true });
    } catch {}
    symlinkSync(target, at);
  };
  link("node_modules", path.join(vscodeDir, "node_modules.asar"));
  link("code-linux.sh", path.join(vscodeDir, "bin", "remote-cli", "code-server"));
  link("browser-linux.sh", path.join(vscodeDir, "bin", "helpers", "browser.sh"));
  run("npm", ["install", "--omit=dev", "--no-package-lock"], { cwd: path.join(vscodeDir, "extensions") });
  if (!existsSync(codeServerEntry())) throw new Error(`code-server install finished but ${codeServerEntry()} is missing`);
  writeFileSync(marker, new Date().toISOString());
  log("code-server ready");
  return codeServerEntry();
}

export function ensureAll() {
  ensureDebianPackages();
  return ensureCodeServer();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const t = Date.now();
    // --debian: only the Debian packages (npm test runs this first: the unit tests run Pandoc and Chromium).
    const entry = process.argv.includes("--debian") ? (ensureDebianPackages(), "Debian packages") : ensureAll();
    log(`ok in ${Math.round((Date.now() - t) / 1000)} s: ${entry}`);
  } catch (e) {
    process.stderr.write(`ensure-vscode: ${e.message}\n`);
    process.exit(1);
  }
}
