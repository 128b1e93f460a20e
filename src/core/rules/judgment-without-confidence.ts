import type { Rule } from "./rule";
import { confidenceLevels, explicitJudgments, tradecraftSentences } from "../tradecraft/judgments";

const rule: Rule = {
  name: "judgment-without-confidence",
  family: "tradecraft",
  defaultSeverity: "warning",
  description: "An explicit judgment (`we assess`, `we judge`, `we estimate`, `we believe`, `our assessment is`, `it is assessed`) carries a confidence level (`high confidence`, `confidence is moderate`, `we are highly confident`), in its sentence, the one before, or the next few in its section (ICD 203 §D.6.b: express confidence in the judgment).",
  example: "We assess that the ferry operator will restore the winter timetable.",
  check(ctx, report) {
    const list = tradecraftSentences(ctx.brief);
    for (let i = 0; i < list.length; i++) {
      const s = list[i];
      const judgments = explicitJudgments(s.text);
      if (judgments.length === 0) continue;
      if (confidenceLevels(s.text).length > 0) continue;
      // "We assess X is likely. We have moderate confidence in this judgment." — the confidence follows (a list of
      // judgments may come between), or stands just before it.
      const near = [list[i - 1], list[i + 1], list[i + 2], list[i + 3], list[i + 4]].filter((x) => x && x.sentence.section === s.sentence.section);
      if (near.some((x) => confidenceLevels(x!.text).length > 0)) continue;
      const j = judgments[0];
      const written = ctx.brief.text.slice(s.sentence.start + j.start, s.sentence.start + j.end);
      report({
        start: s.sentence.start + j.start,
        end: s.sentence.start + j.end,
        message: `"${written}" states a judgment without a confidence level: add one (low, moderate or high confidence), in a sentence of its own`,
        fixes: (["moderate", "high", "low"] as const).map((level) => ({
          title: `Add "We have ${level} confidence in this judgment."`,
          edits: [{ start: s.sentence.end, end: s.sentence.end, newText: ` We have ${level} confidence in this judgment.` }],
        })),
      });
    }
  },
};
export default rule;
