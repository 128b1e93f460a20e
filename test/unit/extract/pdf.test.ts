import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { execFileSync } from "node:child_process";
import { extractPdf, pdfDate } from "../../../src/node/extract/pdf";
import type { ExtractedDocument, ExtractResult } from "../../../src/core/sources/extracted";

const ROOT = path.join(__dirname, "..", "..", "..");
const SCRIPT = path.join(ROOT, "scripts", "make-sample-pdf.mjs");
const SAMPLE = path.join(ROOT, "examples", "sources", "pellow-harbour-review.pdf");
const FIXTURES = path.join(ROOT, "test", "fixtures", "extract");

const QUOTE = "Repairs to the north berth were finished on 19 August, eleven days ahead of plan.";
const FREIGHT = "Freight volumes fell by 12 percent to 318,000 tonnes.";

function read(file: string): Uint8Array {
  return new Uint8Array(fs.readFileSync(file));
}

/** The PDF fixtures (the folder holds other extractors' fixtures too). */
function pdfFixtures(): string[] {
  return fs.readdirSync(FIXTURES).filter((name) => name.endsWith(".pdf")).sort();
}

function ok(result: ExtractResult): ExtractedDocument {
  if ("error" in result) assert.fail(`unexpected error: ${result.error}`);
  return result;
}

/** The text of page `i` (0-based) as `pageStarts` delimits it, without the separator. */
function pageText(doc: ExtractedDocument, i: number): string {
  const starts = doc.pageStarts ?? [];
  const end = i + 1 < starts.length ? starts[i + 1] : doc.text.length;
  return doc.text.slice(starts[i], end).replace(/\n\n$/, "");
}

