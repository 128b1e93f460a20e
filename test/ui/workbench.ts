/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// Drives the real VS Code workbench (code-server 4.100.3) in headless Chromium as a person would:
// keyboard, mouse and what is on the screen. Shared by the UI tests and `npm run screenshots`.
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Browser, Locator, Page } from "playwright-core";

export const REPO = path.resolve(__dirname, "..", "..");

interface Server {
  port: number;
  stop(): Promise<void>;
}

/** The repo's ESM scripts, loaded at run time (this file is compiled as CommonJS by tsx). */
// eslint-disable-next-line @typescript-eslint/no-implied-eval
const importEsm = new Function("specifier", "return import(specifier)") as (s: string) => Promise<any>;

/** Status-bar counts of one kind of problem: `{ error: 5, warning: 7, info: 2 }`. */
export type Counts = Record<"error" | "warning" | "info", number>;

/** A row of the Problems panel. */
export interface Problem {
  severity: string;
  message: string;
  source: string;
  code: string;
  line: number;
}

export class Workbench {
  private constructor(
    readonly page: Page,
    readonly workspace: string,
    private readonly browser: Browser,
    private readonly server: Server,
  ) {}

  /**
   * A copy of `examples/` (so tests may create and change files) open in code-server with the
   * extension loaded from this repo (run `npm run build` first).
   */
  static async start(options: { viewport?: { width: number; height: number } } = {}): Promise<Workbench> {
    const { ensureAll } = await importEsm(path.join(REPO, "scripts", "ensure-vscode.mjs"));
    const { startServer, launchBrowser, workbenchUrl } = await importEsm(path.join(REPO, "scripts", "vscode-server.mjs"));
    ensureAll();
    const workspace = mkdtempSync(path.join(os.tmpdir(), "brief-author-ui-"));
    cpSync(path.join(REPO, "examples"), workspace, { recursive: true });
    const server: Server = await startServer({ workspace, log: (s: string) => process.env.BRIEF_AUTHOR_VERBOSE && process.stderr.write(s) });
    const browser: Browser = await launchBrowser();
    const page = await browser.newPage({ viewport: options.viewport ?? { width: 1400, height: 900 } });
    // tsx compiles this file keeping function names through a `__name` helper, which functions sent into the page call too.
    await page.addInitScript({ content: "globalThis.__name = (f) => f;" });
    const remote = (p: string) => `vscode-remote://127.0.0.1:${server.port}${p}`;
    await page.goto(workbenchUrl(server.port, workspace, [["extensionDevelopmentPath", remote(REPO)], ["skipWelcome", "true"]]));
    await page.waitForSelector(".monaco-workbench", { timeout: 90_000 });
    await page.waitForSelector(".explorer-folders-view .monaco-list-row", { timeout: 90_000 });
    const wb = new Workbench(page, workspace, browser, server);
    await wb.recordNotifications();
    return wb;
  }

  async stop(): Promise<void> {
    await this.browser.close().catch(() => {});
    await this.server.stop();
    rmSync(this.workspace, { recursive: true, force: true });
  }

  /** Saves what the screen shows now. */
  async screenshot(file: string): Promise<void> {
    await this.page.screenshot({ path: file });
  }

  // ---- The command palette and Quick Open ----

  /** Opens a workspace file by typing its name into Quick Open (Ctrl+P). */
  async quickOpen(name: string): Promise<void> {
    await this.pick("Control+P", name, name);
    await this.page.locator(".tabs-container .tab.active", { hasText: name }).waitFor();
    await this.editor().locator(".view-line").first().waitFor();
  }

  /** Runs a command by its title from the command palette (Ctrl+Shift+P), as a person types it. */
  async runCommand(title: string): Promise<void> {
    await this.pick("Control+Shift+P", `>${title}`, title);
  }

  /**
   * Presses the shortcut of Quick Open or the palette, types `text` and accepts the focused row once
   * it holds `row`. A key pressed while the workbench is still moving focus (a page that just opened
   * takes it) can be lost or close the box, as it would for a person: then it is done again.
   */
  private async pick(shortcut: string, text: string, row: string): Promise<void> {
    const input = this.page.locator(".quick-input-widget input");
    const focused = this.page.locator(".quick-input-widget .quick-input-list .monaco-list-row.focused", { hasText: row }).first();
    for (let attempt = 0; ; attempt++) {
      await this.page.keyboard.press(shortcut);
      try {
        const timeout = attempt < 2 ? 5000 : 30_000;
        await input.fill(text, { timeout });
        await focused.waitFor({ timeout });
        await this.page.keyboard.press("Enter");
        return;
      } catch (e) {
        if (attempt >= 2) throw e;
        if (process.env.BRIEF_AUTHOR_VERBOSE) process.stderr.write(`      (${shortcut} "${text}": pressed again: ${(e as Error).message.split("\n")[0]})\n`);
        // Close the box if it is still up (Escape elsewhere could mean "back" to a page).
        if (await input.isVisible()) await this.page.keyboard.press("Escape");
      }
    }
  }

