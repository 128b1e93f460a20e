import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { activate, applyQuickFix, fileUri, hoverText, openBrief, positionOf, ruleOf, waitForDiagnostics, writeFile } from "./helpers";

const BRIEF = `---
type: brief
title: Pellow fees
date: 2026-05-06
author: Test Analyst
---

# Pellow fees

## Description

The Pellow harbour board reopened the north quay on 3 May 2026 after eleven weeks of repairs [@harbor-notice].

## Impact

Berth fees are likely to rise. Freight rates could fall once the backlog clears.

We assess that the board will sell the old terminal.

We assess that the strike is 
`;

describe("tradecraft in the editor", () => {
  before(activate);
  after(async () => {
    if (vscode.window.activeTextEditor?.document.isDirty) await vscode.commands.executeCommand("workbench.action.files.revert");
    await vscode.workspace.fs.delete(fileUri("briefs/fees.brief.md")).then(undefined, () => undefined);
  });

  it("hover on a likelihood term gives its band, range and yardstick", async () => {
    await writeFile("briefs/fees.brief.md", BRIEF);
    const { doc } = await openBrief("briefs/fees.brief.md", (d) => d.some((x) => ruleOf(x) === "vague-likelihood"));
    const hover = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>("vscode.executeHoverProvider", doc.uri, positionOf(doc, "likely to rise", 2)));
    assert.match(hover, /^\*\*likely\*\* — ICD 203, band 5 of 7: \*\*55–80%\*\* \(vocabulary 1\)/, hover);
    assert.match(hover, /Same band: \*probable\* \(vocabulary 2\), \*probably\* \(vocabulary 2\)/, hover);
    const vague = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>("vscode.executeHoverProvider", doc.uri, positionOf(doc, "could fall", 1)));
    assert.match(vague, /\*\*could\*\* is not a term of ICD 203's yardstick/, vague);
  });

  it("completion after a judgment verb offers the yardstick's terms", async () => {
    const { doc } = await openBrief("briefs/fees.brief.md");
    const line = doc.lineAt(doc.lineCount - 2).text.length ? doc.lineCount - 2 : doc.lineCount - 1;
    const at = new vscode.Position(line, doc.lineAt(line).text.length);
    assert.match(doc.lineAt(line).text, /^We assess that the strike is $/);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>("vscode.executeCompletionItemProvider", doc.uri, at, " ");
    const labels = list.items.map((i) => (typeof i.label === "string" ? i.label : i.label.label));
    for (const term of ["almost no chance", "unlikely", "roughly even chance", "likely", "very likely", "almost certain", "probable"]) assert.ok(labels.includes(term), `${term} in ${labels.join(", ")}`);
    const likely = list.items.find((i) => (typeof i.label === "string" ? i.label : i.label.label) === "likely")!;
    assert.match(String(likely.detail), /^ICD 203, band 5: 55–80%, vocabulary 1$/);
  });

  it("quick fixes: a vague word becomes a yardstick term; a judgment gets its confidence sentence", async () => {
    const { doc } = await openBrief("briefs/fees.brief.md", (d) => d.some((x) => ruleOf(x) === "judgment-without-confidence"));
    const fixedVague = waitForDiagnostics(doc.uri, (d) => !d.some((x) => ruleOf(x) === "vague-likelihood"));
    await applyQuickFix(doc, "vague-likelihood", /^Replace with "will likely" \(ICD 203, band 5: 55–80%\)$/);
    await fixedVague;
    assert.ok(doc.getText().includes("Freight rates will likely fall once the backlog clears."), doc.getText());
    const confident = waitForDiagnostics(doc.uri, (d) => !d.some((x) => ruleOf(x) === "judgment-without-confidence" && x.range.start.line === positionOf(doc, "We assess that the board").line));
    await applyQuickFix(doc, "judgment-without-confidence", /^Add "We have moderate confidence in this judgment\."$/);
    await confident;
    assert.ok(doc.getText().includes("We assess that the board will sell the old terminal. We have moderate confidence in this judgment."), doc.getText());
    // One undoable edit each: undo brings the judgment back without its confidence.
    await vscode.commands.executeCommand("undo");
    assert.ok(doc.getText().includes("We assess that the board will sell the old terminal.\n"), doc.getText());
  });
});
