import type { Rule } from "./rule";
import { confidenceLevels, findTerms, tradecraftSentences, yardstickFor } from "../tradecraft/judgments";

const rule: Rule = {
  name: "likelihood-with-confidence",
  family: "tradecraft",
  defaultSeverity: "warning",
  description: "A sentence does not hold both a confidence level (`high confidence`) and a likelihood term (`likely`): ICD 203 §D.6.e(2) says a likelihood and a confidence in it must not be combined in one sentence; state the confidence in a sentence of its own. `lost the confidence of voters` is no confidence level.",
  example: "We assess with high confidence that the strike will very likely end this week.",
  check(ctx, report) {
    const y = yardstickFor(ctx.config);
    for (const s of tradecraftSentences(ctx.brief)) {
      const levels = confidenceLevels(s.text);
      if (levels.length === 0) continue;
      const terms = findTerms(s.text, y);
      if (terms.length === 0) continue;
      const c = levels[0];
      const t = terms[0];
      const written = (x: { start: number; end: number }) => ctx.brief.text.slice(s.sentence.start + x.start, s.sentence.start + x.end);
      report({
        start: s.sentence.start + c.start,
        end: s.sentence.start + c.end,
        message: `"${written(c)}" and "${written(t)}" in one sentence: ${y.name === "ICD 203" ? "ICD 203" : "the standard"} keeps a likelihood and the confidence in it apart; state the confidence in a sentence of its own`,
        data: { confidence: c.level, term: t.term.text },
      });
    }
  },
};
export default rule;
