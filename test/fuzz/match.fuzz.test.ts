import * as assert from "node:assert/strict";
import fc from "fast-check";
import { fuzzIt } from "./harness";
import { PHRASES, quotedPhrase, sentenceText, sourceText } from "./arbitraries";
import { assertOrderedDisjoint, assertSame, assertSpan } from "./invariants";
import { extractFigures, figureMatches, findFigure, type Figure } from "../../src/core/match/figures";
import { extractQuotes, findQuote, quotePieces } from "../../src/core/match/quotes";
import { normalize, normalizeWithMap, toOriginalSpan, wordTokens } from "../../src/core/match/normalize";

function checkFigure(text: string, f: Figure, what: string): void {
  assertSpan(text.length, f.start, f.end, what);
  assert.ok(f.start < f.end, `${what} is empty`);
  assert.equal(f.raw, text.slice(f.start, f.end), `${what}: raw is not the text at its offsets`);
  assert.ok(f.keys.length > 0 && f.keys.every((k) => typeof k === "string" && k.length > 0), `${what}: keys ${JSON.stringify(f.keys)}`);
  if (f.value !== undefined) assert.ok(Number.isFinite(f.value), `${what}: value ${f.value}`);
  for (const [i, p] of (f.parts ?? []).entries()) {
    checkFigure(text, p, `${what} part ${i}`);
    assert.ok(f.start <= p.start && p.end <= f.end, `${what}: part ${i} outside the figure`);
  }
}

