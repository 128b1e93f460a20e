import * as assert from "node:assert/strict";
import { extractFigures, findFigure } from "../../../src/core/match/figures";
import { problemsOf } from "../helpers";

const figures = (t: string) => extractFigures(t).map((f) => `${f.raw}=${f.value}`);

describe("number words with a unit are figures", () => {
  it("three days, two weeks, five ships, a dozen vessels, three more days", () => {
    assert.deepEqual(figures("Three days before the vote."), ["Three=3"]);
    assert.deepEqual(figures("It took two weeks."), ["two=2"]);
    assert.deepEqual(figures("five ships and a dozen vessels"), ["five=5", "a dozen=12"]);
    assert.deepEqual(figures("three more days"), ["three=3"]);
  });

  it("a small number word without a unit, or after a determiner, stays plain text", () => {
    assert.deepEqual(figures("the two leaders met"), []);
    assert.deepEqual(figures("both sides sent two envoys"), []);
    assert.deepEqual(figures("one of them"), []);
    assert.deepEqual(figures("the two days of talks"), []);
  });

  it('"Three days before" against a source saying "two days before" is a number-mismatch; "two days" is supported', async () => {
    const files = { "/ws/sources/talks.md": "---\ntitle: Talks\n---\n\nThe envoys arrived two days before the vote and left on Friday.\n" };
    const brief = (s: string) => `---\ntitle: T\ndate: 2025-01-01\n---\n\n# T\n\n## Description\n\n${s}\n\n## Impact\n\nTrade resumes.\n`;
    assert.deepEqual(await problemsOf(brief("The envoys arrived three days before the vote [@talks]."), { rule: "number-mismatch", files }), ["number-mismatch 10:20"]);
    assert.deepEqual(await problemsOf(brief("The envoys arrived two days before the vote [@talks]."), { rule: "number-mismatch", files }), []);
    assert.deepEqual(await problemsOf(brief("The envoys arrived 2 days before the vote [@talks]."), { rule: "number-mismatch", files }), []);
  });
});

describe("the closest figure offered is the one meant", () => {
  it("same unit first, then the nearest: 13 hours against 31 hours and 14 ships offers 31 hours", () => {
    const [f] = extractFigures("The crossing took 13 hours.");
    assert.equal(f.unit, "hour");
    const r = findFigure(f, extractFigures("The storm closed the port for 31 hours and kept 14 ships at anchor."));
    assert.equal(r.found, false);
    assert.equal(r.closest?.raw, "31");
    // Money for money.
    const [m] = extractFigures("It cost $3.2 million.");
    assert.equal(findFigure(m, extractFigures("Repairs took 3 weeks and cost $2.3 million.")).closest?.raw, "$2.3 million");
  });
});
