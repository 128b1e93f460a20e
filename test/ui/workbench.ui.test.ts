/// <reference lib="dom" />
// What an analyst sees and does in the real workbench, on the demo workspace. The tests run in this
// order in one window, as one person's session would; each asserts on the page's elements.
import * as assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawn, spawnSync } from "node:child_process";
import { workbench } from "./hooks";
import { REPO } from "./workbench";
import type { Counts, Problem } from "./workbench";

/** Retries `fn` until it returns a value `ok` accepts (the page changes when the extension answers). */
async function eventually<T>(fn: () => Promise<T>, ok: (v: T) => boolean, what: string, timeout = 30_000): Promise<T> {
  const end = Date.now() + timeout;
  let last: T | undefined;
  let error: unknown;
  while (Date.now() < end) {
    const t = Date.now();
    try {
      last = await fn();
      if (ok(last)) return last;
    } catch (e) {
      error = e;
    }
    if (process.env.UI_DEBUG) console.log(`      ${what}: ${Date.now() - t} ms ${error ? String(error).split("\n")[0] : ""}`);
    await workbench().page.waitForTimeout(100); // the page's next frame, not a wait for the extension
  }
  throw new Error(`timed out waiting for ${what}; last seen: ${JSON.stringify(last) ?? String(error)}`);
}

/** The briefs of the workspace copy, as the analyst's file explorer lists them. */
function briefCount(dir: string): number {
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".brief.md")).length;
}

/** The source files of the workspace copy (the library indexes each, duplicates included). */
function sourceCount(dir: string): number {
  return readdirSync(path.join(dir, "sources"), { recursive: true, encoding: "utf8" }).filter((f) => /\.(md|markdown|txt|html?|pdf)$/i.test(f)).length;
}

/**
 * Runs `body` on a brief that it may change; afterwards (pass or fail) the editor's unsaved changes
 * are reverted and the file on disk is what it was, so the next test starts from the demo.
 */
async function editing(rel: string, body: () => Promise<void>): Promise<void> {
  const wb = workbench();
  const file = path.join(wb.workspace, rel);
  const original = readFileSync(file, "utf8");
  try {
    await body();
  } finally {
    await wb.page.keyboard.press("Escape");
    await wb.focusEditor();
    await wb.runCommand("File: Revert File");
    if (readFileSync(file, "utf8") !== original) writeFileSync(file, original);
  }
}

/**
 * Runs New Brief from the palette, picks the Standard template and gives `title`; stops at the
 * file-name box. Returns the template pick's rows as they were shown.
 */
async function newBriefUpToFileName(title: string): Promise<string[]> {
  const wb = workbench();
  await wb.runCommand("Brief: New Brief");
  await wb.quickPickRows().filter({ hasText: "Standard brief" }).first().waitFor();
  const labels = await wb.quickPickRows().allTextContents();
  await wb.quickInput().fill("Standard");
  await wb.page.keyboard.press("Enter");
  await wb.page.locator(".quick-input-widget .quick-input-title", { hasText: "New Brief: title" }).waitFor();
  await wb.quickInput().fill(title);
  await wb.page.keyboard.press("Enter");
  await wb.page.locator(".quick-input-widget .quick-input-title", { hasText: "New Brief: file name" }).waitFor();
  return labels;
}

const total = (c: Counts) => c.error + c.warning + c.info;

function tally(rows: Problem[]): Counts {
  const c: Counts = { error: 0, warning: 0, info: 0 };
  for (const r of rows) if (r.severity in c) c[r.severity as keyof Counts]++;
  return c;
}

