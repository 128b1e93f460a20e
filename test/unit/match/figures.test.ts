import { cpuNow } from "../../support/cpuTime";
import * as assert from "node:assert/strict";
import { extractFigures, figureMatches, findFigure, type Figure } from "../../../src/core/match/figures";

/** The one figure of a text (fails when there is not exactly one). */
function one(text: string): Figure {
  const figs = extractFigures(text);
  assert.equal(figs.length, 1, `expected one figure in ${JSON.stringify(text)}, got ${JSON.stringify(figs.map((f) => f.raw))}`);
  return figs[0];
}

/** Whether the brief text's one figure is found among the source text's figures. */
function found(brief: string, source: string): boolean {
  return findFigure(one(brief), extractFigures(source)).found;
}

describe("match/figures: extractFigures", () => {
  it("reads counts, amounts, percentages, years and dates with their raw text and offsets", () => {
    const text = "In 2024 the ferry carried 80,000 riders, 15% more, and earned $77.2 billion by 23 August 2025.";
    const figs = extractFigures(text);
    assert.deepEqual(
      figs.map((f) => [f.raw, f.kind]),
      [
        ["2024", "year"],
        ["80,000", "count"],
        ["15%", "percent"],
        ["$77.2 billion", "amount"],
        ["23 August 2025", "date"],
      ],
    );
    for (const f of figs) assert.equal(text.slice(f.start, f.end), f.raw);
  });

  it("keeps a scale word with its figure", () => {
    const f = one("a budget of $77.2 billion was set");
    assert.equal(f.value, 77.2e9);
    assert.ok(f.keys.includes("amount:USD:77200000000"));
    assert.ok(f.keys.includes("num:77200000000"));
    assert.deepEqual(one("reserves of 3 trillion won").keys[0], "amount:KRW:3000000000000");
    assert.deepEqual(one("a loan of USD 3bn").keys[0], "amount:USD:3000000000");
    assert.deepEqual(one("a grant of €5 million").keys[0], "amount:EUR:5000000");
    assert.deepEqual(one("a fine of $5m").keys[0], "amount:USD:5000000");
    assert.deepEqual(one("some 2.5 million voters").keys, ["num:2500000"]);
  });

  it("reads number words, ordinals and percent words", () => {
    assert.deepEqual(one("after seventeen rounds").keys, ["num:17"]);
    assert.deepEqual(one("Sixty boats sailed").keys, ["num:60"]);
    assert.deepEqual(one("eighty-two lanterns").keys, ["num:82"]);
    assert.deepEqual(one("a hundred kites").keys, ["num:100"]);
    assert.deepEqual(one("two hundred and fifty kites").keys, ["num:250"]);
    assert.deepEqual(one("the eightieth festival").keys, ["num:80"]);
    assert.deepEqual(one("the 80th festival").keys, ["num:80"]);
    assert.deepEqual(one("the twenty-first edition").keys, ["num:21"]);
    assert.deepEqual(one("fifteen percent of the orchards").keys, ["percent:15"]);
    assert.deepEqual(one("15 per cent of the orchards").keys, ["percent:15"]);
  });

  it("does not treat number words below ten as figures unless a unit follows", () => {
    assert.deepEqual(extractFigures("The two mayors met for the first time in one room."), []);
    assert.deepEqual(one("The two mayors pledged five percent.").keys, ["percent:5"]);
    assert.deepEqual(one("They pledged two million.").keys, ["num:2000000"]);
    // Digits are always figures.
    assert.deepEqual(one("The 2 mayors met.").keys, ["num:2"]);
  });

  it("ignores numbers that are part of names, paths and decades; a time of day is a time, not a count", () => {
    assert.deepEqual(extractFigures("The G7 talks on F-35 jets and 5G masts began at 10:30; see p.3 and files/2024/notes; the 1990s.").map((f) => [f.kind, f.keys[0]]), [["time", "time:10:30"]]);
    assert.deepEqual(one("by mid-2024 at the latest").keys, ["year:2024", "num:2024"]);
  });

  it("reads dates in all their forms", () => {
    for (const t of ["on 23 August 2025 at noon", "on August 23, 2025 at noon", "on Aug. 23, 2025 at noon", "on 2025-08-23 at noon", "on the 23rd of August 2025 at noon"]) {
      // "noon" is a time of day, a figure of its own.
      const [f, noon] = extractFigures(t);
      assert.deepEqual(noon?.keys, ["time:12:00", "part:period:afternoon"], t);
      assert.equal(f.kind, "date", t);
      assert.ok(f.keys.includes("date:2025-08-23"), t);
      assert.ok(f.keys.includes("date:08-23"), t);
    }
    assert.deepEqual(one("on 23 August, the ferry").keys, ["date:08-23"]);
    assert.deepEqual(one("on Aug. 23 the ferry").keys, ["date:08-23"]);
    assert.deepEqual(one("by March 2026 the ferry").keys, ["month:2026-03", "part:year:2026"]);
    // `may` in lower case is a verb.
    assert.deepEqual(one("they may 4 times").keys, ["num:4"]);
  });

  it("reads ranges, carrying a unit across both ends", () => {
    for (const t of ["from 1910 to 1945", "in 1910-1945", "in 1910–1945", "between 1910 and 1945", "in 1910–45"]) {
      const f = one(t);
      assert.equal(f.kind, "range", t);
      assert.equal(f.keys[0], "range:year:1910..year:1945", t);
    }
    assert.equal(one("rose 15 to 20 percent").keys[0], "range:percent:15..percent:20");
    assert.equal(one("cost $5–7 billion").keys[0], "range:amount:USD:5000000000..amount:USD:7000000000");
    assert.equal(one("between 2 and 3 million seedlings").keys[0], "range:num:2000000..num:3000000");
    assert.equal(one("the 23–24 August 2025 fair").keys[0], "range:date:2025-08-23..date:2025-08-24");
  });

  it("reads a descending pair as two figures", () => {
    assert.deepEqual(
      extractFigures("the vote was 52-48").map((f) => f.raw),
      ["52", "48"],
    );
  });

  it("is fast on a long source", () => {
    const para = "The co-operative shipped 12,400 crates, 8% more than in 2023, worth $3.1 million, on 4 March 2024. ";
    const text = para.repeat(400); // ~40 KB, 2,000 figures
    const t = cpuNow();
    const figs = extractFigures(text);
    const ms = cpuNow() - t;
    assert.equal(figs.length, 2000);
    assert.ok(ms < 500, `took ${ms} ms`);
  });
});

