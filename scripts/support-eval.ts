/**
 * `npx tsx scripts/support-eval.ts [--list] [--threshold N] [--json]`: how well rule `weak-support`
 * separates supported from unsupported sentences on the labelled set in test/fixtures/support
 * (see test/support/evaluate.ts). "Flagged" is the positive class. The last column, for context,
 * counts the items rule number-mismatch reports (weak-support leaves missing figures to it).
 *   --list         also print the misclassified items
 *   --threshold N  use supportThreshold N instead of the default
 *   --json         print the whole evaluation as JSON instead
 */
import { evaluateSupport, loadSupportLabels } from "../test/support/evaluate";

const SUPPORTED_KINDS = ["verbatim", "paraphrase", "summary"];
const UNSUPPORTED_KINDS = ["invented", "negated", "different-actor", "different-place", "different-number", "hedged"];

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const list = args.includes("--list");
  const json = args.includes("--json");
  const t = args.indexOf("--threshold");
  const threshold = t >= 0 ? Number(args[t + 1]) : undefined;
  if (threshold !== undefined && !(threshold >= 0 && threshold <= 1)) throw new Error("--threshold takes a number from 0 to 1");

  const result = await evaluateSupport({ settings: threshold === undefined ? {} : { supportThreshold: threshold } });
  if (json) {
    console.log(JSON.stringify(result, null, 2));
    return;
  }
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const { counts } = result;
  console.log(`weak-support on ${counts.items} labelled sentences (supportThreshold ${threshold ?? "default"})`);
  console.log(`flagged ${counts.flagged}, unsupported ${counts.unsupported}, flagged and unsupported ${counts.truePositives}`);
  console.log(`precision ${counts.flagged ? pct(result.precision) : "n/a (nothing flagged)"}   recall ${pct(result.recall)}`);
  console.log("");
  const known = [...SUPPORTED_KINDS, ...UNSUPPORTED_KINDS];
  const kinds = [...known.filter((k) => result.perKind[k]), ...Object.keys(result.perKind).filter((k) => !known.includes(k)).sort()];
  const w = Math.max(...kinds.map((k) => k.length), 4);
  console.log(`${"kind".padEnd(w)}  label        n  flagged          number-mismatch`);
  for (const k of kinds) {
    const { n, flagged, numberMismatch } = result.perKind[k];
    const label = SUPPORTED_KINDS.includes(k) ? "supported" : "unsupported";
    console.log(`${k.padEnd(w)}  ${label.padEnd(11)} ${String(n).padStart(3)}  ${String(flagged).padStart(7)}  ${`(${pct(n ? flagged / n : 0)})`.padEnd(9)} ${String(numberMismatch).padStart(6)}`);
  }
  if (list) {
    console.log("");
    console.log(`misclassified (${result.wrong.length}):`);
    const byId = new Map(loadSupportLabels().map((l) => [l.id, l]));
    for (const m of result.wrong) {
      const verdict = m.flagged ? "flagged, but supported" : "not flagged, but unsupported";
      console.log(`#${m.id} [${m.kind}] @${m.key}: ${verdict}`);
      console.log(`    ${byId.get(m.id)?.sentence ?? m.sentence}`);
      if (m.message) console.log(`    rule: ${m.message}`);
    }
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
