import { cpuNow } from "../support/cpuTime";
import * as assert from "node:assert/strict";
import { fixtureService } from "./helpers";
import { parseConfigText } from "../../src/core/config";
import { extractFigures } from "../../src/core/match/figures";
import { RULE_NAMES } from "../../src/core/rules";
import type { CheckResult } from "../../src/core/service";

/**
 * Hostile briefs against quadratic regressions. Each is checked in full (parse, every rule,
 * markdownlint where it runs) and must take at most 2 s of CPU per MB of brief (with a 3 s floor
 * for small inputs). CPU time, not wall-clock time: another test run sharing the cores does not
 * make a check look slow. The bound is generous on purpose: it catches time that grows with the
 * square of the input, not a slow machine. Speed itself is measured by `npm run bench`.
 */
const HEAD = "---\ntype: brief\ntitle: Pellow quay\ndate: 2025-08-24\n---\n\n# Pellow quay\n\n## Description\n\n";
const TAIL = "\n\n## Impact\n\nFerries return [@harbour-notice].\n";

function bound(text: string): number {
  return Math.max(3000, (2000 * text.length) / 1e6);
}

async function timedCheck(text: string, files: Record<string, string> = {}): Promise<{ result: CheckResult; ms: number }> {
  // The library's load counts too: a hostile source is read and indexed there.
  const t0 = cpuNow();
  const { service } = await fixtureService(files);
  const result = await service.check("/ws/hostile.brief.md", text);
  return { result, ms: cpuNow() - t0 };
}

const rulesOf = (r: CheckResult) => new Set(r.problems.map((p) => p.rule));

