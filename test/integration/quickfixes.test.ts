import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { activate, applyQuickFix, has, lacks, openBrief, ruleOf, waitForDiagnostics, writeFile } from "./helpers";

/** Each quick fix is applied through its WorkspaceEdit and the resulting text asserted; undo restores the brief. */
describe("quick fixes", () => {
  before(activate);

  async function fresh() {
    const opened = await openBrief("briefs/problems.brief.md", has("quote-mismatch"));
    return opened;
  }

  afterEach(async () => {
    // Leave the shared brief as it was on disk.
    await vscode.commands.executeCommand("workbench.action.files.revert");
  });

  it("adds a missing required section", async () => {
    const { doc } = await fresh();
    const waiting = waitForDiagnostics(doc.uri, lacks("required-section"));
    await applyQuickFix(doc, "required-section", /Add the "Impact" section/);
    assert.match(doc.getText(), /\[@ferry-survey\]\.\n\n## Impact\n\n## Sources/);
    const d = await waiting;
    assert.ok(has("empty-section")(d), "the new section is empty until written");
  });

  it("cites the best-matching source on an uncited claim", async () => {
    const { doc } = await fresh();
    await applyQuickFix(doc, "uncited-claim", /Cite @ferry-survey/);
    assert.match(doc.getText(), /fell sharply while the quay was closed \[@ferry-survey\]\.\n/);
    await waitForDiagnostics(doc.uri, lacks("uncited-claim"));
  });

  it("adds a cited source to the Sources section", async () => {
    const { doc } = await fresh();
    await applyQuickFix(doc, "unlisted-source", /Add @ferry-survey to Sources/);
    assert.match(doc.getText(), /- \[@harbor-notice\]\n- \[@grain-report\]\n- \[@ferry-survey\]\n?$/);
  });

  it("removes an unused entry from the Sources section", async () => {
    const { doc } = await fresh();
    await applyQuickFix(doc, "unused-source", /Remove @grain-report from Sources/);
    assert.ok(!doc.getText().includes("[@grain-report]"));
    assert.match(doc.getText(), /## Sources\n\n- \[@harbor-notice\]\n$/);
  });

  it("replaces a mismatched quote with the source's own words", async () => {
    const { doc } = await fresh();
    await applyQuickFix(doc, "quote-mismatch", /Replace with the source's words/);
    assert.match(doc.getText(), /it would "restore the ferry timetable by the end of the month" \[@harbor-notice\]/);
    await waitForDiagnostics(doc.uri, lacks("quote-mismatch"));
  });

  it("fixes a markdownlint problem, and all of them at once, undoably", async () => {
    const uri = await writeFile("briefs/style.brief.md", "---\ntype: brief\ntitle: Style\ndate: 2026-05-07\n---\n\n# Style\n\n## Description\n\nThe quay reopened on 3 May 2026 [@harbor-notice].   \n\n\n## Impact\n\nFerries return.   \n");
    const waiting = waitForDiagnostics(uri, (d) => d.filter((x) => ruleOf(x) === "MD009").length === 2 && has("MD012")(d));
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    await waiting;
    await applyQuickFix(doc, "MD009", /Fix MD009/);
    assert.match(doc.getText(), /\[@harbor-notice\]\.\n/);
    const all = await vscode.commands.executeCommand<vscode.CodeAction[]>("vscode.executeCodeActionProvider", uri, new vscode.Range(0, 0, 0, 0), vscode.CodeActionKind.SourceFixAll.append("briefAuthor").value);
    const fixAll = all.find((a) => /Fix all \d+ markdownlint problem/.test(a.title));
    assert.ok(fixAll?.edit, `no fix-all action: ${all.map((a) => a.title).join("; ")}`);
    assert.ok(await vscode.workspace.applyEdit(fixAll.edit));
    assert.equal(doc.getText(), "---\ntype: brief\ntitle: Style\ndate: 2026-05-07\n---\n\n# Style\n\n## Description\n\nThe quay reopened on 3 May 2026 [@harbor-notice].\n\n## Impact\n\nFerries return.\n");
    await vscode.commands.executeCommand("undo");
    assert.match(doc.getText(), /\n\n\n## Impact/);
  });
});
