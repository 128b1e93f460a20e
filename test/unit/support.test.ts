import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { copiedClaims, evaluateSupport, supportBrief, SUPPORT_FIXTURES, type SupportLabel } from "../support/evaluate";
import { MemoryFileSystem } from "../../src/core/fs";
import { missingNames } from "../../src/core/verify/checks";
import { titleGap } from "../../src/core/verify/claims";
import { BriefService } from "../../src/core/service";
import { extractFigures, findFigure } from "../../src/core/match/figures";
import { derivedFrom } from "../../src/core/match/derived";
import { hedgeGap, namesIn, quoteWords, relevantClauses } from "../../src/core/match/support";

/**
 * The claim rules and verdicts on the labelled set (npm run eval:support prints the whole table).
 * These floors are what the engine reaches today, so that a change that loses ground fails; the
 * issue's targets (flagged precision 0.9 / recall 0.6, confirmed precision 0.98 / coverage 0.5)
 * are not met yet and are the README's to state. Held-out items are never printed here: only counts.
 */
describe("claim rules and verdicts on the tuning part (test/fixtures/support/labels.json: 1,007 sentences, 31 sources)", function () {
  this.timeout(180_000);

  // Three sets of this part (ids 6001–8160) were scored blind before any tuning on them; what the
  // engine gave then (confirmed precision 0.90, 0.84, 0.82) is in the README. The floors are what it
  // reaches on the whole part now.
  it("flags unsupported sentences with precision ≥ 0.95 and recall ≥ 0.6; confirms with precision ≥ 0.95 and coverage ≥ 0.4", async () => {
    const r = await evaluateSupport();
    const counts = JSON.stringify(r.counts);
    assert.ok(r.precision >= 0.95, `flagged precision ${r.precision} ${counts}`);
    assert.ok(r.recall >= 0.6, `flagged recall ${r.recall} ${counts}`);
    assert.ok(r.confirmedPrecision >= 0.95, `confirmed precision ${r.confirmedPrecision} ${counts}`);
    assert.ok(r.confirmedCoverage >= 0.4, `confirmed coverage ${r.confirmedCoverage} ${counts}`);
    // Each new rule earns its place on its own category.
    assert.ok((r.perKind.antonym.rules["polarity-mismatch"] ?? 0) >= 5, JSON.stringify(r.perKind.antonym));
    assert.ok((r.perKind["different-place"].rules["name-mismatch"] ?? 0) >= 5, JSON.stringify(r.perKind["different-place"]));
    assert.ok((r.perKind["different-number"].rules["number-mismatch"] ?? 0) >= 20, JSON.stringify(r.perKind["different-number"]));
    assert.ok(r.perKind.hedged.flagged >= 15, JSON.stringify(r.perKind.hedged));
  });
});

describe("claim rules and verdicts on the held-out part (test/fixtures/support/heldout.json: 138 sentences, never tuned on)", function () {
  this.timeout(120_000);

  it("keeps flagged precision ≥ 0.8 and confirmed precision ≥ 0.98 (counts only in messages)", async () => {
    const labels = JSON.parse(fs.readFileSync(path.join(SUPPORT_FIXTURES, "heldout.json"), "utf8")) as SupportLabel[];
    const r = await evaluateSupport({ labels });
    const counts = JSON.stringify(r.counts);
    assert.ok(r.precision >= 0.8, `flagged precision ${r.precision.toFixed(2)} ${counts}`);
    assert.ok(r.confirmedPrecision >= 0.98, `confirmed precision ${r.confirmedPrecision.toFixed(2)} ${counts}`);
  });
});

describe("what a reviewer checks besides shared words", () => {
  it("names: capitalised words past the first, not months, days or titles", () => {
    assert.deepEqual(namesIn("The minister Ilse Marrander met Halvard's board in Tresk on Monday."), ["Ilse", "Marrander", "Halvard", "Tresk"]);
    assert.deepEqual(namesIn("Prices rose in May."), []);
  });

  it("a hedge: the source only expects what the sentence states (names and negations are the verification rules')", () => {
    assert.match(hedgeGap("The council reopened the quay.", "The council said it may reopen the quay in June.") ?? "", /may reopen/);
    assert.equal(hedgeGap("The council may reopen the quay.", "The council said it may reopen the quay in June."), undefined);
    assert.equal(hedgeGap("The council reopened the quay.", "The council reopened the quay in June."), undefined);
  });
});

