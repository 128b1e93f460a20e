import * as path from "node:path";
import * as fs from "node:fs";
import Mocha from "mocha";

/**
 * The suite's entry point, as `@vscode/test-electron` and the code-server runner both call it:
 * runs every compiled `*.test.js` beside this file and rejects when a test fails.
 */
export function run(): Promise<void> {
  const mocha = new Mocha({ ui: "bdd", timeout: 60000, color: false, reporter: "spec" });
  const dir = __dirname;
  const files = fs.readdirSync(dir).filter((f) => f.endsWith(".test.js")).sort();
  const only = process.env.BRIEF_AUTHOR_GREP;
  if (only) mocha.grep(only);
  for (const f of files) mocha.addFile(path.join(dir, f));
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const stats = runner.stats ?? { passes: 0, failures };
        console.log(`BRIEF_AUTHOR_RESULTS ${JSON.stringify({ passed: stats.passes, failed: stats.failures })}`);
        if (failures > 0) reject(new Error(`${failures} integration test${failures === 1 ? "" : "s"} failed`));
        else resolve();
      });
    } catch (e) {
      console.log(`BRIEF_AUTHOR_RESULTS ${JSON.stringify({ passed: 0, failed: 1 })}`);
      reject(e);
    }
  });
}
