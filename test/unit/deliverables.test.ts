/**
 * From brief to deliverable: export through the real Pandoc (docx, html, odt; pdf's missing
 * engine), the CSL-JSON bibliography and the evidence report, through the CLI on a copy of the
 * demo workspace; the report opened in headless Chromium.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { inflateRawSync } from "node:zlib";
import { execFileSync } from "node:child_process";
import { runCli } from "./helpers";
import { cleanCslItem, cslDate, cslItemFor, cslNames } from "../../src/core/export/csl";
import { markdownForPandoc, sanitizePandocDoc, titleHeading, PandocOutputError } from "../../src/core/export/pandocInput";
import { escapeHtml } from "../../src/core/export/evidenceReport";
import { parseBrief } from "../../src/core/parse/brief";
import { readSource } from "../../src/core/sources/library";
import { parseCslJson } from "../../src/core/sources/bibliography";
import { extractPdf } from "../../src/node/extract/pdf";

const EXAMPLES = path.join(__dirname, "..", "..", "examples");
/** A 1×1 PNG. */
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

/** The demo's Valmora brief with `front` added to its front matter and `body` after it, as briefs/NAME. */
function variant(dir: string, name: string, front: string, body = ""): string {
  const text = fs.readFileSync(path.join(dir, "briefs", "valmora-strike-ends.brief.md"), "utf8").replace("author: R. Ostrander\n", `author: R. Ostrander\n${front}`) + body;
  fs.writeFileSync(path.join(dir, "briefs", name), text);
  return `briefs/${name}`;
}

function withConfig(dir: string, extra: Record<string, unknown>): void {
  const rc = JSON.parse(fs.readFileSync(path.join(dir, ".briefrc.json"), "utf8").replace(/^\s*\/\/.*$/gm, ""));
  fs.writeFileSync(path.join(dir, ".briefrc.json"), JSON.stringify({ ...rc, ...extra }));
}

function pandocOnPath(): string {
  try {
    return execFileSync("pandoc", ["--version"], { encoding: "utf8" }).split("\n")[0];
  } catch {
    throw new Error("Pandoc is needed by these tests and is not on PATH: npm test installs it (sudo apt-get install pandoc)");
  }
}

/** A copy of the demo workspace in a temporary folder. */
function demo(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "brief-export-"));
  fs.cpSync(EXAMPLES, dir, { recursive: true });
  return dir;
}

/** One file of a zip archive (a .docx or .odt): read through its central directory, stored or deflated. */
function unzipEntry(file: string, name: string): string {
  const buf = fs.readFileSync(file);
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  assert.ok(eocd >= 0, `${file} is not a zip archive`);
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    const method = buf.readUInt16LE(at + 10);
    const size = buf.readUInt32LE(at + 20);
    const nameLength = buf.readUInt16LE(at + 28);
    const extra = buf.readUInt16LE(at + 30);
    const comment = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const entryName = buf.toString("utf8", at + 46, at + 46 + nameLength);
    if (entryName === name) {
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const data = buf.subarray(start, start + size);
      return (method === 0 ? data : inflateRawSync(data)).toString("utf8");
    }
    at += 46 + nameLength + extra + comment;
  }
  throw new Error(`${name} is not in ${file}`);
}

const textOf = (xml: string) => xml.replace(/<[^>]+>/g, "").replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&#39;|&apos;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/\s+/g, " ");

