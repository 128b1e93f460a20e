// Takes the README screenshot from the demo: examples/ open in real VS Code (code-server) with the
// extension loaded, a brief with problems in the editor, the Problems panel open, and the hover of
// a citation showing its best passage. Usage: node scripts/screenshot.mjs [out.png]
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { execFileSync } from "node:child_process";
import { ensureAll } from "./ensure-vscode.mjs";
import { startServer, launchBrowser, workbenchUrl } from "./vscode-server.mjs";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const out = path.resolve(process.argv[2] ?? path.join(repo, "docs", "screenshot.png"));
execFileSync("npm", ["run", "build"], { cwd: repo, stdio: "inherit" });
ensureAll();
const examples = path.join(repo, "examples");
const server = await startServer({ workspace: examples });
const browser = await launchBrowser();
try {
  const page = await browser.newPage({ viewport: { width: 1500, height: 950 } });
  await page.goto(workbenchUrl(server.port, examples, [["extensionDevelopmentPath", `vscode-remote://127.0.0.1:${server.port}${repo}`], ["skipWelcome", "true"]]));
  await page.waitForSelector(".monaco-workbench", { timeout: 60000 });
  await page.waitForSelector(".explorer-folders-view .monaco-list-row", { timeout: 60000 });
  await page.keyboard.press("Control+P");
  await page.waitForSelector(".quick-input-widget input");
  await page.keyboard.type("draft-with-problems");
  await page.waitForSelector(".quick-input-list .monaco-list-row");
  await page.keyboard.press("Enter");
  await page.waitForSelector(".editor-instance .view-line");
  await page.keyboard.press("Control+Shift+M");
  await page.waitForSelector(".markers-panel .monaco-list-row", { timeout: 60000 });
  const target = page.locator(".view-line span", { hasText: "valmora-port-notice" }).nth(1);
  await target.hover();
  await page.waitForSelector(".monaco-hover .rendered-markdown blockquote", { timeout: 30000 });
  await page.waitForTimeout(800); // let the hover finish fading in (a picture, not a test)
  await page.screenshot({ path: out });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  await server.stop();
}
