import * as assert from "node:assert/strict";
import * as fsn from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { WorkspaceAccess } from "../../src/core/workspaceAccess";
import { syncNodeFileSystem } from "../../src/node/fileSystem";
import { JsonFileStore } from "../../src/node/extractionCache";
import { MemoryFileSystem, type FileSystem } from "../../src/core/fs";
import { BriefService } from "../../src/core/service";
import { keyFromHead, readSource } from "../../src/core/sources/library";

/** A file system that counts whole reads and head reads per file. */
function counting(mem: MemoryFileSystem): { fs: FileSystem; whole: Map<string, number>; heads: Map<string, number> } {
  const whole = new Map<string, number>();
  const heads = new Map<string, number>();
  const fs: FileSystem = {
    readFile: async (p) => {
      whole.set(p, (whole.get(p) ?? 0) + 1);
      return mem.readFile(p);
    },
    readFileHead: async (p, n) => {
      heads.set(p, (heads.get(p) ?? 0) + 1);
      const bytes = await mem.readFile(p);
      return { bytes: bytes.subarray(0, n), size: bytes.length };
    },
    stat: (p) => mem.stat(p),
    readDirectory: (p) => mem.readDirectory(p),
  };
  return { fs, whole, heads };
}

const article = (i: number, id = true) => `---\n${id ? `id: story-${i}\n` : ""}title: Story ${i}\nurl: https://courier.example/story-${i}\n---\n\n# Story ${i}\n\n${`The quay at Arnsby moved ${1000 + i} containers in May. `.repeat(60)}\n`;

function workspace(n: number): MemoryFileSystem {
  const mem = new MemoryFileSystem();
  for (let i = 0; i < n; i++) mem.write(`/ws/sources/${i % 2 ? `story-${i}` : `file-${i}`}.md`, article(i, i % 2 === 0));
  return mem;
}

const brief = (keys: string[]) => `---\ntype: brief\ntitle: Quay\ndate: 2026-06-03\n---\n\n# Quay\n\n## Description\n\n${keys.map((k) => `The quay at Arnsby moved containers in May [@${k}].`).join(" ")}\n\n## Impact\n\nNone.\n`;

