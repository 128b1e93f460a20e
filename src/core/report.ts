/**
 * Problems and claims as the CLI's JSON reports them (1-based lines and columns, a file path as
 * the host shows it): one shape for the CLI, the MCP server and the editor's agent tools.
 */
import type { Problem } from "./types";
import type { Claim, Verdict } from "./verify/claims";
import type { LineIndex } from "./text";

/** A problem as the CLI reports it: 1-based positions, `file` relative to the current folder. */
export interface ReportedProblem {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Problem["severity"];
  rule: string;
  message: string;
}

export function toReported(file: string, p: Problem): ReportedProblem {
  return {
    file,
    line: p.range.start.line + 1,
    column: p.range.start.character + 1,
    endLine: p.range.end.line + 1,
    endColumn: p.range.end.character + 1,
    severity: p.severity,
    rule: p.rule,
    message: p.message,
  };
}

/** A claim as the CLI reports it: 1-based positions, its verdict, the rules that reported on it and its best cited passage. */
export interface ReportedClaim {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  keys: string[];
  verdict: Verdict;
  rules: string[];
  /** The best cited passage (its source's key and text), or null when no cited source has text. */
  passage: { key: string; text: string } | null;
}

const PASSAGE_MAX = 400;

export function toReportedClaim(file: string, c: Claim, lines: LineIndex): ReportedClaim {
  const r = lines.rangeOf(c.start, c.end);
  const text = c.passage ? c.passage.text.replace(/\s+/g, " ").trim() : "";
  return {
    file,
    line: r.start.line + 1,
    column: r.start.character + 1,
    endLine: r.end.line + 1,
    endColumn: r.end.character + 1,
    keys: c.keys,
    verdict: c.verdict,
    rules: c.rules,
    passage: c.passage ? { key: c.passage.key, text: text.length > PASSAGE_MAX ? text.slice(0, PASSAGE_MAX - 1) + "…" : text } : null,
  };
}

