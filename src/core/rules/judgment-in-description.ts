import type { Rule } from "./rule";
import { confidenceLevels, explicitJudgments, findTerms, tradecraftSentences, vagueTerms, yardstickFor } from "../tradecraft/judgments";

/** `is expected to`, `are expected to`: an expectation, the writer's or a source's, stated as the writer's. */
function expectations(text: string): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  const re = /\b(?:is|are|was|were)\s+expected\s+to\b/gi;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push({ start: m.index, end: m.index + m[0].length });
  return out;
}

const rule: Rule = {
  name: "judgment-in-description",
  family: "tradecraft",
  defaultSeverity: "information",
  description: "Estimative language (a likelihood term, a vague one, a confidence level, `is expected to`) or an explicit judgment stands among reported facts (a `citationRequired` section, default Description) only with a citation to the source that judged so (ICD 203 Standard 3: distinguish judgments from the underlying information).",
  example: "## Description\n\nThe dock workers are likely to accept the new offer.",
  check(ctx, report) {
    const y = yardstickFor(ctx.config);
    const required = new Set(ctx.config.citationRequired.map((n) => n.toLowerCase()));
    if (required.size === 0) return;
    for (const s of tradecraftSentences(ctx.brief)) {
      if (s.cited || !s.sentence.section || !required.has(s.sentence.section)) continue;
      const first = [...explicitJudgments(s.text), ...findTerms(s.text, y), ...confidenceLevels(s.text), ...vagueTerms(s.text), ...expectations(s.text)].sort((a, b) => a.start - b.start)[0];
      if (!first) continue;
      const written = ctx.brief.text.slice(s.sentence.start + first.start, s.sentence.start + first.end);
      const section = ctx.brief.sections.find((x) => x.id === s.sentence.section)?.name ?? s.sentence.section;
      report({
        start: s.sentence.start + first.start,
        end: s.sentence.start + first.end,
        message: `"${written}" is a judgment in ${section}, which reports facts: move it to the judgments (Impact), or cite the source that judged so`,
      });
    }
  },
};
export default rule;
