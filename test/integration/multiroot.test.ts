import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import * as vscode from "vscode";
import { EXTENSION_ID } from "./helpers";
import { MULTI_ROOT_TESTS, NESTED_RESULT } from "./multiroot/titles";

/**
 * Workspace folders can be added and removed only in a multi-root workspace, and a window running
 * extension tests cannot turn its single folder into one ("Entering a new workspace is not possible
 * in tests"). So this suite starts a second VS Code (code-server, as the runner does) on a
 * `.code-workspace` with two folders, runs ./multiroot/folders.test.ts there against this
 * extension, and reports each of its tests here.
 */

interface NestedResult {
  title: string;
  state: "passed" | "failed";
  error?: string;
}

// import() kept as is: the suite is bundled to CommonJS, and the runner's helpers are ES modules.
const importModule = new Function("specifier", "return import(specifier)") as (specifier: string) => Promise<any>;

async function runNestedSuite(repo: string): Promise<{ results: Map<string, NestedResult>; code: number | string; log: string[] }> {
  const server = await importModule(pathToFileURL(path.join(repo, "scripts", "vscode-server.mjs")).href);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "brief-author-multiroot-"));
  const results = new Map<string, NestedResult>();
  const log: string[] = [];
  try {
    for (const name of ["one", "two"]) fs.cpSync(path.join(repo, "test", "integration", "workspace"), path.join(tmp, name), { recursive: true });
    const workspaceFile = path.join(tmp, "multi.code-workspace");
    fs.writeFileSync(workspaceFile, JSON.stringify({ folders: [{ path: "one" }, { path: "two" }], settings: {} }, null, 2));
    // This extension host's own VS Code variables would make the second server talk to this one.
    const env: Record<string, string | undefined> = {};
    for (const k of Object.keys(process.env)) if (/^(VSCODE_|ELECTRON_|CODE_SERVER)/.test(k)) env[k] = undefined;
    const s = await server.startServer({ workspace: tmp, env });
    let browser: { close(): Promise<void>; newPage(): Promise<any> } | undefined;
    try {
      browser = await server.launchBrowser();
      const page = await browser!.newPage();
      const exit = new Promise<number>((resolve) => void page.exposeFunction("codeAutomationExit", (code: number) => resolve(code)));
      await page.exposeFunction("codeAutomationLog", (_type: string, args: unknown) => {
        const list = Array.isArray(args) ? args : [args];
        const text = list.map((a) => (typeof a === "string" || typeof a === "number" ? String(a) : JSON.stringify(a))).join(" ");
        for (const line of text.split("\n")) {
          const i = line.indexOf(NESTED_RESULT + " ");
          if (i >= 0) {
            const r = JSON.parse(line.slice(i + NESTED_RESULT.length + 1)) as NestedResult;
            results.set(r.title, r);
          } else if (!server.isNoise(line)) log.push(line);
        }
      });
      const remote = (p: string) => `vscode-remote://127.0.0.1:${s.port}${p}`;
      const payload = [
        ["extensionDevelopmentPath", remote(repo)],
        ["extensionTestsPath", remote(path.join(__dirname, "multiroot", "index.js"))],
        ["skipWelcome", "true"],
      ];
      await page.goto(`http://127.0.0.1:${s.port}/?workspace=${encodeURIComponent(workspaceFile)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
      let timer: ReturnType<typeof setTimeout> | undefined;
      const code = await Promise.race([exit, new Promise<string>((resolve) => (timer = setTimeout(() => resolve("timeout after 180 s"), 180000)))]);
      clearTimeout(timer);
      return { results, code, log };
    } finally {
      await browser?.close().catch(() => undefined);
      await s.stop();
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

describe("multi-root workspace (a second VS Code on a .code-workspace)", function () {
  this.timeout(240000);
  let run: Awaited<ReturnType<typeof runNestedSuite>> | undefined;
  let failedToRun: Error | undefined;

  before(async function () {
    const repo = vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath;
    if (!fs.existsSync(path.join(repo, "scripts", "vscode-server.mjs")) || !fs.existsSync(path.join(__dirname, "multiroot", "index.js"))) {
      failedToRun = new Error(`the multi-root suite needs the repository (scripts/vscode-server.mjs) and the compiled suite beside this file; extension at ${repo}`);
      return;
    }
    try {
      run = await runNestedSuite(repo);
    } catch (e) {
      failedToRun = e as Error;
    }
  });

  for (const title of Object.values(MULTI_ROOT_TESTS)) {
    it(title, () => {
      if (failedToRun) throw failedToRun;
      const r = run!.results.get(title);
      const others = [...run!.results.values()].filter((x) => x.state === "failed" && !Object.values(MULTI_ROOT_TESTS).includes(x.title as never));
      assert.ok(r, `did not run in the second VS Code (exit ${run!.code}); ${others.map((x) => `${x.title}: ${x.error}`).join("\n")}\n${run!.log.slice(-40).join("\n")}`);
      if (r.state !== "passed") assert.fail(`${r.error}`);
    });
  }
});
