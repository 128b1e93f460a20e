import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { activate, fileUri, has, lacks, openBrief, ruleOf, waitForDiagnostics, writeFile } from "./helpers";

describe("diagnostics", () => {
  before(activate);

  it("appear on open, with the rule name as code and a link to its documentation", async () => {
    const { diagnostics } = await openBrief("briefs/problems.brief.md", has("quote-mismatch"));
    const rules = diagnostics.map(ruleOf).sort();
    for (const r of ["quote-mismatch", "required-section", "uncited-claim", "unlisted-source", "unused-source"]) assert.ok(rules.includes(r), `missing ${r} in ${rules.join(", ")}`);
    const quote = diagnostics.find((d) => ruleOf(d) === "quote-mismatch")!;
    assert.equal(quote.source, "brief-author");
    assert.equal(quote.severity, vscode.DiagnosticSeverity.Error);
    assert.match(quote.message, /restore the ferry timetable by the end of the month/);
    assert.ok(typeof quote.code === "object" && /README\.md#quote-mismatch$/.test(quote.code.target.toString()));
    assert.equal(quote.range.start.line, 12);
  });

  it("change as you type", async () => {
    const { doc, editor } = await openBrief("briefs/quay.brief.md", lacks("uncited-claim"));
    const line = doc.getText().split("\n").findIndex((l) => l.startsWith("The Pellow harbour board"));
    const waiting = waitForDiagnostics(doc.uri, has("uncited-claim", line));
    await editor.edit((e) => e.insert(new vscode.Position(line, 0), "Ferries were cancelled for most of the spring season. "));
    const d = await waiting;
    assert.ok(d.some((x) => ruleOf(x) === "uncited-claim" && x.range.start.character === 0));
    const back = waitForDiagnostics(doc.uri, lacks("uncited-claim"));
    await vscode.commands.executeCommand("undo");
    await back;
  });

  it("are re-checked on save when run is onSave", async () => {
    const config = vscode.workspace.getConfiguration("briefAuthor");
    await config.update("run", "onSave", vscode.ConfigurationTarget.Workspace);
    try {
      const { doc, editor } = await openBrief("briefs/quay.brief.md", lacks("uncited-claim"));
      await editor.edit((e) => e.insert(new vscode.Position(doc.lineCount - 1, 0), "\n"));
      const line = doc.getText().split("\n").findIndex((l) => l.startsWith("The Pellow harbour board"));
      await editor.edit((e) => e.insert(new vscode.Position(line, 0), "Ferries were cancelled for most of the spring season. "));
      assert.ok(lacks("uncited-claim")(vscode.languages.getDiagnostics(doc.uri)), "onSave must not check while typing");
      const waiting = waitForDiagnostics(doc.uri, has("uncited-claim", line));
      await doc.save();
      await waiting;
    } finally {
      await config.update("run", undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it("are re-checked when a source file changes on disk (watcher)", async () => {
    const { doc } = await openBrief("briefs/quay.brief.md", lacks("quote-mismatch"));
    const uri = fileUri("sources/harbor-notice.md");
    const original = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    try {
      const waiting = waitForDiagnostics(doc.uri, has("quote-mismatch"));
      await writeFile("sources/harbor-notice.md", original.replace("restore the ferry timetable by the end of the month", "restore the ferry timetable by the end of June"));
      const d = await waiting;
      assert.match(d.find((x) => ruleOf(x) === "quote-mismatch")!.message, /the closest the source holds is "restore the ferry timetable by the end of June"/);
    } finally {
      const back = waitForDiagnostics(doc.uri, lacks("quote-mismatch"));
      await writeFile("sources/harbor-notice.md", original);
      await back;
    }
  });

  it("are re-checked when a setting changes", async () => {
    const { doc } = await openBrief("briefs/problems.brief.md", has("uncited-claim"));
    const config = vscode.workspace.getConfiguration("briefAuthor");
    const off = waitForDiagnostics(doc.uri, lacks("uncited-claim"));
    await config.update("rules", { "uncited-claim": "off" }, vscode.ConfigurationTarget.Workspace);
    try {
      await off;
    } finally {
      const back = waitForDiagnostics(doc.uri, has("uncited-claim"));
      await config.update("rules", undefined, vscode.ConfigurationTarget.Workspace);
      await back;
    }
  });

  it("are counted in the status bar with the number of sources indexed", async () => {
    const api = await activate();
    await openBrief("briefs/quay.brief.md"); // so that opening the other brief changes the active editor
    const shown = new Promise<string>((resolve) => {
      const sub = api.statusBar.onDidUpdate((text) => {
        if (/\$\(error\) \d+ .*· 5 sources$/.test(text)) {
          sub.dispose();
          resolve(text);
        }
      });
    });
    await openBrief("briefs/problems.brief.md", has("quote-mismatch"));
    const text = await shown;
    // Counted as the Problems panel counts: errors, warnings and infos apart (hints are not listed there).
    const all = vscode.languages.getDiagnostics(fileUri("briefs/problems.brief.md"));
    const n = (s: vscode.DiagnosticSeverity) => all.filter((d) => d.severity === s).length;
    const [errors, warnings, infos] = [n(vscode.DiagnosticSeverity.Error), n(vscode.DiagnosticSeverity.Warning), n(vscode.DiagnosticSeverity.Information)];
    assert.ok(warnings > 0);
    const expected = [`$(error) ${errors}`, `$(warning) ${warnings}`, infos ? `$(info) ${infos}` : ""].filter(Boolean).join(" ");
    assert.equal(text, `$(book) ${expected} · 5 sources`);
    assert.ok(api.statusBar.item.tooltip?.toString().includes(`${errors} errors, ${warnings} warning${warnings === 1 ? "" : "s"}, ${infos} info`), api.statusBar.item.tooltip?.toString());
    assert.ok(api.statusBar.item.tooltip?.toString().includes("5 sources indexed from sources"));
  });

  it("report an invalid config file on the file itself, with its line", async () => {
    const uri = fileUri(".briefrc.json");
    const original = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    const waiting = waitForDiagnostics(uri, (d) => d.some((x) => ruleOf(x) === "config"));
    await writeFile(".briefrc.json", original.replace('"sources": ["sources"],', '"sources": ["sources"]\n  "rules": 5,'));
    const d = await waiting;
    assert.match(d[0].message, /line \d+/);
    const back = waitForDiagnostics(uri, (x) => x.length === 0);
    await writeFile(".briefrc.json", original);
    await back;
  });
});
