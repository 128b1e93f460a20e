import type { Rule } from "./rule";

/**
 * markdownlint (through micromark) is not linear on every input. Past a limit of `limits` it
 * is not run on the brief; this rule says so once, so a missing markdownlint problem is never
 * mistaken for a clean bill. brief-author's own rules still ran, on the linear structure reader.
 */
const rule: Rule = {
  name: "markdownlint-skipped",
  defaultSeverity: "information",
  description: "Says once when markdownlint was not run on a brief because it passes a size or shape limit (`limits` in `.briefrc.json`), so its silence is never taken for a clean result.",
  example: '<!-- .briefrc.json: { "limits": { "nesting": 2 } } -->\n> > > Nested three block quotes deep.',
  check({ brief }, report) {
    if (!brief.markdownlintSkipped) return;
    const end = brief.lines.lineEnd(0);
    report({
      start: 0,
      end,
      message: `markdownlint was not run on this brief: ${brief.markdownlintSkipped}. brief-author's own checks still ran; raise the limit under "limits" in .briefrc.json to lint it with markdownlint too.`,
    });
  },
};
export default rule;
