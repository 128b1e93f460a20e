#!/usr/bin/env node
/**
 * Writes the example PDF source `examples/sources/pellow-harbour-review.pdf` (a fictional annual
 * review) and, with `--fixtures`, the PDF test fixtures in `test/fixtures/extract/`.
 *
 * No dependencies: the PDF 1.4 file format is written by hand (catalog, pages tree, one
 * uncompressed content stream per page in the standard Type1 fonts Helvetica and
 * Helvetica-Bold with WinAnsiEncoding, an Info dictionary, an xref table with exact byte
 * offsets). The output is deterministic: the same bytes on every run (fixed dates and IDs).
 *
 *   node scripts/make-sample-pdf.mjs              # the example only
 *   node scripts/make-sample-pdf.mjs --fixtures   # the example and the test fixtures
 *
 * The builders are exported (`samplePdf`, `fixturePdfs`, `buildPdf`) for the unit tests.
 */
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

// ---------------------------------------------------------------------------------------------
// Strings and encodings

/** Unicode characters outside Latin-1 that WinAnsiEncoding has, with their codes. */
const WIN_ANSI_EXTRA = new Map([
  ["\u20ac", 0x80], ["\u201a", 0x82], ["\u0192", 0x83], ["\u201e", 0x84], ["\u2026", 0x85],
  ["\u2020", 0x86], ["\u2021", 0x87], ["\u02c6", 0x88], ["\u2030", 0x89], ["\u0160", 0x8a],
  ["\u2039", 0x8b], ["\u0152", 0x8c], ["\u017d", 0x8e], ["\u2018", 0x91], ["\u2019", 0x92],
  ["\u201c", 0x93], ["\u201d", 0x94], ["\u2022", 0x95], ["\u2013", 0x96], ["\u2014", 0x97],
  ["\u02dc", 0x98], ["\u2122", 0x99], ["\u0161", 0x9a], ["\u203a", 0x9b], ["\u0153", 0x9c],
  ["\u017e", 0x9e], ["\u0178", 0x9f],
]);

/** Text as WinAnsiEncoding bytes (throws on a character the encoding lacks). */
function winAnsi(text) {
  const out = [];
  for (const ch of text) {
    const code = ch.codePointAt(0);
    if (WIN_ANSI_EXTRA.has(ch)) out.push(WIN_ANSI_EXTRA.get(ch));
    else if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) out.push(code);
    else throw new Error(`no WinAnsiEncoding code for U+${code.toString(16)}`);
  }
  return out;
}

/** A literal string operand for a content stream: `(...)` with escapes, ASCII only. */
function literal(bytes) {
  let s = "(";
  for (const b of bytes) {
    if (b === 0x28 || b === 0x29 || b === 0x5c) s += "\\" + String.fromCharCode(b);
    else if (b < 0x20 || b > 0x7e) s += "\\" + b.toString(8).padStart(3, "0");
    else s += String.fromCharCode(b);
  }
  return s + ")";
}

/** A text string (Info dictionary) as bytes: PDFDocEncoding when ASCII, else UTF-16BE with BOM. */
function textStringBytes(text) {
  if (/^[\x20-\x7e]*$/.test(text)) return Buffer.from(text, "latin1");
  const units = [0xfe, 0xff];
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i);
    units.push(u >> 8, u & 0xff);
  }
  return Buffer.from(units);
}

const hex = (bytes) => "<" + Buffer.from(bytes).toString("hex").toUpperCase() + ">";

// ---------------------------------------------------------------------------------------------
// Standard security handler, RC4 40-bit (PDF 1.4 / ISO 32000-1 section 7.6.3, revision 2)

const PASSWORD_PAD = Buffer.from("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A", "hex");

function rc4(key, data) {
  const s = Array.from({ length: 256 }, (_, i) => i);
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i] + key[i % key.length]) & 0xff;
    [s[i], s[j]] = [s[j], s[i]];
  }
  const out = Buffer.alloc(data.length);
  for (let n = 0, i = 0, j = 0; n < data.length; n++) {
    i = (i + 1) & 0xff;
    j = (j + s[i]) & 0xff;
    [s[i], s[j]] = [s[j], s[i]];
    out[n] = data[n] ^ s[(s[i] + s[j]) & 0xff];
  }
  return out;
}

const md5 = (...parts) => createHash("md5").update(Buffer.concat(parts.map((p) => Buffer.from(p)))).digest();
const padPassword = (pw) => Buffer.concat([Buffer.from(pw, "latin1"), PASSWORD_PAD]).subarray(0, 32);

