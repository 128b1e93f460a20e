import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { activate } from "./helpers";

/** The four language model tools, called as an assistant in agent mode calls them. */
async function invoke(name: string, input: Record<string, unknown>): Promise<string> {
  const result = await vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined }, new vscode.CancellationTokenSource().token);
  return result.content.map((p) => (p instanceof vscode.LanguageModelTextPart ? p.value : "")).join("");
}

describe("language model tools (agent mode)", () => {
  before(activate);

  it("contributes the four tools", () => {
    const names = vscode.lm.tools.map((t) => t.name);
    for (const n of ["briefAuthor_checkBrief", "briefAuthor_findSupportingPassages", "briefAuthor_listSources", "briefAuthor_readSource"]) assert.ok(names.includes(n), `${n} in ${names.join(", ")}`);
    const check = vscode.lm.tools.find((t) => t.name === "briefAuthor_checkBrief")!;
    assert.match(check.description, /confirmed \(the cited passage holds it\), contradicted/);
  });

  it("briefAuthor_checkBrief: a brief on disk, and a draft with a wrong figure", async () => {
    const onDisk = JSON.parse(await invoke("briefAuthor_checkBrief", { path: "briefs/quay.brief.md" }));
    assert.equal(onDisk.file, "briefs/quay.brief.md");
    assert.ok(onDisk.claims.length >= 2, JSON.stringify(onDisk.claims));
    assert.ok(onDisk.claims.every((c: { verdict: string }) => ["confirmed", "contradicted", "unverified"].includes(c.verdict)));
    const draft = "---\ntitle: Draft\ndate: 2026-05-06\n---\n\n# Draft\n\n## Description\n\nThe Pellow harbour board reopened the north quay on 3 May 2026 after fourteen weeks of repairs [@harbor-notice].\n\n## Impact\n\nFerries are likely to return.\n";
    const checked = JSON.parse(await invoke("briefAuthor_checkBrief", { path: "briefs/draft.brief.md", text: draft }));
    assert.ok(checked.problems.some((p: { rule: string }) => p.rule === "number-mismatch"), JSON.stringify(checked.problems));
    assert.equal(checked.claims[0].verdict, "contradicted");
  });

  it("briefAuthor_findSupportingPassages, briefAuthor_listSources and briefAuthor_readSource", async () => {
    const passages = JSON.parse(await invoke("briefAuthor_findSupportingPassages", { sentence: "The harbour board reopened the north quay after repairs" }));
    assert.equal(passages[0].key, "harbor-notice");
    assert.ok(passages[0].coverage > 0.5, JSON.stringify(passages[0]));
    const sources = JSON.parse(await invoke("briefAuthor_listSources", { query: "harbour" }));
    assert.ok(sources.some((s: { key: string; publisher: string }) => s.key === "harbor-notice" && s.publisher === "Pellow Harbour Board"), JSON.stringify(sources));
    const text = JSON.parse(await invoke("briefAuthor_readSource", { key: "harbor-notice" }));
    assert.match(text.text, /reopened the north quay on 3 May 2026/);
    const page = JSON.parse(await invoke("briefAuthor_readSource", { key: "harbour-review", page: 2 }));
    assert.match(page.part, /^page \S+ \(2 of \d+\)$/);
  });

  it("a path outside the workspace and a key no source has are refused, in words the model can act on", async () => {
    assert.match(await invoke("briefAuthor_checkBrief", { path: "../../etc/passwd" }), /^Error: "\.\.\/\.\.\/etc\/passwd" is outside the workspace/);
    assert.match(await invoke("briefAuthor_readSource", { key: "no-such-key" }), /^Error: no source in the library has the key "no-such-key"/);
  });
});
