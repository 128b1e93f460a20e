import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { evaluateSupport, SUPPORT_FIXTURES, type SupportLabel } from "../support/evaluate";
import { extractFigures } from "../../src/core/match/figures";
import { namesIn, quoteWords, relevantClauses, supportGap } from "../../src/core/match/support";

describe("weak-support on the labelled set (test/fixtures/support: 190 sentences, half supported)", function () {
  this.timeout(120_000);

  it("flags with precision of at least 0.9 (it is a warning by default because of it), and catches what it did not before", async () => {
    const r = await evaluateSupport();
    assert.ok(r.precision >= 0.9, `precision ${r.precision}`);
    // Word overlap alone flagged none of these at the default threshold; keep what was gained.
    assert.ok(r.recall >= 0.2, `recall ${r.recall}`);
    assert.ok(r.perKind.hedged.flagged >= 10, JSON.stringify(r.perKind.hedged));
    assert.ok(r.perKind["different-place"].flagged >= 5, JSON.stringify(r.perKind["different-place"]));
  });
});

describe("weak-support on a held-out set (test/fixtures/support/heldout.json: 18 sentences written after the clause change, never tuned on)", function () {
  this.timeout(60_000);

  it("raises no false alarm on plain facts from sources whose other clauses hedge or deny, and still catches the hedged claims", async () => {
    const labels = JSON.parse(fs.readFileSync(path.join(SUPPORT_FIXTURES, "heldout.json"), "utf8")) as SupportLabel[];
    const r = await evaluateSupport({ labels });
    assert.equal(r.perKind["clause-fact"].flagged, 0, JSON.stringify(r.wrong));
    assert.equal(r.precision, 1, JSON.stringify(r.wrong));
    assert.ok(r.perKind.hedged.flagged >= 5, JSON.stringify(r.perKind.hedged));
  });
});

describe("what a reviewer checks besides shared words", () => {
  it("names: capitalised words past the first, not months, days or titles", () => {
    assert.deepEqual(namesIn("The minister Ilse Marrander met Halvard's board in Tresk on Monday."), ["Ilse", "Marrander", "Halvard", "Tresk"]);
    assert.deepEqual(namesIn("Prices rose in May."), []);
  });

  it("gaps: a name the source lacks, a source that denies it, a source that only expects it", () => {
    const src = "The council said it may reopen the quay in June. The minister did not approve the budget.";
    assert.equal(supportGap("The council in Vessby reopened the quay.", src, [src], [])?.kind, "name");
    assert.equal(supportGap("The minister approved the budget.", "The minister did not approve the budget.", [src], [])?.kind, "negation");
    assert.equal(supportGap("The council reopened the quay.", "The council said it may reopen the quay in June.", [src], [])?.kind, "hedge");
    assert.equal(supportGap("The council may reopen the quay.", "The council said it may reopen the quay in June.", [src], []), undefined);
    assert.equal(supportGap("The council expects to reopen the quay in May.", "The council said it may reopen the quay in June.", [src], [])?.kind, undefined);
  });
});

describe("hedges and negations count in the clause that holds the claim", () => {
  const src = `The authority said the backlog stood at 42,000 containers and that it expected to "clear the waiting ships within ten days" if the weather held.`;

  it("a plain fact is not called a plan because a later clause of the source expects something else", () => {
    assert.equal(supportGap("The authority put the backlog at 42,000 containers.", src, [src], extractFigures(src)), undefined);
    assert.equal(supportGap("The backlog stood at 42,000 containers, the authority said.", src, [src], extractFigures(src)), undefined);
  });

  it("the clause that holds the claim's facts still hedges it", () => {
    const gap = supportGap("The authority cleared the waiting ships within ten days.", src, [src], extractFigures(src));
    assert.equal(gap?.kind, "hedge");
    assert.match(gap!.message, /"it expected to "clear the waiting ships within ten days" if the weather held\."/);
  });

  it("clauses: split at 'and that', '; ' and ', but'; not inside a phrase", () => {
    assert.deepEqual(relevantClauses("The backlog stood at 42,000 containers.", src), ["The authority said the backlog stood at 42,000 containers"]);
    const one = "The coast road between Dunmarra and the Cradnock ferry pier remains closed.";
    assert.deepEqual(relevantClauses("The road reopened.", one), [one]);
  });

  it("a quoted source text is cut at a word's end", () => {
    const q = quoteWords("The authority said it expected to clear the waiting ships within ten days if the weather held", 60);
    assert.ok(q.length <= 61, q);
    assert.match(q, /\bships…$|\bwithin…$|\bwaiting…$/);
    assert.equal(quoteWords("short text", 60), "short text");
  });
});
