import * as assert from "node:assert/strict";
import { fixtureService, joinLines } from "./helpers";
import { parseConfigText } from "../../src/core/config";
import { RULE_NAMES } from "../../src/core/rules";
import { ICD203, PHIA, findTerms, yardstickOf } from "../../src/core/tradecraft/yardstick";
import { confidenceLevels, forecasts, maskQuotes, statedProbability, vagueTerms } from "../../src/core/tradecraft/judgments";
import { likelihoodCompletions, tradecraftHover } from "../../src/core/features/tradecraft";
import { evaluateTradecraft, TRADECRAFT_RULES } from "../support/tradecraftEval";

const brief = (impact: string, extra = "") => joinLines("---", "type: brief", "title: Pellow quay", "date: 2025-10-01", extra, "---", "", "# Pellow quay", "", "## Description", "", "The Pellow harbour board reopened the north quay after seventeen weeks of repairs [@harbour-notice]. Islanders had switched to the road route [@ferry-survey].", "", "## Impact", "", impact, "").replace("\n\n---", "\n---");

describe("tradecraft: the yardsticks", () => {
  it("ICD 203: seven bands, two vocabularies, the ranges of §D.6.e(2)", () => {
    assert.equal(ICD203.bands.length, 7);
    assert.deepEqual(ICD203.bands.map((b) => [b.low, b.high]), [[1, 5], [5, 20], [20, 45], [45, 55], [55, 80], [80, 95], [95, 99]]);
    assert.deepEqual(findTerms("It is very likely, not merely likely, and an attack is unlikely.", ICD203).map((m) => `${m.term.text}:${m.term.band}:${m.term.vocabulary}`), ["very likely:6:1", "likely:5:1", "unlikely:3:1"]);
    assert.deepEqual(findTerms("A strike is highly probable; a closure improbable.", ICD203).map((m) => `${m.term.text}:${m.term.band}:${m.term.vocabulary}`), ["highly probable:6:2", "improbable:3:2"]);
  });
  it("`remote` is a likelihood only as one (a remote chance, the prospect is remote)", () => {
    assert.equal(findTerms("There is a remote chance of rain.", ICD203).length, 1);
    assert.equal(findTerms("The prospect of a deal is remote.", ICD203).length, 1);
    assert.equal(findTerms("Remote islands and a remote village.", ICD203).length, 0);
  });
  it("PHIA: seven bands with gaps; a team's own table", () => {
    assert.deepEqual(PHIA.bands.map((b) => b.terms[0]), ["remote chance", "highly unlikely", "unlikely", "realistic possibility", "likely", "highly likely", "almost certain"]);
    const own = yardstickOf({ name: "Desk scale", bands: [{ terms: ["doubtful"], range: [0, 40] }, { terms: ["probable", "expected"], range: [60, 100] }] });
    assert.equal(own.name, "Desk scale");
    assert.deepEqual(findTerms("A deal is doubtful; a strike is expected.", own).map((m) => m.term.band), [1, 2]);
  });
  it("`tradecraft` in .briefrc.json: false, a yardstick's name, or a table; bad tables are reported", () => {
    const known = [...RULE_NAMES];
    assert.equal(parseConfigText(`{ "tradecraft": false }`, known).config.tradecraft, false);
    assert.deepEqual(parseConfigText(`{ "tradecraft": { "yardstick": "phia" } }`, known).config.tradecraft, { yardstick: "phia" });
    const table = parseConfigText(`{ "tradecraft": { "yardstick": { "bands": [{ "terms": ["doubtful"], "range": [0, 40] }, { "terms": ["probable"], "range": [60, 100] }] } } }`, known);
    assert.deepEqual(table.problems, []);
    for (const bad of [`{ "tradecraft": "icd" }`, `{ "tradecraft": { "yardstick": "nato" } }`, `{ "tradecraft": { "yardstick": { "bands": [{ "terms": ["a"], "range": [0, 60] }, { "terms": ["b"], "range": [50, 100] }] } } }`, `{ "tradecraft": { "yardstick": { "bands": [{ "terms": ["a"], "range": [0, 40] }, { "terms": ["a"], "range": [50, 100] }] } } }`]) {
      const r = parseConfigText(bad, known);
      assert.equal(r.problems.length, 1, bad);
      assert.equal(r.config.tradecraft, undefined, bad);
    }
  });
});

describe("tradecraft: what the rules read", () => {
  it("confidence levels, not confidence of markets or voters", () => {
    assert.deepEqual(confidenceLevels("We assess with high confidence; a low level of confidence; confidence is moderate.").map((c) => c.level), ["high", "low", "moderate"]);
    assert.deepEqual(confidenceLevels("Consumer confidence is high. The board lost the confidence of voters. High confidence among investors."), []);
  });
  it("forecasts, not the noun, the housekeeping, an embedded question or the unknown", () => {
    assert.equal(forecasts("Ferry traffic will return by spring.").length, 1);
    for (const t of ["Political will is lacking.", "We will update this brief.", "Monitor whether the ferries will return.", "Will the union accept?", "What the board will do is unclear.", "The islanders' will to stay is strong."]) assert.equal(forecasts(t).length, 0, t);
  });
  it("vague words, not an opportunity, a fact, a purpose or reported speech; quotations blanked", () => {
    assert.deepEqual(vagueTerms("Rates could fall and ships might return; perhaps fees rise.").map((v) => v.slot), ["modal", "modal", "adverb"]);
    for (const t of ["Operators have a chance to bid.", "Ships could not dock.", "so that ships could dock", "The minister said rates could fall.", "No one could say when.", maskQuotes('His words, "rates could fall", were not repeated.')]) assert.equal(vagueTerms(t).length, 0, t);
  });
  it("a probability in brackets right after a term", () => {
    assert.deepEqual(statedProbability("likely (30%)", 6), { low: 30, high: 30, start: 6, end: 12 });
    assert.deepEqual(statedProbability("unlikely (20–45 percent)", 8)?.high, 45);
    assert.equal(statedProbability("likely to fall (by 30%)", 6), undefined);
  });
});

