import type { Rule } from "./rule";

const rule: Rule = {
  name: "section-order",
  defaultSeverity: "warning",
  description: "Required sections appear in the configured order (default: Description, then Impact).",
  example: "## Impact\n\nPrices rise [@a].\n\n## Description\n\nThe port closed [@a].",
  check({ brief, config }, report) {
    const order = config.requiredSections.map((n) => n.toLowerCase());
    const seen: string[] = [];
    for (const s of brief.sections) {
      const rank = order.indexOf(s.id);
      if (rank < 0 || seen.includes(s.id)) continue;
      const later = seen.find((id) => order.indexOf(id) > rank);
      if (later) {
        const laterName = config.requiredSections[order.indexOf(later)];
        report({ start: s.markerStart, end: s.markerEnd, message: `section "${s.name}" should come before "${laterName}" (order: ${config.requiredSections.join(", ")})` });
      }
      seen.push(s.id);
    }
  },
};
export default rule;