describe("linear time on hostile briefs (≤ 2 s per MB)", function () {
  this.timeout(120_000);

  const cases: Array<{ name: string; text: () => string; files?: () => Record<string, string>; expect: (r: CheckResult) => void }> = [
    {
      name: "400,000 spaces inside a repeated section (its merge fix)",
      text: () => HEAD + "The quay reopened [@harbour-notice].\n\n## Impact\n\nFerries" + " ".repeat(400_000) + "wait.\n\n## Impact\n\nFares" + " ".repeat(400_000) + "rise.\n",
      expect: (r) => assert.ok(r.problems.some((p) => p.rule === "duplicate-section" && p.fixes?.length)),
    },
    {
      name: "20,000 sections out of order and repeated (their move and merge fixes)",
      text: () => "---\ntype: brief\ntitle: T\ndate: 2025-08-24\n---\n\n# T\n\n" + Array.from({ length: 10_000 }, (_, i) => `## Impact\n\nFerries wait ${i}.\n\n## Description\n\nThe quay closed ${i}.`).join("\n\n") + "\n",
      expect: (r) => assert.ok(r.problems.some((p) => p.rule === "section-order" && p.fixes?.length) && r.problems.filter((p) => p.rule === "duplicate-section").length > 10_000),
    },
    {
      name: "a cited source sentence with 200,000 spaces (weak-support's clauses)",
      text: () => HEAD + "The authority put the backlog at 42,000 containers [@spaced].\n" + TAIL,
      files: () => ({ "/ws/sources/spaced.md": "---\nid: spaced\n---\n\nThe authority said the backlog stood at 42,000 containers" + " ".repeat(200_000) + "and that it expected to clear the ships.\n" }),
      expect: (r) => assert.ok(!r.problems.some((p) => p.rule === "unknown-source")),
    },
    {
      name: "a source sentence of 20,000 figures and 20,000 denials, cited by claims that round, bound and work out figures",
      text: () =>
        HEAD +
        "More than 600 workers lost five seats, almost half of the crews, within two weeks [@tables]. " +
        "The union did not promise 45 minutes later about 17 percent [@tables]. The ports agreed to keep 7 open [@tables].\n" +
        TAIL,
      files: () => ({
        "/ws/sources/tables.md": "---\nid: tables\n---\n\nThe ports kept " + Array.from({ length: 20_000 }, (_, i) => `${i + 3} crews, not`).join(" ") + " seats open.\n\nThe union made no promise.\n",
      }),
      expect: (r) => assert.ok(r.claims.length >= 3),
    },
    {
      name: "a claim of 60,000 times of day, and a source of 20,000 times, scaled numbers in words and dozens, cited by claims that write figures in words",
      text: () => HEAD + "The ferry left at 7 pm with half a million crowns and twelve hundred crates, two dozen in all [@words]. Fares fell by half [@words]. It sailed " + "at 19:00 and ".repeat(60_000) + "later [@words].\n" + TAIL,
      files: () => ({
        "/ws/sources/words.md": "---\nid: words\n---\n\n" + "at 7 pm one and a half million crates, twelve hundred tugs and two dozen ships, by half, ".repeat(20_000) + "done.\n",
      }),
      expect: (r) => assert.ok(r.claims.length >= 2),
    },
    {
      name: "a source sentence whose subject is followed by a 2,500-letter word before the claim's verb (who acts)",
      text: () => HEAD + "Piet Vollands announced 9 million marks in grants for flooded households [@actor].\n" + TAIL,
      files: () => ({ "/ws/sources/actor.md": "---\nid: actor\n---\n\nPiet Vollands spoke first. Marchbank " + "a".repeat(2_500) + "B announced 9 million marks in grants for flooded households.\n" }),
      expect: (r) => assert.ok(r.claims.length >= 1),
    },
    {
      name: "a reference line of a 200,000-character path, 200,000 blanks and more text",
      text: () => HEAD + "The quay reopened [@harbour-notice].\n\n[@k]: " + "a".repeat(200_000) + " ".repeat(200_000) + "x\n" + TAIL,
      expect: (r) => assert.ok(!r.problems.some((p) => p.rule === "required-section")),
    },
    {
      name: "200,000 blanks inside a front-matter value, and inside a source's title line",
      text: () => "---\ntype: brief\ntitle: Pellow" + " ".repeat(200_000) + "quay\ndate: 2025-08-24\n---\n\n# Pellow quay\n\n## Description\n\nThe quay reopened [@titled].\n" + TAIL,
      files: () => ({ "/ws/sources/titled.txt": "Notice" + " ".repeat(200_000) + "of the board\n\nThe quay reopened.\n", "/ws/sources/headed.md": "# Notice" + " ".repeat(200_000) + "of the board #\n\nThe quay reopened.\n" }),
      expect: (r) => assert.ok(!r.problems.some((p) => p.rule === "unknown-source")),
    },
    {
      name: "100,000 unclosed `[@` in one paragraph",
      text: () => HEAD + "[@".repeat(100_000) + TAIL,
      expect: (r) => assert.ok(rulesOf(r).has("markdownlint-skipped")),
    },
    {
      name: "10,000 citations in one sentence",
      text: () => HEAD + 'The quay "reopened on Monday" after 12 days ' + Array.from({ length: 10_000 }, (_, i) => `[@harbour-notice, p. ${i}]`).join(" ") + "." + TAIL,
      expect: (r) => assert.ok(!rulesOf(r).has("required-section")),
    },
    {
      name: "10,000 unknown keys cited in one sentence",
      text: () => HEAD + "The quay reopened " + Array.from({ length: 10_000 }, (_, i) => `[@harbour-notise-${i % 50}]`).join(" ") + "." + TAIL,
      expect: (r) => assert.equal(r.problems.filter((p) => p.rule === "unknown-source").length, 10_000),
    },
    {
      name: "a 10 MB line",
      text: () => HEAD + "The ferry crossed the bay again. ".repeat(10_000_000 / 33) + TAIL,
      expect: (r) => assert.ok(rulesOf(r).has("markdownlint-skipped") && !rulesOf(r).has("required-section")),
    },
    {
      name: "a 40,000-line paragraph",
      text: () => HEAD + Array.from({ length: 40_000 }, (_, i) => `line ${i} of the notice [@harbour-notice]`).join("\n") + "." + TAIL,
      expect: (r) => assert.ok(rulesOf(r).has("markdownlint-skipped") && !rulesOf(r).has("required-section")),
    },
    {
      name: "5,000 levels of nested block quotes",
      text: () => HEAD + "The quay reopened [@harbour-notice].\n\n" + ">".repeat(5_000) + " deep" + TAIL,
      expect: (r) => assert.ok(rulesOf(r).has("markdownlint-skipped") && !rulesOf(r).has("required-section")),
    },
    {
      name: "5,000 levels of nested lists",
      text: () => HEAD + "The quay reopened [@harbour-notice].\n\n" + "- ".repeat(5_000) + "deep\n" + Array.from({ length: 5_000 }, (_, i) => "  ".repeat(i % 200) + "- item").join("\n") + TAIL,
      expect: (r) => assert.ok(!rulesOf(r).has("required-section")),
    },
    {
      name: "20,000 paragraphs each with code",
      text: () => HEAD + Array.from({ length: 20_000 }, (_, i) => `Paragraph ${i} runs \`code\` past the quay [@harbour-notice].`).join("\n\n") + TAIL,
      expect: (r) => assert.ok(!rulesOf(r).has("required-section")),
    },
    {
      name: "5,000 sections (headings) within markdownlint's limit",
      text: () => HEAD + Array.from({ length: 5_000 }, (_, i) => `## Description\n\nText ${i} [@harbour-notice].`).join("\n\n") + TAIL,
      expect: (r) => assert.ok(rulesOf(r).has("duplicate-section") && !rulesOf(r).has("markdownlint-skipped")),
    },
  ];

  for (const c of cases) {
    it(c.name, async () => {
      const text = c.text();
      const extra = c.files?.() ?? {};
      const { result, ms } = await timedCheck(text, extra);
      assert.deepEqual(result.failures, []);
      c.expect(result);
      const size = text + Object.values(extra).join("");
      assert.ok(ms <= bound(size), `${ms.toFixed(0)} ms for ${(size.length / 1e6).toFixed(2)} MB (bound ${bound(size).toFixed(0)} ms)`);
    });
  }

  it("a config with 100,000 keys", () => {
    const text = "{\n" + Array.from({ length: 100_000 }, (_, i) => `  "key${i}": ${i}`).join(",\n") + "\n}\n";
    const t0 = cpuNow();
    const r = parseConfigText(text, [...RULE_NAMES]);
    const ms = cpuNow() - t0;
    assert.equal(r.problems.length, 100_000);
    assert.equal(r.problems[99_999].range.start.line, 100_000);
    assert.ok(ms <= bound(text), `${ms.toFixed(0)} ms for ${(text.length / 1e6).toFixed(2)} MB`);
  });
});

describe("figures of a long text in linear time (≤ 2 s of CPU for 64,000 figures written out)", function () {
  this.timeout(120_000);
  // Figures the word patterns read over digits (`7 p.m.` over 7), and forms made of several
  // figures (`one and a half million`, `two dozen`): each merge is one sweep, not one per figure.
  for (const unit of ["7 p.m. ", "at 19:00 and ", "one and a half million and ", "two dozen ships and ", "half of 3 and "]) {
    it(JSON.stringify(unit.trim()), () => {
      const text = unit.repeat(64_000);
      for (const asSource of [false, true]) {
        const t0 = cpuNow();
        const n = extractFigures(text, asSource).length;
        const ms = cpuNow() - t0;
        assert.ok(n >= 64_000, `${n} figures`);
        assert.ok(ms <= 2000, `${ms.toFixed(0)} ms (${asSource ? "source" : "claim"})`);
      }
    });
  }
});
