import * as assert from "node:assert/strict";
import { MemoryFileSystem } from "../../src/core/fs";
import { BriefService } from "../../src/core/service";
import { applyEdits as apply, fixtureService, joinLines } from "./helpers";
import { citationHover } from "../../src/core/features/hover";
import { citationDefinition } from "../../src/core/features/definition";
import { keyCompletionContext, rankSources } from "../../src/core/features/completion";
import { updateSourcesSectionEdit } from "../../src/core/features/sourcesSection";
import { fillTemplate, briefFileName, templateFromFile } from "../../src/core/features/templates";

const BRIEF = joinLines(
  "---",
  "type: brief",
  "title: Quay",
  "date: 2025-08-24",
  "---",
  "",
  "# Quay",
  "",
  "## Description",
  "",
  'The board said it would "restore the ferry timetable by the end of the week" [@harbour-notice].',
  "Travellers switched to the longer road route through Haskett.   ",
  "",
  "## Sources",
  "",
  "- [@harbour-notice]",
  "- [@grain-report]",
  "",
);

describe("service", () => {
  it("honours a .markdownlint.yaml, a .markdownlint.json, and the config file's markdownlint object", async () => {
    const text = "---\ntype: brief\ntitle: T\ndate: 2025-01-01\n---\n\n# T\n\n## Description\n\nText [@harbour-notice].   \n\n## Impact\n\nMore.\n";
    const rules = async (files: Record<string, string>) => {
      const { service } = await fixtureService(files);
      return (await service.check("/ws/briefs/a.brief.md", text)).problems.map((p) => p.rule).filter((r) => r.startsWith("MD"));
    };
    assert.deepEqual(await rules({}), ["MD009"]);
    // A markdownlint file replaces brief-author's defaults, so MD025 counts the front-matter title again.
    assert.deepEqual(await rules({ "/ws/.markdownlint.yaml": "MD009: false\n" }), ["MD025"]);
    assert.deepEqual(await rules({ "/ws/briefs/.markdownlint.json": '{ "MD009": false, "MD025": false }' }), []);
    assert.deepEqual(await rules({ "/ws/.briefrc.json": '{ "markdownlint": { "MD009": false, "MD025": false } }', "/ws/.markdownlint.yaml": "MD009: true\n" }), []);
    assert.deepEqual(await rules({ "/ws/.briefrc.json": '{ "markdownlint": false }' }), []);
  });

  it("offers quick fixes whose edits give the expected text", async () => {
    const { service } = await fixtureService();
    const { problems } = await service.check("/ws/briefs/a.brief.md", BRIEF);
    const fix = (rule: string) => {
      const p = problems.find((x) => x.rule === rule);
      assert.ok(p?.fixes?.length, `${rule}: ${problems.map((x) => x.rule).join(", ")}`);
      return apply(BRIEF, p.fixes[0].edits);
    };
    assert.match(fix("required-section"), /through Haskett\.\n\n## Impact\n\n## Sources/);
    assert.match(fix("uncited-claim"), /through Haskett \[@ferry-survey\]\.   \n/);
    assert.match(fix("unused-source"), /- \[@harbour-notice\]\n$/);
    assert.match(fix("quote-mismatch"), /"restore the ferry timetable by the end of the month" \[@harbour-notice\]/);
    assert.match(fix("MD009"), /through Haskett\.\n/);
    const brief = await service.parse("/ws/briefs/a.brief.md", BRIEF);
    assert.ok(!service.fixAllMarkdownlint(brief).includes("Haskett.   "));
  });

  it("offers no trailing-space fix that would join a lone CR to the next line's LF (a fuzz counterexample)", async () => {
    const { service } = await fixtureService();
    // A line of spaces between a CR and an LF, and a blank line after it: emptying the line would leave "\r\n".
    const text = "---\ntype: brief\ntype: brief\r---\n\n## Impact\n\r   \n\n---\n---\r";
    const { problems } = await service.check("/ws/briefs/a.brief.md", text);
    const md009 = problems.filter((p) => p.rule === "MD009");
    assert.ok(md009.length > 0, problems.map((p) => p.rule).join(", "));
    for (const p of md009) for (const f of p.fixes ?? []) assert.ok(!apply(text, f.edits).includes("\r\n"), JSON.stringify(f.edits));
  });

  it("hovers a citation with the source, its best passage and the shared words in bold", async () => {
    const { service } = await fixtureService();
    const brief = await service.parseForLookup("/ws/briefs/a.brief.md", BRIEF);
    const ctx = service.context("/ws/briefs/a.brief.md", brief);
    const h = citationHover(ctx, brief, BRIEF.indexOf("@harbour-notice") + 2, "/ws", (p, l) => `open:${p}#${l}`)!;
    assert.match(h.markdown, /^\*\*Harbour board notice on the reopening of Pellow quay\*\*  \nPellow Harbour Board · 2025-08-24/);
    assert.match(h.markdown, /\*\*restore\*\* the \*\*ferry\*\* \*\*timetable\*\*/);
    assert.match(h.markdown, /\(open:\/ws\/sources\/harbour-notice\.md#11\)/);
    const unknown = citationHover(ctx, await service.parseForLookup("/ws/b.brief.md", "Text [@harbour-notise]."), 8, "/ws", () => "")!;
    assert.match(unknown.markdown, /not in the source library/);
    assert.match(unknown.markdown, /`@harbour-notice`/);
    const def = citationDefinition(ctx, brief, BRIEF.indexOf("@harbour-notice") + 2)!;
    assert.equal(def.path, "/ws/sources/harbour-notice.md");
    assert.equal(def.range.start.line, 11);
  });

  it("completes keys inside [@ and after ; @, ranked by support for the sentence", async () => {
    assert.deepEqual(keyCompletionContext("Text [@har"), { typed: "har", start: 7 });
    assert.deepEqual(keyCompletionContext("Text [see @"), { typed: "", start: 11 });
    assert.deepEqual(keyCompletionContext("Text [@a; @f"), { typed: "f", start: 11 });
    assert.equal(keyCompletionContext("mail me at x@y"), undefined);
    const { service } = await fixtureService();
    const brief = await service.parseForLookup("/ws/briefs/a.brief.md", BRIEF);
    const ranked = rankSources(service.context("/ws/briefs/a.brief.md", brief), "Farmers harvested a record barley crop");
    assert.equal(ranked[0].key, "grain-report");
    assert.deepEqual(ranked.map((r) => r.key).sort(), ["ferry-survey", "grain-report", "harbour-notice", "harbour-review"]);
  });

  it("updates the Sources section to the cited keys, keeping other lines", async () => {
    const { service } = await fixtureService();
    const text = BRIEF.replace("- [@grain-report]\n", "- [@grain-report]\n\nSee also the annex.\n") + "";
    const brief = await service.parseForLookup("/ws/briefs/a.brief.md", text);
    const e = updateSourcesSectionEdit(brief)!;
    const out = text.slice(0, e.start) + e.newText + text.slice(e.end);
    assert.match(out, /## Sources\n\n- \[@harbour-notice\]\n\nSee also the annex\.\n$/);
    const none = await service.parseForLookup("/ws/b.brief.md", "# T\n\nDescription: A [@ferry-survey].\n");
    const add = updateSourcesSectionEdit(none)!;
    assert.equal(add.newText, "\n\nSources:\n\n- [@ferry-survey]\n");
  });

  it("fills templates without losing unknown placeholders", () => {
    assert.equal(fillTemplate("{{title}} {{ date }} {{unknown}}", { title: "T", date: "D", author: "A" }), "T D {{unknown}}");
    assert.equal(briefFileName("Seoul & Tokyo: résumé!", "2025-08-23"), "2025-08-23-seoul-tokyo-resume.brief.md");
    const t = templateFromFile("/ws/.brief-templates/weekly.md", "---\ntemplateName: Weekly\ntemplateDescription: Team format\ntype: brief\n---\n\n# {{title}}\n");
    assert.equal(t.label, "Weekly");
    assert.equal(t.description, "Team format");
    assert.equal(t.text, "---\ntype: brief\n---\n\n# {{title}}\n");
  });
});

describe("a file the library, a bibliography and a reference line share is read again by each when it changes", () => {
  const brief = (body: string, frontMatter = "") => `---\ntitle: Port\ndate: 2026-05-06\n${frontMatter}---\n\n# Port\n\n## Description\n\n${body}\n\n## Impact\n\nNone.\n`;
  const source = (count: number) => new TextEncoder().encode(`---\nid: port\n---\n\n# Port notice\n\nThe port handled ${count} vessels in May.\n`);
  const figures = async (service: BriefService, text: string) => (await service.check("/ws/briefs/a.brief.md", text)).problems.filter((p) => p.rule === "number-mismatch").map((p) => p.message);

  it("a reference line and a bibliography entry's file that are library files too take the file's new text", async () => {
    const mem = new MemoryFileSystem();
    mem.write("/ws/sources/port.md", source(41));
    mem.write("/ws/refs.json", new TextEncoder().encode(JSON.stringify([{ id: "viabib", type: "report", title: "Port", file: "sources/port.md" }])));
    const service = new BriefService({ fs: mem, root: "/ws", settings: {} });
    await service.initialize();
    const text = brief("The port handled 41 vessels in May [@local]. The port handled 41 vessels in May [@viabib].\n\n[@local]: ../sources/port.md", "bibliography: ../refs.json\n");
    assert.deepEqual(await figures(service, text), []);
    mem.write("/ws/sources/port.md", source(14));
    await service.fileChanged("/ws/sources/port.md");
    // Both citations read the file's new text (each kept the old one, as its part was never told).
    assert.equal((await figures(service, text)).length, 2);
  });

  it("a bibliography entry's language read anew: its file's figures are read in the entry's new language", async () => {
    const mem = new MemoryFileSystem();
    mem.write("/ws/texts/a.md", new TextEncoder().encode("---\ntitle: Grain\n---\n\nThe port received 120,000 tonnes of grain in May, the board said on Monday.\n"));
    const bib = (language: string) => new TextEncoder().encode(JSON.stringify([{ id: "g", type: "report", title: "Grain", language, file: "texts/a.md" }]));
    mem.write("/ws/refs.json", bib("fr"));
    const service = new BriefService({ fs: mem, root: "/ws", settings: {} });
    await service.initialize();
    const text = brief("The port received 120,000 tonnes of grain in May [@g].", "bibliography: ../refs.json\n");
    await service.check("/ws/briefs/a.brief.md", text);
    mem.write("/ws/refs.json", bib("en"));
    await service.fileChanged("/ws/refs.json");
    const fresh = new BriefService({ fs: mem, root: "/ws", settings: {} });
    await fresh.initialize();
    // The same answer as a service that never read it in French ("120,000" is one figure in English, two in French).
    assert.deepEqual(await figures(service, text), await figures(fresh, text));
    assert.deepEqual(await figures(service, text), []);
  });
});