describe("match/figures: findFigure", () => {
  describe("matches what writers write differently", () => {
    it("15% = 15 percent = 15 per cent", () => {
      assert.ok(found("up 15%", "a rise of 15 percent"));
      assert.ok(found("up 15 percent", "a rise of 15 per cent"));
      assert.ok(found("up 15 per cent", "a rise of 15%"));
      assert.ok(found("up fifteen percent", "a rise of 15%"));
    });

    it("$77.2 billion = 77.2 billion dollars = 77.2 billion", () => {
      assert.ok(found("worth $77.2 billion", "valued at 77.2 billion dollars"));
      assert.ok(found("worth 77.2 billion dollars", "valued at $77.2 billion"));
      assert.ok(found("worth $77.2 billion", "valued at 77.2 billion in total"));
      assert.ok(found("worth US$77.2bn", "valued at $77,200,000,000"));
    });

    it("80,000 = 80000", () => {
      assert.ok(found("80,000 lanterns", "some 80000 lanterns"));
      assert.ok(found("80000 lanterns", "some 80,000 lanterns"));
    });

    it("seventeen = 17 and sixty = 60", () => {
      assert.ok(found("after seventeen rounds", "after 17 rounds"));
      assert.ok(found("after 17 rounds", "after seventeen rounds"));
      assert.ok(found("sixty kites", "60 kites"));
    });

    it("80th = eightieth", () => {
      assert.ok(found("the 80th festival", "its eightieth festival"));
      assert.ok(found("the eightieth festival", "its 80th festival"));
    });

    it("23 August 2025 = August 23, 2025 = 2025-08-23", () => {
      assert.ok(found("on 23 August 2025", "on August 23, 2025"));
      assert.ok(found("on August 23, 2025", "dated 2025-08-23"));
    });

    it("23 August = August 23, with or without a year on either side", () => {
      assert.ok(found("on 23 August", "on August 23"));
      assert.ok(found("on 23 August", "on August 23, 2025"));
      assert.ok(found("on 23 August 2025", "on Saturday, August 23, the fair"));
    });

    it("1910 to 1945 = 1910-1945 = between 1910 and 1945 = 1910–45", () => {
      assert.ok(found("from 1910 to 1945", "the 1910-1945 period"));
      assert.ok(found("in 1910–1945", "between 1910 and 1945"));
      assert.ok(found("in 1910–45", "from 1910 to 1945"));
      // Both ends held separately also support a range.
      assert.ok(found("from 1910 to 1945", "It began in 1910. It ended in 1945."));
    });

    it("a year is held by a date of that year, a figure by a range that ends with it", () => {
      assert.ok(found("in 2025", "on 23 August 2025"));
      assert.ok(found("in 1945", "from 1910 to 1945"));
      assert.ok(found("up 20%", "between 15 and 20 percent"));
      assert.ok(found("in August 2025", "on 23 August 2025"));
    });

    it("a year and the same count match (kind-compatible leniency)", () => {
      assert.ok(found("2,024 delegates", "in 2024"));
      assert.ok(found("in 2024", "2,024 delegates"));
    });
  });

  describe("does not match a different figure", () => {
    it("$72.7 billion is not $77.2 billion", () => {
      assert.ok(!found("worth $72.7 billion", "valued at $77.2 billion"));
      assert.ok(!found("worth $72.7 billion", "valued at 77.2 billion dollars"));
    });

    it("15% is not 16%, nor a bare 15", () => {
      assert.ok(!found("up 15%", "a rise of 16 percent"));
      assert.ok(!found("up 15%", "15 new stalls"));
    });

    it("a currency is not another currency", () => {
      assert.ok(!found("a €5 million grant", "a $5 million grant"));
      assert.ok(!found("5 million euros", "5 million dollars"));
    });

    it("a full date is not the same day of another year", () => {
      assert.ok(!found("on 23 August 2025", "on August 23, 2024"));
      assert.ok(!found("on 23 August", "on 24 August"));
    });

    it("kinds stay apart: a day is not a count, a year does not hold a date", () => {
      assert.ok(!found("23 stalls", "on 23 August"));
      assert.ok(!found("on 23 August 2025", "in 2025"));
      assert.ok(!found("in 1946", "from 1910 to 1945"));
    });

    it("a range needs both its ends", () => {
      assert.ok(!found("from 1910 to 1945", "It began in 1910 and ended in 1946."));
      assert.ok(!found("1910-1945", "1910-1946"));
    });
  });

  describe("closest", () => {
    it("offers the transposed amount over a merely near one", () => {
      const r = findFigure(one("worth $72.7 billion"), extractFigures("It rose from $70 billion to $77.2 billion, 15% more, in 2024."));
      assert.equal(r.found, false);
      assert.equal(r.closest?.raw, "$77.2 billion");
    });

    it("offers the nearest figure of the same kind", () => {
      const r = findFigure(one("up 15%"), extractFigures("In 2015 about 15 stalls opened; the rise was 16 percent, not 50%."));
      assert.equal(r.closest?.raw, "16 percent");
      const d = findFigure(one("on 23 August 2025"), extractFigures("On 2 May 2025 and on August 24, 2025 the stalls opened; 23 stayed shut."));
      assert.equal(d.closest?.raw, "August 24, 2025");
    });

    it("falls back to any kind, and to none when the source holds no figure", () => {
      const r = findFigure(one("up 15%"), extractFigures("It opened in 2019."));
      assert.equal(r.closest?.raw, "2019");
      assert.deepEqual(findFigure(one("up 15%"), extractFigures("No numbers here at all.")), { found: false });
    });

    it("is not given when the figure is found", () => {
      assert.deepEqual(findFigure(one("up 15%"), extractFigures("up 15 percent")), { found: true });
    });
  });

  it("figureMatches is directional for years and dates", () => {
    const year = one("in 2025");
    const date = one("on 23 August 2025");
    assert.ok(figureMatches(year, date));
    assert.ok(!figureMatches(date, year));
  });
});

