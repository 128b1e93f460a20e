import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as vscode from "vscode";
import { EXTENSION_ID, activate, fileUri, hoverText, nextEvent, openBrief, positionOf, ruleOf, waitForDiagnostics, writeFile } from "./helpers";

async function read(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

function folderRoots(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.toString());
}

/** Our diagnostics on a URI: those in the extension's own collection, and any with our source names. */
function oursOn(api: Awaited<ReturnType<typeof activate>>, uri: vscode.Uri): number {
  return (api.diagnostics.collection.get(uri)?.length ?? 0) + vscode.languages.getDiagnostics(uri).filter((d) => d.source === "brief-author" || d.source === "markdownlint").length;
}

/**
 * Opens, checks and removes a fresh brief: whatever was scheduled before for other documents has
 * run by the time its check is published (checks are scheduled in order).
 */
async function checkAFreshBrief(name: string): Promise<void> {
  const rel = `briefs/${name}.brief.md`;
  await writeFile(rel, "---\ntype: brief\ntitle: Fresh\ndate: 2026-05-01\n---\n\n# Fresh\n\n## Description\n\nNothing yet.\n\n## Impact\n\nNone.\n");
  await openBrief(rel);
  await vscode.commands.executeCommand("workbench.action.closeActiveEditor");
  await vscode.workspace.fs.delete(fileUri(rel));
}

async function completionKeys(uri: vscode.Uri, pos: vscode.Position): Promise<string[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>("vscode.executeCompletionItemProvider", uri, pos, "@");
  return list.items.map((i) => (typeof i.label === "string" ? i.label : i.label.label));
}

describe("engines only for the workspace's folders", () => {
  before(activate);

  afterEach(async () => {
    if (vscode.window.activeTextEditor?.document.isDirty || vscode.window.activeTextEditor?.document.isUntitled) await vscode.commands.executeCommand("workbench.action.revertAndCloseActiveEditor");
  });

  it("one engine per workspace folder, rooted at the folder", async () => {
    const api = await activate();
    assert.deepEqual(api.services.roots(), folderRoots());
    assert.ok(api.services.get(fileUri("briefs/quay.brief.md")));
  });

  it("an untitled brief gets no engine, no diagnostics, hovers or completions", async () => {
    const api = await activate();
    const text = await read(fileUri("briefs/problems.brief.md"));
    const checks = api.diagnostics.checkCount;
    const doc = await vscode.workspace.openTextDocument({ language: "markdown", content: text });
    const editor = await vscode.window.showTextDocument(doc);
    assert.equal(doc.uri.scheme, "untitled");
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>("vscode.executeHoverProvider", doc.uri, positionOf(doc, "[@harbor-notice]", 3));
    assert.ok(!/Harbour board notice/.test(hoverText(hovers)), hoverText(hovers));
    const line = doc.getText().split("\n").findIndex((l) => l.startsWith("Passenger numbers"));
    await editor.edit((e) => e.insert(new vscode.Position(line, 0), "The quay closed [@"));
    assert.ok(!(await completionKeys(doc.uri, new vscode.Position(line, "The quay closed [@".length))).includes("harbor-notice"));
    // A workspace brief checked after the untitled one was opened and edited: anything scheduled for it ran by now.
    await checkAFreshBrief("after-untitled");
    assert.equal(api.services.get(doc.uri), undefined);
    assert.deepEqual(api.services.roots(), folderRoots(), "no engine was created for the untitled document");
    assert.equal(oursOn(api, doc.uri), 0);
    assert.equal(api.diagnostics.checkCount, checks + 1, "only the workspace brief was checked");
  });

  it("a brief outside every workspace folder gets no engine, and the sources folder beside it is never read", async () => {
    const api = await activate();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "brief-author-outside-"));
    try {
      fs.mkdirSync(path.join(dir, "sources"));
      fs.writeFileSync(path.join(dir, "sources", "harbor-notice.md"), await read(fileUri("sources/harbor-notice.md")));
      fs.writeFileSync(path.join(dir, "stray.brief.md"), await read(fileUri("briefs/problems.brief.md")));
      const uri = vscode.Uri.file(path.join(dir, "stray.brief.md"));
      assert.equal(vscode.workspace.getWorkspaceFolder(uri), undefined);
      const checks = api.diagnostics.checkCount;
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc);
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>("vscode.executeHoverProvider", uri, positionOf(doc, "[@harbor-notice]", 3));
      assert.ok(!/Harbour board notice/.test(hoverText(hovers)), hoverText(hovers));
      const line = doc.getText().split("\n").findIndex((l) => l.startsWith("- [@grain-report]"));
      assert.ok(!(await completionKeys(uri, new vscode.Position(line, 3))).includes("harbor-notice"));
      await checkAFreshBrief("after-outside");
      assert.equal(api.services.get(uri), undefined);
      assert.deepEqual(api.services.roots(), folderRoots(), `an engine was created outside the workspace: ${api.services.roots().join(", ")}`);
      assert.equal(oursOn(api, uri), 0);
      assert.equal(api.diagnostics.checkCount, checks + 1, "only the workspace brief was checked");
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand("workbench.action.closeActiveEditor");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("settings only the user may set", () => {
  it("a source folder outside the workspace is trusted from user settings, never from the workspace's", async () => {
    const api = await activate();
    const { doc } = await openBrief("briefs/quay.brief.md");
    const engine = api.services.get(doc.uri)!;
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), "brief-author-trust-"));
    const config = () => vscode.workspace.getConfiguration("briefAuthor", doc.uri);
    const rechecked = () => nextEvent(api.diagnostics.onDidCheck, (u) => u.toString() === doc.uri.toString(), "a re-check after the settings change");
    try {
      let checked = rechecked();
      await config().update("sources", ["sources", outside], vscode.ConfigurationTarget.Workspace);
      await checked;
      assert.ok(!engine.service.trustedFolders.includes(outside), "a workspace setting widened the sources");
      checked = rechecked();
      await config().update("sources", ["sources", outside], vscode.ConfigurationTarget.Global);
      await checked;
      assert.ok(engine.service.trustedFolders.includes(outside), engine.service.trustedFolders.join(", "));
    } finally {
      let checked = rechecked();
      await config().update("sources", undefined, vscode.ConfigurationTarget.Workspace);
      await checked;
      checked = rechecked();
      await config().update("sources", undefined, vscode.ConfigurationTarget.Global);
      await checked;
      assert.deepEqual(engine.service.trustedFolders, []);
      await vscode.commands.executeCommand("workbench.action.closeActiveEditor");
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });
});

