import { cpuNow } from "../support/cpuTime";
import * as assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { bibliographyFormat, cslItemToEntry, firstFilePath, parseCslJson, parseCslYaml } from "../../src/core/sources/bibliography";
import { firstFilePath as bibtexFirstFilePath } from "../../src/node/extract/bibtex";
import type { BibParseResult } from "../../src/core/sources/extracted";

const repo = path.resolve(__dirname, "../..");
const read = (p: string) => readFileSync(path.join(repo, p), "utf8");
const keys = (r: BibParseResult) => r.entries.map((e) => e.key);

describe("bibliography formats", () => {
  it("follows Pandoc's extensions", () => {
    assert.equal(bibliographyFormat("refs/library.json"), "csl-json");
    assert.equal(bibliographyFormat("C:\\refs\\Library.JSON"), "csl-json");
    assert.equal(bibliographyFormat("library.yaml"), "csl-yaml");
    assert.equal(bibliographyFormat("library.yml"), "csl-yaml");
    assert.equal(bibliographyFormat("library.bib"), "bibtex");
    assert.equal(bibliographyFormat("/a/b/library.bibtex"), "bibtex");
    assert.equal(bibliographyFormat("library.ris"), undefined);
    assert.equal(bibliographyFormat("library"), undefined);
    assert.equal(bibliographyFormat("refs.d/library"), undefined);
    assert.equal(bibliographyFormat(".json"), "csl-json");
  });
});