/** Runs an expression over the script's exports in a child Node process; returns stdout. */
function runScript(expression: string): string {
  const code = `import(${JSON.stringify(SCRIPT)}).then((m) => process.stdout.write(${expression}))`;
  return execFileSync(process.execPath, ["--input-type=module", "-e", code], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
}

describe("extractPdf: form fields and notes", () => {
  it("reads a filled-in text field and a note as part of their page's text (not check boxes)", async () => {
    const build = `(() => { const content = m.pageContent([{ style: "body", text: "Inspection form for the north quay." }]);
      const annots = [
        "<< /Type /Annot /Subtype /Widget /FT /Tx /T (inspector) /V (Signed off by the harbour master on 4 May) /Rect [72 600 400 620] >>",
        "<< /Type /Annot /Subtype /Widget /FT /Btn /T (agree) /V /Yes /AS /Yes /Rect [72 560 90 578] >>",
        "<< /Type /Annot /Subtype /Text /Contents (Crane three still needs a new cable) /Rect [420 700 440 720] >>",
      ];
      return Buffer.from(m.buildPdf({ pages: [content, m.pageContent([{ style: "body", text: "Second page." }])], info: { Title: "Form" }, annots: [annots] })).toString("base64"); })()`;
    const bytes = Buffer.from(runScript(build), "base64");
    const doc = ok(await extractPdf(bytes, "form.pdf"));
    const first = pageText(doc, 0);
    assert.match(first, /Inspection form for the north quay\./);
    assert.match(first, /Signed off by the harbour master on 4 May/);
    assert.match(first, /Crane three still needs a new cable/);
    assert.doesNotMatch(doc.text, /\bYes\b/);
    assert.doesNotMatch(first, /Second page/);
  });
});

describe("extractPdf", () => {
  let sample: ExtractedDocument;

  before(async () => {
    sample = ok(await extractPdf(read(SAMPLE), SAMPLE));
  });

  describe("the example PDF", () => {
    it("reads title, author and date from the Info dictionary; Producer is no publisher", () => {
      assert.equal(sample.title, "Pellow Harbour Board \u2014 Annual Review 2025");
      assert.equal(sample.author, "Pellow Harbour Board");
      assert.equal(sample.published, "2025-08-22");
      assert.equal(sample.publisher, undefined);
      assert.equal(sample.pageLabels, undefined);
      assert.equal(sample.url, undefined);
    });

    it("gives one page start per page, page 1 at 0, each page's text between its starts", () => {
      assert.equal(sample.pageStarts?.length, 4);
      assert.equal(sample.pageStarts?.[0], 0);
      const headings = ["Pellow Harbour Board \u2014 Annual Review 2025", "2. Ferry service", "3. Freight", "4. Outlook"];
      headings.forEach((heading, i) => {
        const page = pageText(sample, i);
        assert.ok(page.startsWith(heading), `page ${i + 1} starts with ${heading}: ${page.slice(0, 60)}`);
        headings.forEach((other, j) => {
          if (j !== i) assert.ok(!page.includes(other), `page ${i + 1} holds no heading of page ${j + 1}`);
        });
      });
      assert.ok(pageText(sample, 0).includes("1. Summary"));
      assert.ok(pageText(sample, 3).endsWith("for their work through a demanding year."));
    });

    it("separates paragraphs by exactly one blank line; no paragraph runs across a page", () => {
      const { text } = sample;
      assert.equal(text, text.trim());
      assert.ok(!/\n{3,}/.test(text), "never two blank lines");
      for (const paragraph of text.split("\n\n")) {
        assert.ok(paragraph.length > 0);
        assert.ok(!paragraph.includes("\n"), `a wrapped paragraph is one line: ${paragraph.slice(0, 60)}`);
        assert.equal(paragraph, paragraph.trim());
        assert.ok(!/ {2}/.test(paragraph), "single spaces between words");
      }
      // Every page starts a paragraph: right after a blank line.
      for (const start of sample.pageStarts!.slice(1)) assert.equal(text.slice(start - 2, start), "\n\n");
      // Title, subtitle, heading and four paragraphs; then a heading and four paragraphs a page.
      assert.deepEqual([0, 1, 2, 3].map((i) => pageText(sample, i).split("\n\n").length), [7, 5, 5, 5]);
    });

    it("finds the quotable sentence intact on page 2 and the freight figure on page 3", () => {
      const raw = Buffer.from(read(SAMPLE)).toString("latin1");
      // In the file, the sentence is wrapped over two lines: only extraction joins it.
      assert.ok(!raw.includes(QUOTE));
      assert.ok(pageText(sample, 1).includes(QUOTE));
      assert.ok(!pageText(sample, 0).includes(QUOTE) && !pageText(sample, 2).includes(QUOTE));
      assert.ok(pageText(sample, 1).includes("The board recorded 4,812 ferry crossings in the year"));
      assert.ok(pageText(sample, 2).includes(FREIGHT));
      assert.ok(!pageText(sample, 1).includes(FREIGHT));
    });

    it("joins a word split by a hyphen at a line end; keeps real hyphenated words", () => {
      const raw = Buffer.from(read(SAMPLE)).toString("latin1");
      assert.ok(raw.includes("harbour-)"), "the file splits harbourmaster at a line end");
      assert.ok(pageText(sample, 1).includes("in the view of the harbourmaster, from a new berthing routine"));
      assert.ok(pageText(sample, 2).includes("Two long-standing customers"));
    });

    it("gives the same result on a second call and leaves the caller's bytes alone", async () => {
      const bytes = read(SAMPLE);
      const copy = bytes.slice();
      const again = ok(await extractPdf(bytes, SAMPLE));
      assert.deepEqual(again, sample);
      assert.equal(bytes.byteLength, copy.byteLength);
      assert.deepEqual(bytes, copy);
      // A Node Buffer is a Uint8Array too.
      assert.deepEqual(ok(await extractPdf(fs.readFileSync(SAMPLE), SAMPLE)), sample);
    });
  });

  describe("three-pages.pdf", () => {
    let doc: ExtractedDocument;
    before(async () => {
      doc = ok(await extractPdf(read(path.join(FIXTURES, "three-pages.pdf")), "three-pages.pdf"));
    });

    it("gives the empty page 2 a start where page 3's text begins", () => {
      assert.equal(doc.pageStarts?.length, 3);
      assert.equal(doc.pageStarts![0], 0);
      assert.equal(doc.pageStarts![1], doc.pageStarts![2]);
      assert.equal(pageText(doc, 1), "");
      assert.equal(pageText(doc, 2), "Page three has one short paragraph.");
      assert.ok(pageText(doc, 0).startsWith("Alpha\n\nPage one opens here"));
    });

    it("returns the page labels and a custom Company as the publisher", () => {
      assert.deepEqual(doc.pageLabels, ["i", "1", "2"]);
      assert.equal(doc.title, "Three pages");
      assert.equal(doc.author, "Fixture Writer");
      assert.equal(doc.publisher, "Fixture Press");
      assert.equal(doc.published, "2024");
    });

    it("joins split words and keeps hyphens the document writes elsewhere or before a capital", () => {
      const paragraphs = pageText(doc, 0).split("\n\n");
      assert.deepEqual(paragraphs, [
        "Alpha",
        "Page one opens here and the harbourmaster signs the log each morning.",
        "A second paragraph keeps its year-on-year figure and its well-known hyphen in the middle of a line.",
        "The route runs North-East from the quay.",
        "Again the year-on-year figure holds.",
      ]);
    });
  });

  describe("encrypted PDFs", () => {
    it("a PDF that needs a password gives the encrypted error", async () => {
      const result = await extractPdf(read(path.join(FIXTURES, "encrypted.pdf")), "encrypted.pdf");
      assert.deepEqual(result, { error: "is an encrypted PDF; save an unencrypted copy" });
    });

    it("a PDF encrypted with an owner password only opens like any other (RC4 decrypted)", async () => {
      const plain = ok(await extractPdf(read(path.join(FIXTURES, "three-pages.pdf")), "three-pages.pdf"));
      const decrypted = ok(await extractPdf(read(path.join(FIXTURES, "encrypted-no-user-password.pdf")), "x.pdf"));
      assert.deepEqual(decrypted, plain);
    });
  });

  describe("unusable files", () => {
    it("a PDF without text (only a drawn rectangle) has no text layer", async () => {
      const result = await extractPdf(read(path.join(FIXTURES, "no-text.pdf")), "no-text.pdf");
      assert.deepEqual(result, { error: "has no text layer (a scanned PDF?); run OCR on it or save its text as a .md source" });
    });

    it("a broken PDF is not readable, with the first line of pdf.js's message", async () => {
      const result = await extractPdf(read(path.join(FIXTURES, "broken.pdf")), "broken.pdf");
      assert.ok("error" in result);
      assert.match(result.error, /^is not a readable PDF \([^\n]+\)$/);
      assert.equal(result.error, "is not a readable PDF (Invalid PDF structure.)");
    });

    it("garbage, an empty array, an HTML page and a truncated PDF never throw", async () => {
      const sampleBytes = read(SAMPLE);
      const inputs: Uint8Array[] = [
        new Uint8Array(0),
        new Uint8Array([0]),
        new Uint8Array(4096).map((_, i) => (i * 7919 + 13) & 0xff),
        new TextEncoder().encode("<!doctype html><p>Not a PDF at all.</p>"),
        new TextEncoder().encode("%PDF-1.4\n"),
        sampleBytes.slice(0, 900),
        sampleBytes.slice(0, sampleBytes.length - 40),
      ];
      for (const bytes of inputs) {
        const result = await extractPdf(bytes, "x.pdf");
        assert.ok(typeof result === "object" && result !== null);
        if ("error" in result) assert.match(result.error, /^(is not a readable PDF \(.+\)|has no text layer)/);
      }
      const empty = await extractPdf(new Uint8Array(0), "empty.pdf");
      assert.ok("error" in empty && empty.error.startsWith("is not a readable PDF ("), JSON.stringify(empty));
    });

    it("prints nothing on stdout or stderr, for good files and bad", async () => {
      const printed: string[] = [];
      const original = { out: process.stdout.write, err: process.stderr.write, log: console.log, warn: console.warn, error: console.error, info: console.info };
      const capture = (chunk: unknown): boolean => {
        printed.push(String(chunk));
        return true;
      };
      process.stdout.write = capture as typeof process.stdout.write;
      process.stderr.write = capture as typeof process.stderr.write;
      console.log = console.warn = console.error = console.info = (...args: unknown[]) => void printed.push(args.join(" "));
      try {
        for (const name of pdfFixtures()) await extractPdf(read(path.join(FIXTURES, name)), name);
        await extractPdf(read(SAMPLE), SAMPLE);
        await extractPdf(new Uint8Array(300).fill(65), "x.pdf");
      } finally {
        Object.assign(process.stdout, { write: original.out });
        Object.assign(process.stderr, { write: original.err });
        Object.assign(console, { log: original.log, warn: original.warn, error: original.error, info: original.info });
      }
      assert.deepEqual(printed, []);
    });
  });

  describe("paragraphs on a page set without space between them", () => {
    it("a short line ending a sentence, or an indented line after a sentence, starts a paragraph", async () => {
      const lines = [
        "72 770 Td (The quay was resurfaced in the spring and the work went well for the whole) Tj",
        "T* (of the season.) Tj",
        "T* (A second paragraph begins here without any space above it, as many reports) Tj",
        "T* (are set, and it runs over a few lines so that the page has enough body lines) Tj",
        "T* (to judge the width of a full line of text, and it ends on a full line too.) Tj",
        "ET BT /F1 10 Tf 13 TL 90 705 Td (An indented third paragraph follows and carries on) Tj",
        "-18 -13 Td (for a second line.) Tj",
      ];
      const content = `BT\n/F1 10 Tf 13 TL\n${lines.join("\n")}\nET\n`;
      const base64 = runScript(`m.buildPdf({ pages: [${JSON.stringify(content)}], info: {} }).toString("base64")`);
      const doc = ok(await extractPdf(new Uint8Array(Buffer.from(base64, "base64")), "set.pdf"));
      assert.deepEqual(doc.text.split("\n\n"), [
        "The quay was resurfaced in the spring and the work went well for the whole of the season.",
        "A second paragraph begins here without any space above it, as many reports are set, and it runs over a few lines so that the page has enough body lines to judge the width of a full line of text, and it ends on a full line too.",
        "An indented third paragraph follows and carries on for a second line.",
      ]);
      assert.deepEqual(doc.pageStarts, [0]);
    });
  });

  describe("pdfDate", () => {
    it("reads the date part of a PDF date as the file gives it", () => {
      assert.equal(pdfDate("D:20250822093000+01'00'"), "2025-08-22");
      assert.equal(pdfDate("D:20251231230000-08'00'"), "2025-12-31");
      assert.equal(pdfDate("20250822"), "2025-08-22");
      assert.equal(pdfDate("D:202508"), "2025-08");
      assert.equal(pdfDate("D:2024"), "2024");
      assert.equal(pdfDate("D:20241399"), "2024");
      assert.equal(pdfDate("yesterday"), undefined);
      assert.equal(pdfDate(undefined), undefined);
    });
  });
});

describe("scripts/make-sample-pdf.mjs", () => {
  it("is deterministic: the same bytes on every run, equal to the files in the working tree", function () {
    this.timeout(30000);
    const expression = `JSON.stringify({ sample: m.samplePdf().toString("base64"), fixtures: Object.fromEntries(Object.entries(m.fixturePdfs()).map(([k, v]) => [k, v.toString("base64")])) })`;
    const first = runScript(expression);
    const second = runScript(expression);
    assert.equal(first, second);
    const { sample, fixtures } = JSON.parse(first) as { sample: string; fixtures: Record<string, string> };
    assert.ok(Buffer.from(sample, "base64").equals(fs.readFileSync(SAMPLE)), "examples/sources/pellow-harbour-review.pdf is up to date");
    assert.deepEqual(Object.keys(fixtures).sort(), pdfFixtures());
    for (const [name, bytes] of Object.entries(fixtures)) {
      assert.ok(Buffer.from(bytes, "base64").equals(fs.readFileSync(path.join(FIXTURES, name))), `${name} is up to date`);
    }
  });

  it("writes a well-formed xref table: every offset points at its object", () => {
    const raw = fs.readFileSync(SAMPLE).toString("latin1");
    const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(raw)?.[1]);
    assert.ok(raw.startsWith("xref\n", startxref));
    const table = raw.slice(startxref).split("\n");
    const count = Number(table[1].split(" ")[1]);
    assert.equal(table[2], "0000000000 65535 f ");
    for (let num = 1; num < count; num++) {
      const entry = table[2 + num];
      assert.match(entry, /^\d{10} 00000 n $/);
      assert.ok(raw.startsWith(`${num} 0 obj\n`, Number(entry.slice(0, 10))), `object ${num}`);
    }
  });
});
