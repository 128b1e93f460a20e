import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { execFileSync } from "node:child_process";
import { runCli } from "./helpers";
import { RULES } from "../../src/core/rules";

/** A small workspace on disk: config, two sources, a clean brief and one with an error. */
function workspace(config = '{\n  // comment\n  "sources": ["sources"]\n}\n'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "brief-cli-"));
  fs.mkdirSync(path.join(dir, "sources"));
  fs.mkdirSync(path.join(dir, "briefs"));
  fs.writeFileSync(path.join(dir, ".briefrc.json"), config);
  fs.writeFileSync(path.join(dir, "sources", "mill-notice.md"), "---\nid: mill-notice\ntitle: Mill notice\n---\n\nThe Arnsby mill closed its doors on 2 June after 140 years of work.\n");
  const head = "---\ntype: brief\ntitle: Mill\ndate: 2026-06-03\n---\n\n# Mill\n\n";
  fs.writeFileSync(path.join(dir, "briefs", "clean.brief.md"), head + "## Description\n\nThe Arnsby mill closed its doors on 2 June after 140 years [@mill-notice].\n\n## Impact\n\nJobs move to the town.\n");
  fs.writeFileSync(path.join(dir, "briefs", "wrong.brief.md"), head + "## Description\n\nThe Arnsby mill closed its doors after 140 years [@mill-notise].\n");
  return dir;
}

const run = runCli;

