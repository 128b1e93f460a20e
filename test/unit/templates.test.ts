import { cpuNow } from "../support/cpuTime";
import * as assert from "node:assert/strict";
import { fixtureService } from "./helpers";
import { BUILT_IN_TEMPLATES, escapeSnippet, fillTemplate, templateSnippet } from "../../src/core/features/templates";
import { MemoryFileSystem } from "../../src/core/fs";
import { BriefService } from "../../src/core/service";

describe("templates", () => {
  it("turn into snippets: values escaped, tab stops kept, a missing value a tab stop before the template's own (document order)", () => {
    const t = "title: {{title}}\nauthor: {{author}}\n${1:What happened.} costs $5 {{other}}\n${0}";
    assert.equal(templateSnippet(t, { title: "A $1 {b} \\ c", author: undefined }, { author: "Your name" }), "title: A \\$1 {b\\} \\\\ c\nauthor: ${1:Your name}\n${2:What happened.} costs \\$5 {{other\\}\\}\n${0}");
    // With the author known, the template's own stops keep their numbers.
    assert.equal(templateSnippet(t, { title: "T", author: "Ann" }), "title: T\nauthor: Ann\n${1:What happened.} costs \\$5 {{other\\}\\}\n${0}");
    assert.equal(fillTemplate(t, { title: "T", author: "" }, { author: "Your name" }), "title: T\nauthor: Your name\nWhat happened. costs $5 {{other}}\n");
    assert.equal(escapeSnippet("$x}\\"), "\\$x\\}\\\\");
  });

  it("keep a hint's own $ and braces as text, in the file and in the snippet", () => {
    const t = "${1:costs $5 and $TM_FILENAME} ${2:Dear ${3:name}}";
    assert.equal(fillTemplate(t, {}), "costs $5 and $TM_FILENAME Dear ${3:name}");
    assert.equal(templateSnippet(t, {}), "${1:costs \\$5 and \\$TM_FILENAME} ${2:Dear \\${3:name}\\}");
  });

  it("leave an unclosed tab stop as text, in linear time", () => {
    assert.equal(fillTemplate("a ${1:no close\n}", {}), "a ${1:no close\n}");
    for (const long of ["${1:".repeat(400_000), "${1:".repeat(400_000) + "\n}", "${1}".repeat(400_000)]) {
      const started = cpuNow();
      assert.equal(fillTemplate(long, {}), long.replace(/\$\{1\}/g, ""));
      templateSnippet(long, { title: "T" });
      assert.ok(cpuNow() - started < 3000, `${cpuNow() - started} ms of CPU`);
    }
  });

  for (const template of BUILT_IN_TEMPLATES) {
    it(`"${template.label}" opens with no problem until the writer fills it`, async () => {
      const mem = new MemoryFileSystem();
      mem.write("/ws/sources/a.md", "# A\n\nSome text.\n");
      const service = new BriefService({ fs: mem, root: "/ws", settings: {} });
      await service.initialize();
      const text = fillTemplate(template.text, { title: "Ferry fares rise", date: "2026-11-24", author: undefined }, { author: "Your name" });
      const result = await service.check("/ws/briefs/new.brief.md", text);
      assert.deepEqual(result.problems.map((p) => `${p.rule}: ${p.message}`), []);
      // A snippet that is the same text once its tab stops are resolved.
      assert.match(templateSnippet(template.text, { title: "T", date: "D", author: "A" }), /\$\{1:/);
    });
  }

  it("a missing source folder is named in unknown-source, not taken for a typo", async () => {
    const { service } = await fixtureService({}, { sources: ["/ws/library"] });
    assert.deepEqual(service.missingSourceFoldersForDisplay(), ["library"]);
    const result = await service.check("/ws/a.brief.md", "# A\n\nDate: 2026-01-01\n\nDescription: The ferry ran late all week [@harbour-notice].\n\nImpact: None.\n");
    const unknown = result.problems.filter((p) => p.rule === "unknown-source");
    assert.equal(unknown.length, 1);
    assert.match(unknown[0].message, /the source folder "library" does not exist/);
  });
});
