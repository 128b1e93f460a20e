import type { Rule } from "./rule";
import { excerpt } from "./rule";
import { verifiedClaims } from "../verify/claims";
import { polarityGap } from "../verify/checks";

/** Share of the claim's words the passage must hold for its "not" or antonym to be about the same thing. */
const SAME_TOPIC = 0.5;

const rule: Rule = {
  name: "polarity-mismatch",
  defaultSeverity: "warning",
  description: "The cited passage does not negate or reverse what a citing sentence affirms: `not`, `denied`, `rejected`, `failed to`, `no longer` in the clause that holds the sentence's facts, denying a word the sentence says (`did not produce an agreement` does not deny that talks were asked for; `had not changed` denies any rise or cut), or an antonym (WordNet's, and reversals such as `lifted`/`imposed`: `rose` where the source says `fell`); nor affirms what the sentence denies (`refused to hire` where it says `agreed to hire`).",
  example: "Exports rose by 4 percent in March [@trade-office]. (the source says exports fell by 4 percent)",
  check(ctx, report) {
    for (const { sentence: s, evidence: ev } of verifiedClaims(ctx)) {
      if (ev.coverage < SAME_TOPIC) continue;
      const gap = polarityGap(s.claimText, ev);
      if (!gap) continue;
      const key = `@${ev.best.key}`;
      const said = excerpt(gap.clause, 100);
      if (gap.kind === "antonym" && gap.claimWord && gap.sourceWord) {
        const written = gap.sourceWord;
        const cw = gap.claimWord;
        const claimWritten = s.claimText.slice(cw.start, cw.end);
        report({
          start: s.start + cw.start,
          end: s.start + cw.end,
          message: `${key} says "${written}" where this says "${claimWritten}": "${said}"`,
          data: { kind: "antonym", source: written },
          // A fix only when the source's word stands in for the claim's as written (both past, both plain…).
          fixes: sameForm(claimWritten, written) ? [{ title: `Change to "${matchCase(written, claimWritten)}"`, edits: [{ start: s.start + cw.start, end: s.start + cw.end, newText: matchCase(written, claimWritten) }] }] : undefined,
        });
        continue;
      }
      report({
        start: s.start,
        end: s.end,
        message: gap.kind === "negation" ? `${key} says otherwise: "${said}"` : `this says "not", but ${key} affirms it: "${said}"`,
        data: { kind: gap.kind },
      });
    }
  },
};
export default rule;

/** Two words in the same inflection: both past (-ed or irregular past pairs the lexicon gave), or both plain. */
function sameForm(a: string, b: string): boolean {
  const suffix = (w: string) => (/ed$/.test(w) ? "ed" : /ing$/.test(w) ? "ing" : /s$/.test(w) ? "s" : "");
  return suffix(a.toLowerCase()) === suffix(b.toLowerCase());
}

function matchCase(word: string, like: string): string {
  return /^\p{Lu}/u.test(like) ? word[0].toUpperCase() + word.slice(1) : word.toLowerCase();
}
