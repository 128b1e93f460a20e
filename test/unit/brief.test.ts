import * as assert from "node:assert/strict";
import { parseBrief } from "../../src/core/parse/brief";
import { joinLines } from "./helpers";

const opts = { sectionNames: ["Description", "Impact", "Sources"], markdownlint: false as const };

describe("brief model", () => {
  it("reads sections in heading style with their bounds and words", () => {
    const text = joinLines("# T", "", "## Description", "", "One two three.", "", "### Detail", "", "Four five.", "", "## Impact", "", "Six.", "", "## Other", "", "Seven.");
    const b = parseBrief(text, opts);
    assert.deepEqual(b.sections.map((s) => [s.name, s.style, s.words]), [["Description", "heading", 6], ["Impact", "heading", 1]]);
    assert.equal(text.slice(b.sections[1].contentStart, b.sections[1].contentEnd).trim(), "Six.");
  });

  it("reads sections in label style: Description:, **Impact:**, **Sources**:", () => {
    const text = joinLines("# T", "", "Description: The port reopened.", "", "More text here.", "", "**Impact:** Prices fall.", "", "**Sources**:", "", "- [@a]");
    const b = parseBrief(text, opts);
    assert.deepEqual(b.sections.map((s) => [s.name, s.style]), [["Description", "label"], ["Impact", "label"], ["Sources", "label"]]);
    assert.equal(b.sections[0].words, 6);
    assert.equal(b.sections[1].words, 2);
    assert.deepEqual(b.listed.map((l) => l.key), ["a"]);
    // The label is not part of the first sentence.
    assert.equal(text.slice(b.sentences[0].start, b.sentences[0].end), "The port reopened.");
  });

  it("matches section names case-insensitively and ends a label section at a heading", () => {
    const text = joinLines("DESCRIPTION: a b c.", "", "## Notes", "", "x y z.", "", "## impact", "", "w.");
    const b = parseBrief(text, opts);
    assert.deepEqual(b.sections.map((s) => [s.id, s.words]), [["description", 3], ["impact", 1]]);
  });

  it("takes title and date from front matter, else from the first H1 and a Date: line", () => {
    const fm = parseBrief(joinLines("---", "title: Hello", "date: 2025-08-23", "---", "", "# Other"), opts);
    assert.equal(fm.title?.text, "Hello");
    assert.equal(fm.date?.text, "2025-08-23");
    const plain = parseBrief(joinLines("# Plain title", "", "Date: 2026-01-02", "", "Text."), opts);
    assert.equal(plain.title?.text, "Plain title");
    assert.equal(plain.date?.text, "2026-01-02");
  });

  it("ties a citation after a full stop to its sentence and blanks citations out of the claim", () => {
    const text = joinLines("## Description", "", "Trade grew in 2024. [@a] Prices fell [@b, p. 2].");
    const b = parseBrief(text, opts);
    assert.equal(b.sentences.length, 2);
    assert.deepEqual(b.sentences.map((s) => s.citations.map((c) => c.items[0].key)), [["a"], ["b"]]);
    assert.ok(!b.sentences[1].claimText.includes("p. 2"));
    assert.equal(b.sentences[1].claimText.length, b.sentences[1].end - b.sentences[1].start);
  });

  it("reads reference lines and does not see citations in code", () => {
    const text = joinLines("Text [@a].", "", "```", "[@b]", "```", "", "[@a]: ../notes/a.txt \"Notes A\"");
    const b = parseBrief(text, opts);
    assert.deepEqual(b.citations.map((c) => c.items[0].key), ["a"]);
    assert.deepEqual(b.references.map((r) => [r.key, r.path, r.title]), [["a", "../notes/a.txt", "Notes A"]]);
  });
});
