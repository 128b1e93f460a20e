import { pushAll } from "../arrays";
import { closestKeys } from "../closest";
import { markdownlintApi } from "../parse/markdownlintApi";
import { readInlineConfig } from "../parse/inlineConfig";
import type { Brief } from "../parse/brief";
import { RULES, RULE_NAMES, type Report, type Rule, type RuleContext } from "../rules";
import { ruleDocUrl } from "../rules/rule";
import { LineIndex, withLineEnding } from "../text";
import type { Problem, Severity, SeveritySetting, TextEdit } from "../types";
import { claimsOf, type Claim } from "../verify/claims";

/** A rule's severity under the config in force (its alias's, else the fallback). */
export type SeverityOf = (rule: string, fallback: SeveritySetting, alias?: string) => SeveritySetting;

export interface RuleRun {
  problems: Problem[];
  /** Every claim of the brief with its verdict. */
  claims: Claim[];
  /** Rules that threw on this brief: their results are left out, never half-reported. */
  failures: Array<{ rule: string; message: string }>;
}

/**
 * Runs every brief-author rule that is on and markdownlint's results (already in the brief) on one
 * brief, honouring inline `<!-- brief-author-disable… -->` comments; sorted by position.
 */
export function runRules(ctx: RuleContext, severityOf: SeverityOf): RuleRun {
  const brief = ctx.brief;
  const problems: Problem[] = [];
  const failures: RuleRun["failures"] = [];
  if (brief.parseFailure) failures.push({ rule: "markdownlint", message: brief.parseFailure });
  pushAll(problems, runPass(ctx, severityOf, failures));
  // <!-- brief-author-disable… --> comments turn brief-author's own rules off where they say.
  const inline = readInlineConfig(brief.text, brief.lines, KNOWN_RULES);
  if (inline.unknown.length || brief.text.includes("brief-author-")) {
    const kept = problems.filter((p) => !inline.disabled(p.rule, p.range.start.line));
    problems.length = 0;
    pushAll(problems, kept);
    for (const [line, name] of inline.unknown) {
      const hint = closestKeys(name, [...KNOWN_RULES], 1)[0];
      problems.push({ rule: "config", severity: "warning", message: `no brief-author rule is called "${name}"${hint ? ` (did you mean "${hint}"?)` : ""}; the comment does nothing for it`, range: { start: { line, character: 0 }, end: { line, character: brief.lines.lineText(line).length } } });
    }
  }
  // Verdicts from what the rules found (after inline comments: a finding turned off there does not
  // count), then the rules that read the verdicts.
  let claims: Claim[] = [];
  try {
    claims = claimsOf(ctx, problems);
  } catch (e) {
    failures.push({ rule: "claims", message: firstLine(e) });
  }
  for (const p of runPass(ctx, severityOf, failures, claims)) if (!inline.disabled(p.rule, p.range.start.line)) problems.push(p);
  try {
    for (const p of markdownlintProblems(brief, severityOf)) problems.push(p);
  } catch (e) {
    failures.push({ rule: "markdownlint", message: firstLine(e) });
  }
  problems.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || (a.rule < b.rule ? -1 : 1));
  return { problems, claims, failures };
}

/**
 * The problems of every rule that is on: the brief rules (`check`), or, given the verdicts, the
 * rules that read them (`checkClaims`). A rule that throws is left out and named in `failures`.
 */
function runPass(ctx: RuleContext, severityOf: SeverityOf, failures: RuleRun["failures"], claims?: readonly Claim[]): Problem[] {
  const out: Problem[] = [];
  for (const rule of RULES) {
    if (!(claims ? rule.checkClaims : rule.check)) continue;
    if (rule.family === "tradecraft" && ctx.config.tradecraft === false) continue;
    const severity = severityOf(rule.name, rule.defaultSeverity);
    if (severity === "off") continue;
    const own: Problem[] = [];
    try {
      runRule(rule, ctx, severity, own, claims);
    } catch (e) {
      failures.push({ rule: rule.name, message: firstLine(e) });
      continue;
    }
    pushAll(out, own);
  }
  return out;
}

function firstLine(e: unknown): string {
  return String((e as Error)?.message ?? e).split("\n")[0];
}

function runRule(rule: Rule, ctx: RuleContext, severity: Severity, out: Problem[], claims?: readonly Claim[]): void {
  const lines = ctx.brief.lines;
  const report = (r: Report) => {
    out.push({
      rule: rule.name,
      severity,
      message: r.message,
      range: lines.rangeOf(r.start, r.end),
      docUrl: ruleDocUrl(rule.name),
      data: r.data,
      // Inserted text takes the line ending of the line it goes into, so a CRLF file stays CRLF.
      fixes: keptFixes(r.fixes, lines),
    });
  };
  if (claims) rule.checkClaims?.(claims, ctx, report);
  else rule.check?.(ctx, report);
}

