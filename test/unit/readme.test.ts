import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { readmeWithRules } from "../../scripts/readme-rules";
import { runCli } from "./helpers";

describe("README", () => {
  it("documents every rule exactly as the rule objects describe it (run `npx tsx scripts/readme-rules.ts --write`)", () => {
    const readme = fs.readFileSync(path.join(__dirname, "..", "..", "README.md"), "utf8");
    assert.equal(readme, readmeWithRules(readme));
  });
});

describe("README's figures are the demo's", () => {
  it("the CLI's summary on examples/ is the one the README quotes, and Check All's counts are the same", async function () {
    this.timeout(60_000);
    const repo = path.join(__dirname, "..", "..");
    const r = await runCli(["check", "examples"], repo);
    const summary = r.err.trim().split("\n").pop()!;
    const readme = fs.readFileSync(path.join(repo, "README.md"), "utf8");
    assert.ok(readme.includes("`npx brief-author check examples` ends with `" + summary + "`"), `README does not quote: ${summary}`);
    // Check All counts the same problems (briefs, sources, config) in the same words.
    const counts = /: (\d+ problems \(.*\))$/.exec(summary)![1];
    assert.ok(readme.includes(`Brief: checked 6 briefs: ${counts}, 1 of them in source or config files.`), `README's Check All example does not say ${counts}`);
  });
});
