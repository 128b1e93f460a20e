import type { Rule } from "./rule";
import { insertSectionEdit } from "./sectionEdits";

const rule: Rule = {
  name: "required-section",
  defaultSeverity: "error",
  description: "Every section named in `requiredSections` (default Description, Impact) is present, as a heading or a `Name:` label.",
  example: "# Title\n\n## Description\n\nThe port reopened [@port-notice].\n\n(no Impact section)",
  check({ brief, config }, report) {
    // Point at the title heading, where a reader looks for the brief's structure; else the first line.
    const h1 = brief.structure.headings.find((h) => h.level === 1);
    const at = h1 ? { start: h1.start, end: h1.end } : { start: 0, end: brief.lines.lineEnd(0) };
    for (const name of config.requiredSections) {
      if (brief.sections.some((s) => s.id === name.toLowerCase())) continue;
      const edit = insertSectionEdit(brief, config.requiredSections, name);
      report({
        start: at.start,
        end: at.end,
        message: `required section "${name}" is missing: add a "## ${name}" heading or a paragraph that starts with "${name}:"`,
        data: { section: name },
        fixes: [{ title: `Add the "${name}" section`, edits: [edit], preferred: true }],
      });
    }
  },
};
export default rule;
