// Root hooks of the UI suite: one workbench (code-server + headless Chromium) on a copy of the demo
// workspace for the whole run; a failing test leaves a screenshot whose path the output names.
import { mkdirSync } from "node:fs";
import * as path from "node:path";
import { REPO, Workbench } from "./workbench";

process.env.BRIEF_AUTHOR_SUITE = "ui";
export const FAILURES = path.join(REPO, "test-results", "ui-failures");

let current: Workbench | undefined;

/** The running workbench. */
export function workbench(): Workbench {
  if (!current) throw new Error("the workbench did not start (see the first failure)");
  return current;
}

export const mochaHooks = {
  async beforeAll(this: Mocha.Context) {
    this.timeout(10 * 60_000); // a first run installs code-server
    current = await Workbench.start();
  },
  async afterEach(this: Mocha.Context) {
    const test = this.currentTest;
    if (!current || test?.state !== "failed") return;
    mkdirSync(FAILURES, { recursive: true });
    const file = path.join(FAILURES, `${test.title.replace(/[^\w.-]+/g, "-").slice(0, 60)}.png`);
    await current.screenshot(file).catch(() => {});
    process.stdout.write(`      screenshot of the failure: ${path.relative(process.cwd(), file)}\n`);
    // The next test starts from a calm workbench: no open menu, widget or quick input.
    await current.page.keyboard.press("Escape").catch(() => {});
  },
  async afterAll() {
    await current?.stop();
    current = undefined;
  },
};
