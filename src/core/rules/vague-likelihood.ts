import type { Rule } from "./rule";
import { tradecraftSentences, vagueTerms, yardstickFor } from "../tradecraft/judgments";
import { briefVocabulary, vagueReplacements } from "../tradecraft/fixes";

const rule: Rule = {
  name: "vague-likelihood",
  family: "tradecraft",
  defaultSeverity: "warning",
  description: "A judgment of likelihood uses the yardstick's words (ICD 203 §D.6.e(2): `likely`, `very unlikely`…), not `could`, `might`, `may well`, `possibly`, `perhaps`, `conceivably`, `there is a chance`, `cannot rule out` or `serious possibility`; words in a quotation, in a cited sentence or in reported speech are a source's, and `a chance to` is an opportunity.",
  example: "Freight rates could fall once the backlog clears.",
  check(ctx, report) {
    const y = yardstickFor(ctx.config);
    let vocabulary: number | undefined;
    const year = /^(\d{4})/.exec(ctx.brief.date?.text ?? "")?.[1];
    for (const s of tradecraftSentences(ctx.brief)) {
      // A cited sentence reports what a source said it could do: the source's words, not the analyst's judgment.
      if (s.cited) continue;
      for (const v of vagueTerms(s.text, year ? Number(year) : undefined)) {
        vocabulary ??= briefVocabulary(ctx.brief, y);
        const written = ctx.brief.text.slice(s.sentence.start + v.start, s.sentence.start + v.end);
        const capital = /^\p{Lu}/u.test(written);
        const canFix = v.slot !== "clause" || /^\s+that\b/i.test(s.text.slice(v.end, v.end + 8));
        report({
          start: s.sentence.start + v.start,
          end: s.sentence.start + v.end,
          message: `"${written}" gives no likelihood a reader can weigh: say it with ${y.name}'s terms (${y.bands.map((b) => b.terms[0]).join(", ")})`,
          data: { term: written.toLowerCase() },
          fixes: canFix && !/cannot|can't|can’t|can not/i.test(written) ? vagueReplacements(y, v.slot, vocabulary, capital).map((r) => ({ title: r.title, edits: [{ start: s.sentence.start + v.start, end: s.sentence.start + v.end, newText: r.text }] })) : undefined,
        });
      }
    }
  },
};
export default rule;
