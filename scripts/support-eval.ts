/**
 * `npm run eval:support [-- --list] [--heldout] [--json]`: how well the claim rules and verdicts do
 * on the labelled set in test/fixtures/support (see test/support/evaluate.ts), per category and
 * overall, for the tuning part (labels.json) and the held-out part (heldout.json, never tuned on).
 *   flagged    any verification rule or weak-support reports the sentence (the positive class:
 *              precision and recall against "unsupported")
 *   confirmed  the sentence's verdict is confirmed (precision: share of confirmed that are
 *              supported; coverage: share of supported that are confirmed)
 *   --list     also print the misclassified items of the tuning part (never the held-out part's)
 *   --tuning-only  score the tuning part only (while tuning, the held-out part stays unseen)
 *   --json     print the evaluations as JSON
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { evaluateSupport, loadSupportLabels, SUPPORT_FIXTURES, type SupportEvaluation, type SupportLabel } from "../test/support/evaluate";

const SUPPORTED = ["verbatim", "paraphrase", "summary", "two-facts", "clause-fact", "figure-words"];
const UNSUPPORTED = ["invented", "negated", "antonym", "swapped-actor", "different-actor", "different-person", "different-place", "different-date", "different-number", "hedged", "other-source", "off-topic"];

const pct = (x: number) => `${(x * 100).toFixed(0)}%`;
const ratio = (a: number, b: number) => (b ? `${a}/${b}` : "–");

function table(title: string, r: SupportEvaluation): string[] {
  const out = [`## ${title}: ${r.counts.items} sentences (${r.counts.supported} supported, ${r.counts.unsupported} unsupported)`, ""];
  out.push(`flagged:   precision ${r.counts.flagged ? r.precision.toFixed(2) : "n/a"} (${ratio(r.counts.truePositives, r.counts.flagged)})   recall ${r.recall.toFixed(2)} (${ratio(r.counts.truePositives, r.counts.unsupported)})`);
  out.push(`confirmed: precision ${r.counts.confirmed ? r.confirmedPrecision.toFixed(2) : "n/a"} (${ratio(r.counts.confirmed - r.counts.confirmedUnsupported, r.counts.confirmed)})   coverage of supported ${r.confirmedCoverage.toFixed(2)} (${ratio(r.counts.confirmed - r.counts.confirmedUnsupported, r.counts.supported)})`);
  out.push("");
  out.push("| category | label | n | flagged | confirmed | contradicted | by rule |");
  out.push("| --- | --- | --: | --: | --: | --: | --- |");
  const kinds = [...SUPPORTED, ...UNSUPPORTED].filter((k) => r.perKind[k]).concat(Object.keys(r.perKind).filter((k) => !SUPPORTED.includes(k) && !UNSUPPORTED.includes(k)).sort());
  for (const k of kinds) {
    const c = r.perKind[k];
    const rules = Object.entries(c.rules).sort((a, b) => b[1] - a[1]).map(([n, v]) => `${n} ${v}`).join(", ");
    out.push(`| ${k} | ${SUPPORTED.includes(k) ? "supported" : "unsupported"} | ${c.n} | ${c.flagged} (${pct(c.flagged / c.n)}) | ${c.confirmed} (${pct(c.confirmed / c.n)}) | ${c.contradicted} | ${rules} |`);
  }
  return out;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const tuning = await evaluateSupport({ labels: loadSupportLabels() });
  if (args.includes("--tuning-only")) {
    // While tuning: the held-out part is not even scored.
    console.log(table("Tuning part (labels.json)", tuning).join("\n"));
    if (args.includes("--list")) list(tuning);
    return;
  }
  const heldout = await evaluateSupport({ labels: JSON.parse(fs.readFileSync(path.join(SUPPORT_FIXTURES, "heldout.json"), "utf8")) as SupportLabel[] });
  if (args.includes("--json")) {
    console.log(JSON.stringify({ tuning, heldout }, null, 2));
    return;
  }
  console.log([...table("Tuning part (labels.json)", tuning), "", ...table("Held-out part (heldout.json)", heldout)].join("\n"));
  if (args.includes("--list")) list(tuning);
}

function list(tuning: SupportEvaluation): void {
  console.log(`\nmisclassified in the tuning part (${tuning.wrong.length}):`);
  for (const m of tuning.wrong) {
    const what = m.verdict === "confirmed" && !m.supported ? "CONFIRMED but unsupported" : m.flagged ? "flagged, but supported" : "not flagged, but unsupported";
    console.log(`#${m.id} [${m.kind}] @${m.key}: ${what} (${m.verdict})\n    ${m.sentence}\n    ${m.messages.join("\n    ")}`);
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
