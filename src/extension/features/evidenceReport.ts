import * as vscode from "vscode";
import { randomBytes } from "node:crypto";
import type { BriefServices } from "../services";
import type { BriefDiagnostics } from "./diagnostics";
import { evidenceReportFor } from "../../core/export";
import { notInFolder } from "./commands/shared";

declare const BRIEF_AUTHOR_VERSION: string | undefined;
const VERSION = typeof BRIEF_AUTHOR_VERSION === "string" ? BRIEF_AUTHOR_VERSION : "0.0.0-dev";

/** What a test reads of a shown report: the panel and the HTML it shows. */
export interface ShownReport {
  panel: vscode.WebviewPanel;
  html: string;
  claims: number;
}

/**
 * Brief: Show Evidence Report: the brief's evidence report in a webview beside it, made again
 * each time the brief is saved. The webview runs no script and may load nothing: its policy
 * allows only its own style (by nonce).
 */
export class EvidenceReports implements vscode.Disposable {
  private readonly panels = new Map<string, vscode.WebviewPanel>();
  private readonly updated = new vscode.EventEmitter<{ uri: vscode.Uri; html: string }>();
  /** Fires after a report was made (shown first, or again on save). */
  readonly onDidUpdate = this.updated.event;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly services: BriefServices, private readonly diagnostics: BriefDiagnostics, private readonly log: vscode.LogOutputChannel) {
    this.subscriptions.push(
      vscode.workspace.onDidSaveTextDocument((doc) => {
        if (this.panels.has(doc.uri.toString())) void this.render(doc);
      }),
    );
  }

  async show(uri?: vscode.Uri): Promise<ShownReport | undefined> {
    const target = uri ?? vscode.window.activeTextEditor?.document.uri;
    if (!target) {
      void vscode.window.showInformationMessage("Brief: open a brief to see its evidence report.");
      return undefined;
    }
    const doc = await vscode.workspace.openTextDocument(target);
    if (!this.services.get(doc.uri)) {
      void vscode.window.showWarningMessage(notInFolder(doc.uri));
      return undefined;
    }
    const key = doc.uri.toString();
    let panel = this.panels.get(key);
    if (panel) panel.reveal(vscode.ViewColumn.Beside, true);
    else {
      panel = vscode.window.createWebviewPanel("briefAuthor.evidenceReport", `Evidence: ${doc.uri.path.slice(doc.uri.path.lastIndexOf("/") + 1)}`, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
        enableScripts: false,
        enableForms: false,
        enableCommandUris: false,
        localResourceRoots: [],
        retainContextWhenHidden: false,
      });
      this.panels.set(key, panel);
      panel.onDidDispose(() => this.panels.delete(key));
    }
    const rendered = await this.render(doc);
    return rendered ? { panel, ...rendered } : undefined;
  }

  private async render(doc: vscode.TextDocument): Promise<{ html: string; claims: number } | undefined> {
    const panel = this.panels.get(doc.uri.toString());
    const engine = this.services.get(doc.uri);
    if (!panel || !engine) return undefined;
    await engine.ready;
    const service = engine.service;
    try {
      const result = this.diagnostics.resultFor(doc) ?? (await service.check(doc.uri.path, doc.getText()));
      const nonce = randomBytes(16).toString("base64");
      const csp = `default-src 'none'; style-src 'nonce-${nonce}'; img-src 'none'; font-src 'none'; script-src 'none'; frame-src 'none'; form-action 'none'; base-uri 'none'`;
      const html = evidenceReportFor(service, doc.uri.path, result, { display: (p) => vscode.workspace.asRelativePath(vscode.Uri.from({ scheme: doc.uri.scheme, authority: doc.uri.authority, path: p })), version: VERSION, csp, styleNonce: nonce });
      panel.webview.html = html;
      this.updated.fire({ uri: doc.uri, html });
      return { html, claims: result.claims.length };
    } catch (e) {
      this.log.error(`evidence report of ${vscode.workspace.asRelativePath(doc.uri)}: ${(e as Error).message}`);
      void vscode.window.showErrorMessage(`Brief: the evidence report could not be made (${(e as Error).message}).`);
      return undefined;
    }
  }

  dispose(): void {
    for (const p of this.panels.values()) p.dispose();
    for (const s of this.subscriptions) s.dispose();
    this.updated.dispose();
  }
}

export function registerEvidenceReports(context: vscode.ExtensionContext, services: BriefServices, diagnostics: BriefDiagnostics, log: vscode.LogOutputChannel): EvidenceReports {
  const reports = new EvidenceReports(services, diagnostics, log);
  context.subscriptions.push(reports, vscode.commands.registerCommand("briefAuthor.showEvidenceReport", (args?: { uri?: string } | vscode.Uri) => reports.show(args instanceof vscode.Uri ? args : args?.uri ? vscode.Uri.parse(args.uri) : undefined)));
  return reports;
}
