import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { activate, hoverText, nextEvent, openBrief, positionOf, ruleOf, waitForDiagnostics, type TestApi } from "./helpers";

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

  it("a claim that states what its source says only would happen is not confirmed, and weak-support says which words", async () => {
    const { doc } = await briefWith("The board restored the ferry timetable by the end of the month [@harbor-notice].");
    const line = doc.getText().split("\n").findIndex((l) => l.startsWith("The board restored"));
    const diagnostics = await waitForDiagnostics(doc.uri, (d) => d.some((x) => ruleOf(x) === "weak-support" && x.range.start.line === line));
    const weak = diagnostics.find((x) => ruleOf(x) === "weak-support" && x.range.start.line === line)!;
    assert.match(weak.message, /only expects or proposes: "would restore"/, weak.message);
    const claim = (api.diagnostics.resultFor(doc) as { claims: Array<{ verdict: string; start: number }> }).claims.find((c) => doc.positionAt(c.start).line === line);
    assert.equal(claim?.verdict, "unverified");
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

describe("a model the analyst runs, in the editor (a fake OpenAI-compatible server)", () => {
  let api: TestApi;
  let server: http.Server;
  const prompts: string[] = [];
  before(async () => {
    api = await activate();
    server = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        prompts.push((JSON.parse(body) as { messages: Array<{ content: string }> }).messages[0].content);
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ choices: [{ message: { content: "No" } }] }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  });
  after(async () => {
    const c = vscode.workspace.getConfiguration("briefAuthor.model");
    await c.update("endpoint", undefined, vscode.ConfigurationTarget.Global);
    await c.update("name", undefined, vscode.ConfigurationTarget.Global);
    if (vscode.window.activeTextEditor?.document.isDirty) await vscode.commands.executeCommand("workbench.action.files.revert");
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("a workspace cannot turn it on; the user's settings can: a claim no check confirms gets the model's verdict and model-disagrees", async () => {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
    const c = vscode.workspace.getConfiguration("briefAuthor.model");
    // An application-scoped setting has no workspace value: VS Code refuses to write one.
    await assert.rejects(Promise.resolve(c.update("endpoint", url, vscode.ConfigurationTarget.Workspace)));
    await c.update("endpoint", url, vscode.ConfigurationTarget.Global);
    await c.update("name", "fake-minicheck", vscode.ConfigurationTarget.Global);
    const { doc, editor } = await openBrief("briefs/quay.brief.md");
    const line = doc.getText().split("\n").findIndex((l) => l.startsWith("The Pellow harbour board reopened"));
    const judged = waitForDiagnostics(doc.uri, (d) => d.some((x) => ruleOf(x) === "model-disagrees"));
    await editor.edit((e) => e.insert(new vscode.Position(line + 1, 0), "\nThe harbour board marked the reopening of the quay with a public festival [@harbor-notice].\n"));
    const diagnostics = await judged;
    const d = diagnostics.find((x) => ruleOf(x) === "model-disagrees")!;
    assert.match(d.message, /^fake-minicheck judged that the cited passage of @harbor-notice does not support this claim$/);
    assert.ok(prompts.some((p) => /^Document: .*\nClaim: The harbour board marked the reopening of the quay with a public festival\.$/s.test(p)), prompts.join("\n---\n"));
    const claim = (api.diagnostics.resultFor(doc) as { claims: Array<{ verdict: string; rules: string[] }> }).claims.find((x) => x.rules.includes("model-disagrees"));
    assert.equal(claim?.verdict, "contradicted");
  });
});
