/**
 * `npm run eval:tradecraft`: precision and recall of each tradecraft rule on
 * test/fixtures/tradecraft/labels.json. `--tuning-only` / `--held-out` score one part; `--list`
 * prints the items a rule got wrong (of the part scored; the tuning part by default).
 */
import { evaluateTradecraft } from "../test/support/tradecraftEval";

const args = process.argv.slice(2);
const heldOut = args.includes("--held-out") ? true : args.includes("--tuning-only") ? false : undefined;
void (async () => {
  const { scores, wrong, sentences } = await evaluateTradecraft({ heldOut });
  console.log(`${sentences} sentences${heldOut === undefined ? "" : heldOut ? " (held out)" : " (tuning part)"}`);
  console.log("| rule | precision | recall | fired right / fired / expected |");
  console.log("|---|--:|--:|--:|");
  for (const s of scores) console.log(`| ${s.rule} | ${s.precision.toFixed(2)} | ${s.recall.toFixed(2)} | ${s.tp} / ${s.tp + s.fp} / ${s.tp + s.fn} |`);
  if (args.includes("--list")) for (const w of wrong) if (heldOut !== undefined || !w.label.heldOut) console.log(`#${w.label.id} [${w.label.kind}] ${w.label.text}\n   expected: ${w.label.expect.join(", ") || "-"}; fired: ${w.fired.join(", ") || "-"}\n   ${w.messages.join("\n   ")}`);
})();
