/**
 * `npm run bench`: the speed and memory targets, measured on a generated workspace of 10,000
 * sources and 1,000 briefs (about 5 KB each), all text generated here from a made-up vocabulary.
 *   - full check of the 1,000 briefs by the CLI vs markdownlint-cli2 alone on the same briefs
 *   - warm re-check of a 2,000-word brief (in process, after one check)
 *   - passage look-up for a hover (in process)
 * Prints one line per figure and exits 1 when a target is missed.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { BriefService } from "../src/core/service";
import { nodeFileSystem } from "../src/node/fileSystem";
import { citationHover } from "../src/core/features/hover";

const SOURCES = Number(process.env.BENCH_SOURCES ?? 10000);
const BRIEFS = Number(process.env.BENCH_BRIEFS ?? 1000);
// BENCH_DIR keeps the generated workspace (and reuses it when it exists) for profiling.
const keep = process.env.BENCH_DIR;
const root = keep ? path.resolve(keep) : fs.mkdtempSync(path.join(os.tmpdir(), "brief-bench-"));
const repo = path.resolve(__dirname, "..");

let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
const pick = <T>(a: readonly T[]) => a[Math.floor(rand() * a.length)];
const syllables = ["ka", "lo", "ven", "tra", "mi", "sol", "dor", "ea", "run", "pel", "qua", "zen", "ori", "bas", "tel", "nor"];
const vocab = Array.from({ length: 6000 }, () => Array.from({ length: 2 + Math.floor(rand() * 3) }, () => pick(syllables)).join(""));
const common = ["the", "of", "and", "in", "to", "a", "for", "on", "with", "by"];
const word = () => (rand() < 0.35 ? pick(common) : vocab[Math.floor(Math.pow(rand(), 2) * vocab.length)]);
const sentence = (n: number) => {
  const w = Array.from({ length: n }, word);
  w[0] = w[0][0].toUpperCase() + w[0].slice(1);
  if (rand() < 0.3) w.splice(3, 0, String(Math.floor(rand() * 90000)));
  return w.join(" ") + ".";
};

function generate(): { sourceKeys: string[]; bigBrief: string } {
  fs.mkdirSync(path.join(root, "sources"), { recursive: true });
  fs.mkdirSync(path.join(root, "briefs"), { recursive: true });
  fs.writeFileSync(path.join(root, ".briefrc.json"), JSON.stringify({ sources: ["sources"] }));
  const sourceKeys: string[] = [];
  const passages: string[][] = [];
  for (let i = 0; i < SOURCES; i++) {
    const key = `src-${i}`;
    sourceKeys.push(key);
    const paras = Array.from({ length: 4 + Math.floor(rand() * 4) }, () => Array.from({ length: 3 }, () => sentence(8 + Math.floor(rand() * 10))).join(" "));
    passages.push(paras);
    fs.writeFileSync(path.join(root, "sources", `${key}.md`), `---\nid: ${key}\ntitle: Source ${i}\npublished: 2026-01-01\n---\n\n# Source ${i}\n\n${paras.join("\n\n")}\n`);
  }
  const brief = (i: number, paragraphs: number) => {
    const body: string[] = [];
    const cited = new Set<string>();
    for (let p = 0; p < paragraphs; p++) {
      const k = Math.floor(rand() * SOURCES);
      const key = sourceKeys[k];
      cited.add(key);
      const src = pick(passages[k]);
      const s = src.split(". ")[0].split(" ").slice(0, 12).join(" ");
      body.push(`${s} in this brief [@${key}]. ${sentence(14)} [@${key}]. ${sentence(16)} [@${key}].`);
    }
    return `---\ntype: brief\ntitle: Brief ${i}\ndate: 2026-02-0${1 + (i % 9)}\n---\n\n# Brief ${i}\n\n## Description\n\n${body.join("\n\n")}\n\n## Impact\n\n${sentence(20)}\n\n## Sources\n\n${[...cited].map((k) => `- [@${k}]`).join("\n")}\n`;
  };
  for (let i = 0; i < BRIEFS; i++) fs.writeFileSync(path.join(root, "briefs", `b${i}.brief.md`), brief(i, 12));
  return { sourceKeys, bigBrief: brief(99999, 44) };
}

function time(fn: () => void): number {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

async function main() {
  const results: Array<{ name: string; value: number; unit: string; target: number; ok: boolean }> = [];
  const record = (name: string, value: number, unit: string, target: number) => {
    results.push({ name, value, unit, target, ok: value <= target });
    console.log(`${value <= target ? "ok  " : "MISS"} ${name}: ${value.toFixed(unit === "ms" ? 2 : 0)} ${unit} (target <= ${target.toFixed(unit === "ms" ? 2 : 0)} ${unit})`);
  };
  const genStart = Date.now();
  const { bigBrief } = generate();
  if (process.env.BENCH_GENERATE_ONLY) return;
  const bytes = fs.readdirSync(path.join(root, "briefs")).reduce((n, f) => n + fs.statSync(path.join(root, "briefs", f)).size, 0);
  console.log(`generated ${SOURCES} sources and ${BRIEFS} briefs (${Math.round(bytes / BRIEFS)} bytes each) in ${root} in ${Date.now() - genStart} ms`);

  const cli = path.join(repo, "dist", "cli.js");
  if (!fs.existsSync(cli)) execFileSync("npm", ["run", "build"], { cwd: repo, stdio: "inherit" });
  const mdcli = path.join(repo, "node_modules", "markdownlint-cli2", "markdownlint-cli2-bin.mjs");
  const run = (cmd: string, args: string[]) => time(() => {
    try {
      execFileSync(process.execPath, [cmd, ...args], { cwd: root, stdio: "ignore", maxBuffer: 1 << 30 });
    } catch {
      /* problems found: exit status 1 */
    }
  });
  const md = Math.min(run(mdcli, ["briefs/**/*.md"]), run(mdcli, ["briefs/**/*.md"]));
  const ours = Math.min(run(cli, ["check", "briefs", "--format", "json"]), run(cli, ["check", "briefs", "--format", "json"]));
  console.log(`markdownlint-cli2 alone on the ${BRIEFS} briefs: ${md.toFixed(0)} ms`);
  record(`full check (${SOURCES} sources, ${BRIEFS} briefs) by brief-author check`, ours, "ms", md);

  const service = new BriefService({ fs: nodeFileSystem, root });
  const loadStart = process.hrtime.bigint();
  await service.initialize();
  const loadMs = Number(process.hrtime.bigint() - loadStart) / 1e6;
  global.gc?.();
  const heapMb = process.memoryUsage().heapUsed / 1048576;
  console.log(`library load in process: ${loadMs.toFixed(0)} ms, heap after load: ${heapMb.toFixed(0)} MB`);
  const words = bigBrief.split(/\s+/).length;
  const briefPath = path.join(root, "briefs", "big.brief.md");
  await service.check(briefPath, bigBrief);
  const samples: number[] = [];
  for (let i = 0; i < 30; i++) {
    const edited = bigBrief.replace("## Impact\n\n", `## Impact\n\nEdit ${i} here. `);
    const t = process.hrtime.bigint();
    await service.check(briefPath, edited);
    samples.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  samples.sort((a, b) => a - b);
  record(`warm re-check of a ${words}-word brief (median of 30)`, samples[15], "ms", 15);

  const brief = await service.parseForLookup(briefPath, bigBrief);
  const ctx = service.context(briefPath, brief);
  const offsets = brief.citations.slice(0, 50).map((c) => c.items[0].keyStart);
  const hoverSamples = offsets.map((o) => {
    const t = process.hrtime.bigint();
    citationHover(ctx, brief, o, root, () => "");
    return Number(process.hrtime.bigint() - t) / 1e6;
  });
  hoverSamples.sort((a, b) => a - b);
  record(`passage look-up for a hover (median of ${hoverSamples.length})`, hoverSamples[Math.floor(hoverSamples.length / 2)], "ms", 5);
  const searchSamples = Array.from({ length: 50 }, (_, i) => {
    const t = process.hrtime.bigint();
    service.library.index.bestPerDocument(brief.sentences[i % brief.sentences.length].claimText, { limit: 50 });
    return Number(process.hrtime.bigint() - t) / 1e6;
  }).sort((a, b) => a - b);
  console.log(`completion ranking over all ${SOURCES} sources (median of 50): ${searchSamples[25].toFixed(2)} ms`);

  fs.mkdirSync(path.join(repo, "test-results"), { recursive: true });
  fs.writeFileSync(path.join(repo, "test-results", "bench.json"), JSON.stringify({ sources: SOURCES, briefs: BRIEFS, markdownlintCli2Ms: md, loadMs, heapMb, results }, null, 2));
  if (!keep) fs.rmSync(root, { recursive: true, force: true });
  process.exitCode = results.every((r) => r.ok) ? 0 : 1;
}

void main();
