#!/usr/bin/env node
// The long fuzzing run: every property of test/fuzz/*.fuzz.test.ts with many more cases than the
// bounded run of the unit tests, going on after a failure to find other, distinct ones; then how
// many cases each property tried, the total, and every distinct failure with its replay command.
//
//   npm run fuzz                 20000 runs per property
//   npm run fuzz -- 5000         5000 runs per property
//   npm run fuzz -- x10          10 times each property's bounded count
//   npm run fuzz -- --grep figures --stop-at-first-failure
//
// FUZZ_RUNS in the environment is used when no count is given; FUZZ_SEED fixes the seeds.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
let runs = process.env.FUZZ_RUNS || "20000";
let keepGoing = true;
const mochaArgs = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (/^(?:[x*×]\d+(?:\.\d+)?|\d+)$/i.test(a)) runs = a;
  else if (a === "--stop-at-first-failure") keepGoing = false;
  else if (a === "--grep" || a === "-g") mochaArgs.push("--grep", args[++i]);
  else if (a === "--help" || a === "-h") {
    console.log("usage: npm run fuzz -- [RUNS | xMULTIPLIER] [--grep PATTERN] [--stop-at-first-failure]");
    process.exit(0);
  } else {
    console.error(`unknown argument "${a}" (try --help)`);
    process.exit(2);
  }
}

const summaryFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "brief-author-fuzz-")), "summary.json");
const env = { ...process.env, FUZZ_RUNS: runs, FUZZ_SUMMARY: summaryFile, FUZZ_KEEP_GOING: keepGoing ? "1" : "" };
const mocha = path.join(root, "node_modules", "mocha", "bin", "mocha.js");
console.log(`fuzz: ${/^\d+$/.test(runs) ? `${runs} runs per property` : `bounded counts ${runs}`}${keepGoing ? ", going on after failures" : ""}\n`);
const started = Date.now();
const r = spawnSync(process.execPath, [mocha, "--no-config", "--require", "tsx/cjs", "--reporter", "spec", "--timeout", "0", ...mochaArgs, "test/fuzz/**/*.fuzz.test.ts"], { cwd: root, env, stdio: "inherit" });
const wall = (Date.now() - started) / 1000;

let tallies = [];
try {
  tallies = JSON.parse(fs.readFileSync(summaryFile, "utf8"));
} catch {
  console.error(`fuzz: no summary was written (${summaryFile}); mocha exited with ${r.status ?? r.signal}`);
  process.exit(r.status || 1);
}
fs.rmSync(path.dirname(summaryFile), { recursive: true, force: true });

const fmt = (n) => n.toLocaleString("en-US");
const pad = (s, n) => String(s).padStart(n);
console.log("\nCases tried per property (runs = generated cases; shrinks = extra cases while shrinking failures):\n");
console.log(`${pad("runs", 9)} ${pad("shrinks", 8)} ${pad("seconds", 8)} ${pad("failures", 8)}  property`);
let total = 0;
let shrinks = 0;
let failures = 0;
for (const t of tallies) {
  total += t.runs;
  shrinks += t.shrinks;
  failures += t.failures.length;
  console.log(`${pad(fmt(t.runs), 9)} ${pad(fmt(t.shrinks), 8)} ${pad((t.ms / 1000).toFixed(1), 8)} ${pad(t.failures.length || "", 8)}  ${t.title}`);
}
console.log(`\nTotal: ${fmt(total)} cases over ${tallies.length} properties (+ ${fmt(shrinks)} while shrinking), in ${wall.toFixed(1)} s.`);

const reached = {};
for (const t of tallies) for (const [label, n] of Object.entries(t.labels ?? {})) reached[label] = (reached[label] ?? 0) + n;
const rules = Object.keys(reached).filter((l) => /^(library )?rule /.test(l)).sort();
if (rules.length) console.log(`\nRules that reported at least once: ${rules.map((l) => `${l.replace(/^(library )?rule /, "")} ×${fmt(reached[l])}`).join(", ")}`);

if (failures) {
  console.log(`\n${failures} distinct failure(s):`);
  for (const t of tallies) {
    for (const f of t.failures) {
      console.log(`\n- ${t.title}\n  ${f.error.split("\n")[0].slice(0, 300)}`);
      console.log(`  counterexample: ${f.counterexample.length > 600 ? f.counterexample.slice(0, 600) + "…" : f.counterexample}`);
      console.log(`  replay: FUZZ_SEED=${f.seed} FUZZ_PATH="${f.path}" npx mocha --no-config --require tsx/cjs ${t.file} --grep "${t.name.replace(/[.*+?^${}()|[\]\\"]/g, "\\$&")}"`);
    }
  }
}
process.exit(r.status ?? 1);
