import type { Rule } from "./rule";

/** Reported on the source files by the library itself; listed here for settings and documentation. */
const rule: Rule = {
  name: "duplicate-source-key",
  defaultSeverity: "error",
  description: "No two files of the source library claim the same key (front matter `id`, else the file name).",
  example: "sources/port.md with `id: port-notice` and sources/port-notice.txt",
  scope: "library",
  check() {},
};
export default rule;
