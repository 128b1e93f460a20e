import * as assert from "node:assert/strict";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as vscode from "vscode";
import { activate, fileUri, has, hoverText, openBrief, positionOf, ruleOf, writeFile } from "./helpers";

const BRIEF = `---
type: brief
title: Pellow ferry
date: 2025-08-25
author: Test Analyst
---

# Pellow ferry

## Description

The ferry returns to 14 crossings a day from Monday [@ferry-page].
Repairs to the north berth "were finished on 19 August, eleven days ahead of plan" [@harbour-review, p. 3].

## Impact

Islanders regain an early crossing.
`;

describe("web pages and PDFs as sources", () => {
  before(activate);

  it("hover over a web page's citation shows its metadata and the supporting passage", async () => {
    await writeFile("briefs/documents.brief.md", BRIEF);
    const { doc } = await openBrief("briefs/documents.brief.md", has("locator-mismatch"));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>("vscode.executeHoverProvider", doc.uri, positionOf(doc, "@ferry-page", 2));
    const text = hoverText(hovers);
    assert.match(text, /Pellow ferry to resume 14 daily crossings after storm repairs/);
    assert.match(text, /The Pellow Courier/);
    assert.match(text, /web page/);
    assert.match(text, /\*\*14\*\* \*\*crossings\*\*/);
  });

  it("hover over a PDF citation shows the page of the passage; the wrong page is a locator-mismatch", async () => {
    const { doc, diagnostics } = await openBrief("briefs/documents.brief.md", has("locator-mismatch"));
    const d = diagnostics.find((x) => ruleOf(x) === "locator-mismatch")!;
    assert.match(d.message, /is on page 2 of @harbour-review, not on the cited p\. 3/);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>("vscode.executeHoverProvider", doc.uri, positionOf(doc, "@harbour-review", 2));
    const text = hoverText(hovers);
    assert.match(text, /PDF/);
    assert.match(text, /at page 2\]/);
  });

  it("Go to Definition opens the PDF's extracted text, read-only, at the passage on its page", async () => {
    const { doc } = await openBrief("briefs/documents.brief.md");
    const links = await vscode.commands.executeCommand<Array<vscode.LocationLink | vscode.Location>>("vscode.executeDefinitionProvider", doc.uri, positionOf(doc, "@harbour-review", 2));
    assert.equal(links.length, 1);
    const link = links[0] as vscode.LocationLink;
    assert.equal(link.targetUri.scheme, "brief-source");
    const view = await vscode.workspace.openTextDocument(link.targetUri);
    const selected = view.getText(link.targetRange);
    assert.match(selected, /Repairs to the north berth were finished on 19 August/);
    const before = view.getText(new vscode.Range(0, 0, link.targetRange.start.line, 0));
    assert.equal(before.match(/^\[page \d+\]$/gm)?.pop(), "[page 2]", "the passage stands under its page's line");
    assert.equal(vscode.workspace.fs.isWritableFileSystem("brief-source"), false, "the view is read-only");
    await vscode.window.showTextDocument(view);
    await vscode.commands.executeCommand("workbench.action.closeActiveEditor");
  });

  it("Add Source from URL captures a page from a local server into sources/<key>.md, and never overwrites", async () => {
    // Not byte for byte the library's sources/ferry-page.html (that page would be refused as one the library holds).
    const page = new TextDecoder().decode(await vscode.workspace.fs.readFile(fileUri("sources/ferry-page.html"))) + "\n<!-- served by the test -->\n";
    const server = http.createServer((_req, res) => res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ferry`;
    const target = fileUri("sources/captured-ferry.md");
    try {
      const uri = await vscode.commands.executeCommand<vscode.Uri>("briefAuthor.addSourceFromUrl", { url, key: "captured-ferry" });
      assert.equal(uri?.toString(), target.toString());
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
      assert.match(text, /^---\ntitle: Pellow ferry to resume 14 daily crossings after storm repairs\n/);
      assert.match(text, /\nurl: https:\/\/courier\.pellow\.example\/2025\/08\/ferry-returns\n/);
      assert.match(text, /\nretrieved: "?\d{4}-\d{2}-\d{2}"?\n/);
      assert.match(text, /\nsha256: [0-9a-f]{64}\n/);
      // Again (the same page, the same key): refused, the file is left as it was.
      const again = await vscode.commands.executeCommand<vscode.Uri | undefined>("briefAuthor.addSourceFromUrl", { url, key: "captured-ferry" });
      assert.equal(again, undefined);
      assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(target)), text);
    } finally {
      server.close();
      await vscode.commands.executeCommand("workbench.action.closeAllEditors");
      await vscode.workspace.fs.delete(target).then(undefined, () => undefined);
    }
  });
});
