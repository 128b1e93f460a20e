import type { Problem } from "../core/types";
import { RULES } from "../core/rules";
import { ruleDocUrl } from "../core/rules/rule";

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

export function formatText(problems: readonly ReportedProblem[]): string {
  return problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.severity} ${p.rule} ${p.message}`).join("\n") + (problems.length ? "\n" : "");
}

export function formatJson(files: number, problems: readonly ReportedProblem[]): string {
  return JSON.stringify({ files, problems }, null, 2) + "\n";
}

const SARIF_LEVEL: Record<Problem["severity"], "error" | "warning" | "note"> = { error: "error", warning: "warning", information: "note", hint: "note" };

export function formatSarif(problems: readonly ReportedProblem[], version: string): string {
  const ruleIds = [...new Set([...RULES.map((r) => r.name), ...problems.map((p) => p.rule)])];
  const rules = ruleIds.map((id) => {
    const r = RULES.find((x) => x.name === id);
    return r
      ? { id, shortDescription: { text: r.description.replace(/`/g, "") }, helpUri: ruleDocUrl(id), defaultConfiguration: { level: SARIF_LEVEL[r.defaultSeverity] } }
      : { id, shortDescription: { text: id === "config" ? "The config file is valid." : `markdownlint rule ${id}` }, helpUri: id.startsWith("MD") ? `https://github.com/DavidAnson/markdownlint/blob/main/doc/${id.toLowerCase()}.md` : ruleDocUrl(id) };
  });
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "brief-author", version, informationUri: "https://github.com/brief-author/brief-author", rules } },
        results: problems.map((p) => ({
          ruleId: p.rule,
          ruleIndex: ruleIds.indexOf(p.rule),
          level: SARIF_LEVEL[p.severity],
          message: { text: p.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: p.file.split("\\").join("/") },
                region: { startLine: p.line, startColumn: p.column, endLine: p.endLine, endColumn: p.endColumn },
              },
            },
          ],
        })),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + "\n";
}