describe("export: CSL items from the library", () => {
  it("names: people split into given and family, organisations kept whole, several authors", () => {
    assert.deepEqual(cslNames("Mara Quill"), [{ family: "Quill", given: "Mara" }]);
    assert.deepEqual(cslNames("Quill, Mara"), [{ family: "Quill", given: "Mara" }]);
    assert.deepEqual(cslNames("Pellow Harbour Board"), [{ literal: "Pellow Harbour Board" }]);
    assert.deepEqual(cslNames("Kestrel Bay Shipping Council"), [{ literal: "Kestrel Bay Shipping Council" }]);
    assert.deepEqual(cslNames("Mara Quill and Ines J. Doran"), [{ family: "Quill", given: "Mara" }, { family: "Doran", given: "Ines J." }]);
    assert.deepEqual(cslNames("Mara Quill, Ines Doran"), [{ family: "Quill", given: "Mara" }, { family: "Doran", given: "Ines" }]);
    assert.deepEqual(cslNames("staff"), [{ literal: "staff" }]);
    assert.equal(cslNames("  "), undefined);
  });

  it("dates: ISO dates to date-parts, a time dropped, anything else a literal", () => {
    assert.deepEqual(cslDate("2026-03-14"), { "date-parts": [[2026, 3, 14]] });
    assert.deepEqual(cslDate("2025-06"), { "date-parts": [[2025, 6]] });
    assert.deepEqual(cslDate("2025-08-22T09:30:00Z"), { "date-parts": [[2025, 8, 22]] });
    assert.deepEqual(cslDate("spring 2025"), { literal: "spring 2025" });
  });

  it("a captured source: webpage with its site as container, issued, accessed from retrieved, URL", () => {
    const e = readSource("/w/sources/notice.md", "---\nid: notice\ntitle: Port notice\nurl: https://example.org/n\npublisher: Valmora Port Authority\nauthor: Ines Doran\npublished: 2026-03-14\nretrieved: 2026-03-15\n---\n\nText.\n");
    assert.deepEqual(cslItemFor("notice", e), {
      id: "notice",
      type: "webpage",
      title: "Port notice",
      author: [{ family: "Doran", given: "Ines" }],
      "container-title": "Valmora Port Authority",
      issued: { "date-parts": [[2026, 3, 14]] },
      accessed: { "date-parts": [[2026, 3, 15]] },
      URL: "https://example.org/n",
    });
    // Without a URL a source is a document with its publisher; a javascript: URL is never passed on.
    const plain = readSource("/w/sources/memo.md", "---\ntitle: Memo\npublisher: Board\nurl: javascript:alert(1)\n---\n\nText.\n");
    assert.equal(cslItemFor("memo", plain).URL, undefined);
    const report = readSource("/w/sources/r.md", "---\ntitle: Review\npublisher: Board\ntype: report\n---\n\nText.\n");
    assert.deepEqual(cslItemFor("r", report), { id: "r", type: "report", title: "Review", publisher: "Board" });
  });

  it("a bibliography entry keeps its own item (JSON values only, no file field, its key as id)", () => {
    const parsed = parseCslJson(JSON.stringify([{ id: "quay-history", type: "book", title: "Stones and Tides", author: [{ family: "Harrow", given: "Edda" }], file: "/home/me/q.pdf", note: "n", custom: { a: [1, 2] } }]));
    const csl = parsed.cslItems!.get("quay-history")!;
    assert.equal(csl.file, undefined);
    assert.deepEqual(csl.author, [{ family: "Harrow", given: "Edda" }]);
    const item = cslItemFor("quay-history", { key: "quay-history", path: "/w/b.json", kind: "bibliography", title: "x", text: "", bodyOffset: 0, passages: [], csl });
    assert.equal(item.type, "book");
    assert.equal(item.title, "Stones and Tides");
  });

  it("cleanCslItem: drops what is not JSON, deep nesting and prototype keys; linear on a deep value", () => {
    let deep: unknown = "x";
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const out = cleanCslItem(JSON.parse(`{"id":"a","title":"T","__proto__":{"polluted":true},"when":1e999}`) as Record<string, unknown>)!;
    assert.deepEqual(Object.keys(out).sort(), ["id", "title"]);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    const nested = cleanCslItem({ id: "a", deep, fn: () => 1, date: new Date() } as unknown as Record<string, unknown>)!;
    assert.equal(nested.fn, undefined);
    assert.equal(nested.date, undefined);
  });
});