/** markdownlint's results on a brief as problems, each fixable one with its fix. */
function markdownlintProblems(brief: Brief, severityOf: SeverityOf): Problem[] {
  const out: Problem[] = [];
  const lines = brief.lines;
  for (const e of brief.markdownlint) {
    const [name, alias] = e.ruleNames;
    const severity = severityOf(name, "warning", alias);
    if (severity === "off") continue;
    const line = e.lineNumber - 1;
    const lineText = lines.lineText(line);
    const startCol = e.errorRange ? e.errorRange[0] - 1 : 0;
    const endCol = e.errorRange ? startCol + e.errorRange[1] : lineText.length;
    const problem: Problem = {
      rule: name,
      severity,
      message: e.ruleDescription + (e.errorDetail ? ` [${e.errorDetail}]` : "") + (e.errorContext && !e.errorDetail ? ` [Context: "${e.errorContext}"]` : ""),
      range: { start: { line, character: startCol }, end: { line, character: Math.max(endCol, startCol) } },
      docUrl: e.ruleInformation ?? undefined,
    };
    if (e.fixInfo) {
      const fixLine = (e.fixInfo.lineNumber ?? e.lineNumber) - 1;
      const eol = lines.lineBreak(fixLine) || lines.eol;
      const fixed = markdownlintApi.applyFix(lines.lineText(fixLine), e.fixInfo, eol);
      const lineStart = lines.lineStarts[fixLine] ?? brief.text.length;
      const edit: TextEdit | undefined =
        fixed === null
          ? keepLineBreaks(lines, lineStart, fixLine + 1 < lines.lineCount ? lines.lineStarts[fixLine + 1] : lines.lineEnd(fixLine), "")
          : keepLineBreaks(lines, lineStart, lines.lineEnd(fixLine), fixed.replace(/\r?\n$|\r$/, ""));
      if (edit) {
        problem.fixes = [{ title: `Fix ${name}: ${e.ruleDescription}`, edits: [edit], preferred: true }];
        problem.data = { markdownlintFixable: true };
      }
    }
    out.push(problem);
  }
  return out;
}

/** The text with every fixable markdownlint problem fixed (markdownlint's own applyFixes). */
export function fixAllMarkdownlint(brief: Brief, severityOf: SeverityOf): string {
  const enabled = brief.markdownlint.filter((e) => e.fixInfo && severityOf(e.ruleNames[0], "warning", e.ruleNames[1]) !== "off");
  return markdownlintApi.applyFixes(brief.text, enabled);
}

/**
 * An edit as a range, widened by one LF when deleting would leave a CR right before an LF (in a
 * mixed file that would join two line breaks into one CRLF and change the lines).
 */
/** A rule's fixes as edits of the brief that keep its line breaks; a fix with an edit that cannot is not offered. */
function keptFixes(fixes: Report["fixes"], lines: LineIndex): Problem["fixes"] {
  if (!fixes) return undefined;
  const kept = fixes.flatMap((f) => {
    const edits = f.edits.map((e) => keepLineBreaks(lines, e.start, e.end, withLineEnding(e.newText, lines.eolAt(e.start))));
    return edits.every((e) => e !== undefined) ? [{ title: f.title, preferred: f.preferred, edits: edits as TextEdit[] }] : [];
  });
  return kept.length === 0 && fixes.length > 0 ? undefined : kept;
}

function keepLineBreaks(lines: LineIndex, start: number, end: number, newText: string): TextEdit | undefined {
  const text = lines.text;
  if (text.charCodeAt(start - 1) === 13) {
    if (newText === "" && text.charCodeAt(end) === 10) {
      end++;
      // A line emptied between a CR and an LF whose next line is blank too ("\r   \n\n"): no edit keeps
      // both line breaks without joining the CR to an LF; no fix is offered.
      if (text.charCodeAt(end) === 10) return undefined;
    }
    else if (newText.startsWith("\n")) newText = "\r" + newText.slice(1);
  }
  if (newText.endsWith("\r") && text.charCodeAt(end) === 10) newText = newText.slice(0, -1) + "\n";
  return { range: lines.rangeOf(start, end), newText };
}

export { closestKeys } from "../closest";

/** brief-author's rule names, for inline comments. */
const KNOWN_RULES: ReadonlySet<string> = new Set(RULE_NAMES);

