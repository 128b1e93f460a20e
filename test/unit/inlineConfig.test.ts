import * as assert from "node:assert/strict";
import { problemsOf } from "./helpers";

const brief = (body: string) => `---\ntype: brief\ntitle: Pellow quay\ndate: 2025-08-24\n---\n\n# Pellow quay\n\n## Description\n\n${body}\n\n## Impact\n\nFerries return.\n`;
const MISQUOTE = 'The board promised to "restore the ferry timetable by the end of the week" [@harbour-notice].';

describe("inline comments turn brief-author's rules off where they say", () => {
  it("a misquote fires without comments (the baseline)", async () => {
    assert.deepEqual(await problemsOf(brief(MISQUOTE), { rule: "quote-mismatch" }), ["quote-mismatch 11:24"]);
  });

  it("disable-next-line: only the next line, only the named rule", async () => {
    const text = brief(`<!-- brief-author-disable-next-line quote-mismatch -->\n${MISQUOTE}\n\n${MISQUOTE}`);
    assert.deepEqual(await problemsOf(text, { rule: "quote-mismatch" }), ["quote-mismatch 14:24"]);
    const other = brief(`<!-- brief-author-disable-next-line weak-support -->\n${MISQUOTE}`);
    assert.deepEqual(await problemsOf(other, { rule: "quote-mismatch" }), ["quote-mismatch 12:24"]);
  });

  it("disable-line on the same line; disable … enable around a block; no names means every rule", async () => {
    assert.deepEqual(await problemsOf(brief(`${MISQUOTE} <!-- brief-author-disable-line quote-mismatch -->`), { rule: "quote-mismatch" }), []);
    const block = brief(`<!-- brief-author-disable quote-mismatch, number-mismatch -->\n\n${MISQUOTE}\n\n<!-- brief-author-enable quote-mismatch -->\n\n${MISQUOTE}`);
    assert.deepEqual(await problemsOf(block, { rule: "quote-mismatch" }), ["quote-mismatch 17:24"]);
    const all = brief(`<!-- brief-author-disable -->\n\n${MISQUOTE} [@no-such-source]\n\n<!-- brief-author-enable -->\n\n${MISQUOTE}`);
    const problems = await problemsOf(all);
    assert.ok(!problems.some((p) => p.endsWith(" 13:24") || p.startsWith("unknown-source")), problems.join("\n"));
    assert.ok(problems.includes("quote-mismatch 17:24"), problems.join("\n"));
  });

  it("a rule enabled by name stays on after a disable of every rule", async () => {
    const text = brief(`<!-- brief-author-disable -->\n<!-- brief-author-enable quote-mismatch -->\n\n${MISQUOTE}`);
    assert.deepEqual(await problemsOf(text, { rule: "quote-mismatch" }), ["quote-mismatch 14:24"]);
  });

  it("an unknown rule name is reported on its comment (with the closest name); markdownlint's own comments still work", async () => {
    const text = brief(`<!-- brief-author-disable-next-line quote-mismatsh -->\n${MISQUOTE}`);
    const problems = await problemsOf(text);
    assert.ok(problems.includes("config 11:1"), problems.join("\n"));
    assert.ok(problems.includes("quote-mismatch 12:24"), problems.join("\n"));
    const md = brief(`<!-- markdownlint-disable-next-line MD009 -->\nTrailing spaces here [@harbour-notice].   `);
    assert.ok(!(await problemsOf(md)).some((p) => p.startsWith("MD009")));
  });
});
