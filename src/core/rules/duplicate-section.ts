import type { Rule } from "./rule";
import { mergeSectionEdits } from "./sectionEdits";
import type { Section } from "../parse/brief";

const rule: Rule = {
  name: "duplicate-section",
  defaultSeverity: "error",
  description: "No section (Description, Impact, Sources or another configured one) appears twice, in either style.",
  example: "## Impact\n\nOne.\n\nImpact: Two.",
  check({ brief }, report) {
    const lines = brief.lines;
    const first = new Map<string, Section>();
    for (const s of brief.sections) {
      const prev = first.get(s.id);
      if (prev === undefined) {
        first.set(s.id, s);
        continue;
      }
      // One section inside the other (a heading nested in its namesake) cannot be merged by moving text.
      const nested = s.markerStart < prev.contentEnd;
      report({
        start: s.markerStart,
        end: s.markerEnd,
        message: `section "${s.name}" appears twice (first at line ${lines.positionAt(prev.markerStart).line + 1}): merge the two`,
        fixes: nested ? undefined : [{ title: `Merge into the "${prev.name}" section at line ${lines.positionAt(prev.markerStart).line + 1}`, edits: mergeSectionEdits(brief, prev, s), preferred: true }],
      });
    }
  },
};
export default rule;
