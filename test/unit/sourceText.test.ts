import * as assert from "node:assert/strict";
import { MemoryFileSystem } from "../../src/core/fs";
import { BriefService } from "../../src/core/service";
import { isTextPacked, setTextPacker } from "../../src/core/sources/sourceText";
import { nodeTextPacker } from "../../src/node/engineHooks";

// Texts with what must come back exactly: two-byte characters, astral ones, CRLF, a PDF-style page marker.
const article = (i: number) =>
  `---\nid: story-${i}\ntitle: Story ${i} — “the quay” at Arnsby\npublisher: The Arnsby Courier of the Coast\n---\n\n# Story ${i}\r\n\r\n${`The quay at Arnsby moved ${1000 + i} containers in May — 😀 señal. `.repeat(20 + (i % 7))}\n\n<!-- page 2 -->\n\nOfficials said ${i % 3 ? "the harbour" : "the port"} will reopen on ${1 + (i % 28)} June.\n`;

const brief = (keys: string[]) => `---\ntype: brief\ntitle: Quay\ndate: 2026-06-03\n---\n\n# Quay\n\n## Description\n\n${keys.map((k) => `The quay at Arnsby moved 1,00${k.length % 10} containers in May [@${k}].`).join(" ")}\n\n## Impact\n\nThe port will reopen in June [@story-3].\n`;

async function run(packed: boolean) {
  setTextPacker(packed ? nodeTextPacker : undefined);
  {
    const mem = new MemoryFileSystem();
    for (let i = 0; i < 700; i++) mem.write(`/ws/sources/s${i}.md`, article(i));
    const service = new BriefService({ fs: mem, root: "/ws", readSources: "background" });
    await service.initialize();
    const first = await service.check("/ws/a.brief.md", brief(["story-3", "story-640"]));
    await service.readLibrary();
    const again = await service.check("/ws/a.brief.md", brief(["story-3", "story-12", "story-699"]));
    const entries = [...service.library.entries()];
    const search = service.library.index.bestPerDocument("Arnsby containers reopen June harbour", { limit: 20 });
    return { service, entries, first, again, search, mem };
  }
}

describe("source texts packed while nobody reads them", function () {
  this.timeout(60_000);
  afterEach(() => setTextPacker(undefined));
  it("give back every text and passage exactly, the same checks and searches, and pack all but the sources read last", async () => {
    const plain = await run(false);
    const packed = await run(true); // the packer stays installed, as in the editor
    const strip = (r: { problems: unknown[]; claims: unknown[] }) => JSON.stringify({ problems: r.problems, claims: r.claims });
    assert.equal(strip(packed.first), strip(plain.first));
    assert.equal(strip(packed.again), strip(plain.again));
    assert.deepEqual(packed.search, plain.search);
    const cold = packed.entries.filter((e) => isTextPacked(e));
    assert.ok(cold.length >= 700 - 512, `${cold.length} packed`);
    assert.ok(plain.entries.every((e) => !isTextPacked(e)));
    const byPath = new Map(plain.entries.map((e) => [e.path, e]));
    for (const e of packed.entries) {
      const wasPacked = isTextPacked(e);
      const passages = e.passages;
      const other = byPath.get(e.path)!;
      assert.equal(e.text, new TextDecoder().decode(packed.mem.files.get(e.path)), e.path);
      assert.deepEqual(passages.map((p) => [p.text, p.start, p.end, p.startLine, p.endLine, p.page]), other.passages.map((p) => [p.text, p.start, p.end, p.startLine, p.endLine, p.page]));
      assert.equal(e.passages, passages, "a passage keeps its identity when its text is packed and unpacked");
      assert.equal(e.title, other.title);
      if (wasPacked) assert.ok(!isTextPacked(e) || e.text.length > 0);
    }
    // Reading a packed text made it a string again, and the oldest of the others went back to packed.
    assert.ok(packed.entries.filter((e) => !isTextPacked(e)).length <= 512);
  });

  it("saves the index without unpacking for good or reordering what is kept, and restores entries that pack and read back exactly", async () => {
    setTextPacker(nodeTextPacker);
    const mem = new MemoryFileSystem();
    for (let i = 0; i < 700; i++) mem.write(`/ws/sources/s${i}.md`, article(i));
    const store = { saved: undefined as unknown, read: async () => store.saved, write: async (v: unknown) => void (store.saved = v) };
    const service = new BriefService({ fs: mem, root: "/ws", readSources: "background", indexStore: store });
    await service.initialize();
    await service.check("/ws/a.brief.md", brief(["story-3", "story-640"]));
    await service.readLibrary();
    const packed = { service, mem, entries: [...service.library.entries()] };
    const lib = packed.service.library;
    const stringsBefore = packed.entries.filter((e) => !isTextPacked(e)).map((e) => e.path);
    const snap = lib.snapshot() as { files: Array<{ path: string; entry: { text: string } }> };
    assert.deepEqual(packed.entries.filter((e) => !isTextPacked(e)).map((e) => e.path), stringsBefore, "the snapshot read every text without counting it as a read");
    assert.equal(snap.files.length, 700);
    for (const f of snap.files) assert.equal(f.entry.text, new TextDecoder().decode(packed.mem.files.get(f.path)), f.path);
    // A new session restored from that index: the same texts and passages, and they pack.
    const store2 = { saved: JSON.parse(JSON.stringify(snap)) as unknown, read: async () => store2.saved, write: async (v: unknown) => void (store2.saved = v) };
    const again = new BriefService({ fs: packed.mem, root: "/ws", readSources: "background", indexStore: store2 });
    await again.initialize();
    await again.readLibrary();
    const restored = [...again.library.entries()];
    assert.equal(restored.length, 700);
    assert.ok(restored.filter((e) => isTextPacked(e)).length >= 700 - 512, "restored entries are packed too");
    const first = new Map(packed.entries.map((e) => [e.path, e]));
    for (const e of restored) {
      assert.equal(e.text, first.get(e.path)!.text);
      assert.deepEqual(e.passages.map((p) => [p.text, p.start, p.end, p.startLine, p.page]), first.get(e.path)!.passages.map((p) => [p.text, p.start, p.end, p.startLine, p.page]));
    }
  });

  it("leaves a text UTF-8 cannot carry (a lone surrogate) as it is", () => {
    assert.equal(nodeTextPacker.pack("a \ud800 b"), undefined);
    const t = "ok — “quoted” 😀\r\n";
    assert.equal(nodeTextPacker.unpack(nodeTextPacker.pack(t)!), t);
  });
});
