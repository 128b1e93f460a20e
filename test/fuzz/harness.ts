/**
 * Runs fast-check properties as mocha tests, with a bounded number of runs each.
 *
 * Environment:
 * - `FUZZ_RUNS=20000` runs every property 20000 times; `FUZZ_RUNS=x50` (or `*50`) multiplies
 *   each property's own bounded count by 50. Either also lifts mocha's time limit.
 * - `FUZZ_SEED=<n>` and `FUZZ_PATH=<path>` replay a failure (use with `--grep` for one property).
 * - `FUZZ_KEEP_GOING=1` goes on after a failure with fresh seeds, collecting distinct failures.
 * - `FUZZ_SUMMARY=<file>` writes, at exit, the cases each property tried (scripts/fuzz.mjs reads it).
 */
import fc from "fast-check";
import * as fs from "node:fs";
import * as path from "node:path";

export interface PropertyTally {
  /** The test's full title, and the property's own (the --grep that replays it). */
  title: string;
  name: string;
  file: string;
  /** Generated cases run (up to and including the first failure). */
  runs: number;
  /** Extra cases run while shrinking a failure. */
  shrinks: number;
  failed: boolean;
  ms: number;
  /** The seed of the first batch of runs. */
  seed: number;
  failures: FuzzFailure[];
  /** Cases that failed again in a way already reported (FUZZ_KEEP_GOING), passed over. */
  knownHits: number;
  /** How often each label was noted (see {@link noteLabel}), e.g. which rules fired. */
  labels: Record<string, number>;
}

const tallies: PropertyTally[] = [];
let current: PropertyTally | undefined;

/** Counts a label for the running property (what the generated cases reached), for the summary. */
export function noteLabel(label: string): void {
  if (current) current.labels[label] = (current.labels[label] ?? 0) + 1;
}

/** The number of runs for a property whose bounded count is `base`, after FUZZ_RUNS. */
export function runsFor(base: number): number {
  const env = process.env.FUZZ_RUNS?.trim();
  if (!env) return base;
  const mult = /^[x*×](\d+(?:\.\d+)?)$/i.exec(env);
  if (mult) return Math.max(1, Math.round(base * Number(mult[1])));
  if (/^\d+$/.test(env)) return Math.max(1, Number(env));
  throw new Error(`FUZZ_RUNS must be a number of runs (20000) or a multiplier (x50), not "${env}"`);
}

function intEnv(name: string): number | undefined {
  const v = process.env[name]?.trim();
  if (!v) return undefined;
  if (!/^-?\d+$/.test(v)) throw new Error(`${name} must be an integer, not "${v}"`);
  return Number(v);
}

/** One distinct failure: its shrunk counterexample and how to replay it. */
export interface FuzzFailure {
  seed: number;
  path: string | null;
  counterexample: string;
  error: string;
  /** The error's first line and the engine frame it came from, to tell failures apart. */
  signature: string;
}

/** The first line of an error and its first frame outside the tests and node_modules. */
function signatureOf(error: string): string {
  const first = error
    .split("\n")[0]
    .replace(/^AssertionError \[ERR_ASSERTION\]: /, "")
    .replace(/"[^"]*"|'[^']*'/g, "Q")
    .replace(/\d+/g, "N")
    .slice(0, 50);
  const frame = /\((src\/[^):]+):\d+:\d+\)|at (src\/[^):]+):\d+:\d+/.exec(error);
  return `${first} @ ${frame ? frame[1] ?? frame[2] : "test"}`;
}

function errorText(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  return (e.stack ?? e.message)
    .split("\n")
    .filter((l) => !/node_modules[\\/](fast-check|mocha)[\\/]|node:internal/.test(l))
    .join("\n");
}

/**
 * The property, with the failures already met counted and passed over, so that the next batch
 * of runs finds (and shrinks towards) a different failure instead of the most common one again.
 */
function skippingKnown(property: fc.IRawProperty<any, boolean>, tally: PropertyTally): fc.IRawProperty<any, boolean> {
  const known = (r: fc.PreconditionFailure | fc.PropertyFailure | null) => {
    if (r === null || !("error" in r)) return r;
    if (!tally.failures.some((f) => f.signature === signatureOf(errorText(r.error)))) return r;
    tally.knownHits++;
    return null;
  };
  return new Proxy(property, {
    get(target, name, receiver) {
      const v = Reflect.get(target, name, receiver);
      if (name !== "run") return typeof v === "function" ? v.bind(target) : v;
      return (value: unknown) => {
        const r = target.run(value);
        return r instanceof Promise ? r.then(known) : known(r);
      };
    },
  });
}

