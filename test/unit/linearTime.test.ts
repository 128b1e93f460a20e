import { cpuNow } from "../support/cpuTime";
import * as assert from "node:assert/strict";
import { fixtureService } from "./helpers";
import { parseConfigText } from "../../src/core/config";
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

async function timedCheck(text: string): Promise<{ result: CheckResult; ms: number }> {
  const { service } = await fixtureService();
  const t0 = cpuNow();
  const result = await service.check("/ws/hostile.brief.md", text);
  return { result, ms: cpuNow() - t0 };
}

const rulesOf = (r: CheckResult) => new Set(r.problems.map((p) => p.rule));

describe("linear time on hostile briefs (≤ 2 s per MB)", function () {
  this.timeout(120_000);

  const cases: Array<{ name: string; text: () => string; expect: (r: CheckResult) => void }> = [
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
      const { result, ms } = await timedCheck(text);
      assert.deepEqual(result.failures, []);
      c.expect(result);
      assert.ok(ms <= bound(text), `${ms.toFixed(0)} ms for ${(text.length / 1e6).toFixed(2)} MB (bound ${bound(text).toFixed(0)} ms)`);
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
