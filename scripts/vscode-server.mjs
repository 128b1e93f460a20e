// Starts code-server (real VS Code 1.100.3) and drives its workbench with headless Chromium
// (playwright-core + Debian's /usr/bin/chromium). Shared by the integration runner and the demo.
import { spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { codeServerEntry } from "./ensure-vscode.mjs";

export const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"];

export function freePort(preferred) {
  const tryPort = (port) =>
    new Promise((resolve) => {
      const srv = net.createServer();
      srv.once("error", () => resolve(undefined));
      srv.listen(port, "127.0.0.1", () => {
        const p = srv.address().port;
        srv.close(() => resolve(p));
      });
    });
  return (async () => (preferred && (await tryPort(preferred))) || (await tryPort(0)))();
}

/**
 * Starts code-server on a free port with a fresh user-data dir. Resolves once it listens.
 * `extraArgs` go before the workspace path.
 */
export async function startServer({ workspace, port, extensionsDir, env = {}, extraArgs = [], log = () => {} }) {
  const tmp = mkdtempSync(path.join(os.tmpdir(), "brief-author-vscode-"));
  const userDir = path.join(tmp, "user");
  const exts = extensionsDir ?? path.join(tmp, "exts");
  mkdirSync(path.join(userDir, "User"), { recursive: true });
  mkdirSync(exts, { recursive: true });
  writeFileSync(path.join(userDir, "User", "settings.json"), JSON.stringify({ "workbench.startupEditor": "none", "security.workspace.trust.enabled": false, "telemetry.telemetryLevel": "off", "extensions.autoUpdate": false, "extensions.autoCheckUpdates": false, "update.mode": "none", "workbench.tips.enabled": false, "chat.disableAIFeatures": true, "git.openRepositoryInParentFolders": "never", "git.autoRepositoryDetection": false, "editor.minimap.enabled": false, "files.autoSave": "off" }, null, 2));
  const config = path.join(tmp, "config.yaml");
  writeFileSync(config, "auth: none\ncert: false\n");
  const p = port ?? (await freePort());
  const args = [codeServerEntry(), "--auth", "none", "--bind-addr", `127.0.0.1:${p}`, "--disable-telemetry", "--disable-update-check", "--disable-workspace-trust", "--disable-getting-started-override", "--user-data-dir", userDir, "--extensions-dir", exts, "--config", config, ...extraArgs, workspace];
  const child = spawn(process.execPath, args, { env: { ...process.env, EXTENSIONS_GALLERY: '{"serviceUrl":""}', ...env }, stdio: ["ignore", "pipe", "pipe"] });
  await new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`code-server did not start within 60 s:\n${out}`)), 60000);
    const onData = (d) => {
      out += d.toString();
      log(d.toString());
      if (out.includes("HTTP server listening")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited with ${code} before listening:\n${out}`));
    });
  });
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill("SIGTERM");
      await new Promise((r) => {
        const t = setTimeout(() => {
          child.kill("SIGKILL");
          r();
        }, 5000);
        child.once("exit", () => {
          clearTimeout(t);
          r();
        });
      });
    }
    rmSync(tmp, { recursive: true, force: true });
  };
  return { port: p, child, stop, tmp, extensionsDir: exts };
}

export function workbenchUrl(port, workspace, payload) {
  let url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`;
  if (payload) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}

export async function launchBrowser() {
  const { chromium } = await import("playwright-core");
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", args: CHROMIUM_ARGS });
}

/** Log lines from the workbench that are noise offline (no marketplace, no network). */
export function isNoise(line) {
  return /gallery|marketplace|ECONNREFUSED|ENOTFOUND|net::ERR_|Failed to fetch|update\.code\.visualstudio|vscode-unpkg|CodeExpectedError|Canceled|punycode|DEP0040|\[DEP0/.test(line);
}