function failureMessage(title: string, file: string, details: fc.RunDetails<unknown>, f: FuzzFailure): string {
  const report = (fc.defaultReportMessage(details) ?? "property failed").replace(/\n\nHint: Enable verbose mode[^\n]*/, "");
  const grep = title.replace(/[.*+?^${}()|[\]\\"]/g, "\\$&");
  return (
    `${report}\n` +
    `Shrunk counterexample (JSON): ${f.counterexample}\n` +
    `Replay: FUZZ_SEED=${f.seed} FUZZ_PATH="${f.path}" npx mocha --no-config --require tsx/cjs ${file} --grep "${grep}"\n` +
    `Error on the counterexample: ${f.error}`
  );
}

/**
 * A mocha test that checks a property `base` times (see FUZZ_RUNS), the given examples first
 * (counterexamples found before, kept as regression cases). On failure the message
 * holds fast-check's seed, path and shrunk counterexample, and the command that replays it.
 * With FUZZ_KEEP_GOING=1 (the long run) a failure does not end the property: it goes on with
 * fresh seeds until its runs are spent, and reports every distinct failure it met.
 */
export function fuzzIt(title: string, base: number, property: () => fc.IRawProperty<any, boolean>, examples: unknown[][] = []): void {
  it(`${title} (${runsFor(base)} runs)`, async function () {
    // Shrinking a failure can take a while; the long run has no time limit.
    this.timeout(process.env.FUZZ_RUNS || process.env.FUZZ_KEEP_GOING ? 0 : 60_000);
    const file = path.relative(process.cwd(), this.test?.file ?? "");
    const keepGoing = process.env.FUZZ_KEEP_GOING === "1";
    const seed = intEnv("FUZZ_SEED");
    const replayPath = process.env.FUZZ_PATH?.trim() || undefined;
    const total = runsFor(base);
    const started = Date.now();
    const tally: PropertyTally = { title: this.test?.fullTitle() ?? title, name: title, file, runs: 0, shrinks: 0, failed: false, ms: 0, seed: 0, failures: [], knownHits: 0, labels: {} };
    tallies.push(tally);
    current = tally;
    const messages: string[] = [];
    let attempt = 0;
    while (tally.runs < total) {
      const params: fc.Parameters<unknown> = { numRuns: total - tally.runs, examples };
      if (seed !== undefined) params.seed = seed + attempt;
      if (replayPath) {
        // The value at the path itself, not what shrinking it further would give.
        params.path = replayPath;
        params.endOnFailure = true;
      }
      const prop = keepGoing && tally.failures.length ? skippingKnown(property(), tally) : property();
      const details = await fc.check(prop, params as fc.Parameters<any>);
      if (attempt === 0) tally.seed = details.seed;
      attempt++;
      tally.runs += details.numRuns;
      tally.shrinks += details.numShrinks;
      tally.ms = Date.now() - started;
      if (!details.failed) break;
      tally.failed = true;
      const error = errorText(details.errorInstance);
      const f: FuzzFailure = { seed: details.seed, path: details.counterexamplePath, counterexample: safeJson(details.counterexample), error, signature: signatureOf(error) };
      if (!tally.failures.some((x) => x.signature === f.signature)) {
        tally.failures.push(f);
        messages.push(failureMessage(title, file, details, f));
      }
      if (!keepGoing || replayPath || details.numRuns === 0) break;
    }
    current = undefined;
    if (messages.length) {
      const failure = new Error(messages.length === 1 ? messages[0] : `${messages.length} distinct failures:\n\n` + messages.map((m, i) => `(${i + 1}) ${m}`).join("\n\n"));
      failure.stack = failure.message;
      throw failure;
    }
  });
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value, (_k, v) => (v instanceof Uint8Array ? { bytes: [...v] } : v));
  } catch {
    return fc.stringify(value);
  }
}

process.on("exit", () => {
  const out = process.env.FUZZ_SUMMARY;
  if (!out) return;
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(tallies, null, 2));
});
