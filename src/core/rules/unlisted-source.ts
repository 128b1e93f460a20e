import type { Rule } from "./rule";
import { addToSourcesEdit } from "./sourcesEdits";

const rule: Rule = {
  name: "unlisted-source",
  defaultSeverity: "warning",
  description: "Every cited source is listed in the brief's Sources section (only checked when the brief has one).",
  example: "The port reopened [@port-notice].\n\n## Sources\n\n- [@freight-index]",
  check({ brief, resolve }, report) {
    const section = brief.sourcesSection;
    if (!section) return;
    const listed = new Set(brief.listed.map((l) => l.key));
    const done = new Set<string>();
    for (const c of brief.citations) {
      if (c.start >= section.contentStart && c.start < section.contentEnd) continue;
      for (const item of c.items) {
        if (listed.has(item.key) || done.has(item.key) || !resolve(item.key)) continue; // an unknown key is unknown-source's
        done.add(item.key);
        report({
          start: item.keyStart - 1,
          end: item.keyEnd,
          message: `source "@${item.key}" is cited but not listed in the Sources section`,
          data: { key: item.key },
          fixes: [{ title: `Add @${item.key} to Sources`, edits: [addToSourcesEdit(brief, [item.key])], preferred: true }],
        });
      }
    }
  },
};
export default rule;
