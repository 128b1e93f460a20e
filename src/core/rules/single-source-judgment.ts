import type { Rule } from "./rule";
import { confidenceLevels, findTerms, judgmentUse, tradecraftSentences, yardstickFor } from "../tradecraft/judgments";

/** The paragraph says it rests on one source. */
const ONE_SOURCE = /\b(?:(?:based|rests?|resting|relies|rely|relying|depends?|drawn)\s+(?:solely\s+|only\s+|entirely\s+|largely\s+)?on\s+(?:a\s+single|one|the\s+one|a\s+sole)\s+(?:report|source|account|article|statement|witness|document|outlet)|single[- ]source\s+(?:reporting|report|intelligence|information|judgments?|assessments?)|only\s+one\s+source)\b/i;
/** Someone else's confidence or term, reported: `the ministry said it had high confidence`, `the IMF considers a recession very likely`. */
const REPORTED_BEFORE = /\b(?:said|says|told|stated|claimed|reported|according\s+to|announced|argued|added|noted|considers?|considered|believes?|believed|expects?|expected|warned|warns|judges?|judged|estimates?|estimated)\b/i;

/** A source's publisher for this rule: its `publisher` (or container), else its web address's site. */
function publisherOf(entry: { publisher?: string; container?: string; url?: string }): string | undefined {
  const p = (entry.publisher ?? entry.container)?.trim().toLowerCase().replace(/^the\s+/, "");
  if (p) return p;
  const m = /^https?:\/\/(?:www\.)?([^/:?#]+)/i.exec(entry.url ?? "");
  return m ? m[1].toLowerCase() : undefined;
}

const rule: Rule = {
  name: "single-source-judgment",
  family: "tradecraft",
  defaultSeverity: "warning",
  description: "A judgment at moderate or high confidence, or in the yardstick's top two bands (`very likely`, `almost certain`), rests on more than one source: its paragraph (or, when the paragraph cites none, the brief) cites more than one key, of more than one publisher (ICD 203 Standard 2: describe the quality and credibility of sources; one outlet is one voice), and does not say it rests on one.",
  example: "We assess with high confidence that the port strike will end this week [@port-notice].",
  check(ctx, report) {
    const y = yardstickFor(ctx.config);
    const top = y.bands.length - 1;
    const brief = ctx.brief;
    const sourcesSection = brief.sourcesSection;
    const outside = (at: number) => !sourcesSection || at < sourcesSection.contentStart || at >= sourcesSection.contentEnd;
    const briefKeys = [...new Set(brief.citations.filter((c) => outside(c.start)).flatMap((c) => c.items.map((i) => i.key)))];
    for (const s of tradecraftSentences(brief)) {
      const strong = confidenceLevels(s.text).find((c) => c.level !== "low") ?? findTerms(s.text, y).find((t) => t.term.band >= top && judgmentUse(s.text, t.start, t.end));
      if (!strong) continue;
      // The analyst's own judgment: not one a source is reported to hold (we/our judgments are the analyst's).
      const lead = s.text.slice(0, strong.start);
      if (REPORTED_BEFORE.test(lead) && !/\b(?:we|our|i)\b/i.test(lead)) continue;
      const para = brief.structure.paragraphs.find((p) => s.sentence.start >= p.start && s.sentence.start < p.end);
      const paraText = para ? brief.text.slice(para.start, para.end) : brief.text.slice(s.sentence.start, s.sentence.end);
      const paraKeys = para ? [...new Set(brief.citations.filter((c) => c.start >= para.start && c.start < para.end).flatMap((c) => c.items.map((i) => i.key)))] : [];
      const keys = paraKeys.length ? paraKeys : briefKeys;
      const written = brief.text.slice(s.sentence.start + strong.start, s.sentence.start + strong.end);
      let why: string | undefined;
      if (ONE_SOURCE.test(paraText)) why = "its paragraph says it rests on one source";
      else if (keys.length === 1) why = `it rests on one source (@${keys[0]})`;
      else if (keys.length > 1) {
        const resolved = keys.map((k) => ctx.resolve(k)?.entry);
        const publishers = resolved.map((e) => (e ? publisherOf(e) : undefined));
        if (publishers.every((p) => p !== undefined && p === publishers[0])) {
          const name = resolved[0]?.publisher ?? resolved[0]?.container ?? publishers[0];
          why = `its sources (${keys.map((k) => `@${k}`).join(", ")}) are all from one publisher (${name})`;
        }
      }
      if (!why) continue;
      report({
        start: s.sentence.start + strong.start,
        end: s.sentence.start + strong.end,
        message: `a judgment at "${written}" where ${why}: corroborate it with an independent source, or lower the confidence`,
      });
    }
  },
};
export default rule;