describe("CSL-JSON bibliographies", () => {
  it("maps every field of examples/bibliography.json, each entry on its line", () => {
    const r = parseCslJson(read("examples/bibliography.json"));
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.entries, [
      {
        key: "pellow-harbour-review",
        type: "report",
        title: "Annual Review of the Pellow Harbour, 2024–2025",
        authors: ["Pellow Harbour Board"],
        issued: "2025",
        publisher: "Pellow Harbour Board",
        url: "https://harbour.pellow.example/reviews/2025",
        file: "sources/pellow-harbour-review.pdf",
        line: 1,
      },
      {
        key: "pellow-ferry-report",
        type: "article-newspaper",
        title: "Night ferry returns to the Pellow crossing after two dry summers",
        authors: ["Mara Quill"],
        issued: "2025-08-22",
        container: "The Pellow Courier",
        url: "https://courier.pellow.example/2025/08/ferry-returns",
        line: 11,
      },
      {
        key: "quay-history",
        type: "book",
        title: "Stones and Tides: A History of the Pellow Quays",
        authors: ["Edda Harrow", "Tomas van Lune"],
        issued: "2019-04",
        publisher: "Lantern Row Press",
        doi: "10.5555/lantern.2019.quays",
        line: 20,
      },
    ]);
  });

  it("gives the engine the same firstFilePath as the BibTeX reader (for CSL file fields too)", () => {
    assert.equal(firstFilePath, bibtexFirstFilePath);
    const r = parseCslJson('[{ "id": "a", "file": "Full Text:sources/a\\\\:b.pdf:application/pdf" }]');
    assert.equal(r.entries[0].file, "Full Text:sources/a\\:b.pdf:application/pdf");
    assert.equal(firstFilePath(r.entries[0].file!), "sources/a:b.pdf");
  });

  it("shares no key with examples/bibliography.bib", () => {
    const json = new Set(keys(parseCslJson(read("examples/bibliography.json"))));
    const bibKeys = [...read("examples/bibliography.bib").matchAll(/^@(?!string|comment|preamble)\w+\{([^,]+),/gim)].map((m) => m[1]);
    assert.equal(bibKeys.length, 5);
    for (const k of bibKeys) assert.ok(!json.has(k), k);
  });

  it("reads an object with an items list", () => {
    const r = parseCslJson('{\n  "items": [\n    { "id": "a", "title": "A" },\n    { "id": 7, "title": "Seven" }\n  ]\n}');
    assert.deepEqual(r.problems, []);
    assert.deepEqual(
      r.entries.map((e) => [e.key, e.line, e.title]),
      [
        ["a", 2, "A"],
        ["7", 3, "Seven"],
      ],
    );
  });

  it("reports invalid JSON once, at the line of the first error, with no entries", () => {
    const r = parseCslJson(read("test/fixtures/bibliography/broken.json"));
    assert.deepEqual(r.entries, []);
    assert.deepEqual(r.problems, [{ line: 8, message: "invalid JSON: comma expected" }]);
    assert.equal(parseCslJson('[{"id": "a"}, // no comments\n]').problems[0].line, 0);
    assert.equal(parseCslJson('[\n{"id": "a"},\n]').problems.length, 1);
  });

  it("reports items without an id, repeated keys and non-items on their lines; keeps the rest", () => {
    const text = [
      "[", // 0
      '  { "id": "kept", "title": "Kept" },', // 1
      '  { "title": "No id" },', // 2
      '  { "id": "", "title": "Empty id" },', // 3
      '  { "id": true },', // 4
      '  "not an item",', // 5
      '  { "id": "kept", "title": "Again" },', // 6
      '  { "id": "also-kept" }', // 7
      "]",
    ].join("\n");
    const r = parseCslJson(text);
    assert.deepEqual(
      r.entries.map((e) => [e.key, e.line]),
      [
        ["kept", 1],
        ["also-kept", 7],
      ],
    );
    assert.equal(r.entries[0].title, "Kept");
    assert.deepEqual(
      r.problems.map((p) => p.line),
      [2, 3, 4, 5, 6],
    );
    assert.match(r.problems[0].message, /without an "id"/);
    assert.match(r.problems[3].message, /not a CSL item/);
    assert.equal(r.problems[4].message, 'duplicate key "kept" (first on line 2); this entry is ignored');
  });

  it("reports a top level that is not a list", () => {
    const r = parseCslJson('\n{ "id": "a" }');
    assert.deepEqual(r.entries, []);
    assert.equal(r.problems.length, 1);
    assert.equal(r.problems[0].line, 1);
    assert.match(r.problems[0].message, /not a CSL-JSON bibliography/);
    assert.deepEqual(parseCslJson(""), { entries: [], problems: [] });
    assert.deepEqual(parseCslJson("[]"), { entries: [], problems: [] });
  });

  it("reads names, dates and fields in their various shapes", () => {
    const items = [
      { id: "a", author: [{ family: "Quill", given: "Mara" }, { literal: "Pellow Harbour Board" }, { family: "Lune", given: "Tomas", "non-dropping-particle": "van", suffix: "Jr." }, { given: "Only" }, {}, 7] },
      { id: "b", editor: [{ family: "Harrow", given: "Edda" }], issued: { "date-parts": [["2024", "3", "5"]] } },
      { id: "c", issued: { raw: "2023-11-30" } },
      { id: "d", issued: { literal: "Autumn 2022" } },
      { id: "e", issued: { "date-parts": [[2021, 21]] } }, // a season, not a month
      { id: "f", issued: { "date-parts": [[2020, 2, 40]] } },
      { id: "g", issued: { raw: "no date" } },
      { id: "h", issued: "2019-07-04/2019-07-06" },
      { id: "i", issued: { "date-parts": [[99]] } },
      { id: "j", title: "  Spaced\n  title  ", "container-title": 12, URL: " https://x.example/a ", DOI: "10.1/x", publisher: "" },
      { id: "k", author: "not a list", issued: [{ year: 2018, month: 5 }] },
    ];
    const r = parseCslJson(JSON.stringify(items));
    assert.deepEqual(r.problems, []);
    const by = Object.fromEntries(r.entries.map((e) => [e.key, e]));
    assert.deepEqual(by.a.authors, ["Mara Quill", "Pellow Harbour Board", "Tomas van Lune Jr.", "Only"]);
    assert.deepEqual(by.b.authors, ["Edda Harrow"]);
    assert.equal(by.b.issued, "2024-03-05");
    assert.equal(by.c.issued, "2023-11-30");
    assert.equal(by.d.issued, "2022");
    assert.equal(by.e.issued, "2021");
    assert.equal(by.f.issued, "2020-02");
    assert.equal(by.g.issued, undefined);
    assert.equal(by.h.issued, "2019-07-04");
    assert.equal(by.i.issued, "0099");
    assert.equal(by.j.title, "Spaced title");
    assert.equal(by.j.container, "12");
    assert.equal(by.j.url, "https://x.example/a");
    assert.equal(by.j.doi, "10.1/x");
    assert.equal(by.j.publisher, undefined);
    assert.deepEqual(by.k.authors, ["not a list"]);
    assert.equal(by.k.issued, "2018-05");
    assert.deepEqual(cslItemToEntry({}, "bare", 3), { key: "bare", authors: [], line: 3 });
  });

  it("never throws on garbage", () => {
    const garbage = [
      "[".repeat(200_000),
      "[".repeat(50_000) + "]".repeat(50_000),
      '[{"id": "deep", "title": ' + "[".repeat(50_000) + "]".repeat(50_000) + "}]",
      "\u0000\u0001\uFFFF",
      "\uFEFF[{\"id\": \"bom\"}]",
      Array.from({ length: 50_000 }, (_, i) => String.fromCharCode((i * 7919) % 0xd7ff)).join(""),
      "null",
      "42",
      '"text"',
    ];
    for (const g of garbage) {
      const r = parseCslJson(g);
      assert.ok(Array.isArray(r.entries) && Array.isArray(r.problems));
    }
    assert.deepEqual(keys(parseCslJson("\uFEFF[{\"id\": \"bom\"}]")), ["bom"]);
    assert.deepEqual(parseCslJson(undefined as unknown as string).entries, []);
  });

  it("reads 20,000 items in linear time (generous bound)", () => {
    const items = Array.from({ length: 20_000 }, (_, i) => ({
      id: `item-${i}`,
      type: "article-newspaper",
      title: `Harbour note ${i}`,
      author: [{ family: "Quill", given: "Mara" }],
      "container-title": "The Pellow Courier",
      issued: { "date-parts": [[2025, 8, (i % 28) + 1]] },
      URL: `https://courier.pellow.example/${i}`,
    }));
    const text = JSON.stringify(items, null, 2);
    const t0 = cpuNow();
    const r = parseCslJson(text);
    const ms = cpuNow() - t0;
    assert.equal(r.entries.length, 20_000);
    assert.equal(r.entries[19_999].line, 1 + 19_999 * 22);
    assert.ok(ms < Math.max(1500, (2000 * text.length) / 1e6), `${Math.round(ms)} ms`);
  });
});

