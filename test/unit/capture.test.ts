import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as http from "node:http";
import * as os from "node:os";
import * as path from "node:path";
import type { AddressInfo } from "node:net";
import { runCli } from "./helpers";
import { fetchPage, proposeKey } from "../../src/node/capture";
import { parse as parseYaml } from "yaml";
import { sha256Hex } from "../../src/core/sources/hash";

const ROOT = path.join(__dirname, "..", "..");
const PAGE = fs.readFileSync(path.join(ROOT, "examples", "sources", "pellow-ferry-report.html"));
const PDF = fs.readFileSync(path.join(ROOT, "examples", "sources", "pellow-harbour-review.pdf"));

/** A local web server for the capture tests (no network): pages, a PDF, redirects, a huge body, a stall. */
function serve(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const u = req.url ?? "/";
    if (u === "/article") res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(PAGE);
    else if (u === "/report.pdf") res.writeHead(200, { "content-type": "application/pdf" }).end(PDF);
    else if (u === "/moved") res.writeHead(302, { location: "/article" }).end();
    else if (u.startsWith("/loop")) res.writeHead(302, { location: `/loop${u.length}` }).end();
    else if (u === "/to-ftp") res.writeHead(302, { location: "ftp://example.com/x" }).end();
    else if (u === "/huge") {
      res.writeHead(200, { "content-type": "text/html" });
      const chunk = Buffer.alloc(64 * 1024, "a");
      let sent = 0;
      const push = () => {
        while (sent < 64 && res.write(chunk)) sent++;
        if (sent < 64) res.once("drain", push);
        else res.end();
      };
      push();
    } else if (u === "/stall") res.writeHead(200, { "content-type": "text/html" }).write("<html>");
    else if (u === "/zip") res.writeHead(200, { "content-type": "application/zip" }).end("PK");
    else res.writeHead(404).end("not found");
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }) });
    }),
  );
}

const run = runCli;

function frontMatter(text: string): Record<string, string> {
  const m = /^---\n([\s\S]*?)\n---\n/.exec(text);
  assert.ok(m, text.slice(0, 200));
  return parseYaml(m[1]) as Record<string, string>;
}

