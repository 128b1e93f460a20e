import * as vscode from "vscode";
import { BriefService, type BriefConfig, type SeveritySetting } from "../core";
import { WorkspaceFileSystem } from "./workspaceFs";

/** Editor settings as engine settings (the config file overrides them). */
export function readSettings(scope: vscode.ConfigurationScope | undefined): Partial<BriefConfig> {
  const c = vscode.workspace.getConfiguration("briefAuthor", scope);
  const s: Partial<BriefConfig> = {
    files: c.get<string[]>("files"),
    sources: c.get<string[]>("sources"),
    requiredSections: c.get<string[]>("requiredSections"),
    citationRequired: c.get<string[]>("citationRequired"),
    rules: c.get<Record<string, SeveritySetting>>("rules"),
    maxSourceBytes: c.get<number>("maxSourceBytes"),
    supportThreshold: c.get<number>("supportThreshold"),
  };
  if (c.get<boolean>("markdownlint.enable") === false) s.markdownlint = false;
  return s;
}

/** One engine per workspace folder (and one for files outside every folder). */
export class BriefServices implements vscode.Disposable {
  private readonly byFolder = new Map<string, { service: BriefService; ready: Promise<void>; fs: WorkspaceFileSystem }>();

  constructor(private readonly log: vscode.LogOutputChannel) {}

  /** The engine for a document's folder, created and initialised on first use. */
  get(uri: vscode.Uri): { service: BriefService; ready: Promise<void>; fs: WorkspaceFileSystem } {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const rootUri = folder?.uri ?? uri.with({ path: uri.path.slice(0, uri.path.lastIndexOf("/")) || "/" });
    const id = rootUri.toString();
    let entry = this.byFolder.get(id);
    if (!entry) {
      const fs = new WorkspaceFileSystem(rootUri);
      const service = new BriefService({
        fs,
        root: rootUri.path,
        settings: readSettings(folder ?? rootUri),
        logger: { info: (m) => this.log.info(m), warn: (m) => this.log.warn(m), error: (m) => this.log.error(m) },
      });
      const ready = service.initialize().catch((e) => this.log.error(`cannot load the source library: ${(e as Error).message}`));
      entry = { service, ready, fs };
      this.byFolder.set(id, entry);
    }
    return entry;
  }

  all(): Array<{ service: BriefService; ready: Promise<void>; fs: WorkspaceFileSystem }> {
    return [...this.byFolder.values()];
  }

  /** Makes sure every workspace folder has its engine. */
  ensureFolders(): void {
    for (const f of vscode.workspace.workspaceFolders ?? []) this.get(f.uri);
  }

  async isBrief(doc: vscode.TextDocument): Promise<boolean> {
    if (doc.languageId !== "markdown") return false;
    const { service, ready } = this.get(doc.uri);
    await ready;
    return service.isBrief(doc.uri.path, doc.getText());
  }

  dispose(): void {
    for (const e of this.byFolder.values()) e.service.dispose();
    this.byFolder.clear();
  }
}
