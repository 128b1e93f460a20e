import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as vscode from "vscode";
import { activate, applyQuickFix, describe as describeDiagnostic, fileUri, has, hoverText, lacks, nextEvent, openBrief, positionOf, ruleOf, waitForDiagnostics, writeFile } from "./helpers";

// The analyst's first hour, round two: each item proven in real VS Code.

const HEAD = "---\ntype: brief\ntitle: First hour\ndate: 2026-05-05\nauthor: Test Analyst\n---\n\n# First hour\n\n";

async function read(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

async function remove(...rels: string[]): Promise<void> {
  for (const rel of rels) await vscode.workspace.fs.delete(fileUri(rel), { recursive: true }).then(undefined, () => undefined);
}

async function closeAll(): Promise<void> {
  await vscode.commands.executeCommand("workbench.action.revertAndCloseActiveEditor");
  await vscode.commands.executeCommand("workbench.action.closeAllEditors");
}

async function completionItems(uri: vscode.Uri, pos: vscode.Position): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>("vscode.executeCompletionItemProvider", uri, pos, "@");
  return [...list.items].sort((a, b) => (a.sortText ?? "").localeCompare(b.sortText ?? ""));
}

const labelOf = (i: vscode.CompletionItem) => (typeof i.label === "string" ? i.label : i.label.label);

