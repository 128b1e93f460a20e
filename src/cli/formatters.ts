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
  return [...formatTextChunks(problems, claims)].join("");
}

/** `formatText`'s text a line at a time. */
export function* formatTextChunks(problems: readonly ReportedProblem[], claims: readonly ReportedClaim[] = []): Generator<string> {
  for (const p of problems) yield `${p.file}:${p.line}:${p.column}: ${p.severity} ${p.rule} ${p.message}\n`;
  const byFile = new Map<string, ReportedClaim[]>();
  for (const c of claims) (byFile.get(c.file) ?? byFile.set(c.file, []).get(c.file)!).push(c);
  for (const [file, cs] of byFile) yield `${file}: ${claimSummary(cs)}\n`;
}

/** `12 claims: 8 confirmed, 1 contradicted, 3 unverified`. */
export function claimSummary(claims: ReadonlyArray<{ verdict: Verdict }>): string {
  const n = (v: Verdict) => claims.filter((c) => c.verdict === v).length;
  return `${claims.length} claim${claims.length === 1 ? "" : "s"}: ${n("confirmed")} confirmed, ${n("contradicted")} contradicted, ${n("unverified")} unverified`;
}

export function formatJson(files: number, problems: readonly ReportedProblem[], claims: readonly ReportedClaim[] = []): string {
  return [...formatJsonChunks(files, problems, claims)].join("");
}

/** `formatJson`'s text in pieces, each problem and claim one: a report is written as it is made, never held whole. */
export function formatJsonChunks(files: number, problems: readonly ReportedProblem[], claims: readonly ReportedClaim[] = []): Iterable<string> {
  // Pieces of one problem or claim each: the objects above them are written here.
  return withNewline(jsonChunks({ files, problems, claims }, "", 1));
}

function* withNewline(chunks: Iterable<string>): Iterable<string> {
  yield* chunks;
  yield "\n";
}

/**
 * Exactly `JSON.stringify(value, null, 2)`, in pieces: arrays and the objects above `objectDepth`
 * are written here an element at a time, everything below by `JSON.stringify` (re-indented; a
 * JSON text has no line break but those it adds). For plain data: no `toJSON`, no cycles.
 * A report of 1,000 briefs is tens of megabytes of JSON: as one string (two bytes a character
 * once it holds an em dash), then that string's UTF-8 copy for the pipe, it was most of a full
 * check's peak memory.
 */
export function* jsonChunks(value: unknown, indent = "", objectDepth = 1): Generator<string> {
  if (value !== null && typeof value === "object" && (Array.isArray(value) || objectDepth > 0)) {
    const inner = indent + "  ";
    if (Array.isArray(value)) {
      if (value.length === 0) {
        yield "[]";
        return;
      }
      yield "[\n";
      for (let i = 0; i < value.length; i++) {
        yield inner;
        const v = value[i] as unknown;
        if (v === undefined || typeof v === "function" || typeof v === "symbol") yield "null";
        else yield* jsonChunks(v, inner, objectDepth);
        yield i + 1 < value.length ? ",\n" : "\n";
      }
      yield `${indent}]`;
      return;
    }
    let first = true;
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined || typeof v === "function" || typeof v === "symbol") continue;
      yield `${first ? "{\n" : ",\n"}${inner}${JSON.stringify(k)}: `;
      first = false;
      yield* jsonChunks(v, inner, objectDepth - 1);
    }
    yield first ? "{}" : `\n${indent}}`;
    return;
  }
  const text = JSON.stringify(value, null, 2);
  yield indent && text.includes("\n") ? text.replace(/\n/g, `\n${indent}`) : text;
}

/** The claim a problem stands in (same file, its start within the claim's lines and columns). */
function claimOf(p: ReportedProblem, byFile: Map<string, ReportedClaim[]>): ReportedClaim | undefined {
  const before = (l1: number, c1: number, l2: number, c2: number) => l1 < l2 || (l1 === l2 && c1 <= c2);
  return byFile.get(p.file)?.find((c) => before(c.line, c.column, p.line, p.column) && before(p.line, p.column, c.endLine, c.endColumn));
}

const SARIF_LEVEL: Record<Problem["severity"], "error" | "warning" | "note"> = { error: "error", warning: "warning", information: "note", hint: "note" };

export function formatSarif(problems: readonly ReportedProblem[], version: string, claims: readonly ReportedClaim[] = []): string {
  return [...formatSarifChunks(problems, version, claims)].join("");
}

/** `formatSarif`'s text in pieces (see `formatJsonChunks`). */
export function formatSarifChunks(problems: readonly ReportedProblem[], version: string, claims: readonly ReportedClaim[] = []): Iterable<string> {
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
  // Pieces of one result each (the log, then its run, are written here).
  return withNewline(jsonChunks(log, "", 2));
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
  return [...formatGithubChunks(problems, claims)].join("");
}

/** `formatGithub`'s text a line at a time. */
export function* formatGithubChunks(problems: readonly ReportedProblem[], claims: readonly ReportedClaim[] = []): Generator<string> {
  for (const p of problems) {
    const props = [`file=${escapeGithubProperty(p.file)}`, `line=${p.line}`, `col=${p.column}`, `endLine=${p.endLine}`, `endColumn=${p.endColumn}`, `title=${escapeGithubProperty(p.rule)}`].join(",");
    yield `::${GITHUB_LEVEL[p.severity] ?? "notice"} ${props}::${escapeGithubData(p.message)}\n`;
  }
  // The claim lines are plain log lines: a file name cannot make one a workflow command.
  for (const line of formatTextChunks([], claims.map((c) => ({ ...c, file: escapeGithubData(c.file) })))) yield line.startsWith("::") ? `claims: ${line}` : line;
}
