import type { Rule } from "./rule";
import { canMoveSection, moveSectionEdits } from "./sectionEdits";

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
        // Only where the move keeps the outline: same level under the same parent (a section nested
        // elsewhere, or of another level, is left to the writer).
        const movable = before !== undefined && canMoveSection(brief, s, before);
        report({
          start: s.markerStart,
          end: s.markerEnd,
          message: `section "${s.name}" should come before "${laterName}" (order: ${config.requiredSections.join(", ")})`,
          fixes: before && movable ? [{ title: `Move "${s.name}" before "${before.name}"`, edits: moveSectionEdits(brief, s, before), preferred: true }] : undefined,
        });
      }
      seen.push(s.id);
    }
  },
};
export default rule;
