import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { activate, hoverText, nextEvent, openBrief, positionOf, type TestApi } from "./helpers";

/** Claim verdicts where the analyst sees them: hover, the Claims view, the status bar. */
describe("claim verdicts in the editor", () => {
  let api: TestApi;
  before(async () => {
    api = await activate();
  });

  afterEach(async () => {
    if (vscode.window.activeTextEditor?.document.isDirty) await vscode.commands.executeCommand("workbench.action.files.revert");
    await vscode.commands.executeCommand("briefAuthor.filterClaims", "all");
  });

  /** Opens the brief, edits it, and waits for the check of that version. */
  async function briefWith(sentence: string): Promise<{ doc: vscode.TextDocument; editor: vscode.TextEditor }> {
    const { doc, editor } = await openBrief("briefs/quay.brief.md");
    const line = doc.getText().split("\n").findIndex((l) => l.startsWith("The Pellow harbour board reopened"));
    const checked = nextEvent(api.diagnostics.onDidCheck, (u) => u.toString() === doc.uri.toString() && api.diagnostics.resultFor(doc) !== undefined, "the check of the edited brief");
    await editor.edit((e) => e.insert(new vscode.Position(line + 1, 0), `\n${sentence}\n`));
    await checked;
    return { doc, editor };
  }

  it("hover on a citation gives the claim's verdict first, with why", async () => {
    const { doc } = await briefWith("Passenger numbers fell by 40 percent while the quay was closed [@harbor-notice].");
    const direct = await (api.diagnostics as unknown as { check(d: vscode.TextDocument): Promise<{ claims: unknown[] } | undefined> }).check(doc);
    assert.ok(direct, `check returned a result for version ${doc.version}`);
    const current = api.diagnostics.resultFor(doc) as { claims: Array<{ verdict: string; start: number; end: number }> } | undefined;
    assert.ok(current, `a current result for version ${doc.version} (dirty ${doc.isDirty}; direct check: ${direct.claims.length} claims)`);
    assert.ok(current.claims.some((c) => c.verdict === "contradicted"), JSON.stringify(current.claims));
    const wrong = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>("vscode.executeHoverProvider", doc.uri, positionOf(doc, "closed [@harbor-notice]", 10)));
    assert.match(wrong.split("\n")[0], /^✗ \*\*Contradicted\*\* — figure "40 percent" appears in none of the cited sources/, wrong);
    const right = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>("vscode.executeHoverProvider", doc.uri, positionOf(doc, "[@harbor-notice]. The board", 3)));
    assert.match(right.split("\n")[0], /^✓ \*\*Confirmed\*\* — the passage holds \d+% of its content words/, right);
  });

  it("the Claims view lists the brief's claims with their verdicts, filters by verdict, and reveals a claim's sentence", async () => {
    const { doc } = await briefWith("Passenger numbers fell by 40 percent while the quay was closed [@harbor-notice].");
    const view = api.claims.view;
    const brief = view.getChildren().find((n) => n.uri.toString() === doc.uri.toString());
    assert.ok(brief, "the brief is in the Claims view");
    const claims = view.getChildren(brief);
    const verdicts = claims.map((c) => c.claim!.verdict);
    assert.ok(verdicts.includes("confirmed") && verdicts.includes("contradicted"), verdicts.join(", "));
    const briefItem = view.getTreeItem(brief);
    assert.match(String(briefItem.description), /^\d+ claims: \d+ ✓ 1 ✗ \d+ \?$/);
    const contradicted = claims.find((c) => c.claim!.verdict === "contradicted")!;
    const item = view.getTreeItem(contradicted);
    assert.match(String(item.label), /^Passenger numbers fell by 40 percent/);
    assert.match(String(item.description), /^Contradicted · @harbor-notice$/);
    assert.equal((item.iconPath as vscode.ThemeIcon).id, "error");
    // A passage under the claim: the best cited passage.
    const [passage] = view.getChildren(contradicted);
    assert.equal(passage.kind, "passage");
    // Filter: only contradicted claims.
    await vscode.commands.executeCommand("briefAuthor.filterClaims", "contradicted");
    assert.equal(view.currentFilter, "contradicted");
    const only = view.getChildren(view.getChildren().find((n) => n.uri.toString() === doc.uri.toString()));
    assert.deepEqual(only.map((c) => c.claim!.verdict), ["contradicted"]);
    // Reveal: the command selects the claim's sentence.
    await vscode.commands.executeCommand(item.command!.command, ...(item.command!.arguments ?? []));
    const editor = vscode.window.activeTextEditor!;
    assert.equal(editor.document.uri.toString(), doc.uri.toString());
    assert.match(editor.document.getText(editor.selection), /^Passenger numbers fell by 40 percent while the quay was closed \[@harbor-notice\]\.$/);
  });

  it("the status bar counts the active brief's claims by verdict, in words in its tooltip", async () => {
    const status = api.claims.status;
    const updated = nextEvent(status.onDidUpdate, (t) => /1 ✗/.test(t), "the claims status with one contradicted claim");
    await briefWith("Passenger numbers fell by 40 percent while the quay was closed [@harbor-notice].");
    const text = await updated;
    assert.match(text, /^\d+ claims: \d+ ✓ 1 ✗ \d+ \?$/);
    assert.match(String(status.item.tooltip), /^\d+ claims in this brief: \d+ confirmed, 1 contradicted, \d+ unverified/);
  });
});
