import * as vscode from "vscode";
import { BriefServices } from "./services";
import { BriefDiagnostics } from "./features/diagnostics";
import { registerLanguageFeatures } from "./features/languageFeatures";
import { registerCodeActions } from "./features/codeActions";
import { registerCommands } from "./features/commands";
import { registerStatusBar } from "./features/statusBar";

/** What the extension exports, for tests and for other extensions. */
export interface BriefAuthorApi {
  services: BriefServices;
  diagnostics: BriefDiagnostics;
  /** Resolves when every workspace folder's source library is loaded. */
  ready: Promise<void>;
  /** The status-bar item and an event after each update of its text. */
  statusBar: { item: vscode.StatusBarItem; onDidUpdate: vscode.Event<string> };
}

export async function activate(context: vscode.ExtensionContext): Promise<BriefAuthorApi> {
  const log = vscode.window.createOutputChannel("Brief Author", { log: true });
  const services = new BriefServices(log);
  const diagnostics = new BriefDiagnostics(services, log);
  context.subscriptions.push(log, services, diagnostics);
  registerLanguageFeatures(context, services, diagnostics);
  registerCodeActions(context, services, diagnostics);
  registerCommands(context, services, diagnostics, log);
  const statusBar = registerStatusBar(context, services, diagnostics);
  services.ensureFolders();
  const ready = Promise.all(services.all().map((s) => s.ready)).then(() => undefined);
  log.info(`activated${vscode.workspace.isTrusted ? "" : " in restricted mode (untrusted workspace)"}`);
  // Providers are registered already; the library loads in the background, then open briefs are checked.
  void ready.then(() => diagnostics.recheckOpen());
  return { services, diagnostics, ready, statusBar };
}

export function deactivate(): void {}