describe("brief-author check", () => {
  it("a bibliography's unreadable entry is reported on the bibliography, and citing it says why (with and without --cache)", async function () {
    this.timeout(60_000);
    const dir = workspace();
    fs.writeFileSync(path.join(dir, "refs.bib"), "@report{good-entry,\n  title = {Mill accounts},\n  year = {2026}\n}\n\n@report{broken-entry,\n  title = {Unclosed,\n  year = {2026}\n\n");
    fs.writeFileSync(path.join(dir, "briefs", "bib.brief.md"), "---\ntype: brief\ntitle: Bib\ndate: 2026-06-03\nbibliography: ../refs.bib\n---\n\n# Bib\n\n## Description\n\nThe mill kept accounts [@good-entry]. The mill closed [@broken-entry].\n\n## Impact\n\nNone.\n");
    const once = await run(["check", "briefs/bib.brief.md", "--format", "json"], dir);
    const report = JSON.parse(once.out) as { problems: Array<{ file: string; line: number; rule: string; severity: string; message: string }> };
    const onBib = report.problems.filter((p) => p.file === "refs.bib");
    assert.equal(onBib.length, 1, once.out);
    assert.deepEqual([onBib[0].rule, onBib[0].severity, onBib[0].line], ["source-unreadable", "warning", 6]);
    assert.match(onBib[0].message, /entry "broken-entry" is not closed/);
    const cited = report.problems.find((p) => p.file === "briefs/bib.brief.md" && /broken-entry/.test(p.message))!;
    assert.equal(cited.rule, "unknown-source");
    assert.match(cited.message, /source "@broken-entry" cannot be checked: its entry in refs\.bib \(line 6\) cannot be read: entry "broken-entry" is not closed/);
    assert.doesNotMatch(cited.message, /no source in/);
    // The cache gives the same report, byte for byte, on the run that stores and on the one that reads.
    for (let i = 0; i < 2; i++) assert.equal((await run(["check", "briefs/bib.brief.md", "--format", "json", "--cache"], dir)).out, once.out);
  });

  it("a brief of one 10 MB line: a JSON report of every problem, exit 0 (no internal error, no stack overflow)", async function () {
    this.timeout(120_000);
    const dir = workspace();
    const line = "The ferry crossed the bay again. ".repeat(320_000);
    fs.writeFileSync(path.join(dir, "briefs", "huge.brief.md"), `---\ntype: brief\ntitle: Huge\ndate: 2026-06-03\n---\n\n# Huge\n\n## Description\n\n${line}\n\n## Impact\n\nNone.\n`);
    const r = await run(["check", "briefs/huge.brief.md", "--format", "json"], dir);
    assert.equal(r.err.includes("internal error"), false, r.err);
    assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.err}`);
    const report = JSON.parse(r.out) as { files: number; problems: Array<{ rule: string }> };
    assert.equal(report.files, 1);
    // Every sentence is an uncited claim: hundreds of thousands of problems, all reported.
    assert.equal(report.problems.filter((p) => p.rule === "uncited-claim").length, 320_000);
  });

  it("text: one problem a line, file:line:column: severity rule message, exit 1 on an error", async () => {
    const dir = workspace();
    const r = await run(["check", "briefs"], dir);
    assert.equal(r.code, 1);
    const lines = r.out.trim().split("\n");
    assert.ok(lines.includes('briefs/wrong.brief.md:7:1: error required-section required section "Impact" is missing: add a "## Impact" heading or a paragraph that starts with "Impact:"'), r.out);
    assert.ok(lines.some((l) => l.startsWith("briefs/wrong.brief.md:11:51: error unknown-source unknown source \"@mill-notise\"")), r.out);
    // A brief without problems has no problem line; each brief with claims has one summary line of its verdicts.
    assert.ok(!lines.some((l) => /^briefs\/clean\.brief\.md:\d+:/.test(l)), r.out);
    assert.ok(lines.includes("briefs/clean.brief.md: 1 claim: 1 confirmed, 0 contradicted, 0 unverified"), r.out);
    assert.ok(lines.includes("briefs/wrong.brief.md: 1 claim: 0 confirmed, 0 contradicted, 1 unverified"), r.out);
    // Every severity named: the parts add up to the whole.
    const m = /2 briefs checked against 1 source: (\d+) problems \((\d+) errors?, (\d+) warnings?, (\d+) infos?\)/.exec(r.err);
    assert.ok(m, r.err);
    assert.equal(Number(m[2]), 2);
    assert.equal(Number(m[1]), Number(m[2]) + Number(m[3]) + Number(m[4]));
    assert.equal(Number(m[1]), lines.filter((l) => /^[^:]+:\d+:\d+: /.test(l)).length);
  });

  it("json: files and 1-based problems relative to the current folder", async () => {
    const dir = workspace();
    const r = await run(["check", "--format", "json"], dir);
    const json = JSON.parse(r.out);
    assert.equal(json.files, 2);
    const p = json.problems.find((x: { rule: string }) => x.rule === "unknown-source");
    assert.deepEqual(p, { file: "briefs/wrong.brief.md", line: 11, column: 51, endLine: 11, endColumn: 63, severity: "error", rule: "unknown-source", message: p.message });
    assert.equal(r.code, 1);
  });

  it("claims: every claim with its verdict in JSON (with --cache too), the verdict in each SARIF result's properties", async function () {
    this.timeout(60_000);
    const dir = workspace();
    const head = "---\ntype: brief\ntitle: Mill\ndate: 2026-06-03\n---\n\n# Mill\n\n";
    fs.writeFileSync(path.join(dir, "briefs", "verdicts.brief.md"), head + "## Description\n\nThe Arnsby mill closed its doors on 2 June after 140 years of work [@mill-notice]. The Arnsby mill closed its doors on 9 June after 140 years of work [@mill-notice]. The mill owners plan a museum on the site [@mill-notice].\n\n## Impact\n\nJobs move to the town.\n");
    type Claim = { file: string; line: number; column: number; endLine: number; endColumn: number; keys: string[]; verdict: string; rules: string[]; passage: { key: string; text: string } | null };
    for (const args of [["--format", "json"], ["--format", "json", "--cache"], ["--format", "json", "--cache"]]) {
      const r = await run(["check", "briefs/verdicts.brief.md", ...args], dir);
      const claims = (JSON.parse(r.out) as { claims: Claim[] }).claims;
      assert.deepEqual(claims.map((c) => [c.line, c.column, c.verdict]), [[11, 1, "confirmed"], [11, 84, "contradicted"], [11, 167, "unverified"]], r.out);
      assert.deepEqual(claims[1].rules, ["number-mismatch"]);
      assert.deepEqual(claims[0].keys, ["mill-notice"]);
      assert.equal(claims[0].passage?.key, "mill-notice");
      assert.match(claims[0].passage?.text ?? "", /^The Arnsby mill closed its doors on 2 June/);
      assert.ok(claims.every((c) => c.file === "briefs/verdicts.brief.md" && c.endLine === 11));
    }
    const sarif = JSON.parse((await run(["check", "briefs/verdicts.brief.md", "--format", "sarif"], dir)).out);
    const result = sarif.runs[0].results.find((x: { ruleId: string }) => x.ruleId === "number-mismatch");
    assert.deepEqual(result.properties, { verdict: "contradicted", keys: ["mill-notice"] });
    const rule = sarif.runs[0].tool.driver.rules.find((x: { id: string }) => x.id === "unverified-claim");
    assert.deepEqual(rule.defaultConfiguration, { enabled: false, level: "warning" });
  });

  it("sarif: 2.1.0, one run, every rule described in the driver, results with locations", async () => {
    const dir = workspace();
    const r = await run(["check", "briefs/wrong.brief.md", "--format", "sarif"], dir);
    const log = JSON.parse(r.out);
    assert.equal(log.version, "2.1.0");
    assert.equal(log.runs.length, 1);
    const ids = log.runs[0].tool.driver.rules.map((x: { id: string }) => x.id);
    for (const rule of RULES) assert.ok(ids.includes(rule.name), rule.name);
    assert.ok(log.runs[0].tool.driver.rules.every((x: { helpUri?: string }) => x.helpUri));
    const res = log.runs[0].results.find((x: { ruleId: string }) => x.ruleId === "unknown-source");
    assert.equal(res.level, "error");
    assert.deepEqual(res.locations[0].physicalLocation.artifactLocation, { uri: "briefs/wrong.brief.md" });
    assert.equal(res.locations[0].physicalLocation.region.startLine, 11);
    assert.equal(ids[res.ruleIndex], "unknown-source");
  });

  it("exit 0 when nothing has severity error", async () => {
    const dir = workspace();
    assert.equal((await run(["check", "briefs/clean.brief.md"], dir)).code, 0);
  });

  it("exit 2 with a one-line reason for usage errors, no stack trace", async () => {
    const dir = workspace();
    for (const [argv, re] of [
      [["check", "--bogus"], /Unknown option '--bogus'/],
      [["check", "--format", "xml"], /unknown format "xml"/],
      [["check", "missing-folder"], /no such file or folder: missing-folder/],
      [["check", "--config", "nope.json"], /config file not found: nope.json/],
      [["check", "--sources", "nowhere"], /source folder not found: nowhere/],
      [["lint"], /unknown command "lint"/],
    ] as Array<[string[], RegExp]>) {
      const r = await run(argv, dir);
      assert.equal(r.code, 2, argv.join(" "));
      assert.match(r.err, re);
      assert.equal(r.err.trim().split("\n").length, 1, r.err);
      assert.ok(!/\n\s+at /.test(r.err));
    }
  });

  it("exit 2 on an invalid config file, with its line, while still checking with the defaults", async () => {
    const dir = workspace('{\n  "sources": ["sources"],\n  "rules": { "uncited-claim": "loud" }\n}\n');
    const r = await run(["check", "briefs", "--format", "json"], dir);
    assert.equal(r.code, 2);
    assert.match(r.err, /\.briefrc\.json:3: "rules" at line 3: the value of "uncited-claim" must be one of/);
    assert.ok(JSON.parse(r.out).problems.some((p: { rule: string }) => p.rule === "unknown-source"));
    const broken = workspace('{\n  "sources": ["sources"]\n  "files": []\n}');
    const b = await run(["check", "briefs"], broken);
    assert.equal(b.code, 2);
    assert.match(b.err, /invalid JSON at line 3, column 3/);
  });

  it("--sources overrides the config file, --help and --version answer", async () => {
    const dir = workspace();
    fs.mkdirSync(path.join(dir, "other"));
    fs.writeFileSync(path.join(dir, "other", "mill-notise.txt"), "Mill notice copy\n\nThe Arnsby mill closed its doors after 140 years.\n");
    const r = await run(["check", "briefs/wrong.brief.md", "--sources", "other", "--format", "json"], dir);
    assert.ok(!JSON.parse(r.out).problems.some((p: { rule: string }) => p.rule === "unknown-source"), r.out);
    assert.match((await run(["--help"], dir)).out, /Usage: brief-author check/);
    assert.match((await run(["--version"], dir)).out, /^\d+\.\d+\.\d+/);
  });

  it("reports a binary or non-UTF-8 source on that file (when the library is checked) and checks the rest", async () => {
    const dir = workspace();
    fs.writeFileSync(path.join(dir, "sources", "scan.txt"), Buffer.from([0x50, 0x4b, 0x00, 0x03]));
    fs.writeFileSync(path.join(dir, "sources", "latin.txt"), Buffer.from("Caf\xe9", "latin1"));
    const r = await run(["check", "briefs/clean.brief.md", "sources"], dir);
    assert.match(r.out, /^sources\/latin\.txt:1:1: warning source-unreadable source is not valid UTF-8 text/m);
    assert.match(r.out, /^sources\/scan\.txt:1:1: warning source-unreadable source is a binary file/m);
    assert.equal(r.code, 0);
  });

  it("checks examples/ from the repository root with examples/.briefrc.json: planted problems, clean briefs clean", async () => {
    const repo = path.join(__dirname, "..", "..");
    const r = await run(["check", "examples", "--format", "json"], repo);
    const problems = JSON.parse(r.out).problems as Array<{ file: string; rule: string }>;
    const rulesOf = (f: string) => new Set(problems.filter((p) => p.file === `examples/briefs/${f}`).map((p) => p.rule));
    assert.equal(rulesOf("valmora-strike-ends.brief.md").size, 0, r.out);
    assert.equal(rulesOf("grey-strait-cable.brief.md").size, 0, r.out);
    const draft = rulesOf("draft-with-problems.brief.md");
    for (const rule of ["section-order", "duplicate-section", "uncited-claim", "quote-mismatch", "number-mismatch", "weak-support", "unknown-source", "malformed-citation", "unused-source", "unlisted-source"]) assert.ok(draft.has(rule), rule);
    assert.ok(rulesOf("missing-impact.brief.md").has("required-section"));
    assert.ok(rulesOf("untitled-note.brief.md").has("missing-metadata") && rulesOf("untitled-note.brief.md").has("empty-section"));
    assert.ok(problems.some((p) => p.file === "examples/sources/archive/lunet-grid-report.txt" && p.rule === "duplicate-source-key"));
    assert.equal(r.code, 1);
  });

  it("the bundled CLI runs (dist/cli.js)", function () {
    this.timeout(60000);
    const cli = path.join(__dirname, "..", "..", "dist", "cli.js");
    if (!fs.existsSync(cli)) execFileSync("npm", ["run", "build"], { cwd: path.join(__dirname, "..", ".."), stdio: "ignore" });
    const dir = workspace();
    let out = "";
    try {
      execFileSync(process.execPath, [cli, "check", "--format", "json"], { cwd: dir, encoding: "utf8" });
      assert.fail("expected exit status 1");
    } catch (e) {
      const err = e as { status: number; stdout: string };
      assert.equal(err.status, 1);
      out = err.stdout;
    }
    assert.equal(JSON.parse(out).files, 2);
  });
});

describe("brief-author check: what fails a check", () => {
  const warnOnly = (dir: string) => {
    // A brief whose only problem is a warning (an unused source in its Sources section).
    fs.writeFileSync(path.join(dir, "briefs", "warn.brief.md"), "---\ntype: brief\ntitle: Mill\ndate: 2026-06-03\n---\n\n# Mill\n\n## Description\n\nThe Arnsby mill closed its doors on 2 June after 140 years [@mill-notice].\n\n## Impact\n\nJobs move to the town.\n\n## Sources\n\n- [@mill-notice]\n- [@other-notice]\n");
    fs.writeFileSync(path.join(dir, "sources", "other-notice.md"), "# Other\n\nSomething else.\n");
  };

  it("--fail-on warning fails on a warning; --fail-on information on anything; the default only on errors", async () => {
    const dir = workspace();
    warnOnly(dir);
    assert.equal((await run(["check", "briefs/warn.brief.md"], dir)).code, 0);
    assert.equal((await run(["check", "briefs/warn.brief.md", "--fail-on", "warning"], dir)).code, 1);
    assert.equal((await run(["check", "briefs/clean.brief.md", "--fail-on", "warning"], dir)).code, 0);
    const bad = await run(["check", "briefs", "--fail-on", "notice"], dir);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /unknown --fail-on "notice"/);
  });

  it("--max-warnings N fails when there are more than N warnings, as ESLint's", async () => {
    const dir = workspace();
    warnOnly(dir);
    assert.equal((await run(["check", "briefs/warn.brief.md", "--max-warnings", "1"], dir)).code, 0);
    const over = await run(["check", "briefs/warn.brief.md", "--max-warnings", "0"], dir);
    assert.equal(over.code, 1);
    assert.match(over.err, /more than 0 warnings \(--max-warnings\)/);
    assert.equal((await run(["check", "briefs", "--max-warnings", "many"], dir)).code, 2);
  });

  it("a library problem no checked brief is about (a duplicate key in an archive) does not fail a check of one brief; a check of the folder reports it", async () => {
    const dir = workspace();
    fs.mkdirSync(path.join(dir, "sources", "archive"));
    fs.writeFileSync(path.join(dir, "sources", "archive", "mill-notice.md"), "---\nid: mill-notice\n---\n\nAn older copy.\n");
    const one = await run(["check", "briefs/clean.brief.md"], dir);
    assert.equal(one.code, 0, one.out);
    assert.ok(!one.out.includes("duplicate-source-key"), one.out);
    const all = await run(["check", "."], dir);
    assert.ok(all.out.includes("sources/archive/mill-notice.md:"), all.out);
    assert.ok(all.out.includes("duplicate-source-key"), all.out);
  });
});