describe("code actions for brief-author's own diagnostics only", () => {
  before(activate);

  it("a foreign markdownlint MD009 gets no action and no re-check of the brief", async () => {
    const api = await activate();
    const { doc } = await openBrief("briefs/quay.brief.md");
    const line = doc.getText().split("\n").findIndex((l) => l.startsWith("Ferry passengers should"));
    const range = new vscode.Range(line, 0, line, doc.lineAt(line).text.length);
    const foreign = vscode.languages.createDiagnosticCollection("markdownlint-imitation");
    try {
      const d = new vscode.Diagnostic(range, "MD009/no-trailing-spaces Trailing spaces [Expected: 0 or 2; Actual: 3]", vscode.DiagnosticSeverity.Warning);
      d.source = "markdownlint";
      d.code = "MD009";
      const published = waitForDiagnostics(doc.uri, (ds) => ds.some((x) => x.source === "markdownlint" && ruleOf(x) === "MD009"));
      foreign.set(doc.uri, [d]);
      await published;
      const checks = api.diagnostics.checkCount;
      let checkEvents = 0;
      const sub = api.diagnostics.onDidCheck((u) => u.toString() === doc.uri.toString() && checkEvents++);
      let actions: vscode.CodeAction[];
      try {
        actions = await vscode.commands.executeCommand<vscode.CodeAction[]>("vscode.executeCodeActionProvider", doc.uri, range);
      } finally {
        sub.dispose();
      }
      assert.equal(api.diagnostics.checkCount, checks, "a foreign diagnostic made the extension re-check the brief");
      assert.equal(checkEvents, 0);
      const forForeign = actions.filter((a) => a.diagnostics?.some((x) => ruleOf(x) === "MD009") || /MD009|markdownlint/.test(a.title));
      assert.deepEqual(forForeign.map((a) => a.title), []);
    } finally {
      foreign.dispose();
    }
  });
});

describe("New Brief", () => {
  before(activate);

  it("creates the brief through one WorkspaceEdit", async () => {
    const target = fileUri("briefs/edit-made.brief.md");
    const created = new Promise<readonly vscode.Uri[]>((resolve) => {
      const sub = vscode.workspace.onDidCreateFiles((e) => {
        sub.dispose();
        resolve(e.files);
      });
    });
    const uri = await vscode.commands.executeCommand<vscode.Uri>("briefAuthor.newBrief", { template: "standard", title: "Edit made", author: "T", date: "2026-05-31", fileName: "briefs/edit-made.brief.md" });
    assert.equal(uri?.toString(), target.toString());
    // onDidCreateFiles fires for workspace edits, not for plain file-system writes.
    assert.deepEqual((await created).map((u) => u.toString()), [target.toString()]);
    assert.match(await read(target), /^---\ntype: brief\ntitle: Edit made\n/);
  });

  it("never overwrites a file that appears between its existence check and its write", async () => {
    const target = fileUri("briefs/race.brief.md");
    const theirs = "Someone else's brief, written a moment before ours.\n";
    let raced = false;
    // Runs after New Brief found no file and before the file is created: the other writer wins the race.
    const sub = vscode.workspace.onWillCreateFiles((e) => {
      if (!e.files.some((f) => f.toString() === target.toString())) return;
      raced = true;
      e.waitUntil(Promise.resolve(vscode.workspace.fs.writeFile(target, new TextEncoder().encode(theirs))));
    });
    try {
      const got = await vscode.commands.executeCommand<vscode.Uri | undefined>("briefAuthor.newBrief", { template: "standard", title: "Race", author: "T", date: "2026-05-31", fileName: "briefs/race.brief.md" });
      assert.ok(raced, "the create went through a workspace edit");
      assert.equal(got, undefined);
      assert.equal(await read(target), theirs, "the file that appeared is unchanged");
    } finally {
      sub.dispose();
    }
  });
});

describe("extension state", () => {
  it("has no module-level mutable state in the extension sources", function () {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const dir = path.join(ext.extensionPath, "src", "extension");
    if (!fs.existsSync(dir)) this.skip(); // an installed package has no sources
    const offenders: string[] = [];
    const walk = (d: string) => {
      for (const f of fs.readdirSync(d)) {
        const p = path.join(d, f);
        if (fs.statSync(p).isDirectory()) walk(p);
        else if (f.endsWith(".ts")) {
          fs.readFileSync(p, "utf8").split("\n").forEach((line, i) => {
            if (/^(export\s+)?(let|var)\s/.test(line) || /^(export\s+)?const\s+\w+\s*(:[^=]+)?=\s*new\s+(Map|Set|Array|WeakMap|vscode\.EventEmitter)\b/.test(line) || /^(export\s+)?const\s+\w+\s*=\s*\[\s*\]/.test(line)) offenders.push(`${path.relative(ext.extensionPath, p)}:${i + 1}: ${line.trim()}`);
          });
        }
      }
    };
    walk(dir);
    assert.deepEqual(offenders, []);
  });
});
