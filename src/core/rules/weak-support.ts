import type { Rule } from "./rule";
import { excerpt } from "./rule";
import { CLAIM_MIN_WORDS } from "./uncited-claim";
import { supportGap } from "../match/support";
import type { SourceEntry } from "../sources/library";

/** A source's text without its front matter, made once per entry (not once per citing sentence). */
const bodies = new WeakMap<SourceEntry, string>();
function bodyOf(entry: SourceEntry): string {
  let body = bodies.get(entry);
  if (body === undefined) bodies.set(entry, (body = entry.text.slice(entry.bodyOffset)));
  return body;
}

const rule: Rule = {
  name: "weak-support",
  // A warning since its precision on the labelled set (test/fixtures/support) passed 0.9.
  defaultSeverity: "warning",
  description: "Some passage of the cited sources shares enough of a citing sentence's content words (`supportThreshold`, default 0.3) to support it, and the sources also say it: the people, places and organisations the sentence names and its figures are in them, and the closest source sentence is not negated or hedged where the sentence affirms.",
  example: "Grain exports doubled after the new rail line opened [@port-notice]. (a source about a port strike)",
  check(ctx, report) {
    for (const s of ctx.brief.sentences) {
      if (s.citations.length === 0 || s.words < CLAIM_MIN_WORDS) continue;
      const sources = ctx.citedSources(s);
      if (sources.length === 0) continue;
      // The passage sharing the largest share of the sentence's words (not the best BM25 score, which
      // depends on the rest of the library), so the verdict is the same however much is indexed.
      let best = { coverage: 0, text: "", key: "" };
      for (const src of sources) {
        for (const hit of src.library.search(s.claimText, { limit: 1000, paths: [src.entry.path] }).sort((a, b) => a.passage - b.passage)) {
          if (hit.coverage > best.coverage) best = { coverage: hit.coverage, text: src.entry.passages[hit.passage]?.text ?? "", key: src.key };
        }
      }
      const keys = sources.map((src) => `@${src.key}`).join(", ");
      if (best.coverage >= ctx.config.supportThreshold) {
        // Enough shared words; does the source also say it? Names, figures, negation, hedging.
        const gap = supportGap(
          s.claimText,
          best.text,
          sources.map((src) => bodyOf(src.entry)),
          sources.flatMap((src) => src.library.figures(src.entry).flat()),
        );
        // A missing figure is number-mismatch's to report: not twice.
        if (!gap || gap.kind === "figure") continue;
        report({ start: s.start, end: s.end, message: `${keys} does not say this: ${gap.message}`, data: { gap: gap.kind } });
        continue;
      }
      report({
        start: s.start,
        end: s.end,
        message:
          `no passage of ${keys} shares enough of this sentence to support it` +
          (best.key ? ` (best: ${Math.round(best.coverage * 100)}% of its content words, in @${best.key}: "${excerpt(best.text, 70)}")` : " (no passage shares its content words)"),
      });
    }
  },
};
export default rule;
