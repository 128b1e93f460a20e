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
  it("quotes the CLI's summary on examples/ as it is, and its Check All example has the same figures", async function () {
    this.timeout(60_000);
    const repo = path.join(__dirname, "..", "..");
    const r = await runCli(["check", "examples"], repo);
    const summary = r.err.trim().split("\n").pop()!;
    const readme = fs.readFileSync(path.join(repo, "README.md"), "utf8");
    assert.ok(readme.includes("`npx brief-author check examples` ends with `" + summary + "`"), `README does not quote: ${summary}`);
    // Check All counts the same problems (a UI test compares the two on one workspace): the README's
    // example names the same briefs, problems and severities, and as many in source or config files
    // as the CLI reports on files that are no brief.
    const m = /^(\d+) briefs? checked against \d+ sources?: (\d+ problems \(.*\))$/.exec(summary)!;
    const json = JSON.parse((await runCli(["check", "examples", "--format", "json"], repo)).out) as { problems: Array<{ file: string }> };
    const inSources = json.problems.filter((p) => !p.file.endsWith(".brief.md")).length;
    const expected = `Brief: checked ${m[1]} briefs: ${m[2]}${inSources ? `, ${inSources} of them in source or config files` : ""}.`;
    assert.ok(readme.includes(expected), `README's Check All example is not ${expected}`);
  });
});
