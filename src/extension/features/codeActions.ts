import * as vscode from "vscode";
import { diagnosticRule, sameRange, toVsTextEdit } from "../convert";
import type { BriefDiagnostics } from "./diagnostics";
import type { BriefServices } from "../services";

/** Quick fixes from the engine's problems, and markdownlint's fix-all. Every fix is a WorkspaceEdit. */
export function registerCodeActions(context: vscode.ExtensionContext, services: BriefServices, diagnostics: BriefDiagnostics): void {
  const fixAllKind = vscode.CodeActionKind.SourceFixAll.append("briefAuthor");
  context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider(
      [{ language: "markdown" }],
      {
        async provideCodeActions(doc, _range, ctx) {
          const actions: vscode.CodeAction[] = [];
          let problems = diagnostics.problemsFor(doc.uri);
          const ours = ctx.diagnostics.filter((d) => d.source === "brief-author" || d.source === "markdownlint");
          const known = (d: vscode.Diagnostic) => problems.some((x) => x.rule === diagnosticRule(d) && sameRange(d.range, x.range) && x.message === d.message);
          if (ours.some((d) => !known(d))) problems = (await diagnostics.check(doc))?.problems ?? problems; // diagnostics newer than our cache
          let fixable = 0;
          for (const d of ctx.diagnostics) {
            if (d.source !== "brief-author" && d.source !== "markdownlint") continue;
            const rule = diagnosticRule(d);
            const p = problems.find((x) => x.rule === rule && sameRange(d.range, x.range) && x.message === d.message);
            if (!p?.fixes) continue;
            for (const fix of p.fixes) {
              const a = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
              a.diagnostics = [d];
              a.isPreferred = fix.preferred;
              a.edit = new vscode.WorkspaceEdit();
              a.edit.set(doc.uri, fix.edits.map(toVsTextEdit));
              actions.push(a);
            }
          }
          fixable = problems.filter((p) => p.data?.markdownlintFixable).length;
          const wantsFixAll = !ctx.only || ctx.only.contains(fixAllKind) || fixAllKind.contains(ctx.only);
          if (fixable > 0 && wantsFixAll) {
            const edit = await fixAllEdit(services, doc);
            if (edit) {
              const all = new vscode.CodeAction(`Fix all ${fixable} markdownlint problem${fixable === 1 ? "" : "s"}`, ctx.only && fixAllKind.contains(ctx.only) ? fixAllKind : vscode.CodeActionKind.QuickFix);
              all.edit = edit;
              actions.push(all);
            }
          }
          return actions;
        },
      },
      { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, fixAllKind] },
    ),
  );
}

/** A WorkspaceEdit that applies every fixable markdownlint problem (markdownlint's applyFixes). */
export async function fixAllEdit(services: BriefServices, doc: vscode.TextDocument): Promise<vscode.WorkspaceEdit | undefined> {
  const { service, ready } = services.get(doc.uri);
  await ready;
  const text = doc.getText();
  if (!service.isBrief(doc.uri.path, text)) return undefined;
  const brief = await service.parse(doc.uri.path, text);
  const fixed = service.fixAllMarkdownlint(brief);
  if (fixed === text) return undefined;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(text.length)), fixed);
  return edit;
}
