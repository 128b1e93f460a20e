import { cpuNow } from "../../support/cpuTime";
import * as assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { firstFilePath, parseBibtex, plainLatex, withoutEmptyFields } from "../../../src/node/extract/bibtex";
import type { BibParseResult } from "../../../src/core/sources/extracted";

const repo = path.resolve(__dirname, "../../..");
const read = (p: string) => readFileSync(path.join(repo, p), "utf8");
const keys = (r: BibParseResult) => r.entries.map((e) => e.key);

/** 20,000 Better BibTeX-like entries, about 5 MB. */
function bigBib(n = 20_000): string {
  const parts = ["@string{courier = {The Pellow Courier}}\n\n"];
  for (let i = 0; i < n; i++) {
    parts.push(
      `@article{pellow-note-${i},\n` +
        `  title = {Harbour {Notes} Number ${i}: Dredging, Tides and the M{\\"u}ller Quay in the Outer Basin},\n` +
        `  author = {M{\\"u}ller, J{\\"o}rg and Quill, Mara and {Pellow Harbour Board}},\n` +
        `  journal = courier,\n` +
        `  date = {2025-08-${String((i % 28) + 1).padStart(2, "0")}},\n` +
        `  doi = {10.5555/pellow.${i}},\n` +
        `  url = {https://courier.pellow.example/2025/notes/${i}},\n` +
        `  file = {Full Text:sources/notes/pellow-note-${i}.pdf:application/pdf},\n` +
        `  keywords = {harbour, tides, dredging},\n` +
        `}\n\n`,
    );
  }
  return parts.join("");
}

