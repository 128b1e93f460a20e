import type { Rule } from "./rule";
import { findFigureAndFix, sentenceFigures as extractFigures } from "../match/figures";
import { languageView } from "../verify/languages";

const rule: Rule = {
  name: "number-mismatch",
  defaultSeverity: "warning",
  description: "Every figure (count, amount, percentage, year, date) in a sentence that cites appears in a cited source; `15%` = `15 percent`, `80,000` = `80000`, `seventeen` = `17`, `23 August` = `August 23`.",
  example: "Trade reached $72.7 billion in 2024 [@trade-outlook]. (the source says $77.2 billion)",
  check(ctx, report) {
    for (const s of ctx.brief.sentences) {
      if (s.citations.length === 0) continue;
      const sources = ctx.citedSources(s);
      if (sources.length === 0) continue;
      // A language the checks do not read (the claim's or a source's) may write its figures otherwise: not compared.
      const view = languageView(s, sources);
      if (view.unread.length > 0) continue;
      // Across languages only figures written in digits are compared: `half`, `doubled` or `in the evening`
      // are words, which a source in another language writes in its own words.
      const figures = view.cross.length > 0 ? extractFigures(s.claimText, s.lang).filter((f) => /\d/.test(f.raw)) : extractFigures(s.claimText, s.lang);
      if (figures.length === 0) continue;
      const held = sources.flatMap((src) => src.library.figures(src.entry).flat());
      for (const f of figures) {
        const r = findFigureAndFix(f, held);
        if (r.found) continue;
        const keys = sources.map((src) => `@${src.key}`).join(", ");
        // A fix only when the figure meant is not in doubt: the same unit, clearly the nearest.
        const written = r.meant?.raw.replace(/\s+/g, " ").trim();
        report({
          start: s.start + f.start,
          end: s.start + f.end,
          message: `figure "${f.raw}" appears in none of the cited sources (${keys})` + (r.closest ? `; the closest they hold is "${r.closest.raw}"` : ""),
          data: r.closest ? { closest: r.closest.raw } : undefined,
          fixes: written && written !== f.raw ? [{ title: `Change to ${written}`, edits: [{ start: s.start + f.start, end: s.start + f.end, newText: written }], preferred: true }] : undefined,
        });
      }
    }
  },
};
export default rule;
