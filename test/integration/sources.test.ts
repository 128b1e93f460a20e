import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { activate, fileUri, has, lacks, nextEvent, openBrief, positionOf, waitForDiagnostics, writeFile } from "./helpers";

const SURVEY_BRIEF = `---
type: brief
title: Survey quote
date: 2026-05-10
author: Test Analyst
---

# Survey quote

## Description

The survey found that travellers "switched to the longer road route through Haskett" [@ferry-survey].

## Impact

Ferries need their passengers back.
`;

describe("open sources", () => {
  before(activate);

  it("unsaved edits to a source are re-indexed once typing pauses, not per keystroke, and open briefs are re-checked; closing without saving goes back to the file", async () => {
    const api = await activate();
    const config = vscode.workspace.getConfiguration("briefAuthor");
    const files = vscode.workspace.getConfiguration("files");
    await config.update("debounceMs", 1500, vscode.ConfigurationTarget.Workspace);
    // In a browser VS Code saves after a second by default; a person at a desktop VS Code edits unsaved.
    await files.update("autoSave", "off", vscode.ConfigurationTarget.Workspace);
    const src = fileUri("sources/ferry-survey.md");
    const onDisk = new TextDecoder().decode(await vscode.workspace.fs.readFile(src));
    try {
      await writeFile("briefs/survey.brief.md", SURVEY_BRIEF);
      const { doc: brief } = await openBrief("briefs/survey.brief.md", lacks("quote-mismatch"));
      // vscode.open, not openTextDocument: nothing in the extension host keeps the document open once its editor closes.
      await vscode.commands.executeCommand("vscode.open", src);
      const editor = vscode.window.activeTextEditor!;
      assert.equal(editor.document.uri.toString(), src.toString());
      const doc = editor.document;
      let indexed = 0;
      const sub = api.diagnostics.onDidIndexSource((u) => u.toString() === src.toString() && indexed++);
      try {
        const mismatch = waitForDiagnostics(brief.uri, has("quote-mismatch"));
        // Type "coastal" over "longer", one keystroke at a time.
        const start = positionOf(doc, "longer road route");
        await editor.edit((e) => e.delete(new vscode.Range(start, start.translate(0, "longer".length))));
        let at = start;
        for (const ch of "coastal") {
          await editor.edit((e) => e.insert(at, ch));
          at = at.translate(0, 1);
        }
        assert.equal(indexed, 0, "re-indexed while typing");
        assert.ok(doc.isDirty && doc.getText().includes("the coastal road route"));
        const d = await mismatch;
        assert.equal(indexed, 1, "one re-index after the pause");
        assert.match(d.find((x) => x.code && /quote-mismatch/.test(JSON.stringify(x.code)))!.message, /coastal road route/);

        // Close without saving: the index holds the file's text again and the brief is re-checked.
        const closed = nextEvent(vscode.workspace.onDidCloseTextDocument, (d) => d.uri.toString() === src.toString(), "the source document to close");
        const reindexed = nextEvent(api.diagnostics.onDidIndexSource, (u) => u.toString() === src.toString(), "the source to be re-indexed from the file");
        const back = waitForDiagnostics(brief.uri, lacks("quote-mismatch"));
        assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), src.toString());
        await vscode.commands.executeCommand("workbench.action.revertAndCloseActiveEditor");
        await closed;
        await reindexed;
        await back;
        assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(src)), onDisk, "the file was never written");
      } finally {
        sub.dispose();
      }
    } finally {
      await config.update("debounceMs", undefined, vscode.ConfigurationTarget.Workspace);
      await files.update("autoSave", undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});

describe("source folders on disk", () => {
  before(activate);

  it("a source folder renamed away and back is re-indexed", async () => {
    const api = await activate();
    const { doc } = await openBrief("briefs/quay.brief.md", lacks("unknown-source"));
    const engine = api.services.get(doc.uri)!;
    const size = engine.service.library.size;
    assert.ok(size >= 3);
    const sources = fileUri("sources");
    const away = fileUri("sources-away");
    // Watch what the extension hands the engine: the folder's own events (the file watcher reports
    // a renamed folder, not the files in it).
    const service = engine.service as unknown as { fileChanged(path: string, deleted?: boolean): Promise<string> };
    const original = service.fileChanged;
    const calls: Array<{ path: string; deleted: boolean; what: string }> = [];
    const called = new vscode.EventEmitter<void>();
    service.fileChanged = async function (this: unknown, path: string, deleted = false) {
      const what = await original.call(this, path, deleted);
      calls.push({ path, deleted, what });
      called.fire();
      return what;
    };
    const forwarded = (path: string, deleted: boolean) =>
      calls.some((c) => c.path === path && c.deleted === deleted) ? Promise.resolve() : nextEvent(called.event, () => calls.some((c) => c.path === path && c.deleted === deleted), `fileChanged(${path}, ${deleted}) on the engine`);
    try {
      const gone = waitForDiagnostics(doc.uri, has("unknown-source"));
      await vscode.workspace.fs.rename(sources, away);
      try {
        await forwarded(sources.path, true);
        const answer = calls.find((c) => c.path === sources.path && c.deleted)!.what;
        assert.notEqual(answer, "none", `the engine did not react to its source folder's deletion: fileChanged("${sources.path}", true) answered "none"`);
        await gone;
        assert.equal(engine.service.library.size, 0);
      } finally {
        const back = waitForDiagnostics(doc.uri, lacks("unknown-source"));
        await vscode.workspace.fs.rename(away, sources);
        await forwarded(sources.path, false);
        await back;
      }
      // Events of the two renames can still arrive after the brief's check (a file's own deletion
      // heard late is read again): the library ends whole, whatever the order they come in.
      if (engine.service.library.size !== size) {
        await nextEvent(called.event, () => engine.service.library.size === size, `the library back at ${size} sources (it has ${engine.service.library.size}; calls: ${JSON.stringify(calls.slice(-6))})`).catch((e) => {
          assert.equal(engine.service.library.size, size, (e as Error).message);
        });
      }
      assert.equal(engine.service.library.size, size);
    } finally {
      service.fileChanged = original;
      called.dispose();
    }
  });
});