describe("BibTeX bibliographies (citation.js)", function () {
  this.timeout(60_000);

  it("maps every field of examples/bibliography.bib: macros, LaTeX accents, both file forms", async () => {
    const r = await parseBibtex(read("examples/bibliography.bib"));
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.entries, [
      {
        key: "pellow-dredging-plan",
        type: "report",
        title: "Dredging Plan for the Inner Basin",
        authors: ["Pellow Harbour Board"],
        issued: "2025-06",
        publisher: "Pellow Harbour Board",
        file: "references/pellow-dredging-plan.md",
        line: 7,
      },
      {
        key: "mueller-tide-tables",
        type: "article-journal",
        title: "Tide Tables at the Pellow Quay, Revisited",
        authors: ["Jörg Müller", "Anaïs Quélin"],
        issued: "2024-03-05",
        container: "Journal of Small Harbours",
        doi: "10.5555/jsh.2024.0305",
        line: 15,
      },
      {
        key: "courier-night-ferry-fares",
        type: "article-journal",
        title: "Night Ferry Fares to Rise by a Fifth",
        authors: ["Mara Quill"],
        issued: "2025-09",
        container: "The Pellow Courier",
        url: "https://courier.pellow.example/2025/09/ferry-fares",
        line: 25,
      },
      {
        key: "grain-report",
        type: "report",
        title: "Grain Throughput at Pellow, First Half of 2025",
        authors: [],
        issued: "2025",
        publisher: "Pellow Grain Cooperative",
        file: "Full Text:references/grain-report.md:text/markdown",
        line: 34,
      },
      {
        key: "quay-stones-guide",
        type: "book",
        title: "A Walker's Guide to the Pellow Quay Stones",
        authors: ["Edda Harrow"],
        issued: "2021",
        publisher: "Lantern Row Press",
        line: 41,
      },
    ]);
    // Composed characters (NFC), as a brief would write them.
    for (const a of r.entries[1].authors) assert.equal(a, a.normalize("NFC"));
    assert.equal(firstFilePath(r.entries[3].file!), "references/grain-report.md");
    assert.equal(firstFilePath(r.entries[0].file!), "references/pellow-dredging-plan.md");
  });

  it("keeps the good entries around an unclosed one, reported on the line where it starts", async () => {
    const r = await parseBibtex(read("test/fixtures/bibliography/broken.bib"));
    assert.deepEqual(keys(r), ["arnsby-mill-closes", "valley-barley", "arnsby-weir"]);
    assert.deepEqual(
      r.entries.map((e) => e.line),
      [4, 17, 25],
    );
    assert.equal(r.problems.length, 1);
    assert.equal(r.problems[0].line, 12);
    assert.match(r.problems[0].message, /"arnsby-wool-survey" is not closed: a "\}" is missing before the next entry on line 18/);
    // The @string macro applies; \O is decoded; the raw file field is returned as written.
    assert.equal(r.entries[0].container, "The Arnsby Gazette");
    assert.equal(r.entries[0].issued, "2024-11-02");
    assert.equal(r.entries[0].url, "https://gazette.arnsby.example/mill-closes");
    assert.deepEqual(r.entries[1].authors, ["Oda Fenwick", "Lis Østergaard"]);
    assert.equal(r.entries[1].file, "Full Text:C\\:\\\\Books\\\\valley-barley.pdf:application/pdf;Notes:notes/valley.md:text/markdown");
    assert.equal(firstFilePath(r.entries[1].file!), "C:\\Books\\valley-barley.pdf");
  });

  it("reports each kind of broken entry on its own line and keeps the rest", async () => {
    const text = [
      "@misc{good-one, title = {One}, year = 2020}", // 0
      "@misc{missing-comma,", // 1
      "  title = {Two}", // 2
      "  year = 2021", // 3
      "}", // 4
      "@misc{, title = {No key}}", // 5
      "@misc", // 6
      "@misc{good-two, title = {Three}}", // 7
      "@misc{bad-value, title = \"a } b\"}", // 8
      "@misc{good-three, title = {Four}}", // 9
      "@misc{deep, title = " + "{".repeat(20_000) + "}".repeat(20_000) + "}", // 10
      "@misc{good-four, title = {Five}}", // 11
    ].join("\n");
    const r = await parseBibtex(text);
    assert.deepEqual(keys(r), ["good-one", "good-two", "good-three", "good-four"]);
    assert.deepEqual(
      r.entries.map((e) => e.line),
      [0, 7, 9, 11],
    );
    assert.deepEqual(
      r.problems.map((p) => p.line),
      [1, 5, 6, 8, 10],
    );
    assert.match(r.problems[0].message, /"missing-comma": a "," is missing between two fields on line 4/);
    assert.match(r.problems[1].message, /has no key/);
    assert.match(r.problems[2].message, /"@misc" is not followed by "\{"/);
    assert.match(r.problems[3].message, /"bad-value": field "title" cannot be read/);
    assert.match(r.problems[4].message, /"deep" cannot be read: its braces nest deeper than 200 levels/);
    for (const p of r.problems) assert.ok(p.message.length < 200 && !p.message.includes("\n"), p.message);
  });

  it("reads valid BibTeX citation.js trips on: an empty field (`, ,`), a LaTeX command it does not know ({\\d}); refuses mixed delimiters on their line", async () => {
    const text = [
      "@book{ragn,", "  author = {Ragnhei{\\d}ur Jonsdottir},", "  title = {Harbour records},", "  year = {2019}", "}", "",
      "@misc{empty,", "  title = {Ferry log}, ,", "  year = {2022}", "}", "",
      "@misc{mixed,", "  title = {Mixed delimiters},", "  year = {2023}", ")", "",
      "@misc{after,", "  title = {Read after the others},", "  year = {2024}", "}", "",
    ].join("\n");
    const r = await parseBibtex(text);
    const byKey = new Map(r.entries.map((e) => [e.key, e]));
    assert.deepEqual(byKey.get("ragn")?.authors, ["Ragnheiur Jonsdottir"]);
    assert.equal(byKey.get("ragn")?.title, "Harbour records");
    assert.equal(byKey.get("empty")?.title, "Ferry log");
    assert.equal(byKey.get("empty")?.issued, "2022");
    // `@misc{ … )` is not closed: reported on the line where it starts, and the next entry is read.
    assert.deepEqual(r.problems.map((p) => [p.line, p.key]), [[11, "mixed"]]);
    assert.match(r.problems[0].message, /entry "mixed" is not closed/);
    assert.equal(byKey.get("after")?.title, "Read after the others");
  });

  it("plain text of LaTeX, and empty fields dropped, in linear time", () => {
    assert.equal(plainLatex("Ragnhei{\\d}ur \\'{E}mile \\& Sons \\{draft\\} \\textbf{bold}"), "Ragnheiur Emile & Sons {draft} bold");
    assert.equal(withoutEmptyFields("@misc{k, a = {x, ,y}, , b = \"q, ,\" ,, }", "{"), "@misc{k, a = {x, ,y},  b = \"q, ,\" , }");
    const big = "@misc{k, " + "a = {x}, , ".repeat(50_000) + "}";
    const t = Date.now();
    withoutEmptyFields(big, "{");
    plainLatex("\\x{y} ".repeat(100_000));
    assert.ok(Date.now() - t < 2000);
  });

  it("keeps the first of two entries with the same key and reports the second on its line", async () => {
    const r = await parseBibtex("@book{quay, title = {First}}\n\n@article{other, title = {Other}}\n@book{quay,\n  title = {Second}\n}\n");
    assert.deepEqual(keys(r), ["quay", "other"]);
    assert.equal(r.entries[0].title, "First");
    assert.deepEqual(r.problems, [{ line: 3, message: 'duplicate key "quay" (first on line 1); this entry is ignored' }]);
  });

  it("ignores @comment, @preamble and text between entries; reads @STRING, parenthesised entries and CRLF", async () => {
    const text = [
      "This line is a comment, as is an address like someone@pellow.example.",
      "@comment{A comment with {braces} and an @article{fake, title={No}} inside}",
      "@comment this line too",
      '@preamble{"\\newcommand{\\noop}[1]{}"}',
      '@STRING(harbour = "Pellow Harbour Board")',
      "@Report(board-minutes,",
      "  title = {Minutes (June)},",
      '  author = "{Pellow Harbour Board}",',
      "  institution = harbour,",
      "  year = 2025, % a comment with a } brace",
      ")",
      "@misc{after-parens, title = {After}}",
    ].join("\r\n");
    const r = await parseBibtex(text);
    assert.deepEqual(r.problems, []);
    assert.deepEqual(keys(r), ["board-minutes", "after-parens"]);
    assert.deepEqual(r.entries[0], {
      key: "board-minutes",
      type: "report",
      title: "Minutes (June)",
      authors: ["Pellow Harbour Board"],
      issued: "2025",
      publisher: "Pellow Harbour Board",
      line: 5,
    });
    assert.equal(r.entries[1].line, 11);
  });

  it("applies @string macros defined anywhere before the entry, concatenated with #", async () => {
    const r = await parseBibtex(
      '@string{pc = "The Pellow"}\n@string{pcw = pc # " Courier"}\n@misc{a, journal = pcw # { Weekly}, title = {T}, month = mar, year = 2024}\n',
    );
    assert.deepEqual(r.problems, []);
    assert.equal(r.entries[0].container, "The Pellow Courier Weekly");
    assert.equal(r.entries[0].issued, "2024-03");
    // Macros of one call do not leak into the next.
    const again = await parseBibtex("@misc{b, journal = pcw, title = {T}}\n");
    assert.equal(again.entries[0].container, undefined);
  });

  it("follows crossref to a parent and survives crossref cycles", async () => {
    const r = await parseBibtex(
      [
        "@inproceedings{talk, title = {Quay Lights}, author = {Quill, Mara}, crossref = {proc}}",
        "@proceedings{proc, title = {Proceedings of the Pellow Harbour Days}, publisher = {Lantern Row Press}, year = 2023}",
        "@book{loop-a, title = {A}, crossref = {loop-b}}",
        "@book{loop-b, title = {B}, crossref = {loop-a}}",
        "@book{nowhere, title = {N}, crossref = {missing}}",
      ].join("\n"),
    );
    assert.deepEqual(r.problems, []);
    assert.deepEqual(keys(r), ["talk", "proc", "loop-a", "loop-b", "nowhere"]);
    assert.equal(r.entries[0].container, "Proceedings of the Pellow Harbour Days");
    assert.equal(r.entries[0].publisher, "Lantern Row Press");
    assert.equal(r.entries[0].issued, "2023");
  });

  it("returns the first path of a file field in each of its forms", () => {
    assert.equal(firstFilePath("/abs/path/pellow-harbour-review.pdf"), "/abs/path/pellow-harbour-review.pdf");
    assert.equal(firstFilePath("sources/pellow-harbour-review.pdf"), "sources/pellow-harbour-review.pdf");
    assert.equal(firstFilePath("Full Text:sources/grain-report.md:text/markdown"), "sources/grain-report.md");
    assert.equal(firstFilePath("Full Text PDF:/Users/mq/Zotero/storage/AB12CD34/Quill - 2025 - Ferry.pdf:application/pdf"), "/Users/mq/Zotero/storage/AB12CD34/Quill - 2025 - Ferry.pdf");
    assert.equal(firstFilePath("Full Text:C\\:\\\\Zotero\\\\ferry.pdf:application/pdf"), "C:\\Zotero\\ferry.pdf");
    assert.equal(firstFilePath("C\\:\\\\Zotero\\\\ferry.pdf"), "C:\\Zotero\\ferry.pdf");
    assert.equal(firstFilePath("Snapshot:C:\\Zotero\\ferry.html:text/html"), "C:\\Zotero\\ferry.html");
    assert.equal(firstFilePath("C:\\Zotero\\ferry.pdf"), "C:\\Zotero\\ferry.pdf");
    assert.equal(firstFilePath("a\\:b.pdf"), "a:b.pdf");
    assert.equal(firstFilePath("Notes\\; draft:notes/a\\;b.md:text/markdown"), "notes/a;b.md");
    assert.equal(firstFilePath(":sources/ferry.pdf:PDF"), "sources/ferry.pdf"); // JabRef
    assert.equal(firstFilePath("sources/ferry.pdf:PDF"), "sources/ferry.pdf");
    assert.equal(firstFilePath("Full Text:sources/one.pdf:application/pdf;Snapshot:sources/two.html:text/html"), "sources/one.pdf");
    assert.equal(firstFilePath(";  ;Snapshot:sources/two.html:text/html"), "sources/two.html");
    assert.equal(firstFilePath("{sources/braced.pdf}"), "sources/braced.pdf");
    assert.equal(firstFilePath(""), undefined);
    assert.equal(firstFilePath("  "), undefined);
    assert.equal(firstFilePath("::"), undefined);
    assert.equal(firstFilePath(";;"), undefined);
    assert.equal(firstFilePath(undefined as unknown as string), undefined);
  });

  it("never throws, on garbage or on what is not text", async () => {
    const garbage = [
      "",
      "@",
      "@@@@{{{{}}}}",
      "}".repeat(10_000),
      "@misc{" + "{".repeat(200_000),
      '@misc{a, title = "' + '"'.repeat(10_000) + "}",
      "@string{x = }\n@misc{a, title = x}",
      "@misc{a, title = {\\}\n@misc{b, title = {B}}",
      Array.from({ length: 50_000 }, (_, i) => String.fromCharCode((i * 7919) % 0xd7ff)).join(""),
      "\uFEFF@misc{bom, title = {BOM}}",
    ];
    for (const g of garbage) {
      const r = await parseBibtex(g);
      assert.ok(Array.isArray(r.entries) && Array.isArray(r.problems), g.slice(0, 40));
      for (const p of r.problems) assert.ok(Number.isInteger(p.line) && p.line >= 0 && typeof p.message === "string");
    }
    assert.deepEqual(keys(await parseBibtex("\uFEFF@misc{bom, title = {BOM}}")), ["bom"]);
    assert.deepEqual((await parseBibtex("@misc{no-fields}\n@misc( also-none )")).entries, [
      { key: "no-fields", type: "document", authors: [], line: 0 },
      { key: "also-none", type: "document", authors: [], line: 1 },
    ]);
    assert.deepEqual(keys(await parseBibtex("@misc{a, title = {\\}\n@misc{b, title = {B}}")), ["b"]);
    for (const odd of [undefined, null, 42, {}]) {
      const r = await parseBibtex(odd as unknown as string);
      assert.deepEqual(r.entries, []);
    }
  });

  it("does not grow citation.js's global log", async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { logger } = require("@citation-js/core") as { logger: { _log: unknown[] } };
    const before = logger._log.length;
    await parseBibtex(read("test/fixtures/bibliography/broken.bib") + '\n@misc{bad, title = "a } b"}\n@unknowntype{u, title = {U}}\n');
    assert.equal(logger._log.length, before);
  });

  it("reads a 5 MB file of 20,000 entries in linear time (generous bound)", async () => {
    const text = bigBib();
    assert.ok(text.length > 5e6, `${text.length}`);
    const t0 = cpuNow();
    const r = await parseBibtex(text);
    const ms = cpuNow() - t0;
    assert.equal(r.entries.length, 20_000);
    assert.deepEqual(r.problems, []);
    assert.equal(r.entries[19_999].line, 2 + 19_999 * 11);
    assert.equal(r.entries[19_999].container, "The Pellow Courier");
    assert.equal(firstFilePath(r.entries[19_999].file!), "sources/notes/pellow-note-19999.pdf");
    assert.ok(ms < 20_000, `${Math.round(ms)} ms`);
  });

  it("stays linear on hostile files (≤ 4 s per MB, 1.5 s floor)", async () => {
    const entry = (i: number) => `@misc{k${i}, title = {T ${i}}}\n`;
    const cases: Record<string, string> = {
      "200,000 entry headers that never close": "@misc{k,\n".repeat(200_000),
      "100,000 headers on one line": "@misc{".repeat(100_000),
      "1,000,000 nested braces": "@misc{k, title = " + "{".repeat(1_000_000) + "\n" + entry(1),
      "100,000 bare @misc lines": "@misc\n".repeat(100_000) + entry(1),
      "a crossref chain of 20,000": Array.from({ length: 20_000 }, (_, i) => `@inbook{c${i}, title = {T${i}}, crossref = {c${i + 1}}}\n`).join(""),
      "20,000 macros used once each": Array.from({ length: 20_000 }, (_, i) => `@string{s${i} = "v${i}"}\n@misc{m${i}, title = s${i}}\n`).join(""),
      "one bad value among 20,000 entries": Array.from({ length: 20_000 }, (_, i) => (i === 10 ? '@misc{bad, title = "a } b"}\n' : entry(i))).join(""),
    };
    for (const [name, text] of Object.entries(cases)) {
      const t0 = cpuNow();
      const r = await parseBibtex(text);
      const ms = cpuNow() - t0;
      const bound = Math.max(1500, (4000 * text.length) / 1e6);
      assert.ok(ms < bound, `${name}: ${Math.round(ms)} ms > ${Math.round(bound)} ms`);
      assert.ok(Array.isArray(r.entries));
    }
  });
});
