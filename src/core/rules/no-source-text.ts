import type { Rule } from "./rule";
import { extractQuotes } from "../match/quotes";
import { sentenceFigures as extractFigures } from "../match/figures";

/**
 * A bibliography entry can be cited without any text of it in the workspace (no source file with
 * its key, no `file` field). Its quotes and figures cannot be checked: this says so once per key,
 * instead of quote-mismatch and number-mismatch calling them wrong.
 */
const rule: Rule = {
  name: "no-source-text",
  defaultSeverity: "information",
  description: "Says once per source when a quote or figure cites a bibliography entry that has no text in the workspace (no source file with its key, no `file` field), so nothing could check it.",
  example: 'The quay opened "in the spring of 1887" [@quay-history]. (a bibliography entry with no file)',
  check(ctx, report) {
    const done = new Set<string>();
    for (const s of ctx.brief.sentences) {
      if (s.citations.length === 0) continue;
      let checkable: boolean | undefined;
      for (const c of s.citations) {
        for (const item of c.items) {
          if (done.has(item.key)) continue;
          const entry = ctx.resolve(item.key)?.entry;
          if (!entry?.noText) continue;
          checkable ??= extractQuotes(s.claimText).length > 0 || extractFigures(s.claimText, s.lang).length > 0;
          if (!checkable) continue;
          done.add(item.key);
          report({
            start: item.keyStart - 1,
            end: item.keyEnd,
            message: entry.noTextReason
              ? `@${item.key} is a bibliography entry whose text cannot be read (${entry.noTextReason}), so this sentence's quotes and figures are not checked against it`
              : `@${item.key} is a bibliography entry with no text in the workspace, so this sentence's quotes and figures are not checked against it; add sources/${item.key}.md (or a "file" field) to check them`,
            data: { key: item.key },
          });
        }
      }
    }
  },
};
export default rule;
