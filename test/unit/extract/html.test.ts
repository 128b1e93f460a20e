import { cpuNow } from "../../support/cpuTime";
import * as assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { extractHtml } from "../../../src/node/extract/html";
import type { ExtractResult, ExtractedDocument } from "../../../src/core/sources/extracted";

const ROOT = path.resolve(__dirname, "../../..");
const EXAMPLE = path.join(ROOT, "examples/sources/pellow-ferry-report.html");
const FIXTURES = path.join(ROOT, "test/fixtures/extract");

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const fixture = (name: string): Uint8Array => readFileSync(path.join(FIXTURES, name));

function isError(r: ExtractResult): r is { error: string } {
  return typeof (r as { error?: unknown }).error === "string";
}

/** The document, failing the test with the extractor's error if there is one. */
function doc(r: ExtractResult): ExtractedDocument {
  if (isError(r)) assert.fail(`expected a document, got error: ${r.error}`);
  return r;
}

/** The text's shape: paragraphs split by exactly one blank line, no markup, no entities. */
function assertCleanText(text: string): void {
  assert.ok(text.length > 0, "text is empty");
  assert.equal(text, text.trim(), "text starts or ends with whitespace");
  assert.ok(!text.includes("\n\n\n"), "more than one blank line between paragraphs");
  assert.ok(!/<\/?[a-z!][^>]*>/i.test(text), "markup left in the text");
  assert.ok(!/&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);/i.test(text), "an HTML entity left in the text");
  assert.ok(!text.includes("\u00a0"), "a no-break space left in the text");
  assert.ok(!text.includes("\r"), "a carriage return left in the text");
  for (const paragraph of text.split("\n\n")) {
    assert.ok(paragraph.length > 0, "empty paragraph");
    for (const line of paragraph.split("\n")) {
      assert.equal(line, line.trim(), `line not trimmed: ${JSON.stringify(line)}`);
      assert.ok(line.length > 0, "empty line inside a paragraph");
      assert.ok(!/\s{2,}/.test(line), `whitespace not collapsed: ${JSON.stringify(line)}`);
    }
  }
}

