import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { activate, nextEvent, openBrief, type TestApi } from "./helpers";

/** Brief: Export… (the real Pandoc) and Brief: Show Evidence Report, in VS Code. */
describe("export and the evidence report in the editor", () => {
  let api: TestApi;
  before(async () => {
    api = await activate();
  });

  afterEach(async () => {
    if (vscode.window.activeTextEditor?.document.isDirty) await vscode.commands.executeCommand("workbench.action.files.revert");
  });

  it("Brief: Export… writes the brief through Pandoc with its references, and never over a file it was not allowed to replace", async function () {
    this.timeout(60_000);
    const { doc } = await openBrief("briefs/quay.brief.md");
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "brief-export-ui-")), "quay.html");
    const result = await vscode.commands.executeCommand<{ output: string; references: number; missing: string[] } | undefined>("briefAuthor.exportBrief", { uri: doc.uri.toString(), format: "html", output: out });
    assert.ok(result, "the export returned its outcome");
    assert.equal(result.references, 1);
    const html = fs.readFileSync(out, "utf8");
    const body = html.slice(html.indexOf("<body")).replace(/<[^>]+>/g, "").replace(/\s+/g, " ");
    assert.doesNotMatch(body, /\[@|@harbor-notice/);
    assert.match(body, /References/);
    assert.match(body, /Pellow quay reopens/);
    // Chicago author-date (Pandoc's default style) title-cases the source's title in the list.
    assert.match(body, /References “Harbour Board Notice on the Reopening of Pellow Quay\.” 2026\. Pellow Harbour Board\. May 4, 2026\. https:\/\/example\.org\/pellow\/notice/);
    // Asked to replace: yes (overwrite given); the docx is a zip archive.
    const docx = out.replace(/\.html$/, ".docx");
    fs.writeFileSync(docx, "old");
    const again = await vscode.commands.executeCommand<{ output: string } | undefined>("briefAuthor.exportBrief", { uri: doc.uri.toString(), format: "docx", output: docx, overwrite: true });
    assert.ok(again);
    assert.equal(fs.readFileSync(docx).subarray(0, 2).toString("latin1"), "PK");
  });

  it("Brief: Show Evidence Report opens a webview beside the brief with every claim, no script, and makes it again on save", async function () {
    this.timeout(60_000);
    const { doc, editor } = await openBrief("briefs/quay.brief.md");
    const shown = await vscode.commands.executeCommand<{ html: string; claims: number; panel: vscode.WebviewPanel } | undefined>("briefAuthor.showEvidenceReport", { uri: doc.uri.toString() });
    assert.ok(shown, "the report was shown");
    assert.equal(shown.panel.viewType, "briefAuthor.evidenceReport");
    assert.equal(shown.panel.webview.options.enableScripts, false);
    const articles = (shown.html.match(/<article class="evidence/g) ?? []).length;
    assert.equal(articles, shown.claims);
    assert.ok(shown.claims >= 2, `${shown.claims} claims`);
    assert.match(shown.html, /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;nonce-[^&]+&#39;/);
    assert.doesNotMatch(shown.html, /<script/i);
    // Save a new claim: the report is made again with it.
    const reports = (api as unknown as { reports: { onDidUpdate: vscode.Event<{ uri: vscode.Uri; html: string }> } }).reports;
    const line = doc.getText().split("\n").findIndex((l) => l.startsWith("The Pellow harbour board reopened"));
    await editor.edit((e) => e.insert(new vscode.Position(line + 1, 0), "\nThe quay closed for eleven weeks of repairs <b>to the wall</b> [@harbor-notice].\n"));
    const updated = nextEvent(reports.onDidUpdate, (e) => e.uri.toString() === doc.uri.toString() && e.html.includes("eleven weeks of repairs &lt;b&gt;"), "the report made again on save");
    await doc.save();
    const next = await updated;
    assert.equal((next.html.match(/<article class="evidence/g) ?? []).length, shown.claims + 1);
    // Put the file back as it was.
    await editor.edit((e) => e.delete(new vscode.Range(line + 1, 0, line + 3, 0)));
    await doc.save();
    shown.panel.dispose();
  });
});
