import type { Rule } from "./rule";
import { findTerms, statedProbability, tradecraftSentences, yardstickFor } from "../tradecraft/judgments";
import { bandOfPercent, rangeText } from "../tradecraft/yardstick";

const rule: Rule = {
  name: "probability-mismatch",
  family: "tradecraft",
  defaultSeverity: "warning",
  description: "A probability written beside a likelihood term (`likely (70%)`, `unlikely (20–30 percent)`) lies in that term's band of the yardstick (ICD 203: `likely` is 55–80%; PHIA's gaps between bands are deliberate, so `likely (78%)` is in none).",
  example: "A second strike is likely (30%).",
  check(ctx, report) {
    const y = yardstickFor(ctx.config);
    for (const s of tradecraftSentences(ctx.brief)) {
      for (const t of findTerms(s.text, y)) {
        const p = statedProbability(s.text, t.end);
        if (!p) continue;
        const band = y.bands[t.term.band - 1];
        if (p.low >= band.low && p.high <= band.high) continue;
        const written = ctx.brief.text.slice(s.sentence.start + t.start, s.sentence.start + t.end);
        const right = p.low === p.high ? bandOfPercent(y, p.low) : undefined;
        const alternatives = right ? right.terms.filter((x) => (y.vocabularies < 2 ? true : y.terms.find((yt) => yt.text === x.toLowerCase())?.vocabulary === t.term.vocabulary)) : [];
        report({
          start: s.sentence.start + t.start,
          end: s.sentence.start + p.end,
          message: `"${written}" means ${rangeText(band)} in ${y.name}, not ${p.low === p.high ? `${p.low}%` : `${p.low}–${p.high}%`}` + (right ? `: ${p.low}% is "${right.terms[0]}" (${rangeText(right)})` : p.low === p.high ? `: ${p.low}% lies between ${y.name}'s bands` : ""),
          data: { band: t.term.band, low: p.low, high: p.high },
          fixes: alternatives.map((x) => ({ title: `Replace "${written}" with "${x}"`, edits: [{ start: s.sentence.start + t.start, end: s.sentence.start + t.end, newText: /^\p{Lu}/u.test(written) ? x[0].toUpperCase() + x.slice(1) : x }] })),
        });
      }
    }
  },
};
export default rule;