/** A small deterministic PRNG (mulberry32). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("extractHtml", () => {
  describe("the example news page (pellow-ferry-report)", () => {
    let result: ExtractedDocument;
    let paragraphs: string[];

    before(async () => {
      result = doc(await extractHtml(readFileSync(EXAMPLE), EXAMPLE));
      paragraphs = result.text.split("\n\n");
    });

    it("reads title, author, publisher, date and canonical URL", () => {
      assert.equal(result.title, "Pellow ferry to resume 14 daily crossings after storm repairs");
      assert.equal(result.author, "Mara Quill");
      assert.equal(result.publisher, "The Pellow Courier");
      assert.equal(result.published, "2025-08-22T09:30:00Z");
      assert.equal(result.url, "https://courier.pellow.example/2025/08/ferry-returns");
      assert.equal(result.pageStarts, undefined);
    });

    it("keeps every article paragraph, whole and in order", () => {
      const expected = [
        "The ferry between Pellow quay and the island of Carrow Holm will return to a full timetable of 14 crossings a day from Monday, ending 38 days of disruption after the July storms tore away part of the landing stage.",
        "Engineers from the Pellow Harbour Trust replaced the wrecked pontoon, rebuilt two mooring posts and relaid the approach ramp. The trust said the work cost £2.3 million, paid from its reserve fund and an emergency grant from the county council.",
        "While the quay was closed, a single chartered launch carried islanders across at high water only, making four trips a day. Parents said the first crossing of the morning left too late for children to reach the secondary school in Pellow before lessons began.",
        "The new pontoon at Pellow quay, which sits half a metre higher than the one it replaces.",
        "Harbour master Ines Doran said the new stage had been built for heavier seas than the old one. “We have set the pontoon half a metre higher and anchored it to rock instead of silt, so the next storm should cost us a morning, not a month,” she said.",
        "Timetable from Monday",
        "The operator, Holm Link, said the first sailing on Monday would leave Pellow at 6.40am and the last return from Carrow Holm at 9.15pm. Season tickets bought before the storm will be extended by 38 days at no extra charge.",
        "The repairs were carried out by Tamsin Reed & Sons, the boatyard on the east slip, whose crews worked double shifts through the spring tides to finish before the autumn gales. The yard said 22 of its staff had worked on the quay.",
        "Traders on the island welcomed the news. The Carrow Holm stores, which relied on the launch for its deliveries, said it had lost about a fifth of its summer takings and had cut its opening to three days a week.",
        "The trust said it would publish a full account of the repair costs at its annual meeting in October, and that a survey of the outer breakwater, which the storms also struck, would begin next month.",
      ];
      let last = -1;
      for (const p of expected) {
        const at = paragraphs.indexOf(p);
        assert.ok(at >= 0, `paragraph missing or altered: ${p.slice(0, 60)}...`);
        assert.ok(at > last, `paragraph out of order: ${p.slice(0, 60)}...`);
        last = at;
      }
      // Nothing but the article: the kept paragraphs are exactly these.
      assert.deepEqual(paragraphs, expected);
    });

    it("keeps the figures and the harbour master's quotation as written", () => {
      for (const s of [
        "14 crossings a day",
        "£2.3 million",
        "38 days",
        "“We have set the pontoon half a metre higher and anchored it to rock instead of silt, so the next storm should cost us a morning, not a month,”",
      ]) {
        assert.ok(result.text.includes(s), `missing: ${s}`);
      }
    });

    it("leaves out navigation, cookie banner, share buttons, related articles, comments, newsletter and footer", () => {
      const furniture = [
        // site header and navigation
        "What's On", "Harbour & Shipping", "Subscribe from £1 a week", "Advertisement",
        // cookie banner
        "We use cookies", "Accept all cookies", "Manage cookie settings",
        // share buttons
        "Share on Facebook", "Share on X", "Share by email", "Copy link", "Share this story",
        // related articles
        "Related articles", "Storm closes Pellow quay", "Island launch chartered", "Questions raised over",
        // comments
        "Reader comments", "harbourwatcher", "About time too", "KeelAndQuay", "car deck", "Sign in to join",
        // newsletter
        "morning briefing", "in your inbox", "Email address", "Sign me up",
        // footer
        "About the Courier", "Contact the newsroom", "Privacy notice", "All rights reserved",
        // scripts and styles
        "courierAds", "position: fixed",
      ];
      for (const s of furniture) assert.ok(!result.text.includes(s), `page furniture in the text: ${s}`);
    });

    it("separates paragraphs by exactly one blank line, with no markup or entities left", () => {
      assertCleanText(result.text);
      assert.ok(!result.text.includes("&pound;") && !result.text.includes("&amp;") && !result.text.includes("&ldquo;"));
    });
  });

  describe("a page without an article", () => {
    it("falls back to the body's visible text without nav, header, footer or cookie notice", async () => {
      const r = doc(await extractHtml(fixture("no-article.html"), "no-article.html"));
      assert.equal(
        r.text,
        "Ferry timetable\n\nSailings resume on Monday 25 August.\n\nFirst departure from Pellow: 6.40am\nLast return from Carrow Holm: 9.15pm",
      );
      assert.equal(r.title, "Ferry timetable", "<title> loses its ' - Holm Link' suffix (the site name)");
      assert.equal(r.publisher, "Holm Link");
      assertCleanText(r.text);
    });

    it("reads a bare fragment without <html>/<body>", async () => {
      const r = doc(await extractHtml(utf8("<p>Only a fragment &amp; no skeleton</p>"), "f.html"));
      assert.equal(r.text, "Only a fragment & no skeleton");
    });

    it("skips script, style, form and hidden elements in the fallback", async () => {
      const html = `<html><head><style>p { color: red }</style></head><body>
        <script>var x = "<p>not text</p>";</script>
        <p>Visible line.</p>
        <p hidden>Hidden line.</p>
        <div style="display: none">Also hidden.</div>
        <form><label>Search the site</label></form>
        <ul><li>First item</li><li>Second <b>item</b></li></ul>
      </body></html>`;
      const r = doc(await extractHtml(utf8(html), "x.html"));
      assert.equal(r.text, "Visible line.\n\n- First item\n\n- Second item");
    });

    it("answers an error when no text is left at all", async () => {
      for (const html of [
        "",
        "   \n\t  ",
        "<html><head><title></title><script>var a = 1;</script></head><body><div></div><img src=x></body></html>",
      ]) {
        assert.deepEqual(await extractHtml(utf8(html), "empty.html"), { error: "holds no readable text" });
      }
    });
  });

  describe("character encodings", () => {
    it("decodes a windows-1252 page (é, £, curly quotes) declared by http-equiv", async () => {
      const bytes = fixture("latin1.html");
      assert.ok(bytes.includes(0xe9) && bytes.includes(0xa3) && bytes.includes(0x92), "fixture holds single-byte é, £ and ’");
      const r = doc(await extractHtml(bytes, "latin1.html"));
      assert.equal(r.title, "Le café du port");
      for (const s of ["Au café du port de Pellow", "£3 la tasse", "l’été", "“interminable”", "Émile Ronan", "réouverture"]) {
        assert.ok(r.text.includes(s), `missing: ${s}`);
      }
      assert.ok(!r.text.includes("\ufffd"), "replacement character in the text");
      assert.ok(!/[\u0080-\u009f]/.test(r.text), "C1 control character in the text");
    });

    it("honours <meta charset=iso-8859-1> and maps 0x80 to the euro sign", async () => {
      const head = utf8('<!DOCTYPE html><html><head><meta charset="ISO-8859-1"><title>Prix</title></head><body><p>Le ticket co');
      const bytes = new Uint8Array([...head, 0xfb, ...utf8("te 4 "), 0x80, ...utf8(".</p></body></html>")]);
      const r = doc(await extractHtml(bytes, "x.html"));
      assert.equal(r.text, "Le ticket coûte 4 €.");
    });

    it("honours a UTF-8 byte order mark and defaults to UTF-8", async () => {
      const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8("<html><body><p>Café à Pellow £5</p></body></html>")]);
      assert.equal(doc(await extractHtml(withBom, "bom.html")).text, "Café à Pellow £5");
      const plain = utf8("<html><body><p>Café à Pellow £5</p></body></html>");
      assert.equal(doc(await extractHtml(plain, "plain.html")).text, "Café à Pellow £5");
    });

    it("does not fail on invalid UTF-8 (non-fatal decoding)", async () => {
      const bytes = new Uint8Array([...utf8("<p>Bad "), 0xc3, 0x28, ...utf8(" byte</p>")]);
      const r = doc(await extractHtml(bytes, "bad.html"));
      assert.equal(r.text, "Bad \ufffd( byte");
    });

    it("refuses a file with NUL bytes near the start as binary", async () => {
      const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
      assert.deepEqual(await extractHtml(png, "image.html"), { error: "is a binary file, not a web page" });
      const nulInHtml = utf8("<html><body><p>text\u0000</p></body></html>");
      assert.deepEqual(await extractHtml(nulInHtml, "x.html"), { error: "is a binary file, not a web page" });
    });
  });

  describe("metadata", () => {
    it("ignores invalid JSON-LD and takes metadata from the other tags", async () => {
      const r = doc(await extractHtml(fixture("bad-jsonld.html"), "bad-jsonld.html"));
      assert.equal(r.title, "Breakwater survey to start in September");
      assert.equal(r.author, "Oren Vale");
      assert.equal(r.publisher, "The Pellow Courier");
      assert.equal(r.published, "2025-08-29");
      assert.equal(r.url, "https://courier.pellow.example/2025/08/breakwater-survey");
      assert.ok(r.text.startsWith("Divers will begin a survey of the outer breakwater"));
      assert.ok(!r.text.includes("Wrong"));
      assertCleanText(r.text);
    });

    const para = (n: number): string =>
      `<p>Paragraph ${n}: the harbour trust met on Thursday evening to agree the order of works on the outer breakwater, the slipway and the lighthouse steps, with each stage costed separately for the council.</p>`;

    it("reads JSON-LD @graph, prefers the article object, follows @id references and joins authors", async () => {
      const ld = JSON.stringify({
        "@context": "https://schema.org",
        "@graph": [
          { "@type": "WebPage", "@id": "#page", headline: "Not the article headline", datePublished: "1999-01-01" },
          { "@type": "Organization", "@id": "#org", name: "Carrow Holm Gazette" },
          { "@type": "Person", "@id": "#ada", name: "Ada Pike" },
          {
            "@type": ["ReportageNewsArticle"],
            headline: "Trust agrees order of harbour works &amp; costs",
            author: [{ "@id": "#ada" }, { "@type": "Person", name: "Ben Rowe" }, "Cai Lund"],
            publisher: { "@id": "#org" },
            datePublished: " 2025-09-04T18:00:00+01:00 ",
          },
        ],
      });
      const html = `<!DOCTYPE html><html><head><title>Harbour works | Gazette</title>
        <script type="application/ld+json">[${ld}]</script></head>
        <body><article>${para(1)}${para(2)}${para(3)}${para(4)}</article></body></html>`;
      const r = doc(await extractHtml(utf8(html), "x.html"));
      assert.equal(r.title, "Trust agrees order of harbour works & costs");
      assert.equal(r.author, "Ada Pike, Ben Rowe, Cai Lund");
      assert.equal(r.publisher, "Carrow Holm Gazette");
      assert.equal(r.published, "2025-09-04T18:00:00+01:00");
      assert.equal(r.url, undefined);
    });

    it("falls back to <title>, Readability's byline, <time datetime> and og:url; skips a URL article:author", async () => {
      const html = `<!DOCTYPE html><html><head>
        <title>Harbour works begin | Another Site</title>
        <meta property="og:site_name" content="The Pellow Courier">
        <meta property="og:url" content="https://courier.pellow.example/2025/09/works">
        <meta property="article:author" content="https://social.example/lena.marsh">
        </head><body><article>
        <h1>Harbour works begin</h1>
        <p class="byline">By Lena Marsh</p>
        <p><time datetime=" 2025-09-05 ">5 September</time></p>
        ${para(1)}${para(2)}${para(3)}${para(4)}
        </article></body></html>`;
      const r = doc(await extractHtml(utf8(html), "x.html"));
      assert.equal(r.title, "Harbour works begin | Another Site", "suffix kept: it is not the site name");
      assert.equal(r.author, "Lena Marsh");
      assert.equal(r.publisher, "The Pellow Courier");
      assert.equal(r.published, "2025-09-05");
      assert.equal(r.url, "https://courier.pellow.example/2025/09/works");
      assert.ok(r.text.includes("Paragraph 4:"));
    });

    it("prefers meta author over article:author and JSON-LD, and resolves a relative canonical link", async () => {
      const html = `<!DOCTYPE html><html><head>
        <title>Notice - The Pellow Courier</title>
        <meta name="author" content="Nell Ashby">
        <meta property="article:author" content="Someone Else">
        <meta property="og:site_name" content="The Pellow Courier">
        <meta property="og:url" content="https://courier.pellow.example/a?ref=x">
        <link rel="Canonical" href="/2025/09/notice">
        <script type="application/ld+json">{"@type":"NewsArticle","author":{"name":"Third Person"},"publisher":{"name":"Other"}}</script>
        </head><body><article>${para(1)}${para(2)}${para(3)}</article></body></html>`;
      const r = doc(await extractHtml(utf8(html), "x.html"));
      assert.equal(r.title, "Notice");
      assert.equal(r.author, "Nell Ashby");
      assert.equal(r.publisher, "The Pellow Courier");
      assert.equal(r.url, "https://courier.pellow.example/2025/09/notice");
    });
  });

  describe("text layout", () => {
    it("turns headings, list items, quotes, pre, captions and table rows into paragraphs", async () => {
      const long = "The crossing takes twenty minutes in calm water and about half an hour when the wind is against the tide in the narrows.";
      const html = `<!DOCTYPE html><html><body><article>
        <p>${long}</p>
        <h3>Fares  &amp;   tickets</h3>
        <ul><li>Adults: <strong>£4</strong></li><li><p>Children under 12: free</p></li></ul>
        <blockquote>“It is the  quickest way
          across,” said a regular.</blockquote>
        <pre>line one
  line two</pre>
        <figure><img src="a.jpg" alt="ferry"><figcaption>The ferry at the quay.</figcaption></figure>
        <table><tr><th>Day</th><th>Sailings</th></tr><tr><td>Monday</td><td>14</td></tr></table>
        <p>One line<br>and the next&nbsp;line</p>
        <p>${long}</p>
      </article></body></html>`;
      const r = doc(await extractHtml(utf8(html), "x.html"));
      assert.deepEqual(r.text.split("\n\n"), [
        long,
        "Fares & tickets",
        "- Adults: £4",
        "- Children under 12: free",
        "“It is the quickest way across,” said a regular.",
        "line one\nline two",
        "The ferry at the quay.",
        "Day Sailings",
        "Monday 14",
        "One line\nand the next line",
        long,
      ]);
      assertCleanText(r.text);
    });
  });

  describe("robustness", () => {
    it("never throws: a wrong argument becomes an error", async () => {
      const r = await extractHtml(null as unknown as Uint8Array, "x.html");
      assert.ok(isError(r));
      assert.match(r.error, /^cannot be read as a web page \(.+\)$/);
      assert.ok(!r.error.includes("\n"));
    });

    it("answers garbage bytes and broken markup with a document or an error, never a throw", async () => {
      const rand = prng(20250822);
      const tokens = ["<", ">", "</", "/>", "div", "p", "script", "style", "&", "&amp;", "&#", ";", "=", '"', "'", " ", "\n", "<!--", "-->", "<![CDATA[", "meta charset=", "windows-1252", "x", "é", "\u2028", "<html>", "<body>", "ld+json", "{", "}"];
      for (let i = 0; i < 300; i++) {
        let bytes: Uint8Array;
        if (i % 3 === 0) {
          bytes = new Uint8Array(Math.floor(rand() * 3000));
          for (let j = 0; j < bytes.length; j++) bytes[j] = 1 + Math.floor(rand() * 255); // no NUL: not "binary"
        } else {
          let s = "";
          const n = Math.floor(rand() * 400);
          for (let j = 0; j < n; j++) s += tokens[Math.floor(rand() * tokens.length)];
          bytes = utf8(s);
        }
        const r = await extractHtml(bytes, `garbage-${i}.html`);
        if (isError(r)) {
          assert.ok(r.error.length > 0);
        } else {
          assert.equal(typeof r.text, "string");
          assert.ok(r.text.length > 0 && r.text === r.text.trim() && !r.text.includes("\n\n\n"), `bad text for case ${i}`);
        }
      }
    });

    it("refuses pathologically deep nesting quickly instead of hanging the parser", async () => {
      const deep = utf8(`<html><body>${"<div>".repeat(100_000)}<p>x</p>${"</div>".repeat(100_000)}</body></html>`);
      const t0 = cpuNow();
      const r = await extractHtml(deep, "deep.html");
      const ms = cpuNow() - t0;
      assert.deepEqual(r, { error: "cannot be read as a web page (its elements nest too deeply)" });
      assert.ok(ms < 5000, `took ${ms.toFixed(0)} ms`);
    });

    it("reads a page nested deeper than Readability can handle through the fallback", async () => {
      const words = "Deep text in a nested page that keeps going. ".repeat(10).trim();
      const html = utf8(`<html><body>${"<div>".repeat(2_000)}<p>${words}</p>${"</div>".repeat(2_000)}</body></html>`);
      const t0 = cpuNow();
      const r = doc(await extractHtml(html, "deep.html"));
      const ms = cpuNow() - t0;
      assert.equal(r.text, words);
      assert.ok(ms < 5000, `took ${ms.toFixed(0)} ms`);
    });
  });

  describe("linear time", function () {
    this.timeout(60_000);

    it("extracts a 2 MB page of 50,000 paragraphs in under 10 s", async () => {
      const body = Array.from({ length: 50_000 }, (_, i) => `<p>Paragraph ${i} of the ferry log.</p>`).join("\n");
      const html = `<!DOCTYPE html><html><head><title>Ferry log</title></head><body><nav><a href="/">Home</a></nav><article>${body}</article><footer>Footer</footer></body></html>`;
      const bytes = utf8(html);
      assert.ok(bytes.length >= 2_000_000, `page is ${bytes.length} bytes`);
      const t0 = cpuNow();
      const r = doc(await extractHtml(bytes, "log.html"));
      const ms = cpuNow() - t0;
      const paragraphs = r.text.split("\n\n");
      assert.equal(paragraphs.length, 50_000);
      assert.equal(paragraphs[0], "Paragraph 0 of the ferry log.");
      assert.equal(paragraphs[49_999], "Paragraph 49999 of the ferry log.");
      assert.ok(ms < 10_000, `took ${ms.toFixed(0)} ms`);
    });
  });
});