describe("the workbench, as an analyst uses it", function () {
  this.timeout(90_000);

  it("a brief opened from Quick Open shows squiggles, and the Problems panel lists them by rule with the status bar's counts", async () => {
    const wb = workbench();
    await wb.quickOpen("draft-with-problems.brief.md");
    await wb.squiggles("error").first().waitFor();
    await wb.squiggles("warning").first().waitFor();
    const badge = await eventually(() => wb.problemBadge("draft-with-problems.brief.md"), (n) => n >= 10, "the brief's problems in the Problems panel");
    const status = await eventually(() => wb.statusCounts(), (c) => total(c) === badge, `status-bar counts adding up to the panel's ${badge}`);
    const rows = await wb.problemsOf("draft-with-problems.brief.md");
    assert.equal(rows.length, badge);
    assert.deepEqual(tally(rows), status, "errors, warnings and infos: the same in the Problems panel and the status bar");
    const rules = new Set(rows.filter((r) => r.source === "brief-author").map((r) => r.code));
    for (const rule of ["quote-mismatch", "number-mismatch", "unknown-source", "malformed-citation", "uncited-claim", "duplicate-section"]) assert.ok(rules.has(rule), `${rule} in ${[...rules].join(", ")}`);
    const misquote = rows.find((r) => r.code === "quote-mismatch")!;
    assert.equal(misquote.severity, "error");
    assert.match(misquote.message, /clear the waiting ships within ten days/);
  });

  it("hovering a citation shows the source's title and the passage that supports the sentence", async () => {
    const wb = workbench();
    await wb.quickOpen("valmora-strike-ends.brief.md");
    const hover = await wb.hover("valmora-port-notice");
    await hover.locator("blockquote").first().waitFor();
    const text = (await hover.textContent()) ?? "";
    assert.match(text, /Port authority notice on the end of the Valmora dock strike/);
    assert.match((await hover.locator("blockquote").first().textContent()) ?? "", /nineteen days/);
    await wb.page.keyboard.press("Escape");
    await wb.page.mouse.move(5, 5);
  });

  it("the Claims view in the Explorer lists a brief's claims with their verdicts, and a click selects the claim's sentence", async () => {
    const wb = workbench();
    await wb.quickOpen("valmora-strike-ends.brief.md");
    // The status bar counts the brief's claims by verdict.
    const status = wb.page.locator(".statusbar-item", { hasText: /\d+ claims?: \d+ ✓ \d+ ✗ \d+ \?/ }).first();
    await status.waitFor();
    assert.match((await status.textContent()) ?? "", /3 claims: 3 ✓ 0 ✗ 0 \?/);
    await wb.runCommand("Explorer: Focus on Claims View");
    const pane = wb.page.locator(".pane", { has: wb.page.locator(".pane-header", { hasText: /^\s*Claims/i }) });
    const briefRow = pane.locator(".monaco-list-row", { hasText: "valmora-strike-ends.brief.md" }).first();
    await briefRow.waitFor();
    assert.match((await briefRow.textContent()) ?? "", /3 claims: 3 ✓ 0 ✗ 0 \?/);
    const claimRow = pane.locator(".monaco-list-row", { hasText: "Confirmed" }).first();
    await claimRow.waitFor();
    const label = ((await claimRow.locator(".label-name").first().textContent()) ?? "").replace(/…$/, "").trim();
    await claimRow.click();
    // The claim's sentence is selected in the editor (its first words in the selection).
    await eventually(async () => (await wb.page.locator(".monaco-editor .selected-text").count()) > 0, (v) => v, "a selection in the editor");
    const line = await wb.lineWith(label.slice(0, 30));
    assert.ok(line.includes(label.slice(0, 30)), line);
    await wb.focusEditor();
  });

  it("Show Evidence Report opens the brief's report beside it: every claim marked with its verdict in words, its passage and source, no script", async () => {
    const wb = workbench();
    await wb.quickOpen("valmora-strike-ends.brief.md");
    await wb.runCommand("Brief: Show Evidence Report");
    await wb.page.locator(".tabs-container .tab", { hasText: "Evidence: valmora-strike-ends.brief.md" }).waitFor();
    // VS Code draws a webview in an iframe holding the page's own frame.
    const report = wb.page.frameLocator("iframe.webview.ready").frameLocator("#active-frame");
    await report.locator("h1", { hasText: "Evidence report: Valmora dock strike ends after nineteen days" }).waitFor({ timeout: 30_000 });
    assert.match((await report.locator("#claim-total").textContent()) ?? "", /^3 claims: 3 confirmed, 0 contradicted, 0 unverified/);
    assert.equal(await report.locator("article.evidence").count(), 3);
    assert.equal(await report.locator("#brief span.claim.v-confirmed").count(), 3);
    const first = report.locator("article.evidence").first();
    assert.match((await first.locator("h3").textContent()) ?? "", /Claim 1 ✓ Confirmed line \d+ · cites valmora-port-notice/);
    assert.ok((await first.locator("blockquote mark").count()) > 3, "the words the claim shares with its passage are marked");
    assert.match((await first.locator(".source").textContent()) ?? "", /Port authority notice on the end of the Valmora dock strike · Valmora Port Authority · 2026-03-14/);
    assert.equal(await report.locator("script").count(), 0);
    // Closed from its tab (the keyboard's focus may be inside the webview).
    const tab = wb.page.locator(".tabs-container .tab", { hasText: "Evidence: valmora-strike-ends.brief.md" });
    await tab.hover();
    await tab.locator(".action-label.codicon-close, .codicon-close").first().click();
    await tab.waitFor({ state: "detached" });
  });

  it("a key picked from completion leaves the cursor after the citation, so the full stop is outside it", async () => {
    const wb = workbench();
    await wb.quickOpen("valmora-strike-ends.brief.md");
    await editing("briefs/valmora-strike-ends.brief.md", async () => {
      await wb.statusItem().first().waitFor();
      const before = readFileSync(path.join(wb.workspace, "briefs", "valmora-strike-ends.brief.md"), "utf8").split("\n");
      const lineNo = before.findIndex((l) => l.includes("rose 18 percent [@kestrel-freight-index].")) + 2; // the new line, 1-based
      await wb.clickEndOf("rose 18 percent [@kestrel-freight-index].");
      await wb.page.keyboard.press("Enter");
      await wb.page.keyboard.type("Crane operators returned to the container terminal at six in the morning ");
      // Not cited yet: the claim is flagged (so the check after the citation is known to have run).
      await eventually(() => wb.problemsOf("valmora-strike-ends.brief.md"), (r) => r.some((p) => p.line === lineNo && p.code === "uncited-claim"), "uncited-claim on the new sentence");
      await wb.focusEditor();
      await wb.page.keyboard.type("[@");
      const suggest = wb.page.locator(".editor-widget.suggest-widget.visible");
      await suggest.waitFor();
      await wb.page.keyboard.type("valmora");
      const row = suggest.locator(".monaco-list-row.focused", { hasText: "valmora-port-notice" });
      await row.waitFor();
      // The details pane: the title once, then the passage that supports the sentence.
      const details = wb.page.locator(".suggest-details-container .suggest-details");
      // Collapsed in a fresh profile: Ctrl+Space shows it (pressed only when it has not come up by itself).
      if (!(await details.waitFor({ timeout: 2000 }).then(() => true, () => false))) await wb.page.keyboard.press("Control+Space");
      await details.locator("blockquote").waitFor();
      const detailsText = (await details.textContent()) ?? "";
      assert.equal(detailsText.split("Port authority notice on the end of the Valmora dock strike").length - 1, 1, detailsText);
      assert.match((await details.locator("blockquote").textContent()) ?? "", /Crane operators returned to the container terminal/);
      await wb.page.keyboard.press("Enter");
      await wb.page.keyboard.type(".");
      // Once the typed full stop is drawn (wherever it landed), it must stand after the citation.
      const line = await eventually(() => wb.lineWith("Crane operators returned"), (l) => /morning \[@.*\./.test(l), "the full stop drawn");
      assert.match(line, /six in the morning \[@valmora-port-notice\]\.$/);
      // The line had a problem a moment ago (uncited-claim, then while the key was half typed an
      // unknown one); once the final text is checked it has none: no malformed-citation.
      await eventually(() => wb.problemsOf("valmora-strike-ends.brief.md"), (r) => !r.some((p) => p.line === lineNo), "the cited sentence checked clean");
    });
  });

  it("New Brief proposes the briefs folder, opens the template with tab stops and no error, and never overwrites", async () => {
    const wb = workbench();
    await wb.quickOpen("draft-with-problems.brief.md");
    await eventually(() => wb.statusCounts(), (c) => c.error > 0, "the draft's errors in the status bar");
    const labels = await newBriefUpToFileName("Ferry fares rise on the Pellow crossing");
    assert.ok(labels.some((l) => l.includes("Label-style brief")) && labels.some((l) => l.includes("Flash brief")), labels.join(" | "));
    const proposed = await wb.quickInput().inputValue();
    assert.match(proposed, /^briefs\/\d{4}-\d\d-\d\d-ferry-fares-rise-on-the-pellow-crossing\.brief\.md$/);
    // The analyst files it in a folder of its own.
    const typed = proposed.replace(/^briefs\//, "briefs/ferries/");
    await wb.quickInput().fill(typed);
    await wb.page.keyboard.press("Enter");
    const name = path.basename(typed);
    await wb.page.locator(".tabs-container .tab.active", { hasText: name }).waitFor();
    // The template's placeholders are snippet tab stops, the first one selected.
    await wb.editor().locator(".snippet-placeholder").first().waitFor();
    const lines = await wb.lines();
    assert.ok(lines.includes("title: Ferry fares rise on the Pellow crossing"), lines.join("\n"));
    assert.ok(!lines.some((l) => /^author: root$/.test(l)), "no system account as the author");
    // A name to fill comes first (document order): typing replaces it; Tab goes to the Description's placeholder.
    if (lines.includes("author: Your name")) {
      await wb.page.keyboard.type("Ann Analyst");
      await wb.page.keyboard.press("Tab");
    }
    // The cursor is in the Description's placeholder: typing replaces it; Tab goes to the Impact's.
    await wb.page.keyboard.type("Fares on the Pellow ferry rise by a tenth");
    // Checked now (the new claim is flagged as uncited), with the Impact's placeholder still unfilled:
    // a warning for the writer's own sentence, and no error anywhere in the brief.
    const checked = await eventually(() => wb.problemsOf(path.basename(typed)), (r) => r.some((p) => p.code === "uncited-claim"), "the new brief checked");
    assert.deepEqual(checked.filter((p) => p.severity === "error"), []);
    assert.equal(await wb.squiggles("error").count(), 0);
    await wb.focusEditor();
    await wb.page.keyboard.press("Tab");
    await wb.page.keyboard.type("Islanders pay more");
    await wb.editor().locator(".view-line", { hasText: "Islanders pay more" }).waitFor();
    const after = await wb.lines();
    const description = after.indexOf("## Description");
    assert.equal(after[description + 2], "Fares on the Pellow ferry rise by a tenth", after.join("\n"));
    assert.equal(after[after.indexOf("## Impact") + 2], "Islanders pay more", after.join("\n"));
    await wb.page.keyboard.press("Escape");
    await wb.page.keyboard.press("Control+S");
    await wb.page.locator(".tabs-container .tab.active:not(.dirty)", { hasText: name }).waitFor();
    const file = path.join(wb.workspace, typed);
    const saved = readFileSync(file, "utf8");
    assert.match(saved, /## Description\n\nFares on the Pellow ferry rise by a tenth\n/);
    if (lines.includes("author: Your name")) assert.match(saved, /^author: Ann Analyst$/m);

    // Again with the same title: the folder typed last time is proposed, the clash is refused in the box.
    await newBriefUpToFileName("Ferry fares rise on the Pellow crossing");
    assert.equal(await wb.quickInput().inputValue(), typed);
    await wb.quickInputMessage().filter({ hasText: "already exists" }).waitFor();
    await wb.page.keyboard.press("Enter"); // refused while the name clashes
    await wb.quickInputMessage().filter({ hasText: "already exists" }).waitFor();
    assert.ok(await wb.page.locator(".quick-input-widget .quick-input-title", { hasText: "New Brief: file name" }).isVisible(), "still asking");
    assert.equal(await wb.quickInput().inputValue(), typed, "the folder and name typed are kept");
    assert.ok(!(await wb.notificationsSeen()).some((n) => /not overwritten|could not be created/.test(n)), "the box refused the name; no create was tried");
    await wb.page.keyboard.press("Escape");
    assert.equal(readFileSync(file, "utf8"), saved, "the existing brief is unchanged");
  });

  it("a new brief with no problem shows no light bulb on any line of its sections", async () => {
    const wb = workbench();
    await newBriefUpToFileName("Harbour dues stay the same");
    const name = path.basename(await wb.quickInput().inputValue());
    await wb.page.keyboard.press("Enter");
    await wb.editor().locator(".snippet-placeholder").first().waitFor();
    await wb.page.keyboard.press("Escape");
    // A check is seen first (a claim typed is flagged, then gone once the file is reverted), so the
    // empty answers below come from a checked brief.
    await wb.clickEndOf("What happened, and where.");
    await wb.page.keyboard.type(" More ferries cross to the island every day now.");
    // The whole sentence flagged: a check of its first keystrokes can be published before the editor
    // has taken the last ones, which would then go to the command palette opened below.
    await eventually(() => wb.problemsOf(name), (r) => r.some((p) => p.code === "uncited-claim" && p.message.includes("every day now")), "the typed claim flagged");
    await wb.focusEditor();
    await wb.runCommand("File: Revert File");
    await eventually(() => wb.problemsOf(name), (r) => r.length === 0, "the reverted brief checked clean");
    await wb.focusEditor();
    // Quick Fix (Ctrl+.) on each line from the Description's heading to the Sources heading says there is nothing to do.
    const lines = await wb.lines();
    const from = lines.indexOf("## Description");
    const to = lines.indexOf("## Sources");
    assert.ok(from > 0 && to > from, lines.join("\n"));
    await wb.editor().locator(".view-line", { hasText: "## Description" }).first().click();
    for (let i = from; i <= to; i++) {
      await wb.page.keyboard.press("Control+.");
      await wb.page.locator(".monaco-editor-overlaymessage", { hasText: "No code actions available" }).waitFor();
      assert.equal(await wb.lightBulb().count(), 0, `a light bulb on line ${i + 1}`);
      await wb.page.keyboard.press("Escape");
      await wb.page.keyboard.press("ArrowDown");
    }
    assert.deepEqual(await wb.problemsOf(name), []);
    await wb.focusEditor();
  });

  it("a quick fix from the light bulb changes the text and the problem goes away", async () => {
    const wb = workbench();
    await wb.quickOpen("draft-with-problems.brief.md");
    await editing("briefs/draft-with-problems.brief.md", async () => {
      await eventually(() => wb.problemsOf("draft-with-problems.brief.md"), (r) => r.some((p) => p.code === "unknown-source"), "the unknown key in the Problems panel");
      await wb.focusEditor();
      const typo = wb.editor().locator(".view-line span[class*=\"mtk\"]", { hasText: "valmora-port-notise" }).first();
      await typo.click();
      const bulb = wb.lightBulb();
      await bulb.waitFor();
      await bulb.click();
      // The light bulb's menu lists the fix, focused; Enter applies it ("Enter to Apply").
      await wb.page.locator(".action-widget .monaco-list-row.focused", { hasText: "Change to @valmora-port-notice" }).waitFor();
      await wb.page.keyboard.press("Enter");
      await eventually(() => wb.lineWith("The union thanked its members"), (l) => /\[@valmora-port-notice\]\.$/.test(l), "the key corrected in the text");
      await eventually(() => wb.problemsOf("draft-with-problems.brief.md"), (r) => !r.some((p) => p.code === "unknown-source"), "the unknown-source problem gone");
    });
  });

  it("saving a brief without an Impact section shows the error", async () => {
    const wb = workbench();
    await wb.quickOpen("pellow-ferry-returns.brief.md");
    await editing("briefs/pellow-ferry-returns.brief.md", async () => {
      const text = readFileSync(path.join(wb.workspace, "briefs", "pellow-ferry-returns.brief.md"), "utf8").split("\n");
      const impact = text.indexOf("## Impact");
      const sources = text.indexOf("## Sources");
      await wb.editor().locator(".view-line", { hasText: "## Impact" }).first().click();
      // Delete Line (Ctrl+Shift+K), once per line of the section: the Impact heading and its paragraph go.
      for (let i = impact; i < sources; i++) await wb.page.keyboard.press("Control+Shift+K");
      await wb.page.keyboard.press("Control+S");
      await wb.page.locator(".tabs-container .tab.active:not(.dirty)", { hasText: "pellow-ferry-returns.brief.md" }).waitFor();
      const rows = await eventually(() => wb.problemsOf("pellow-ferry-returns.brief.md"), (r) => r.some((p) => p.code === "required-section"), "required-section in the Problems panel");
      const missing = rows.find((p) => p.code === "required-section")!;
      assert.equal(missing.severity, "error");
      assert.match(missing.message, /Impact/);
      await wb.squiggles("error").first().waitFor();
    });
  });

  it("Check All shows a progress notification, then a summary naming every severity, with the CLI's counts", async () => {
    const wb = workbench();
    await wb.clearNotifications();
    await wb.runCommand("Brief: Check All Briefs in the Workspace");
    const briefs = briefCount(wb.workspace);
    await wb.waitForNotification(/Checking briefs/);
    const summary = await wb.waitForNotification(new RegExp(`checked ${briefs} briefs: \\d+ problems \\(\\d+ errors?, \\d+ warnings?, \\d+ infos?`));
    assert.ok(!summary.startsWith("[progress]"), summary);
    await wb.page.locator(".notification-toast", { hasText: `checked ${briefs} briefs` }).waitFor();
    // The parts add up to the whole, and to what the CLI counts on the same files.
    const m = /: (\d+) problems \((\d+) errors?, (\d+) warnings?, (\d+) infos?/.exec(summary)!;
    const [all, errors, warnings, infos] = m.slice(1).map(Number);
    assert.equal(all, errors + warnings + infos, summary);
    const cli = spawnSync(process.execPath, [path.join(REPO, "dist", "cli.js"), "check", ".", "--format", "json"], { cwd: wb.workspace, encoding: "utf8" });
    const problems = (JSON.parse(cli.stdout) as { problems: Array<{ severity: string }> }).problems;
    const count = (s: string) => problems.filter((p) => p.severity === s).length;
    assert.deepEqual([all, errors, warnings, infos], [problems.length, count("error"), count("warning"), count("information")], `${summary}\nCLI: ${cli.stderr}`);
  });

  it("Re-index Sources shows its progress and what it indexed", async () => {
    const wb = workbench();
    await wb.clearNotifications();
    await wb.runCommand("Brief: Re-index Sources");
    await wb.waitForNotification(/re-indexing sources/);
    await wb.waitForNotification(new RegExp(`indexed ${sourceCount(wb.workspace)} sources from sources in \\d+ ms`));
  });

  it("a missing source folder is said, in a notification, the status bar and the problem itself", async () => {
    const wb = workbench();
    const config = path.join(wb.workspace, ".briefrc.json");
    const original = readFileSync(config, "utf8");
    await wb.clearNotifications();
    writeFileSync(config, original.replace('"sources": ["sources"]', '"sources": ["library"]'));
    try {
      await wb.quickOpen("valmora-strike-ends.brief.md");
      await wb.waitForNotification(/source folder "library" does not exist/);
      await wb.statusItem().filter({ hasText: "no source folder" }).waitFor();
      const rows = await eventually(() => wb.problemsOf("valmora-strike-ends.brief.md"), (r) => r.some((p) => p.code === "unknown-source"), "unknown-source");
      assert.match(rows.find((p) => p.code === "unknown-source")!.message, /the source folder "library" does not exist/);
    } finally {
      writeFileSync(config, original);
    }
    await wb.statusItem().filter({ hasText: `${sourceCount(wb.workspace)} sources` }).waitFor();
  });

  it("Add Source: a page saved outside the workspace is copied in once confirmed, the notification says how to cite it and cites it; a refusal shows its whole reason", async () => {
    const wb = workbench();
    const downloads = mkdtempSync(path.join(os.tmpdir(), "brief-author-downloads "));
    const saved = path.join(downloads, "kestrel sunday train.html");
    // A page written for this test (invented events), as a browser saves it.
    writeFileSync(
      saved,
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Kestrel line adds a Sunday freight train | The Harbour Gazette</title>
<meta property="article:published_time" content="2026-03-20T08:15:00Z"><meta property="og:site_name" content="The Harbour Gazette"></head>
<body><nav><a href="/">Home</a> <a href="/ports">Ports</a></nav><article><h1>Kestrel line adds a Sunday freight train</h1>
<p>The Kestrel freight line will run a Sunday train between Valmora and the inland depot from April, the operator said on Friday.</p>
<p>The extra service carries up to 60 containers and is meant to clear the backlog left by the dock strike earlier this month.</p>
<p>Hauliers welcomed the change but said road permits remained the bigger problem for the port's customers.</p></article>
<footer>Copyright The Harbour Gazette</footer></body></html>`,
    );
    const brief = "briefs/valmora-strike-ends.brief.md";
    await wb.quickOpen("valmora-strike-ends.brief.md");
    await editing(brief, async () => {
      await wb.clickEndOf("rose 18 percent [@kestrel-freight-index].");
      await wb.page.keyboard.press("Enter");
      await wb.page.keyboard.type("A Sunday freight train will carry up to 60 containers");
      await wb.clearNotifications();
      await wb.focusEditor();
      await wb.runCommand("Brief: Add Source from URL…");
      await wb.quickInput().fill(saved);
      await wb.page.keyboard.press("Enter");
      // Outside the workspace: read only once the analyst says so.
      const dialog = wb.page.locator(".monaco-dialog-box", { hasText: "lies outside the workspace" });
      await dialog.waitFor();
      await dialog.locator(".monaco-button", { hasText: "Read and Copy In" }).click();
      await wb.page.locator(".quick-input-widget .quick-input-title", { hasText: "Add Source: key" }).waitFor();
      const key = await wb.quickInput().inputValue();
      assert.equal(key, "kestrel-line-adds-a-sunday-freight-train");
      await wb.page.waitForFunction(() => document.activeElement?.closest(".quick-input-widget") !== null && document.activeElement?.closest(".quick-input-widget") !== undefined);
      await wb.page.keyboard.press("Enter");
      await wb.waitForNotification(new RegExp(`added sources/${key}\\.md: "Kestrel line adds a Sunday freight train"; cite it as \\[@${key}\\]`));
      const file = path.join(wb.workspace, "sources", `${key}.md`);
      const text = readFileSync(file, "utf8");
      assert.match(text, /^published: "?2026-03-20"?$/m, "a date, without its time");
      assert.ok(!text.includes("Copyright The Harbour Gazette") && !text.includes("Ports"), "only the story is copied in");
      // The notification's button cites it in the brief the analyst came from.
      await wb.page.locator(".notification-toast .monaco-button", { hasText: `Cite [@${key}]` }).click();
      await eventually(() => wb.lineWith("A Sunday freight train"), (l) => l.includes(`[@${key}]`), "the citation inserted");
      // The same page again: refused, with the key it has.
      await wb.clearNotifications();
      await wb.runCommand("Brief: Add Source from URL…");
      await wb.quickInput().fill(saved);
      await wb.page.keyboard.press("Enter");
      await dialog.waitFor();
      await dialog.locator(".monaco-button", { hasText: "Read and Copy In" }).click();
      await wb.waitForNotification(new RegExp(`holds this page already as \\[@${key}\\]`));
      // From the file dialog: a file the analyst picks is read wherever it is, with no further question.
      const picked = path.join(downloads, "night ferry.html");
      writeFileSync(picked, readFileSync(saved, "utf8").replace(/Kestrel line adds a Sunday freight train/g, "Night ferry returns to the Pellow crossing").replace(/Sunday train/g, "night crossing"));
      await wb.clearNotifications();
      await wb.runCommand("Brief: Add Source from File…");
      const box = wb.page.locator(".quick-input-widget", { hasText: "Add Source from File" });
      await box.waitFor();
      // The dialog first lists the home folder it opens in; a path typed before that is overwritten.
      await eventually(() => wb.quickInput().inputValue(), (v) => v === `${os.homedir()}/`, "the file dialog at the home folder");
      await box.locator(".monaco-list-row").first().waitFor();
      await wb.quickInput().fill(picked);
      // The dialog has found the file the path names (it lists it) before Enter picks it.
      await box.locator(".monaco-list-row", { hasText: "night ferry.html" }).waitFor();
      // The dialog's own button, as the analyst clicks it.
      await box.locator(".monaco-button", { hasText: "Add Source" }).click();
      // The key box once the page is captured; a refusal instead fails the test with its reason.
      const keyBox = wb.page.locator(".quick-input-widget .quick-input-title", { hasText: "Add Source: key" }).waitFor({ timeout: 60_000 }).then(() => "key box");
      const refused = wb.waitForNotification(/cannot capture|holds this page already/, 60_000);
      const first = await Promise.race([keyBox, refused]).catch(async (e) => {
        await wb.screenshot(path.join(REPO, "test-results", "ui-failures", "add-source-from-file-pick.png")).catch(() => {});
        throw e;
      });
      assert.equal(first, "key box", `refused: ${first}; seen: ${(await wb.notificationsSeen()).join(" | ")}`);
      assert.equal(await wb.quickInput().inputValue(), "night-ferry-returns-to-the-pellow-crossing");
      // The key box has the keyboard (a busy machine may draw it before it takes focus).
      await wb.page.waitForFunction(() => document.activeElement?.closest(".quick-input-widget") !== null && document.activeElement?.closest(".quick-input-widget") !== undefined);
      await wb.page.keyboard.press("Enter");
      // The notification, as a toast or (when the workbench shows no toast as the new file opens) in the notification centre.
      await wb.waitForNotificationOrInCentre(/added sources\/night-ferry-returns-to-the-pellow-crossing\.md: .*cite it as \[@night-ferry-returns-to-the-pellow-crossing\]/);
      rmSync(path.join(wb.workspace, "sources", "night-ferry-returns-to-the-pellow-crossing.md"));
      // A refusal says why, whole: a short name, then the reason.
      await wb.clearNotifications();
      await wb.runCommand("Brief: Add Source from URL…");
      await wb.quickInput().fill("file:///nowhere%20at%20all/saved%20page.html");
      await wb.page.keyboard.press("Enter");
      const refusal = await wb.waitForNotification(/cannot capture saved page\.html/);
      assert.match(refusal, /Brief: cannot capture saved page\.html: it does not exist\./);
      await wb.page.locator(".notification-toast", { hasText: "it does not exist." }).waitFor();
      rmSync(file);
    });
    rmSync(downloads, { recursive: true, force: true });
  });

  it("renaming a cited source in the Explorer offers to update its citations, and Yes updates them as one edit", async () => {
    const wb = workbench();
    await wb.clearNotifications();
    await wb.quickOpen("ardenia-energy-statement.txt");
    await wb.runCommand("File: Reveal Active File in Explorer View");
    const row = wb.page.locator(".explorer-folders-view .monaco-list-row", { hasText: "ardenia-energy-statement.txt" }).first();
    await row.waitFor();
    // As the analyst does it: click the file in the Explorer, F2, a new name, Enter. A key pressed
    // while the editor is still taking focus from the click can be lost, as it would for a person:
    // then it is done again.
    const box = wb.page.locator(".explorer-folders-view .monaco-inputbox input");
    // The box may also come late, after the wait for it gave up: then it is not clicked away. The
    // tree may move under the pointer as files come and go (a click then selects another row): the
    // row is then selected again, by revealing the open file.
    const selected = wb.page.locator(".explorer-folders-view .monaco-list-row.focused.selected", { hasText: "ardenia-energy-statement.txt" });
    for (let attempt = 0; ; attempt++) {
      if (await box.isVisible()) break;
      if (attempt === 0) await row.click();
      else await wb.runCommand("File: Reveal Active File in Explorer View");
      try {
        await selected.or(box).first().waitFor({ timeout: 10_000 });
        if (await box.isVisible()) break;
        await wb.page.keyboard.press("F2");
        await box.waitFor({ timeout: attempt < 3 ? 10_000 : 30_000 });
        break;
      } catch (e) {
        if (attempt >= 3) throw e;
      }
    }
    await wb.page.waitForFunction(() => document.activeElement?.matches(".explorer-folders-view .monaco-inputbox input") === true);
    await box.fill("ardenia-energy-statement-2026.txt");
    await wb.page.keyboard.press("Enter");
    const prompt = await wb.waitForNotification(/Update 3 citations of "@ardenia-energy-statement" to "@ardenia-energy-statement-2026" in 1 brief\?/);
    assert.match(prompt, /sources\/ardenia-energy-statement\.txt is now sources\/ardenia-energy-statement-2026\.txt/);
    await wb.page.locator(".notification-toast", { hasText: "Update 3 citations" }).locator(".monaco-button", { hasText: /^Yes$/ }).click();
    await wb.quickOpen("grey-strait-cable.brief.md");
    await eventually(() => wb.lines(), (ls) => ls.filter((l) => l.includes("[@ardenia-energy-statement-2026]")).length >= 1 && !ls.some((l) => /@ardenia-energy-statement\]/.test(l)), "the citations updated");
    await eventually(() => wb.problemsOf("grey-strait-cable.brief.md"), (r) => !r.some((p) => p.code === "unknown-source"), "no unknown source");
    await wb.runCommand("File: Save All Files");
  });

  it("the walkthrough ticks the steps the analyst did, from the palette too", async () => {
    const wb = workbench();
    await wb.runCommand("Welcome: Open Walkthrough...");
    await wb.quickPickRows().filter({ hasText: "Get started with Brief Author" }).first().waitFor();
    await wb.quickInput().fill("Get started with Brief Author");
    await wb.page.keyboard.press("Enter");
    const steps = wb.page.locator(".gettingStartedContainer button.getting-started-step");
    await steps.first().waitFor();
    await wb.page.waitForFunction(() => document.activeElement?.closest(".gettingStartedContainer"));
    // Every step was done in the tests above (New Brief and Check All from the palette, a key
    // completed, a citation hovered, the demo's sources indexed), all before this walkthrough was
    // first shown: each is ticked.
    const ticked = (title: string) => steps.filter({ hasText: title }).first().and(wb.page.locator("[aria-checked='true']"));
    for (const title of ["Create a brief", "Add your sources", "Cite with [@", "Hover a citation", "Check every brief"]) await ticked(title).waitFor({ timeout: 15_000 });
  });
});

describe("npm start", function () {
  this.timeout(180_000);

  it("stops cleanly on Ctrl+C: no error, and its temporary folder is gone", async () => {
    // Its own process group, as a terminal gives it: Ctrl+C reaches the demo and code-server alike.
    const child = spawn("node", [path.join(REPO, "scripts", "demo.mjs")], { cwd: REPO, detached: true, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, PORT: "0" } });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    const ready = new Promise<void>((resolve, reject) => {
      child.stdout.on("data", () => out.includes("Press Ctrl+C to stop") && resolve());
      void exited.then(() => reject(new Error(`the demo exited before it was ready:\n${out}`)));
    });
    await ready;
    const tmp = /in (\/\S+), are removed/.exec(out)?.[1];
    assert.ok(tmp && existsSync(tmp), out);
    process.kill(-child.pid!, "SIGINT");
    const code = await exited;
    assert.equal(code, 0, out);
    assert.doesNotMatch(out, /exited \(null\)|unexpectedly/);
    assert.match(out, /brief-author demo stopped\./);
    assert.ok(!existsSync(tmp), `${tmp} is left behind`);
  });
});
