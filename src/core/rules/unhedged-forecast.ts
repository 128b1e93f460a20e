import type { Rule } from "./rule";
import { confidenceLevels, explicitJudgments, findTerms, forecasts, tradecraftSentences, vagueTerms, yardstickFor } from "../tradecraft/judgments";

const rule: Rule = {
  name: "unhedged-forecast",
  family: "tradecraft",
  defaultSeverity: "warning",
  description: "An uncited forecast (`will`, `shall`, `is set to`, `is going to`) carries a likelihood term or a confidence level (ICD 203 §D.6.e: judgments about the future say how likely). A cited sentence reports a plan; the noun `will`, a recommendation in the imperative and the brief's own housekeeping (`we will update this brief`) are not forecasts.",
  example: "Ferry traffic will return to the short crossing by the spring.",
  check(ctx, report) {
    const y = yardstickFor(ctx.config);
    // Under "We assess that:", the list that follows holds the judgments (their confidence comes after it).
    let judgedList: string | undefined;
    for (const s of tradecraftSentences(ctx.brief)) {
      if (judgedList !== undefined && s.sentence.section !== judgedList) judgedList = undefined;
      if (explicitJudgments(s.text).length && /:\s*$/.test(s.text)) {
        judgedList = s.sentence.section ?? "";
        continue;
      }
      if (judgedList !== undefined) {
        if (confidenceLevels(s.text).length) judgedList = undefined;
        continue;
      }
      if (s.cited) continue;
      const f = forecasts(s.text);
      if (f.length === 0) continue;
      // A likelihood of any kind (a vague one is vague-likelihood's), or a confidence level, hedges it; an explicit
      // judgment ("we assess that … will") is judgment-without-confidence's to complete.
      if (findTerms(s.text, y).length || confidenceLevels(s.text).length || vagueTerms(s.text).length || explicitJudgments(s.text).length) continue;
      const written = ctx.brief.text.slice(s.sentence.start + f[0].start, s.sentence.start + f[0].end);
      report({
        start: s.sentence.start + f[0].start,
        end: s.sentence.start + f[0].end,
        message: `a forecast ("${written}") with no likelihood: say how likely (${y.bands.map((b) => b.terms[0]).slice(2, 6).join(", ")}…) or cite the source whose plan it reports`,
      });
    }
  },
};
export default rule;
