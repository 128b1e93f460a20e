import type { Rule } from "./rule";

const rule: Rule = {
  name: "unverified-claim",
  // Off by default: an unverified claim is not a mistake, only one no check could confirm.
  defaultSeverity: "off",
  description: "Every claim that cites is confirmed by its sources (its verdict is not `unverified`): for teams that want every claim confirmed, or looked at, before a brief ships. Off by default.",
  example: "Officials hope the talks will resume soon [@talks-report]. (the source says nothing of hopes)",
  checkClaims(claims, _ctx, report) {
    for (const c of claims) {
      if (c.verdict !== "unverified" || c.keys.length === 0) continue;
      report({ start: c.start, end: c.end, message: `no check could confirm this claim against ${c.keys.map((k) => `@${k}`).join(", ")}: ${c.why.join("; ")}` });
    }
  },
};
export default rule;
