import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runCli } from "./helpers";
import { CACHE_FILE_NAME, cacheFilePath } from "../../src/node/checkCache";

const HEAD = "---\ntype: brief\ntitle: Mill\ndate: 2026-06-03\n---\n\n# Mill\n\n";

/** A workspace: config, two sources, three briefs (one citing each source, one with problems). */
function workspace(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "brief-cache-"));
  fs.mkdirSync(path.join(dir, "sources"));
  fs.mkdirSync(path.join(dir, "briefs"));
  fs.writeFileSync(path.join(dir, ".briefrc.json"), '{ "sources": ["sources"] }\n');
  fs.writeFileSync(path.join(dir, "sources", "mill-notice.md"), "---\nid: mill-notice\ntitle: Mill notice\n---\n\nThe Arnsby mill closed its doors on 2 June after 140 years of work.\n");
  fs.writeFileSync(path.join(dir, "sources", "port-notice.md"), "---\nid: port-notice\ntitle: Port notice\n---\n\nThe Valmora port reopened on 4 May with 12 berths in use.\n");
  fs.writeFileSync(path.join(dir, "briefs", "mill.brief.md"), HEAD + "## Description\n\nThe Arnsby mill closed its doors on 2 June after 140 years [@mill-notice].\n\n## Impact\n\nJobs move to the town.\n");
  fs.writeFileSync(path.join(dir, "briefs", "port.brief.md"), HEAD + "## Description\n\nThe Valmora port reopened on 4 May with 12 berths in use [@port-notice].\n\n## Impact\n\nShips return.\n");
  fs.writeFileSync(path.join(dir, "briefs", "wrong.brief.md"), HEAD + '## Description\n\nThe Arnsby mill closed its doors after 150 years [@mill-notise], "with great sadness and regret".\n');
  return dir;
}

const run = runCli;

/** The `--cache` summary line's counts. */
function stats(err: string): { briefs: number; fromCache: number; checked: number; libraryRead: boolean } {
  const m = /brief-author: cache: (\d+) briefs?: (\d+) from the cache, (\d+) checked(.*)/.exec(err);
  assert.ok(m, `no cache summary in: ${err}`);
  return { briefs: Number(m[1]), fromCache: Number(m[2]), checked: Number(m[3]), libraryRead: !m[4].includes("not read") };
}

/** Appends to a file, so its size (and so the fingerprint) changes whatever the clock's resolution. */
function append(file: string, text: string): void {
  fs.appendFileSync(file, text);
}