describe("first hour, round two", () => {
  before(activate);
  afterEach(closeAll);

  describe("0. links out of the workspace are never followed", () => {
    const MARK = `SECRET-${process.pid}-do-not-show`;
    let outside: string;
    const root = () => fileUri("").fsPath;
    const made: string[] = [];
    const link = (rel: string, target: string) => {
      const p = path.join(root(), rel);
      fs.mkdirSync(path.dirname(p), { recursive: true });
      fs.symlinkSync(target, p);
      made.push(rel);
    };

    before(async () => {
      outside = fs.mkdtempSync(path.join(os.tmpdir(), "brief-author-outside-"));
      fs.writeFileSync(path.join(outside, "passwd.txt"), `root:x:0:0:${MARK}:/root:/bin/bash\n`);
      fs.writeFileSync(path.join(outside, "notes.md"), `# Notes\n\nThe quay reopened. ${MARK}\n`);
      fs.writeFileSync(path.join(outside, "template.md"), `---\ntitle: {{title}}\n---\n\n# {{title}}\n\n${MARK}\n`);
      fs.writeFileSync(path.join(outside, "markdownlint.json"), JSON.stringify({ default: false, comment: MARK }));
    });

    after(async () => {
      for (const rel of made.reverse()) fs.rmSync(path.join(root(), rel), { force: true, recursive: true });
      fs.rmSync(outside, { recursive: true, force: true });
      await (await activate()).services.get(fileUri("briefs/quay.brief.md"))!.ready;
    });

    it("sources, reference lines, bibliography files, templates and markdownlint config: refused, and citing one says why", async () => {
      const api = await activate();
      link("sources/etc-passwd.txt", path.join(outside, "passwd.txt"));
      link("refs/linked-notes.md", path.join(outside, "notes.md"));
      link(".brief-templates/leak.md", path.join(outside, "template.md"));
      link("briefs/leak/.markdownlint.json", path.join(outside, "markdownlint.json"));
      fs.writeFileSync(path.join(root(), "refs", "leak-bib.json"), JSON.stringify([{ id: "linked-entry", type: "report", title: "Linked entry", file: "linked-notes.md" }]));
      made.push("refs/leak-bib.json");
      // The watcher hears of new files; a re-index makes sure the library read the link (and refused it).
      await vscode.commands.executeCommand("briefAuthor.reindexSources");
      const rel = "briefs/leak/leak.brief.md";
      made.push(rel);
      await writeFile(
        rel,
        HEAD.replace("author: Test Analyst\n", "author: Test Analyst\nbibliography: ../../refs/leak-bib.json\n") +
          "## Description\n\nAccounts were listed [@etc-passwd]. The notes say so [@local-notes]. The entry says so [@linked-entry].\n\n## Impact\n\nNone.\n\n[@local-notes]: ../../refs/linked-notes.md\n",
      );
      const { doc, diagnostics } = await openBrief(rel, (d) => d.some((x) => /etc-passwd/.test(x.message)));
      const all = vscode.languages.getDiagnostics();
      for (const [, ds] of all) for (const d of ds) assert.ok(!d.message.includes(MARK), `a diagnostic shows the secret: ${d.message}`);
      const cited = diagnostics.find((d) => ruleOf(d) === "unknown-source" && /@etc-passwd/.test(d.message));
      assert.ok(cited, diagnostics.map(describeDiagnostic).join("\n"));
      assert.match(cited.message, /cannot be checked: sources\/etc-passwd\.txt was not read \(.*link to a place outside the workspace/);
      const ref = diagnostics.find((d) => /@local-notes/.test(d.message) && /reference line/.test(d.message));
      assert.ok(ref, diagnostics.map(describeDiagnostic).join("\n"));
      assert.match(ref.message, /outside the workspace/);
      // Hover and completion never show the file's text.
      for (const key of ["@etc-passwd", "@local-notes]", "@linked-entry"]) {
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>("vscode.executeHoverProvider", doc.uri, positionOf(doc, key, 2));
        assert.ok(!hoverText(hovers).includes(MARK), `hover of ${key} shows the secret`);
      }
      const items = await completionItems(doc.uri, positionOf(doc, "@etc-passwd", 1));
      assert.ok(items.length > 0, "completion offers sources");
      for (const i of items) {
        const docText = typeof i.documentation === "string" ? i.documentation : i.documentation?.value ?? "";
        assert.ok(!docText.includes(MARK) && !String(i.detail ?? "").includes(MARK), `completion ${labelOf(i)} shows the secret`);
      }
      // The bibliography entry's file: its hover says why it has no text; the problem is on the bibliography.
      const entryHover = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>("vscode.executeHoverProvider", doc.uri, positionOf(doc, "@linked-entry", 2)));
      assert.match(entryHover, /could be read \(its file linked-notes\.md was not read: .*outside the workspace/);
      const bib = await waitForDiagnostics(fileUri("refs/leak-bib.json"), (d) => d.some((x) => /linked-entry/.test(x.message)));
      assert.match(bib.map((d) => d.message).join("\n"), /outside the workspace/);
      // Templates: the linked one is not offered, and its text is never read.
      const engine = api.services.get(doc.uri)! as unknown as { service: { workspaceTemplates(folder: string): Promise<{ templates: Array<{ text: string }>; refused: string[] }> } };
      const t = await engine.service.workspaceTemplates(".brief-templates");
      assert.ok(t.templates.every((x) => !x.text.includes(MARK)), `a template shows the secret: ${JSON.stringify(t)}`);
      assert.ok(t.refused.some((r) => /leak\.md: .*outside the workspace/.test(r)), `not refused: ${JSON.stringify(t)}`);
      // The markdownlint config: refused on the file, markdownlint's defaults stay.
      const md = vscode.languages.getDiagnostics(fileUri("briefs/leak/.markdownlint.json"));
      assert.ok(md.some((d) => /cannot be used \(.*outside the workspace.*markdownlint's defaults stay in force/.test(d.message)), md.map(describeDiagnostic).join("\n"));
    });
  });

  describe("link loops inside a source folder", () => {
    it("never hide a real source, nor list it twice", async () => {
      const api = await activate();
      const root = fileUri("").fsPath;
      fs.mkdirSync(path.join(root, "sources", "deep"), { recursive: true });
      fs.symlinkSync(".", path.join(root, "sources", "loop"));
      fs.symlinkSync("..", path.join(root, "sources", "deep", "up"));
      try {
        const before = (await vscode.commands.executeCommand<{ sources: number }>("briefAuthor.reindexSources")).sources;
        const engine = api.services.get(fileUri("briefs/quay.brief.md"))!;
        const { diagnostics } = await openBrief("briefs/quay.brief.md");
        assert.ok(!diagnostics.some((d) => ruleOf(d) === "unknown-source"), diagnostics.map(describeDiagnostic).join("\n"));
        // Each real file once: the loops add nothing (counted on disk, links not followed).
        const real = (dir: string): number => fs.readdirSync(dir, { withFileTypes: true }).reduce((n, e) => n + (e.isSymbolicLink() || e.name.startsWith(".") ? 0 : e.isDirectory() ? real(path.join(dir, e.name)) : /\.(md|markdown|txt|html?|pdf)$/i.test(e.name) ? 1 : 0), 0);
        assert.equal(before, real(path.join(root, "sources")));
        assert.equal(engine.service.library.size, before);
        assert.ok(!vscode.languages.getDiagnostics().some(([, ds]) => ds.some((d) => ruleOf(d) === "duplicate-source-key" && /loop|up\//.test(d.message))));
      } finally {
        fs.rmSync(path.join(root, "sources", "loop"), { force: true });
        fs.rmSync(path.join(root, "sources", "deep"), { recursive: true, force: true });
        await vscode.commands.executeCommand("briefAuthor.reindexSources");
      }
    });
  });

  describe("1–2. completion", () => {
    const rel = "briefs/completion-rank.brief.md";
    after(() => remove(rel, "refs/rank-bib.json"));

    it("ranks every kind of source together (a weak bibliography entry never above a strong library source), and skips the key the citation holds", async () => {
      await writeFile("refs/rank-bib.json", JSON.stringify([{ id: "quay-budget", type: "report", title: "Quay budget", abstract: "The harbour board met on a Tuesday." }]));
      await writeFile(rel, HEAD.replace("author: Test Analyst\n", "author: Test Analyst\nbibliography: ../refs/rank-bib.json\n") + "## Description\n\nThe Pellow harbour board reopened the north quay after repairs that lasted eleven weeks [@\n\nThe quay reopened [@harbor-notice; @\n\n## Impact\n\nNone.\n");
      const { doc } = await openBrief(rel);
      const first = await completionItems(doc.uri, positionOf(doc, "eleven weeks [@", "eleven weeks [@".length));
      const labels = first.map(labelOf);
      assert.equal(labels[0], "harbor-notice", labels.slice(0, 5).join(", "));
      assert.ok(labels.includes("quay-budget"), labels.join(", "));
      const second = await completionItems(doc.uri, positionOf(doc, "[@harbor-notice; @", "[@harbor-notice; @".length));
      assert.ok(!second.map(labelOf).includes("harbor-notice"), "the key the citation holds is not offered again");
      assert.ok(second.length > 0);
    });

    it("a malformed citation being typed is held back while the cursor is in it, shown once the cursor leaves", async () => {
      const api = await activate();
      const { doc, editor } = await openBrief("briefs/quay.brief.md");
      const line = doc.getText().split("\n").findIndex((l) => l.startsWith("Ferry passengers"));
      const end = new vscode.Position(line, doc.lineAt(line).text.length);
      const checked = nextEvent(api.diagnostics.onDidCheck, (u) => u.toString() === doc.uri.toString(), "the check after typing");
      await editor.edit((e) => e.insert(end, " [@harbor-notice; @"));
      const at = new vscode.Position(line, doc.lineAt(line).text.length);
      editor.selection = new vscode.Selection(at, at);
      await checked;
      assert.ok(!vscode.languages.getDiagnostics(doc.uri).some((d) => ruleOf(d) === "malformed-citation" && d.range.start.line === line), "no error under the citation being typed");
      editor.selection = new vscode.Selection(new vscode.Position(0, 0), new vscode.Position(0, 0));
      await waitForDiagnostics(doc.uri, (d) => d.some((x) => ruleOf(x) === "malformed-citation" && x.range.start.line === line));
    });
  });

  describe("3–5, 8, 9. messages, hover and fixes", () => {
    const rel = "briefs/fixes.brief.md";
    after(async () => {
      await remove(rel, "sources/backlog-notice.md", "sources/archive");
      // The library has heard of the deletions (the next tests count its problems).
      await waitForDiagnostics(fileUri("sources/archive/grain-report.txt"), lacks("duplicate-source-key"));
    });

    it("weak-support does not call a plain fact a plan when a later clause of the source expects something else", async () => {
      await writeFile("sources/backlog-notice.md", "---\nid: backlog-notice\ntitle: Backlog notice\n---\n\nThe authority said the backlog stood at 42,000 containers and that it expected to \"clear the waiting ships within ten days\" if the weather held.\n");
      await writeFile(rel, HEAD + "## Description\n\nThe authority put the backlog at 42,000 containers [@backlog-notice]. The authority cleared the waiting ships within ten days [@backlog-notice].\n\n## Impact\n\nNone.\n");
      const { diagnostics } = await openBrief(rel, (d) => d.some((x) => ruleOf(x) === "weak-support"));
      const weak = diagnostics.filter((d) => ruleOf(d) === "weak-support");
      assert.equal(weak.length, 1, weak.map(describeDiagnostic).join("\n"));
      assert.match(weak[0].message, /only expects or proposes: "it expected to "clear the waiting ships within ten days" if the weather held\."/);
    });

    it("hover shows the passage number-mismatch names, and 'Change to' fixes the figure", async () => {
      await writeFile(rel, HEAD + "## Description\n\nThe harbour board said the repairs cost 2.4 million crowns [@harbor-notice].\n\n## Impact\n\nNone.\n");
      const { doc } = await openBrief(rel, has("number-mismatch"));
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>("vscode.executeHoverProvider", doc.uri, positionOf(doc, "@harbor-notice", 2));
      const text = hoverText(hovers);
      assert.match(text, /\*\*4\.2 million\*\*/);
      assert.match(text, /the closest it holds is "4\.2 million"/);
      await applyQuickFix(doc, "number-mismatch", /^Change to 4\.2 million$/);
      assert.match(doc.getText(), /repairs cost 4\.2 million crowns \[@harbor-notice\]/);
      await waitForDiagnostics(doc.uri, lacks("number-mismatch"));
    });

    it("section-order moves the section, duplicate-section merges the repeat: each one undoable edit", async () => {
      await writeFile(rel, HEAD + "## Impact\n\nFerries wait.\n\n## Description\n\nThe quay closed.\n\n## Impact\n\nFares rise.\n");
      const { doc } = await openBrief(rel, (d) => has("section-order")(d) && has("duplicate-section")(d));
      await applyQuickFix(doc, "section-order", /^Move "Description" before "Impact"$/);
      assert.equal(doc.getText(), HEAD + "## Description\n\nThe quay closed.\n\n## Impact\n\nFerries wait.\n\n## Impact\n\nFares rise.\n");
      await waitForDiagnostics(doc.uri, (d) => lacks("section-order")(d) && has("duplicate-section")(d));
      await applyQuickFix(doc, "duplicate-section", /^Merge into the "Impact" section/);
      assert.equal(doc.getText(), HEAD + "## Description\n\nThe quay closed.\n\n## Impact\n\nFerries wait.\n\nFares rise.\n");
      await waitForDiagnostics(doc.uri, lacks("duplicate-section"));
      await vscode.commands.executeCommand("undo");
      assert.equal(doc.getText(), HEAD + "## Description\n\nThe quay closed.\n\n## Impact\n\nFerries wait.\n\n## Impact\n\nFares rise.\n", "one undo takes the whole merge back");
    });

    it("duplicate-source-key tells a text file's owner to rename it", async () => {
      const dup = await writeFile("sources/archive/grain-report.txt", "An older grain report.\n");
      const ds = await waitForDiagnostics(dup, has("duplicate-source-key"));
      const d = ds.find((x) => ruleOf(x) === "duplicate-source-key")!;
      assert.match(d.message, /rename one of the files \(a text file takes its key from its file name\)/);
    });
  });

  describe("6. counts add up", () => {
    it("Check All names every severity, and counts what the Problems panel shows of ours", async () => {
      const api = await activate();
      const summary = await vscode.commands.executeCommand<{ problems: number; errors: number; warnings: number; infos: number; hints: number; inSources: number; message: string }>("briefAuthor.checkWorkspace");
      assert.match(summary.message, new RegExp(`: ${summary.problems} problems? \\(${summary.errors} errors?, ${summary.warnings} warnings?, ${summary.infos} infos?`));
      // What the Problems panel shows of ours, file by file (files that still exist), is what the summary counts.
      const shown = { error: 0, warning: 0, info: 0, hint: 0 };
      const entries: Array<[vscode.Uri, readonly vscode.Diagnostic[]]> = [];
      api.diagnostics.collection.forEach((uri, ds) => void entries.push([uri, ds]));
      const gone: string[] = [];
      for (const [uri, ds] of entries) {
        if (!(await Promise.resolve(vscode.workspace.fs.stat(uri)).then(() => true, () => false))) {
          gone.push(...ds.map((d) => `${vscode.workspace.asRelativePath(uri)}: ${describeDiagnostic(d)}`));
          continue;
        }
        for (const d of ds) shown[(["error", "warning", "info", "hint"] as const)[d.severity]]++;
      }
      assert.deepEqual([summary.errors, summary.warnings, summary.infos, summary.hints], [shown.error, shown.warning, shown.info, shown.hint], `${summary.message}\non files that are gone:\n${gone.join("\n")}`);
    });
  });

  describe("7. renaming a cited source", () => {
    const rel = "briefs/rename.brief.md";
    const setMode = (mode: string | undefined) => vscode.workspace.getConfiguration("briefAuthor").update("updateCitationsOnFileMove", mode, vscode.ConfigurationTarget.Global);
    after(async () => {
      await setMode(undefined);
      await remove(rel, "sources/rename-me.txt", "sources/renamed-source.txt");
    });

    it("updates every citation as one edit when set to always; when set to never, unknown-source proposes the new key", async () => {
      const api = (await activate()) as unknown as { onDidHandleRename: vscode.Event<{ oldKey: string; newKey: string; citations: number; applied: boolean }> };
      await writeFile("sources/rename-me.txt", "Rename notice\n\nThe ferry company renamed its winter timetable.\n");
      await vscode.commands.executeCommand("briefAuthor.reindexSources");
      await writeFile(rel, HEAD + "## Description\n\nThe timetable was renamed [@rename-me]. The company said so [see @rename-me, p. 1].\n\n## Impact\n\nNone.\n\n## Sources\n\n- [@rename-me]\n");
      const { doc } = await openBrief(rel, lacks("unknown-source"));
      await setMode("always");
      let handled = nextEvent(api.onDidHandleRename, (e) => e.oldKey === "rename-me", "the rename to be handled");
      const edit = new vscode.WorkspaceEdit();
      edit.renameFile(fileUri("sources/rename-me.txt"), fileUri("sources/renamed-source.txt"));
      assert.ok(await vscode.workspace.applyEdit(edit));
      const r = await handled;
      assert.deepEqual([r.newKey, r.citations, r.applied], ["renamed-source", 3, true]);
      assert.ok(!doc.getText().includes("@rename-me"), doc.getText());
      assert.equal(doc.getText().match(/@renamed-source/g)?.length, 3);
      await vscode.commands.executeCommand("workbench.action.files.save");
      await waitForDiagnostics(doc.uri, lacks("unknown-source"));
      // Never: the citations stay; the problem's first fix is the source's new name.
      await setMode("never");
      handled = nextEvent(api.onDidHandleRename, (e) => e.oldKey === "renamed-source", "the second rename to be handled");
      const back = new vscode.WorkspaceEdit();
      back.renameFile(fileUri("sources/renamed-source.txt"), fileUri("sources/rename-me.txt"));
      assert.ok(await vscode.workspace.applyEdit(back));
      assert.equal((await handled).applied, false);
      await waitForDiagnostics(doc.uri, has("unknown-source"));
      await applyQuickFix(doc, "unknown-source", /^Change to @rename-me \(the source's new name\)$/);
      assert.match(doc.getText(), /renamed \[@rename-me\]/);
    });
  });

  describe("10. the Sources section keeps up", () => {
    const rel = "briefs/keeps-up.brief.md";
    after(() => remove(rel));

    it("a citation accepted from completion or Insert Citation is listed in the same edit", async () => {
      await writeFile(rel, HEAD + "## Description\n\nThe Pellow harbour board reopened the north quay [@\n\n## Impact\n\nFerries return.\n\n## Sources\n\n<!-- One line per cited source. -->\n");
      const { doc, editor } = await openBrief(rel);
      const items = await completionItems(doc.uri, positionOf(doc, "north quay [@", "north quay [@".length));
      const item = items.find((i) => labelOf(i) === "harbor-notice")!;
      assert.ok(item.additionalTextEdits?.length === 1, "lists the key in the Sources section");
      assert.equal(item.additionalTextEdits![0].newText, "\n\n- [@harbor-notice]");
      // Insert Citation: the key and its Sources line in one edit.
      const at = positionOf(doc, "Ferries return.", "Ferries return".length);
      editor.selection = new vscode.Selection(at, at);
      await vscode.commands.executeCommand("briefAuthor.insertCitation", { key: "grain-report" });
      assert.match(doc.getText(), /Ferries return \[@grain-report\]\./);
      assert.match(doc.getText(), /<!-- One line per cited source\. -->\n\n- \[@grain-report\]\n$/);
      await vscode.commands.executeCommand("undo");
      assert.ok(!doc.getText().includes("grain-report"), "one undo takes both back");
    });
  });

  describe("12–13. extracted views and dates", () => {
    it("a web page's view wraps its lines; its date shows without a time", async () => {
      const rel = "briefs/view.brief.md";
      await writeFile(rel, HEAD + "## Description\n\nThe ferry returns to a full timetable [@ferry-page].\n\n## Impact\n\nNone.\n");
      try {
        const { doc } = await openBrief(rel);
        const hover = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>("vscode.executeHoverProvider", doc.uri, positionOf(doc, "@ferry-page", 2)));
        assert.match(hover, /2025-08-22/);
        assert.doesNotMatch(hover, /T\d\d:\d\d/);
        const defs = await vscode.commands.executeCommand<vscode.LocationLink[]>("vscode.executeDefinitionProvider", doc.uri, positionOf(doc, "@ferry-page", 2));
        const view = await vscode.workspace.openTextDocument(defs[0].targetUri);
        await vscode.window.showTextDocument(view);
        if (view.languageId !== "brief-source-view") await nextEvent(vscode.workspace.onDidOpenTextDocument, (d) => d.uri.toString() === view.uri.toString() && d.languageId === "brief-source-view", "the view's language");
        assert.equal(vscode.workspace.getConfiguration("editor", { languageId: "brief-source-view" }).get("wordWrap"), "on");
      } finally {
        await closeAll();
        await remove(rel);
      }
    });
  });

  describe("11. Add Source", () => {
    after(() => remove("sources/spaced-page.md", "saved pages"));

    it("takes a file:// address with %20, refuses the same page twice, and never follows a typed link out of the workspace", async () => {
      const outside = fs.mkdtempSync(path.join(os.tmpdir(), "brief-author-saved "));
      try {
        const page = await read(fileUri("sources/ferry-page.html"));
        // The very page the library holds (sources/ferry-page.html), saved again: refused, nothing written.
        await vscode.workspace.fs.copy(fileUri("sources/ferry-page.html"), fileUri("saved pages/same page.html"));
        const same = fileUri("saved pages/same page.html").with({ scheme: "file", authority: "" }).toString();
        assert.equal(await vscode.commands.executeCommand("briefAuthor.addSourceFromUrl", { url: same, key: "spaced-page" }), undefined);
        await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(fileUri("sources/spaced-page.md"))));
        // A file:// address as a browser shows it, %20 and all, of another page saved in the workspace.
        await writeFile("saved pages/third page.html", page.replace(/Pellow ferry to resume 14 daily crossings after storm repairs/g, "Pellow quay opens a second berth"));
        const url = fileUri("saved pages/third page.html").with({ scheme: "file", authority: "" }).toString();
        assert.match(url, /^file:\/\/.*saved%20pages\/third%20page\.html$/);
        const spaced = await vscode.commands.executeCommand<vscode.Uri>("briefAuthor.addSourceFromUrl", { url, key: "spaced-page" });
        assert.equal(spaced?.toString(), fileUri("sources/spaced-page.md").toString());
        assert.match(await read(spaced), /title: Pellow quay opens a second berth/);
        // The same page again, under another key: refused.
        assert.equal(await vscode.commands.executeCommand("briefAuthor.addSourceFromUrl", { url, key: "spaced-page-2" }), undefined);
        await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(fileUri("sources/spaced-page-2.md"))));
        // A link in the workspace to a page outside it, typed (or passed as a "file"): refused at once, never read.
        fs.writeFileSync(path.join(outside, "secret page.html"), page.replace(/Pellow ferry/g, "Hidden ferry"));
        fs.symlinkSync(path.join(outside, "secret page.html"), path.join(fileUri("saved pages").fsPath, "linked.html"));
        for (const args of [{ url: "saved pages/linked.html" }, { file: fileUri("saved pages/linked.html").fsPath }]) {
          assert.equal(await vscode.commands.executeCommand(args.url ? "briefAuthor.addSourceFromUrl" : "briefAuthor.addSourceFromFile", { ...args, key: "linked-page" }), undefined);
        }
        await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(fileUri("sources/linked-page.md"))));
      } finally {
        fs.rmSync(outside, { recursive: true, force: true });
      }
    });
  });
});
