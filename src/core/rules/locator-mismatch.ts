import type { Rule } from "./rule";
import { excerpt } from "./rule";
import { extractQuotes, findQuote } from "../match/quotes";
import { findFigure, sentenceFigures as extractFigures } from "../match/figures";
import { describePages, pageInRanges, parsePageLocator } from "../parse/locators";
import { pageAt, pageLabel } from "../sources/library";

/**
 * A citation's page locator (`[@report, p. 12]`) is checked against a PDF source's pages: the
 * sentence's quote or figure is in the cited source, but not on the pages cited. A quote or
 * figure that is in the source nowhere is quote-mismatch's and number-mismatch's.
 */
const rule: Rule = {
  name: "locator-mismatch",
  defaultSeverity: "warning",
  description: "A quote or figure of a sentence that cites a PDF with a page locator (`p. 12`, `pp. 33-35`, `page 4`) stands on the cited pages; when it is elsewhere in the source, says which page holds it.",
  example: 'Freight fell "by 12 percent" [@harbour-review, p. 2]. (the PDF has it on page 3)',
  check(ctx, report) {
    const text = ctx.brief.text;
    for (const s of ctx.brief.sentences) {
      if (s.citations.length === 0) continue;
      let quotes: ReturnType<typeof extractQuotes> | undefined;
      let figures: ReturnType<typeof extractFigures> | undefined;
      for (const c of s.citations) {
        for (const item of c.items) {
          const locator = parsePageLocator(item.locator);
          if (!locator) continue;
          const source = ctx.resolve(item.key);
          const entry = source?.entry;
          if (!source || !entry || entry.noText || !entry.pageStarts?.length) continue;
          const at = text.indexOf(item.locator, item.keyEnd);
          if (at < 0 || at >= c.end) continue;
          const locStart = at + locator.start;
          const locEnd = at + locator.end;
          const cited = describePages(locator.ranges);
          const onCited = (page: number) => pageInRanges(locator.ranges, page, pageLabel(entry, page));
          const fixTo = (page: number) => [{ title: `Cite p. ${pageLabel(entry, page)}`, edits: [{ start: locStart, end: locEnd, newText: `p. ${pageLabel(entry, page)}` }], preferred: true }];

          quotes ??= extractQuotes(s.claimText);
          for (const q of quotes) {
            const r = findQuote(q.text, [entry.text]);
            if (!r.found) continue;
            const first = pageAt(entry, r.start)!;
            const last = pageAt(entry, Math.max(r.start, r.end - 1))!;
            let ok = false;
            for (let p = first; p <= last && !ok; p++) ok = onCited(p);
            if (ok) continue;
            report({
              start: locStart,
              end: locEnd,
              message: `quote "${excerpt(q.text, 60)}" is on page ${pageLabel(entry, first)} of @${item.key}, not on the cited ${cited}`,
              data: { key: item.key, page: pageLabel(entry, first) },
              fixes: fixTo(first),
            });
          }

          figures ??= extractFigures(s.claimText, s.lang);
          if (figures.length === 0) continue;
          const byPassage = source.library.figures(entry);
          const passages = entry.passages;
          for (const f of figures) {
            // A figure inside a quote is checked with the quote.
            if (quotes.some((q) => f.start >= q.start && f.end <= q.end)) continue;
            const pages: number[] = [];
            for (let i = 0; i < passages.length; i++) {
              const page = passages[i].page ?? pageAt(entry, passages[i].start)!;
              if (pages.includes(page)) continue;
              if (findFigure(f, byPassage[i]).found) pages.push(page);
            }
            if (pages.length === 0 || pages.some(onCited)) continue;
            const labels = pages.slice(0, 3).map((p) => pageLabel(entry, p));
            report({
              start: locStart,
              end: locEnd,
              message: `figure "${f.raw}" is on page ${labels.join(", ")}${pages.length > 3 ? ", …" : ""} of @${item.key}, not on the cited ${cited}`,
              data: { key: item.key, page: labels[0] },
              fixes: fixTo(pages[0]),
            });
          }
        }
      }
    }
  },
};
export default rule;