describe("export: what Pandoc is given and what is taken back", () => {
  const brief = parseBrief("---\ntitle: T\n---\n\n# Title\n\n## Description\n\nA claim [@freight].\n\n[@freight]: ../sources/f.md \"Freight\"\n", { sectionNames: ["Description"], markdownlint: false });

  it("reference lines are blanked (offsets kept); a lone opening H1 is the title", () => {
    const md = markdownForPandoc(brief);
    assert.equal(md.length, brief.text.length);
    assert.doesNotMatch(md, /\[@freight\]:/);
    assert.match(md, /A claim \[@freight\]\./);
    assert.equal(titleHeading(brief), true);
    const two = parseBrief("# One\n\n# Two\n", { sectionNames: [], markdownlint: false });
    assert.equal(titleHeading(two), false);
  });

  it("metadata naming files is removed; images go through the policy; raw content dropped when asked", () => {
    const doc = {
      "pandoc-api-version": [1, 22],
      meta: { bibliography: { t: "MetaString", c: "/etc/passwd" }, csl: { t: "MetaString", c: "http://x" }, title: { t: "MetaString", c: "T" } },
      blocks: [
        { t: "Para", c: [{ t: "Image", c: [["", [], []], [{ t: "Str", c: "alt" }], ["../../etc/shadow.png", ""]] }, { t: "Image", c: [["", [], []], [], ["ok.png", ""]] }] },
        { t: "RawBlock", c: ["latex", "\\input{/etc/passwd}"] },
      ],
    };
    const { doc: out, notes } = sanitizePandocDoc(doc, { image: (t) => (t === "ok.png" ? "/tmp/x/image-1.png" : undefined), dropRaw: (f) => f === "latex" });
    assert.deepEqual(Object.keys(out.meta as object), ["title"]);
    const para = (out.blocks as Array<{ t: string; c: unknown[] }>)[0].c as Array<{ t: string; c: unknown[] }>;
    assert.equal(para[0].t, "Span");
    assert.deepEqual((para[1].c[2] as string[])[0], "/tmp/x/image-1.png");
    assert.equal((out.blocks as Array<{ t: string }>)[1].t, "Null");
    assert.equal(notes.length, 4, notes.join("\n"));
  });

  it("Pandoc's output of the wrong shape is an error, never a crash; a document nested too deeply is refused, walked without recursion", () => {
    assert.throws(() => sanitizePandocDoc({ blocks: [] }, { image: () => undefined, dropRaw: () => false }), PandocOutputError);
    assert.throws(() => sanitizePandocDoc({ "pandoc-api-version": [1], meta: {}, blocks: [{ t: "Image", c: "x" }] }, { image: () => undefined, dropRaw: () => false }), PandocOutputError);
    let deep: unknown = { t: "Str", c: "x" };
    for (let i = 0; i < 200_000; i++) deep = { t: "Emph", c: [deep] };
    assert.throws(() => sanitizePandocDoc({ "pandoc-api-version": [1], meta: {}, blocks: [{ t: "Para", c: [deep] }] }, { image: () => undefined, dropRaw: () => false }), /nested too deeply to export/);
    let fine: unknown = { t: "Str", c: "x" };
    for (let i = 0; i < 50; i++) fine = { t: "Emph", c: [fine] };
    sanitizePandocDoc({ "pandoc-api-version": [1], meta: {}, blocks: [{ t: "Para", c: [fine] }] }, { image: () => undefined, dropRaw: () => false });
  });

  it("HTML escaping: markup, quotes and control characters", () => {
    assert.equal(escapeHtml(`<script>alert("x")</script> & 'y'\u0000`), "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;\uFFFD");
  });
});

