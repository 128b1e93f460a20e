/**
 * `npm run bench`: every speed, memory and size target, measured on a generated workspace of
 * 10,000 sources and 1,000 briefs (about 5 KB each), all text generated here from a made-up
 * vocabulary (fixed seed: the figures stay comparable from run to run).
 *   1. full check, cold: `brief-author check briefs` vs markdownlint-cli2 alone on the same briefs,
 *      run alternately; wall time, CPU (user+sys) and peak RSS of the child (by /usr/bin/time)
 *   2. full check, warm with `--cache` (when the CLI has it): nothing changed, one brief changed
 *   3-5. in process, as the editor uses the engine (scripts/bench/inproc.ts, in a child process of
 *      its own so that its memory is the engine's only): time to a full index, first diagnostics,
 *      memory, re-reading one changed source, re-check on type, hover, completion ranking
 *   6. extension bundle load (module evaluation, `vscode` stubbed)
 *   7. production bundle sizes (built into a temp folder; dist/ is left alone)
 * Prints one table (measure | measured | target | met?) and the machine, writes
 * test-results/bench.json. A missed target is reported, not an error: the exit status is 0 unless
 * the bench itself breaks. Progress goes to stderr.
 *
 * Env: BENCH_SOURCES, BENCH_BRIEFS (corpus size), BENCH_DIR (keep the generated workspace there),
 * BENCH_GENERATE_ONLY (generate and stop), BENCH_RUNS (cold runs of each tool, default 5, min 3).
 */
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { median } from "./bench/stats";
import { runChild } from "./bench/child";
import { generateCorpus, type Corpus } from "./bench/corpus";

const SOURCES = Number(process.env.BENCH_SOURCES ?? 10000);
const BRIEFS = Number(process.env.BENCH_BRIEFS ?? 1000);
// BENCH_DIR keeps the generated workspace (and reuses it when it exists) for profiling.
const keep = process.env.BENCH_DIR;
const base = keep ? path.resolve(keep) : fs.mkdtempSync(path.join(os.tmpdir(), "brief-bench-"));
/** The two corpora: news-sized sources (2–10 KB, the size analysts cite), and the first, small one (about 1.4 KB). */
const corpora = { news: path.join(base, "news"), small: path.join(base, "small") };
const repo = path.resolve(__dirname, "..");

// ---------------------------------------------------------------------------------------------
// Results

interface Measure {
  name: string;
  /** null when not measured (not available, error). */
  value: number | null;
  unit: string;
  /** The absolute target (value <= target meets it); null for information only. */
  target: number | null;
  /** How the target reads, e.g. "<= 1.0 x markdownlint-cli2 (3,236 ms)". */
  targetText: string;
  met: boolean | null;
  /** "not available", "error: ...", "not measured (...)" when value is null. */
  status?: string;
  note?: string;
}

const measures: Measure[] = [];
const log = (s: string) => process.stderr.write(`bench: ${s}\n`);
const errorText = (e: unknown) => String((e as Error)?.message ?? e).split("\n").filter(Boolean).slice(0, 2).join(" | ");

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;

function fmt(value: number, unit: string): string {
  const digits = unit === "ms" ? (value < 10 ? 2 : value < 100 ? 1 : 0) : unit === "MB" ? (value < 10 ? 1 : 0) : 0;
  const n = value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return unit === "bytes" ? `${n} bytes (${(value / 1024).toFixed(0)} KiB)` : `${n} ${unit}`;
}

/** A measure with a target: met when value <= target. */
function record(name: string, value: number, unit: string, target: number, targetText?: string, note?: string) {
  measures.push({ name, value, unit, target, targetText: targetText ?? `<= ${fmt(target, unit)}`, met: value <= target, note });
}

/** A figure without a target. */
function info(name: string, value: number, unit: string, note?: string) {
  measures.push({ name, value, unit, target: null, targetText: "(information)", met: null, note });
}

/** A measure that has no figure this time. */
function absent(name: string, status: string, targetText: string, unit = "ms") {
  measures.push({ name, value: null, unit, target: null, targetText, met: null, status });
}

/**
 * Runs one group of measures; when it throws, each of its rows not yet recorded says "error: ...".
 * `rows` are [name, target text] pairs of the rows it would record.
 */
