import * as vscode from "vscode";
import { installNodeHooks, installTextPacker } from "../node/engineHooks";
import { BriefServices } from "./services";
import { BriefDiagnostics } from "./features/diagnostics";
import { registerLanguageFeatures } from "./features/languageFeatures";
import { registerAgentTools } from "./features/agentTools";
import { registerCodeActions } from "./features/codeActions";
import { registerCommands } from "./features/commands/index";
import { registerStatusBar } from "./features/statusBar";
import { registerSourceView } from "./features/sourceView";
import { markStep } from "./features/walkthrough";
import { registerRenames, type RenameResult } from "./features/renames";
import { registerClaimsView, type ClaimsView } from "./features/claimsView";
import { registerClaimsStatus } from "./features/claimsStatus";
import { registerModel } from "./features/model";
import { registerEvidenceReports, type EvidenceReports } from "./features/evidenceReport";

/** What the extension exports, for tests and for other extensions. */
export interface BriefAuthorApi {
  /** The engines: one per workspace folder (`roots()`), none for anything else; `onDidChangeEngines` as folders come and go. */
  services: BriefServices;
  /** Diagnostics: `onDidCheck`, `onDidIndexSource`, `checkCount`, `collection`. */
  diagnostics: BriefDiagnostics;
  /** Resolves when every workspace folder's source library (at activation) is loaded. */
  ready: Promise<void>;
  /** The status-bar item and an event after each update of its text. */
  statusBar: { item: vscode.StatusBarItem; onDidUpdate: vscode.Event<string> };
  /** Fires after a renamed or moved source's citations were looked at (and updated, if so chosen). */
  onDidHandleRename: vscode.Event<RenameResult>;
  /** The Claims view (its tree, filter) and the claims status-bar item. */
  claims: { view: ClaimsView; status: { item: vscode.StatusBarItem; onDidUpdate: vscode.Event<string> } };
  /** The evidence report webviews (Brief: Show Evidence Report): `onDidUpdate` after each is made. */
  reports: EvidenceReports;
}

export async function activate(context: vscode.ExtensionContext): Promise<BriefAuthorApi> {
  // The engine's Node parts: WordNet's lexicon and the language pack (on first use), Node's UTF-8 check.
  installNodeHooks();
  installTextPacker(); // the library is kept in memory: texts nobody reads are packed
  const log = vscode.window.createOutputChannel("Brief Author", { log: true });
  context.subscriptions.push(log);
  // Extracted web pages and PDFs are remembered by content hash in the extension's storage.
  const storage = context.storageUri ?? context.globalStorageUri;
  const services = new BriefServices(log, storage.scheme === "file" ? `${storage.fsPath}/extracted` : undefined);
  context.subscriptions.push(services);
  // Created before the folders' engines, so it hears of each engine and checks its open briefs once loaded.
  const diagnostics = new BriefDiagnostics(services, log);
  context.subscriptions.push(diagnostics);
  registerLanguageFeatures(context, services, diagnostics);
  registerAgentTools(context, services);
  registerCodeActions(context, services, diagnostics);
  registerCommands(context, services, diagnostics, log);
  registerSourceView(context, services);
  const statusBar = registerStatusBar(context, services, diagnostics);
  const renames = registerRenames(context, services, log);
  const claims = { view: registerClaimsView(context, diagnostics), status: registerClaimsStatus(context, diagnostics) };
  registerModel(context, services, diagnostics, log);
  const reports = registerEvidenceReports(context, services, diagnostics, log);
  services.ensureFolders();
  const ready = services.whenReady();
  // The walkthrough's "Add your sources" step ticks once some folder has a source (at activation,
  // or later: a check follows every change to a library).
  let sourcesTicked = false;
  const hasSources = async () => {
    if (sourcesTicked) return;
    await services.whenReady();
    if (sourcesTicked || !services.all().some((e) => !e.disposed && e.service.library.size > 0)) return;
    sourcesTicked = true;
    markStep("addSources");
  };
  void hasSources();
  context.subscriptions.push(services.onDidChangeEngines(() => void hasSources()), diagnostics.onDidIndexSource(() => void hasSources()), diagnostics.onDidCheck(() => void hasSources()));
  log.info(`activated${vscode.workspace.isTrusted ? "" : " in restricted mode (untrusted workspace)"}`);
  // Providers are registered already; each folder's library loads in the background, then its open briefs are checked.
  return { services, diagnostics, ready, statusBar, onDidHandleRename: renames.onDidHandleRename, claims, reports };
}

export function deactivate(): void {}