describe("the library reads only what a check needs", () => {
  it("a check of one brief reads the two sources it cites whole, and only the head of the others (onDemand)", async () => {
    const mem = workspace(40);
    const { fs, whole, heads } = counting(mem);
    const service = new BriefService({ fs, root: "/ws", batch: true, readSources: "onDemand" });
    await service.initialize();
    assert.equal(service.library.size, 40);
    assert.equal(service.library.unread, 40);
    assert.equal([...whole.keys()].filter((p) => p.startsWith("/ws/sources/")).length, 0);
    // Keys come from the head: `id` in front matter (story-0 lives in file-0.md), else the name.
    assert.equal(service.library.pathOf("story-0"), "/ws/sources/file-0.md");
    assert.equal(service.library.pathOf("story-1"), "/ws/sources/story-1.md");
    const result = await service.check("/ws/a.brief.md", brief(["story-0", "story-7"]));
    assert.deepEqual(result.problems.filter((p) => p.rule === "unknown-source"), []);
    assert.deepEqual([...whole.keys()].filter((p) => p.startsWith("/ws/sources/")).sort(), ["/ws/sources/file-0.md", "/ws/sources/story-7.md"]);
    assert.equal(service.library.unread, 38);
    assert.equal(heads.size, 40);
  });

  it("the same problems as a library read whole at load, for known, unknown, duplicate and unreadable keys", async () => {
    const mem = workspace(12);
    mem.write("/ws/sources/archive/story-3.md", article(3, false)); // a duplicate key, deeper: loses
    mem.write("/ws/sources/broken.md", new Uint8Array([0x2d, 0x2d, 0x2d, 0x0a, 0x74, 0x3a, 0x20, 0xff, 0x0a]));
    mem.write("/ws/sources/late-bad.md", Buffer.concat([Buffer.from("# Late\n\n" + "Text. ".repeat(400)), Buffer.from([0xc3, 0x28])]));
    const text = brief(["story-0", "story-3", "stroy-5", "broken", "late-bad"]);
    const eager = new BriefService({ fs: mem, root: "/ws", batch: true });
    await eager.initialize();
    const lazy = new BriefService({ fs: counting(mem).fs, root: "/ws", batch: true, readSources: "onDemand" });
    await lazy.initialize();
    const a = await eager.check("/ws/a.brief.md", text);
    const b = await lazy.check("/ws/a.brief.md", text);
    assert.deepEqual(b.problems, a.problems);
    assert.ok(a.problems.some((p) => /cannot be checked: sources\/late-bad\.md/.test(p.message)), JSON.stringify(a.problems.map((p) => p.message)));
    await lazy.readLibrary();
    assert.deepEqual(lazy.libraryProblems(), eager.libraryProblems());
    assert.equal(lazy.library.unread, 0);
  });

  it("the editor's mode: sources listed at load, cited ones read by the check, the rest in the background, then told", async () => {
    const mem = workspace(30);
    const { fs, whole } = counting(mem);
    let told = 0;
    const service = new BriefService({ fs, root: "/ws", readSources: "background", onLibraryRead: () => told++ });
    await service.initialize();
    const result = await service.check("/ws/a.brief.md", brief(["story-9"]));
    assert.ok(!result.problems.some((p) => p.rule === "unknown-source"));
    assert.ok(whole.has("/ws/sources/story-9.md"));
    await service.readLibrary();
    assert.equal(service.library.unread, 0);
    assert.equal(told, 1);
    // With all read, the whole library's index answers: the best source for a sentence.
    const ctx = service.context("/ws/a.brief.md", result.brief);
    assert.equal(ctx.bestSourceFor("The quay at Arnsby moved 1017 containers in May.")?.key, "story-17");
  });

  it("a key from the head is the key the whole text gives; a front matter longer than the head is read whole", () => {
    const enc = new TextEncoder();
    const cases = [article(1), article(2, false), "# No front matter\n\nText.\n", `---\nid: "quoted key"\n---\nx\n`, `---\ntitle: ${"Long ".repeat(400)}\nid: late-id\n---\nx\n`, "---\nid: [a, b]\n---\n", "---\r\nid: crlf\r\n---\r\nx", "\uFEFF---\nid: bom\n---\n"];
    for (const text of cases) {
      const bytes = enc.encode(text);
      const key = keyFromHead("/ws/sources/name.md", bytes.subarray(0, 1024), bytes.length);
      const want = readSource("/ws/sources/name.md", text.replace(/^\uFEFF/, "")).key;
      if (key === undefined) assert.ok(bytes.length > 1024, `undefined only when the head is not the whole file: ${JSON.stringify(text.slice(0, 40))}`);
      else assert.equal(key, want, JSON.stringify(text.slice(0, 40)));
    }
    const long = enc.encode(`---\ntitle: ${"Long ".repeat(400)}\nid: late-id\n---\nx\n`);
    assert.equal(keyFromHead("/ws/sources/name.md", long.subarray(0, 1024), long.length), undefined);
    // A head that cuts a character of two, three or four bytes at its end is no UTF-8 error; a bad byte inside it is.
    for (const ch of ["é", "€", "𝄞"]) {
      for (let pad = 0; pad < 4; pad++) {
        const text = `---\nid: key-${ch}\n---\n${"x".repeat(pad)}${ch.repeat(600)}`;
        const bytes = enc.encode(text);
        assert.equal(keyFromHead("/ws/sources/name.md", bytes.subarray(0, 1024), bytes.length), `key-${ch}`, `${ch} + ${pad}`);
      }
    }
    const bad = enc.encode(`---\nid: k\n---\n${"x".repeat(100)}${"y".repeat(1000)}`);
    bad[200] = 0xff;
    assert.deepEqual(keyFromHead("/ws/sources/name.md", bad.subarray(0, 1024), bad.length), { error: "is not valid UTF-8 text; save it as UTF-8" });
  });
});

describe("listing sources through the gate (real files)", () => {
  it("a file walked as a plain file and turned into a link to outside the workspace before its head is read is refused, not followed", async () => {
    const top = fsn.realpathSync(fsn.mkdtempSync(path.join(os.tmpdir(), "brief-walk-")));
    const ws = path.join(top, "ws");
    fsn.mkdirSync(path.join(ws, "sources"), { recursive: true });
    fsn.writeFileSync(path.join(top, "secret.md"), "SECRET\n");
    fsn.writeFileSync(path.join(ws, "sources", "a.md"), "# A\n\nPlain.\n");
    const access = new WorkspaceAccess(syncNodeFileSystem, { root: ws });
    const files = await access.walk([path.join(ws, "sources")], () => true, undefined, true);
    assert.deepEqual(files, [path.join(ws, "sources", "a.md")]);
    fsn.rmSync(path.join(ws, "sources", "a.md"));
    fsn.symlinkSync(path.join(top, "secret.md"), path.join(ws, "sources", "a.md"));
    await assert.rejects(access.readFileHead(path.join(ws, "sources", "a.md"), 1024), /link to a place outside the workspace/);
    fsn.rmSync(top, { recursive: true, force: true });
  });
});