describe("match/figures: figures as analysts write them in words", () => {
  const keysOf = (t: string, asSource = false) => extractFigures(t, asSource).map((f) => f.keys);
  const found = (claim: string, source: string) => extractFigures(claim).every((f) => findFigure(f, extractFigures(source, true)).found);

  it("proportions: half, a third, two in five, three quarters; half = 50 percent, both ways", () => {
    assert.deepEqual(keysOf("half of the households"), [["share:0.5", "percent:50"]]);
    assert.deepEqual(keysOf("a third of the votes"), [["share:0.333"]]);
    assert.deepEqual(keysOf("two in five drivers"), [["share:0.4", "percent:40"]]);
    assert.ok(found("half of the vessels", "50 percent of the vessels waited"));
    assert.ok(found("50 percent of the vessels", "half of the vessels waited"));
    assert.ok(found("half of the aircraft", "six of the twelve aircraft came from abroad"));
    assert.ok(!found("half of the vessels", "a quarter of the vessels waited"));
    // Not proportions: the second half of the year, half a million.
    assert.deepEqual(keysOf("in the second half of the year"), []);
    assert.ok(!keysOf("half a million people").some((k) => k[0].startsWith("share")));
  });

  it("multipliers: doubled, tripled, tenfold; a source's from 40 to 80 doubles", () => {
    assert.deepEqual(keysOf("exports doubled"), [["times:2"]]);
    assert.deepEqual(keysOf("a tenfold rise"), [["times:10"]]);
    assert.ok(found("trade doubled", "trade rose from 2.1 billion euros to 4.2 billion euros"));
    assert.ok(found("exports tripled", "exports grew threefold"));
    assert.ok(!found("exports tripled", "exports doubled"));
  });

  it("times of day: six in the evening = 18:00 = 6 p.m.; evening is not morning", () => {
    assert.deepEqual(keysOf("at six in the evening")[0], ["time:18:00", "part:period:evening"]);
    assert.ok(found("at six in the evening", "the order came at 18:00, police said"));
    assert.ok(found("at 6 p.m.", "the order came at 18:00:"));
    assert.ok(found("in the evening", "the order came at 18:00"));
    assert.ok(!found("in the evening", "on the morning of 4 June the order came"));
    assert.ok(!found("at six in the evening", "at 6 a.m. the order came"));
  });

  it("a month alone is a date the source must hold", () => {
    assert.ok(found("will report in November", "the review will report in November"));
    assert.ok(!found("will report in November", "the review will report in October"));
  });
});
