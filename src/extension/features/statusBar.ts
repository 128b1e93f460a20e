import * as vscode from "vscode";
import type { BriefDiagnostics } from "./diagnostics";
import type { BriefServices } from "../services";
import { plural } from "../convert";

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
    // Every diagnostic on the brief, ours and others', counted as the Problems panel counts them (it lists no hints).
    const diags = vscode.languages.getDiagnostics(editor.document.uri);
    const count = (severity: vscode.DiagnosticSeverity) => diags.filter((d) => d.severity === severity).length;
    const errors = count(vscode.DiagnosticSeverity.Error);
    const warnings = count(vscode.DiagnosticSeverity.Warning);
    const infos = count(vscode.DiagnosticSeverity.Information);
    const counts = [errors ? `$(error) ${errors}` : "", warnings ? `$(warning) ${warnings}` : "", infos ? `$(info) ${infos}` : ""].filter(Boolean).join(" ") || "$(check)";
    const folders = service.sourceFoldersForDisplay();
    const missing = service.missingSourceFoldersForDisplay();
    const library = service.noSourceFolder ? "$(warning) no source folder" : plural(service.library.size, "source");
    item.text = `$(book) ${counts} · ${library}`;
    item.tooltip = [
      `Brief: ${plural(errors, "error")}, ${plural(warnings, "warning")}, ${plural(infos, "info")} in this brief (click for the Problems panel)`,
      `${plural(service.library.size, "source")} indexed from ${folders.join(", ")}`,
      missing.length ? `Missing source folder${missing.length === 1 ? "" : "s"}: ${missing.join(", ")} (setting briefAuthor.sources, or "sources" in .briefrc.json)` : "",
    ]
      .filter(Boolean)
      .join("\n");
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
