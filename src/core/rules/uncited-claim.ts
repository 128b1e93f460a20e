import type { Rule } from "./rule";
import { excerpt } from "./rule";

export const CLAIM_MIN_WORDS = 5;

const rule: Rule = {
  name: "uncited-claim",
  defaultSeverity: "warning",
  description: "Every claim (a sentence of 5 or more words in a `citationRequired` section, default Description) cites a source.",
  example: "## Description\n\nDock workers ended their strike on Monday morning.",
  check(ctx, report) {
    const required = new Set(ctx.config.citationRequired.map((n) => n.toLowerCase()));
    for (const s of ctx.brief.sentences) {
      if (!s.section || !required.has(s.section) || s.citations.length > 0 || s.words < CLAIM_MIN_WORDS) continue;
      if (ctx.brief.malformed.some((m) => m.start >= s.start && m.start < s.end)) continue; // malformed-citation says it
      const best = ctx.bestSourceFor(s.claimText);
      // Cite before the sentence's closing punctuation, as Pandoc writers do.
      const text = ctx.brief.text.slice(s.start, s.end);
      const m = /[.!?…]["'”’)\]]*$/.exec(text);
      const at = m ? s.start + m.index : s.end;
      report({
        start: s.start,
        end: s.end,
        message: `claim cites no source: "${excerpt(text, 60)}"` + (best ? `; @${best.key} supports it best` : ""),
        data: best ? { key: best.key } : undefined,
        fixes: best ? [{ title: `Cite @${best.key}`, edits: [{ start: at, end: at, newText: ` [@${best.key}]` }], preferred: true }] : undefined,
      });
    }
  },
};
export default rule;
