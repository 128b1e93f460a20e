import * as assert from "node:assert/strict";
import { BriefService } from "../../../src/core/service";
import { MemoryFileSystem } from "../../../src/core/fs";
import { lazyExtractors } from "../../../src/node/extract/load";
import { citationHover } from "../../../src/core/features/hover";
import { citationDefinition } from "../../../src/core/features/definition";
import { rankSources } from "../../../src/core/features/completion";

const CSL = `[
  { "id": "harbour-notice", "type": "report", "title": "Notice (bibliography copy)" },
  { "id": "ferry-timetable", "type": "webpage", "title": "Ferry timetable, summer 2025", "author": [{ "family": "Quill", "given": "Mara" }],
    "container-title": "The Pellow Courier", "issued": { "date-parts": [[2025, 6, 1]] }, "URL": "https://courier.pellow.example/timetable", "file": "texts/timetable.md" },
  { "id": "quay-history", "type": "book", "title": "Stones and Tides", "publisher": "Lantern Row Press", "issued": { "date-parts": [[2019]] } }
]`;
const BIB = `@book{tide-tables,
  title = {Tide Tables at {Pellow}},
  author = {M{\\"u}ller, J{\\"o}rg},
  year = {2024},
  file = {Full Text:texts/tides.md:text/markdown}
}

@misc{broken, title = {unclosed
`;

const brief = (body: string, fm = "") => `---\ntitle: T\ndate: 2025-01-01\n${fm}---\n\n# T\n\n## Description\n\n${body}\n\n## Impact\n\nTrade resumes.\n`;

async function workspace() {
  const fs = new MemoryFileSystem();
  fs.write("/ws/.briefrc.json", `{ "bibliography": "refs/library.json" }`);
  fs.write("/ws/sources/harbour-notice.md", "---\ntitle: Harbour notice\n---\n\nThe quay reopens on Monday.\n");
  fs.write("/ws/refs/library.json", CSL);
  fs.write("/ws/refs/texts/timetable.md", "# Timetable\n\nThe first ferry leaves Pellow at 6.40am, every day but Sunday.\n");
  fs.write("/ws/briefs/tides.bib", BIB);
  fs.write("/ws/briefs/texts/tides.md", "High water at Pellow comes 40 minutes after Dover.\n");
  const s = new BriefService({ fs, root: "/ws", extractors: lazyExtractors });
  await s.initialize();
  return s;
}

const problemsOf = async (s: BriefService, text: string) => (await s.check("/ws/briefs/a.brief.md", text)).problems.map((p) => `${p.rule} ${p.range.start.line + 1}`);

describe("bibliographies", function () {
  this.timeout(20_000);

  it("every entry's key is citable: a source file with the key wins, else the entry's file, else no text (never unknown-source)", async () => {
    const s = await workspace();
    const text = brief('The first ferry leaves "at 6.40am" [@ferry-timetable]. The quay reopens on Monday [@harbour-notice]. The quay opened "in 1887" [@quay-history].');
    const problems = await problemsOf(s, text);
    assert.ok(!problems.some((p) => p.startsWith("unknown-source")), problems.join("\n"));
    assert.ok(!problems.some((p) => p.startsWith("quote-mismatch")), problems.join("\n"));
    assert.deepEqual(problems.filter((p) => p.startsWith("no-source-text")), ["no-source-text 10"]);
    const b = await s.parse("/ws/briefs/a.brief.md", text);
    const ctx = s.context("/ws/briefs/a.brief.md", b);
    assert.equal(ctx.resolve("harbour-notice")!.entry.title, "Harbour notice", "the library's file wins");
    const timetable = ctx.resolve("ferry-timetable")!.entry;
    assert.equal(timetable.title, "Ferry timetable, summer 2025");
    assert.equal(timetable.path, "/ws/refs/texts/timetable.md");
    assert.ok(ctx.resolve("quay-history")!.entry.noText);
  });

  it("a wrong quote against an entry's file is a quote-mismatch", async () => {
    const s = await workspace();
    const problems = await problemsOf(s, brief('The first ferry leaves "at 7.10am sharp" [@ferry-timetable].'));
    assert.ok(problems.includes("quote-mismatch 10"), problems.join("\n"));
  });

  it("hover shows the entry's metadata; definition of an entry without text opens its line in the bibliography", async () => {
    const s = await workspace();
    const text = brief("The timetable changed [@ferry-timetable]. The quays are old [@quay-history].");
    const b = await s.parseForLookup("/ws/briefs/a.brief.md", text);
    const ctx = s.context("/ws/briefs/a.brief.md", b);
    const h = citationHover(ctx, b, text.indexOf("@ferry-timetable") + 2, "/ws", (p, l) => `open:${p}#${l}`)!;
    assert.match(h.markdown, /\*\*Ferry timetable, summer 2025\*\*  \nMara Quill · The Pellow Courier · 2025-06-01/);
    assert.match(h.markdown, /https:\/\/courier\.pellow\.example\/timetable/);
    const none = citationHover(ctx, b, text.indexOf("@quay-history") + 2, "/ws", (p, l) => `open:${p}#${l}`)!;
    assert.match(none.markdown, /No text of this entry is in the workspace/);
    const def = citationDefinition(ctx, b, text.indexOf("@quay-history") + 2)!;
    assert.equal(def.path, "/ws/refs/library.json");
    assert.equal(def.range.start.line, 4);
    const keys = rankSources(ctx, "The timetable changed").map((r) => r.key);
    assert.ok(keys.includes("ferry-timetable") && keys.includes("quay-history"), keys.join(", "));
  });

  it("a brief's own front matter adds a BibTeX bibliography; a broken entry is a problem on its line, the rest is read", async () => {
    const s = await workspace();
    const text = brief('High water "comes 40 minutes after Dover" [@tide-tables].', "bibliography: tides.bib\n");
    const problems = await problemsOf(s, text);
    assert.ok(!problems.some((p) => /unknown-source|quote-mismatch|no-source-text/.test(p)), problems.join("\n"));
    const b = await s.parse("/ws/briefs/a.brief.md", text);
    assert.equal(s.context("/ws/briefs/a.brief.md", b).resolve("tide-tables")!.entry.author, "Jörg Müller");
    const lib = s.libraryProblems().filter((p) => p.uri === "/ws/briefs/tides.bib");
    assert.equal(lib.length, 1, JSON.stringify(lib));
    assert.equal(lib[0].rule, "source-unreadable");
    assert.equal(lib[0].range.start.line, 7);
  });

  it("a bibliography outside the workspace is refused, with the reason", async () => {
    const fs = new MemoryFileSystem();
    fs.write("/elsewhere/refs.json", CSL);
    const s = new BriefService({ fs, root: "/ws", settings: { bibliography: ["/elsewhere/refs.json"] } });
    await s.initialize();
    const problems = await problemsOf(s, brief("The quays are old [@quay-history]."));
    assert.ok(problems.includes("unknown-source 10"), problems.join("\n"));
    assert.ok(s.libraryProblems().some((p) => p.uri === "/elsewhere/refs.json" && /outside the workspace/.test(p.message)));
  });
});
