import type { Rule } from "./rule";

const rule: Rule = {
  name: "source-unreadable",
  defaultSeverity: "warning",
  description: "Every file in the source folders can be indexed: readable, text (no NUL bytes), valid UTF-8, no larger than `maxSourceBytes` (1 MiB by default).",
  example: "sources/scan.txt saved as Latin-1, or a 5 MB export",
  scope: "library",
  checkLibrary(library, report) {
    for (const { path, reason } of library.unreadable()) {
      report({ path, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message: reason });
    }
  },
};
export default rule;
