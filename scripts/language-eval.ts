/**
 * `npm run eval:languages`: the per-language table of the checks on test/fixtures/languages.
 * `--held-out` / `--tuning-only` score one part; `--list` prints every wrong item (tuning part only
 * unless --held-out is given, so the held-out part stays unseen while the checks are changed).
 */
import { evaluateLanguages, type Rate } from "../test/support/languageEval";

const args = process.argv.slice(2);
const heldOut = args.includes("--held-out") ? true : args.includes("--tuning-only") ? false : undefined;
const pct = (r: Rate) => `${r.precision.toFixed(2)} / ${r.recall.toFixed(2)} (${r.tp}/${r.tp + r.fp}/${r.tp + r.fn})`;

void (async () => {
  const { rows, items } = await evaluateLanguages({ heldOut });
  console.log("| set | n | figures P / R (tp/flagged/changed) | quotes P / R | false alarms on true | confirmed true | confirmed changed | places, names not confirmed | weak-support across |");
  console.log("|---|--:|---|---|--:|--:|--:|--:|--:|");
  for (const r of rows) {
    console.log(`| ${r.set} | ${r.n} | ${pct(r.figures)} | ${pct(r.quotes)} | ${r.falseAlarms} | ${r.confirmedTrue}/${r.trueCount} | ${r.confirmedChanged} | ${r.placesNamesCaught}/${r.placesNames} | ${r.weakSupport} |`);
  }
  if (args.includes("--list")) {
    for (const it of items) {
      if (heldOut === undefined && it.label.heldOut) continue;
      const figure = it.label.changed === "figure" || it.label.changed === "date";
      const wrong =
        it.rules.includes("number-mismatch") !== figure ||
        it.rules.includes("quote-mismatch") !== (it.label.changed === "quote") ||
        (it.label.changed === null && it.rules.length > 0) ||
        (it.label.changed !== null && it.verdict === "confirmed");
      if (wrong) console.log(`#${it.label.id} [${it.label.lang}${it.label.sourceLang ? "→" + it.label.sourceLang : ""}] ${it.label.changed ?? "true"}: ${it.label.sentence}\n    rules: ${it.rules.join(", ") || "-"}; ${it.verdict}: ${it.why.join("; ")}`);
    }
  }
})();
