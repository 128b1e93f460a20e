import type { Problem } from "../core/types";
import { RULES } from "../core/rules";
import { ruleDocUrl } from "../core/rules/rule";
import type { Claim, Verdict } from "../core/verify/claims";
import type { LineIndex } from "../core/text";

export { toReported, toReportedClaim, type ReportedClaim, type ReportedProblem } from "../core/report";
import type { ReportedClaim, ReportedProblem } from "../core/report";

/**
 * Problems a line each (`file:line:column: severity rule message`, as problem matchers read them),
 * then one line per brief with claims: `file: 12 claims: 8 confirmed, 1 contradicted, 3 unverified`.
 */
export function formatText(problems: readonly ReportedProblem[], claims: readonly ReportedClaim[] = []): string {
  const lines = problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.severity} ${p.rule} ${p.message}`);
  const byFile = new Map<string, ReportedClaim[]>();
  for (const c of claims) (byFile.get(c.file) ?? byFile.set(c.file, []).get(c.file)!).push(c);
  for (const [file, cs] of byFile) lines.push(`${file}: ${claimSummary(cs)}`);
  return lines.join("\n") + (lines.length ? "\n" : "");
}

/** `12 claims: 8 confirmed, 1 contradicted, 3 unverified`. */
export function claimSummary(claims: ReadonlyArray<{ verdict: Verdict }>): string {
  const n = (v: Verdict) => claims.filter((c) => c.verdict === v).length;
  return `${claims.length} claim${claims.length === 1 ? "" : "s"}: ${n("confirmed")} confirmed, ${n("contradicted")} contradicted, ${n("unverified")} unverified`;
}

export function formatJson(files: number, problems: readonly ReportedProblem[], claims: readonly ReportedClaim[] = []): string {
  return JSON.stringify({ files, problems, claims }, null, 2) + "\n";
}

/** The claim a problem stands in (same file, its start within the claim's lines and columns). */
function claimOf(p: ReportedProblem, byFile: Map<string, ReportedClaim[]>): ReportedClaim | undefined {
  const before = (l1: number, c1: number, l2: number, c2: number) => l1 < l2 || (l1 === l2 && c1 <= c2);
  return byFile.get(p.file)?.find((c) => before(c.line, c.column, p.line, p.column) && before(p.line, p.column, c.endLine, c.endColumn));
}

const SARIF_LEVEL: Record<Problem["severity"], "error" | "warning" | "note"> = { error: "error", warning: "warning", information: "note", hint: "note" };

export function formatSarif(problems: readonly ReportedProblem[], version: string, claims: readonly ReportedClaim[] = []): string {
  const byFile = new Map<string, ReportedClaim[]>();
  for (const c of claims) (byFile.get(c.file) ?? byFile.set(c.file, []).get(c.file)!).push(c);
  const ruleIds = [...new Set([...RULES.map((r) => r.name), ...problems.map((p) => p.rule)])];
  const rules = ruleIds.map((id) => {
    const r = RULES.find((x) => x.name === id);
    return r
      ? { id, shortDescription: { text: r.description.replace(/`/g, "") }, helpUri: ruleDocUrl(id), defaultConfiguration: r.defaultSeverity === "off" ? { enabled: false, level: "warning" } : { level: SARIF_LEVEL[r.defaultSeverity] } }
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
          ...sarifProperties(claimOf(p, byFile)),
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

/** A result's claim, in its `properties`: the verdict, the cited keys. */
function sarifProperties(c: ReportedClaim | undefined): { properties?: { verdict: Verdict; keys: string[] } } {
  return c ? { properties: { verdict: c.verdict, keys: c.keys } } : {};
}

/** A value of a workflow command's data, escaped as GitHub's runner reads it. */
export function escapeGithubData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** A value of a workflow command's property (`file=…`, `title=…`): also `:` and `,`. */
export function escapeGithubProperty(s: string): string {
  return escapeGithubData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

const GITHUB_LEVEL: Record<string, string> = { error: "error", warning: "warning", information: "notice", hint: "notice" };

/**
 * GitHub Actions workflow commands, one per problem (`::error file=…,line=…,col=…,endLine=…,endColumn=…,title=rule::message`),
 * which the runner turns into annotations on the pull request's files; information and hints are notices.
 * Then the per-brief claim lines, as plain log lines.
 */
export function formatGithub(problems: readonly ReportedProblem[], claims: readonly ReportedClaim[] = []): string {
  const lines = problems.map((p) => {
    const props = [`file=${escapeGithubProperty(p.file)}`, `line=${p.line}`, `col=${p.column}`, `endLine=${p.endLine}`, `endColumn=${p.endColumn}`, `title=${escapeGithubProperty(p.rule)}`].join(",");
    return `::${GITHUB_LEVEL[p.severity] ?? "notice"} ${props}::${escapeGithubData(p.message)}`;
  });
  // The claim lines are plain log lines: a file name cannot make one a workflow command.
  const text = formatText([], claims.map((c) => ({ ...c, file: escapeGithubData(c.file) })))
    .split("\n")
    .map((l) => (l.startsWith("::") ? `claims: ${l}` : l))
    .join("\n");
  return lines.join("\n") + (lines.length ? "\n" : "") + text;
}
