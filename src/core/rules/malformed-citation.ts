import type { Rule } from "./rule";

const rule: Rule = {
  name: "malformed-citation",
  defaultSeverity: "error",
  description: "Citations follow Pandoc syntax: `[@key]`, `[@a; @b]`, `[@key, p. 3]`, `[see @key]`.",
  example: "The port reopened [@ port-notice].",
  check({ brief }, report) {
    for (const m of brief.malformed) {
      const raw = brief.text.slice(m.start, m.end);
      const spaced = /^\[@\s+([^\s\]]+)\]$/.exec(raw);
      report({
        start: m.start,
        end: m.end,
        message: m.message,
        fixes: spaced ? [{ title: `Write [@${spaced[1]}]`, edits: [{ start: m.start, end: m.end, newText: `[@${spaced[1]}]` }], preferred: true }] : undefined,
      });
    }
  },
};
export default rule;
