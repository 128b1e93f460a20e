import type { Rule } from "./rule";

const rule: Rule = {
  name: "section-length",
  defaultSeverity: "warning",
  description: "A section's word count stays within the bounds set in `sectionLength` (none by default).",
  example: '// .briefrc.json: { "sectionLength": { "Impact": { "min": 10 } } }\n## Impact\n\nPrices rise.',
  check({ brief, config }, report) {
    const bounds = new Map(Object.entries(config.sectionLength).map(([k, v]) => [k.toLowerCase(), v]));
    for (const s of brief.sections) {
      const b = bounds.get(s.id);
      if (!b) continue;
      if (b.max !== undefined && s.words > b.max) report({ start: s.markerStart, end: s.markerEnd, message: `section "${s.name}" has ${s.words} words, more than the ${b.max} allowed; cut ${s.words - b.max}` });
      else if (b.min !== undefined && s.words < b.min) report({ start: s.markerStart, end: s.markerEnd, message: `section "${s.name}" has ${s.words} words, fewer than the ${b.min} required` });
    }
  },
};
export default rule;
