import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { fixtureService } from "./helpers";
import { markdownlintErrors } from "../../src/core/parse/markdown";

/**
 * As the editor checks while you type: brief-author's rules on the extension host's thread and
 * markdownlint's problems from its own thread, merged. After random edits the merged problems
 * must be exactly a full check's.
 */
describe("on-type checks equal full checks after random edits", function () {
  this.timeout(60_000);
  const ROOT = path.join(__dirname, "..", "..");
  const base = fs.readFileSync(path.join(ROOT, "examples", "briefs", "draft-with-problems.brief.md"), "utf8");
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const pieces = [" ", "\n", "\n\n", "word", "[@harbour-notice]", "[@nope", '"quoted words here"', "12%", "## Impact\n", "- ", "> ", "`code`", "**", "2025-02-30", "\r\n"];

  it("200 edits: insertions, deletions and replacements anywhere", async () => {
    const { service } = await fixtureService();
    const file = "/ws/briefs/edit.brief.md";
    let text = base;
    for (let i = 0; i < 200; i++) {
      const at = Math.floor(rand() * (text.length + 1));
      const r = rand();
      if (r < 0.4) text = text.slice(0, at) + pieces[Math.floor(rand() * pieces.length)] + text.slice(at);
      else if (r < 0.7) text = text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(rand() * 20)));
      else text = text.slice(0, at) + pieces[Math.floor(rand() * pieces.length)] + text.slice(Math.min(text.length, at + Math.floor(rand() * 10)));
      const md = await service.markdownlintConfigFor(file);
      const full = await service.check(file, text);
      const onType = await service.check(file, text, md.config === false ? undefined : markdownlintErrors(text, md.config));
      assert.deepEqual(onType.problems, full.problems, `edit ${i}: ${JSON.stringify(text.slice(Math.max(0, at - 20), at + 20))}`);
    }
  });
});