describe("the best source for a claim (uncited-claim's fix)", () => {
  it("is remembered while the library is unchanged, and found again when a source changes", async () => {
    const mem = new MemoryFileSystem();
    mem.write("/ws/sources/grain.md", "# Grain\n\nThe grain silo at Arnsby holds wheat for the winter.\n");
    const service = new BriefService({ fs: mem, root: "/ws" });
    await service.initialize();
    const text = brief([]).replace("## Impact", "The Pellow ferry carried 400 cars across the bay.\n\n## Impact");
    const ctx = () => service.context("/ws/a.brief.md", { ...parsed });
    const parsed = (await service.check("/ws/a.brief.md", text)).brief;
    const claim = "The Pellow ferry carried 400 cars across the bay.";
    assert.equal(ctx().bestSourceFor(claim), undefined);
    assert.equal(ctx().bestSourceFor(claim), undefined);
    mem.write("/ws/sources/ferry.md", "# Ferry\n\nThe Pellow ferry carried 400 cars across the bay in May.\n");
    await service.fileChanged("/ws/sources/ferry.md");
    assert.equal(ctx().bestSourceFor(claim)?.key, "ferry");
    mem.delete("/ws/sources/ferry.md");
    await service.fileChanged("/ws/sources/ferry.md", true);
    assert.equal(ctx().bestSourceFor(claim), undefined);
  });
});

describe("a check only reads", () => {
  it("what a check extracts from a web page is written to the extraction cache by the host (saveExtractions), not by the check", async () => {
    const mem = new MemoryFileSystem();
    mem.write("/ws/sources/ferry-page.html", "<html><body><p>The Pellow ferry carried 400 cars across the bay.</p></body></html>");
    const writes: string[] = [];
    const store = new Map<string, unknown>();
    const cache = {
      get: async (h: string) => store.get(h) as never,
      set: async (h: string, d: unknown) => {
        writes.push(h);
        store.set(h, d);
      },
    };
    const extractors = {
      html: async () => ({ text: "The Pellow ferry carried 400 cars across the bay.", title: "Ferry" }),
      pdf: async () => ({ error: "no PDFs here" }),
      bibtex: async () => ({ entries: [], problems: [] }),
    };
    const service = new BriefService({ fs: mem, root: "/ws", batch: true, readSources: "onDemand", extractors, extractionCache: cache });
    await service.initialize();
    const result = await service.check("/ws/a.brief.md", brief(["ferry-page"]));
    assert.ok(!result.problems.some((p) => p.rule === "unknown-source"), JSON.stringify(result.problems.map((p) => p.message)));
    assert.equal(service.library.get("ferry-page")?.title, "Ferry");
    assert.deepEqual(writes, []);
    await service.saveExtractions();
    assert.equal(writes.length, 1);
    await service.saveExtractions();
    assert.equal(writes.length, 1);
  });
});

describe("the editor's saved index, in the background", () => {
  it("a restart lists sources without reading the saved index; the background read restores unchanged sources from it", async () => {
    const top = fsn.mkdtempSync(path.join(os.tmpdir(), "brief-restart-"));
    const ws = path.join(top, "ws");
    fsn.mkdirSync(path.join(ws, "sources"), { recursive: true });
    for (let i = 0; i < 20; i++) fsn.writeFileSync(path.join(ws, "sources", `story-${i}.md`), article(i, false));
    const file = new JsonFileStore(path.join(top, "index.json"));
    const first = new BriefService({ fs: syncNodeFileSystem, root: ws, readSources: "background", indexStore: file });
    await first.initialize();
    await first.readLibrary(); // saves the index
    let storeReads = 0;
    const store = { read: () => (storeReads++, file.read()), write: (s: unknown) => file.write(s) };
    const whole: string[] = [];
    const fs2 = { ...syncNodeFileSystem, readFile: (p: string) => (whole.push(p), syncNodeFileSystem.readFile(p)) };
    const again = new BriefService({ fs: fs2, root: ws, readSources: "background", indexStore: store });
    await again.initialize();
    const result = await again.check(path.join(ws, "a.brief.md"), brief(["story-3"]));
    assert.ok(!result.problems.some((p) => p.rule === "unknown-source"));
    assert.equal(storeReads, 0, "the first check did not wait for the saved index");
    await again.readLibrary();
    assert.equal(storeReads, 1);
    assert.equal(again.library.unread, 0);
    assert.deepEqual(whole.filter((p) => p.includes("/sources/")).map((p) => path.basename(p)), ["story-3.md"], "only the cited source was read; the others came from the saved index");
    fsn.rmSync(top, { recursive: true, force: true });
  });
});

describe("changes on disk heard late", () => {
  it("a deletion event for a source that exists again reads it instead of forgetting it", async () => {
    const mem = workspace(4);
    const service = new BriefService({ fs: mem, root: "/ws" });
    await service.initialize();
    assert.ok(service.library.get("story-1"));
    // The folder was renamed away and back; the file's own deletion is heard after that.
    assert.equal(await service.fileChanged("/ws/sources/story-1.md", true), "source");
    assert.ok(service.library.get("story-1"), "still there: the file exists");
    mem.delete("/ws/sources/story-1.md");
    await service.fileChanged("/ws/sources/story-1.md", true);
    assert.equal(service.library.get("story-1"), undefined);
  });
});