  /** The visible quick pick's rows (labels with their description). */
  quickPickRows(): Locator {
    return this.page.locator(".quick-input-widget .quick-input-list .monaco-list-row");
  }

  quickInput(): Locator {
    return this.page.locator(".quick-input-widget input");
  }

  /** The quick input's validation message, when it shows one. */
  quickInputMessage(): Locator {
    return this.page.locator(".quick-input-widget .quick-input-message");
  }

  // ---- The editor ----

  editor(): Locator {
    return this.page.locator(".editor-group-container.active .monaco-editor").first();
  }

  /** The text of the editor's line holding `text` (spaces as the editor draws them, made plain). */
  async lineWith(text: string): Promise<string> {
    const line = this.editor().locator(".view-line", { hasText: text }).first();
    await line.waitFor();
    return ((await line.textContent()) ?? "").replace(/\u00a0/g, " ");
  }

  /** Every rendered line of the editor, top to bottom. */
  async lines(): Promise<string[]> {
    return this.editor().evaluate((el) =>
      [...el.querySelectorAll<HTMLElement>(".view-line")]
        .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
        .map((l) => (l.textContent ?? "").replace(/\u00a0/g, " ")),
    );
  }

  /** Clicks just after the last character of the line holding `text`. */
  async clickEndOf(text: string): Promise<void> {
    const line = this.editor().locator(".view-line", { hasText: text }).first();
    await line.click();
    await this.page.keyboard.press("End");
  }

  /** Moves the mouse onto the `nth` occurrence of `text` in the editor and waits for the hover widget. */
  async hover(text: string, nth = 0): Promise<Locator> {
    const span = this.editor().locator(".view-line span[class*=\"mtk\"]", { hasText: text }).nth(nth);
    await span.scrollIntoViewIfNeeded();
    const box = (await span.boundingBox())!;
    // Onto the text itself, a little in from the token's start (a span holds one token of the line).
    await this.page.mouse.move(box.x + Math.min(box.width / 2, 20), box.y + box.height / 2);
    const widget = this.page.locator(".monaco-hover:not(.hidden) .monaco-hover-content").first();
    await widget.waitFor({ state: "visible", timeout: 20_000 });
    return widget;
  }

  /** The light bulb of the cursor's line: in the gutter when the line has no room, else beside the text. */
  lightBulb(): Locator {
    return this.editor().locator('.cgmr[class*="lightbulb"], .lightBulbWidget [class*="light-bulb"], .lightBulbWidget [class*="lightbulb"]').filter({ visible: true }).first();
  }

  /** The squiggles drawn in the editor, by severity. */
  squiggles(kind: "error" | "warning" | "info"): Locator {
    return this.editor().locator(`.squiggly-${kind}`);
  }

  // ---- The status bar and the Problems panel ----

  /** Brief Author's status-bar item. */
  statusItem(): Locator {
    return this.page.locator(".statusbar-item", { has: this.page.locator(".codicon-book") });
  }

