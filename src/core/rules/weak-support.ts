import type { Rule } from "./rule";
import { excerpt } from "./rule";
import { CLAIM_MIN_WORDS } from "./uncited-claim";
import { hedgeGap } from "../match/support";
import { languageView } from "../verify/languages";
import { CONFIRM_COVERAGE, confirmedClaim, evidenceOf, expectedOnly, verifiable } from "../verify/claims";
import type { Report, ResolvedSource } from "./rule";
import { sentenceProblems } from "../verify/remembered";
import type { Sentence } from "../parse/brief";

/** Share of the claim's words the evidence must hold before what it only expects is the claim's. */
const EVIDENCE_ON_TOPIC = 0.5;

function evidenceHedge(verified: boolean, s: Sentence, sources: readonly ResolvedSource[]): string | undefined {
  if (!verified) return undefined;
  const ev = evidenceOf(s, sources);
  return ev.coverage >= EVIDENCE_ON_TOPIC ? expectedOnly(s.claimText, ev) : undefined;
}


const rule: Rule = {
  name: "weak-support",
  // A warning since its precision on the labelled set (test/fixtures/support) passed 0.9.
  defaultSeverity: "warning",
  description: "Some passage of the cited sources shares enough of a citing sentence's content words (`supportThreshold`, default 0.3) to support it, and the closest source sentence states it rather than only expecting or proposing it (`may`, `is expected to`, `plans to`). Names, figures and negations are the verification rules'.",
  example: "Grain exports doubled after the new rail line opened [@port-notice]. (a source about a port strike)",
  check(ctx, report) {
    for (const s of ctx.brief.sentences) {
      if (s.citations.length === 0 || s.words < CLAIM_MIN_WORDS) continue;
      const all = ctx.citedSources(s);
      if (all.length === 0) continue;
      // Worked out once for the sentence's text and sources (and the threshold, and whether its
      // evidence is read at all), not again at each keystroke elsewhere in the brief.
      const verified = verifiable(ctx.brief, s);
      const threshold = ctx.config.supportThreshold;
      for (const r of sentenceProblems("weak-support", s, all, () => support(s, all, threshold, verified), `${threshold}\u0000${verified}`)) report(r);
    }
  },
};
export default rule;

/** The sentence's problem, if it has one (offsets in the sentence): no passage shares enough of it, or the closest only expects it. */
function support(s: Sentence, all: readonly ResolvedSource[], threshold: number, verified: boolean): Report[] {
  // Content is compared in the claim's own language only: a claim whose every source is in another language is not judged here.
  const view = languageView(s, all);
  if (view.same.length < all.length) return [];
  const sources = view.same;
  const english = view.lang === "en" || view.lang === "und";
  // The passage sharing the largest share of the sentence's words (not the best BM25 score, which
  // depends on the rest of the library), so the verdict is the same however much is indexed.
  let best = { coverage: 0, text: "", key: "" };
  for (const src of sources) {
    for (const hit of src.library.search(s.claimText, { limit: 1000, paths: [src.entry.path], lang: english ? undefined : view.lang }).sort((a, b) => a.passage - b.passage)) {
      if (hit.coverage > best.coverage) best = { coverage: hit.coverage, text: src.entry.passages[hit.passage]?.text ?? "", key: src.key };
    }
  }
  const keys = sources.map((src) => `@${src.key}`).join(", ");
  const length = s.end - s.start;
  // A claim its verdict confirms is supported, however its words are counted here (a figure in words,
  // "twelve minutes past three", is one figure there and five words here): no warning beside a ✓.
  // Not when the team asks for more shared words than "confirmed" does (a `supportThreshold` above it).
  const confirmed = () => english && verified && threshold <= CONFIRM_COVERAGE && confirmedClaim(s.claimText, evidenceOf(s, sources), sources, !sources[0].library.batch).confirmed;
  if (best.coverage >= threshold) {
    // Enough shared words; but does the source state it, or only expect it? (Names, figures and
    // negations are the verification rules' to report: name-, number- and polarity-mismatch.)
    // The passage that shares most words, then the evidence the verification rules read (the
    // sentences holding the claim: "may call a ballot", "would begin").
    const hedge = english ? hedgeGap(s.claimText, best.text) ?? evidenceHedge(verified, s, view.same) : undefined;
    return hedge === undefined || confirmed() ? [] : [{ start: 0, end: length, message: `${keys} does not say this: it states as fact what the source only expects or proposes: "${hedge}"`, data: { gap: "hedge" } }];
  }
  if (confirmed()) return [];
  return [{
    start: 0,
    end: length,
    message:
      `no passage of ${keys} shares enough of this sentence to support it` +
      (best.key ? ` (best: ${Math.round(best.coverage * 100)}% of its content words, in @${best.key}: "${excerpt(best.text, 70)}")` : " (no passage shares its content words)"),
  }];
}
