import { parseBrief } from "../../src/core/parse/brief";
import { keyCompletionContext } from "../../src/core/features/completion";
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
    const text = "`[@code]` and [link](http://x) and [mail me](x@y.z) and [x@y.com]\n[@def]: file.txt";
    // The structure reader gives code and definitions as ranges to skip.
    const skip: Array<[number, number]> = [[0, 9], [text.indexOf("[@def]"), text.length]];
    assert.deepEqual(findCitations(text, skip).citations, []);
    assert.deepEqual(findCitations(text, skip).malformed, []);
  });

  it("reports malformed citations with their offsets", () => {
    const cases: Array<[string, RegExp]> = [
      ["x [@] y", /no key/],
      ["x [@ key] y", /space after "@"/],
      ["x [@key y", /unclosed/],
      ["x [@!key] y", /does not start with a letter, a digit or "_"/],
      ["x [@{open y] y", /no closing "}"/],
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
    // An escaped bracket is text, but Pandoc still reads the @a after it as an in-text citation.
    assert.deepEqual(keys("Escaped \\[@a] is text."), ["a"]);
    assert.deepEqual(keys("Escaped \\@a is text."), []);
  });
});

describe("citations as Pandoc reads them", () => {
  const items = (text: string) => findCitations(text).citations.map((c) => c.items.map((i) => `${c.inText ? "in-text:" : ""}${i.key}${i.locator ? `|${i.locator}` : ""}`).join("+"));

  it("keys end where Pandoc ends them: internal punctuation is part of the key, trailing punctuation is not", () => {
    assert.deepEqual(items("A [@Foo_bar.baz.] b"), ["Foo_bar.baz|."]);
    assert.deepEqual(items("A [@Foo_bar--baz] b"), ["Foo_bar|--baz"]);
    assert.deepEqual(items("A [@doe:2024.a#b, pp. 3-4] b"), ["doe:2024.a#b|pp. 3-4"]);
    assert.deepEqual(items("A [@smith04?] b"), ["smith04|?"]);
    // The message of a key Pandoc would not read never claims a character it allows.
    const m = findCitations("A [@.dot] b").malformed[0];
    assert.match(m.message, /does not start with a letter, a digit or "_"/);
  });

  it("keys in curly braces take everything inside, URLs included", () => {
    assert.deepEqual(items("A [@{https://example.com/x?y=1}, p. 4] b"), ["https://example.com/x?y=1|p. 4"]);
    assert.deepEqual(items("See @{https://example.com/bib?name=foo&date=2000} for it."), ["in-text:https://example.com/bib?name=foo&date=2000"]);
    const { citations } = findCitations("A [@{a b}] c");
    assert.equal("A [@{a b}] c".slice(citations[0].items[0].keyStart, citations[0].items[0].keyEnd), "a b");
  });

  it("reads author-in-text citations: @key, @key [locator], -@key, at a line's start, after punctuation", () => {
    assert.deepEqual(items("@smith04 says the quay reopened."), ["in-text:smith04"]);
    assert.deepEqual(items("As @smith04 [p. 33] says, it reopened."), ["in-text:smith04|p. 33"]);
    assert.deepEqual(items("As (-@smith04) says."), ["in-text:smith04"]);
    assert.deepEqual(items("*@smith04* and \"@kim\" agree."), ["in-text:smith04", "in-text:kim"]);
    const { citations } = findCitations("As -@smith04 says.");
    assert.equal(citations[0].start, 3);
    assert.equal(citations[0].end, 12);
  });

  it("an @ in an e-mail address, a URL, code or after a backslash is no citation", () => {
    assert.deepEqual(items("Mail board@pellow.example today."), []);
    assert.deepEqual(items("See https://example.com/@user today."), []);
    assert.deepEqual(items("Escaped \\@smith04 is text."), []);
    const text = "Code `@smith04` is not a citation.";
    assert.deepEqual(findCitations(text, [[5, 15]]).citations, []);
  });

  it("citations stand in link text and inline notes", () => {
    assert.deepEqual(items("The [report by @smith04](http://x) says so."), ["in-text:smith04"]);
    assert.deepEqual(items("It rose^[As noted in [@a; @b].] last year."), ["a+b"]);
  });
});

describe("completion after an in-text @", () => {
  it("opens after a bare @ at a word's start, never in an e-mail address", () => {
    assert.deepEqual(keyCompletionContext("As @har"), { typed: "har", start: 4 });
    assert.deepEqual(keyCompletionContext("@"), { typed: "", start: 1 });
    assert.deepEqual(keyCompletionContext("(see -@ha"), { typed: "ha", start: 7 });
    assert.equal(keyCompletionContext("mail board@pel"), undefined);
    assert.deepEqual(keyCompletionContext("Text [@a; @f"), { typed: "f", start: 11 });
  });
});

describe("a line starting [@key]: that is no reference definition", () => {
  it("is a citation, as Pandoc reads it; a real definition is not", () => {
    const brief = (line: string) => parseBrief(`# T\n\n## Description\n\n${line}\n`, { sectionNames: ["Description"], markdownlint: false });
    const notDef = brief("[@harbour-notice]: the board said the quay would reopen.");
    assert.deepEqual(notDef.citations.map((c) => c.items[0].key), ["harbour-notice"]);
    assert.equal(notDef.references.length, 0);
    const def = brief('[@harbour-notice]: sources/harbour-notice.md "Harbour notice"');
    assert.deepEqual(def.citations, []);
    assert.equal(def.references.length, 1);
    const bare = brief("[@harbour-notice]:");
    assert.deepEqual(bare.citations.map((c) => c.items[0].key), ["harbour-notice"]);
    assert.equal(bare.references.length, 0);
  });
});

describe("more of Pandoc's key forms", () => {
  it("URL-like keys with :// unbraced, and a locator in braces after the key", () => {
    const c = findCitations("See [@https://example.com/report] and @doi:10.1000/x1 here.").citations;
    assert.deepEqual(c.map((x) => x.items[0].key), ["https://example.com/report", "doi:10.1000/x1"]);
    const b = findCitations("As [@smith{ii, A, D-Z}, with a suffix] says.").citations[0].items[0];
    assert.equal(b.key, "smith");
    assert.equal(b.locator, "ii, A, D-Z");
  });
});