describe("brief-author export (real Pandoc)", function () {
  this.timeout(120_000);
  before(() => pandocOnPath());

  it("docx: the demo brief's citations rendered by citeproc, the reference list with the cited titles, no raw [@key]", async () => {
    const dir = demo();
    const r = await runCli(["export", "briefs/valmora-strike-ends.brief.md", "--to", "docx", "-o", "valmora.docx"], dir);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /wrote valmora\.docx \(docx, \d+ bytes; 2 references from the library; Pandoc \d/);
    const text = textOf(unzipEntry(path.join(dir, "valmora.docx"), "word/document.xml"));
    assert.doesNotMatch(text, /\[@|@valmora|@kestrel/);
    assert.match(text, /Valmora dock strike ends after nineteen days/); // the title block
    assert.match(text, /R\. Ostrander/);
    assert.match(text, /\(“Port Authority Notice on the End of the Valmora Dock Strike” 2026\)/);
    assert.match(text, /References/);
    assert.match(text, /“Kestrel Bay Freight Index, March 2026 Edition\.” 2026\. Kestrel Bay Shipping Council\. March 14, 2026\. https:\/\/example\.org\/kestrel\/freight-index\/2026-03/);
    // The title heading is the document's title, not a heading again.
    assert.equal(text.split("Valmora dock strike ends after nineteen days").length - 1, 1);
  });

  it("html: bibliography entries keep their own metadata, a locator passes through, a reference line's title names its source", async () => {
    const dir = demo();
    const r = await runCli(["export", "briefs/pellow-ferry-returns.brief.md", "-o", "pellow.html", "--allow-errors"], dir);
    assert.equal(r.code, 0, r.err);
    const html = fs.readFileSync(path.join(dir, "pellow.html"), "utf8");
    const body = textOf(html.slice(html.indexOf("<body")));
    assert.doesNotMatch(body, /\[@|@pellow|@quay/);
    assert.match(body, /\(Pellow Harbour Board 2025a, 2\)/); // [@pellow-harbour-review, p. 2]
    assert.match(body, /Harrow, Edda, and Tomas van Lune\. 2019\. Stones and Tides: A History of the Pellow Quays\. Lantern Row Press\./);
    assert.match(body, /Quill, Mara\. 2025\. “Night Ferry Returns to the Pellow Crossing After Two Dry Summers\.” The Pellow Courier/);
    assert.match(body, /Dredging Plan for the Inner Basin/);
    const m = await runCli(["export", "briefs/missing-impact.brief.md", "-o", "missing.html", "--allow-errors"], dir);
    assert.equal(m.code, 0, m.err);
    const missing = textOf(fs.readFileSync(path.join(dir, "missing.html"), "utf8").split("<body")[1]);
    assert.doesNotMatch(missing, /\[@freight\]/);
    assert.match(missing, /“Kestrel Bay Freight Index\.” 2026/);
  });

  it("odt too; the default name is the brief's beside it; never over a file without --force (exit 2); a brief with errors needs --allow-errors (exit 1)", async () => {
    const dir = demo();
    const r = await runCli(["export", "briefs/valmora-strike-ends.brief.md", "--to", "odt"], dir);
    assert.equal(r.code, 0, r.err);
    const odt = path.join(dir, "briefs", "valmora-strike-ends.odt");
    assert.match(textOf(unzipEntry(odt, "content.xml")), /Kestrel Bay Shipping Council/);
    const before = fs.readFileSync(odt);
    const again = await runCli(["export", "briefs/valmora-strike-ends.brief.md", "--to", "odt"], dir);
    assert.equal(again.code, 2);
    assert.match(again.err, /briefs\/valmora-strike-ends\.odt exists; it is not overwritten \(give --force to replace it\)/);
    assert.deepEqual(fs.readFileSync(odt), before);
    assert.equal((await runCli(["export", "briefs/valmora-strike-ends.brief.md", "--to", "odt", "--force"], dir)).code, 0);
    fs.symlinkSync("/tmp/elsewhere.docx", path.join(dir, "link.docx"));
    const link = await runCli(["export", "briefs/valmora-strike-ends.brief.md", "-o", "link.docx", "--force"], dir);
    assert.equal(link.code, 2);
    assert.match(link.err, /symbolic link/);
    const errors = await runCli(["export", "briefs/pellow-ferry-returns.brief.md", "-o", "p.docx"], dir);
    assert.equal(errors.code, 1);
    assert.match(errors.err, /quote-mismatch/);
    assert.match(errors.err, /has 1 error; fix them, or give --allow-errors/);
    assert.equal(fs.existsSync(path.join(dir, "p.docx")), false);
  });

  it("what a brief cannot make Pandoc read: a front matter bibliography, an image outside the workspace; a dependent style is refused", async () => {
    const dir = demo();
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), "brief-outside-"));
    fs.writeFileSync(path.join(outside, "secret.png"), "SECRET-BYTES");
    fs.writeFileSync(path.join(outside, "secret.json"), JSON.stringify([{ id: "leak", type: "book", title: "LEAKED-TITLE" }]));
    fs.writeFileSync(path.join(dir, "inside.png"), PNG);
    const text = fs.readFileSync(path.join(dir, "briefs", "valmora-strike-ends.brief.md"), "utf8").replace("author: R. Ostrander\n", `author: R. Ostrander\nbibliography: ${path.join(outside, "secret.json")}\n`) + `\n![secret](${path.join(outside, "secret.png")}) ![ok](../inside.png) [@leak]\n`;
    fs.writeFileSync(path.join(dir, "briefs", "hostile.brief.md"), text);
    const r = await runCli(["export", "briefs/hostile.brief.md", "-o", "hostile.docx", "--allow-errors"], dir);
    assert.equal(r.code, 0, r.err);
    assert.match(r.err, /the front matter's "bibliography" is not used by the export/);
    assert.match(r.err, /the image .*secret\.png is left out: .*outside/);
    const docx = path.join(dir, "hostile.docx");
    const xml = unzipEntry(docx, "word/document.xml");
    assert.doesNotMatch(textOf(xml), /LEAKED-TITLE/);
    assert.doesNotMatch(fs.readFileSync(docx).toString("latin1"), /SECRET-BYTES/);
    assert.match(xml, /<a:blip /); // the image inside the workspace is embedded
    fs.writeFileSync(path.join(dir, "dependent.csl"), '<?xml version="1.0"?><style xmlns="http://purl.org/net/xbiblio/csl" version="1.0"><info><link rel="independent-parent" href="http://www.zotero.org/styles/apa"/></info></style>');
    const rc = JSON.parse(fs.readFileSync(path.join(dir, ".briefrc.json"), "utf8").replace(/^\s*\/\/.*$/gm, ""));
    fs.writeFileSync(path.join(dir, ".briefrc.json"), JSON.stringify({ ...rc, export: { csl: "dependent.csl" } }));
    const dep = await runCli(["export", "briefs/valmora-strike-ends.brief.md", "-o", "dep.docx"], dir);
    assert.equal(dep.code, 2);
    assert.match(dep.err, /export\.csl dependent\.csl is a dependent CSL style/);
    assert.equal(fs.existsSync(path.join(dir, "dep.docx")), false);
  });

  it("front matter can name no file, style, stylesheet, font or class for Pandoc: only the title block's keys are kept", async () => {
    const dir = demo();
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), "brief-outside-"));
    fs.writeFileSync(path.join(outside, "secret.txt"), "TOP-SECRET-TEXT");
    const brief = variant(dir, "meta.brief.md", `citation-style: ${outside}/secret.txt\ncss: http://127.0.0.1:9/evil.css\nfontfamily: image-1\ndocumentclass: ${outside}/evil\nheader-includes: '<script src="http://127.0.0.1:9/x.js"></script>'\nsubtitle: Kept as the subtitle\n`);
    const r = await runCli(["export", brief, "-o", "meta.html"], dir);
    assert.equal(r.code, 0, r.err);
    for (const k of ["citation-style", "css", "fontfamily", "documentclass", "header-includes"]) assert.match(r.err, new RegExp(`the front matter's "${k}" is not used by the export`));
    assert.doesNotMatch(r.err + r.out, /TOP-SECRET/);
    const html = fs.readFileSync(path.join(dir, "meta.html"), "utf8");
    assert.doesNotMatch(html, /127\.0\.0\.1|evil|<script/);
    assert.match(html, /Kept as the subtitle/);
  });

  it("images: each file read once, known by its bytes, linked from HTML beside the output; too many is refused; raw HTML that runs is left out of a page", async () => {
    const dir = demo();
    fs.writeFileSync(path.join(dir, "chart.png"), PNG);
    fs.writeFileSync(path.join(dir, "fake.png"), "not an image at all");
    const body = "\n![chart](../chart.png?1) ![again](../chart.png?2) ![fake](../fake.png) <sup>2</sup> <script>alert(1)</script> <img src=x onerror=alert(2)>\n";
    const brief = variant(dir, "images.brief.md", "", body);
    const r = await runCli(["export", brief, "-o", "out/images.docx"].map((a) => a), dir).catch((e) => e);
    assert.equal(r.code, 2, "the output's folder must exist"); // out/ does not exist yet
    fs.mkdirSync(path.join(dir, "out"));
    const docx = await runCli(["export", brief, "-o", "out/images.docx"], dir);
    assert.equal(docx.code, 0, docx.err);
    assert.match(docx.err, /the image \.\.\/fake\.png is left out: it is not a PNG, JPEG/);
    const media = unzipEntry(path.join(dir, "out", "images.docx"), "[Content_Types].xml");
    assert.match(media, /png/);
    const html = await runCli(["export", brief, "-o", "out/images.html"], dir);
    assert.equal(html.code, 0, html.err);
    const page = fs.readFileSync(path.join(dir, "out", "images.html"), "utf8");
    assert.match(page, /<img src="\.\.\/chart\.png" alt="chart"/);
    assert.doesNotMatch(page, /brief-author-export-|<script|onerror/);
    assert.match(page, /<sup>2<\/sup>/);
    const many = variant(dir, "many.brief.md", "", "\n" + Array.from({ length: 201 }, (_, i) => `![x](../chart.png?${i})`).join(" ") + "\n");
    const refused = await runCli(["export", many, "-o", "many.docx"], dir);
    assert.equal(refused.code, 2);
    assert.match(refused.err, /the brief has 201 images; an export takes at most 200/);
  });

  it("a brief nested too deeply is refused with a reason (no crash); a brief linking out of the workspace is not read", async () => {
    const dir = demo();
    const deep = variant(dir, "deep.brief.md", "", "\n" + ">".repeat(5000) + " deep\n");
    const r = await runCli(["export", deep, "-o", "deep.docx"], dir);
    assert.equal(r.code, 2, r.err);
    assert.match(r.err, /nested too deeply to export/);
    assert.doesNotMatch(r.err, /internal error/);
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), "brief-outside-"));
    fs.writeFileSync(path.join(outside, "secret.md"), "# TOP-SECRET\n");
    fs.symlinkSync(path.join(outside, "secret.md"), path.join(dir, "briefs", "link.brief.md"));
    for (const args of [["export", "briefs/link.brief.md", "-o", "link.html"], ["report", "briefs/link.brief.md"]]) {
      const l = await runCli(args, dir);
      assert.equal(l.code, 2, args[0]);
      assert.match(l.err, /briefs\/link\.brief\.md is not read: .*outside/);
      assert.doesNotMatch(l.out, /TOP-SECRET/);
    }
  });

  it("a style written to slip past the dependent-style check, or declaring entities, is refused", async () => {
    const dir = demo();
    fs.writeFileSync(path.join(dir, "dep.csl"), '<?xml version="1.0"?><style xmlns="http://purl.org/net/xbiblio/csl" version="1.0"><info><link href="http://127.0.0.1:9/parent.csl" rel="independent&#45;parent"/></info></style>');
    withConfig(dir, { export: { csl: "dep.csl" } });
    const dep = await runCli(["export", "briefs/valmora-strike-ends.brief.md", "-o", "dep.docx"], dir);
    assert.equal(dep.code, 2);
    assert.match(dep.err, /dependent CSL style/);
    fs.writeFileSync(path.join(dir, "ent.csl"), '<?xml version="1.0"?><!DOCTYPE style [<!ENTITY x SYSTEM "file:///etc/passwd">]><style xmlns="http://purl.org/net/xbiblio/csl" version="1.0">&x;</style>');
    withConfig(dir, { export: { csl: "ent.csl" } });
    const ent = await runCli(["export", "briefs/valmora-strike-ends.brief.md", "-o", "ent.docx"], dir);
    assert.equal(ent.code, 2);
    assert.match(ent.err, /declares a DOCTYPE or entities/);
  });

  it("a CSL style and a reference document from the config are used", async () => {
    const dir = demo();
    // A minimal numeric style of our own: "[1]" in the text, "1. Title" in the list.
    fs.writeFileSync(path.join(dir, "numeric.csl"), `<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Numbered test style</title><id>numbered-test</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation><layout prefix="[" suffix="]" delimiter=","><text variable="citation-number"/></layout></citation>
  <bibliography><layout><text variable="citation-number" suffix=". "/><text variable="title"/></layout></bibliography>
</style>
`);
    const rc = JSON.parse(fs.readFileSync(path.join(dir, ".briefrc.json"), "utf8").replace(/^\s*\/\/.*$/gm, ""));
    fs.writeFileSync(path.join(dir, ".briefrc.json"), JSON.stringify({ ...rc, export: { csl: "numeric.csl" } }));
    const r = await runCli(["export", "briefs/valmora-strike-ends.brief.md", "-o", "n.html"], dir);
    assert.equal(r.code, 0, r.err);
    const body = textOf(fs.readFileSync(path.join(dir, "n.html"), "utf8").split("<body")[1]);
    assert.match(body, /announced \[1\]/);
    assert.match(body, /2\. Kestrel Bay freight index, March 2026 edition/);
  });

  it("pdf through the engine Pandoc finds (where one is installed): citations and references in the PDF's text", async function () {
    const engines = ["pdflatex", "xelatex", "lualatex", "tectonic", "wkhtmltopdf", "weasyprint", "prince"];
    const engine = engines.find((e) => {
      try {
        execFileSync("sh", ["-c", `command -v ${e}`], { stdio: "ignore" });
        return true;
      } catch {
        return false;
      }
    });
    // npm test does not install a TeX distribution (hundreds of MB): without one the missing-engine test below holds.
    if (!engine) this.skip();
    const dir = demo();
    const r = await runCli(["export", "briefs/valmora-strike-ends.brief.md", "--to", "pdf", "-o", "v.pdf"], dir);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, new RegExp(`with ${engine}`));
    assert.equal(fs.readFileSync(path.join(dir, "v.pdf")).subarray(0, 5).toString("latin1"), "%PDF-");
    // Read back with brief-author's own PDF reader (pdf.js).
    const doc = await extractPdf(new Uint8Array(fs.readFileSync(path.join(dir, "v.pdf"))), path.join(dir, "v.pdf"));
    assert.ok("text" in doc, JSON.stringify(doc));
    const text = (doc as { text: string }).text.replace(/\s+/g, " ");
    assert.doesNotMatch(text, /\[@/);
    assert.match(text, /\(“Port Authority Notice on the End of the Valmora Dock Strike” 2026\)/);
    assert.match(text, /References “Kestrel Bay Freight Index, March 2026 Edition\.” 2026\. Kestrel Bay Shipping Council\./);
  });

  it("Pandoc missing or too old, and PDF without an engine: a clear message with what to install (exit 2)", async () => {
    const dir = demo();
    const missing = await runCli(["export", "briefs/valmora-strike-ends.brief.md", "--pandoc", "/nonexistent/pandoc"], dir);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /Pandoc was not found at \/nonexistent\/pandoc.*apt-get install pandoc/);
    const old = path.join(dir, "old-pandoc");
    fs.writeFileSync(old, "#!/bin/sh\necho 'pandoc 2.5'\n", { mode: 0o755 });
    const tooOld = await runCli(["export", "briefs/valmora-strike-ends.brief.md", "--pandoc", old], dir);
    assert.equal(tooOld.code, 2);
    assert.match(tooOld.err, /Pandoc 2\.5 at .* is too old: brief-author needs Pandoc 2\.11 or later/);
    // A PATH holding Pandoc and no PDF engine.
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), "brief-bin-"));
    fs.symlinkSync(execFileSync("sh", ["-c", "command -v pandoc"], { encoding: "utf8" }).trim(), path.join(bin, "pandoc"));
    const saved = process.env.PATH;
    process.env.PATH = bin;
    try {
      const pdf = await runCli(["export", "briefs/valmora-strike-ends.brief.md", "--to", "pdf"], dir);
      assert.equal(pdf.code, 2);
      assert.match(pdf.err, /PDF export needs a PDF engine Pandoc can drive, and none is on PATH \(tried pdflatex, xelatex, lualatex, tectonic, wkhtmltopdf, weasyprint, prince\)/);
      assert.equal(fs.existsSync(path.join(dir, "briefs", "valmora-strike-ends.pdf")), false);
    } finally {
      process.env.PATH = saved;
    }
  });
});

