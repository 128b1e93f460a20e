import type { Severity } from "./types";

/** How many problems of each severity. */
export type SeverityCounts = Record<Severity, number>;

export function countSeverities(problems: Iterable<{ severity: Severity }>): SeverityCounts {
  const c: SeverityCounts = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const p of problems) c[p.severity]++;
  return c;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/**
 * Every severity, named, so the parts add up to the whole: `7 errors, 14 warnings, 3 infos`
 * (hints, which VS Code's Problems panel does not list, only when there are some). One wording
 * for the CLI, Check All and the status bar.
 */
export function describeCounts(c: SeverityCounts): string {
  const parts = [plural(c.error, "error"), plural(c.warning, "warning"), plural(c.information, "info")];
  if (c.hint) parts.push(plural(c.hint, "hint"));
  return parts.join(", ");
}

export function totalOf(c: SeverityCounts): number {
  return c.error + c.warning + c.information + c.hint;
}
