import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { readmeWithRules } from "../../scripts/readme-rules";

describe("README", () => {
  it("documents every rule exactly as the rule objects describe it (run `npx tsx scripts/readme-rules.ts --write`)", () => {
    const readme = fs.readFileSync(path.join(__dirname, "..", "..", "README.md"), "utf8");
    assert.equal(readme, readmeWithRules(readme));
  });
});
