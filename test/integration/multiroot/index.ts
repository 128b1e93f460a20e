import * as path from "node:path";
import Mocha from "mocha";
import { NESTED_RESULT } from "./titles";

/**
 * Entry point of the multi-root suite, run by ../multiroot.test.ts in a second VS Code opened on a
 * `.code-workspace` (folders can be added and removed only in a multi-root workspace: a test window
 * cannot turn a single-folder window into one). Prints each test's result for the outer test.
 */
export function run(): Promise<void> {
  const mocha = new Mocha({ ui: "bdd", timeout: 60000, color: false, reporter: "spec" });
  mocha.addFile(path.join(__dirname, "folders.test.js"));
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} multi-root test${failures === 1 ? "" : "s"} failed`)) : resolve()));
      runner.on("pass", (t) => console.log(`${NESTED_RESULT} ${JSON.stringify({ title: t.title, state: "passed" })}`));
      runner.on("fail", (t, err) => console.log(`${NESTED_RESULT} ${JSON.stringify({ title: t.title, state: "failed", error: String((err as Error)?.stack ?? err) })}`));
    } catch (e) {
      reject(e);
    }
  });
}