describe("brief-author bibliography", function () {
  this.timeout(60_000);
  it("CSL-JSON of the keys briefs cite (their bibliography items kept), or of the whole library; -o never over a file", async () => {
    const dir = demo();
    const r = await runCli(["bibliography", "briefs/pellow-ferry-returns.brief.md"], dir);
    assert.equal(r.code, 0, r.err);
    const items = JSON.parse(r.out) as Array<{ id: string; type: string; title: string }>;
    assert.deepEqual(items.map((i) => i.id), ["pellow-dredging-plan", "pellow-ferry-report", "pellow-harbour-review", "quay-history"]);
    assert.equal(items.find((i) => i.id === "quay-history")!.type, "book");
    assert.equal(items.find((i) => i.id === "pellow-ferry-report")!.title, "Night ferry returns to the Pellow crossing after two dry summers");
    const all = await runCli(["bibliography", "-o", "all.json"], dir);
    assert.equal(all.code, 0, all.err);
    const library = JSON.parse(fs.readFileSync(path.join(dir, "all.json"), "utf8")) as Array<{ id: string }>;
    for (const k of ["valmora-port-notice", "kestrel-freight-index", "quay-history", "mueller-tide-tables"]) assert.ok(library.some((i) => i.id === k), k);
    const again = await runCli(["bibliography", "-o", "all.json"], dir);
    assert.equal(again.code, 2);
    assert.match(again.err, /all\.json exists; it is not overwritten/);
  });
});

