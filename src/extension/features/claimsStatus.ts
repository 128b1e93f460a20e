import * as vscode from "vscode";
import { claimCounts } from "../../core/features/verdicts";
import type { BriefDiagnostics } from "./diagnostics";

/** The active brief's claims in the status bar (`12 claims: 8 ✓ 1 ✗ 3 ?`); a click opens the Claims view. */
export function registerClaimsStatus(context: vscode.ExtensionContext, diagnostics: BriefDiagnostics): { item: vscode.StatusBarItem; onDidUpdate: vscode.Event<string> } {
  const item = vscode.window.createStatusBarItem("briefAuthor.claims", vscode.StatusBarAlignment.Left, 49);
  const updated = new vscode.EventEmitter<string>();
  item.name = "Brief Author Claims";
  item.command = "briefAuthor.claims.focus";
  const update = () => {
    const editor = vscode.window.activeTextEditor;
    const enabled = vscode.workspace.getConfiguration("briefAuthor").get<boolean>("statusBar.enable") !== false;
    const result = editor && enabled ? diagnostics.resultFor(editor.document) : undefined;
    if (!result || result.claims.length === 0) {
      item.hide();
      return;
    }
    const c = claimCounts(result.claims);
    item.text = `${c.total} claim${c.total === 1 ? "" : "s"}: ${c.confirmed} ✓ ${c.contradicted} ✗ ${c.unverified} ?`;
    item.tooltip = `${c.total} claim${c.total === 1 ? "" : "s"} in this brief: ${c.confirmed} confirmed, ${c.contradicted} contradicted, ${c.unverified} unverified (a person should look). Click for the Claims view.`;
    item.accessibilityInformation = { label: item.tooltip };
    item.show();
    updated.fire(item.text);
  };
  context.subscriptions.push(item, updated, vscode.window.onDidChangeActiveTextEditor(update), diagnostics.onDidCheck(update));
  update();
  return { item, onDidUpdate: updated.event };
}
