import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { micromarkStructure } from "../../../src/core/parse/micromarkStructure";
import { readLightStructure } from "../../../src/core/parse/lightStructure";

const ROOT = path.join(__dirname, "..", "..", "..");

function markdownFiles(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) markdownFiles(p, out);
    else if (/\.(md|markdown)$/i.test(e.name)) out.push(p);
  }
  return out;
}

describe("linear structure reader", () => {
  const files = [...markdownFiles(path.join(ROOT, "test", "fixtures")), ...markdownFiles(path.join(ROOT, "examples")), path.join(ROOT, "README.md")];

  it(`reads every fixture, example and the README as micromark does (${files.length} files)`, () => {
    assert.ok(files.length > 50);
    for (const f of files) {
      const text = fs.readFileSync(f, "utf8");
      assert.deepEqual(readLightStructure(text).structure, micromarkStructure(text), path.relative(ROOT, f));
    }
  });

  it("reads the same structure on LF, CRLF and CR-only line ends", () => {
    const briefs = markdownFiles(path.join(ROOT, "examples", "briefs"));
    assert.ok(briefs.length > 0);
    for (const f of briefs) {
      const text = fs.readFileSync(f, "utf8");
      for (const eol of ["\r\n", "\r"]) {
        const t = text.replace(/\r\n|\r|\n/g, eol);
        assert.deepEqual(readLightStructure(t).structure, micromarkStructure(t), `${path.basename(f)} ${JSON.stringify(eol)}`);
      }
    }
  });

  it("measures the longest paragraph, the most brackets in one and the deepest nesting", () => {
    const text = ["# T", "", "one", "two [@a] [b]", "three", "", "> - > quoted in a list in a quote", "", "para [@x]"].join("\n");
    assert.deepEqual(readLightStructure(text).stats, { maxParagraphLines: 3, maxParagraphBrackets: 4, maxDepth: 3 });
  });

  it("reads 100,000 levels of nesting without recursion and counts them", () => {
    const quotes = readLightStructure(">".repeat(100_000) + " deep");
    assert.equal(quotes.stats.maxDepth, 100_000);
    assert.equal(quotes.structure.paragraphs.length, 1);
    const lists = readLightStructure("- ".repeat(50_000) + "item");
    assert.equal(lists.stats.maxDepth, 50_000);
    assert.equal(lists.structure.paragraphs[0].listDepth, 50_000);
  });

  it("never throws on any string", () => {
    for (const t of ["", "\u0000", "\ufeff", "\r", "```", "<!--", "[", "|", "$$", "---\n", "\ud800", "\t\t>\t-\t"]) readLightStructure(t);
    // @ts-expect-error not a string
    assert.deepEqual(readLightStructure(undefined).structure.paragraphs, []);
  });
});
