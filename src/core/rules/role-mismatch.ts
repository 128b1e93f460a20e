import type { Rule } from "./rule";
import { excerpt } from "./rule";
import { verifiedClaims } from "../verify/claims";
import { claimRoles, sourceRoles } from "../verify/checks";

const rule: Rule = {
  name: "role-mismatch",
  defaultSeverity: "warning",
  description: "Who did what to whom: in a simple citing sentence (two named parties and a verb between them, active or passive), the cited passage has the same party as the one who acts.",
  example: "Ishiba visited Seoul on 12 May [@summit-report]. (the source says Lee visited Tokyo)",
  check(ctx, report) {
    for (const { sentence: s, evidence: ev } of verifiedClaims(ctx)) {
      const roles = claimRoles(s.claimText, ev.names);
      if (!roles) continue;
      const said = sourceRoles(roles, ev);
      if (!said || said.agent === roles.agent) continue;
      report({
        start: s.start,
        end: s.end,
        message: `@${ev.best.key} has ${said.agent} as the one who ${roles.verb}, not ${roles.agent}: "${excerpt(said.sentence.text, 100)}"`,
        data: { agent: said.agent },
      });
    }
  },
};
export default rule;
