import type { Rule } from "./rule";

const rule: Rule = {
  name: "duplicate-section",
  defaultSeverity: "error",
  description: "No section (Description, Impact, Sources or another configured one) appears twice, in either style.",
  example: "## Impact\n\nOne.\n\nImpact: Two.",
  check({ brief }, report) {
    const lines = brief.lines;
    const first = new Map<string, number>();
    for (const s of brief.sections) {
      const prev = first.get(s.id);
      if (prev === undefined) {
        first.set(s.id, s.markerStart);
        continue;
      }
      report({ start: s.markerStart, end: s.markerEnd, message: `section "${s.name}" appears twice (first at line ${lines.positionAt(prev).line + 1}): merge the two` });
    }
  },
};
export default rule;
