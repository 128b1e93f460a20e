import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { BriefService, type IndexStore } from "../../src/core/service";
import { nodeFileSystem } from "../../src/node/fileSystem";
import type { FileSystem } from "../../src/core/fs";
import { JsonFileStore } from "../../src/node/extractionCache";

/** The editor's source index kept between sessions: unchanged files are restored, not re-read. */
describe("persisted source index", () => {
  let dir: string;
  let ws: string;
  const brief = `---\ntitle: T\ndate: 2025-01-01\n---\n\n# T\n\n## Description\n\nThe quay "reopened on Monday morning" after 12 days [@quay-notice].\n\n## Impact\n\nTrade resumes.\n`;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "brief-index-"));
    ws = path.join(dir, "ws");
    fs.mkdirSync(path.join(ws, "sources"), { recursive: true });
    fs.writeFileSync(path.join(ws, "sources", "quay-notice.md"), "---\ntitle: Quay notice\n---\n\nThe quay reopened on Monday morning after 12 days of repairs.\n\nFerries run every hour.\n");
    for (let i = 0; i < 30; i++) fs.writeFileSync(path.join(ws, "sources", `other-${i}.md`), `# Other ${i}\n\nThe harbour board met on day ${i} to discuss the tides.\n`);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** A file system that counts reads. */
  function counting(): { fs: FileSystem; reads: string[] } {
    const reads: string[] = [];
    return { reads, fs: { ...nodeFileSystem, readFile: (p: string) => (reads.push(p), nodeFileSystem.readFile(p)) } as FileSystem };
  }
  async function session(store: IndexStore) {
    const c = counting();
    const service = new BriefService({ fs: c.fs, root: ws, indexStore: store });
    await service.initialize();
    const sourceReads = c.reads.filter((p) => p.includes("/sources/"));
    return { service, sourceReads };
  }

  it("a restart restores unchanged sources from the saved index and checks exactly as before", async () => {
    const store = new JsonFileStore(path.join(dir, "storage", "index.json"));
    const first = await session(store);
    assert.equal(first.sourceReads.length, 31);
    const before = await first.service.check(path.join(ws, "a.brief.md"), brief);
    const hitsBefore = first.service.library.index.bestPerDocument("harbour board tides", { limit: 5 });
    const second = await session(store);
    assert.deepEqual(second.sourceReads, [], "nothing re-read");
    assert.equal(second.service.library.size, 31);
    assert.deepEqual((await second.service.check(path.join(ws, "a.brief.md"), brief)).problems, before.problems);
    assert.deepEqual(second.service.library.index.bestPerDocument("harbour board tides", { limit: 5 }), hitsBefore);
    assert.deepEqual(second.service.library.get("quay-notice")!.passages, first.service.library.get("quay-notice")!.passages);
  });

  it("a changed, added or removed source is read again; the rest is restored", async () => {
    const store = new JsonFileStore(path.join(dir, "storage", "index.json"));
    await session(store);
    fs.writeFileSync(path.join(ws, "sources", "quay-notice.md"), "---\ntitle: Quay notice\n---\n\nThe quay reopened on Tuesday evening after 14 days of repairs.\n");
    fs.writeFileSync(path.join(ws, "sources", "new-one.md"), "# New\n\nA new source.\n");
    fs.rmSync(path.join(ws, "sources", "other-0.md"));
    const second = await session(store);
    assert.deepEqual(second.sourceReads.map((p) => path.basename(p)).sort(), ["new-one.md", "quay-notice.md"]);
    assert.equal(second.service.library.size, 31);
    assert.equal(second.service.library.get("other-0"), undefined);
    const r = await second.service.check(path.join(ws, "a.brief.md"), brief);
    assert.ok(r.problems.some((p) => p.rule === "quote-mismatch"), "checked against the new text");
  });

  it("a corrupt or foreign saved index is ignored, and a source that now links outside the workspace is not restored", async () => {
    const file = path.join(dir, "storage", "index.json");
    const store = new JsonFileStore(file);
    await session(store);
    fs.writeFileSync(file, "{ not json");
    assert.equal((await session(store)).sourceReads.length, 31);
    fs.writeFileSync(file, JSON.stringify({ format: 999, files: [] }));
    assert.equal((await session(store)).sourceReads.length, 31);
    // Same size and time, but now a link to a file outside: the gate refuses it.
    await session(store);
    const target = path.join(ws, "sources", "other-1.md");
    const outside = path.join(dir, "outside.md");
    fs.copyFileSync(target, outside);
    const st = fs.statSync(target);
    fs.utimesSync(outside, st.atime, st.mtime);
    fs.rmSync(target);
    fs.symlinkSync(outside, target);
    const third = await session(store);
    assert.equal(third.service.library.get("other-1"), undefined);
    assert.ok(third.service.libraryProblems().some((p) => p.uri.endsWith("other-1.md") && /outside the workspace/.test(p.message)));
  });
});
