import type { Rule } from "./rule";

const rule: Rule = {
  name: "unused-source",
  defaultSeverity: "warning",
  description: "Every source listed in the Sources section is cited somewhere in the brief.",
  example: "The port reopened [@port-notice].\n\n## Sources\n\n- [@port-notice]\n- [@freight-index]",
  check({ brief }, report) {
    const section = brief.sourcesSection;
    if (!section) return;
    const cited = new Set<string>();
    for (const c of brief.citations) {
      if (c.start >= section.contentStart && c.start < section.contentEnd) continue;
      for (const item of c.items) cited.add(item.key);
    }
    for (const l of brief.listed) {
      if (cited.has(l.key)) continue;
      const lineEnd = l.itemEnd < brief.text.length ? l.itemEnd + 1 : l.itemEnd;
      report({
        start: l.keyStart - 1,
        end: l.keyEnd,
        message: `source "@${l.key}" is listed in Sources but never cited in the brief`,
        data: { key: l.key },
        fixes: [{ title: `Remove @${l.key} from Sources`, edits: [{ start: l.itemStart, end: lineEnd, newText: "" }] }],
      });
    }
  },
};
export default rule;
