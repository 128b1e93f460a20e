import * as assert from "node:assert/strict";
import { formatGithub, formatGithubChunks, formatJsonChunks, formatSarifChunks, formatText, formatTextChunks, jsonChunks } from "../../src/cli/formatters";
import type { ReportedClaim, ReportedProblem } from "../../src/cli/formatters";

/** A small deterministic generator (no Math.random: a failure must be repeatable). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const STRINGS = ["", "a", "quote \" and \\ backslash", "line\nbreak\ttab", "em — dash “curly”", "\u2028\u2029", "\u0000ctl", "日本語", "😀 astral", "\ud800 lone"];

function randomValue(r: () => number, depth: number): unknown {
  const pick = r();
  if (depth <= 0 || pick < 0.35) {
    const leaf = Math.floor(r() * 9);
    return [null, true, false, 0, -0, 3.25, -17, Number.NaN, STRINGS[Math.floor(r() * STRINGS.length)]][leaf];
  }
  if (pick < 0.45) return undefined;
  if (pick < 0.72) return Array.from({ length: Math.floor(r() * 4) }, () => randomValue(r, depth - 1));
  const o: Record<string, unknown> = {};
  const n = Math.floor(r() * 4);
  for (let i = 0; i < n; i++) o[STRINGS[Math.floor(r() * STRINGS.length)] + i] = randomValue(r, depth - 1);
  return o;
}

describe("a report written in pieces", () => {
  it("is byte for byte JSON.stringify(value, null, 2), at every depth of pieces", () => {
    const r = rng(7);
    for (let i = 0; i < 3000; i++) {
      const v = randomValue(r, 5);
      if (v === undefined) continue;
      for (const depth of [0, 1, 3, 8]) assert.equal([...jsonChunks(v, "", depth)].join(""), JSON.stringify(v, null, 2), `value ${i} at depth ${depth}`);
    }
    assert.equal([...jsonChunks({ a: undefined, b: () => 1, c: [undefined, () => 1] })].join(""), JSON.stringify({ a: undefined, b: () => 1, c: [undefined, () => 1] }, null, 2));
  });

  const problems: ReportedProblem[] = Array.from({ length: 300 }, (_, i) => ({ file: `briefs/b${i % 7}.brief.md`, line: i + 1, column: 2, endLine: i + 1, endColumn: 9, severity: i % 3 ? "warning" : "error", rule: i % 2 ? "weak-support" : "number-mismatch", message: `the source says “${i}” — not ${i + 1}` }));
  const claims: ReportedClaim[] = Array.from({ length: 200 }, (_, i) => ({ file: `briefs/b${i % 5}.brief.md`, line: i + 1, column: 1, endLine: i + 2, endColumn: 4, keys: [`s${i}`], verdict: i % 3 ? "confirmed" : "unverified", rules: [], passage: i % 4 ? { key: `s${i}`, text: `passage ${i} — with a dash` } : null }));

  it("gives the same JSON, SARIF, text and GitHub reports as one string did", () => {
    assert.equal([...formatJsonChunks(12, problems, claims)].join(""), JSON.stringify({ files: 12, problems, claims }, null, 2) + "\n");
    assert.equal([...formatJsonChunks(0, [], [])].join(""), JSON.stringify({ files: 0, problems: [], claims: [] }, null, 2) + "\n");
    const sarif = [...formatSarifChunks(problems, "9.9.9", claims)].join("");
    assert.equal(sarif, JSON.stringify(JSON.parse(sarif), null, 2) + "\n");
    assert.equal(JSON.parse(sarif).runs[0].results.length, 300);
    // The text formats as they were written before they came in pieces.
    const text = problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.severity} ${p.rule} ${p.message}`);
    assert.equal(formatText(problems, []), text.join("\n") + "\n");
    assert.equal(formatText([], []), "");
    assert.equal([...formatTextChunks(problems, claims)].join(""), formatText(problems, claims));
    assert.equal([...formatGithubChunks(problems, claims)].join(""), formatGithub(problems, claims));
  });

  it("keeps no piece of a large report larger than one problem or claim", () => {
    const pieces = [...formatJsonChunks(12, problems, claims)];
    assert.ok(pieces.length > 500, `${pieces.length} pieces`);
    assert.ok(Math.max(...pieces.map((p) => p.length)) < 400);
  });
});