describe("brief-author report", function () {
  this.timeout(120_000);

  it("a list item's next line is the same item, and its claim one mark", async () => {
    const dir = demo();
    const brief = variant(dir, "list.brief.md", "", "\n## Notes\n\n- Dock workers at Valmora ended their strike on 14 March 2026\n  after nineteen days, the port authority announced [@valmora-port-notice].\n- A second item.\n");
    const r = await runCli(["report", brief], dir);
    assert.equal(r.code, 0, r.err);
    const html = r.out;
    const item = /<li><span class="claim v-\w+" data-verdict="\w+">Dock workers at Valmora ended their strike on 14 March 2026\n  after nineteen days, the port authority announced \[@valmora-port-notice\]\.<a class="tag"/;
    assert.match(html, item);
    assert.match(html, /<li>A second item\.<\/li>/);
  });

  it("a self-contained page: every claim marked, counts equal to check's claims, a hostile source shown as text, nothing fetched (headless Chromium)", async () => {
    const dir = demo();
    // A source and a brief holding markup and script.
    fs.writeFileSync(path.join(dir, "sources", "hostile-page.md"), `---\nid: hostile-page\ntitle: "<script>window.pwned=1</script>Hostile"\nurl: "javascript:alert(1)"\npublisher: "<img src=x onerror=alert(1)>"\n---\n\nThe council approved the <b>new</b> harbour budget <script>window.pwned=2</script> on Monday.\n`);
    const brief = fs.readFileSync(path.join(dir, "briefs", "valmora-strike-ends.brief.md"), "utf8").replace("## Impact", "The council approved the new harbour budget <script>window.pwned=3</script> on Monday [@hostile-page].\n\n## Impact");
    fs.writeFileSync(path.join(dir, "briefs", "hostile.brief.md"), brief);
    const check = await runCli(["check", "briefs/hostile.brief.md", "--format", "json"], dir);
    const claims = (JSON.parse(check.out) as { claims: Array<{ verdict: string; line: number }> }).claims;
    assert.ok(claims.length >= 4, check.out);
    const r = await runCli(["report", "briefs/hostile.brief.md", "-o", "report.html"], dir);
    assert.equal(r.code, 0, r.err);
    const html = fs.readFileSync(path.join(dir, "report.html"), "utf8");
    assert.doesNotMatch(html, /<script|<img|javascript:alert\(1\)"/i);
    assert.match(html, /&lt;script&gt;window\.pwned=1&lt;\/script&gt;Hostile/);

    const { chromium } = await import("playwright-core");
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
    try {
      const page = await browser.newPage();
      const requests: string[] = [];
      page.on("request", (req) => requests.push(req.url()));
      const url = `file://${path.join(dir, "report.html")}`;
      await page.goto(url);
      const seen = await page.evaluate(() => ({
        articles: [...document.querySelectorAll("article.evidence")].map((a) => a.getAttribute("data-verdict")),
        marked: new Set([...document.querySelectorAll("#brief span.claim a.tag")].map((a) => a.getAttribute("href"))).size,
        counts: Object.fromEntries([...document.querySelectorAll(".counts li")].map((li) => [li.getAttribute("data-verdict"), Number(li.getAttribute("data-count"))])),
        words: [...document.querySelectorAll(".counts li")].map((li) => li.textContent),
        scripts: document.scripts.length,
        pwned: (window as unknown as { pwned?: number }).pwned,
        text: document.body.innerText,
      }));
      const want = (v: string) => claims.filter((c) => c.verdict === v).length;
      assert.equal(seen.articles.length, claims.length);
      assert.equal(seen.marked, claims.length);
      assert.deepEqual(seen.counts, { confirmed: want("confirmed"), contradicted: want("contradicted"), unverified: want("unverified") });
      // A word beside every colour.
      for (const w of seen.words) assert.match(w!, /confirmed|contradicted|unverified/);
      assert.equal(seen.scripts, 0);
      assert.equal(seen.pwned, undefined);
      assert.match(seen.text, /<script>window\.pwned=1<\/script>Hostile/);
      assert.match(seen.text, /<script>window\.pwned=3<\/script>/);
      assert.deepEqual(requests, [url]);
    } finally {
      await browser.close();
    }
    const again = await runCli(["report", "briefs/hostile.brief.md", "-o", "report.html"], dir);
    assert.equal(again.code, 2);
  });
});
