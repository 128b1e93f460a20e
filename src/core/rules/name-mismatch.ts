import type { Report, ResolvedSource, Rule } from "./rule";
import type { Evidence } from "../verify/evidence";
import { sentenceProblems } from "../verify/remembered";
import { excerpt } from "./rule";
import { verifiedClaims } from "../verify/claims";
import { missingNames, namesOfText } from "../verify/checks";
import { swappedName } from "../verify/slots";
import { escapeRegExp } from "../text";

/** Share of the claim's other words a cited passage must hold before a missing name is its fault (not the topic's). */
const ON_TOPIC = 0.3;

const rule: Rule = {
  name: "name-mismatch",
  defaultSeverity: "warning",
  description: "Every person, place and organisation a citing sentence names is named in a cited source (surnames, possessives and `Ukraine`/`Ukrainian` match), and where the source names it only elsewhere, the sentence that holds the claim does not give another name in its place, between the same words (`at the Vessby terminal` where it says `at the Portavel terminal`; titles and a shared surname are not another name). The message gives the names the passage does hold.",
  example: "Prime Minister Kishida visited Seoul on 12 May [@summit-report]. (the source says Ishiba visited Seoul)",
  check(ctx, report) {
    for (const { sentence: s, sources, evidence: ev } of verifiedClaims(ctx)) {
      // Worked out once for the sentence's text and sources, not again at each keystroke elsewhere.
      for (const r of sentenceProblems("name-mismatch", s, sources, () => namesNotHeld(s.claimText, sources, ev))) report(r);
    }
  },
};
export default rule;

/** The claim's names that no cited source holds, or that the passage gives another name in place of, as problems (offsets in the claim). */
function namesNotHeld(claim: string, sources: readonly ResolvedSource[], ev: Evidence & { best: NonNullable<Evidence["best"]> }): Report[] {
  const out: Report[] = [];
  // A sentence about something else altogether is weak-support's to report, not a name's.
  if (ev.names.length === 0 || ev.coverage < ON_TOPIC) return out;
  const bodies = sources.map((src) => src.entry.text.slice(src.entry.bodyOffset));
  const missing = missingNames(ev.names, bodies);
  const keys = sources.map((src) => `@${src.key}`).join(", ");
  if (missing.length === 0) {
    // Named in the source, but the sentence that holds the claim has another name in its place
    // ("at the Vessby terminal" where it says "at the Portavel terminal").
    const swap = swappedName(claim, ev, sources.map((src) => src.entry));
    const at = swap ? findWord(claim, swap.claimed) : -1;
    if (swap && at >= 0) {
      out.push({
        start: at,
        end: at + swap.claimed.length,
        message: `@${ev.best.key} says "${swap.instead}" where this sentence says "${swap.claimed}": "${excerpt(swap.sentence.text, 90)}"`,
        data: { name: swap.claimed, instead: [swap.instead] },
      });
    }
    return out;
  }
  const inClaim = new Set(ev.names.map((n) => n.toLowerCase()));
  const instead = namesOfText(ev.best.text).filter((n) => !n.split(/\s+/).some((w) => inClaim.has(w.toLowerCase()))).slice(0, 4);
  // Adjacent missing words are one name ("Halden Institute"): one problem for it.
  const spans: Array<{ start: number; end: number }> = [];
  for (const name of missing) {
    const at = findWord(claim, name);
    if (at < 0) continue;
    const last = spans[spans.length - 1];
    if (last && /^\s+$/.test(claim.slice(last.end, at))) last.end = at + name.length;
    else spans.push({ start: at, end: at + name.length });
  }
  for (const span of spans) {
    const name = claim.slice(span.start, span.end);
    out.push({
      start: span.start,
      end: span.end,
      message:
        `"${name}" is named in none of the cited sources (${keys})` +
        (instead.length ? `; the closest passage names ${instead.map((n) => `"${n}"`).join(", ")}: "${excerpt(ev.best.text, 90)}"` : ""),
      data: { name, instead },
    });
  }
  return out;
}

/** Where a capitalised word stands in a sentence (not inside another word). */
function findWord(text: string, word: string): number {
  const re = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(word)}(?![\\p{L}\\p{N}])`, "u");
  return re.exec(text)?.index ?? -1;
}
