import * as assert from "node:assert/strict";
import { findCitations, isValidKey } from "../../src/core/parse/citations";

const keys = (text: string) => findCitations(text).citations.map((c) => c.items.map((i) => i.key).join("+"));

describe("citations", () => {
  it("reads single, multiple, locator and prefix forms with exact key offsets", () => {
    const text = "A [@a] b [@b; @c-2] c [@d, p. 3] d [see @e].";
    const { citations, malformed } = findCitations(text);
    assert.deepEqual(malformed, []);
    assert.deepEqual(citations.map((c) => c.items.map((i) => i.key)), [["a"], ["b", "c-2"], ["d"], ["e"]]);
    const d = citations[2].items[0];
    assert.equal(text.slice(d.keyStart, d.keyEnd), "d");
    assert.equal(d.locator, "p. 3");
    assert.equal(citations[3].items[0].prefix, "see");
    assert.equal(text.slice(citations[1].items[1].keyStart, citations[1].items[1].keyEnd), "c-2");
  });

  it("accepts the punctuation the format allows inside keys, not at their end", () => {
    assert.ok(isValidKey("doe:2024.a#b$c%d&e-f+g?h<i>j~k/l"));
    assert.ok(isValidKey("_x1"));
    assert.ok(isValidKey("서울-회담"));
    assert.ok(!isValidKey("a-"));
    assert.ok(!isValidKey("-a"));
    assert.ok(!isValidKey("a!b"));
  });

  it("ignores code, links, e-mail addresses and reference definitions", () => {
    const text = "`[@code]` and [@a](http://x) and [mail me](x@y.z) and [x@y.com]\n[@def]: file.txt";
    const skip: Array<[number, number]> = [[0, 9]];
    assert.deepEqual(findCitations(text, skip).citations, []);
    assert.deepEqual(findCitations(text, skip).malformed, []);
  });

  it("reports malformed citations with their offsets", () => {
    const cases: Array<[string, RegExp]> = [
      ["x [@] y", /no key/],
      ["x [@ key] y", /space after "@"/],
      ["x [@key y", /unclosed/],
      ["x [@ke!y] y", /outside the key syntax \("!"\)/],
      ["x [@a; see] y", /has no @key/],
    ];
    for (const [text, re] of cases) {
      const { citations, malformed } = findCitations(text);
      assert.equal(citations.length, 0, text);
      assert.equal(malformed.length, 1, text);
      assert.equal(malformed[0].start, 2, text);
      assert.match(malformed[0].message, re);
    }
  });

  it("does not take a sentence's brackets without @ for citations", () => {
    assert.deepEqual(keys("He said [sic] and [1] and [note]."), []);
    assert.deepEqual(keys("Escaped \\[@a] is text."), []);
  });
});
