import * as vscode from "vscode";
import type { BriefDiagnostics } from "./diagnostics";
import type { BriefServices } from "../services";

/** Problems in the current brief and the number of sources indexed. */
export function registerStatusBar(context: vscode.ExtensionContext, services: BriefServices, diagnostics: BriefDiagnostics): vscode.StatusBarItem {
  const item = vscode.window.createStatusBarItem("briefAuthor.status", vscode.StatusBarAlignment.Left, 50);
  item.name = "Brief Author";
  item.command = "workbench.actions.view.problems";
  const update = async () => {
    const editor = vscode.window.activeTextEditor;
    const enabled = vscode.workspace.getConfiguration("briefAuthor").get<boolean>("statusBar.enable") !== false;
    if (!enabled || !editor || editor.document.languageId !== "markdown") {
      item.hide();
      return;
    }
    const { service, ready } = services.get(editor.document.uri);
    await ready;
    if (!service.isBrief(editor.document.uri.path, editor.document.getText())) {
      item.hide();
      return;
    }
    const diags = diagnostics.collection.get(editor.document.uri) ?? [];
    const errors = diags.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length;
    const others = diags.length - errors;
    item.text = `$(book) ${errors ? `$(error) ${errors} ` : ""}${others ? `$(warning) ${others} ` : ""}${diags.length === 0 ? "$(check) " : ""}· ${service.library.size} sources`;
    item.tooltip = `Brief: ${diags.length} problem${diags.length === 1 ? "" : "s"} in this brief; ${service.library.size} sources indexed from ${service.sourceFoldersForDisplay().join(", ")}`;
    item.show();
  };
  context.subscriptions.push(
    item,
    vscode.window.onDidChangeActiveTextEditor(() => void update()),
    diagnostics.onDidCheck(() => void update()),
    vscode.languages.onDidChangeDiagnostics(() => void update()),
  );
  void update();
  return item;
}