describe("brief-author check --cache", () => {
  it("prints exactly what an uncached run prints (text, json, sarif), cold and warm, with the same exit status", async () => {
    const dir = workspace();
    for (const format of ["text", "json", "sarif"]) {
      fs.rmSync(path.join(dir, CACHE_FILE_NAME), { force: true });
      const plain = await run(["check", "briefs", "--format", format], dir);
      const cold = await run(["check", "briefs", "--format", format, "--cache"], dir);
      const warm = await run(["check", "briefs", "--format", format, "--cache"], dir);
      assert.equal(plain.code, 1, plain.out);
      assert.equal(cold.out, plain.out, format);
      assert.equal(warm.out, plain.out, format);
      assert.equal(cold.code, plain.code);
      assert.equal(warm.code, plain.code);
      assert.deepEqual(stats(cold.err), { briefs: 3, fromCache: 0, checked: 3, libraryRead: true });
      assert.deepEqual(stats(warm.err), { briefs: 3, fromCache: 3, checked: 0, libraryRead: false });
      // The text summary line counts the sources as an uncached run does.
      if (format === "text") assert.equal(warm.err.split("\n")[0], plain.err.split("\n")[0]);
      else assert.ok(!plain.err.includes("cache"), plain.err);
    }
    assert.ok(fs.statSync(path.join(dir, CACHE_FILE_NAME)).isFile());
  });

  it("the cache file holds the format, the tool version, and per root the config, key and source hashes and each brief's hash, files and problems", async () => {
    const dir = workspace();
    await run(["check", "briefs", "--cache"], dir);
    const data = JSON.parse(fs.readFileSync(path.join(dir, CACHE_FILE_NAME), "utf8"));
    assert.equal(data.format, "brief-author-check-cache");
    assert.equal(data.version, 2);
    assert.equal(typeof data.tool, "string");
    const root = data.roots[dir.split(path.sep).join("/")];
    assert.match(root.config, /^[0-9a-f]{64}$/);
    assert.match(root.keys, /^[0-9a-f]{64}$/);
    assert.equal(root.librarySize, 2);
    const mill = root.briefs[path.join(dir, "briefs", "mill.brief.md").split(path.sep).join("/")];
    assert.match(mill.hash, /^[0-9a-f]{64}$/);
    assert.match(mill.deps[path.join(dir, "sources", "mill-notice.md").split(path.sep).join("/")], /^[0-9a-f]{64}$/);
    assert.equal(mill.deps[path.join(dir, "sources", "port-notice.md").split(path.sep).join("/")], undefined);
    assert.equal(mill.deps[`${dir.split(path.sep).join("/")}/.markdownlint.json`], "missing");
    const wrong = root.briefs[path.join(dir, "briefs", "wrong.brief.md").split(path.sep).join("/")];
    assert.ok(wrong.problems.some((p: { rule: string; file?: string }) => p.rule === "unknown-source" && p.file === undefined));
  });

  it("re-checks only a brief that changed", async () => {
    const dir = workspace();
    await run(["check", "briefs", "--cache"], dir);
    append(path.join(dir, "briefs", "port.brief.md"), "\nMore words here.\n");
    const r = await run(["check", "briefs", "--cache"], dir);
    assert.deepEqual(stats(r.err), { briefs: 3, fromCache: 2, checked: 1, libraryRead: true });
    assert.equal(r.out, (await run(["check", "briefs"], dir)).out);
    assert.deepEqual(stats((await run(["check", "briefs", "--cache"], dir)).err), { briefs: 3, fromCache: 3, checked: 0, libraryRead: false });
  });

  it("re-checks the briefs citing a changed source, and only those, when no key changes", async () => {
    const dir = workspace();
    await run(["check", "briefs", "--cache"], dir);
    // The port brief's figure 12 is no longer in its source: its result changes.
    fs.writeFileSync(path.join(dir, "sources", "port-notice.md"), "---\nid: port-notice\ntitle: Port notice\n---\n\nThe Valmora port reopened on 4 May with 14 berths in use.\n");
    const r = await run(["check", "briefs", "--cache"], dir);
    assert.deepEqual(stats(r.err), { briefs: 3, fromCache: 2, checked: 1, libraryRead: true });
    const plain = await run(["check", "briefs"], dir);
    assert.equal(r.out, plain.out);
    assert.match(r.out, /port\.brief\.md.*number-mismatch.*"12"/);
  });

  it("a source whose mtime alone moved reads the library but re-checks nothing", async () => {
    const dir = workspace();
    await run(["check", "briefs", "--cache"], dir);
    const file = path.join(dir, "sources", "mill-notice.md");
    const later = new Date(Date.now() + 5000);
    fs.utimesSync(file, later, later);
    const r = await run(["check", "briefs", "--cache"], dir);
    assert.deepEqual(stats(r.err), { briefs: 3, fromCache: 3, checked: 0, libraryRead: true });
    assert.deepEqual(stats((await run(["check", "briefs", "--cache"], dir)).err), { briefs: 3, fromCache: 3, checked: 0, libraryRead: false });
  });

  it("re-checks every brief when a source is added, removed or re-keyed (the key set changed)", async () => {
    const dir = workspace();
    await run(["check", "briefs", "--cache"], dir);
    fs.writeFileSync(path.join(dir, "sources", "mill-notise.md"), "A new source whose key a brief cites.\n");
    let r = await run(["check", "briefs", "--cache"], dir);
    assert.deepEqual(stats(r.err), { briefs: 3, fromCache: 0, checked: 3, libraryRead: true });
    assert.equal(r.out, (await run(["check", "briefs"], dir)).out);
    assert.ok(!r.out.includes("unknown-source"), r.out);
    // A rename keeps the file's key (its front matter id) but moves its path: re-checked too.
    fs.renameSync(path.join(dir, "sources", "port-notice.md"), path.join(dir, "sources", "port.md"));
    r = await run(["check", "briefs", "--cache"], dir);
    assert.deepEqual(stats(r.err), { briefs: 3, fromCache: 0, checked: 3, libraryRead: true });
    fs.rmSync(path.join(dir, "sources", "mill-notise.md"));
    r = await run(["check", "briefs", "--cache"], dir);
    assert.deepEqual(stats(r.err), { briefs: 3, fromCache: 0, checked: 3, libraryRead: true });
    assert.equal(r.out, (await run(["check", "briefs"], dir)).out);
    assert.ok(r.out.includes("unknown-source"), r.out);
  });

  it("re-checks every brief when the config changes, or when --sources or --config is given", async () => {
    const dir = workspace();
    await run(["check", "briefs", "--cache"], dir);
    fs.writeFileSync(path.join(dir, ".briefrc.json"), '{ "sources": ["sources"], "rules": { "weak-support": "off" } }\n');
    let r = await run(["check", "briefs", "--cache"], dir);
    assert.deepEqual(stats(r.err), { briefs: 3, fromCache: 0, checked: 3, libraryRead: true });
    assert.equal(r.out, (await run(["check", "briefs"], dir)).out);
    r = await run(["check", "briefs", "--cache", "--sources", "sources"], dir);
    assert.deepEqual(stats(r.err), { briefs: 3, fromCache: 0, checked: 3, libraryRead: true });
    r = await run(["check", "briefs", "--cache", "--config", ".briefrc.json"], dir);
    assert.deepEqual(stats(r.err), { briefs: 3, fromCache: 0, checked: 3, libraryRead: true });
    r = await run(["check", "briefs", "--cache", "--config", ".briefrc.json"], dir);
    assert.deepEqual(stats(r.err), { briefs: 3, fromCache: 3, checked: 0, libraryRead: false });
  });

  it("re-checks a brief when a file it reads besides its sources changes: a reference line's file, a .markdownlint file", async () => {
    const dir = workspace();
    fs.mkdirSync(path.join(dir, "refs"));
    fs.writeFileSync(path.join(dir, "refs", "memo.md"), "The memo says the ferry runs 6 times a day.\n");
    fs.writeFileSync(path.join(dir, "briefs", "ferry.brief.md"), HEAD + "## Description\n\nThe ferry runs 6 times a day [@memo].\n\n## Impact\n\nFine.\n\n[@memo]: ../refs/memo.md\n");
    await run(["check", "briefs", "--cache"], dir);
    fs.writeFileSync(path.join(dir, "refs", "memo.md"), "The memo says the ferry runs 4 times a day.\n");
    let r = await run(["check", "briefs", "--cache"], dir);
    assert.deepEqual(stats(r.err), { briefs: 4, fromCache: 3, checked: 1, libraryRead: true });
    assert.match(r.out, /ferry\.brief\.md.*number-mismatch/);
    assert.equal(r.out, (await run(["check", "briefs"], dir)).out);
    // A .markdownlint.json that did not exist is looked for too.
    fs.writeFileSync(path.join(dir, "briefs", ".markdownlint.json"), '{ "MD041": false, "MD022": false }\n');
    r = await run(["check", "briefs", "--cache"], dir);
    assert.deepEqual(stats(r.err), { briefs: 4, fromCache: 0, checked: 4, libraryRead: true });
    assert.equal(r.out, (await run(["check", "briefs"], dir)).out);
  });

  it("re-checks a brief when a file it named but that was missing appears: a reference line's, a bibliography entry's", async () => {
    const dir = workspace();
    fs.writeFileSync(path.join(dir, ".briefrc.json"), '{ "sources": ["sources"], "bibliography": ["refs.json"] }\n');
    fs.writeFileSync(path.join(dir, "refs.json"), JSON.stringify([{ id: "quay-history", title: "Stones and Tides", file: "texts/quay.md" }]));
    fs.writeFileSync(path.join(dir, "briefs", "quay.brief.md"), HEAD + '## Description\n\nThe quays were "built of grey granite blocks" in 1820 [@quay-history].\n\n## Impact\n\nFine.\n');
    fs.writeFileSync(path.join(dir, "briefs", "later.brief.md"), HEAD + "## Description\n\nThe ferry runs 6 times a day [@later].\n\n## Impact\n\nFine.\n\n[@later]: ../refs/later.md\n");
    let r = await run(["check", "briefs", "--cache"], dir);
    assert.match(r.out, /quay\.brief\.md.*no-source-text/);
    assert.match(r.out, /later\.brief\.md.*unknown-source/);
    fs.mkdirSync(path.join(dir, "refs"));
    fs.writeFileSync(path.join(dir, "refs", "later.md"), "The ferry runs 6 times a day.\n");
    r = await run(["check", "briefs", "--cache"], dir);
    assert.deepEqual(stats(r.err), { briefs: 5, fromCache: 4, checked: 1, libraryRead: true });
    assert.ok(!/later\.brief\.md.*unknown-source/.test(r.out), r.out);
    assert.equal(r.out, (await run(["check", "briefs"], dir)).out);
    fs.mkdirSync(path.join(dir, "texts"));
    fs.writeFileSync(path.join(dir, "texts", "quay.md"), "The quays were built of grey granite blocks in 1820.\n");
    r = await run(["check", "briefs", "--cache"], dir);
    assert.deepEqual(stats(r.err), { briefs: 5, fromCache: 4, checked: 1, libraryRead: true });
    assert.ok(!/quay\.brief\.md.*no-source-text/.test(r.out), r.out);
    assert.equal(r.out, (await run(["check", "briefs"], dir)).out);
  });

  it("keeps the entries of briefs not checked this run", async () => {
    const dir = workspace();
    await run(["check", "briefs", "--cache"], dir);
    let r = await run(["check", "briefs/mill.brief.md", "--cache"], dir);
    assert.deepEqual(stats(r.err), { briefs: 1, fromCache: 1, checked: 0, libraryRead: false });
    append(path.join(dir, "briefs", "mill.brief.md"), "\nMore.\n");
    r = await run(["check", "briefs/mill.brief.md", "--cache"], dir);
    assert.deepEqual(stats(r.err), { briefs: 1, fromCache: 0, checked: 1, libraryRead: true });
    r = await run(["check", "briefs", "--cache"], dir);
    assert.deepEqual(stats(r.err), { briefs: 3, fromCache: 3, checked: 0, libraryRead: false });
  });

  it("a brief not validated since its sources moved is hashed, not trusted to the fingerprint", async () => {
    const dir = workspace();
    await run(["check", "briefs", "--cache"], dir);
    // The port brief's source changes while only the mill brief is checked (which takes the new fingerprint).
    fs.writeFileSync(path.join(dir, "sources", "port-notice.md"), "---\nid: port-notice\ntitle: Port notice\n---\n\nThe Valmora port reopened on 4 May with 14 berths in use.\n");
    assert.deepEqual(stats((await run(["check", "briefs/mill.brief.md", "--cache"], dir)).err), { briefs: 1, fromCache: 1, checked: 0, libraryRead: true });
    const r = await run(["check", "briefs", "--cache"], dir);
    assert.deepEqual(stats(r.err), { briefs: 3, fromCache: 2, checked: 1, libraryRead: true });
    assert.equal(r.out, (await run(["check", "briefs"], dir)).out);
  });

  it("ignores a corrupt, foreign or other-version cache file with a warning and rebuilds it", async () => {
    const dir = workspace();
    const file = path.join(dir, CACHE_FILE_NAME);
    const plain = await run(["check", "briefs"], dir);
    for (const [content, why] of [
      ["{ not json", /not valid JSON/],
      ['{"hello": "world"}', /not a brief-author cache/],
      ['{"format": "brief-author-check-cache", "version": 99, "roots": {}}', /another format version/],
      ['{"format": "brief-author-check-cache", "version": 2, "tool": "0.0.1-old", "build": "", "roots": {}}', /written by brief-author 0\.0\.1-old/],
      ['{"format": "brief-author-check-cache", "version": 2, "tool": "TOOL", "build": "BUILD", "roots": {"/x": {"config": 1}}}', /not a brief-author cache or is damaged/],
    ] as const) {
      let text: string = content;
      if (text.includes("TOOL")) {
        const good = JSON.parse(fs.readFileSync(file, "utf8"));
        text = text.replace("TOOL", good.tool).replace("BUILD", good.build);
      }
      fs.writeFileSync(file, text);
      const r = await run(["check", "briefs", "--cache"], dir);
      assert.match(r.err, /brief-author: warning: .*it is ignored and rebuilt/);
      assert.match(r.err, why);
      assert.equal(r.code, plain.code);
      assert.equal(r.out, plain.out);
      assert.deepEqual(stats(r.err), { briefs: 3, fromCache: 0, checked: 3, libraryRead: true });
      const again = await run(["check", "briefs", "--cache"], dir);
      assert.ok(!again.err.includes("brief-author: warning"), again.err);
      assert.deepEqual(stats(again.err), { briefs: 3, fromCache: 3, checked: 0, libraryRead: false });
    }
  });

  it("a cache location that cannot be written gives one warning and the usual exit status", async () => {
    const dir = workspace();
    const plain = await run(["check", "briefs"], dir);
    fs.writeFileSync(path.join(dir, "a-file"), "");
    // A path under a regular file cannot be written, not even by root.
    const r = await run(["check", "briefs", "--cache", "--cache-location", "a-file/cache"], dir);
    assert.equal(r.code, plain.code);
    assert.equal(r.out, plain.out);
    assert.equal(r.err.split("\n").filter((l) => l.startsWith("brief-author: warning")).length, 1, r.err);
    assert.match(r.err, /brief-author: warning: cannot write the cache file .*a-file.cache/);
    if (process.platform !== "win32" && process.getuid?.() !== 0) {
      const ro = path.join(dir, "read-only");
      fs.mkdirSync(ro);
      fs.chmodSync(ro, 0o555);
      try {
        const r2 = await run(["check", "briefs", "--cache", "--cache-location", "read-only"], dir);
        assert.equal(r2.code, plain.code);
        assert.equal(r2.out, plain.out);
        assert.equal(r2.err.split("\n").filter((l) => l.startsWith("brief-author: warning")).length, 1, r2.err);
      } finally {
        fs.chmodSync(ro, 0o755);
      }
    }
    // A config error still exits 2 with the cache unwritable.
    fs.writeFileSync(path.join(dir, ".briefrc.json"), '{ "sources": ["sources"], "rules": { "no-such-rule": "off" } }\n');
    assert.equal((await run(["check", "briefs", "--cache", "--cache-location", "a-file/cache"], dir)).code, 2);
  });

  it("--cache-location: a file, or a folder (existing, or ending in a separator) that gets .brief-author-cache", async () => {
    const dir = workspace();
    fs.mkdirSync(path.join(dir, "tmp"));
    assert.equal(cacheFilePath(dir), path.join(dir, CACHE_FILE_NAME));
    assert.equal(cacheFilePath(dir, "tmp"), path.join(dir, "tmp", CACHE_FILE_NAME));
    assert.equal(cacheFilePath(dir, "new/"), path.join(dir, "new", CACHE_FILE_NAME));
    assert.equal(cacheFilePath(dir, "tmp/my-cache.json"), path.join(dir, "tmp", "my-cache.json"));
    await run(["check", "briefs", "--cache", "--cache-location", "tmp"], dir);
    assert.ok(fs.existsSync(path.join(dir, "tmp", CACHE_FILE_NAME)));
    await run(["check", "briefs", "--cache", "--cache-location", "new/"], dir);
    assert.ok(fs.existsSync(path.join(dir, "new", CACHE_FILE_NAME)));
    const r = await run(["check", "briefs", "--cache", "--cache-location", "tmp/my-cache.json"], dir);
    assert.deepEqual(stats(r.err), { briefs: 3, fromCache: 0, checked: 3, libraryRead: true });
    assert.ok(fs.existsSync(path.join(dir, "tmp", "my-cache.json")));
    assert.ok(!fs.existsSync(path.join(dir, CACHE_FILE_NAME)));
    // No temp file is left behind.
    assert.deepEqual(fs.readdirSync(path.join(dir, "tmp")).sort(), [CACHE_FILE_NAME, "my-cache.json"]);
  });

  it("without --cache nothing is written and no cache line is printed (--cache-location alone does nothing)", async () => {
    const dir = workspace();
    const list = (d: string): string[] => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? list(path.join(d, e.name)) : [path.join(d, e.name)]));
    const before = list(dir).sort();
    for (const argv of [["check", "briefs"], ["check", "briefs", "--format", "json"], ["check", "briefs", "--cache-location", "somewhere"]]) {
      const r = await run(argv, dir);
      assert.ok(!r.err.includes("cache"), r.err);
    }
    assert.deepEqual(list(dir).sort(), before);
  });

  it("the usage text documents --cache and --cache-location", async () => {
    const r = await run(["--help"], os.tmpdir());
    assert.match(r.out, /--cache\s/);
    assert.match(r.out, /--cache-location PATH/);
  });
});
