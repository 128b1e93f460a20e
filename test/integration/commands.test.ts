import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { activate, fileUri, has, openBrief, positionOf, ruleOf } from "./helpers";

async function read(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

describe("commands", () => {
  before(activate);

  it("are all in the palette under the Brief category", async () => {
    const ids = await vscode.commands.getCommands(true);
    for (const id of ["newBrief", "insertCitation", "checkWorkspace", "updateSourcesSection", "openSource", "showOutput"]) assert.ok(ids.includes(`briefAuthor.${id}`), id);
  });

  it("New Brief fills a built-in template and never overwrites", async () => {
    const args = { template: "standard", title: "Ferry timetable restored", author: "Test Analyst", date: "2026-05-30", fileName: "briefs/new-one.brief.md" };
    const uri = await vscode.commands.executeCommand<vscode.Uri>("briefAuthor.newBrief", args);
    assert.equal(uri?.toString(), fileUri("briefs/new-one.brief.md").toString());
    const text = await read(uri);
    assert.match(text, /^---\ntype: brief\ntitle: Ferry timetable restored\ndate: 2026-05-30\nauthor: Test Analyst\n---\n\n# Ferry timetable restored\n\n## Description\n/);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString());
    const again = await vscode.commands.executeCommand<vscode.Uri | undefined>("briefAuthor.newBrief", { ...args, title: "Other" });
    assert.equal(again, undefined);
    assert.equal(await read(uri), text, "the existing file is unchanged");
  });

  it("New Brief opens with the cursor in the first placeholder (a name to fill, then the Description), no error, and no system account as author", async () => {
    const api = await activate();
    const target = fileUri("briefs/placeholders.brief.md");
    const checked = new Promise<void>((resolve) => {
      const sub = api.diagnostics.onDidCheck((u) => {
        if (u.toString() !== target.toString()) return;
        sub.dispose();
        resolve();
      });
    });
    const uri = await vscode.commands.executeCommand<vscode.Uri>("briefAuthor.newBrief", { template: "standard", title: "Placeholders", date: "2026-06-01", fileName: "briefs/placeholders.brief.md" });
    assert.equal(uri?.toString(), target.toString());
    const editor = vscode.window.activeTextEditor!;
    assert.ok(!editor.document.isDirty, "saved: the file holds what the editor shows");
    const text = await read(uri);
    const author = /^author: (.*)$/m.exec(text)?.[1];
    const os = await import("node:os");
    if (os.userInfo().username === "root") {
      assert.equal(author, "Your name");
      // The name to fill comes first, in document order; Tab then goes to the Description.
      assert.equal(editor.document.getText(editor.selection), "Your name");
      await vscode.commands.executeCommand("jumpToNextSnippetPlaceholder");
    } else assert.notEqual(author, "root");
    assert.equal(editor.document.getText(editor.selection), "What happened, and where.");
    await checked;
    const errors = vscode.languages.getDiagnostics(uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
    assert.deepEqual(errors.map(ruleOf), []);
  });

  it("Re-index Sources reports what it indexed", async () => {
    const summary = await vscode.commands.executeCommand<{ sources: number; problems: number; missing: string[]; ms: number }>("briefAuthor.reindexSources");
    assert.equal(summary.sources, 5);
    assert.deepEqual(summary.missing, []);
  });

  it("New Brief uses a template from the workspace templates folder", async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>("briefAuthor.newBrief", { template: "Weekly round-up", title: "Week 19", date: "2026-05-08", author: "A. B.", fileName: "briefs/week-19.brief.md" });
    const text = await read(uri);
    assert.match(text, /^---\ntype: brief\ntitle: Week 19\ndate: 2026-05-08\nauthor: A\. B\.\n---\n\n# Week 19\n/);
    assert.ok(!text.includes("templateName"));
  });

  it("Insert Citation inserts the key before the sentence's full stop", async () => {
    const { doc, editor } = await openBrief("briefs/quay.brief.md");
    const end = positionOf(doc, "Ferry passengers should return to the shorter route.", "Ferry passengers should return to the shorter route.".length);
    editor.selection = new vscode.Selection(end, end);
    const key = await vscode.commands.executeCommand<string>("briefAuthor.insertCitation", { key: "ferry-survey" });
    assert.equal(key, "ferry-survey");
    assert.ok(doc.getText().includes("Ferry passengers should return to the shorter route [@ferry-survey]."));
    await vscode.commands.executeCommand("workbench.action.files.revert");
  });

  it("Update Sources Section lists exactly the cited sources", async () => {
    const { doc } = await openBrief("briefs/problems.brief.md");
    assert.ok(await vscode.commands.executeCommand<boolean>("briefAuthor.updateSourcesSection"));
    assert.match(doc.getText(), /## Sources\n\n- \[@harbor-notice\]\n- \[@ferry-survey\]\n$/);
    await vscode.commands.executeCommand("workbench.action.files.revert");
  });

  it("Open Source opens a source at the given line", async () => {
    const uri = fileUri("sources/harbor-notice.md");
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>("briefAuthor.openSource", { uri: uri.toString(), line: 12 });
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString());
    assert.equal(vscode.window.activeTextEditor?.selection.active.line, 12);
    assert.ok(editor);
  });

  it("Open Source by key opens that source", async () => {
    await vscode.commands.executeCommand("briefAuthor.openSource", { key: "grain-report" });
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), fileUri("sources/grain-report.txt").toString());
  });

  it("Check All Briefs checks every brief in the workspace", async () => {
    const summary = await vscode.commands.executeCommand<{ files: number; problems: number; errors: number; cancelled: boolean }>("briefAuthor.checkWorkspace");
    assert.ok(summary.files >= 2, JSON.stringify(summary));
    assert.equal(summary.cancelled, false);
    assert.ok(summary.errors >= 1);
    const problems = vscode.languages.getDiagnostics(fileUri("briefs/problems.brief.md"));
    assert.ok(problems.length > 0);
  });

  it("Fix All markdownlint Problems applies markdownlint's fixes as one undoable edit", async () => {
    const uri = fileUri("briefs/lint.brief.md");
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode("---\ntype: brief\ntitle: Lint\ndate: 2026-05-09\n---\n\n# Lint\n\n## Description\n\nThe quay reopened on 3 May 2026 [@harbor-notice].   \n\n\n## Impact\n\nFerries return.\n"));
    const { doc } = await openBrief("briefs/lint.brief.md", (d) => d.some((x) => ruleOf(x) === "MD012"));
    assert.equal(await vscode.commands.executeCommand<boolean>("briefAuthor.fixAllMarkdownlint"), true);
    assert.ok(doc.getText().includes("[@harbor-notice].\n\n## Impact"));
    await vscode.commands.executeCommand("undo");
    assert.ok(doc.getText().includes("[@harbor-notice].   \n\n\n## Impact"));
  });

  it("Re-index Sources reloads the library and re-checks open briefs", async () => {
    const { doc } = await openBrief("briefs/problems.brief.md", has("quote-mismatch"));
    const waiting = new Promise<void>((resolve) => {
      const sub = vscode.languages.onDidChangeDiagnostics((e) => {
        if (e.uris.some((u) => u.toString() === doc.uri.toString())) {
          sub.dispose();
          resolve();
        }
      });
    });
    await vscode.commands.executeCommand("briefAuthor.reindexSources");
    await waiting;
    assert.ok(has("quote-mismatch")(vscode.languages.getDiagnostics(doc.uri)));
  });

  it("Show Output runs", async () => {
    await vscode.commands.executeCommand("briefAuthor.showOutput");
  });
});
