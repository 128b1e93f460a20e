import type { Rule } from "./rule";
import { excerpt } from "./rule";
import { evidenceOf, verifiable } from "../verify/claims";
import { claimRoles, sourceRoles } from "../verify/checks";
import { CLAIM_MIN_WORDS } from "./uncited-claim";

const rule: Rule = {
  name: "role-mismatch",
  defaultSeverity: "warning",
  description: "Who did what to whom: in a simple citing sentence (two named parties and a verb between them, active or passive), the cited passage has the same party as the one who acts.",
  example: "Ishiba visited Seoul on 12 May [@summit-report]. (the source says Lee visited Tokyo)",
  check(ctx, report) {
    for (const s of ctx.brief.sentences) {
      if (s.citations.length === 0 || s.words < CLAIM_MIN_WORDS || !verifiable(ctx.brief, s)) continue;
      const sources = ctx.citedSources(s);
      if (sources.length === 0) continue;
      const ev = evidenceOf(s, sources);
      if (!ev.best) continue;
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
