import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { BriefService } from "../../src/core/service";
import { nodeFileSystem, syncNodeFileSystem } from "../../src/node/fileSystem";
import { RULES } from "../../src/core/rules";
import { MemoryFileSystem } from "../../src/core/fs";

const brief = (cite: string) => `---\ntitle: T\ndate: 2025-01-01\n---\n\n# T\n\n## Description\n\nThe port "reopened on Monday morning" [@${cite}].\n\n## Impact\n\nTrade resumes.\n`;

describe("containment (real files, links and pipes)", () => {
  let tmp: string;
  let ws: string;
  let outside: string;
  beforeEach(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), "brief-contain-"));
    ws = path.join(tmp, "ws");
    outside = path.join(tmp, "outside");
    mkdirSync(path.join(ws, "sources"), { recursive: true });
    mkdirSync(outside);
    writeFileSync(path.join(outside, "secret.md"), "SECRET-LINE the port reopened on Monday evening\n");
  });
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  it("never reads a source that links outside the workspace, and says why on that file", async () => {
    symlinkSync(path.join(outside, "secret.md"), path.join(ws, "sources", "leak.md"));
    const service = new BriefService({ fs: nodeFileSystem, root: ws, batch: true });
    await service.initialize();
    assert.equal(service.library.get("leak"), undefined);
    const problems = service.libraryProblems();
    assert.ok(problems.some((p) => p.uri.endsWith("leak.md") && /outside the workspace/.test(p.message)), JSON.stringify(problems));
    const result = await service.check(path.join(ws, "a.brief.md"), brief("leak"));
    assert.ok(!JSON.stringify(result.problems).includes("SECRET"));
  });

  it("refuses a workspace config's source folder outside the workspace, on its line", async () => {
    writeFileSync(path.join(ws, ".briefrc.json"), `{\n  "sources": [\n    "sources",\n    "${outside}"\n  ]\n}\n`);
    const service = new BriefService({ fs: nodeFileSystem, root: ws, batch: true });
    await service.initialize();
    assert.equal(service.library.get("secret"), undefined);
    const p = service.configProblems.find((x) => /outside the workspace/.test(x.message));
    assert.ok(p);
    assert.equal(p!.range.start.line, 3);
  });

  it("reads a folder outside the workspace only when the user names it (--sources)", async () => {
    const service = new BriefService({ fs: nodeFileSystem, root: ws, batch: true, overrides: { sources: [outside] } });
    await service.initialize();
    assert.ok(service.library.get("secret"));
  });

  it("skips a named pipe among the sources and as a reference line's target without blocking", async function () {
    this.timeout(5000);
    execFileSync("mkfifo", [path.join(ws, "sources", "pipe.md")]);
    execFileSync("mkfifo", [path.join(ws, "ref.txt")]);
    const service = new BriefService({ fs: nodeFileSystem, root: ws, batch: true });
    await service.initialize();
    assert.equal(service.library.get("pipe"), undefined);
    const text = brief("r") + "\n[@r]: ref.txt\n";
    const result = await service.check(path.join(ws, "a.brief.md"), text);
    assert.ok(result.problems.some((p) => p.rule === "unknown-source" && /not a regular file|cannot be read|no file|regular/.test(p.message)), JSON.stringify(result.problems.map((p) => p.message)));
  });

  it("reads a settings source folder outside the workspace only when the user trusts it (user-level setting)", async () => {
    const warnings: string[] = [];
    const logger = { info: () => {}, warn: (m: string) => warnings.push(m), error: () => {} };
    // As from the workspace's own .vscode/settings.json: not trusted.
    const fromWorkspace = new BriefService({ fs: nodeFileSystem, root: ws, batch: true, settings: { sources: ["sources", outside] }, logger });
    await fromWorkspace.initialize();
    assert.equal(fromWorkspace.library.get("secret"), undefined);
    assert.ok(warnings.some((w) => w.includes(outside) && /outside the workspace/.test(w)), warnings.join("\n"));
    // The same folder in the user's own settings.
    const fromUser = new BriefService({ fs: nodeFileSystem, root: ws, batch: true, settings: { sources: ["sources", outside] }, allowedFolders: [outside] });
    await fromUser.initialize();
    assert.ok(fromUser.library.get("secret"));
    // Trust can be given and taken back with the settings.
    await fromUser.updateSettings({ sources: ["sources", outside] }, []);
    assert.equal(fromUser.library.get("secret"), undefined);
  });

  it("overlapping and doubly linked source folders never make a file a duplicate of itself", async () => {
    mkdirSync(path.join(ws, "sources", "archive"));
    writeFileSync(path.join(ws, "sources", "archive", "old-notice.md"), "# Old notice\n\nThe quay closed in May.\n");
    symlinkSync(path.join(ws, "sources", "archive"), path.join(ws, "sources", "again"));
    writeFileSync(path.join(ws, ".briefrc.json"), `{ "sources": ["sources", "sources/archive", "sources/again"] }`);
    const service = new BriefService({ fs: nodeFileSystem, root: ws });
    await service.initialize();
    assert.ok(service.library.get("old-notice"));
    assert.deepEqual(service.libraryProblems().filter((p) => p.rule === "duplicate-source-key"), []);
    assert.equal(service.library.size, 1);
  });

  it("refuses a source with a NUL byte anywhere, not only in its first 8 KiB", async () => {
    writeFileSync(path.join(ws, "sources", "late-nul.md"), Buffer.concat([Buffer.from("# Notice\n\n" + "The quay reopened. ".repeat(1000)), Buffer.from([0]), Buffer.from("tail\n")]));
    const service = new BriefService({ fs: nodeFileSystem, root: ws, batch: true });
    await service.initialize();
    assert.equal(service.library.get("late-nul"), undefined);
    assert.ok(service.libraryProblems().some((p) => p.uri.endsWith("late-nul.md") && /NUL/.test(p.message)));
  });

  it("a markdownlint config file that links outside the workspace is refused with a problem, and the brief is still checked", async () => {
    writeFileSync(path.join(outside, "md.json"), `{ "MD013": false }`);
    symlinkSync(path.join(outside, "md.json"), path.join(ws, ".markdownlint.json"));
    const service = new BriefService({ fs: nodeFileSystem, root: ws, batch: true });
    await service.initialize();
    const md = await service.markdownlintConfigFor(path.join(ws, "a.brief.md"));
    assert.ok(md.problems.some((p) => /outside the workspace/.test(p.message)), JSON.stringify(md.problems));
    const result = await service.check(path.join(ws, "a.brief.md"), brief("nothing"));
    assert.ok(result.problems.some((p) => p.rule === "unknown-source"));
  });

  it("finds briefs without looping on a link cycle, and never reads one that links outside", async () => {
    mkdirSync(path.join(ws, "briefs"));
    writeFileSync(path.join(ws, "briefs", "a.brief.md"), brief("x"));
    symlinkSync(ws, path.join(ws, "briefs", "loop"));
    writeFileSync(path.join(outside, "b.brief.md"), brief("SECRET"));
    symlinkSync(path.join(outside, "b.brief.md"), path.join(ws, "briefs", "b.brief.md"));
    const service = new BriefService({ fs: nodeFileSystem, root: ws, batch: true });
    await service.initialize();
    const found = await service.findBriefs();
    assert.ok(found.includes(path.join(ws, "briefs", "a.brief.md")));
    assert.ok(found.length <= 2, found.join("\n"));
    await assert.rejects(service.readWorkspaceFile(path.join(ws, "briefs", "b.brief.md")), /outside the workspace/);
  });

  it("offers only the templates inside the workspace, and says which it left out", async () => {
    mkdirSync(path.join(ws, ".brief-templates"));
    writeFileSync(path.join(ws, ".brief-templates", "daily.md"), "---\ntemplateName: Daily\ntitle: {{title}}\n---\n\n# {{title}}\n");
    symlinkSync(path.join(outside, "secret.md"), path.join(ws, ".brief-templates", "leak.md"));
    const service = new BriefService({ fs: nodeFileSystem, root: ws, batch: true });
    const { templates, refused } = await service.workspaceTemplates(".brief-templates");
    assert.deepEqual(templates.map((t) => t.label), ["Daily"]);
    assert.ok(refused.some((r) => r.includes("leak.md") && /outside the workspace/.test(r)), refused.join("\n"));
    assert.ok(!JSON.stringify(templates).includes("SECRET"));
    // A templates folder named outside the workspace (by workspace settings) is refused whole.
    const out = await service.workspaceTemplates(outside);
    assert.deepEqual(out.templates, []);
    assert.ok(out.refused.some((r) => /outside the workspace/.test(r)), out.refused.join("\n"));
  });

  it("the CLI's synchronous file system keeps the same guarantees: FIFOs refused without blocking, links followed, dangling links are 'other'", async () => {
    const fifo = path.join(ws, "sources", "pipe.md");
    execFileSync("mkfifo", [fifo]);
    await assert.rejects(syncNodeFileSystem.readFile(fifo), /named pipe/);
    assert.equal((await syncNodeFileSystem.stat(fifo))?.type, "other");
    symlinkSync(path.join(outside, "secret.md"), path.join(ws, "sources", "link.md"));
    assert.equal((await syncNodeFileSystem.stat(path.join(ws, "sources", "link.md")))?.symbolicLink, true);
    assert.equal(await syncNodeFileSystem.realPath!(path.join(ws, "sources", "link.md")), path.join(outside, "secret.md"));
    symlinkSync(path.join(outside, "gone.md"), path.join(ws, "sources", "dangling.md"));
    assert.equal((await syncNodeFileSystem.stat(path.join(ws, "sources", "dangling.md")))?.type, "other");
    assert.equal(await syncNodeFileSystem.stat(path.join(ws, "nothing.md")), undefined);
    assert.deepEqual((await syncNodeFileSystem.readDirectory(path.join(ws, "sources"))).sort(), [["dangling.md", "other"], ["link.md", "file"], ["pipe.md", "other"]]);
    // Through the engine: the linked-out source is refused, the pipe skipped, nothing blocks.
    const service = new BriefService({ fs: syncNodeFileSystem, root: ws, batch: true });
    await service.initialize();
    assert.equal(service.library.get("link"), undefined);
  });

  it("a source folder that disappears and comes back is re-indexed", async () => {
    writeFileSync(path.join(ws, "sources", "a.md"), "# A\n\nText.\n");
    const service = new BriefService({ fs: nodeFileSystem, root: ws });
    await service.initialize();
    assert.ok(service.library.get("a"));
    const moved = path.join(ws, "gone");
    execFileSync("mv", [path.join(ws, "sources"), moved]);
    assert.equal(await service.fileChanged(path.join(ws, "sources"), true), "source");
    assert.equal(service.library.get("a"), undefined);
    execFileSync("mv", [moved, path.join(ws, "sources")]);
    assert.equal(await service.fileChanged(path.join(ws, "sources"), false), "source");
    assert.ok(service.library.get("a"));
  });
});

describe("rule failures", () => {
  it("a rule that throws is reported once as a failure and adds no problems of its own", async () => {
    const rule = RULES.find((r) => r.name === "required-section")!;
    const original = rule.check;
    (rule as { check?: unknown }).check = () => {
      throw new Error("boom");
    };
    try {
      const service = new BriefService({ fs: new MemoryFileSystem({}), root: "/ws" });
      await service.initialize();
      const result = await service.check("/ws/a.brief.md", "# T\n\nNo sections at all.\n");
      assert.deepEqual(result.failures, [{ rule: "required-section", message: "boom" }]);
      assert.ok(!result.problems.some((p) => p.rule === "required-section"));
      assert.ok(result.problems.some((p) => p.rule === "missing-metadata"), "the other rules still run");
    } finally {
      (rule as { check?: unknown }).check = original;
    }
  });
});
