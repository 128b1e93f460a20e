import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { activate, describe as describeDiagnostic, has, nextEvent, ruleOf } from "../helpers";
import { MULTI_ROOT_TESTS as T } from "./titles";

// The workspace (made by ../multiroot.test.ts): folders "one" and "two", each a copy of the integration workspace.

function folder(name: string): vscode.WorkspaceFolder {
  const f = vscode.workspace.workspaceFolders?.find((x) => x.name === name);
  assert.ok(f, `no workspace folder ${name}: ${(vscode.workspace.workspaceFolders ?? []).map((x) => x.name).join(", ")}`);
  return f;
}

/** Resolves once `predicate` holds for the extension's own diagnostics on `uri` (checked now and on each change). */
function waitForOurs(api: Awaited<ReturnType<typeof activate>>, uri: vscode.Uri, predicate: (d: vscode.Diagnostic[]) => boolean, what: string, timeoutMs = 20000): Promise<void> {
  const current = () => [...(api.diagnostics.collection.get(uri) ?? [])];
  return new Promise((resolve, reject) => {
    if (predicate(current())) return resolve();
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for ${what} on ${uri.path}; ours:\n${current().map(describeDiagnostic).join("\n")}`));
    }, timeoutMs);
    const sub = vscode.languages.onDidChangeDiagnostics(() => {
      if (!predicate(current())) return;
      clearTimeout(timer);
      sub.dispose();
      resolve();
    });
  });
}

describe("multi-root workspace", () => {
  let api: Awaited<ReturnType<typeof activate>>;
  let twoUri: vscode.Uri;
  let brief: vscode.Uri;
  let duplicate: vscode.Uri;

  before(async () => {
    api = await activate();
    twoUri = folder("two").uri;
    brief = vscode.Uri.joinPath(twoUri, "briefs/problems.brief.md");
    duplicate = vscode.Uri.joinPath(twoUri, "sources/zz-duplicate.md");
  });

  it(T.enginePerFolder, async () => {
    assert.equal(vscode.workspace.workspaceFolders?.length, 2);
    assert.deepEqual(api.services.roots(), [folder("one").uri.toString(), twoUri.toString()]);
    // A library problem in folder two only: a second source claiming the key harbor-notice (it loses: path order).
    const dupPublished = waitForOurs(api, duplicate, (d) => d.some((x) => ruleOf(x) === "duplicate-source-key"), "duplicate-source-key");
    await vscode.workspace.fs.writeFile(duplicate, new TextEncoder().encode("---\nid: harbor-notice\ntitle: A second notice\n---\n\nThe quay stays closed.\n"));
    await dupPublished;
    const one = api.services.get(vscode.Uri.joinPath(folder("one").uri, "briefs/problems.brief.md"))!;
    const two = api.services.get(brief)!;
    assert.notEqual(one, two);
    assert.equal(two.service.library.size, one.service.library.size + 1);
    const checked = waitForOurs(api, brief, has("quote-mismatch"), "quote-mismatch");
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(brief));
    await checked;
  });

  it(T.keyElsewhere, async () => {
    const only = vscode.Uri.joinPath(twoUri, "sources/only-in-two.md");
    const rel = vscode.Uri.joinPath(folder("one").uri, "briefs/elsewhere.brief.md");
    try {
      await vscode.workspace.fs.writeFile(only, new TextEncoder().encode("---\nid: only-in-two\ntitle: Only in two\n---\n\nThe ferry runs.\n"));
      await vscode.commands.executeCommand("briefAuthor.reindexSources");
      await vscode.workspace.fs.writeFile(rel, new TextEncoder().encode("---\ntype: brief\ntitle: Elsewhere\ndate: 2026-05-01\n---\n\n# Elsewhere\n\n## Description\n\nThe ferry runs [@only-in-two].\n\n## Impact\n\nNone.\n"));
      const shown = waitForOurs(api, rel, (d) => d.some((x) => ruleOf(x) === "unknown-source"), "unknown-source");
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(rel));
      await shown;
      const d = (api.diagnostics.collection.get(rel) ?? []).find((x) => ruleOf(x) === "unknown-source")!;
      assert.match(d.message, /no source in sources \(workspace folder "one"\) has this key; the workspace folder "two" has it, but a brief cites only the sources of its own folder/);
    } finally {
      await vscode.commands.executeCommand("workbench.action.closeActiveEditor");
      await vscode.workspace.fs.delete(rel).then(undefined, () => undefined);
      await vscode.workspace.fs.delete(only).then(undefined, () => undefined);
    }
  });

  it(T.removeFolder, async () => {
    assert.ok((api.diagnostics.collection.get(brief) ?? []).length > 0);
    const removed = nextEvent(api.services.onDidChangeEngines, (e) => e.removed.some((x) => x.folder.uri.toString() === twoUri.toString()), "the engine of folder two to be disposed");
    const cleared = waitForOurs(api, brief, (d) => d.length === 0, "no diagnostics");
    const libraryCleared = waitForOurs(api, duplicate, (d) => d.length === 0, "no library diagnostics");
    assert.ok(vscode.workspace.updateWorkspaceFolders(1, 1));
    await removed;
    await cleared;
    await libraryCleared;
    assert.deepEqual(api.services.roots(), [folder("one").uri.toString()]);
    // The brief is still open, now outside every folder: it gets no engine back.
    assert.ok(vscode.workspace.textDocuments.some((d) => d.uri.toString() === brief.toString()));
    assert.equal(api.services.get(brief), undefined);
    assert.deepEqual(vscode.languages.getDiagnostics(brief).filter((d) => d.source === "brief-author" || d.source === "markdownlint"), []);
  });

  it(T.addFolder, async () => {
    const added = nextEvent(api.services.onDidChangeEngines, (e) => e.added.some((x) => x.folder.uri.toString() === twoUri.toString()), "an engine for folder two");
    const checked = waitForOurs(api, brief, has("quote-mismatch"), "quote-mismatch");
    const library = waitForOurs(api, duplicate, (d) => d.some((x) => ruleOf(x) === "duplicate-source-key"), "duplicate-source-key");
    assert.ok(vscode.workspace.updateWorkspaceFolders(1, 0, { uri: twoUri, name: "two" }));
    await added;
    assert.deepEqual(api.services.roots(), [folder("one").uri.toString(), twoUri.toString()]);
    await checked;
    await library;
  });
});
