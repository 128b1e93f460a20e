import * as assert from "node:assert/strict";
import fc from "fast-check";
import { fuzzIt } from "./harness";
import { markdownDoc, paragraphText, skipRanges } from "./arbitraries";
import { VsDoc, assertOrderedDisjoint, assertRange, assertSame, assertSpan } from "./invariants";
import { findCitations } from "../../src/core/parse/citations";
import { splitSentences } from "../../src/core/parse/sentences";
import { parseFrontMatter } from "../../src/core/parse/frontMatter";
import { parseBrief, type Brief } from "../../src/core/parse/brief";

const SECTION_NAMES = ["Description", "Impact", "Sources", "Background"];

/** Every offset a brief model holds is inside the text, ordered where it is a sequence, and maps to a range inside the document. */
function checkBrief(text: string, b: Brief): void {
  const n = text.length;
  const doc = new VsDoc(text);
  const range = (start: number, end: number, what: string) => {
    assertSpan(n, start, end, what);
    assertRange(doc, b.lines.rangeOf(start, end), `${what} as a range`);
  };
  assert.equal(b.text, text);
  assertSpan(n, b.frontMatter.bodyOffset, b.frontMatter.bodyOffset, "front matter body offset");

  b.sections.forEach((s, i) => {
    const what = `section ${i} "${s.name}"`;
    range(s.markerStart, s.markerEnd, `${what} marker`);
    range(s.contentStart, s.contentEnd, `${what} content`);
    assert.ok(s.markerEnd <= s.contentStart, `${what}: content starts at ${s.contentStart}, before its marker ends at ${s.markerEnd}`);
    assert.ok(s.words >= 0 && Number.isInteger(s.words), `${what}: ${s.words} words`);
  });
  assertOrderedDisjoint(b.sections.map((s) => ({ start: s.markerStart, end: s.contentEnd })), "sections");

  b.sentences.forEach((s, i) => {
    range(s.start, s.end, `sentence ${i}`);
    assert.ok(s.start < s.end, `sentence ${i} is empty`);
    assert.equal(s.claimText.length, s.end - s.start, `sentence ${i}: claim text length`);
    for (const c of s.citations) assert.ok(c.start < s.end && c.end > s.start, `sentence ${i}: citation [${c.start}, ${c.end}) outside it`);
  });
  assertOrderedDisjoint(b.sentences, "sentences");

  b.citations.forEach((c, i) => {
    range(c.start, c.end, `citation ${i}`);
    for (const item of c.items) {
      range(item.keyStart, item.keyEnd, `citation ${i} key`);
      assert.ok(c.start <= item.keyStart && item.keyEnd <= c.end, `citation ${i}: key outside the citation`);
      assert.equal(text.slice(item.keyStart, item.keyEnd), item.key, `citation ${i}: key offsets`);
    }
  });
  b.malformed.forEach((m, i) => range(m.start, m.end, `malformed citation ${i}`));
  assertOrderedDisjoint(b.citations, "citations");
  assertOrderedDisjoint(b.malformed, "malformed citations");
  assertOrderedDisjoint([...b.citations, ...b.malformed].sort((x, y) => x.start - y.start), "citations and malformed citations");

  b.references.forEach((r, i) => {
    range(r.start, r.end, `reference ${i}`);
    range(r.keyStart, r.keyEnd, `reference ${i} key`);
  });
  b.listed.forEach((l, i) => {
    range(l.keyStart, l.keyEnd, `listed source ${i} key`);
    range(l.itemStart, l.itemEnd, `listed source ${i} item`);
  });
  if (b.title) range(b.title.start, b.title.end, "title");
  if (b.date) range(b.date.start, b.date.end, "date");
  const st = b.structure;
  st.headings.forEach((h, i) => {
    range(h.start, h.end, `heading ${i}`);
    range(h.textStart, h.textEnd, `heading ${i} text`);
  });
  st.paragraphs.forEach((p, i) => range(p.start, p.end, `paragraph ${i}`));
  assertOrderedDisjoint(st.paragraphs, "paragraphs");
  st.codeRanges.forEach(([s, e], i) => range(s, e, `code range ${i}`));
  st.definitions.forEach(([s, e], i) => range(s, e, `definition ${i}`));
}