describe("fuzz: match", () => {
  fuzzIt("extractFigures: never throws, deterministic, figures inside the text, ordered, raw = text at offsets", 5000, () =>
    fc.property(sentenceText, (text) => {
      const figures = extractFigures(text);
      assertSame(figures, extractFigures(text), "extractFigures");
      figures.forEach((f, i) => checkFigure(text, f, `figure ${i} ${JSON.stringify(f.raw)}`));
      assertOrderedDisjoint(figures, "figures");
    }),
    // Fixed: descending day ranges gave two figures with the same span.
    [["Aug. 23 -1.04e-322"], ["25\u201323 August 2025"], ["August 25 to 23, 2025"]],
  );

  fuzzIt("findFigure / figureMatches: never throw, deterministic, every figure is found among its own text's figures", 3000, () =>
    fc.property(sentenceText, sourceText, (brief, source) => {
      const mine = extractFigures(brief);
      const held = extractFigures(source);
      for (const f of mine) {
        assert.ok(figureMatches(f, f), `figure ${JSON.stringify(f.raw)} does not match itself`);
        assert.ok(findFigure(f, mine).found, `figure ${JSON.stringify(f.raw)} not found among the figures of its own text`);
        const r = findFigure(f, held);
        assertSame(r, findFigure(f, held), "findFigure");
        if (r.closest) assert.ok(held.some((h) => h === r.closest || h.parts?.includes(r.closest!)), "closest is not one of the source's figures");
        for (const h of held) assert.equal(typeof figureMatches(f, h), "boolean");
      }
    }),
  );

  fuzzIt("normalize: never throws, deterministic, idempotent; its map points inside the original", 5000, () =>
    fc.property(sentenceText, (text) => {
      const n = normalizeWithMap(text);
      assertSame(n, normalizeWithMap(text), "normalizeWithMap");
      assert.equal(n.text, normalize(text), "normalize and normalizeWithMap disagree");
      assert.equal(normalize(n.text), n.text, `normalize is not idempotent on ${JSON.stringify(text)}: ${JSON.stringify(n.text)} then ${JSON.stringify(normalize(n.text))}`);
      assert.equal(n.starts.length, n.text.length, "one start per normalized unit");
      assert.equal(n.ends.length, n.text.length, "one end per normalized unit");
      assert.equal(n.originalLength, text.length);
      for (let i = 0; i < n.text.length; i++) {
        assertSpan(text.length, n.starts[i], n.ends[i], `normalized unit ${i}`);
        if (i > 0) assert.ok(n.starts[i - 1] <= n.starts[i], `normalized unit ${i} maps before unit ${i - 1}`);
      }
      const tokens = wordTokens(text);
      tokens.forEach((t, i) => {
        assertSpan(text.length, t.start, t.end, `word ${i}`);
        assert.ok(t.start < t.end && t.text.length > 0, `word ${i} is empty`);
      });
      // Not disjoint: one character may hold several words under NFKC ("½" is "1⁄2").
      for (let i = 1; i < tokens.length; i++) {
        assert.ok(tokens[i - 1].start <= tokens[i].start && tokens[i - 1].end <= tokens[i].end, `words ${i - 1} and ${i} are out of order`);
      }
      const span = toOriginalSpan(n, 0, n.text.length);
      assertSpan(text.length, span.start, span.end, "whole span");
    }),
    // Fixed: folding after NFKC ("ß" + U+0301), marks after an invisible character. "½" is "1⁄2": two words, one character.
    [["\u00DF\u0301"], ["[@a\u00AD\u0308] [@harbour-notice]"], ["\u00BD"]],
  );

  fuzzIt("extractQuotes: never throws, deterministic, quotes inside the sentence, trimmed, ordered", 5000, () =>
    fc.property(sentenceText, (sentence) => {
      const quotes = extractQuotes(sentence);
      assertSame(quotes, extractQuotes(sentence), "extractQuotes");
      quotes.forEach((q, i) => {
        assertSpan(sentence.length, q.start, q.end, `quote ${i}`);
        assert.equal(q.text, sentence.slice(q.start, q.end), `quote ${i}: text is not the sentence at its offsets`);
        assert.ok(q.text.length > 0 && !/\s/u.test(q.text[0]) && !/\s/u.test(q.text[q.text.length - 1]), `quote ${i} is not trimmed`);
      });
      assertOrderedDisjoint(quotes, "quotes");
    }),
  );

  fuzzIt("findQuote: never throws, deterministic, spans inside the source; a quote is found in its own sentence", 3000, () =>
    fc.property(sentenceText, fc.array(fc.oneof(sourceText, fc.constantFrom(...PHRASES)), { minLength: 1, maxLength: 3 }), quotedPhrase, (sentence, sources, phrase) => {
      for (const q of [...extractQuotes(sentence).map((x) => x.text), phrase]) {
        const r = findQuote(q, sources);
        assertSame(r, findQuote(q, sources), "findQuote");
        if (r.found) {
          assert.ok(r.sourceIndex >= 0 && r.sourceIndex < sources.length, `found in source ${r.sourceIndex}`);
          assertSpan(sources[r.sourceIndex].length, r.start, r.end, "found span");
        } else if (r.closest) {
          const c = r.closest;
          assert.ok(c.sourceIndex >= 0 && c.sourceIndex < sources.length, `closest in source ${c.sourceIndex}`);
          assertSpan(sources[c.sourceIndex].length, c.start, c.end, "closest span");
          assert.equal(c.text, sources[c.sourceIndex].slice(c.start, c.end), "closest text is not the source at its offsets");
          assert.ok(c.similarity >= 0 && c.similarity <= 1, `similarity ${c.similarity}`);
        }
        if (quotePieces(q).length > 0) {
          const self = findQuote(q, [sentence, q]);
          assert.ok(self.found, `quote ${JSON.stringify(q)} not found in itself`);
        }
      }
      for (const q of extractQuotes(sentence)) {
        if (quotePieces(q.text).length === 0) continue;
        assert.ok(findQuote(q.text, [sentence]).found, `quote ${JSON.stringify(q.text)} not found in its own sentence ${JSON.stringify(sentence)}`);
      }
    }),
    // Fixed: a curly quote closed before a letter outside the BMP.
    [["\u2018restore the ferry timetable by the end of the week\u2019\u{1D538} [@harbour-notice]", [""], "restore the ferry timetable by the end of the week"]],
  );
});
