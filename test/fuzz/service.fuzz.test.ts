import * as assert from "node:assert/strict";
import fc from "fast-check";
import { fuzzIt, noteLabel } from "./harness";
import { PHRASES, RULES_ON, number, word, workspace, type Workspace } from "./arbitraries";
import { VsDoc, applyEdits, assertKeepsLineEnds, assertRange, assertSame } from "./invariants";
import { BriefService } from "../../src/core/service";
import { MemoryFileSystem } from "../../src/core/fs";
import type { Problem } from "../../src/core/types";

async function serviceFor(ws: Workspace): Promise<{ service: BriefService; fs: MemoryFileSystem }> {
  const fs = new MemoryFileSystem(ws.files);
  const service = new BriefService({ fs, root: "/ws", settings: ws.settings });
  await service.initialize();
  return { service, fs };
}

/** The text of a file as an editor shows it (UTF-8, BOM dropped, bad bytes replaced). */
function fileText(fs: MemoryFileSystem, path: string): string | undefined {
  const bytes = fs.files.get(path);
  return bytes && new TextDecoder().decode(bytes);
}

function checkRanges(ws: Workspace, fs: MemoryFileSystem, problems: readonly Problem[], what: string): void {
  const briefDoc = new VsDoc(ws.text);
  const docOf = (uri: string | undefined): VsDoc | undefined => {
    if (uri === undefined || uri === ws.path) return briefDoc;
    const t = fileText(fs, uri);
    return t === undefined ? undefined : new VsDoc(t);
  };
  problems.forEach((p, i) => {
    const label = `${what} ${i} ${p.rule} (${p.message.slice(0, 120)})`;
    const doc = docOf(p.uri);
    if (doc) assertRange(doc, p.range, label);
    for (const [j, r] of (p.related ?? []).entries()) {
      const rd = docOf(r.uri);
      if (rd) assertRange(rd, r.range, `${label} related ${j}`);
    }
    for (const [j, fix] of (p.fixes ?? []).entries()) {
      assert.ok(p.uri === undefined || p.uri === ws.path, `${label}: a fix on another file`);
      const fixed = applyEdits(briefDoc, fix.edits, `${label} fix ${j} "${fix.title}"`);
      assertKeepsLineEnds(ws.text, fixed, `${label} fix ${j} "${fix.title}"`, fix.edits);
    }
  });
}

/** A workspace for a pinned example: one brief and the main source (or the given files). */
function example(text: string, settings: Partial<Workspace["settings"]> = {}, key = "harbour-notice", files?: Record<string, string>): [Workspace] {
  return [
    {
      files: files ?? { [`/ws/sources/${key}.md`]: `---\nid: ${key}\ntitle: Main source\n---\n\nrestore the ferry timetable by the end of the week.\n\n` },
      path: "/ws/briefs/a.brief.md",
      text,
      settings: { requiredSections: [], citationRequired: [], sectionLength: {}, rules: { ...RULES_ON }, ...settings },
    },
  ];
}

/** Minimal counterexamples found by fuzzing, kept so that the bounded run always tries them. */
const FOUND: Array<[Workspace]> = [
  // parse/frontMatter.ts: an alias to an anchor never set throws out of check().
  example("---\n<<: *b\n---\n"),
  // rules/sectionEdits.ts: the inserted section uses "\n" in a CRLF (or CR) file.
  example("---\r\n---", { requiredSections: ["Description"] }),
  // rules/sourcesEdits.ts: the added Sources item uses "\n" in a CRLF file.
  example("## Description\r\n\r\n[@grain-report] \u0000\r\n\r\n\r\n## Sources\r\n", {}, "grain-report"),
  // service.ts markdownlintProblems picks "\n" as the line end of a CR-only file: the fix's "\n" (MD032, MD022,
  // MD031, MD058) lands after the line's CR, which makes a CRLF.
  example("- [@harbour-notise]\r2) [@harbour-notice]"),
  example("```\r```\r[@harbour-notice]"),
  // parse/frontMatter.ts keeps a lone CR inside a value, and the library takes the key as it is: the source's
  // key is "harbour-notice\r%YAML 1.2", and unknown-source offers to write it (a CR) into an LF brief.
  example("[@harbour-notice]\n", {}, "", { "/ws/sources/x.md": "---\nid: harbour-notice\r%YAML 1.2\n---\n" }),
  // The same key with a CR, through rules/uncited-claim.ts: "Cite @harbour-notice\r  folded line" writes a CR into an LF brief.
  example("## Description\n\nThe board will restore the ferry timetable by the end of the week.\n", { citationRequired: ["Description"] }, "", {
    "/ws/sources/x.md": "---\nid: harbour-notice\r  folded line\n---\n\nrestore the ferry timetable by the end of the week.\n",
  }),
  // rules/unused-source.ts removes the item's line with its line end; in a mixed CR/LF file the CR before
  // and the LF after it join into a CRLF.
  example("## Sources\r\r[@harbour-notice] [@a\n\n]\r[@harbour-notice]\r"),
  // service.ts: markdownlint's delete-a-line fixes (MD053) end at the next line's start; in a mixed file
  // the CR before the line and the LF after it join into a CRLF.
  example("Title\r=====\n\n## Description\n\r[@harbour-notice]: ../sources/harbour-notice.md\n\n## Sources\n"),
  // The same with MD009 emptying a line of spaces that stands between a CR and an LF.
  example("# T\r   \n"),
];

