import * as assert from "node:assert/strict";
import { areAntonyms, areSynonyms, hasAntonyms, knownLemma, lemmaOf, senseGroups } from "../../src/core/verify/lexicon";
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
