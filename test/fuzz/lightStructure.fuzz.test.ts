import * as assert from "node:assert/strict";
import fc from "fast-check";
import { fuzzIt } from "./harness";
import { markdownDoc } from "./arbitraries";
import { micromarkStructure } from "../../src/core/parse/micromarkStructure";
import { readLightStructure } from "../../src/core/parse/lightStructure";

/**
 * The linear structure reader stands in for micromark when a brief passes a limit, so it must
 * read the same structure micromark does: the same headings, paragraphs (with list depth and
 * item marker), code ranges, definitions and front matter.
 */
describe("fuzz: linear structure reader", () => {
  fuzzIt("reads the structure micromark reads", 300, () =>
    fc.property(markdownDoc, (text) => {
      assert.deepEqual(readLightStructure(text).structure, micromarkStructure(text));
      return true;
    }),
  );

  // Blocks from Markdown's corners: containers, fences, HTML, tables, footnotes, math, tabs.
  const piece = fc.constantFrom(
    "\n", "\n\n", "  ", "    ", "\t", "> ", "- ", "* ", "1. ", "2) ", "# ", "## ", "Text", "word ", "[@a]", "[@b, p. 3]",
    "`", "``", "```", "~~~", "\n---\n", "===", "|", " | ", "|---|", "<div>", "</div>", "<!--", "-->", "[x]: /u",
    "[^1]", "[^1]: ", "$$", "$", "\\", "*", "_", "<http://a.b>", "\r\n", "\r", "[", "]", "(", ")", "\"", "'", "<", ">",
    "&amp;", "---\ntitle: x\n---\n", "<pre>", "</pre>", "<script>", "-", "+", "1.", "é", "\u0000",
  );
  fuzzIt("reads the structure micromark reads on Markdown's corner cases", 2000, () =>
    fc.property(fc.array(piece, { minLength: 1, maxLength: 25 }), (parts) => {
      const text = parts.join("");
      assert.deepEqual(readLightStructure(text).structure, micromarkStructure(text));
      return true;
    }),
  );
});