/** An edit between two checks: a word or figure of a source or of the brief replaced, or the config's threshold set. */
type Edit = { kind: "source" | "brief"; at: number; to: string } | { kind: "config"; threshold: number };
const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constantFrom<"source" | "brief">("source", "brief"), at: fc.nat(), to: fc.oneof(word, number, fc.constantFrom(...PHRASES)) }),
  fc.record({ kind: fc.constant<"config">("config"), threshold: fc.double({ min: 0, max: 1, noNaN: true }) }),
);

/** Applies an edit to the files (returning the path it wrote, for fileChanged) or to the brief's text. */
function applyEdit(fs: MemoryFileSystem, e: Edit, text: string): { text: string; path?: string } {
  const encode = (t: string) => new TextEncoder().encode(t);
  if (e.kind === "config") {
    fs.write("/ws/.briefrc.json", encode(JSON.stringify({ supportThreshold: Math.round(e.threshold * 100) / 100 })));
    return { text, path: "/ws/.briefrc.json" };
  }
  // The `at`-th word or figure (counted round) becomes `to`.
  const replaced = (t: string) => {
    const spots = [...t.matchAll(/[\p{L}\p{N}][\p{L}\p{N},.]*/gu)];
    if (spots.length === 0) return t;
    const m = spots[e.at % spots.length];
    return t.slice(0, m.index) + e.to + t.slice(m.index! + m[0].length);
  };
  if (e.kind === "brief") return { text: replaced(text) };
  const sources = [...fs.files.keys()].filter((k) => k.startsWith("/ws/sources/")).sort();
  if (sources.length === 0) return { text };
  const path = sources[e.at % sources.length];
  fs.write(path, encode(replaced(new TextDecoder().decode(fs.files.get(path)))));
  return { text, path };
}

describe("fuzz: BriefService.check (every rule, over a MemoryFileSystem)", () => {
  fuzzIt("never throws; problems, related ranges and fix edits inside their documents; fixes keep the file's line ends", 600, () =>
    fc.asyncProperty(workspace, async (ws) => {
      const { service, fs } = await serviceFor(ws);
      const { problems } = await service.check(ws.path, ws.text);
      for (const p of problems) noteLabel(`rule ${p.rule}${p.fixes?.length ? " (with fix)" : ""}`);
      checkRanges(ws, fs, problems, "problem");
      const libraryProblems = service.libraryProblems();
      for (const p of libraryProblems) noteLabel(`library rule ${p.rule}`);
      checkRanges(ws, fs, libraryProblems, "library problem");
      const configDoc = new VsDoc(fileText(fs, service.configFile) ?? "");
      service.configProblems.forEach((p, i) => assertRange(configDoc, p.range, `config problem ${i} (${p.message})`));
    }),
    FOUND,
  );

  // What a service remembers across checks (evidence, verdicts, the claim rules' per-sentence
  // problems, a source's figures) must never outlive what it was worked out from.
  fuzzIt("remembered across edits: after a source, the brief or the config changes, one service checks as a fresh one does", 60, () =>
    fc.asyncProperty(workspace, fc.array(edit, { minLength: 1, maxLength: 5 }), async (ws, edits) => {
      const outcome = async (service: BriefService, text: string) =>
        service.check(ws.path, text).then((r) => ({ problems: r.problems, claims: r.claims }), (e: Error) => ({ threw: String(e?.message ?? e) }));
      const live = await serviceFor(ws);
      let text = ws.text;
      await outcome(live.service, text);
      for (const e of edits) {
        const changed = applyEdit(live.fs, e, text);
        text = changed.text;
        if (changed.path) await live.service.fileChanged(changed.path);
        noteLabel(`edit ${e.kind}${changed.path || changed.text !== text ? "" : " (no change)"}`);
        const fresh = new BriefService({ fs: new MemoryFileSystem(Object.fromEntries(live.fs.files)), root: "/ws", settings: ws.settings });
        await fresh.initialize();
        assertSame(await outcome(live.service, text), await outcome(fresh, text), `after ${JSON.stringify(e)}`);
      }
    }),
  );

  fuzzIt("deterministic: the same problems twice on one service and on a fresh one", 200, () =>
    fc.asyncProperty(workspace, async (ws) => {
      // Outcomes, a thrown error included: crashes are the property above's to report.
      const outcome = async (service: BriefService) => service.check(ws.path, ws.text).then((r) => ({ problems: r.problems }), (e: Error) => ({ threw: String(e?.message ?? e) }));
      const a = await serviceFor(ws);
      const first = await outcome(a.service);
      assertSame(first, await outcome(a.service), "check twice on one service");
      const b = await serviceFor(ws);
      assertSame(first, await outcome(b.service), "check on two fresh services");
      assertSame(a.service.libraryProblems(), b.service.libraryProblems(), "library problems on two fresh services");
    }),
  );
});
