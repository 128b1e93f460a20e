import type { Rule } from "./rule";

const rule: Rule = {
  name: "empty-section",
  defaultSeverity: "error",
  description: "A required section holds at least one word.",
  example: "## Description\n\n## Impact\n\nPrices rise.",
  check({ brief, config }, report) {
    const required = new Set(config.requiredSections.map((n) => n.toLowerCase()));
    for (const s of brief.sections) {
      if (!required.has(s.id) || s.words > 0) continue;
      report({ start: s.markerStart, end: s.markerEnd, message: `section "${s.name}" is empty: write what it must say` });
    }
  },
};
export default rule;
