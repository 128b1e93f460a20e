import { cpuNow } from "../../support/cpuTime";
import * as assert from "node:assert/strict";
import { extractQuotes, findQuote, quotePieces } from "../../../src/core/match/quotes";
import { normalize, normalizeWithMap, toOriginalSpan, wordTokens } from "../../../src/core/match/normalize";

// Invented source texts.
const HARBOUR = [
  "# Harbour notice",
  "",
  "The Harbour Board confirmed on Monday that the northern canal will *stay open* all",
  "winter, the first time in a decade. Dredging crews — about forty of them — start",
  "next week, and the board's chair called it \u201Ca modest but real gain for the town\u2019s",
  "fishing fleet\u201D.",
].join("\n");
const ORCHARD = "Growers in the valley said the late frost was 'the worst we have seen since the old mill closed'. Apple yields fell sharply.";

function text(sources: readonly string[], r: ReturnType<typeof findQuote>): string {
  assert.ok(r.found);
  return sources[r.sourceIndex].slice(r.start, r.end);
}

describe("match/normalize", () => {
  it("folds case, NFKC, quotes, apostrophes, dashes and white space", () => {
    assert.equal(normalize("  The \u201CPort\u201D \u2014 it\u2019s\u00A0 OPEN\u2026 "), "the \"port\" - it's open...");
    assert.equal(normalize("ﬁve\u2013six \u2018x\u2019 Stra\u00DFe\u200B!"), "five-six 'x' strasse!");
    assert.equal(normalize("e\u0301te\u0301"), "\u00E9t\u00E9");
  });

  it("maps normalized spans back to the original text", () => {
    const original = "A  \uFB01ne \u2014 \u201CDay\u201D";
    const n = normalizeWithMap(original);
    assert.equal(n.text, 'a fine - "day"');
    const at = n.text.indexOf("fine");
    const span = toOriginalSpan(n, at, at + 4);
    assert.equal(original.slice(span.start, span.end), "\uFB01ne");
    const d = n.text.indexOf("day");
    const ds = toOriginalSpan(n, d, d + 3);
    assert.equal(original.slice(ds.start, ds.end), "Day");
  });

  it("splits words on punctuation but keeps apostrophes and decimals inside words", () => {
    assert.deepEqual(
      wordTokens("Don\u2019t say \u201Clong\u2013term\u201D: $77.2 rose 15%.").map((t) => t.text),
      ["don't", "say", "long", "term", "$", "77.2", "rose", "15", "%"],
    );
  });
});

describe("match/quotes: extractQuotes", () => {
  it("finds straight, curly and single curly quotes of three or more words, with inner offsets", () => {
    const s = 'The mayor said the canal would "stay open all winter" and called it \u2018a modest real gain\u2019, while \u201Coverstated, at best\u201D stood.';
    const qs = extractQuotes(s);
    assert.deepEqual(qs.map((q) => q.text), ["stay open all winter", "a modest real gain", "overstated, at best"]);
    for (const q of qs) assert.equal(s.slice(q.start, q.end), q.text);
  });

  it("skips short quotes, apostrophes and unclosed quotes", () => {
    assert.deepEqual(extractQuotes('He called it "modest" and "quite real".'), []);
    assert.deepEqual(extractQuotes("The growers\u2019 union didn\u2019t comment on the \u201890s crop."), []);
    assert.deepEqual(extractQuotes('The board said "we will reopen soon'), []);
    assert.deepEqual(extractQuotes("Rock \u2018n\u2019 roll fans\u2019 tickets sold out."), []);
  });

  it("keeps a single quote nested in a double quote as part of it", () => {
    const qs = extractQuotes("She wrote \u201Cthe \u2018new normal\u2019 is here to stay\u201D in her note.");
    assert.deepEqual(qs.map((q) => q.text), ["the \u2018new normal\u2019 is here to stay"]);
  });

  it("splits a quote at its elisions", () => {
    assert.deepEqual(quotePieces("The canal will \u2026 stay [...] open. . . all"), [["the", "canal", "will"], ["stay"], ["open"], ["all"]]);
  });
});

