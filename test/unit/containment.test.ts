import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { BriefService } from "../../src/core/service";
import { nodeFileSystem } from "../../src/node/fileSystem";
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