describe("hedges and negations count in the clause that holds the claim", () => {
  const src = `The authority said the backlog stood at 42,000 containers and that it expected to "clear the waiting ships within ten days" if the weather held.`;

  it("a plain fact is not called a plan because a later clause of the source expects something else", () => {
    assert.equal(hedgeGap("The authority put the backlog at 42,000 containers.", src), undefined);
    assert.equal(hedgeGap("The backlog stood at 42,000 containers, the authority said.", src), undefined);
  });

  it("the clause that holds the claim's facts still hedges it", () => {
    const gap = hedgeGap("The authority cleared the waiting ships within ten days.", src);
    assert.match(gap ?? "", /^it expected to "clear the waiting ships within ten days" if the weather held\.$/);
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

describe("a confirmed claim's names, titles and speaker are the passage's", function () {
  this.timeout(60_000);
  const verdictOf = async (key: string, sentence: string) => {
    const mem = new MemoryFileSystem();
    const dir = path.join(SUPPORT_FIXTURES, "sources");
    mem.write(`/ws/sources/${key}.md`, fs.readFileSync(path.join(dir, `${key}.md`)));
    const service = new BriefService({ fs: mem, root: "/ws", settings: {} });
    await service.initialize();
    const r = await service.check("/ws/briefs/b.brief.md", supportBrief({ key, sentence }));
    return { verdict: r.claims[0].verdict, why: r.claims[0].why.join("; ") };
  };

  it("a word many names share does not make another name present: `Ostby North` does not hold `Dunmarra North`", () => {
    const source = "The count in the Ostby North constituency was delayed. Voters in Dunmarra North went to the polls early.";
    assert.deepEqual(missingNames(["Dunmarra"], ["The count in the Ostby North constituency was delayed."], source), ["Dunmarra"]);
    // A distinctive word of the longer name still counts (`Fumio Kishida` … `Kishida`).
    assert.deepEqual(missingNames(["Fumio"], ["Kishida said the talks went well."], "Prime Minister Fumio Kishida arrived. Kishida said the talks went well."), []);
  });

  it("a name the window gives in its other sentence, referred back to (`the island`, `its managing director`), still confirms", async () => {
    const island = await verdictOf("ellowmere-ferry", "A weekly freight sailing on Thursdays will be added to carry livestock and heating oil to Cradnock Island");
    assert.equal(island.verdict, "confirmed", island.why);
    const director = await verdictOf("tarn-mining-ruling", "Threlmoor managing director Colm Rattigan said the company would delay its final investment decision, which had been due in April, until the new consultation is finished");
    assert.equal(director.verdict, "confirmed", director.why);
  });

  it("a sentence that adds none of the claim's words does not lend it a name, and `would begin` is not `began`", async () => {
    // "Ostby North" stands in the paragraph before the one that says the rest.
    const lent = await verdictOf("fenwary-election", "Analysts in Ostby North said the result might signal a shift in the region's farming districts");
    assert.notEqual(lent.verdict, "confirmed", lent.why);
    // The passage says the analysts were at the University of Dunmarra: the three words before "said the result" pin the slot.
    assert.match(lent.why, /"Ostby/);
    const announced = await verdictOf("tarn-mining-ruling", "The new consultation began in May and included meetings in Sennet Ford itself");
    assert.equal(announced.verdict, "unverified", announced.why);
    assert.match(announced.why, /would begin/);
    // Two facts of two sentences: each sentence gives the names of its own fact.
    const two = await verdictOf("corvid-merger", "Corvid, whose debt had risen to 740 million marks by the end of last year, was bought by Meridane Group for 2.1 billion marks in cash");
    assert.equal(two.verdict, "confirmed", two.why);
  });

  it("a title of another body (`Green Coast leader Samir Oldcastle`) and another speaker are not confirmed", async () => {
    const title = await verdictOf("fenwary-election", "Liberal Harbour Group leader Samir Oldcastle said he would open coalition talks with the Green Coast Party");
    assert.equal(title.verdict, "unverified");
    assert.match(title.why, /the passage has Samir Oldcastle as Green Coast leader/);
    const speaker = await verdictOf("trawler-ruling", "Brask & Daughters said it was studying the judgment and may appeal to the Supreme Court within the 30-day deadline");
    assert.equal(speaker.verdict, "unverified");
    const right = await verdictOf("fenwary-election", "Green Coast leader Samir Oldcastle said he would open coalition talks with the Liberal Harbour Group");
    assert.equal(right.verdict, "confirmed", right.why);
  });
});

describe("a claim that names an estimate does not hedge", () => {
  it("`the initial 38 million crown estimate` is a thing named; `is estimated to` hedges", () => {
    const src = "Initial estimates put the damage at 38 million crowns, but the mayor said the figure was likely to rise as inspectors reached outlying villages.";
    assert.match(hedgeGap("Damage has risen beyond the initial 38 million crown estimate as inspectors reached outlying villages", src) ?? "", /likely to rise/);
    assert.equal(hedgeGap("Damage is estimated to rise as inspectors reached outlying villages", src), undefined);
  });
});

describe("what still hedges a claim, and what is linear", () => {
  it("a verb `pledge to`, `forecasts`, `estimates` still hedges the claim; only a singular noun at the end of its phrase does not", () => {
    const src = "Officials said the target was likely to slip.";
    for (const claim of ["The ministers pledge to cut emissions by 40% by 2030", "Analysts said that the company forecasts growth of 3% next year", "Officials said that the city estimates 2,000 homes were damaged", "The company forecast growth of 3% next year"]) {
      assert.equal(hedgeGap(claim, src), undefined, claim);
    }
  });

  it("titles are read in time linear in the text (a 100 KB run of capitals)", () => {
    for (const text of ["A".repeat(100_000), "Ab".repeat(50_000), "Green Coast deputy leader Abc ".repeat(3_000)]) {
      const t = process.cpuUsage();
      titleGap(text, [text]);
      const ms = (process.cpuUsage(t).user + process.cpuUsage(t).system) / 1000;
      assert.ok(ms < 1500, `${ms} ms CPU for ${text.slice(0, 20)}…`);
    }
  });
});

describe("a claim's evidence is remembered across checks only while its sources stand", () => {
  it("a keystroke elsewhere reuses it; a changed source, or a library that answers otherwise, takes it again", async () => {
    const mem = new MemoryFileSystem();
    const source = (said: string) => `---\nid: port\n---\n\n# Port notice\n\n${said}\n\nThe harbour board met on Tuesday. Ferries kept their timetable all week.\n`;
    mem.write("/ws/sources/port.md", source("The Valmora dock strike ended on 4 May after eleven days, and the cranes were working again by noon."));
    const service = new BriefService({ fs: mem, root: "/ws", settings: {} });
    await service.initialize();
    const brief = (extra: string) => `---\ntitle: Dock strike\ndate: 2026-05-06\n---\n\n# Dock strike\n\n## Description\n\nThe Valmora dock strike ended on 4 May after eleven days [@port]. ${extra}\n\n## Impact\n\nShipping resumed.\n`;
    const verdict = async (text: string) => (await service.check("/ws/briefs/a.brief.md", text)).claims[0];
    assert.equal((await verdict(brief("Analysts watched."))).verdict, "confirmed");
    // Another sentence typed: same verdict, same reason.
    const again = await verdict(brief("Analysts watched it."));
    assert.equal(again.verdict, "confirmed");
    // The source now says otherwise: the claim is read against it again.
    mem.write("/ws/sources/port.md", source("The Valmora dock strike did not end on 4 May; talks broke down after eleven days."));
    await service.fileChanged("/ws/sources/port.md");
    const changed = await verdict(brief("Analysts watched it."));
    assert.notEqual(changed.verdict, "confirmed", changed.why.join("; "));
    mem.write("/ws/sources/port.md", source("The Valmora dock strike ended on 4 May after eleven days, and the cranes were working again by noon."));
    await service.fileChanged("/ws/sources/port.md");
    assert.equal((await verdict(brief("Analysts watched it."))).verdict, "confirmed");
  });
});

describe("the claim rules' problems are remembered per sentence only while its text, sources and settings stand", () => {
  it("a sentence moved by an edit before it keeps its problems at its new place; a changed source or threshold takes them again", async () => {
    const mem = new MemoryFileSystem();
    const source = (said: string) => `---\nid: port\n---\n\n# Port notice\n\n${said}\n\nThe harbour board met on Tuesday. Ferries kept their timetable all week.\n`;
    mem.write("/ws/sources/port.md", source("The Valmora dock strike ended on 4 May after eleven days, and 41 vessels waited at anchor."));
    const service = new BriefService({ fs: mem, root: "/ws", settings: {} });
    await service.initialize();
    const claim = 'The Valmora dock strike ended on 4 May after eleven days, and 14 vessels "waited at the quay" [@port].';
    const brief = (before: string) => `---\ntitle: Dock strike\ndate: 2026-05-06\n---\n\n# Dock strike\n\n## Description\n\n${before}${claim} Grain barges sailed on regardless, pilots said [@port].\n\n## Impact\n\nShipping resumed.\n`;
    const RULES = ["number-mismatch", "quote-mismatch", "weak-support"];
    const offset = (text: string, at: { line: number; character: number }) => text.split("\n").slice(0, at.line).join("\n").length + 1 + at.character;
    const problems = async (text: string) =>
      (await service.check("/ws/briefs/a.brief.md", text)).problems
        .filter((p) => RULES.includes(p.rule))
        .map((p) => ({ rule: p.rule, at: offset(text, p.range.start), fix: p.fixes?.[0] ? offset(text, p.fixes[0].edits[0].range.start) : undefined }));
    const first = await problems(brief(""));
    assert.deepEqual(first.map((p) => p.rule).sort(), ["number-mismatch", "quote-mismatch", "weak-support"], JSON.stringify(first));
    // Words typed before the claim: the same problems, each at its word again (and its fix's edit with it).
    const moved = brief("Dockers struck. ");
    const after = await problems(moved);
    assert.equal(after.length, first.length);
    const figure = after.find((p) => p.rule === "number-mismatch")!;
    assert.equal(moved.slice(figure.at, figure.at + 2), "14");
    assert.equal(figure.fix, figure.at);
    const quote = after.find((p) => p.rule === "quote-mismatch")!;
    assert.equal(moved.slice(quote.at, quote.at + 7), "waited ");
    // The source now holds what the claim says: its problems go.
    mem.write("/ws/sources/port.md", source('The Valmora dock strike ended on 4 May after eleven days, and 14 vessels "waited at the quay". Grain barges sailed on regardless.'));
    await service.fileChanged("/ws/sources/port.md");
    assert.deepEqual(await problems(moved), []);
    // A stricter threshold in the workspace's config: weak-support is asked again.
    mem.write("/ws/.briefrc.json", new TextEncoder().encode(JSON.stringify({ supportThreshold: 0.9 })));
    await service.fileChanged("/ws/.briefrc.json");
    assert.deepEqual((await problems(moved)).map((p) => p.rule), ["weak-support"]);
  });
});

describe("a remembered claim's evidence keeps the key it is cited by", () => {
  it("the same sentence citing two keys of one file names each key in its passage", async () => {
    const mem = new MemoryFileSystem();
    mem.write("/ws/references/grain.md", "---\ntitle: Grain report\n---\n\n# Grain report\n\nBarley exports from the valley rose by a fifth in the spring after the new rail spur opened.\n");
    mem.write("/ws/sources/other.md", "---\ntitle: Other\n---\n\n# Other\n\nNothing of grain.\n");
    const service = new BriefService({ fs: mem, root: "/ws", settings: {} });
    await service.initialize();
    const sentence = "Barley exports from the valley rose by a fifth in the spring after the new rail spur opened";
    const text = `---\ntitle: Grain\ndate: 2026-05-06\n---\n\n# Grain\n\n## Description\n\n${sentence} [@alph1].\n\n${sentence} [@alph2].\n\n## Impact\n\nFreight rates fell.\n\n[@alph1]: ../references/grain.md\n[@alph2]: ../references/grain.md\n`;
    const r = await service.check("/ws/briefs/g.brief.md", text);
    const byKey = r.claims.filter((c) => c.passage).map((c) => [c.keys.join(","), c.passage!.key]);
    assert.deepEqual(byKey, [["alph1", "alph1"], ["alph2", "alph2"]]);
  });
});

/** The problems of `rules` and the verdict of one citing sentence against a source of our own (key `s`). */
async function againstOwnSource(source: string, sentence: string, rules: readonly string[], title = "Harbour notes") {
  const mem = new MemoryFileSystem();
  mem.write("/ws/sources/s.md", new TextEncoder().encode(`---\ntitle: ${title}\n---\n\n${source}\n`));
  const service = new BriefService({ fs: mem, root: "/ws", settings: {} });
  await service.initialize();
  const r = await service.check("/ws/briefs/b.brief.md", supportBrief({ key: "s", sentence }));
  return { problems: r.problems.filter((p) => rules.includes(p.rule)), verdict: r.claims[0].verdict, why: r.claims[0].why.join("; ") };
}

describe("a name or figure the source gives elsewhere, and another in the claim's place in the passage", function () {
  this.timeout(60_000);
  const check = (source: string, sentence: string) => againstOwnSource(source, sentence, ["name-mismatch", "number-mismatch"]);
  const port =
    "Dockworkers at the Brenholt container terminal returned to work on 9 April after a six-day strike over night-shift pay. " +
    "Shipping lines said some vessels would divert to the smaller terminal at Askervik until the queue clears.\n\n" +
    "The harbour board ordered the damaged crane repaired within 21 days. Its owners have a 60-day deadline to appeal against the fine.\n\n" +
    "The Coastal Haulage Union, which had led the stoppage, fell from 17 seats to 12 on the board. Work at the quay starts at 07:15 instead of 06:30. " +
    "Four tugs were at work on the day, two of them on loan from Askervik.";

  it("names the place the passage gives in its slot, and leaves a sentence that says the other place's own fact alone", async () => {
    const swapped = await check(port, "Dockworkers at the Askervik container terminal returned to work on 9 April after a six-day strike");
    assert.equal(swapped.problems.length, 1, JSON.stringify(swapped.problems));
    assert.equal(swapped.problems[0].rule, "name-mismatch");
    assert.match(swapped.problems[0].message, /says "Brenholt" where this sentence says "Askervik"/);
    assert.equal(swapped.verdict, "contradicted");
    const right = await check(port, "Shipping lines said some vessels would divert to the smaller terminal at Askervik until the queue clears");
    assert.deepEqual(right.problems, []);
  });

  it("does not call a title, a first word or a shared surname another name", async () => {
    const people = "Ms Ostrova told the board that the deal would stand. Board chair Lena Ostrova was re-elected in March.";
    assert.deepEqual((await check(people, "Lena Ostrova told the board that the deal would stand")).problems, []);
    const first = "Annual cargo volumes at the port rose to 4.1 million tonnes in 2024. The port of Vellan handled the rest.";
    assert.deepEqual((await check(first, "Vellan cargo volumes at the port rose to 4.1 million tonnes in 2024")).problems, []);
    const surname = "Inspector Tomas Harrow led the inquiry into the collision. His brother Piet Harrow runs the ferry line.";
    assert.deepEqual((await check(surname, "Inspector Piet Harrow led the inquiry into the collision")).problems, []);
  });

  it("gives the passage's figure for one the source holds elsewhere, with a fix; not when the passage holds the claim's own", async () => {
    const r = await check(port, "The harbour board ordered the damaged crane repaired within 60 days");
    assert.equal(r.problems.length, 1, JSON.stringify(r.problems));
    assert.equal(r.problems[0].rule, "number-mismatch");
    assert.match(r.problems[0].message, /says "21" where this sentence says "60"/);
    assert.equal(r.problems[0].fixes?.[0].edits[0].newText, "21");
    assert.deepEqual((await check(port, "Its owners have a 60-day deadline to appeal against the fine")).problems, []);
  });

  it("takes a figure worked out from the passage (other units, a change, a share) as no mismatch, and as held by it", async () => {
    for (const sentence of [
      "The harbour board ordered the damaged crane repaired within three weeks",
      "The Coastal Haulage Union, which had led the stoppage, lost five seats on the board",
      "Work at the quay now starts 45 minutes later than before, at 07:15",
      "Half of the tugs at work on the day were on loan from Askervik",
    ]) {
      const r = await check(port, sentence);
      assert.deepEqual(r.problems.map((p) => p.message), [], sentence);
      assert.equal(r.verdict, "confirmed", `${sentence}: ${r.why}`);
    }
    // A change the sentence does not word as one, and a share of something else, are still figures to find.
    assert.equal((await check(port, "The Coastal Haulage Union holds five seats on the board")).problems.length, 1);
    assert.equal((await check(port, "Half of the cranes at the quay were on loan from Askervik")).problems.length, 1);
  });
});

describe("a slot pinned down by one side, and who acts in the passage", function () {
  this.timeout(60_000);
  const check = (source: string, sentence: string) => againstOwnSource(source, sentence, ["name-mismatch", "role-mismatch"], "Budget notes");
  const budget =
    "The largest item is 410 million crowns for breakwaters at Dunmarra and three smaller harbours. " +
    "Funding for the coastal research institute in Tresk will fall by 30 million crowns.\n\n" +
    "Velmar's mayor, Henrike Dahl, spoke to dock workers on Monday. She asked the regional government for 5 million crowns to keep the night crews on full pay.\n\n" +
    "The prime minister arrived in Sannholm on Tuesday. Speaking at the Eastgate Palace, the prime minister said the talks had gone well.\n\n" +
    "Lina Farrow won the Ostby North seat by 212 votes. The Green Coast candidate said she would push for a new rail link to the coast.\n\n" +
    "The regional governor, Ottilie Marchbank, visited Orlesby on 20 August and announced 9 million marks in grants for households that lost their homes.";

  it("reads a place's slot by its preposition and the three words before it (or after it) when the other side differs: another place there is reported", async () => {
    const r = await check(budget, "The budget cuts funding for the coastal research institute in Dunmarra by 30 million crowns");
    assert.equal(r.problems.length, 1, JSON.stringify(r.problems));
    assert.match(r.problems[0].message, /says "Tresk" where this sentence says "Dunmarra"/);
    assert.equal(r.verdict, "contradicted");
  });

  it("not when the preposition before the place differs, nor for a pronoun in the passage's slot", async () => {
    // The city and the venue in it: "in Sannholm" is not "at the Eastgate Palace".
    const city = await check(budget, "Speaking in Sannholm, the prime minister said the talks had gone well");
    assert.deepEqual(city.problems, []);
    assert.notEqual(city.verdict, "contradicted");
    // "She" is the mayor the sentence before names.
    const she = await check(budget, "Velmar's mayor, Henrike Dahl, asked the regional government for 5 million crowns to keep the night crews on full pay");
    assert.deepEqual(she.problems, []);
  });

  it("the one who acts is the name next to the verb or the sentence's subject, not a name that describes it or the object of an earlier verb", async () => {
    assert.deepEqual((await check(budget, "Lina Farrow said she would push for a new rail link to the coast")).problems, []);
    const other = (await check(budget, "Orlesby mayor Piet Vollands announced 9 million marks in grants for households that lost their homes")).problems.filter((p) => p.rule === "role-mismatch");
    assert.equal(other.length, 1, JSON.stringify(other));
    assert.match(other[0].message, /has Ottilie Marchbank as the one who announced, not Piet Vollands/);
  });
});

describe("who said it, and a denial the source reverses", function () {
  this.timeout(60_000);
  const check = async (source: string, sentence: string) => (await againstOwnSource(source, sentence, ["role-mismatch", "polarity-mismatch"], "Levy notes")).problems;
  const levy =
    "Trade Minister Ola Brekke met exporters in Harnsund on Monday. Vaskin argued that the port levy had not yet reached small exporters in the north. " +
    "Norvik inflation reached 3.1 percent in May. Brekke said exporters, whose costs reached a record in April, would get relief. " +
    "The ministry said it had agreed to cut the levy on grain shipments by half from July. Grain exports through the northern ports fell sharply in the spring.\n\n" +
    "Talks in Harnsund did not produce an agreement on pilotage fees. Brekke rejected calls from exporters to scrap the fuel levy, saying the budget had no room for it. " +
    "The harbour office said the number of night pilots at Harnsund had not changed since 2019. " +
    "The town council rejected, by 7 votes to 4, a motion calling for the harbour master to resign. " +
    "The port director, Ulla Venn, said the dredging plan would be studied, but made no promise.";

  it("gives the source's speaker when it is a first word alone before the verb, and reads the name right before the claim's verb", async () => {
    const other = await check(levy, "Trade Minister Ola Brekke argued that the port levy had not yet reached small exporters in the north");
    assert.equal(other.length, 1, JSON.stringify(other));
    assert.match(other[0].message, /has Vaskin as the one who argued, not Ola Brekke/);
    // "Norvik inflation" is about inflation: the source's "Brekke said exporters, whose costs reached…" is no other actor.
    assert.deepEqual(await check(levy, "Norvik inflation reached 3.1 percent in May, a figure the ministry did not dispute"), []);
    assert.deepEqual(await check(levy, "Vaskin argued that the port levy had not yet reached small exporters in the north"), []);
  });

  it("a claim's own word of denial against the source's antonym of it is a reversal; a denial said with another word's antonym is not", async () => {
    const refused = await check(levy, "The ministry said it had refused to cut the levy on grain shipments by half from July");
    assert.equal(refused.length, 1, JSON.stringify(refused));
    assert.equal(refused[0].rule, "polarity-mismatch");
    assert.match(refused[0].message, /affirms it/);
    assert.deepEqual(await check(levy, "Grain exports through the northern ports did not rise in the spring"), []);
  });

  it("a denial is the claim's only when it denies a word of the claim (or any change, of a change) that the claim does not deny too", async () => {
    // The source denies an agreement, not the asking; it says "no room" as the claim does.
    assert.deepEqual(await check(levy, "Exporters in Harnsund have been asking for lower pilotage fees since 2019"), []);
    assert.deepEqual(await check(levy, "Brekke told exporters that the budget had no room to scrap the fuel levy"), []);
    const cut = await check(levy, "The harbour office said the number of night pilots at Harnsund had been cut since 2019");
    assert.equal(cut.length, 1, JSON.stringify(cut));
    assert.equal(cut[0].rule, "polarity-mismatch");
    // What is denied is read past an aside ("rejected, by 7 votes to 4, a motion").
    const passed = await check(levy, "The town council passed a motion calling for the harbour master to resign");
    assert.equal(passed.length, 1, JSON.stringify(passed));
    // The claim's own verb denied in another clause of the sentence that holds it.
    const promised = await check(levy, "Port director Ulla Venn promised that the dredging plan would be studied");
    assert.equal(promised.length, 1, JSON.stringify(promised));
    assert.deepEqual(await check(levy, "Port director Ulla Venn said the dredging plan would be studied"), []);
  });
});

describe("parties swapped round a verb, a title's name referred back to, and titles in a full name", function () {
  this.timeout(60_000);
  const run = (source: string, sentence: string, title?: string) => againstOwnSource(source, sentence, ["role-mismatch", "name-mismatch"], title);
  const inquiry = "Mayor Tilde Aronsen met the harbour committee on Friday. Aronsen rejected calls from opposition councillors for a public inquiry into the ferry collision.";

  it("finds the claim's subject after the source's verb and the source's subject after the claim's, named or not", async () => {
    const swapped = await run(inquiry, "Opposition councillors rejected calls from Mayor Tilde Aronsen for a public inquiry into the ferry collision");
    assert.equal(swapped.problems.length, 1, JSON.stringify(swapped.problems));
    assert.match(swapped.problems[0].message, /has Aronsen as the one who rejected/);
    assert.notEqual(swapped.verdict, "confirmed");
    const right = await run(inquiry, "Mayor Aronsen rejected calls from opposition councillors for a public inquiry into the ferry collision");
    assert.deepEqual(right.problems, []);
    assert.equal(right.verdict, "confirmed", right.why);
  });

  it("confirms a claim naming the source's title subject where the passage says `the bank`, not where it does not refer back", async () => {
    const bank = "Harnsund Savings Bank opened two branches in May.\n\nThe bank raised its main rate to 4.5 percent on Thursday, its third increase this year. Analysts had expected a smaller rise.";
    const named = await run(bank, "The Harnsund Savings Bank raised its main rate to 4.5 percent on Thursday", "Harnsund Savings Bank raises rates again");
    assert.equal(named.verdict, "confirmed", named.why);
    const untitled = await run(bank, "The Harnsund Savings Bank raised its main rate to 4.5 percent on Thursday", "Rates notes");
    assert.notEqual(untitled.verdict, "confirmed", untitled.why);
  });

  it("a title shared by two full names does not make one of them named: the other name in its slot is a mismatch", async () => {
    const court = "Presiding Justice Ada Lorne, writing with Justice Emil Strand, said the permit was void. Justice Vera Holm dissented.";
    const r = await run(court, "Presiding Justice Ada Lorne said the permit was void, writing with Justice Vera Holm");
    assert.equal(r.problems.length, 1, JSON.stringify(r.problems));
    assert.match(r.problems[0].message, /says "Emil Strand" where this sentence says "Vera Holm"/);
  });
});

describe("a figure the claim rounds or bounds", () => {
  const derived = (claim: string, source: string) => {
    const f = extractFigures(claim)[0];
    return derivedFrom(f, claim, () => [{ text: source, figures: extractFigures(source, true) }]);
  };

  it("takes `more than`, `almost`, `about`, `fewer than` as a band round the source's figure, of the same thing", () => {
    assert.equal(derived("more than 600 workers", "It employs 640 workers."), true);
    assert.equal(derived("more than 600 workers", "It employs 600 workers."), false);
    assert.equal(derived("over 600 workers", "It employs 6,400 workers."), false);
    assert.equal(derived("almost 600 workers", "It employs 592 workers."), true);
    assert.equal(derived("about 600 workers", "It employs 640 ships and 600 boats."), false);
    assert.equal(derived("fewer than 50 ships", "Only 44 ships called."), true);
    assert.equal(derived("nearly 2 million tonnes", "The crop was 1.96 million tonnes."), true);
  });

  it("compares shares and percentages in points, a bare share to a whole percent; not `up to`, which quotes a maximum", () => {
    assert.equal(derived("almost a fifth of the water", "It loses 17 percent of the water it treats."), true);
    assert.equal(derived("almost a fifth of the water", "It loses 12 percent of the water it treats."), false);
    assert.equal(derived("more than a third of the network", "About 36 percent of the network is old."), true);
    assert.equal(derived("one in six households", "About 17 percent of households were hit."), true);
    assert.equal(derived("a third of households", "40 percent of households were hit."), false);
    assert.equal(derived("gusts of up to 184 kilometres per hour", "It brought gusts of up to 148 kilometres per hour."), false);
  });

  it("for `confirmed`, holds a count the claim rounds at its own unit, within a tenth (about), a fifth (fewer than) or three tenths (more than)", () => {
    const strict = (claim: string, source: string) => {
      const f = extractFigures(claim)[0];
      return derivedFrom(f, claim, () => [{ text: source, figures: extractFigures(source, true) }], true);
    };
    // To the nearest 5, 10, 100: what an analyst writes for the source's figure.
    assert.equal(strict("about 15 ship movements", "About 14 ship movements a night were affected."), true);
    assert.equal(strict("roughly 50 apprentices", "The yard has 46 apprentices."), true);
    assert.equal(strict("more than 30 licensed pilots", "The port has 38 licensed pilots."), true);
    assert.equal(strict("fewer than 900 contractors", "The yard employs 880 contractors."), true);
    // Not a rounding of it: past the unit, or past the share.
    assert.equal(strict("about 40 apprentices", "The yard has 46 apprentices."), false);
    assert.equal(strict("about 600 million crowns", "The repair will cost 660 million crowns."), false);
    assert.equal(strict("more than 1,000 voters", "Turnout reached 1,400 voters."), false);
    assert.equal(strict("more than 30 licensed pilots", "The port has 30 licensed pilots."), false);
    assert.equal(strict("nearly 50 homes", "The storm damaged 44 homes."), false);
    // A figure of no round unit is held only as the narrow band held it (`about 12` is 11.4 to 12.6).
    assert.equal(strict("about 12 tugs", "The port has 11 tugs."), false);
  });
});

describe("weak-support reads what the sentence holding the claim only expects", function () {
  this.timeout(60_000);
  const check = async (source: string, sentence: string) => (await againstOwnSource(source, sentence, ["weak-support"], "Union notes")).problems;
  const union =
    "Dock workers at Harnsund voted on Monday to reject the revised pay offer. Their union said it would ask the mediator to intervene and may call a ballot for strike action. " +
    "The new shift rota would begin in May, the port company said.\n\n" +
    "The port company said the dispute could delay two cruise calls. It has already moved one crane to the north quay.";

  it("flags a claim that states what that sentence only expects, proposes, or says would happen", async () => {
    const ballot = await check(union, "The dock workers' union has called a ballot for strike action and asked the mediator to intervene");
    assert.equal(ballot.length, 1, JSON.stringify(ballot));
    assert.match(ballot[0].message, /may call a ballot/);
    const began = await check(union, "The new shift rota at the Harnsund port company began in May");
    assert.equal(began.length, 1, JSON.stringify(began));
  });

  it("not a hedge of the window's other sentence, nor a claim that itself says what threatens", async () => {
    assert.deepEqual(await check(union, "The port company has already moved one crane to the north quay"), []);
    assert.deepEqual(await check(union, "The dispute threatens to delay two cruise calls at the port, the company said"), []);
  });
});

describe("a second review's cases: what the new checks must not do", function () {
  this.timeout(60_000);
  const RULES = ["name-mismatch", "number-mismatch", "role-mismatch", "polarity-mismatch", "weak-support"];
  const verdictOf = async (source: string, sentence: string, title?: string) => {
    const r = await againstOwnSource(source, sentence, RULES, title);
    return { verdict: r.verdict, rules: r.problems.map((p) => p.rule) };
  };

  it("a source's -ing denial is a denial too; `no longer` and `did not formally` deny the verb after them", async () => {
    const same = "The harbour board issued a statement on Friday rejecting claims of a cover-up over the crane collapse.";
    assert.deepEqual(await verdictOf(same, "The harbour board issued a statement on Friday rejecting claims of a cover-up over the crane collapse"), { verdict: "confirmed", rules: [] });
    assert.deepEqual((await verdictOf("The Velmar ferry no longer stops at Askervik harbour on weekdays, the operator said.", "The Velmar ferry stops at Askervik harbour on weekdays")).rules, ["polarity-mismatch"]);
    assert.deepEqual((await verdictOf("The board did not formally approve the harbour budget on Tuesday.", "The board formally approved the harbour budget on Tuesday")).rules, ["polarity-mismatch"]);
  });

  it("a verb another clause affirms is not denied; a verb with `with` works both ways", async () => {
    assert.deepEqual((await verdictOf("The council approved the harbour budget on Tuesday but did not approve the pay rise for pilots.", "The council approved the harbour budget on Tuesday")).rules, []);
    assert.deepEqual((await verdictOf("Farmers clashed with police outside the agriculture ministry in Velmar on Thursday.", "Police clashed with farmers outside the agriculture ministry in Velmar on Thursday")).rules, []);
  });

  it("a difference is worked out only from a from–to pair, for a figure worded as a change", async () => {
    const seats = "In the election, the Green League won 17 seats and the Farmers' Party won 12 seats in the assembly.";
    assert.deepEqual((await verdictOf(seats, "In the election, the Farmers' Party won 5 seats in the assembly")).rules, ["number-mismatch"]);
    assert.deepEqual((await verdictOf("Exports rose 12 percent in March after rising 4 percent in February.", "Exports rose 8 percent in March")).rules, ["number-mismatch"]);
  });

  it("`risk` the noun does not hedge a claim; a passage that says it happened is no `would`; initials and rounding are no other name or figure", async () => {
    assert.deepEqual((await verdictOf("The regulator said the new rules could raise risk charges for regional banks by 40 percent.", "The new rules raised risk charges for regional banks by 40 percent")).rules, ["weak-support"]);
    assert.deepEqual((await verdictOf("The relief convoy reached Askervik harbour on Monday and would reach Vessby by Thursday, officials said.", "The relief convoy reached Askervik harbour on Monday")).rules, []);
    assert.deepEqual((await verdictOf("In the 1990s, ferries would call at Askervik twice a day.", "In the 1990s, ferries called at Askervik twice a day")).rules, []);
    const union = "The Coastal Haulage Union (CHU) represents 900 drivers. The Coastal Haulage Union led the six-day stoppage at the quay.";
    assert.deepEqual((await verdictOf(union, "The CHU led the six-day stoppage at the quay")).rules, []);
    const third = "The strike halted 33 percent of container traffic at Brenholt in April. A third of the cranes were idle.";
    assert.deepEqual((await verdictOf(third, "The strike halted a third of container traffic at Brenholt in April")).rules, []);
  });

  it("a Title Case title lends no word to another name; a clause the source never gives keeps a claim from confirmed", async () => {
    const tariffs = "Velmar's tariffs are unchanged.\n\nFrom January, the water tariff rose by 8 percent, Orlund's council said.";
    assert.notEqual((await verdictOf(tariffs, "The water tariff in Velmar rose by 8 percent from January", "Velmar And Orlund Raise Water Tariffs")).verdict, "confirmed");
    const crane = "The harbour board in Brenholt ordered the damaged loading crane repaired within 21 days.";
    assert.notEqual((await verdictOf(crane, "The harbour board in Brenholt ordered the damaged loading crane repaired within 21 days after inspectors found cracked welds")).verdict, "confirmed");
  });
});

describe("figures written as words: dozens, and a day in words before its month", () => {
  const found = (claim: string, source: string) => extractFigures(claim).every((f) => findFigure(f, extractFigures(source, true)).found);

  it("reads `two dozen` as 24 and `the nineteenth of March [2025]` as a date", () => {
    assert.deepEqual(extractFigures("two dozen vessels").map((f) => f.keys), [["num:24"]]);
    assert.deepEqual(extractFigures("on the nineteenth of March").map((f) => f.keys), [["date:03-19"]]);
    assert.equal(found("two dozen vessels", "It sent 24 vessels."), true);
    assert.equal(found("two dozen vessels", "It sent 2 vessels."), false);
    assert.equal(found("on the twenty-first of March 2025", "on 21 March 2025"), true);
    assert.equal(found("on the nineteenth of March", "on 20 March"), false);
    assert.equal(found("36 tugs", "It sent three dozen tugs."), true);
  });
});

describe("`would` before a quotation", () => {
  it("reads `would \"restore the timetable\"` as only expected, for the verdict and for weak-support", async () => {
    const source = "The board said the repaired quay can now berth larger ships and that it would \"restore the ferry timetable by the end of the month\".";
    const r = await againstOwnSource(source, "The board restored the ferry timetable by the end of the month", ["weak-support"]);
    assert.equal(r.verdict, "unverified", r.why);
    assert.equal(r.problems.length, 1);
    assert.match(r.problems[0].message, /"would restore"/);
  });
});

describe("figures written as analysts write them: scaled words, times without stops, and figures worked out from a pair or a share", () => {
  const found = (claim: string, source: string) => extractFigures(claim).every((f) => findFigure(f, extractFigures(source, true)).found);
  const derived = (claim: string, source: string) => {
    const f = extractFigures(claim).find((x) => !findFigure(x, extractFigures(source, true)).found);
    assert.ok(f, `every figure of "${claim}" is in the source as written`);
    return derivedFrom(f, claim, () => [{ text: source, figures: extractFigures(source, true) }]);
  };

  it("reads `a quarter of a million`, `half a million`, `one and a half billion` and `twelve hundred` as one number each", () => {
    assert.deepEqual(extractFigures("A quarter of a million people").map((f) => f.keys), [["num:250000"]]);
    assert.deepEqual(extractFigures("half a million people").map((f) => f.keys), [["num:500000"]]);
    assert.deepEqual(extractFigures("three quarters of a million tonnes").map((f) => f.keys), [["num:750000"]]);
    assert.deepEqual(extractFigures("one and a half billion crowns").map((f) => f.keys), [["num:1500000000"]]);
    assert.deepEqual(extractFigures("2 and a half million").map((f) => f.keys), [["num:2500000"]]);
    assert.deepEqual(extractFigures("twelve hundred workers").map((f) => f.keys), [["num:1200"]]);
    assert.deepEqual(extractFigures("twenty-five hundred voters").map((f) => f.keys), [["num:2500"]]);
    // "twelve hundred and fifty" says more than twelve hundred: not read as 1,200.
    assert.ok(!extractFigures("twelve hundred and fifty").some((f) => f.keys.includes("num:1200")));
    assert.equal(found("A quarter of a million people live there", "About 250,000 people live there."), true);
    assert.equal(found("A quarter of a million people live there", "About 150,000 people live there."), false);
    assert.equal(found("It will cost one and a half billion crowns", "It will cost 1.5 billion crowns."), true);
  });

  it("reads `7 pm` and `10am` as times of day, and `fell by half` as halved", () => {
    assert.deepEqual(extractFigures("start at 7 pm on Thursday").map((f) => f.keys), [["time:19:00", "part:period:evening"], ["weekday:4"]]);
    assert.deepEqual(extractFigures("at 10am").map((f) => f.keys), [["time:10:00", "part:period:morning"]]);
    assert.equal(found("start at 7 pm on Thursday", "It starts at 19:00 on Thursday."), true);
    assert.equal(found("start at 7 pm on Thursday", "It starts at 19:30 on Thursday."), false);
    assert.deepEqual(extractFigures("Unemployment fell by half").map((f) => f.keys), [["times:0.5"]]);
    assert.deepEqual(extractFigures("Prices rose by half a percent").map((f) => f.keys.filter((k) => k.startsWith("times"))), []);
  });

  it("works out a multiple or a relative change from a from–to pair about the claim's thing, and no other", () => {
    assert.equal(derived("The operator halved its daily crossings", "The operator cut its timetable from eight crossings a day to four."), true);
    assert.equal(derived("The operator halved its daily crossings", "The operator cut its timetable from eight crossings a day to six."), false);
    assert.equal(derived("Union membership has grown by a fifth since 2020", "The union has 4,800 members, up from 4,000 in 2020."), true);
    assert.equal(derived("Union membership has grown by a quarter since 2020", "The union has 4,800 members, up from 4,000 in 2020."), false);
    assert.equal(derived("Unemployment fell by a third in the year to March", "Unemployment fell to 6 percent in March, from 9 percent a year earlier."), true);
    // A pair of the sentence about another thing: the order book, not unemployment.
    assert.equal(derived("Regional unemployment rose by half in the year", "Its order book shrank from 14 vessels in 2023 to seven this year."), false);
  });

  it("works out a part from a share of a count, a share from a part of the claim's own whole, and days between two dates", () => {
    assert.equal(derived("Thirty of the 60 berths were empty", "Half of the 60 berths were empty."), true);
    assert.equal(derived("Forty of the 60 berths were empty", "Half of the 60 berths were empty."), false);
    assert.equal(derived("The company cut 200 jobs", "The company cut 10 percent of its 2,000 jobs."), true);
    assert.equal(derived("The company cut 300 jobs", "The company cut 10 percent of its 2,000 jobs."), false);
    assert.equal(derived("The union speaks for three quarters of the yard's 2,400 workers", "The union represents 1,800 of the yard's workers."), true);
    assert.equal(derived("The union speaks for two thirds of the yard's 2,400 workers", "The union represents 1,800 of the yard's workers."), false);
    assert.equal(derived("The talks ran for two weeks", "The talks, which began on 3 March, ended on 17 March."), true);
    assert.equal(derived("The talks ran for three weeks", "The talks, which began on 3 March, ended on 17 March."), false);
    assert.equal(derived("The airport was shut for 72 hours", "Flights resumed after a three-day closure."), true);
    assert.equal(derived("The airport was shut for 96 hours", "Flights resumed after a three-day closure."), false);
  });

  it("a span of months is no name (`the July-September quarter`)", async () => {
    const r = await againstOwnSource("The firm reported a loss of 3.2 million crowns in the third quarter.", "The firm lost 3.2 million crowns in the July-September quarter", ["name-mismatch"]);
    assert.deepEqual(r.problems, []);
  });
});

describe("claims copied from the labelled sources themselves", function () {
  this.timeout(120_000);
  it("no verification rule flags a sentence or a clause of its own source, and nearly all are confirmed", async () => {
    const labels = copiedClaims();
    assert.ok(labels.length >= 450, `${labels.length} copied claims`);
    const r = await evaluateSupport({ labels });
    const flagged = (r.wrong ?? []).filter((m) => m.flagged);
    assert.deepEqual(flagged.map((m) => `#${m.id} @${m.key}: ${m.sentence} — ${m.messages.join(" | ")}`), []);
    // Copied whole, a sentence lacks nothing: only one whose subject is in the one before ("It",
    // "She") or that copies a "no …" may stay unverified. Two joined facts are confirmed less often.
    const verbatim = r.perKind["verbatim"];
    assert.ok(verbatim.confirmed / verbatim.n >= 0.93, `confirmed ${verbatim.confirmed} of ${verbatim.n} sentences`);
    // Two joined sentences are confirmed fact by fact.
    const two = r.perKind["two-facts"];
    assert.ok(two.n >= 80 && two.confirmed / two.n >= 0.85, `confirmed ${two.confirmed} of ${two.n} joined pairs`);
  });
});

describe("a claim's own word of denial, and a source that denies it", function () {
  this.timeout(60_000);
  const RULES = ["polarity-mismatch"];
  const cases: Array<[string, string, "confirmed" | "unverified" | "contradicted"]> = [
    ["The port authority did not suspend night pilotage in the channel on 11 September.", "The port authority suspended night pilotage in the channel on 11 September", "contradicted"],
    ["The council did not block the harbour budget on Tuesday.", "The council blocked the harbour budget on Tuesday", "contradicted"],
    ["The regulator has not banned night fishing in the bay.", "The regulator has banned night fishing in the bay", "contradicted"],
    ["The board refused to suspend the licence of the trawler.", "The board suspended the licence of the trawler", "contradicted"],
    ["The talks ended on 15 September without agreement, the union said.", "The talks ended on 15 September with an agreement, the union said", "unverified"],
    ["Aid convoys had twice been blocked from reaching Kelbrin in August, the coordinator said.", "Aid convoys had twice reached Kelbrin in August, the coordinator said", "unverified"],
    // Copied with its denial: no reversal (a "no …" the source says too stays unverified: the broad reading keeps it from confirmed).
    ["Police said they had made no arrests.", "Police said they had made no arrests", "unverified"],
    ["The port authority suspended night pilotage in the channel on 11 September.", "The port authority suspended night pilotage in the channel on 11 September", "confirmed"],
    ["Analysts said the likeliest buyer was the third operator, Vantel, which declined to comment.", "Analysts said the likeliest buyer was the third operator, Vantel, which declined to comment", "confirmed"],
    // Denied in words of its own ("defeated" for "rejected"), of the same thing: no reversal.
    ["On 13 June the city council rejected, by 7 votes to 4, a motion calling for the director to resign.", "A council motion calling for the director to resign was defeated by 7 votes to 4 on 13 June", "confirmed"],
    // A passive copy of the source's active clause is the same denial; of another thing it is not.
    ["The port authority suspended night pilotage on 11 September, two days after a tug struck the breakwater.", "A tug struck the breakwater two days before night pilotage was suspended", "confirmed"],
    ["The port authority suspended night pilotage on 11 September, two days after a tug struck the breakwater.", "A tug struck the breakwater two days before day pilotage was suspended", "unverified"],
  ];
  for (const [source, claim, verdict] of cases) {
    it(`${verdict}: ${claim}`, async () => {
      const r = await againstOwnSource(source, claim, RULES);
      assert.equal(r.verdict, verdict, `${r.why} ${JSON.stringify(r.problems.map((p) => p.message))}`);
      assert.equal(r.problems.length > 0, verdict === "contradicted");
    });
  }
});

describe("figures the passage gives in other terms, and a subject that starts with a figure", function () {
  this.timeout(60_000);
  const verdictOf = async (source: string, sentence: string) => (await againstOwnSource(source, sentence, ["number-mismatch"])).verdict;

  it("confirms a multiple, a band or a part worked out from the passage's own sentence; never a wrong one", async () => {
    const yard = "The yard's order book shrank from 14 vessels in 2023 to seven this year. Some 34 licensed pilots work in the port of Velmar. Half of the 40 apprentices will move to the Brennsund yard.";
    assert.equal(await verdictOf(yard, "The yard's order book halved, from 14 vessels in 2023 to seven this year"), "confirmed");
    assert.equal(await verdictOf(yard, "More than 30 licensed pilots work in the port of Velmar"), "confirmed");
    assert.equal(await verdictOf(yard, "Twenty of the 40 apprentices will move to the Brennsund yard"), "confirmed");
    assert.equal(await verdictOf(yard, "The yard's order book shrank by a third, from 14 vessels in 2023"), "contradicted");
    assert.equal(await verdictOf(yard, "More than 50 licensed pilots work in the port of Velmar"), "contradicted");
    assert.equal(await verdictOf(yard, "Thirty of the 40 apprentices will move to the Brennsund yard"), "contradicted");
  });

  it("reads the subject past a figure and the word that rounds it (`Around 2,300 residents`)", async () => {
    const town = "About 2,300 residents of Orlesby were evacuated to a sports hall in Carrowgate.";
    assert.equal(await verdictOf(town, "Around 2,300 residents of Orlesby were evacuated to a sports hall in Carrowgate"), "confirmed");
    assert.equal(await verdictOf(town, "Around 2,300 tourists of Orlesby were evacuated to a sports hall in Carrowgate"), "unverified");
  });
});


describe("what a denial or a plan in the source is about", function () {
  this.timeout(60_000);
  it("a denial that goes on to name something the claim does not is not the claim's (`left no party with a majority`)", async () => {
    const lede = "The Civic Renewal Party and the Moorland People's Party signed a coalition agreement in Brenmoor on 14 November 2024, ending five weeks of talks after the election left no party with a majority.";
    const signed = await againstOwnSource(lede, "The Civic Renewal Party and the Moorland People's Party signed a coalition agreement in Brenmoor on 14 November 2024", ["polarity-mismatch"]);
    assert.deepEqual(signed.problems, []);
    const won = await againstOwnSource(lede, "The election left the Civic Renewal Party with a majority", ["polarity-mismatch"]);
    assert.equal(won.problems.length, 1, JSON.stringify(won));
  });

  it("`the proposed mine` hedges a claim about the mine, not one about the people who live near it", async () => {
    const council = "The council represents about 1,900 members of the Aroven people, most of whom live within 15 kilometres of the proposed mine.";
    assert.deepEqual((await againstOwnSource(council, "The council represents about 1,900 members of the Aroven people", ["weak-support"])).problems, []);
    assert.equal((await againstOwnSource(council, "The mine lies within 15 kilometres of the homes of most Aroven people", ["weak-support"])).problems.length, 1);
  });
});

describe("a claim of two facts, each held on its own", function () {
  this.timeout(60_000);
  const port =
    "The dosing pump at the treatment works failed late on 2 June, the utility said.\n\n" +
    "Nine of the 60 samples taken across the network on 3 June tested positive for E. coli. The boil-water notice followed at six in the morning on 4 June.";
  it("confirms two facts of two paragraphs joined by `, and`, and not when one of them is not held", async () => {
    const both = await againstOwnSource(port, "The dosing pump at the treatment works failed late on 2 June, and the boil-water notice followed at six in the morning on 4 June", []);
    assert.equal(both.verdict, "confirmed", both.why);
    const wrong = await againstOwnSource(port, "The dosing pump at the treatment works failed late on 2 June, and the boil-water notice was lifted in the evening of 4 June", []);
    assert.notEqual(wrong.verdict, "confirmed", wrong.why);
  });
});


describe("a second review's probes of this release (test/fixtures/support/review-probes.json)", function () {
  this.timeout(120_000);
  // Written for this project by reviewers who attacked a release's figure, denial, hedge, name-slot
  // and speaker rules: each was confirmed, flagged, or missed wrongly by a release's first version.
  const probes = JSON.parse(fs.readFileSync(path.join(SUPPORT_FIXTURES, "review-probes.json"), "utf8")) as Array<{ id: string; source: string; claim: string; expect: "not confirmed" | "confirmed" | "not flagged" | "flagged"; rule?: string; why: string }>;
  const RULES = ["name-mismatch", "number-mismatch", "role-mismatch", "polarity-mismatch", "weak-support"];
  for (const p of probes) {
    it(`${p.id}: ${p.expect}: ${p.why}`, async () => {
      const r = await againstOwnSource(p.source, p.claim, RULES);
      if (p.expect === "not confirmed") assert.notEqual(r.verdict, "confirmed", `${p.claim}: ${r.why}`);
      else if (p.expect === "confirmed") assert.equal(r.verdict, "confirmed", `${p.claim}: ${r.why}`);
      else if (p.expect === "flagged") assert.ok(r.problems.some((x) => x.rule === p.rule), `${p.claim}: ${r.why} ${JSON.stringify(r.problems.map((x) => x.message))}`);
      else assert.deepEqual(r.problems.map((x) => x.message), [], p.claim);
    });
  }
});
