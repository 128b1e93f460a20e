import type { Rule } from "./rule";
import { findTerms, judgmentUse, tradecraftSentences, yardstickFor } from "../tradecraft/judgments";
import { vocabularySwap } from "../tradecraft/fixes";

/** The brief says the two vocabularies mean the same: "likely and probable are used interchangeably", "mean the same probability". */
const SAYS_SAME = /\b(?:interchangeabl[ey]|mean(?:s)?\s+the\s+same|same\s+(?:probability|likelihood|meaning|band)|equivalent\s+(?:terms|expressions|to\s+each\s+other))\b/i;

const rule: Rule = {
  name: "estimative-vocabulary-mix",
  family: "tradecraft",
  defaultSeverity: "warning",
  description: "A brief writes likelihoods in one of ICD 203's two vocabularies (`almost no chance` … `almost certain`, or `remote` … `nearly certain`), as §D.6.e(2) strongly encourages, or says that its terms of both mean the same. Cited sentences (a source's words) and terms naming a kind of thing (`likely voters`, `probable cases`) do not count.",
  example: "Exports will likely recover by June. A second strike is improbable.",
  check(ctx, report) {
    const y = yardstickFor(ctx.config);
    if (y.vocabularies < 2 || SAYS_SAME.test(ctx.brief.text)) return;
    const found: Array<{ start: number; end: number; vocabulary: number; band: number; text: string; sentence: string; at: number }> = [];
    for (const s of tradecraftSentences(ctx.brief)) {
      // A cited sentence holds a source's words; `likely voters`, `probable cases` name kinds of things.
      if (s.cited) continue;
      for (const m of findTerms(s.text, y)) if (judgmentUse(s.text, m.start, m.end)) found.push({ start: s.sentence.start + m.start, end: s.sentence.start + m.end, vocabulary: m.term.vocabulary, band: m.term.band, text: ctx.brief.text.slice(s.sentence.start + m.start, s.sentence.start + m.end), sentence: s.text, at: m.start });
    }
    const counts = [0, 0, 0];
    for (const f of found) counts[f.vocabulary]++;
    if (!counts[1] || !counts[2]) return;
    // The vocabulary the brief writes less (the second on a tie) is the one to change.
    const minority = counts[2] <= counts[1] ? 2 : 1;
    const major = minority === 2 ? 1 : 2;
    const example = found.find((f) => f.vocabulary === major)!;
    for (const f of found) {
      if (f.vocabulary !== minority) continue;
      const swap = vocabularySwap(f.sentence, f.at, f.at + (f.end - f.start), f.text);
      report({
        start: f.start,
        end: f.end,
        message: `"${f.text}" is ${y.name}'s vocabulary ${minority}, where this brief writes vocabulary ${major} ("${example.text}"): keep to one, or say that the terms mean the same probability`,
        data: { vocabulary: minority, band: f.band },
        fixes: swap ? [{ title: `Replace with "${swap.newText}" (band ${f.band}, vocabulary ${major})`, edits: [{ start: f.start - f.at + swap.start, end: f.start - f.at + swap.end, newText: swap.newText }], preferred: true }] : undefined,
      });
    }
  },
};
export default rule;
