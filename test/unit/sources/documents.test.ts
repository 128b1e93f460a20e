import * as assert from "node:assert/strict";
import { BriefService } from "../../../src/core/service";
import { MemoryFileSystem } from "../../../src/core/fs";
import type { ExtractedDocument, Extractors } from "../../../src/core/sources/extracted";
import { parsePageLocator, pageInRanges } from "../../../src/core/parse/locators";
import { extractedView } from "../../../src/core/features/extractedView";
import type { ExtractionCache } from "../../../src/core/sources/library";
import { FolderExtractionCache } from "../../../src/node/extractionCache";
import * as nodeFs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** A three-page "PDF" and a web page, as an extractor would return them (the real extractors have their own tests). */
const PAGES = [
  "Pellow Harbour Board\n\nAnnual review of the year.",
  "The board recorded 4,812 ferry crossings in the year.\n\nRepairs to the north berth were finished on 19 August, eleven days ahead of plan.",
  "Freight volumes fell by 12 percent to 318,000 tonnes.",
];
function pdfDoc(): ExtractedDocument {
  const pageStarts: number[] = [];
  let text = "";
  for (const p of PAGES) {
    if (text) text += "\n\n";
    pageStarts.push(text.length);
    text += p;
  }
  return { text, pageStarts, title: "Pellow Harbour Board Annual Review 2025", author: "Pellow Harbour Board", published: "2025-09-30" };
}
const HTML: ExtractedDocument = { text: "The ferry returned to the quay on Monday.\n\nIt will run 14 crossings a day.", title: "Ferry returns", publisher: "The Pellow Courier", url: "https://courier.pellow.example/2025/08/ferry-returns" };

function fakeExtractors(calls: string[]): Extractors {
  return {
    pdf: async (bytes) => (calls.push("pdf"), new TextDecoder().decode(bytes) === "%PDF broken" ? { error: "is not a readable PDF (bad xref)" } : pdfDoc()),
    html: async () => (calls.push("html"), HTML),
    bibtex: async () => ({ entries: [], problems: [] }),
  };
}

const brief = (body: string) => `---\ntitle: T\ndate: 2025-01-01\n---\n\n# T\n\n## Description\n\n${body}\n\n## Impact\n\nTrade resumes.\n`;

async function service(calls: string[] = [], cache?: ExtractionCache) {
  const fs = new MemoryFileSystem();
  fs.write("/ws/sources/harbour-review.pdf", "%PDF-1.4 fake");
  fs.write("/ws/sources/broken.pdf", "%PDF broken");
  fs.write("/ws/sources/ferry-page.html", "<html></html>");
  const s = new BriefService({ fs, root: "/ws", extractors: fakeExtractors(calls), extractionCache: cache });
  await s.initialize();
  return s;
}

const rulesAt = async (s: BriefService, body: string, rule: string) =>
  (await s.check("/ws/a.brief.md", brief(body))).problems.filter((p) => p.rule === rule);

describe("page locators", () => {
  it("reads Pandoc's page terms, lists and ranges, and nothing else", () => {
    assert.deepEqual(parsePageLocator("p. 12")?.ranges, [{ from: "12", to: "12" }]);
    assert.deepEqual(parsePageLocator("pp. 33-35")?.ranges, [{ from: "33", to: "35" }]);
    assert.deepEqual(parsePageLocator("pp. 123-9")?.ranges, [{ from: "123", to: "129" }]);
    assert.deepEqual(parsePageLocator("page 4")?.ranges, [{ from: "4", to: "4" }]);
    assert.deepEqual(parsePageLocator("pages 3, 7–9 and 12")?.ranges, [{ from: "3", to: "3" }, { from: "7", to: "9" }, { from: "12", to: "12" }]);
    assert.deepEqual(parsePageLocator("p. iv, emphasis added")?.ranges, [{ from: "iv", to: "iv" }]);
    assert.equal(parsePageLocator("chap. 2"), undefined);
    assert.equal(parsePageLocator("para. 4"), undefined);
    assert.equal(parsePageLocator(""), undefined);
    const l = parsePageLocator("pp. 33-35, fig. 2")!;
    assert.equal("pp. 33-35, fig. 2".slice(l.start, l.end), "pp. 33-35");
    assert.ok(pageInRanges(l.ranges, 34, "34"));
    assert.ok(!pageInRanges(l.ranges, 36, "36"));
  });
});

