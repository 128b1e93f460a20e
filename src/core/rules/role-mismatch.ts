import type { Report, Rule } from "./rule";
import type { Evidence } from "../verify/evidence";
import { sentenceProblems } from "../verify/remembered";
import { excerpt } from "./rule";
import { reportedClause, verifiedClaims } from "../verify/claims";
import { actorGap, claimRoles, sourceRoles, swappedParties } from "../verify/checks";

const rule: Rule = {
  name: "role-mismatch",
  defaultSeverity: "warning",
  description: "Who did what to whom: in a simple citing sentence (two named parties and a verb between them, active or passive), the cited passage has the same party as the one who acts; a named party the sentence says acted or spoke is the one the passage names right before that verb (`Mayor Achterberg told reporters` where the passage says `Parrish told reporters`); and the sentence's subject and object, named or not, are not the passage's the other way round (`Councillors rejected calls from the mayor` where it says `The mayor rejected calls from councillors`), nor in what the sentence reports a speaker said (`told the hearing that the club had asked the trust` where the passage says the trust asked the club).",
  example: "Ishiba visited Seoul on 12 May [@summit-report]. (the source says Lee visited Tokyo)",
  check(ctx, report) {
    for (const { sentence: s, sources, evidence: ev } of verifiedClaims(ctx)) {
      // Worked out once for the sentence's text and sources, not again at each keystroke elsewhere.
      for (const r of sentenceProblems("role-mismatch", s, sources, () => roleGap(s.claimText, ev))) report(r);
    }
  },
};
export default rule;

/** Another party as the one who acts, or parties swapped, as a problem over the whole claim (offsets in the claim). */
function roleGap(claim: string, ev: Evidence & { best: NonNullable<Evidence["best"]> }): Report[] {
  const roles = claimRoles(claim, ev.names);
  const said = roles && sourceRoles(roles, ev);
  if (!roles || !said) {
    // Not two parties round a verb: is the one the claim says acted (or spoke) the source's?
    // …or the parties of what it reports a speaker said ("told the hearing that the club had asked the trust").
    const reported = reportedClause(claim);
    const other = actorGap(claim, ev) ?? swappedParties(claim, ev) ?? (reported !== undefined ? swappedParties(reported, ev) : undefined);
    if (!other) return [];
    return [{
      start: 0,
      end: claim.length,
      message: `@${ev.best.key} has ${other.actor} as the one who ${other.verb}, not ${other.claimed}: "${excerpt(other.sentence.text, 100)}"`,
      data: { agent: other.actor },
    }];
  }
  if (said.agent === roles.agent) return [];
  return [{
    start: 0,
    end: claim.length,
    message: `@${ev.best.key} has ${said.agent} as the one who ${roles.verb}, not ${roles.agent}: "${excerpt(said.sentence.text, 100)}"`,
    data: { agent: said.agent },
  }];
}
