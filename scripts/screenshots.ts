// `npm run screenshots`: retakes the README's images from the demo workspace (a copy of examples/)
// in real VS Code (code-server) driven by headless Chromium, with the same workbench driver as the
// UI tests. Writes docs/images/*.png. Needs `npm run build` first (the npm script does it).
import { mkdirSync } from "node:fs";
import * as path from "node:path";
import { REPO, Workbench } from "../test/ui/workbench";

const OUT = path.join(REPO, "docs", "images");

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const wb = await Workbench.start({ viewport: { width: 1280, height: 800 } });
  const page = wb.page;
  const shot = async (name: string) => {
    // Let fades and the cursor's blink settle: a picture, not a test.
    await page.waitForTimeout(700);
    await wb.screenshot(path.join(OUT, name));
    console.log(`wrote docs/images/${name}`);
  };
  try {
    // The Problems panel beside a brief with every kind of problem; the status bar's counts.
    await wb.quickOpen("draft-with-problems.brief.md");
    await wb.squiggles("error").first().waitFor();
    const panel = await wb.openProblems();
    await panel.locator(".monaco-list-row", { hasText: "quote-mismatch" }).first().waitFor();
    await wb.focusEditor();
    await shot("problems.png");
    // The other pictures get the room the panel took.
    await wb.runCommand("View: Hide Panel");

    // The hover: the source's title and the passage that supports the sentence.
    await wb.quickOpen("valmora-strike-ends.brief.md");
    await wb.statusItem().first().waitFor();
    await wb.hover("valmora-port-notice", 1);
    await shot("hover.png");
    await page.keyboard.press("Escape");
    await page.mouse.move(5, 5);

    // Completion with the passage preview.
    await wb.clickEndOf("rose 18 percent [@kestrel-freight-index].");
    await page.keyboard.press("Enter");
    await page.keyboard.type("Crane operators returned to the container terminal at six in the morning [@");
    const suggest = page.locator(".editor-widget.suggest-widget.visible");
    await suggest.waitFor();
    // Unfiltered: every source, the one that supports the sentence first.
    await suggest.locator(".monaco-list-row.focused", { hasText: "valmora-port-notice" }).waitFor();
    const details = page.locator(".suggest-details-container .suggest-details");
    if (!(await details.isVisible())) await page.keyboard.press("Control+Space");
    await details.locator("blockquote").waitFor();
    await shot("completion.png");
    await page.keyboard.press("Escape");
    await wb.runCommand("File: Revert File");

    // A quick fix being applied from the light bulb.
    await wb.quickOpen("draft-with-problems.brief.md");
    await wb.editor().locator('.view-line span[class*="mtk"]', { hasText: "valmora-port-notise" }).first().click();
    await wb.lightBulb().click();
    await page.locator(".action-widget .monaco-list-row.focused", { hasText: "Change to @valmora-port-notice" }).waitFor();
    await shot("quick-fix.png");
    await page.keyboard.press("Escape");

    // The evidence report beside a brief with every verdict.
    await wb.quickOpen("pellow-ferry-returns.brief.md");
    await wb.runCommand("Brief: Show Evidence Report");
    const report = page.frameLocator("iframe.webview.ready").frameLocator("#active-frame");
    await report.locator("article.evidence").first().waitFor({ timeout: 30_000 });
    // Scrolled to the brief itself, its claims marked (the summary is just above).
    await report.locator("#brief").evaluate((e) => e.scrollIntoView({ block: "start" }));
    await shot("evidence-report.png");
    await wb.focusEditor();
    await wb.runCommand("View: Close All Editors");

    // New Brief's template pick.
    await wb.runCommand("Brief: New Brief");
    await wb.quickPickRows().filter({ hasText: "Standard brief" }).first().waitFor();
    await shot("new-brief.png");
    await page.keyboard.press("Escape");
  } finally {
    await wb.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