  /** The counts the status-bar item shows (codicon then number). */
  async statusCounts(): Promise<Counts> {
    const html = await this.statusItem().first().innerHTML();
    const counts: Counts = { error: 0, warning: 0, info: 0 };
    for (const m of html.matchAll(/codicon-(error|warning|info)"[^>]*><\/span>\s*(\d+)/g)) counts[m[1] as keyof Counts] = Number(m[2]);
    return counts;
  }

  /** Opens the Problems panel, maximised so that every row is drawn (the list draws only what is in view). */
  async openProblems(): Promise<Locator> {
    const panel = this.page.locator(".markers-panel");
    if (!(await panel.isVisible())) await this.page.keyboard.press("Control+Shift+M");
    await panel.waitFor();
    return panel;
  }

  /**
   * The Problems panel's rows for one file: each problem's severity and its text (message, source
   * and rule). Waits until the file is listed.
   */
  async problemsOf(fileName: string): Promise<Problem[]> {
    return (await this.problemsPanel()).get(fileName)?.problems ?? [];
  }

  /** The file's problem count as the badge on its row in the Problems panel shows it (0 when not listed). */
  async problemBadge(fileName: string): Promise<number> {
    return (await this.problemsPanel()).get(fileName)?.badge ?? 0;
  }

  /**
   * Everything the Problems panel lists, by file name: the count on the file's badge and its
   * problems. The list draws only the rows in view: read, scroll with the mouse wheel, read again.
   */
  private async problemsPanel(): Promise<Map<string, { badge: number; problems: Problem[] }>> {
    const panel = await this.openProblems();
    await panel.locator(".monaco-list-row").first().waitFor();
    const rows = new Map<number, { index: number; level: string; file: string; badge: number; last: boolean; problem: Problem }>();
    const list = panel.locator(".monaco-list").first();
    const box = (await list.boundingBox())!;
    await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await this.page.mouse.wheel(0, -100_000);
    let stale = 0;
    for (let pass = 0; pass < 500; pass++) {
      const seen = await list.evaluate((el) =>
        [...el.querySelectorAll<HTMLElement>(".monaco-list-row")].map((row) => {
          const text = (selector: string) => (row.querySelector(selector)?.textContent ?? "").replace(/\u00a0/g, " ").trim();
          const icon = row.querySelector(".marker-icon");
          return {
            index: Number(row.dataset.index),
            last: row.dataset.lastElement === "true",
            level: row.getAttribute("aria-level") ?? "",
            file: row.getAttribute("aria-level") === "1" ? text(".label-name") : "",
            badge: Number(text(".monaco-count-badge") || 0),
            problem: {
              severity: /\b(error|warning|info)\b/.exec(icon?.className ?? "")?.[1] ?? "other",
              message: text(".marker-message"),
              source: text(".marker-source"),
              code: text(".marker-code"),
              line: Number(/Ln (\d+)/.exec(text(".marker-line"))?.[1] ?? 0),
            },
          };
        }),
      );
      const before = rows.size;
      for (const r of seen) if (r.level) rows.set(r.index, r); // a row being recycled has no level yet
      // Done once the list's last row has been read, or when scrolling shows nothing new any more.
      stale = rows.size === before ? stale + 1 : 0;
      if ([...rows.values()].some((r) => r.last) || stale >= 5) break;
      await this.page.mouse.wheel(0, box.height * 0.8);
    }
    await this.page.mouse.wheel(0, -100_000);
    const files = new Map<string, { badge: number; problems: Problem[] }>();
    let current: { badge: number; problems: Problem[] } | undefined;
    for (const [, r] of [...rows].sort((a, b) => a[0] - b[0])) {
      if (r.level === "1") files.set(r.file, (current = { badge: r.badge, problems: [] }));
      else if (r.level === "2") current?.problems.push(r.problem); // level 3: a problem's related places
    }
    return files;
  }

  /** Gives the keyboard back to the editor (after the Problems panel took it). */
  async focusEditor(): Promise<void> {
    await this.page.keyboard.press("Control+1");
  }

  // ---- Notifications ----

  /**
   * From now on, every notification toast the workbench shows is remembered with its text, even
   * one that is gone a moment later (a progress notification of a quick task).
   */
  private async recordNotifications(): Promise<void> {
    await this.page.evaluate(() => {
      const seen: string[] = ((window as any).__briefNotifications = []);
      const note = (el: Element) => {
        const toast = el.closest(".notification-toast, .notifications-list-container .monaco-list-row") ?? el;
        const text = (toast.textContent ?? "").trim();
        const progress = !!toast.querySelector(".monaco-progress-container.active, .monaco-progress-container.infinite, .monaco-progress-container.discrete");
        if (text) seen.push(`${progress ? "[progress] " : ""}${text}`);
      };
      new MutationObserver((records) => {
        for (const r of records) {
          for (const n of r.addedNodes) if (n instanceof Element) (n.matches(".notification-list-item") ? [n] : [...n.querySelectorAll(".notification-list-item")]).forEach(note);
          if (r.type === "characterData" || r.type === "attributes") {
            const el = r.target instanceof Element ? r.target : r.target.parentElement;
            const item = el?.closest(".notification-list-item");
            if (item) note(item);
          }
        }
      }).observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ["class"] });
    });
  }

  /** The notifications seen since the workbench started (or since `clearNotifications`). */
  async notificationsSeen(): Promise<string[]> {
    return this.page.evaluate(() => [...((window as any).__briefNotifications as string[])]);
  }

  async clearNotifications(): Promise<void> {
    await this.page.evaluate(() => ((window as any).__briefNotifications as string[]).splice(0));
    await this.runCommand("Notifications: Clear All Notifications");
  }

  /**
   * Waits for a notification shown as a toast; when none comes within 15 s, opens the notification
   * centre (which lists every notification, toast or not) and waits for it there. A notification
   * shown as a new editor opens does not always pop up as a toast in code-server.
   */
  async waitForNotificationOrInCentre(re: RegExp, timeout = 60_000): Promise<string> {
    try {
      return await this.waitForNotification(re, 15_000);
    } catch {
      await this.runCommand("Notifications: Show Notifications");
      return await this.waitForNotification(re, timeout).catch(async (e) => {
        throw new Error(`${(e as Error).message}; seen: ${(await this.notificationsSeen()).join(" | ")}`);
      });
    }
  }

  /** Waits until a notification whose text matches `re` has been seen. */
  async waitForNotification(re: RegExp, timeout = 30_000): Promise<string> {
    const source = re.source;
    const flags = re.flags;
    const handle = await this.page.waitForFunction(
      ([s, f]) => ((window as any).__briefNotifications as string[]).find((t) => new RegExp(s, f).test(t)),
      [source, flags] as const,
      { timeout },
    );
    return (await handle.jsonValue()) as string;
  }
}
