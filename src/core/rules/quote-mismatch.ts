import type { Report, ResolvedSource, Rule } from "./rule";
import { excerpt } from "./rule";
import { extractQuotes, findQuote } from "../match/quotes";
import { quoteComparable } from "../verify/languages";
import { sourceLanguage } from "../lang/language";
import { sentenceProblems } from "../verify/remembered";

const rule: Rule = {
  name: "quote-mismatch",
  defaultSeverity: "error",
  description: "A quoted passage of 3 or more words, in a sentence that cites, is found word for word in a cited source (case, quote marks, dashes, white space and elisions are forgiven).",
  example: 'The minister said the port would "reopen within the week" [@port-notice].',
  check(ctx, report) {
    for (const s of ctx.brief.sentences) {
      if (s.citations.length === 0) continue;
      const sources = ctx.citedSources(s);
      if (sources.length === 0) continue;
      // Looked for once for the sentence's text and sources, not again at each keystroke elsewhere.
      for (const r of sentenceProblems("quote-mismatch", s, sources, () => quotesNotFound(s.claimText, s.lang, sources))) report(r);
    }
  },
};
export default rule;

/** The sentence's quotes that no cited source holds word for word, as problems (offsets in the sentence). */
function quotesNotFound(claim: string, lang: string, sources: readonly ResolvedSource[]): Report[] {
  const out: Report[] = [];
  for (const q of extractQuotes(claim)) {
    // A quote is looked for in the sources written in its language (a translated quote is not checked).
    const comparable = sources.filter((src) => quoteComparable(q.text, lang, src.entry.noText ? lang : sourceLanguage(src.entry)));
    if (comparable.length < sources.length) continue;
    const texts = sources.map((src) => src.entry.text.slice(src.entry.bodyOffset));
    const result = findQuote(q.text, texts);
    if (result.found) continue;
    const keys = sources.map((src) => `@${src.key}`).join(", ");
    const closest = result.closest;
    const message =
      `quote "${excerpt(q.text, 70)}" is not in ${keys}` +
      (closest ? `; the closest ${sources[closest.sourceIndex].key === sources[0].key && sources.length === 1 ? "the source" : `@${sources[closest.sourceIndex].key}`} holds is "${excerpt(closest.text, 90)}"` : "");
    out.push({
      start: q.start,
      end: q.end,
      message,
      data: closest ? { closest: closest.text, key: sources[closest.sourceIndex].key } : undefined,
      fixes: closest ? [{ title: `Replace with the source's words: "${excerpt(closest.text, 50)}"`, edits: [{ start: q.start, end: q.end, newText: closest.text.replace(/\s+/g, " ").trim() }], preferred: true }] : undefined,
    });
  }
  return out;
}
