import type { Rule } from "./rule";
import { moveSectionEdits } from "./sectionEdits";

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
        // Before the first section the order puts after it.
        const before = brief.sections.find((x) => x.markerStart < s.markerStart && order.indexOf(x.id) > rank);
        // Nested sections (a heading inside another) are not moved: the edit would split their parent.
        const nested = before && brief.sections.some((x) => x !== s && x.markerStart < s.markerStart && x.contentEnd > s.markerStart && x.level > 0 && x.level < s.level);
        report({
          start: s.markerStart,
          end: s.markerEnd,
          message: `section "${s.name}" should come before "${laterName}" (order: ${config.requiredSections.join(", ")})`,
          fixes: before && !nested && s.contentEnd >= s.contentStart ? [{ title: `Move "${s.name}" before "${before.name}"`, edits: moveSectionEdits(brief, s, before), preferred: true }] : undefined,
        });
      }
      seen.push(s.id);
    }
  },
};
export default rule;