describe("match/quotes: findQuote", () => {
  const sources = ["Nothing relevant is said in this first text.", HARBOUR, ORCHARD];

  describe("matches what writers change", () => {
    it("case and white space (line breaks included)", () => {
      const r = findQuote("THE NORTHERN CANAL   will stay open all winter", sources);
      assert.equal(text(sources, r), "the northern canal will *stay open* all\nwinter");
      assert.ok(r.found && r.sourceIndex === 1);
    });

    it("curly versus straight quotes and apostrophes", () => {
      const r = findQuote("a modest but real gain for the town's fishing fleet", sources);
      assert.equal(text(sources, r), "a modest but real gain for the town\u2019s\nfishing fleet");
      assert.ok(findQuote("the worst we\u2019ve seen", ["They said \u201Cthe worst we've seen\u201D."]).found);
      assert.ok(findQuote("\u2018the worst we have seen since\u2019", sources).found);
    });

    it("dash kinds", () => {
      assert.ok(findQuote("Dredging crews - about forty of them - start next week", sources).found);
      assert.ok(findQuote("Dredging crews -- about forty of them -- start next week", sources).found);
      assert.ok(findQuote("a twelve\u2013month plan", ["They unveiled a twelve-month plan."]).found);
    });

    it("punctuation at the edges and between words", () => {
      assert.ok(findQuote("all winter. The first time in a decade", sources).found);
      assert.ok(findQuote("the worst we have seen since the old mill closed.", sources).found);
    });

    it("elisions: ..., \u2026, [...] and [\u2026]", () => {
      assert.equal(text(sources, findQuote("the northern canal will ... all winter", sources)), "the northern canal will *stay open* all\nwinter");
      assert.ok(findQuote("the northern canal will \u2026 the first time in a decade", sources).found);
      assert.ok(findQuote("The Harbour Board confirmed [...] the northern canal will stay open", sources).found);
      assert.ok(findQuote("Dredging crews [\u2026] start next week", sources).found);
      assert.ok(findQuote("Growers in the valley said . . . the late frost", sources).found);
    });
  });

  describe("is strict where facts are", () => {
    it("a changed word does not match", () => {
      assert.deepEqual(findQuote("the northern canal will stay open all summer", sources).found, false);
      assert.equal(findQuote("about fifty of them", sources).found, false);
      assert.equal(findQuote("the worst we have ever seen since", sources).found, false);
    });

    it("elision pieces out of order do not match", () => {
      assert.equal(findQuote("the first time in a decade ... the northern canal will", sources).found, false);
      assert.equal(findQuote("start next week \u2026 Dredging crews", sources).found, false);
    });

    it("elision pieces too far apart do not match", () => {
      const far = `The plan begins today. ${"Filler words keep coming here. ".repeat(20)}The plan ends in spring.`;
      assert.equal(findQuote("The plan begins today ... The plan ends in spring", [far]).found, false);
      const near = `The plan begins today. ${"Filler words. ".repeat(5)}The plan ends in spring.`;
      assert.equal(findQuote("The plan begins today ... The plan ends in spring", [near]).found, true);
    });

    it("a quote split across two sources does not match", () => {
      assert.equal(findQuote("Apple yields fell sharply ... the northern canal", sources).found, false);
    });
  });

  describe("closest", () => {
    it("is the source's own words for the most similar span", () => {
      const r = findQuote("the northern canal will stay open all summer", sources);
      assert.ok(!r.found);
      assert.equal(r.closest?.text, "the northern canal will *stay open* all\nwinter");
      assert.equal(r.closest?.sourceIndex, 1);
      assert.equal(HARBOUR.slice(r.closest!.start, r.closest!.end), r.closest!.text);
      assert.ok(r.closest!.similarity > 0.8 && r.closest!.similarity < 1);
    });

    it("keeps the source's punctuation and quote marks", () => {
      const r = findQuote("crews, about fifty of them, start", sources);
      assert.ok(!r.found);
      assert.equal(r.closest?.text, "crews \u2014 about forty of them \u2014 start");
      const o = findQuote("the worst we have ever seen", sources);
      assert.ok(!o.found);
      assert.equal(o.closest?.text, "the worst we have seen");
      assert.equal(o.closest?.sourceIndex, 2);
    });

    it("handles an added or dropped word", () => {
      const r = findQuote("late spring frost was the worst", sources);
      assert.ok(!r.found);
      assert.equal(r.closest?.text, "late frost was 'the worst");
    });

    it("is not offered when nothing is similar", () => {
      assert.deepEqual(findQuote("entirely unrelated invented phrase", sources), { found: false });
      assert.deepEqual(findQuote("the canal is open", []), { found: false });
    });
  });

  it("is fast on several 20 KB sources", () => {
    const filler = "The committee reviewed the proposal for the new footbridge and noted the budget and the schedule. ";
    const big = [filler.repeat(200), filler.repeat(200) + "The mayor promised a quieter harbour by autumn.", filler.repeat(200)];
    const t = cpuNow();
    for (let i = 0; i < 20; i++) {
      assert.ok(findQuote("promised a quieter harbour", big).found);
      assert.equal(findQuote("the committee reviewed the proposal for the old footbridge", big).found, false);
      assert.equal(findQuote("the the the ... the the the ... the proposal for a tunnel", big).found, false);
    }
    const ms = cpuNow() - t;
    assert.ok(ms < 2000, `took ${ms} ms`);
  });
});
