import * as assert from "node:assert/strict";
import * as vscode from "vscode";

/** Runs against the installed .vsix (no extensionDevelopmentPath): the package itself activates and checks a brief. */
export async function run(): Promise<void> {
  let passed = 0;
  let failed = 0;
  const test = async (name: string, fn: () => Promise<void>) => {
    try {
      await fn();
      passed++;
      console.log(`  ✔ ${name}`);
    } catch (e) {
      failed++;
      console.log(`  ✘ ${name}: ${(e as Error).stack ?? e}`);
    }
  };
  console.log("packaged extension");
  await test("the installed .vsix activates", async () => {
    const ext = vscode.extensions.getExtension("brief-author.brief-author");
    assert.ok(ext, "brief-author.brief-author is not installed");
    assert.ok(!ext.extensionPath.includes("/test/integration"), ext.extensionPath);
    await ext.activate();
    assert.ok(ext.isActive);
  });
  await test("the installed .vsix checks a brief", async () => {
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const uri = vscode.Uri.joinPath(folder, "briefs/problems.brief.md");
    const got = new Promise<void>((resolve) => {
      const sub = vscode.languages.onDidChangeDiagnostics(() => {
        if (vscode.languages.getDiagnostics(uri).some((d) => typeof d.code === "object" && d.code.value === "quote-mismatch")) {
          sub.dispose();
          resolve();
        }
      });
    });
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await Promise.race([got, new Promise((_, reject) => setTimeout(() => reject(new Error("no quote-mismatch diagnostic within 20 s")), 20000))]);
  });
  console.log(`BRIEF_AUTHOR_RESULTS ${JSON.stringify({ passed, failed })}`);
  if (failed) throw new Error(`${failed} package test(s) failed`);
}