describe("tradecraft: the family and the yardstick in a check", () => {
  it('"tradecraft": false turns all nine off; a rule is configured like any other', async () => {
    const text = brief("Freight rates could fall. Traffic will return. A strike is likely (30%).");
    const on = await (await fixtureService()).service.check("/ws/a.brief.md", text);
    assert.deepEqual([...new Set(on.problems.map((p) => p.rule))].filter((r) => TRADECRAFT_RULES.includes(r)).sort(), ["probability-mismatch", "unhedged-forecast", "vague-likelihood"]);
    const off = await (await fixtureService({}, { tradecraft: false })).service.check("/ws/a.brief.md", text);
    assert.deepEqual(off.problems.filter((p) => TRADECRAFT_RULES.includes(p.rule)), []);
    const one = await (await fixtureService({}, { rules: { "vague-likelihood": "off" } })).service.check("/ws/a.brief.md", text);
    assert.ok(!one.problems.some((p) => p.rule === "vague-likelihood") && one.problems.some((p) => p.rule === "unhedged-forecast"));
  });
  it("PHIA's gaps: `likely (78%)` lies between its bands", async () => {
    const r = await (await fixtureService({}, { tradecraft: { yardstick: "phia" } })).service.check("/ws/a.brief.md", brief("A strike is likely (78%)."));
    const p = r.problems.find((x) => x.rule === "probability-mismatch");
    assert.match(p?.message ?? "", /"likely" means 55–75% in the PHIA yardstick, not 78%: 78% lies between the PHIA yardstick's bands/);
  });
  it("quick fixes: a vague word by band, in the brief's vocabulary; the other vocabulary's term; a confidence sentence", async () => {
    const { service } = await fixtureService();
    const v = (await service.check("/ws/a.brief.md", brief("Fees will probably rise. Rates could fall."))).problems.find((p) => p.rule === "vague-likelihood")!;
    assert.deepEqual(v.fixes?.map((f) => f.title), ['Replace with "will probably" (ICD 203, band 5: 55–80%)']);
    const m = (await service.check("/ws/a.brief.md", brief("Fees are likely to rise. Traffic is very likely to return. A closure is improbable."))).problems.find((p) => p.rule === "estimative-vocabulary-mix")!;
    assert.equal(m.fixes?.[0].title, 'Replace with "unlikely" (band 3, vocabulary 1)');
    const j = (await service.check("/ws/a.brief.md", brief("We assess that the board will sell the terminal."))).problems.find((p) => p.rule === "judgment-without-confidence")!;
    assert.deepEqual(j.fixes?.map((f) => f.edits[0].newText), [" We have moderate confidence in this judgment.", " We have high confidence in this judgment.", " We have low confidence in this judgment."]);
  });
  it("hover: a term's band and range; a vague word's alternatives; a confidence level", async () => {
    const { service } = await fixtureService();
    const text = brief("A strike is likely. Rates could fall. We have high confidence in this judgment.");
    const b = await service.parseForLookup("/ws/a.brief.md", text);
    assert.match(tradecraftHover(service.config, b, text.indexOf("likely") + 2)!.markdown, /^\*\*likely\*\* — ICD 203, band 5 of 7: \*\*55–80%\*\* \(vocabulary 1\)/);
    assert.match(tradecraftHover(service.config, b, text.indexOf("could") + 1)!.markdown, /\*\*could\*\* is not a term of ICD 203's yardstick/);
    assert.match(tradecraftHover(service.config, b, text.indexOf("high confidence") + 1)!.markdown, /a confidence level/);
    assert.equal(tradecraftHover(service.config, b, text.indexOf("Pellow harbour")), undefined);
  });
  it("completion after a judgment verb: the yardstick's terms, the brief's vocabulary first", async () => {
    const { service } = await fixtureService();
    const text = brief("We assess that the strike is ");
    const b = await service.parseForLookup("/ws/a.brief.md", text);
    const at = text.indexOf("is ", text.indexOf("We assess")) + 3;
    const items = likelihoodCompletions(service.config, b, at, "We assess that the strike is ", false);
    assert.equal(items.length, ICD203.terms.length);
    assert.deepEqual(items.sort((x, y) => (x.sortText < y.sortText ? -1 : 1)).slice(0, 2).map((i) => i.label), ["almost no chance", "very unlikely"]);
    assert.deepEqual(likelihoodCompletions(service.config, b, text.indexOf("Islanders"), "Islanders ", false), []);
  });
});

describe("tradecraft: the labelled set (test/fixtures/tradecraft)", function () {
  this.timeout(120000);
  for (const heldOut of [false, true]) {
    it(`${heldOut ? "held-out" : "tuning"} part: precision ≥ 0.95 for every rule, recall ≥ 0.8`, async () => {
      const { scores, sentences } = await evaluateTradecraft({ heldOut });
      assert.ok(sentences >= 100, `${sentences} sentences`);
      for (const s of scores) {
        assert.ok(s.precision >= 0.95, `${s.rule}: precision ${s.precision.toFixed(2)} (${s.tp}/${s.tp + s.fp})`);
        assert.ok(s.recall >= 0.8, `${s.rule}: recall ${s.recall.toFixed(2)} (${s.tp}/${s.tp + s.fn})`);
      }
    });
  }
});
