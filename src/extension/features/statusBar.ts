import * as vscode from "vscode";
import type { BriefDiagnostics } from "./diagnostics";
import type { BriefServices } from "../services";

/** Problems in the current brief and the number of sources indexed. */
export function registerStatusBar(context: vscode.ExtensionContext, services: BriefServices, diagnostics: BriefDiagnostics): { item: vscode.StatusBarItem; onDidUpdate: vscode.Event<string> } {
  const item = vscode.window.createStatusBarItem("briefAuthor.status", vscode.StatusBarAlignment.Left, 50);
  const updated = new vscode.EventEmitter<string>();
  item.name = "Brief Author";
  item.command = "workbench.actions.view.problems";
  const update = async () => {
    const editor = vscode.window.activeTextEditor;
    const enabled = vscode.workspace.getConfiguration("briefAuthor").get<boolean>("statusBar.enable") !== false;
    if (!enabled || !editor || editor.document.languageId !== "markdown") {
      item.hide();
      return;
    }
    const engine = services.get(editor.document.uri);
    if (!engine) {
      item.hide();
      return;
    }
    const { service, ready } = engine;
    await ready;
    if (engine.disposed || !service.isBrief(editor.document.uri.path, editor.document.getText())) {
      item.hide();
      return;
    }
    const diags = diagnostics.collection.get(editor.document.uri) ?? [];
    const errors = diags.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length;
    const others = diags.length - errors;
    item.text = `$(book) ${errors ? `$(error) ${errors} ` : ""}${others ? `$(warning) ${others} ` : ""}${diags.length === 0 ? "$(check) " : ""}· ${service.library.size} sources`;
    item.tooltip = `Brief: ${diags.length} problem${diags.length === 1 ? "" : "s"} in this brief; ${service.library.size} sources indexed from ${service.sourceFoldersForDisplay().join(", ")}`;
    item.show();
    updated.fire(item.text);
  };
  context.subscriptions.push(
    item,
    updated,
    vscode.window.onDidChangeActiveTextEditor(() => void update()),
    diagnostics.onDidCheck(() => void update()),
    vscode.languages.onDidChangeDiagnostics(() => void update()),
    services.onDidChangeEngines(() => void update()),
  );
  void update();
  return { item, onDidUpdate: updated.event };
}
