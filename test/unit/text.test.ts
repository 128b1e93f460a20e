import * as assert from "node:assert/strict";
import { LineIndex } from "../../src/core/text";
import fc from "fast-check";
import { editDistance } from "../../src/core/editDistance";

describe("LineIndex", () => {
  it("maps offsets to positions and back, across CRLF", () => {
    const idx = new LineIndex("ab\r\ncd\nef");
    assert.deepEqual(idx.positionAt(5), { line: 1, character: 1 });
    assert.equal(idx.offsetAt({ line: 2, character: 1 }), 8);
    assert.equal(idx.lineText(0), "ab");
    assert.equal(idx.lineCount, 3);
  });
});

describe("the one edit distance", () => {
  // A plain, unbounded optimal string alignment distance to compare with.
  function naive(a: string, b: string, transpositions: boolean): number {
    const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
    for (let i = 1; i <= a.length; i++)
      for (let j = 1; j <= b.length; j++) {
        d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (transpositions && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    return d[a.length][b.length];
  }

  it("is Levenshtein's, or with transpositions the optimal string alignment, bounded by max", () => {
    assert.equal(editDistance("772", "727"), 2);
    assert.equal(editDistance("772", "727", Infinity, true), 1);
    assert.equal(editDistance("harbour-notice", "harbor-notice", 0), 1);
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("a", "b", "c", "7", "2"), maxLength: 9 }), fc.string({ unit: fc.constantFrom("a", "b", "c", "7", "2"), maxLength: 9 }), fc.boolean(), fc.integer({ min: 0, max: 6 }), (a, b, t, max) => {
        const full = naive(a, b, t);
        assert.equal(editDistance(a, b, Infinity, t), full);
        assert.equal(editDistance(a, b, max, t), full > max ? max + 1 : full);
      }),
      { numRuns: 2000 },
    );
  });
});