/** The /Encrypt values and the file key for a user and an owner password (algorithms 2, 3, 4). */
function securityHandler(userPassword, ownerPassword, fileId) {
  const permissions = -4; // every permission granted; the reserved low bits are 0
  const ownerKey = md5(padPassword(ownerPassword || userPassword)).subarray(0, 5);
  const O = rc4(ownerKey, padPassword(userPassword));
  const p = Buffer.alloc(4);
  p.writeInt32LE(permissions);
  const key = md5(padPassword(userPassword), O, p, fileId).subarray(0, 5);
  const U = rc4(key, PASSWORD_PAD);
  return { key, O, U, P: permissions };
}

/** RC4 for one object's strings and streams (algorithm 1). */
function objectCipher(fileKey, objNum) {
  if (!fileKey) return (bytes) => Buffer.from(bytes);
  const k = md5(fileKey, Buffer.from([objNum & 0xff, (objNum >> 8) & 0xff, (objNum >> 16) & 0xff, 0, 0]));
  return (bytes) => rc4(k.subarray(0, Math.min(fileKey.length + 5, 16)), Buffer.from(bytes));
}

// ---------------------------------------------------------------------------------------------
// The file format

/**
 * A PDF 1.4 file.
 * @param {object} doc
 * @param {string[]} doc.pages content stream of each page (operators, ASCII); "" for an empty page
 * @param {Record<string,string>} doc.info Info dictionary entries (text strings)
 * @param {string} [doc.pageLabels] the catalog's /PageLabels value, e.g. `<< /Nums [...] >>`
 * @param {{ user: string, owner: string }} [doc.encrypt] RC4 40-bit encryption with these passwords
 * @param {string[][]} [doc.annots] each page's annotation dictionaries (form fields, notes), written as they are
 * @returns {Buffer}
 */
