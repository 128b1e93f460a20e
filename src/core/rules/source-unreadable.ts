import type { Rule } from "./rule";

/** Reported on the source files by the library itself; listed here for settings and documentation. */
const rule: Rule = {
  name: "source-unreadable",
  defaultSeverity: "warning",
  description: "Every file in the source folders can be indexed: readable, text (no NUL bytes), valid UTF-8, no larger than `maxSourceBytes` (1 MiB by default).",
  example: "sources/scan.txt saved as Latin-1, or a 5 MB export",
  scope: "library",
  check() {},
};
export default rule;
