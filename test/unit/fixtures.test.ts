import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { FIXTURES, fixtureService } from "./helpers";
import { RULES } from "../../src/core/rules";

/**
 * One generic runner for the rule fixtures: `test/fixtures/rules/<rule>/fires-*.brief.md` and
 * `passes-*.brief.md`. A fixture states its expected problems of that rule inline with
 * `<!-- expect: <rule> <line>:<column> -->` comments and may carry `<!-- config: {...} -->`.
 * The runner asserts the rule's problems equal the expectations exactly.
 */
const RULES_DIR = path.join(FIXTURES, "rules");

interface Fixture {
  rule: string;
  file: string;
  text: string;
  expected: string[];
  config: Record<string, unknown>;
  extraFiles: Record<string, Uint8Array>;
}

function readFixtures(): Fixture[] {
  const out: Fixture[] = [];
  if (!fs.existsSync(RULES_DIR)) return out;
  for (const rule of fs.readdirSync(RULES_DIR).sort()) {
    const dir = path.join(RULES_DIR, rule);
    for (const file of fs.readdirSync(dir).sort()) {
      if (!file.endsWith(".md")) continue;
      const text = fs.readFileSync(path.join(dir, file), "utf8");
      const expected = [...text.matchAll(/<!-- expect: (\S+) (\d+:\d+) -->/g)].map((m) => `${m[1]} ${m[2]}`);
      const configMatch = /<!-- config: (\{[\s\S]*?\}) -->/.exec(text);
      const extraFiles: Record<string, Uint8Array> = {};
      for (const m of text.matchAll(/<!-- file: (\S+)\n([\s\S]*?)-->/g)) extraFiles[`/ws/${m[1]}`] = decodeEscapes(m[2]);
      out.push({ rule, file, text, expected, config: configMatch ? JSON.parse(configMatch[1]) : {}, extraFiles });
    }
  }
  return out;
}

/** Fixture files are text; `\\xNN` writes a raw byte (for binary and non-UTF-8 sources). */
function decodeEscapes(s: string): Uint8Array {
  const parts: Buffer[] = [];
  let last = 0;
  for (const m of s.matchAll(/\\x([0-9a-fA-F]{2})/g)) {
    parts.push(Buffer.from(s.slice(last, m.index), "utf8"), Buffer.from([parseInt(m[1], 16)]));
    last = m.index! + m[0].length;
  }
  parts.push(Buffer.from(s.slice(last), "utf8"));
  return new Uint8Array(Buffer.concat(parts));
}

const fixtures = readFixtures();

describe("rule fixtures", () => {
  for (const f of fixtures) {
    it(`${f.rule}/${f.file}`, async () => {
      const { service } = await fixtureService(f.extraFiles, f.config as never);
      const name = f.file.includes("not-a-brief") ? f.file : `briefs/${f.file}`;
      const result = await service.check(`/ws/${name}`, f.text);
      const libraryRule = RULES.find((r) => r.name === f.rule)?.scope === "library";
      const problems = libraryRule ? service.libraryProblems().map((p) => ({ ...p, range: p.range })) : result.problems;
      const actual = problems.filter((p) => p.rule === f.rule).map((p) => `${p.rule} ${p.range.start.line + 1}:${p.range.start.character + 1}`);
      assert.deepEqual(actual.sort(), [...f.expected].sort(), problems.filter((p) => p.rule === f.rule).map((p) => p.message).join("\n"));
      if (f.file.startsWith("fires-")) assert.ok(f.expected.length > 0, "a fires- fixture must expect a problem");
      if (f.file.startsWith("passes-")) assert.equal(f.expected.length, 0, "a passes- fixture must expect no problem");
    });
  }

  it("every brief rule has at least three fixtures that fire and three that pass", () => {
    // model-disagrees is reported after a model's answer (test/unit/model.test.ts), never by a check.
    for (const rule of RULES.filter((r) => r.check || r.checkClaims || r.scope === "library")) {
      const mine = fixtures.filter((f) => f.rule === rule.name);
      const fires = mine.filter((f) => f.file.startsWith("fires-")).length;
      const passes = mine.filter((f) => f.file.startsWith("passes-")).length;
      assert.ok(fires >= 3 && passes >= 3, `${rule.name}: ${fires} firing and ${passes} passing fixtures`);
    }
  });
});
