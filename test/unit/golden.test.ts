/**
 * The CLI's JSON report on the demo workspace and on a generated corpus of news-sized sources is
 * byte for byte the one committed in test/fixtures/golden/: a change of the engine's parts changes
 * no output unless this file's goldens are rewritten with it (BRIEF_AUTHOR_WRITE_GOLDEN=1), and the
 * diff then shows what changed.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runCli } from "./helpers";
import { generateCorpus } from "../../scripts/bench/corpus";

const GOLDEN = path.join(__dirname, "..", "fixtures", "golden");
const write = process.env.BRIEF_AUTHOR_WRITE_GOLDEN === "1";

function compare(name: string, out: string): void {
  const file = path.join(GOLDEN, name);
  if (write) fs.writeFileSync(file, out);
  const want = fs.readFileSync(file, "utf8");
  if (out === want) return;
  // The first differing line, for the failure message (the whole report is long).
  const a = out.split("\n");
  const b = want.split("\n");
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  assert.fail(`${name} differs from the golden at line ${i + 1}:\n  now:    ${a[i]}\n  golden: ${b[i]}`);
}

describe("the CLI's report is unchanged (golden files)", function () {
  this.timeout(120_000);

  it("on the demo workspace (examples/)", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "brief-golden-examples-"));
    fs.cpSync(path.join(__dirname, "..", "..", "examples"), dir, { recursive: true });
    const r = await runCli(["check", "--format", "json"], dir);
    assert.equal(r.code, 1, r.err);
    compare("examples.json", r.out);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("on 300 news-sized sources and 40 briefs (the bench's second corpus, smaller)", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "brief-golden-news-"));
    const corpus = generateCorpus(dir, { sources: 300, briefs: 40, profile: "news" });
    assert.ok(corpus.sourceBytes / 300 > 2048 && corpus.sourceBytes / 300 < 10240, `${corpus.sourceBytes / 300} bytes a source`);
    const r = await runCli(["check", "briefs", "--format", "json"], dir);
    assert.ok(r.code === 0 || r.code === 1, r.err);
    compare("news.json", r.out);
    // The same briefs checked one at a time report what the full check reports for each.
    const full = JSON.parse(r.out) as { problems: Array<{ file: string }> };
    for (const b of ["briefs/b0.brief.md", "briefs/b17.brief.md"]) {
      const one = JSON.parse((await runCli(["check", b, "--format", "json"], dir)).out) as { problems: Array<{ file: string }> };
      assert.deepEqual(one.problems.filter((p) => p.file === b), full.problems.filter((p) => p.file === b));
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
