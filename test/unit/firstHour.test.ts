import * as assert from "node:assert/strict";
import { applyEdits as apply, fixtureService, joinLines } from "./helpers";
import { MemoryFileSystem } from "../../src/core/fs";
import { BriefService } from "../../src/core/service";
import { keysInCitationAt, rankSources } from "../../src/core/features/completion";
import { listKeyEdit } from "../../src/core/features/sourcesSection";
import { citationHover } from "../../src/core/features/hover";
import { displayDate } from "../../src/core/text";
import type { Problem } from "../../src/core/types";

const HEAD = ["---", "type: brief", "title: Quay", "date: 2025-08-24", "---", "", "# Quay", ""];

async function check(text: string, files: Record<string, string> = {}): Promise<Problem[]> {
  const { service } = await fixtureService(files);
  return (await service.check("/ws/test.brief.md", text)).problems;
}

describe("first hour, round two (engine)", () => {
  describe("completion", () => {
    it("ranks every kind of source together by support: a weak bibliography entry never comes before a strong library source", async () => {
      const bib = JSON.stringify([{ id: "harbour-budget", type: "report", title: "Harbour budget", abstract: "The harbour board met on Tuesday." }]);
      const text = joinLines(...HEAD, "---", "", "## Description", "", "The board reopened the north quay after repairs that lasted seventeen weeks.", "");
      const { service } = await fixtureService({ "/ws/refs.json": bib }, { bibliography: ["refs.json"] });
      const brief = await service.parseForLookup("/ws/test.brief.md", text);
      const ranked = rankSources(service.context("/ws/test.brief.md", brief), "The board reopened the north quay after repairs that lasted seventeen weeks");
      const keys = ranked.map((r) => r.key);
      assert.equal(keys[0], "harbour-notice", JSON.stringify(ranked.slice(0, 3).map((r) => [r.key, r.coverage])));
      assert.ok(keys.includes("harbour-budget"), keys.join(", "));
      for (let i = 1; i < ranked.length; i++) if (ranked[i].coverage > 0) assert.ok(ranked[i - 1].coverage >= ranked[i].coverage, `${ranked[i - 1].key} before ${ranked[i].key}`);
    });

    it("knows the keys a citation already holds, not the one being typed", () => {
      const line = "The quay reopened [@harbour-notice; @gr] and more.";
      const cursor = line.indexOf("@gr") + 3;
      assert.deepEqual(keysInCitationAt(line, cursor, line.indexOf("@gr") + 1), ["harbour-notice"]);
      const open = "The quay reopened [see @harbour-notice, p. 3; @";
      assert.deepEqual(keysInCitationAt(open, open.length, open.length), ["harbour-notice"]);
      assert.deepEqual(keysInCitationAt("Nothing [@a] here @", 19, 19), []);
    });
  });

  describe("a refused or unreadable source", () => {
    it("citing a file the gate refused says why, not 'unknown source'", async () => {
      const mem = new MemoryFileSystem({ "/ws/sources/ok.md": "# Ok\n\nText.\n", "/etc/passwd": "root:x:0:0\n" });
      mem.link("/ws/sources/etc-passwd.txt", "/etc/passwd");
      const service = new BriefService({ fs: mem, root: "/ws" });
      await service.initialize();
      const text = joinLines(...HEAD, "## Description", "", "Accounts exist [@etc-passwd].", "", "## Impact", "", "None.", "");
      const problems = (await service.check("/ws/test.brief.md", text)).problems.filter((p) => p.rule === "unknown-source");
      assert.equal(problems.length, 1);
      assert.match(problems[0].message, /"@etc-passwd" cannot be checked: sources\/etc-passwd\.txt was not read \(.*link to a place outside the workspace/);
      assert.doesNotMatch(problems[0].message, /root:x/);
    });
  });

  describe("unknown-source", () => {
    it("proposes the key of a source renamed since, first", async () => {
      const { service } = await fixtureService();
      service.noteRenamedKey("harbor-notice-old", "harbour-notice");
      const text = joinLines(...HEAD, "## Description", "", "The quay reopened [@harbor-notice-old].", "");
      const p = (await service.check("/ws/test.brief.md", text)).problems.find((x) => x.rule === "unknown-source")!;
      assert.match(p.message, /renamed: it is now "@harbour-notice"/);
      assert.equal(p.fixes?.[0].title, "Change to @harbour-notice (the source's new name)");
      assert.equal(p.fixes?.[0].preferred, true);
    });

    it("writes a renamed key that needs braces in braces", async () => {
      const { service } = await fixtureService({ "/ws/sources/port report.txt": "Port report\n\nThe quay reopened.\n" });
      service.noteRenamedKey("port-report", "port report");
      const text = joinLines(...HEAD, "## Description", "", "The quay reopened [@port-report].", "");
      const p = (await service.check("/ws/test.brief.md", text)).problems.find((x) => x.rule === "unknown-source")!;
      assert.match(apply(text, p.fixes![0].edits), /reopened \[@\{port report\}\]\./);
      const fixed = apply(text, p.fixes![0].edits);
      assert.ok(!(await service.check("/ws/test.brief.md", fixed)).problems.some((x) => x.rule === "unknown-source"));
    });

    it("names the workspace folder and the folders that hold the key", async () => {
      const mem = new MemoryFileSystem({ "/ws/sources/ok.md": "# Ok\n\nText.\n" });
      const service = new BriefService({ fs: mem, root: "/ws", folderName: () => "alpha", keyElsewhere: (k) => (k === "beta-note" ? ["beta"] : []) });
      await service.initialize();
      const text = joinLines(...HEAD, "## Description", "", "It rained [@beta-note].", "");
      const p = (await service.check("/ws/test.brief.md", text)).problems.find((x) => x.rule === "unknown-source")!;
      assert.match(p.message, /no source in sources \(workspace folder "alpha"\) has this key; the workspace folder "beta" has it, but a brief cites only the sources of its own folder/);
    });
  });

  describe("fixes", () => {
    it("number-mismatch: 'Change to' the one figure of the same unit meant", async () => {
      const text = joinLines(...HEAD, "## Description", "", "The repaired quay can berth ships of up to 9,500 tonnes [@harbour-notice].", "");
      const p = (await check(text)).find((x) => x.rule === "number-mismatch")!;
      assert.ok(p, "number-mismatch");
      assert.equal(p.fixes?.[0].title, "Change to 9,000");
      assert.match(apply(text, p.fixes![0].edits), /up to 9,000 tonnes \[@harbour-notice\]/);
    });

    it("number-mismatch: no fix when two figures are as close", async () => {
      const src = "---\nid: two\n---\n\nThe first ship carried 300 tonnes and the second ship carried 500 tonnes.\n";
      const text = joinLines(...HEAD, "## Description", "", "A ship carried 400 tonnes [@two].", "");
      const p = (await check(text, { "/ws/sources/two.md": src })).find((x) => x.rule === "number-mismatch")!;
      assert.ok(p, "number-mismatch");
      assert.equal(p.fixes, undefined);
    });

    it("section-order: moves the section before the one it should precede, as one fix", async () => {
      const text = joinLines(...HEAD, "## Impact", "", "Ferries wait.", "", "## Description", "", "The quay closed.", "");
      const p = (await check(text)).find((x) => x.rule === "section-order")!;
      assert.equal(p.fixes?.[0].title, 'Move "Description" before "Impact"');
      const fixed = apply(text, p.fixes![0].edits);
      assert.equal(fixed, joinLines(...HEAD, "## Description", "", "The quay closed.", "", "## Impact", "", "Ferries wait.", ""));
      assert.ok(!(await check(fixed)).some((x) => x.rule === "section-order"));
    });

    it("section-order: a section in the middle moves with its content only", async () => {
      const text = joinLines(...HEAD, "## Impact", "", "Ferries wait.", "", "## Description", "", "The quay closed.", "", "## Sources", "", "- [@harbour-notice]", "");
      const p = (await check(text)).find((x) => x.rule === "section-order")!;
      const fixed = apply(text, p.fixes![0].edits);
      assert.equal(fixed, joinLines(...HEAD, "## Description", "", "The quay closed.", "", "## Impact", "", "Ferries wait.", "", "## Sources", "", "- [@harbour-notice]", ""));
    });

    it("duplicate-section: merges the second into the first, as one fix", async () => {
      const text = joinLines(...HEAD, "## Description", "", "The quay closed.", "", "## Impact", "", "Ferries wait.", "", "## Impact", "", "Fares rise.", "");
      const p = (await check(text)).find((x) => x.rule === "duplicate-section")!;
      assert.match(p.fixes?.[0].title ?? "", /^Merge into the "Impact" section at line 13$/);
      const fixed = apply(text, p.fixes![0].edits);
      assert.equal(fixed, joinLines(...HEAD, "## Description", "", "The quay closed.", "", "## Impact", "", "Ferries wait.", "", "Fares rise.", ""));
      assert.ok(!(await check(fixed)).some((x) => x.rule === "duplicate-section"));
    });

    it("duplicate-section: a label-style repeat merges too", async () => {
      const text = joinLines(...HEAD, "Description: The quay closed.", "", "Impact: Ferries wait.", "", "Impact: Fares rise.", "");
      const p = (await check(text)).find((x) => x.rule === "duplicate-section")!;
      const fixed = apply(text, p.fixes![0].edits);
      assert.equal(fixed, joinLines(...HEAD, "Description: The quay closed.", "", "Impact: Ferries wait.", "", "Fares rise.", ""));
    });
  });

  describe("listing a key in the Sources section", () => {
    it("goes after the whole last item (its continuation lines too), in braces when the key needs them", async () => {
      const { service } = await fixtureService();
      const text = joinLines(...HEAD, "## Description", "", "X.", "", "## Sources", "", "- [@harbour-notice]: the notice,", "  as the board published it.", "", "Notes follow.", "");
      const brief = await service.parseForLookup("/ws/test.brief.md", text);
      const e = listKeyEdit(brief, "port report")!;
      const out = text.slice(0, e.start) + e.newText + text.slice(e.end);
      assert.match(out, /as the board published it\.\n- \[@\{port report\}\]\n\nNotes follow\./);
    });
  });

  describe("section fixes keep the outline", () => {
    it("merging into an empty first section puts the content under its heading (heading, CRLF and label styles)", async () => {
      const text = joinLines(...HEAD, "## Description", "", "The quay closed.", "", "## Impact", "", "## Impact", "", "Fares rise.", "");
      const p = (await check(text)).find((x) => x.rule === "duplicate-section")!;
      assert.equal(apply(text, p.fixes![0].edits), joinLines(...HEAD, "## Description", "", "The quay closed.", "", "## Impact", "", "Fares rise.", ""));
      const crlf = text.replace(/\n/g, "\r\n");
      const q = (await check(crlf)).find((x) => x.rule === "duplicate-section")!;
      assert.equal(apply(crlf, q.fixes![0].edits), joinLines(...HEAD, "## Description", "", "The quay closed.", "", "## Impact", "", "Fares rise.", "").replace(/\n/g, "\r\n"));
      const label = joinLines(...HEAD, "Description: The quay closed.", "", "Impact:", "", "Impact: Fares rise.", "");
      const r = (await check(label)).find((x) => x.rule === "duplicate-section")!;
      assert.equal(apply(label, r.fixes![0].edits), joinLines(...HEAD, "Description: The quay closed.", "", "Impact: Fares rise.", ""));
    });

    it("a moved section takes its subheadings; a section under another parent or of another level is not moved", async () => {
      const text = joinLines(...HEAD, "## Impact", "", "Ferries wait.", "", "## Description", "", "The quay closed.", "", "### Background", "", "Storms in July.", "", "## Sources", "", "- [@harbour-notice]", "");
      const p = (await check(text)).find((x) => x.rule === "section-order")!;
      assert.equal(apply(text, p.fixes![0].edits), joinLines(...HEAD, "## Description", "", "The quay closed.", "", "### Background", "", "Storms in July.", "", "## Impact", "", "Ferries wait.", "", "## Sources", "", "- [@harbour-notice]", ""));
      const nested = joinLines(...HEAD, "## Overview", "", "### Impact", "", "Ferries wait.", "", "## Description", "", "The quay closed.", "");
      const q = (await check(nested)).find((x) => x.rule === "section-order");
      assert.ok(q, "section-order");
      assert.equal(q.fixes, undefined, "no fix across levels or parents");
    });
  });

  describe("duplicate-source-key's advice can be followed", () => {
    it("a text file is renamed, not given an id", async () => {
      const problems = (await fixtureService({ "/ws/sources/archive/grain-report.txt": "Old grain report.\n" })).service.libraryProblems().filter((p) => p.rule === "duplicate-source-key");
      assert.equal(problems.length, 1);
      assert.match(problems[0].message, /rename one of the files \(a text file takes its key from its file name\)/);
      assert.doesNotMatch(problems[0].message, /front matter/);
    });

    it("a Markdown source can take another id", async () => {
      const problems = (await fixtureService({ "/ws/sources/archive/harbour-notice.md": "# Old notice\n\nText.\n" })).service.libraryProblems().filter((p) => p.rule === "duplicate-source-key");
      assert.match(problems[0].message, /give one of them another "id" in its front matter/);
    });
  });

  describe("hover shows the passage the problems name", () => {
    it("not the passage that shares most words, when another holds the figure number-mismatch names", async () => {
      const trust = "---\nid: trust\ntitle: Trust notice\n---\n\nThe trust said the repairs would cost the trust less than it feared, and the trust said it would publish the accounts of the repairs once the auditors have finished.\n\nHarbour engineers replaced the pontoon and relaid the approach ramp over six weeks of the summer, a job whose final bill came to £2.3 million according to the contractor.\n";
      const { service } = await fixtureService({ "/ws/sources/trust.md": trust });
      const text = joinLines(...HEAD, "## Description", "", "The trust said the repairs cost £3.2 million [@trust].", "");
      const brief = await service.parseForLookup("/ws/test.brief.md", text);
      const ctx = service.context("/ws/test.brief.md", brief);
      const h = citationHover(ctx, brief, text.indexOf("@trust") + 2, "/ws", () => "cmd")!;
      assert.match(h.markdown, /> Harbour engineers .*\*\*£2\.3 million\*\*/);
      assert.doesNotMatch(h.markdown, /auditors/);
      // The same passage as the problem's message names.
      const p = (await service.check("/ws/test.brief.md", text)).problems.find((x) => x.rule === "number-mismatch")!;
      assert.match(p.message, /the closest (?:they hold|it holds) is "£2\.3 million"/);
      // A rule that is off names nothing: the hover is the best-supporting passage again.
      const off = await fixtureService({ "/ws/sources/trust.md": trust }, { rules: { "number-mismatch": "off" } });
      const b2 = await off.service.parseForLookup("/ws/test.brief.md", text);
      assert.match(citationHover(off.service.context("/ws/test.brief.md", b2), b2, text.indexOf("@trust") + 2, "/ws", () => "cmd")!.markdown, /auditors/);
    });

    it("a figure the source lacks: the passage with the closest figure, marked", async () => {
      const { service } = await fixtureService();
      const text = joinLines(...HEAD, "## Description", "", "The repaired quay can berth ships of up to 9,500 tonnes [@harbour-notice].", "");
      const brief = await service.parseForLookup("/ws/test.brief.md", text);
      const h = citationHover(service.context("/ws/test.brief.md", brief), brief, text.indexOf("@harbour-notice") + 2, "/ws", () => "cmd")!;
      assert.match(h.markdown, /up to \*\*9,000\*\* \*\*tonnes\*\*/);
      assert.match(h.markdown, /the figure "9,500" is not in this source; the closest it holds is "9,000"/);
    });
  });

  it("dates are dates", () => {
    assert.equal(displayDate("2025-08-22T09:30:00Z"), "2025-08-22");
    assert.equal(displayDate("2025-08-22 09:30"), "2025-08-22");
    assert.equal(displayDate("2025-08-22"), "2025-08-22");
    assert.equal(displayDate("August 2025"), "August 2025");
  });
});

describe("a bibliography's problem has its rule's severity", () => {
  it("a broken entry is source-unreadable at that rule's default, a warning; configured, it follows the config", async () => {
    const bib = '[\n  { "id": "ok-entry", "type": "report", "title": "Fine" },\n  { "type": "report", "title": "No id" }\n]\n';
    const text = joinLines(...HEAD, "## Description", "", "It is fine [@ok-entry].", "");
    const { service } = await fixtureService({ "/ws/refs.json": bib }, { bibliography: ["refs.json"] });
    await service.check("/ws/test.brief.md", text);
    const p = service.libraryProblems().filter((x) => x.uri === "/ws/refs.json");
    assert.equal(p.length, 1, JSON.stringify(p));
    assert.deepEqual([p[0].rule, p[0].severity], ["source-unreadable", "warning"]);
    const strict = await fixtureService({ "/ws/refs.json": bib }, { bibliography: ["refs.json"], rules: { "source-unreadable": "error" } });
    await strict.service.check("/ws/test.brief.md", text);
    assert.equal(strict.service.libraryProblems().find((x) => x.uri === "/ws/refs.json")?.severity, "error");
  });
});