describe("CSL-YAML bibliographies", () => {
  it("reads Pandoc's references: list in a --- block, each entry on its line", () => {
    const r = parseCslYaml(read("test/fixtures/bibliography/references.yaml"));
    assert.deepEqual(r.entries, [
      {
        key: "arnsby-mill-closes",
        type: "article-newspaper",
        title: "Arnsby Mill Closes After 140 Years",
        authors: ["Nell Tarrow"],
        issued: "2024-11-02",
        container: "The Arnsby Gazette",
        url: "https://gazette.arnsby.example/mill-closes",
        line: 3,
      },
      {
        key: "arnsby-wool-survey",
        type: "report",
        title: "Survey of the Arnsby Wool Trade",
        authors: ["Arnsby Weavers' Guild"],
        issued: "2023-05",
        publisher: "Arnsby Weavers' Guild",
        file: "sources/arnsby-wool-survey.pdf",
        line: 15,
      },
      {
        key: "2022",
        type: "book",
        title: "Barley in the Arnsby Valley",
        authors: ["Oda Fenwick"],
        issued: "2022",
        publisher: "Millrace Books",
        doi: "10.5555/millrace.2022.barley",
        line: 24,
      },
    ]);
    assert.deepEqual(r.problems, [{ line: 35, message: 'CSL item without an "id" (a string or number): it cannot be cited' }]);
  });

  it("reads a top-level list, a block closed by --- followed by more text, and CRLF", () => {
    const list = parseCslYaml("- id: a\n  title: A\n- id: b\n  title: B\n");
    assert.deepEqual(
      list.entries.map((e) => [e.key, e.line, e.title]),
      [
        ["a", 0, "A"],
        ["b", 2, "B"],
      ],
    );
    const block = parseCslYaml("---\r\nreferences:\r\n  - id: a\r\n    issued: 2024\r\n---\r\n\r\n# Notes: not YAML: at all\r\n");
    assert.deepEqual(block.problems, []);
    assert.deepEqual(
      block.entries.map((e) => [e.key, e.line, e.issued]),
      [["a", 2, "2024"]],
    );
    const flow = parseCslYaml('references: [{id: x, author: [{family: Quill, given: Mara}], issued: {date-parts: [[2025, 8]]}}]');
    assert.deepEqual(flow.entries, [{ key: "x", authors: ["Mara Quill"], issued: "2025-08", line: 0 }]);
  });

  it("reports invalid YAML once, at the line of the first error, with no entries", () => {
    const r = parseCslYaml("references:\n- id: a\n  title: [unclosed\n- id: b\n");
    assert.deepEqual(r.entries, []);
    assert.equal(r.problems.length, 1);
    assert.match(r.problems[0].message, /^invalid YAML: /);
    assert.ok(r.problems[0].line >= 2, String(r.problems[0].line));
    assert.ok(!r.problems[0].message.includes("\n"));
  });

  it("reports a top level that is neither a list nor a references: list", () => {
    const r = parseCslYaml("title: Not a bibliography\nauthor: Mara Quill\n");
    assert.deepEqual(r.entries, []);
    assert.equal(r.problems.length, 1);
    assert.match(r.problems[0].message, /not a CSL-YAML bibliography/);
    assert.deepEqual(parseCslYaml(""), { entries: [], problems: [] });
    assert.deepEqual(parseCslYaml("# only a comment\n"), { entries: [], problems: [] });
  });

  it("keeps aliases between items, reports an alias bomb on its item and keeps the others", () => {
    const lol = ["lol0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"];
    for (let k = 1; k <= 9; k++) lol.push(`lol${k}: &l${k} [${Array(9).fill(`*l${k - 1}`).join(", ")}]`);
    const text = [
      ...lol, // 0..9
      "references:", // 10
      "- id: shared", // 11
      "  author: &quill", // 12
      "  - family: Quill", // 13
      "    given: Mara", // 14
      "- id: bomb", // 15
      "  title: *l9", // 16
      "- id: reuses", // 17
      "  author: *quill", // 18
      "- id: shared", // 19
    ].join("\n");
    const t0 = cpuNow();
    const r = parseCslYaml(text);
    assert.ok(cpuNow() - t0 < 1500);
    assert.deepEqual(
      r.entries.map((e) => [e.key, e.line, e.authors]),
      [
        ["shared", 11, ["Mara Quill"]],
        ["reuses", 17, ["Mara Quill"]],
      ],
    );
    assert.deepEqual(
      r.problems.map((p) => p.line),
      [15, 19],
    );
    assert.match(r.problems[0].message, /alias/);
    assert.match(r.problems[1].message, /duplicate key "shared"/);
  });

  it("refuses a file with more than 100 aliases", () => {
    const text = "references:\n- id: a\n  title: &t T\n" + Array.from({ length: 150 }, (_, i) => `- id: b${i}\n  title: *t\n`).join("");
    const r = parseCslYaml(text);
    assert.deepEqual(r.entries, []);
    assert.equal(r.problems.length, 1);
    assert.match(r.problems[0].message, /too many YAML aliases/);
    assert.equal(r.problems[0].line, 3 + 2 * 100 + 1);
  });

  it("never throws on garbage", () => {
    const garbage = [
      "[".repeat(100_000),
      "- ".repeat(50_000) + "x",
      "- ".repeat(200_000) + "x",
      "a:\n" + Array.from({ length: 1_000 }, (_, i) => " ".repeat(i + 1) + "b:").join("\n"),
      "[{".repeat(100_000),
      "{".repeat(50_000),
      "*nope",
      "- *nope",
      "references: *nope",
      "references:\n- id: a\n  title: *nope\n",
      "%YAML 9.9\n---\n- id: a",
      "\t- id: a",
      Array.from({ length: 50_000 }, (_, i) => String.fromCharCode((i * 7919) % 0xd7ff)).join(""),
      "\uFEFF- id: bom\n",
    ];
    for (const g of garbage) {
      const r = parseCslYaml(g);
      assert.ok(Array.isArray(r.entries) && Array.isArray(r.problems), g.slice(0, 30));
      for (const p of r.problems) assert.ok(Number.isInteger(p.line) && p.line >= 0);
    }
    assert.deepEqual(keys(parseCslYaml("\uFEFF- id: bom\n")), ["bom"]);
    assert.deepEqual(parseCslYaml(undefined as unknown as string).entries, []);
  });

  it("reads 10,000 items in linear time (generous bound)", () => {
    const text =
      "references:\n" +
      Array.from(
        { length: 10_000 },
        (_, i) =>
          `- id: item-${i}\n  type: article-newspaper\n  title: Harbour note ${i}\n  author:\n  - family: Quill\n    given: Mara\n  container-title: The Pellow Courier\n  issued: 2025-08-${String((i % 28) + 1).padStart(2, "0")}\n`,
      ).join("");
    const t0 = cpuNow();
    const r = parseCslYaml(text);
    const ms = cpuNow() - t0;
    assert.equal(r.entries.length, 10_000);
    assert.equal(r.entries[9_999].line, 1 + 9_999 * 8);
    assert.equal(r.entries[9_999].issued, "2025-08-04");
    assert.ok(ms < Math.max(3000, (4000 * text.length) / 1e6), `${Math.round(ms)} ms`);
  });
});