describe("web pages and PDFs as sources", () => {
  it("indexes extracted documents with their metadata, and PDF passages with their pages", async () => {
    const s = await service();
    const pdf = s.library.get("harbour-review")!;
    assert.equal(pdf.kind, "pdf");
    assert.equal(pdf.title, "Pellow Harbour Board Annual Review 2025");
    assert.deepEqual(pdf.passages.map((p) => p.page), [1, 1, 2, 2, 3]);
    const page = s.library.get("ferry-page")!;
    assert.equal(page.kind, "html");
    assert.equal(page.publisher, "The Pellow Courier");
    assert.equal(page.url, "https://courier.pellow.example/2025/08/ferry-returns");
  });

  it("a broken PDF is source-unreadable with the extractor's reason", async () => {
    const s = await service();
    const p = s.libraryProblems().find((x) => x.uri.endsWith("broken.pdf"));
    assert.ok(p && p.rule === "source-unreadable" && /not a readable PDF \(bad xref\)/.test(p.message), JSON.stringify(p));
  });

  it("checks quotes and figures against extracted text", async () => {
    const s = await service();
    assert.deepEqual(await rulesAt(s, 'The page says the ferry "returned to the quay on Monday" [@ferry-page].', "quote-mismatch"), []);
    assert.equal((await rulesAt(s, 'The page says the ferry "returned to the harbour on Monday" [@ferry-page].', "quote-mismatch")).length, 1);
    assert.equal((await rulesAt(s, "The ferry will run 16 crossings a day [@ferry-page].", "number-mismatch")).length, 1);
  });

  it("locator-mismatch: a quote or figure on another page than the one cited says which page holds it", async () => {
    const s = await service();
    assert.deepEqual(await rulesAt(s, 'Repairs "were finished on 19 August" [@harbour-review, p. 2].', "locator-mismatch"), []);
    assert.deepEqual(await rulesAt(s, 'Repairs "were finished on 19 August" [@harbour-review, pp. 1-3].', "locator-mismatch"), []);
    const wrong = await rulesAt(s, 'Repairs "were finished on 19 August" [@harbour-review, p. 3].', "locator-mismatch");
    assert.equal(wrong.length, 1);
    assert.match(wrong[0].message, /is on page 2 of @harbour-review, not on the cited p\. 3/);
    assert.equal(wrong[0].fixes?.[0].edits[0].newText, "p. 2");
    const fig = await rulesAt(s, "Freight fell by 12 percent [@harbour-review, page 1].", "locator-mismatch");
    assert.equal(fig.length, 1);
    assert.match(fig[0].message, /figure "12 percent" is on page 3/);
    // Not in the source at all: quote-mismatch's, not locator-mismatch's.
    assert.deepEqual(await rulesAt(s, 'Repairs "were abandoned in May" [@harbour-review, p. 3].', "locator-mismatch"), []);
    // No page locator, or not a PDF: nothing to check.
    assert.deepEqual(await rulesAt(s, 'Repairs "were finished on 19 August" [@harbour-review, chap. 3].', "locator-mismatch"), []);
    assert.deepEqual(await rulesAt(s, 'The ferry "returned to the quay on Monday" [@ferry-page, p. 4].', "locator-mismatch"), []);
  });

  it("extraction is cached by content hash: an unchanged file is not extracted again", async () => {
    const store = new Map<string, ExtractedDocument>();
    const cache: ExtractionCache = { get: async (h) => store.get(h), set: async (h, d) => void store.set(h, d) };
    const first: string[] = [];
    await service(first, cache);
    assert.deepEqual(first.sort(), ["html", "pdf", "pdf"]);
    const second: string[] = [];
    const s = await service(second, cache);
    assert.deepEqual(second, ["pdf"], "only the broken PDF (never cached) is extracted again");
    assert.ok(s.library.get("harbour-review"));
  });

  it("the read-only view puts a [page N] line before each page and maps passage lines onto it", async () => {
    const s = await service();
    const pdf = s.library.get("harbour-review")!;
    const view = extractedView(pdf);
    const lines = view.text.split("\n");
    for (const p of pdf.passages) assert.equal(lines[view.line(p.startLine)], p.text.split("\n")[0], p.text);
    assert.deepEqual(lines.filter((l) => /^\[page \d+\]$/.test(l)), ["[page 1]", "[page 2]", "[page 3]"]);
  });
});

describe("the extraction cache folder", () => {
  it("keeps documents by hash, ignores corrupt or foreign entries, and never throws on an unwritable folder", async () => {
    const dir = nodeFs.mkdtempSync(path.join(os.tmpdir(), "brief-extract-cache-"));
    try {
      const cache = new FolderExtractionCache(path.join(dir, "extracted"));
      assert.equal(await cache.get("pdf-1-abc"), undefined);
      await cache.set("pdf-1-abc", pdfDoc());
      assert.deepEqual(await cache.get("pdf-1-abc"), pdfDoc());
      nodeFs.writeFileSync(path.join(dir, "extracted", "pdf-1-bad.json"), "{ not json");
      assert.equal(await cache.get("pdf-1-bad"), undefined);
      nodeFs.writeFileSync(path.join(dir, "extracted", "pdf-1-odd.json"), JSON.stringify({ text: "ab", pageStarts: [0, 99] }));
      assert.equal(await cache.get("pdf-1-odd"), undefined, "page starts past the text");
      assert.equal(await cache.get("../../etc/passwd"), undefined, "hashes are names, never paths");
      nodeFs.writeFileSync(path.join(dir, "file"), "");
      await new FolderExtractionCache(path.join(dir, "file", "sub")).set("pdf-1-x", pdfDoc());
    } finally {
      nodeFs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
