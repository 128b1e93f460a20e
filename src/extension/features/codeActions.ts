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
          // Only diagnostics this extension published: vscode-markdownlint publishes "markdownlint"
          // diagnostics too, so the source string proves nothing; ours are in our own collection.
          const ours = ctx.diagnostics.filter((d) => diagnostics.isOurs(doc.uri, d));
          let problems = diagnostics.problemsFor(doc.uri);
          const problemOf = (d: vscode.Diagnostic) => problems.find((x) => x.rule === diagnosticRule(d) && sameRange(d.range, x.range) && x.message === d.message);
          // One of ours that the cached result lacks (published by Check All): check once to get its fixes.
          if (ours.some((d) => !problemOf(d))) problems = (await diagnostics.check(doc))?.problems ?? problems;
          let fixable = 0;
          for (const d of ours) {
            const p = problemOf(d);
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
          // As a quick fix (a light bulb), only where a fixable markdownlint problem is under the
          // cursor: a bulb on a line with no problem misleads. As "fix all" on save or from the
          // Source Action menu, whenever there is something to fix.
          const asked = ctx.only !== undefined && (ctx.only.contains(fixAllKind) || fixAllKind.contains(ctx.only));
          const here = ours.some((d) => problemOf(d)?.data?.markdownlintFixable);
          const wantsFixAll = asked || ((!ctx.only || ctx.only.contains(vscode.CodeActionKind.QuickFix)) && here);
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
  const engine = services.get(doc.uri);
  if (!engine) return undefined;
  const { service, ready } = engine;
  await ready;
  if (engine.disposed) return undefined;
  const text = doc.getText();
  if (!service.isBrief(doc.uri.path, text)) return undefined;
  const brief = await service.parse(doc.uri.path, text);
  const fixed = service.fixAllMarkdownlint(brief);
  if (fixed === text) return undefined;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(text.length)), fixed);
  return edit;
}