export function buildPdf({ pages, info, pageLabels, encrypt, annots }) {
  const fileId = md5("brief-author sample", JSON.stringify({ pages, info, pageLabels, encrypt, ...(annots ? { annots } : {}) }));
  const security = encrypt ? securityHandler(encrypt.user, encrypt.owner, fileId) : undefined;

  // Object numbers: 1 catalog, 2 pages tree, 3 Helvetica, 4 Helvetica-Bold, 5 Info,
  // 6 Encrypt (when encrypted), then a page object and its content stream for each page.
  const firstPage = encrypt ? 7 : 6;
  const pageNum = (i) => firstPage + 2 * i;
  const objects = new Map();
  const kids = pages.map((_, i) => `${pageNum(i)} 0 R`).join(" ");
  objects.set(1, () => `<< /Type /Catalog /Pages 2 0 R${pageLabels ? ` /PageLabels ${pageLabels}` : ""} >>`);
  objects.set(2, () => `<< /Type /Pages /Kids [${kids}] /Count ${pages.length} >>`);
  objects.set(3, () => "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
  objects.set(4, () => "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>");
  objects.set(5, (num) => {
    const cipher = objectCipher(security?.key, num);
    const entries = Object.entries(info).map(([k, v]) => `/${k} ${hex(cipher(textStringBytes(v)))}`);
    return `<< ${entries.join(" ")} >>`;
  });
  if (security) {
    objects.set(6, () => `<< /Filter /Standard /V 1 /R 2 /Length 40 /O ${hex(security.O)} /U ${hex(security.U)} /P ${security.P} >>`);
  }
  pages.forEach((content, i) => {
    objects.set(pageNum(i), () =>
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${pageNum(i) + 1} 0 R${annots?.[i]?.length ? ` /Annots [${annots[i].join(" ")}]` : ""} >>`);
    objects.set(pageNum(i) + 1, (num) => {
      const data = objectCipher(security?.key, num)(Buffer.from(content, "latin1"));
      return Buffer.concat([Buffer.from(`<< /Length ${data.length} >>\nstream\n`, "latin1"), data, Buffer.from("\nendstream", "latin1")]);
    });
  });

  const chunks = [Buffer.from("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "latin1")];
  let length = chunks[0].length;
  const offsets = [];
  const count = Math.max(...objects.keys());
  for (let num = 1; num <= count; num++) {
    offsets[num] = length;
    const body = objects.get(num)(num);
    const chunk = Buffer.concat([Buffer.from(`${num} 0 obj\n`, "latin1"), Buffer.from(body, "latin1"), Buffer.from("\nendobj\n", "latin1")]);
    chunks.push(chunk);
    length += chunk.length;
  }
  let xref = `xref\n0 ${count + 1}\n0000000000 65535 f \n`;
  for (let num = 1; num <= count; num++) xref += `${String(offsets[num]).padStart(10, "0")} 00000 n \n`;
  const id = hex(fileId);
  xref += `trailer\n<< /Size ${count + 1} /Root 1 0 R /Info 5 0 R${security ? " /Encrypt 6 0 R" : ""} /ID [${id} ${id}] >>\nstartxref\n${length}\n%%EOF\n`;
  chunks.push(Buffer.from(xref, "latin1"));
  return Buffer.concat(chunks);
}

// ---------------------------------------------------------------------------------------------
// Layout: headings and paragraphs wrapped at ~90 characters, one blank line between paragraphs

const LEFT = 72;
const TOP = 770;
const WRAP = 90;

/**
 * Wraps a paragraph at `width` characters, breaking at spaces. A soft hyphen (U+00AD) marks a
 * place where a long word may be split with a hyphen at the line end; elsewhere it is dropped.
 */
export function wrap(text, width = WRAP) {
  const lines = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const plain = word.replaceAll("\u00ad", "");
    const candidate = line ? `${line} ${plain}` : plain;
    if (candidate.length <= width || !line) {
      line = candidate;
      continue;
    }
    // Split at the last soft hyphen whose first part still fits on this line.
    const parts = word.split("\u00ad");
    let split = -1;
    for (let k = parts.length - 1; k >= 1; k--) {
      if (`${line} ${parts.slice(0, k).join("")}-`.length <= width) {
        split = k;
        break;
      }
    }
    if (split > 0) {
      lines.push(`${line} ${parts.slice(0, split).join("")}-`);
      line = parts.slice(split).join("");
    } else {
      lines.push(line);
      line = plain;
    }
  }
  if (line) lines.push(line);
  return lines;
}

const STYLES = {
  title: { font: "F2", size: 18, leading: 22 },
  subtitle: { font: "F1", size: 11, leading: 14 },
  heading: { font: "F2", size: 13, leading: 16 },
  body: { font: "F1", size: 10, leading: 13 },
};

/**
 * One page's content stream: blocks of `{ style, text }` (wrapped here) or `{ style, lines }`
 * (lines as given). Lines of a block are `T*` apart; blocks are one empty line apart.
 */
export function pageContent(blocks) {
  if (blocks.length === 0) return "";
  const ops = ["BT"];
  let current;
  blocks.forEach((block, b) => {
    const style = STYLES[block.style];
    const lines = block.lines ?? wrap(block.text);
    if (current !== style) ops.push(`/${style.font} ${style.size} Tf ${style.leading} TL`);
    if (b === 0) ops.push(`${LEFT} ${TOP} Td`);
    else if (current === style) ops.push("T* T*");
    else ops.push(`0 -${current.leading + style.leading} Td`);
    current = style;
    lines.forEach((line, i) => {
      if (i > 0) ops.push("T*");
      ops.push(`${literal(winAnsi(line))} Tj`);
    });
  });
  ops.push("ET");
  return ops.join("\n") + "\n";
}

// ---------------------------------------------------------------------------------------------
// The example: a fictional harbour board's annual review (all names and figures invented)

const SAMPLE_PAGES = [
  [
    { style: "title", text: "Pellow Harbour Board \u2014 Annual Review 2025" },
    { style: "subtitle", text: "A report to harbour users, tenants and the town council on the twelve months to 30 June 2025." },
    { style: "heading", text: "1. Summary" },
    { style: "body", text: "The Pellow Harbour Board looks after the inner and outer basins, the ferry slipway, the north and south berths and the fish quay. This review sets out what the board did in the year, what it spent, and what it expects to face next." },
    { style: "body", text: "It was a year of two halves. The ferry service ran more often than in any year since the board began keeping records, while freight through the south berth slowed as two regular shippers moved part of their trade to larger ports along the coast." },
    { style: "body", text: "The board closed the year with an operating surplus of 146,000 pounds, down from 203,000 pounds the year before. Reserves stand at 1.9 million pounds, which the board considers enough to start the dredging programme it is weighing for 2026 without new borrowing." },
    { style: "body", text: "Sections two to four cover the ferry service, freight and the outlook in turn. Figures are for the review year unless the text says otherwise." },
  ],
  [
    { style: "heading", text: "2. Ferry service" },
    { style: "body", text: "The board recorded 4,812 ferry crossings in the year, up from 4,377 the year before. Most of the increase came from the extra summer sailings added in July and August, when the second vessel, the Marram, ran a shuttle between the slipway and Tolvan Point every ninety minutes." },
    { style: "body", text: "Passenger numbers rose by 9 percent to 212,400. Vehicle bookings were flat at 31,050, held back by the closure of the north berth for repairs early in the season. Repairs to the north berth were finished on 19 August, eleven days ahead of plan. The work replaced the timber fendering, renewed two of the four mooring bollards and rebuilt the lower part of the access ramp; it cost 388,000 pounds against a budget of 410,000 pounds." },
    { style: "body", text: "Punctuality improved: 96.2 percent of crossings left within five minutes of the timetable, against 93.8 percent a year earlier. Most of the gain came, in the view of the harbour\u00admaster, from a new berthing routine brought in during the spring." },
    { style: "body", text: "Eleven crossings were cancelled because of the weather, all of them between November and February." },
  ],
  [
    { style: "heading", text: "3. Freight" },
    { style: "body", text: "Freight volumes fell by 12 percent to 318,000 tonnes. Bulk aggregates, which make up about half of the tonnage, held up well; the fall came almost entirely from timber and animal feed." },
    { style: "body", text: "Two long-standing customers moved part of their trade elsewhere during the winter. Both pointed to the depth limit at the south berth, where vessels above 4,500 tonnes can only come alongside on the higher tides." },
    { style: "body", text: "Freight income fell less than volume, by 7 percent to 1.24 million pounds, because the revised tariff took effect in January. Storage income on the quay rose slightly as tenants kept stock on site for longer." },
    { style: "body", text: "The harbour handled 412 commercial vessel calls, compared with 455 the year before." },
  ],
  [
    { style: "heading", text: "4. Outlook" },
    { style: "body", text: "The board expects demand for the ferry to keep growing, if more slowly, and has asked the operator to plan for about 5,000 crossings in the coming year." },
    { style: "body", text: "The most pressing question is the south berth. Dredging it deep enough for larger vessels to call at any state of the tide is estimated to cost 2.6 million pounds. The board intends to consult harbour users on the scheme over the autumn and to decide at its March meeting." },
    { style: "body", text: "Other priorities for the year are new lighting on the fish quay, a review of mooring charges and a maintenance plan for the breakwater." },
    { style: "body", text: "The board thanks its staff, the ferry crews and the pilots for their work through a demanding year." },
  ],
];

/** The example PDF's bytes. */
export function samplePdf() {
  return buildPdf({
    pages: SAMPLE_PAGES.map(pageContent),
    info: {
      Title: "Pellow Harbour Board \u2014 Annual Review 2025",
      Author: "Pellow Harbour Board",
      Producer: "brief-author scripts/make-sample-pdf.mjs",
      CreationDate: "D:20250822093000+01'00'",
    },
  });
}

// ---------------------------------------------------------------------------------------------
// Test fixtures

const THREE_PAGES = [
  [
    { style: "heading", text: "Alpha" },
    { style: "body", lines: ["Page one opens here and the harbour-", "master signs the log each morning."] },
    { style: "body", lines: ["A second paragraph keeps its year-on-year figure and its well-known", "hyphen in the middle of a line."] },
    { style: "body", lines: ["The route runs North-", "East from the quay."] },
    { style: "body", lines: ["Again the year-on-", "year figure holds."] },
  ],
  [],
  [{ style: "body", lines: ["Page three has one short paragraph."] }],
];

/** The fixtures' bytes, by file name. */
export function fixturePdfs() {
  const threePages = {
    pages: THREE_PAGES.map(pageContent),
    info: { Title: "Three pages", Author: "Fixture Writer", Company: "Fixture Press", CreationDate: "D:2024" },
    pageLabels: "<< /Nums [0 << /S /r >> 1 << /S /D >>] >>",
  };
  const rectangle = "0.5 w\n72 600 200 100 re\nS\n";
  // Garbage after a PDF header: deterministic bytes from a hash chain, cut short.
  let garbage = Buffer.alloc(0);
  for (let i = 0; garbage.length < 600; i++) garbage = Buffer.concat([garbage, md5(`broken ${i}`)]);
  return {
    "three-pages.pdf": buildPdf(threePages),
    "no-text.pdf": buildPdf({ pages: [rectangle], info: { Title: "A drawing" } }),
    "broken.pdf": Buffer.concat([Buffer.from("%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Ty", "latin1"), garbage]),
    // Needs the user password "pellow" to open.
    "encrypted.pdf": buildPdf({ ...threePages, encrypt: { user: "pellow", owner: "harbour" } }),
    // Encrypted with an owner password only: opens without a password, like many published PDFs.
    "encrypted-no-user-password.pdf": buildPdf({ ...threePages, encrypt: { user: "", owner: "harbour" } }),
  };
}

// ---------------------------------------------------------------------------------------------

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");

function write(file, bytes) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, bytes);
  console.log(`${path.relative(root, file)} (${bytes.length} bytes)`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  write(path.join(root, "examples", "sources", "pellow-harbour-review.pdf"), samplePdf());
  if (process.argv.includes("--fixtures")) {
    for (const [name, bytes] of Object.entries(fixturePdfs())) write(path.join(root, "test", "fixtures", "extract", name), bytes);
  }
}