describe("capture (add-source) against a local server", function () {
  this.timeout(60_000);
  let server: Awaited<ReturnType<typeof serve>>;
  let dir: string;
  before(async () => (server = await serve()));
  after(async () => server.close());
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "brief-capture-"));
    fs.writeFileSync(path.join(dir, ".briefrc.json"), '{ "sources": ["sources"] }');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("writes sources/<key>.md with where it came from, after a redirect, and never overwrites", async () => {
    const r = await run(["add-source", `${server.url}/moved`], dir);
    assert.equal(r.code, 0, r.err);
    const files = fs.readdirSync(path.join(dir, "sources"));
    assert.equal(files.length, 1);
    const key = files[0].replace(/\.md$/, "");
    assert.match(r.out, new RegExp(`cite it as \\[@${key}\\]`));
    const text = fs.readFileSync(path.join(dir, "sources", files[0]), "utf8");
    const fm = frontMatter(text);
    assert.ok(fm.title && key === proposeKey(fm.title), `${key} from "${fm.title}"`);
    assert.equal(fm.url, "https://courier.pellow.example/2025/08/ferry-returns", "the page's canonical URL");
    assert.equal(fm.publisher, "The Pellow Courier");
    assert.match(fm.author, /Mara Quill/);
    assert.match(String(fm.published), /^2025-08-22/);
    assert.match(String(fm.retrieved), /^\d{4}-\d{2}-\d{2}$/);
    assert.equal(fm.sha256, sha256Hex(PAGE));
    assert.ok(!/cookie|newsletter|related articles/i.test(text.slice(text.indexOf("\n---\n"))), "clutter left out");
    // Again: the same page (same SHA-256) is refused with the key it has, under any key, and nothing is written.
    const before = fs.readFileSync(path.join(dir, "sources", files[0]));
    const again = await run(["add-source", `${server.url}/article`], dir);
    assert.equal(again.code, 2);
    assert.match(again.err, new RegExp(`holds this page already as \\[@${key}\\] .*cite it as \\[@${key}\\]`));
    assert.equal((await run(["add-source", `${server.url}/article`, "--key", "ferry-copy"], dir)).code, 2);
    assert.deepEqual(fs.readdirSync(path.join(dir, "sources")), files);
    assert.deepEqual(fs.readFileSync(path.join(dir, "sources", files[0])), before);
    // Another page under a key a source has: refused, the file left alone.
    const taken = await run(["add-source", `${server.url}/report.pdf`, "--key", key], dir);
    assert.equal(taken.code, 2);
    assert.match(taken.err, /is taken by sources\/.*choose another --key/);
    assert.deepEqual(fs.readFileSync(path.join(dir, "sources", files[0])), before);
    // And the captured source is a source: a check reads it.
    fs.writeFileSync(path.join(dir, "a.brief.md"), `---\ntitle: T\ndate: 2025-09-01\n---\n\n# T\n\n## Description\n\nThe ferry is back [@${key}].\n\n## Impact\n\nNone.\n`);
    const check = await run(["check", "a.brief.md", "--format", "json"], dir);
    assert.ok(!JSON.parse(check.out).problems.some((p: { rule: string }) => p.rule === "unknown-source"), check.out);
  });

  it("captures a PDF with its pages kept as page lines, so locators still work", async () => {
    const r = await run(["add-source", `${server.url}/report.pdf`, "--key", "review"], dir);
    assert.equal(r.code, 0, r.err);
    const text = fs.readFileSync(path.join(dir, "sources", "review.md"), "utf8");
    assert.match(text, /<!-- page 1 -->/);
    assert.match(text, /<!-- page 4 -->/);
    assert.equal(frontMatter(text).sha256, sha256Hex(PDF));
  });

  it("captures a file:// address as a browser shows it (%20 decoded)", async () => {
    fs.mkdirSync(path.join(dir, "saved pages"));
    fs.writeFileSync(path.join(dir, "saved pages", "ferry page.html"), PAGE);
    const url = "file://" + path.join(dir, "saved pages", "ferry page.html").split(path.sep).map(encodeURIComponent).join("/");
    assert.match(url, /%20/);
    const r = await run(["add-source", url, "--key", "from-file-url"], dir);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /cite it as \[@from-file-url\]/);
    assert.equal(frontMatter(fs.readFileSync(path.join(dir, "sources", "from-file-url.md"), "utf8")).sha256, sha256Hex(PAGE));
  });

  it("captures a saved .html file the same way", async () => {
    fs.writeFileSync(path.join(dir, "saved.html"), PAGE);
    const r = await run(["add-source", "saved.html", "--key", "saved-page"], dir);
    assert.equal(r.code, 0, r.err);
    const fm = frontMatter(fs.readFileSync(path.join(dir, "sources", "saved-page.md"), "utf8"));
    assert.equal(fm.publisher, "The Pellow Courier");
  });

  it("refuses other schemes, redirect loops, redirects off http, bodies over the limit, stalls and non-pages", async () => {
    const ftp = await run(["add-source", "ftp://example.com/x"], dir);
    assert.equal(ftp.code, 2);
    assert.match(ftp.err, /only http, https and file addresses/);
    await assert.rejects(fetchPage(`${server.url}/loop`), /more than 5 redirects/);
    await assert.rejects(fetchPage(`${server.url}/to-ftp`), /only http and https/);
    await assert.rejects(fetchPage(`${server.url}/huge`, { maxBytes: 1024 * 1024, timeoutMs: 20_000, maxRedirects: 5 }), /larger than the limit of 1048576 bytes/);
    await assert.rejects(fetchPage(`${server.url}/stall`, { maxBytes: 1024, timeoutMs: 300, maxRedirects: 5 }), /in time|within/);
    await assert.rejects(fetchPage(`${server.url}/zip`), /application\/zip, not a web page or PDF/);
    await assert.rejects(fetchPage(`${server.url}/nothing`), /404/);
    assert.ok(!fs.existsSync(path.join(dir, "sources")), "nothing written");
  });
});