async function group(title: string, rows: Array<[string, string]>, fn: () => Promise<void> | void): Promise<void> {
  log(title);
  const start = Date.now();
  try {
    await fn();
  } catch (e) {
    log(`${title}: error: ${errorText(e)}`);
    for (const [name, targetText] of rows) if (!measures.some((m) => m.name === name)) absent(name, `error: ${errorText(e)}`, targetText);
  }
  log(`${title}: done in ${((Date.now() - start) / 1000).toFixed(1)} s`);
}

function machine() {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model?.trim() ?? "unknown",
    cpuCount: cpus.length,
    totalMemoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverageAtStart: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

// ---------------------------------------------------------------------------------------------
// Child processes

const HAS_TIME = fs.existsSync("/usr/bin/time");
/** One CLI run that takes longer than this is taken for a hang: killed and reported. */
const RUN_TIMEOUT_MS = 120_000;

interface ChildRun {
  wallMs: number;
  /** user + sys, by /usr/bin/time; undefined without it. */
  cpuMs?: number;
  /** Peak RSS in KiB, by /usr/bin/time. */
  maxRssKb?: number;
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs `node <args>` in `cwd` under /usr/bin/time (when there); throws unless it exits with one of `okStatus`. */
async function runNode(work: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env, okStatus: number[] = [0, 1]): Promise<ChildRun> {
  const timeFile = path.join(work, `time-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  const [cmd, cmdArgs] = HAS_TIME ? ["/usr/bin/time", ["-f", "%e %U %S %M", "-o", timeFile, process.execPath, ...args]] : [process.execPath, args];
  const r = await runChild(cmd, cmdArgs as string[], { work, cwd, env, timeoutMs: RUN_TIMEOUT_MS });
  let cpuMs: number | undefined;
  let maxRssKb: number | undefined;
  if (HAS_TIME && fs.existsSync(timeFile)) {
    // With a non-zero exit, GNU time writes "Command exited with non-zero status N" first.
    const last = fs.readFileSync(timeFile, "utf8").trim().split("\n").pop() ?? "";
    const [, user, sys, rss] = last.split(/\s+/).map(Number);
    if ([user, sys, rss].every(Number.isFinite)) {
      cpuMs = (user + sys) * 1000;
      maxRssKb = rss;
    }
  }
  fs.rmSync(timeFile, { force: true });
  const what = `node ${args.map((a) => path.basename(a)).join(" ")}`;
  if (r.timedOut) throw new Error(`${what}: no exit after ${RUN_TIMEOUT_MS / 1000} s, killed`);
  if (r.signal) throw new Error(`${what}: killed by ${r.signal}`);
  if (!okStatus.includes(r.status ?? -1)) throw new Error(`${what}: exit status ${r.status}: ${r.stderr.trim().split("\n").slice(-3).join(" | ")}`);
  return { wallMs: r.wallMs, cpuMs, maxRssKb, status: r.status ?? 0, stdout: r.stdout, stderr: r.stderr };
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const benchStart = Date.now();
  const host = machine();
  const generated: Record<string, Corpus> = {};
  for (const profile of ["news", "small"] as const) {
    const genStart = Date.now();
    const root = corpora[profile];
    generated[profile] = generateCorpus(root, { sources: SOURCES, briefs: BRIEFS, profile });
    const c = generated[profile];
    log(`generated the ${profile} corpus: ${SOURCES} sources (${mb(c.sourceBytes)}, ${Math.round(c.sourceBytes / SOURCES)} bytes each) and ${BRIEFS} briefs (${Math.round(c.briefBytes / BRIEFS)} bytes each) in ${root} in ${Date.now() - genStart} ms`);
  }
  if (process.env.BENCH_GENERATE_ONLY) return;
  const label = (profile: "news" | "small") => `${profile} corpus, ${mb(generated[profile].sourceBytes)} of sources`;

  const cli = path.join(repo, "dist", "cli.js");
  if (!fs.existsSync(cli)) execFileSync("npm", ["run", "build"], { cwd: repo, stdio: ["ignore", process.stderr, process.stderr] });
  const mdcli = path.join(repo, "node_modules", "markdownlint-cli2", "markdownlint-cli2-bin.mjs");
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "brief-bench-work-"));
  const runs = Math.max(3, Number(process.env.BENCH_RUNS ?? 5) || 5);
  const oursArgs = [cli, "check", "briefs", "--format", "json"];
  const theirsArgs = [mdcli, "briefs/**/*.md"];
  /** markdownlint-cli2's median wall time on the small corpus: the yardstick of the warm figures too. */
  let mdWallMs: number | undefined;
  let coldProblems: number | undefined;

  try {
    for (const profile of ["news", "small"] as const) {
    const root = corpora[profile];
    // 1. Full check, cold ---------------------------------------------------------------------
    const coldWall = `full check, cold [${label(profile)}]: wall time (median of ${runs}, alternating with markdownlint-cli2)`;
    const coldCpu = `full check, cold [${profile}]: CPU user+sys of the child (median of ${runs})`;
    const coldRss = `full check, cold [${profile}]: peak RSS of the child (median of ${runs})`;
    await group(`1. full check, cold, ${profile} corpus: ${runs} runs of each, alternating`, [[coldWall, "<= 1.0 x markdownlint-cli2"], [coldCpu, "<= 1.5 x markdownlint-cli2"], [coldRss, "<= 1.5 x markdownlint-cli2"]], async () => {
      const ours: ChildRun[] = [];
      const theirs: ChildRun[] = [];
      // A failed or hung run is reported with the figures of the others; two failures of one tool end the series.
      const failed = { ours: [] as string[], theirs: [] as string[] };
      const show = (r?: ChildRun) => (r ? `${r.wallMs.toFixed(0)} ms${r.cpuMs !== undefined ? ` (cpu ${r.cpuMs.toFixed(0)} ms, rss ${((r.maxRssKb ?? 0) / 1024).toFixed(0)} MB)` : ""}` : "failed");
      for (let i = 0; i < runs && failed.ours.length < 2 && failed.theirs.length < 2; i++) {
        let o: ChildRun | undefined;
        let t: ChildRun | undefined;
        const cache = fs.mkdtempSync(path.join(work, "cold-cache-"));
        try {
          o = await runNode(work, oursArgs, root, { ...process.env, BRIEF_AUTHOR_CACHE: cache });
          const json = JSON.parse(o.stdout) as { files: number; problems: unknown[] };
          if (json.files !== BRIEFS) throw new Error(`brief-author checked ${json.files} briefs, not ${BRIEFS}`);
          if (profile === "small") coldProblems ??= json.problems.length;
          ours.push(o);
        } catch (e) {
          o = undefined;
          failed.ours.push(errorText(e));
          log(`  brief-author run ${i + 1} failed: ${errorText(e)}`);
        } finally {
          fs.rmSync(cache, { recursive: true, force: true });
        }
        try {
          t = await runNode(work, theirsArgs, root);
          const linted = /Linting: (\d+) file/.exec(t.stdout + t.stderr);
          if (linted && Number(linted[1]) !== BRIEFS) throw new Error(`markdownlint-cli2 linted ${linted[1]} files, not ${BRIEFS}`);
          theirs.push(t);
        } catch (e) {
          t = undefined;
          failed.theirs.push(errorText(e));
          log(`  markdownlint-cli2 run ${i + 1} failed: ${errorText(e)}`);
        }
        log(`  run ${i + 1}/${runs}: brief-author ${show(o)}, markdownlint-cli2 ${show(t)}`);
      }
      if (!theirs.length) throw new Error(`every markdownlint-cli2 run failed: ${failed.theirs[0]}`);
      const theirWall = median(theirs.map((r) => r.wallMs));
      if (profile === "small") mdWallMs = theirWall;
      if (!ours.length) {
        // The yardstick is kept (the warm measures use it) though there is nothing to compare.
        info(`markdownlint-cli2 alone on the same briefs [${profile}]: wall time (median of ${theirs.length})`, theirWall, "ms");
        throw new Error(`every brief-author run failed: ${failed.ours[0]}`);
      }
      const failures = [
        failed.ours.length ? `${failed.ours.length} brief-author run(s) FAILED, medians of ${ours.length}: ${failed.ours[0]}` : "",
        failed.theirs.length ? `${failed.theirs.length} markdownlint-cli2 run(s) failed, medians of ${theirs.length}: ${failed.theirs[0]}` : "",
      ].filter(Boolean);
      const ratio = (a: number, b: number) => `${(a / b).toFixed(2)} x markdownlint-cli2`;
      const ow = median(ours.map((r) => r.wallMs));
      const tw = theirWall;
      record(coldWall, ow, "ms", tw, `<= 1.0 x markdownlint-cli2 (${fmt(tw, "ms")})`, [ratio(ow, tw), ...failures].join("; "));
      if (!HAS_TIME || ours.some((r) => r.cpuMs === undefined) || theirs.some((r) => r.cpuMs === undefined)) {
        absent(coldCpu, "not measured (no /usr/bin/time)", "<= 1.5 x markdownlint-cli2");
        absent(coldRss, "not measured (no /usr/bin/time)", "<= 1.5 x markdownlint-cli2", "MB");
        return;
      }
      const oc = median(ours.map((r) => r.cpuMs!));
      const tc = median(theirs.map((r) => r.cpuMs!));
      record(coldCpu, oc, "ms", 1.5 * tc, `<= 1.5 x markdownlint-cli2 (${fmt(tc, "ms")}) = ${fmt(1.5 * tc, "ms")}`, ratio(oc, tc));
      const om = median(ours.map((r) => r.maxRssKb!)) / 1024;
      const tm = median(theirs.map((r) => r.maxRssKb!)) / 1024;
      record(coldRss, om, "MB", 1.5 * tm, `<= 1.5 x markdownlint-cli2 (${fmt(tm, "MB")}) = ${fmt(1.5 * tm, "MB")}`, ratio(om, tm));
    });

    // 1b. One brief in that library (the usual pull request) -----------------------------------
    const oneRow = `one brief in that library [${profile}]: check briefs/b5.brief.md, wall time (median of ${runs}, alternating with markdownlint-cli2 on that file)`;
    const oneRss = `one brief in that library [${profile}]: peak RSS of the child (median of ${runs})`;
    await group(`1b. one brief, ${profile} corpus`, [[oneRow, "<= 1.5 x markdownlint-cli2"], [oneRss, "(information)"]], async () => {
      const ours: ChildRun[] = [];
      const theirs: ChildRun[] = [];
      for (let i = 0; i < runs; i++) {
        const cache = fs.mkdtempSync(path.join(work, "one-cache-"));
        try {
          ours.push(await runNode(work, [cli, "check", "briefs/b5.brief.md", "--format", "json"], root, { ...process.env, BRIEF_AUTHOR_CACHE: cache }));
        } finally {
          fs.rmSync(cache, { recursive: true, force: true });
        }
        theirs.push(await runNode(work, [mdcli, "briefs/b5.brief.md"], root));
      }
      const ow = median(ours.map((r) => r.wallMs));
      const tw = median(theirs.map((r) => r.wallMs));
      record(oneRow, ow, "ms", 1.5 * tw, `<= 1.5 x markdownlint-cli2 (${fmt(tw, "ms")}) = ${fmt(1.5 * tw, "ms")}`, `${(ow / tw).toFixed(2)} x markdownlint-cli2`);
      if (ours.every((r) => r.maxRssKb !== undefined) && theirs.every((r) => r.maxRssKb !== undefined)) {
        const om = median(ours.map((r) => r.maxRssKb!)) / 1024;
        info(oneRss, om, "MB", `markdownlint-cli2: ${fmt(median(theirs.map((r) => r.maxRssKb!)) / 1024, "MB")}`);
      }
    });
    }
    const root = corpora.small;

    // 2. Full check, warm with --cache --------------------------------------------------------
    const warmSame = "full check, warm --cache [small]: nothing changed (median of 3)";
    const warmOne = "full check, warm --cache [small]: one brief changed (b0.brief.md, 1 run)";
    await group("2. full check, warm with --cache", [[warmSame, "<= 0.2 x markdownlint-cli2"], [warmOne, "<= 0.3 x markdownlint-cli2"]], async () => {
      const help = spawnSync(process.execPath, [cli, "check", "--help"], { cwd: root, encoding: "utf8", timeout: 60_000 });
      if (!/--cache\b/.test(`${help.stdout}${help.stderr}`)) {
        absent(warmSame, "not available (check --help does not mention --cache)", "<= 0.2 x markdownlint-cli2");
        absent(warmOne, "not available (check --help does not mention --cache)", "<= 0.3 x markdownlint-cli2");
        return;
      }
      if (mdWallMs === undefined) throw new Error("no markdownlint-cli2 time to compare with (measure 1 failed)");
      const cacheDir = fs.mkdtempSync(path.join(work, "warm-"));
      const env = { ...process.env, BRIEF_AUTHOR_CACHE: path.join(cacheDir, "extraction") };
      const args = [...oursArgs, "--cache", "--cache-location", path.join(cacheDir, "check-cache")];
      const problemsOf = (r: ChildRun) => (JSON.parse(r.stdout) as { problems: unknown[] }).problems.length;
      const fill = await runNode(work, args, root, env);
      log(`  cache filled in ${fill.wallMs.toFixed(0)} ms (not counted)`);
      const same: ChildRun[] = [];
      for (let i = 0; i < 3; i++) same.push(await runNode(work, args, root, env));
      const sameMs = median(same.map((r) => r.wallMs));
      const sameProblems = problemsOf(same[0]);
      const differs = coldProblems !== undefined && sameProblems !== coldProblems ? `; OUTPUT DIFFERS from the cold run: ${sameProblems} problems vs ${coldProblems}` : "";
      record(warmSame, sameMs, "ms", 0.2 * mdWallMs, `<= 0.2 x markdownlint-cli2 (${fmt(mdWallMs, "ms")}) = ${fmt(0.2 * mdWallMs, "ms")}`, `${(sameMs / mdWallMs).toFixed(2)} x markdownlint-cli2${differs}`);
      const b0 = path.join(root, "briefs", "b0.brief.md");
      const original = fs.readFileSync(b0);
      try {
        fs.appendFileSync(b0, "\nOne more sentence appended to this brief by the bench run.\n");
        const one = await runNode(work, args, root, env);
        record(warmOne, one.wallMs, "ms", 0.3 * mdWallMs, `<= 0.3 x markdownlint-cli2 (${fmt(mdWallMs, "ms")}) = ${fmt(0.3 * mdWallMs, "ms")}`, `${(one.wallMs / mdWallMs).toFixed(2)} x markdownlint-cli2`);
      } finally {
        fs.writeFileSync(b0, original);
      }
    });

    // 3-5. In process, as the editor uses the engine, on each corpus ---------------------------
    for (const profile of ["news", "small"] as const) {
    const root = corpora[profile];
    const bigBrief = generated[profile].bigBrief;
    const words = bigBrief.split(/\s+/).filter(Boolean).length;
    const rows: Record<string, [string, string]> = {
      init: [`library [${label(profile)}]: activation lists every source by its key (editor mode, ${SOURCES.toLocaleString("en-US")} sources)`, "(information)"],
      first: [`library [${profile}]: activation + first check of one brief (first diagnostics of the open brief)`, "<= 1,000 ms"],
      full: [`library [${profile}]: the whole library read and indexed in the background, after the first check`, "<= 5,000 ms"],
      rss: [`library [${profile}]: RSS with the whole library indexed, the process idle (process holding the ready service; after V8's memory reducer, then gc)`, "<= 250 MB"],
      rssNow: [`library [${profile}]: RSS right after the background read and gc`, "(information)"],
      heap: [`library [${profile}]: V8 heap used after gc`, "(information)"],
      update: [`library [${profile}]: updateFile after one source's sentence changed (median of 20)`, "<= 20 ms"],
      restart: [`library [${profile}]: restart with nothing changed, whole library ready from the index the last session saved`, "(information)"],
      p50: [`on type [${profile}]: re-check on the extension host's thread after one word replaced, ${words.toLocaleString("en-US")}-word brief (p50 of 50)`, "<= 5 ms"],
      p95: [`on type [${profile}]: re-check on the extension host's thread after one word replaced, ${words.toLocaleString("en-US")}-word brief (p95 of 50)`, "<= 15 ms"],
      mdP50: [`on type [${profile}]: markdownlint of the same brief on its own thread, beside it (p50 of 50)`, "(information)"],
      hover: [`hover [${profile}]: citationHover over 200 citation offsets of the big brief (p95)`, "<= 5 ms"],
      completion: [`completion [${profile}]: rankSources over 100 sentences of the big brief (p95)`, "<= 10 ms"],
    };
    await group(`3-5. in process, ${profile} corpus: library, on type, hover, completion`, Object.values(rows), async () => {
      const bigFile = path.join(work, "big.brief.md");
      fs.writeFileSync(bigFile, bigBrief);
      const resultFile = path.join(work, "inproc.json");
      const bundle = path.join(work, "inproc.js");
      let childArgs: string[];
      let note = "";
      try {
        const esbuild = await import("esbuild");
        await esbuild.build({ ...esbuildOptions(), entryPoints: [path.join(repo, "scripts", "bench", "inproc.ts")], outfile: bundle, minify: false });
        childArgs = ["--expose-gc", bundle];
      } catch (e) {
        log(`  could not bundle scripts/bench/inproc.ts (${errorText(e)}); running it through tsx`);
        childArgs = [...process.execArgv, path.join(repo, "scripts", "bench", "inproc.ts")];
        note = "run through tsx: RSS includes its loader (~50 MB)";
      }
      const r = await runChild(process.execPath, [...childArgs, root, bigFile, resultFile], { work, cwd: repo, timeoutMs: 5 * 60_000, stderr: "inherit" });
      if (!fs.existsSync(resultFile)) throw new Error(`in-process child wrote no results (exit status ${r.status}, signal ${r.signal}${r.timedOut ? ", killed after 5 minutes" : ""})`);
      if (r.timedOut) note = "child killed after 5 minutes: later figures missing";
      const o = JSON.parse(fs.readFileSync(resultFile, "utf8")) as Record<string, number | string | boolean | undefined>;
      if (typeof o.fatal === "string") throw new Error(o.fatal);
      const num = (k: string) => (typeof o[k] === "number" ? (o[k] as number) : undefined);
      const put = (row: [string, string], key: string, target: number | null, unit: string, errorKey: string, extra?: string) => {
        const v = num(key);
        const notes = [note, extra].filter(Boolean).join("; ") || undefined;
        if (v === undefined) absent(row[0], typeof o[`${errorKey}Error`] === "string" ? `error: ${String(o[`${errorKey}Error`]).split(" | ")[0]}` : "error: no figure", row[1], unit);
        else if (target === null) info(row[0], v, unit, notes);
        else record(row[0], v, unit, target, row[1], notes);
      };
      put(rows.init, "initializeMs", null, "ms", "initialize", `${Number(o.librarySize).toLocaleString("en-US")} sources listed`);
      put(rows.first, "firstCheckMs", 1000, "ms", "firstCheck");
      put(rows.full, "fullIndexMs", 5000, "ms", "fullIndex", `${Number(o.indexedSize).toLocaleString("en-US")} sources indexed`);
      put(rows.rss, "rssIdleMb", 250, "MB", "memory", [o.gcAvailable ? undefined : "no global.gc", num("idleWaitMs") !== undefined ? `idle ${(num("idleWaitMs")! / 1000).toFixed(1)} s` : undefined].filter(Boolean).join("; ") || undefined);
      put(rows.rssNow, "rssMb", null, "MB", "memory");
      put(rows.heap, "heapUsedMb", null, "MB", "memory", num("externalMb") !== undefined ? `external + array buffers ${num("externalMb")!.toFixed(0)} MB` : undefined);
      put(rows.update, "updateFileMedianMs", 20, "ms", "updateFile");
      put(rows.restart, "restartMs", null, "ms", "restart", num("fullIndexMs") !== undefined ? `${Number(o.restartSize).toLocaleString("en-US")} sources; a first read takes ${fmt(num("fullIndexMs")!, "ms")}` : undefined);
      put(rows.p50, "onTypeP50Ms", 5, "ms", "onType");
      put(rows.p95, "onTypeP95Ms", 15, "ms", "onType", num("onTypeMaxMs") !== undefined ? `max ${fmt(num("onTypeMaxMs")!, "ms")}` : undefined);
      put(rows.mdP50, "onTypeMarkdownlintP50Ms", null, "ms", "onType", num("onTypeMarkdownlintP95Ms") !== undefined ? `p95 ${fmt(num("onTypeMarkdownlintP95Ms")!, "ms")}; diagnostics appear when both are done` : undefined);
      put(rows.hover, "hoverP95Ms", 5, "ms", "hover", num("hoverDistinctOffsets") !== undefined ? `${num("hoverDistinctOffsets")} distinct citations, p50 ${fmt(num("hoverP50Ms")!, "ms")}` : undefined);
      put(rows.completion, "completionP95Ms", 10, "ms", "completion", num("completionP50Ms") !== undefined ? `p50 ${fmt(num("completionP50Ms")!, "ms")}` : undefined);
    });
    }

    // 6. Extension bundle load ----------------------------------------------------------------
    const loadRow = "extension bundle load (module evaluation, vscode stubbed): dist/extension.js (median of 5)";
    await group("6. extension bundle load", [[loadRow, "<= 50 ms"]], async () => {
      const ms = await bundleLoadMs(work, path.join(repo, "dist", "extension.js"), 5);
      record(loadRow, ms, "ms", 50, "<= 50 ms", "npm run build's bundle, not minified");
    });

    // 7. Bundle sizes (and the production bundle's load time) ---------------------------------
    const sizeRow = "bundle size: dist/extension.js, production build";
    const prodLoadRow = "extension bundle load (module evaluation, vscode stubbed): production build (median of 5)";
    await group("7. production bundle sizes", [[sizeRow, "<= 512,000 bytes"], [prodLoadRow, "(information)"]], async () => {
      const { dir, how } = await productionBuild(work);
      record(sizeRow, fs.statSync(path.join(dir, "extension.js")).size, "bytes", 512_000, "<= 512,000 bytes", how);
      // Every other bundle the build makes for the extension (the CLI's is not the extension's), each loaded on first use only.
      for (const f of fs.readdirSync(dir).filter((f) => f.endsWith(".js") && !["extension.js", "cli.js", "cli-main.js"].includes(f)).sort()) {
        info(`bundle size: dist/${f}, production build`, fs.statSync(path.join(dir, f)).size, "bytes", "loaded on first use only");
      }
      info(prodLoadRow, await bundleLoadMs(work, path.join(dir, "extension.js"), 5), "ms");
    });
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
    if (!keep) fs.rmSync(base, { recursive: true, force: true });
  }

  // Report --------------------------------------------------------------------------------------
  const cell = (s: string) => s.replace(/\|/g, "\\|");
  const lines = ["| measure | measured | target | met? |", "|---|---|---|---|"];
  for (const m of measures) {
    const measured = m.value === null ? (m.status ?? "not measured") : `${fmt(m.value, m.unit)}${m.note ? ` (${m.note})` : ""}`;
    const met = m.met === null ? (m.value === null ? "—" : "info") : m.met ? "yes" : "**no**";
    lines.push(`| ${cell(m.name)} | ${cell(measured)} | ${cell(m.targetText)} | ${met} |`);
  }
  const totalS = (Date.now() - benchStart) / 1000;
  const machineLine = `machine: ${host.cpuModel} x ${host.cpuCount} CPUs, ${host.totalMemoryGiB} GiB RAM, Node ${host.node}, ${host.os}; load average at start ${host.loadAverageAtStart.join(" ")}; corpora ${SOURCES.toLocaleString("en-US")} sources (news: ${mb(generated.news.sourceBytes)}, small: ${mb(generated.small.sourceBytes)}), ${BRIEFS.toLocaleString("en-US")} briefs each; bench ran ${totalS.toFixed(0)} s`;
  console.log(lines.join("\n"));
  console.log(machineLine);
  const met = measures.filter((m) => m.met === true).length;
  const missed = measures.filter((m) => m.met === false).length;
  log(`${met} targets met, ${missed} missed, ${measures.filter((m) => m.value === null).length} not measured`);

  fs.mkdirSync(path.join(repo, "test-results"), { recursive: true });
  fs.writeFileSync(
    path.join(repo, "test-results", "bench.json"),
    JSON.stringify({ date: new Date().toISOString(), machine: host, sources: SOURCES, briefs: BRIEFS, coldRuns: runs, durationSeconds: totalS, measures }, null, 2) + "\n",
  );
}

/**
 * The production bundles as `node scripts/build.mjs --production` makes them, built into a temp
 * folder (dist/ is left alone): build.mjs runs in a copy of the tree's build inputs (src,
 * schemas, scripts/*.mjs, package.json, tsconfig.json; node_modules linked). When that fails, esbuild is
 * run here with build.mjs's options as they were when this bench was written.
 */
async function productionBuild(work: string): Promise<{ dir: string; how: string }> {
  const tree = path.join(work, "production-tree");
  let failure: string;
  try {
    fs.mkdirSync(path.join(tree, "scripts"), { recursive: true });
    fs.cpSync(path.join(repo, "src"), path.join(tree, "src"), { recursive: true });
    fs.cpSync(path.join(repo, "schemas"), path.join(tree, "schemas"), { recursive: true });
    for (const f of fs.readdirSync(path.join(repo, "scripts")).filter((f) => f.endsWith(".mjs"))) fs.copyFileSync(path.join(repo, "scripts", f), path.join(tree, "scripts", f));
    for (const f of ["package.json", "tsconfig.json"]) if (fs.existsSync(path.join(repo, f))) fs.copyFileSync(path.join(repo, f), path.join(tree, f));
    fs.symlinkSync(path.join(repo, "node_modules"), path.join(tree, "node_modules"), "dir");
    const r = await runChild(process.execPath, [path.join(tree, "scripts", "build.mjs"), "--production"], { work, cwd: tree, timeoutMs: 5 * 60_000 });
    const dir = path.join(tree, "dist");
    if (r.status === 0 && fs.existsSync(path.join(dir, "extension.js")) && fs.existsSync(path.join(dir, "extract-html.js"))) return { dir, how: "scripts/build.mjs --production" };
    failure = r.timedOut ? "no exit after 5 minutes" : `exit status ${r.status}: ${r.stderr.trim().split("\n").slice(-2).join(" | ")}`;
  } catch (e) {
    failure = errorText(e);
  }
  log(`  scripts/build.mjs --production failed (${failure}); building with esbuild here`);
  const esbuild = await import("esbuild");
  const dir = path.join(work, "production");
  const common = { ...esbuildOptions(), minify: true, sourcemap: false };
  await Promise.all([
    esbuild.build({ ...common, entryPoints: [path.join(repo, "src", "extension", "extension.ts")], outfile: path.join(dir, "extension.js"), external: ["vscode"] }),
    ...["html", "pdf", "bibtex"].map((kind) => esbuild.build({ ...common, entryPoints: [path.join(repo, "src", "node", "extract", `${kind}.ts`)], outfile: path.join(dir, `extract-${kind}.js`) })),
  ]);
  return { dir, how: `esbuild with build.mjs's former options: build.mjs failed (${failure})` };
}

/** The options of scripts/build.mjs (production switches minify on and the source map off). */
function esbuildOptions() {
  const pkg = JSON.parse(fs.readFileSync(path.join(repo, "package.json"), "utf8")) as { version: string };
  return {
    absWorkingDir: repo,
    bundle: true,
    platform: "node" as const,
    target: "node20",
    format: "cjs" as const,
    sourcemap: false,
    logLevel: "warning" as const,
    mainFields: ["module", "main"],
    define: { BRIEF_AUTHOR_VERSION: JSON.stringify(pkg.version), BRIEF_AUTHOR_BUNDLED: "true" },
  };
}

/**
 * Median time to `require` a bundle in a fresh `node` with `require("vscode")` answered by a stub:
 * a Proxy that is any function, class or object asked of it. Module evaluation only (no activate).
 */
async function bundleLoadMs(work: string, bundle: string, times: number): Promise<number> {
  if (!fs.existsSync(bundle)) throw new Error(`${bundle} does not exist`);
  const code = `
const Module = require("module");
const make = () => new Proxy(function () {}, {
  get(t, p) {
    if (p === "then") return undefined;
    if (p === Symbol.toPrimitive) return () => "";
    if (p === Symbol.iterator) return function* () {};
    if (p === "prototype") return t.prototype;
    return make();
  },
  apply: () => make(),
  construct: () => make(),
});
const vscode = make();
const load = Module._load;
Module._load = function (request, ...rest) { return request === "vscode" ? vscode : load.call(this, request, ...rest); };
const t = process.hrtime.bigint();
require(process.env.BENCH_BUNDLE);
const ms = Number(process.hrtime.bigint() - t) / 1e6;
process.stdout.write("\\n" + JSON.stringify({ ms }) + "\\n");
`;
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const r = await runChild(process.execPath, ["-e", code], { work, cwd: work, env: { ...process.env, BENCH_BUNDLE: bundle }, timeoutMs: 60_000 });
    if (r.status !== 0) throw new Error(`loading ${path.basename(bundle)} failed: ${r.timedOut ? "no exit after 60 s" : r.stderr.trim().split("\n").slice(0, 2).join(" | ")}`);
    samples.push((JSON.parse(r.stdout.trim().split("\n").pop()!) as { ms: number }).ms);
  }
  return median(samples);
}

main().catch((e) => {
  console.error(`bench: broken: ${(e as Error)?.stack ?? e}`);
  process.exitCode = 1;
});
