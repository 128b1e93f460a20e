import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { activate, fileUri, hoverText, openBrief, positionOf, ruleOf, waitForDiagnostics, writeFile } from "./helpers";

// A fictional report in Japanese, and a Japanese brief citing it with one figure changed (727 for 772).
const SOURCE = `---
id: kairo-accord
title: 東京で港湾協定に署名
publisher: 架空通信
published: 2026-08-24
---

架空の港湾国であるカイロ連合とミナト共和国は8月23日、東京で新たな港湾協定に署名した。協定の総額は772億ドルに上る。

ミナト共和国の外務大臣は記者団に対し「この協定は両国の物流を根本から変える」と述べた。
`;

const BRIEF = `---
title: 港湾協定
date: 2026-08-25
---

# 港湾協定

## Description

カイロ連合とミナト共和国は8月23日、東京で港湾協定に署名した[@kairo-accord]。協定の総額は727億ドルに上る[@kairo-accord]。

## Impact

地域の物流が変わる。
`;

describe("a Japanese source in the editor", () => {
  before(activate);
  after(async () => {
    if (vscode.window.activeTextEditor) await vscode.commands.executeCommand("workbench.action.closeActiveEditor");
    for (const rel of ["briefs/accord-ja.brief.md", "sources/kairo-accord.md"]) await vscode.workspace.fs.delete(fileUri(rel)).then(undefined, () => undefined);
  });

  it("a changed figure is flagged, and the hover shows the passage and its language", async () => {
    await writeFile("sources/kairo-accord.md", SOURCE);
    await writeFile("briefs/accord-ja.brief.md", BRIEF);
    const { doc } = await openBrief("briefs/accord-ja.brief.md");
    const diagnostics = await waitForDiagnostics(doc.uri, (d) => d.some((x) => ruleOf(x) === "number-mismatch"));
    const figure = diagnostics.filter((x) => ruleOf(x) === "number-mismatch");
    assert.equal(figure.length, 1, diagnostics.map((d) => `${ruleOf(d)}: ${d.message}`).join("\n"));
    assert.match(figure[0].message, /^figure "727億ドル" appears in none of the cited sources \(@kairo-accord\); the closest they hold is "772億ドル"$/);
    assert.equal(doc.getText(figure[0].range), "727億ドル");
    assert.ok(!diagnostics.some((x) => ruleOf(x) === "weak-support" || ruleOf(x) === "unknown-source"), diagnostics.map((d) => ruleOf(d)).join(", "));
    // The first sentence holds; its hover gives the verdict, the source's language and the passage, shared words in bold.
    const hover = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>("vscode.executeHoverProvider", doc.uri, positionOf(doc, "[@kairo-accord]", 3)));
    assert.match(hover, /^✓ \*\*Confirmed\*\*/, hover);
    assert.match(hover, /\*in Japanese\*/, hover);
    assert.match(hover, /\*\*[^*]*協定[^*]*\*\*/, hover);
    assert.match(hover, /> 架空の\*\*港湾\*\*国である/, hover);
    // The Quick Fix puts the source's figure in.
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>("vscode.executeCodeActionProvider", doc.uri, figure[0].range);
    assert.ok(actions.some((a) => a.title === "Change to 772億ドル"), actions.map((a) => a.title).join(", "));
  });
});
