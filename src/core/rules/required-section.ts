import type { Rule } from "./rule";
import { insertSectionEdit } from "./sectionEdits";

const rule: Rule = {
  name: "required-section",
  defaultSeverity: "error",
  description: "Every section named in `requiredSections` (default Description, Impact) is present, as a heading or a `Name:` label.",
  example: "# Title\n\n## Description\n\nThe port reopened [@port-notice].\n\n(no Impact section)",
  check({ brief, config }, report) {
    const at = brief.title && brief.title.start >= brief.frontMatter.bodyOffset ? brief.title : { start: 0, end: brief.lines.lineEnd(0) };
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