describe("fuzz: parse", () => {
  fuzzIt("findCitations: never throws, deterministic, offsets inside the text and ordered, keys where they say", 3000, () =>
    fc.property(
      markdownDoc.chain((text) => fc.tuple(fc.constant(text), skipRanges(text.length))),
      ([text, skip]) => {
        const r = findCitations(text, skip);
        assertSame(r, findCitations(text, skip), "findCitations");
        const n = text.length;
        r.citations.forEach((c, i) => {
          assertSpan(n, c.start, c.end, `citation ${i}`);
          if (c.inText) {
            // Pandoc's author-in-text form: @key, -@key, @{key}, each maybe followed by [locator].
            assert.ok(text[c.start] === "@" || text.startsWith("-@", c.start), `in-text citation ${i} does not start at "@" or "-@"`);
            assert.equal(c.items.length, 1, `in-text citation ${i} has ${c.items.length} items`);
            if (c.items[0].locator) assert.equal(text[c.end - 1], "]", `in-text citation ${i} with a locator does not end at "]"`);
          } else {
            assert.equal(text[c.start], "[", `citation ${i} does not start at "["`);
            assert.equal(text[c.end - 1], "]", `citation ${i} does not end at "]"`);
          }
          assert.ok(c.items.length > 0, `citation ${i} has no items`);
          for (const item of c.items) {
            assertSpan(n, item.keyStart, item.keyEnd, `citation ${i} key`);
            assert.ok(c.start < item.keyStart && item.keyEnd <= c.end, `citation ${i}: key outside the citation`);
            assert.equal(text.slice(item.keyStart, item.keyEnd), item.key, `citation ${i}: key offsets`);
          }
          for (const [s, e] of skip) assert.ok(!(c.start >= s && c.start < e), `citation ${i} starts inside skipped range [${s}, ${e})`);
        });
        r.malformed.forEach((m, i) => {
          assertSpan(n, m.start, m.end, `malformed ${i}`);
          assert.ok(m.start < m.end, `malformed ${i} is empty`);
          for (const [s, e] of skip) assert.ok(!(m.start >= s && m.start < e), `malformed ${i} starts inside skipped range [${s}, ${e})`);
        });
        assertOrderedDisjoint(r.citations, "citations");
        assertOrderedDisjoint(r.malformed, "malformed");
        assertOrderedDisjoint([...r.citations, ...r.malformed].sort((a, b) => a.start - b.start), "citations and malformed");
      },
    ),
  );

  fuzzIt("splitSentences: never throws, deterministic, trimmed ordered spans that cover every non-space character", 5000, () =>
    fc.property(paragraphText, (text) => {
      const spans = splitSentences(text);
      assertSame(spans, splitSentences(text), "splitSentences");
      spans.forEach((s, i) => {
        assertSpan(text.length, s.start, s.end, `sentence ${i}`);
        assert.ok(s.start < s.end, `sentence ${i} is empty`);
        assert.ok(!/\s/.test(text[s.start]) && !/\s/.test(text[s.end - 1]), `sentence ${i} is not trimmed`);
      });
      assertOrderedDisjoint(spans, "sentences");
      let k = 0;
      for (let i = 0; i < text.length; i++) {
        while (k < spans.length && spans[k].end <= i) k++;
        const inside = k < spans.length && spans[k].start <= i;
        assert.ok(inside || /\s/.test(text[i]), `character ${i} (${JSON.stringify(text[i])}) is in no sentence`);
      }
    }),
  );

  fuzzIt("parseFrontMatter: never throws, deterministic, body offset and error line inside the document", 3000, () =>
    fc.property(markdownDoc, (text) => {
      const fm = parseFrontMatter(text);
      assertSame(fm, parseFrontMatter(text), "parseFrontMatter");
      const doc = new VsDoc(text);
      assertSpan(text.length, fm.bodyOffset, fm.bodyOffset, "body offset");
      assert.ok(fm.data !== null && typeof fm.data === "object" && !Array.isArray(fm.data), "data is not a mapping");
      assert.ok(Number.isInteger(fm.lineCount) && fm.lineCount >= 0 && fm.lineCount <= doc.lineCount, `front matter of ${fm.lineCount} lines in a document of ${doc.lineCount}`);
      if (fm.lineCount === 0) assert.equal(fm.bodyOffset, 0, "no front matter but a body offset");
      if (fm.error) {
        assert.ok(Number.isInteger(fm.error.line) && fm.error.line >= 0 && fm.error.line < doc.lineCount, `error line ${fm.error.line} outside the document's ${doc.lineCount} lines`);
        assert.equal(typeof fm.error.message, "string");
      }
    }),
    // parse/frontMatter.ts: doc.toJS() throws on an alias to an anchor never set.
    [["---\ndate: *a\n---"], ["---\n<<: *a\n---\n"]],
  );

  fuzzIt("parseFrontMatter: the block's lines are the document's lines as VS Code counts them", 3000, () =>
    fc.property(markdownDoc, (text) => {
      const fm = parseFrontMatter(text);
      if (fm.lineCount === 0) return;
      const doc = new VsDoc(text);
      const expected = fm.lineCount < doc.lineCount ? doc.lineStarts[fm.lineCount] : text.length;
      assert.equal(fm.bodyOffset, expected, `front matter of ${fm.lineCount} lines ends at offset ${fm.bodyOffset}, but VS Code's line ${fm.lineCount} starts at ${expected}`);
      if (fm.error) assert.ok(fm.error.line >= 1 && fm.error.line < fm.lineCount, `YAML error on line ${fm.error.line}, outside the front matter's lines 1..${fm.lineCount - 2}`);
    }),
    // parse/frontMatter.ts splits lines at "\n" only: a lone CR inside the block shifts every line after it.
    [["---\n\r\u0000\n---"], ["---\ntitle: \rtype: brief\n---"]],
  );

  fuzzIt("parseBrief: never throws, deterministic, every offset inside the text, sequences ordered", 600, () =>
    fc.property(markdownDoc, fc.boolean(), (text, lint) => {
      const options = { sectionNames: SECTION_NAMES, markdownlint: lint ? undefined : (false as const) };
      const b = parseBrief(text, options);
      assertSame(b, parseBrief(text, options), "parseBrief");
      checkBrief(text, b);
    }),
    [
      // parse/frontMatter.ts: an alias to an anchor never set throws.
      ["---\nalias: *missing\n---\n", false],
      // A citation that runs past the end of its block (a list item starts; a CR-only blank line; front
      // matter): the next block's sentence gets it, and its claim text loses its length.
      ["[@0\n* ]", false],
      ["- [[@a]\r\r@key ] \u{1F600}\r.", false],
      ["---\ntags: [a, b\n---\n- @harbour-notice\n- \\[@a]\n- [@harbour-notice]", false],
    ],
  );
});
