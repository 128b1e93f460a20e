import * as vscode from "vscode";
import type { CheckResult, Problem } from "../../core";
import { toDiagnostic } from "../convert";
import { readSettings, type BriefServices } from "../services";

/**
 * Checks briefs on open, on type (debounced) and on save, and re-checks open briefs when a source,
 * the config file, a `.markdownlint.*` file or a setting changes.
 */
export class BriefDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection("brief-author");
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly results = new Map<string, { version: number; result: CheckResult }>();
  private readonly libraryUris = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  /** Fires after a brief's diagnostics were published. */
  readonly onDidCheck = this.changed.event;

  constructor(private readonly services: BriefServices, private readonly log: vscode.LogOutputChannel) {
    const d = this.disposables;
    d.push(this.collection, this.changed);
    d.push(vscode.workspace.onDidOpenTextDocument((doc) => this.schedule(doc, 0)));
    d.push(vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length === 0) return;
      if (this.setting<string>(e.document.uri, "run") === "onType") this.schedule(e.document, this.setting<number>(e.document.uri, "debounceMs") ?? 300);
      void this.updateSourceText(e.document);
    }));
    d.push(vscode.workspace.onDidSaveTextDocument((doc) => this.schedule(doc, 0)));
    d.push(vscode.workspace.onDidCloseTextDocument((doc) => {
      this.cancel(doc.uri);
      this.results.delete(doc.uri.toString());
      if (!this.libraryUris.has(doc.uri.toString())) this.collection.delete(doc.uri);
    }));
    const watcher = vscode.workspace.createFileSystemWatcher("**/*.{md,markdown,txt,json,jsonc,yaml,yml}");
    d.push(watcher);
    d.push(watcher.onDidChange((uri) => this.fileChanged(uri, false)));
    d.push(watcher.onDidCreate((uri) => this.fileChanged(uri, false)));
    d.push(watcher.onDidDelete((uri) => this.fileChanged(uri, true)));
    d.push(vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (!e.affectsConfiguration("briefAuthor")) return;
      for (const folder of vscode.workspace.workspaceFolders ?? []) {
        const { service, ready } = this.services.get(folder.uri);
        await ready;
        await service.updateSettings(readSettings(folder));
      }
      this.log.info("settings changed: re-checking open briefs");
      await this.recheckOpen();
    }));
  }

  private setting<T>(uri: vscode.Uri, name: string): T | undefined {
    return vscode.workspace.getConfiguration("briefAuthor", uri).get<T>(name);
  }

  /** The latest result for a document, if it is current. */
  resultFor(doc: vscode.TextDocument): CheckResult | undefined {
    const r = this.results.get(doc.uri.toString());
    return r && r.version === doc.version ? r.result : undefined;
  }

  /** Problems of a document's latest check (current or not), for code actions. */
  problemsFor(uri: vscode.Uri): Problem[] {
    return this.results.get(uri.toString())?.result.problems ?? [];
  }

  schedule(doc: vscode.TextDocument, delay: number): void {
    if (doc.languageId !== "markdown" || doc.uri.scheme === "output" || doc.uri.scheme === "git") return;
    this.cancel(doc.uri);
    const key = doc.uri.toString();
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      void this.check(doc);
    }, delay));
  }

  private cancel(uri: vscode.Uri): void {
    const t = this.timers.get(uri.toString());
    if (t) clearTimeout(t);
    this.timers.delete(uri.toString());
  }

  /** Checks one open document now and publishes its diagnostics. */
  async check(doc: vscode.TextDocument): Promise<CheckResult | undefined> {
    if (doc.isClosed) return undefined;
    const { service, ready } = this.services.get(doc.uri);
    await ready;
    const text = doc.getText();
    const version = doc.version;
    if (!service.isBrief(doc.uri.path, text)) {
      if (!this.libraryUris.has(doc.uri.toString())) this.collection.delete(doc.uri);
      return undefined;
    }
    try {
      const started = Date.now();
      const result = await service.check(doc.uri.path, text);
      if (doc.isClosed || doc.version !== version) return result; // a newer check is on its way
      this.results.set(doc.uri.toString(), { version, result });
      this.collection.set(doc.uri, result.problems.map((p) => toDiagnostic(p, (path) => doc.uri.with({ path }))));
      this.log.debug(`checked ${vscode.workspace.asRelativePath(doc.uri)} in ${Date.now() - started} ms: ${result.problems.length} problems`);
      this.changed.fire(doc.uri);
      return result;
    } catch (e) {
      this.log.error(`checking ${doc.uri.fsPath} failed: ${(e as Error).stack ?? e}`);
      return undefined;
    }
  }

  /** Publishes problems with source files and config files on those files (after loads and changes, never per keystroke). */
  publishLibrary(): void {
    const next = new Map<string, vscode.Diagnostic[]>();
    for (const { service, fs } of this.services.all()) {
      for (const p of [...service.libraryProblems(), ...service.configProblems]) {
        const uri = fs.uri(p.uri ?? service.configFile);
        const list = next.get(uri.toString()) ?? [];
        list.push(toDiagnostic(p, (path) => fs.uri(path)));
        next.set(uri.toString(), list);
      }
    }
    for (const old of this.libraryUris) if (!next.has(old)) this.collection.delete(vscode.Uri.parse(old));
    this.libraryUris.clear();
    for (const [uri, list] of next) {
      this.libraryUris.add(uri);
      this.collection.set(vscode.Uri.parse(uri), list);
    }
  }

  async recheckOpen(): Promise<void> {
    this.publishLibrary();
    await Promise.all(vscode.workspace.textDocuments.filter((d) => d.languageId === "markdown").map((d) => this.check(d)));
  }

  /** An open, edited source is indexed as typed, so hovers and checks see the new text. */
  private async updateSourceText(doc: vscode.TextDocument): Promise<void> {
    const { service, ready } = this.services.get(doc.uri);
    await ready;
    if (!service.library.covers(doc.uri.path)) return;
    service.library.setText(doc.uri.path, doc.getText());
    this.scheduleRecheck();
  }

  private recheckTimer: ReturnType<typeof setTimeout> | undefined;
  private scheduleRecheck(): void {
    if (this.recheckTimer) clearTimeout(this.recheckTimer);
    this.recheckTimer = setTimeout(() => {
      this.recheckTimer = undefined;
      void this.recheckOpen();
    }, 300);
  }

  private async fileChanged(uri: vscode.Uri, deleted: boolean): Promise<void> {
    const { service, ready } = this.services.get(uri);
    await ready;
    const what = await service.fileChanged(uri.path, deleted);
    if (what === "none") return;
    this.log.info(`${vscode.workspace.asRelativePath(uri)} ${deleted ? "deleted" : "changed"} (${what}): re-checking open briefs`);
    await this.recheckOpen();
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    if (this.recheckTimer) clearTimeout(this.recheckTimer);
    for (const d of this.disposables) d.dispose();
  }
}
