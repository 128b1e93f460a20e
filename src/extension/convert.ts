import * as vscode from "vscode";
import type { Problem, Range, Severity, TextEdit } from "../core/types";

/** The only place core positions become editor positions and back. */
export function toVsRange(r: Range): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

export function fromVsPosition(p: vscode.Position): { line: number; character: number } {
  return { line: p.line, character: p.character };
}

export function toVsSeverity(s: Severity): vscode.DiagnosticSeverity {
  switch (s) {
    case "error":
      return vscode.DiagnosticSeverity.Error;
    case "warning":
      return vscode.DiagnosticSeverity.Warning;
    case "information":
      return vscode.DiagnosticSeverity.Information;
    default:
      return vscode.DiagnosticSeverity.Hint;
  }
}

export function toDiagnostic(p: Problem, relatedUri?: (path: string) => vscode.Uri): vscode.Diagnostic {
  const d = new vscode.Diagnostic(toVsRange(p.range), p.message, toVsSeverity(p.severity));
  d.source = /^MD\d{3}$/.test(p.rule) ? "markdownlint" : "brief-author";
  d.code = p.docUrl ? { value: p.rule, target: vscode.Uri.parse(p.docUrl) } : p.rule;
  if (p.related && relatedUri) {
    d.relatedInformation = p.related.map((r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(relatedUri(r.uri), toVsRange(r.range)), r.message));
  }
  return d;
}

export function diagnosticRule(d: vscode.Diagnostic): string | undefined {
  if (typeof d.code === "string" || typeof d.code === "number") return String(d.code);
  return d.code ? String(d.code.value) : undefined;
}

export function toVsTextEdit(e: TextEdit): vscode.TextEdit {
  return new vscode.TextEdit(toVsRange(e.range), e.newText);
}

export function sameRange(a: vscode.Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** `1 error`, `2 errors`: a count and its noun, for messages (one wording with the CLI's). */
export { plural } from "../core/summary";
