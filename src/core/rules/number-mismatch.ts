import type { Report, ResolvedSource, Rule } from "./rule";
import type { Sentence } from "../parse/brief";
import type { Evidence } from "../verify/evidence";
import { sentenceProblems } from "../verify/remembered";
import { excerpt } from "./rule";
import { findFigure, findFigureAndFix, sentenceFigures as extractFigures, sourceTextFigures } from "../match/figures";
import { languageView } from "../verify/languages";
import { verifiedClaims } from "../verify/claims";
import { sourceSentences } from "../verify/evidence";
import { swappedFigure } from "../verify/slots";
import { derivedFrom } from "../match/derived";

const rule: Rule = {
  name: "number-mismatch",
  defaultSeverity: "warning",
  description: "Every figure (count, amount, percentage, year, date, time of day, share, multiple) in a sentence that cites appears in a cited source (`15%` = `15 percent`, `80,000` = `80000`, `seventeen` = `17`, `23 August` = `August 23`, `half` = `50%`), unless it is worked out from one sentence of it (`two weeks` for `14 days`, `lost five seats` for `from 17 seats to 12`, `half of the tugs` for `four tugs, two of them`); and where the source holds it only elsewhere, the sentence that holds the claim does not give another figure between the same words (`within 30 days` where it says `within 14 days`: a fix offers 14).",
  example: "Trade reached $72.7 billion in 2024 [@trade-outlook]. (the source says $77.2 billion)",
  check(ctx, report) {
    for (const s of ctx.brief.sentences) {
      if (s.citations.length === 0) continue;
      const sources = ctx.citedSources(s);
      if (sources.length === 0) continue;
      // Worked out once for the sentence's text and sources, not again at each keystroke elsewhere.
      for (const r of sentenceProblems("number-mismatch", s, sources, () => figuresNotHeld(s, sources))) report(r);
    }
    // A figure the source holds elsewhere, where the sentence that holds the claim has another figure
    // between the same words ("within 30 days" where it says "within 14 days").
    for (const { sentence: s, sources, evidence: ev } of verifiedClaims(ctx)) {
      if (ev.figures.length === 0) continue;
      for (const r of sentenceProblems("number-mismatch swapped", s, sources, () => swappedFigures(s.claimText, sources, ev))) report(r);
    }
  },
};
export default rule;

/** Every figure the cited sources hold. */
const heldFigures = (sources: readonly ResolvedSource[]) => sources.flatMap((src) => src.library.figures(src.entry).flat());

/** The figures of a citing sentence that none of its sources holds, nor works out, as problems (offsets in the sentence; they depend on its text and language alone). */
function figuresNotHeld(s: Sentence, sources: readonly ResolvedSource[]): Report[] {
  const out: Report[] = [];
  const claim = s.claimText;
  const lang = s.lang;
  // A language the checks do not read (the claim's or a source's) may write its figures otherwise: not compared.
  const view = languageView(s, sources);
  if (view.unread.length > 0) return out;
  // Across languages only figures written in digits are compared: `half`, `doubled` or `in the evening`
  // are words, which a source in another language writes in its own words.
  const figures = view.cross.length > 0 ? extractFigures(claim, lang).filter((f) => /\d/.test(f.raw)) : extractFigures(claim, lang);
  if (figures.length === 0) return out;
  const held = heldFigures(sources);
  let weekdays: boolean | undefined;
  for (const f of figures) {
    const r = findFigureAndFix(f, held);
    if (r.found) continue;
    // A day of the week against sources that name none, nor a full date: they may give its date without
    // its year. Not reported (nor is the claim confirmed: a person looks).
    if (f.keys.some((k) => k.startsWith("weekday:")) && !(weekdays ??= held.some((g) => g.keys.some((k) => k.includes("weekday:"))))) continue;
    // Worked out from the source (`two weeks` for `14 days`, `lost five seats` for `from 17 to 12`): not a mismatch.
    if (sources.some((src) => derivedFrom(f, claim, () => sourceSentences(src.entry).map((ss) => ({ text: ss.text, figures: sourceTextFigures(ss.text) }))))) continue;
    const keys = sources.map((src) => `@${src.key}`).join(", ");
    // A fix only when the figure meant is not in doubt: the same unit, clearly the nearest.
    const written = r.meant?.raw.replace(/\s+/g, " ").trim();
    out.push({
      start: f.start,
      end: f.end,
      message: `figure "${f.raw}" appears in none of the cited sources (${keys})` + (r.closest ? `; the closest they hold is "${r.closest.raw}"` : ""),
      data: r.closest ? { closest: r.closest.raw } : undefined,
      fixes: written && written !== f.raw ? [{ title: `Change to ${written}`, edits: [{ start: f.start, end: f.end, newText: written }], preferred: true }] : undefined,
    });
  }
  return out;
}

/** The claim's figures held elsewhere in the sources that the sentence holding the claim gives otherwise, as problems. */
function swappedFigures(claim: string, sources: readonly ResolvedSource[], ev: Evidence & { best: NonNullable<Evidence["best"]> }): Report[] {
  const out: Report[] = [];
  const held = heldFigures(sources);
  for (const f of ev.figures) {
    if (!findFigure(f, held).found) continue; // reported above
    const swap = swappedFigure(claim, f, ev, sources.map((src) => src.entry));
    if (!swap) continue;
    out.push({
      start: f.start,
      end: f.end,
      message: `@${ev.best.key} says "${swap.figure.raw}" where this sentence says "${f.raw}": "${excerpt(swap.sentence.text, 90)}"`,
      data: { closest: swap.figure.raw },
      fixes: [{ title: `Change to ${swap.figure.raw}`, edits: [{ start: f.start, end: f.end, newText: swap.figure.raw }], preferred: false }],
    });
  }
  return out;
}

