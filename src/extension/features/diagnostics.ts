import * as vscode from "vscode";
import type { CheckResult, Problem } from "../../core";
import { isSourceFile } from "../../core";
import { toDiagnostic } from "../convert";
import { insideFolder, onFileSystemOf, readAllowedFolders, readSettings, type BriefEngine, type BriefServices } from "../services";

/** Files whose content matters to an engine: sources, briefs, the config file, `.markdownlint.*`. */
const WATCHED_FILE = /\.(md|markdown|txt|json|jsonc|yaml|yml|html?|pdf|bib|bibtex)$/i;
/** Sources whose editor text is the source (a web page's or PDF's is not: it is re-read from disk). */
const EDITABLE_SOURCE = /\.(md|markdown|txt)$/i;

/**
 * Checks briefs on open, on type (debounced) and on save, and re-checks open briefs when a source,
 * the config file, a `.markdownlint.*` file, a source folder or a setting changes. Only documents
 * inside a workspace folder are checked (each by its folder's engine).
 */
export class BriefDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection("brief-author");
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Pending re-indexes of open, edited sources, by document URI. */
  private readonly sourceTimers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Open sources whose editor text (not the file's) is in the index. */
  private readonly editorTexts = new Set<string>();
  private readonly results = new Map<string, { version: number; result: CheckResult }>();
  private readonly libraryUris = new Set<string>();
  /** Rule failures already logged (rule and message), so a failing rule is logged once, not per keystroke. */
  private readonly loggedFailures = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  private readonly indexed = new vscode.EventEmitter<vscode.Uri>();
  private checks = 0;
  /** Engines whose missing source folders were already reported (once a session, not per check). */
  private readonly warnedMissing = new WeakSet<BriefEngine>();
  /** The line each document was last typed on (a citation there may be half-written). */
  private readonly typingLine = new Map<string, number>();
  /** Each engine's library version when its library problems were last published. */
  private readonly libraryVersions = new WeakMap<BriefEngine, number>();
  /** Documents with a `malformed-citation` held back while the cursor is in it. */
  private readonly holding = new Set<string>();
  /** Fires after a brief's diagnostics were published. */
  readonly onDidCheck = this.changed.event;
  /** Fires after an open source's text was re-indexed: its unsaved text after a pause in typing, or the file's on close. */
  readonly onDidIndexSource = this.indexed.event;

  constructor(private readonly services: BriefServices, private readonly log: vscode.LogOutputChannel) {
    const d = this.disposables;
    d.push(this.collection, this.changed, this.indexed);
    d.push(vscode.workspace.onDidOpenTextDocument((doc) => this.schedule(doc, 0)));
    d.push(vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length === 0) return;
      this.typingLine.set(e.document.uri.toString(), e.contentChanges[0].range.start.line);
      if (this.setting<string>(e.document.uri, "run") === "onType") this.schedule(e.document, this.setting<number>(e.document.uri, "debounceMs") ?? 300);
      this.scheduleSourceIndex(e.document);
    }));
    d.push(vscode.workspace.onDidSaveTextDocument((doc) => {
      // Saved: the file holds the editor's text now (the watcher re-reads it).
      this.editorTexts.delete(doc.uri.toString());
      this.typingLine.delete(doc.uri.toString());
      this.schedule(doc, 0);
    }));
    // A citation held back while it was being typed is shown once the cursor leaves it.
    d.push(vscode.window.onDidChangeTextEditorSelection((e) => {
      const key = e.textEditor.document.uri.toString();
      if (!this.holding.has(key)) return;
      const r = this.results.get(key);
      // Only the current check's problems: an older one's ranges are from before the last edit.
      if (r && r.version === e.textEditor.document.version) this.publish(e.textEditor.document, r.result);
    }));
    d.push(vscode.workspace.onDidCloseTextDocument((doc) => this.closed(doc)));
    // `**/*`, not `**/*.md`: a source folder that is deleted, renamed or created is an event on the folder alone.
    const watcher = vscode.workspace.createFileSystemWatcher("**/*");
    d.push(watcher);
    d.push(watcher.onDidChange((uri) => WATCHED_FILE.test(uri.path) && this.fileChanged(uri, false)));
    d.push(watcher.onDidCreate((uri) => void this.created(uri)));
    d.push(watcher.onDidDelete((uri) => this.fileChanged(uri, true)));
    d.push(vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (!e.affectsConfiguration("briefAuthor")) return;
      for (const engine of this.services.all()) {
        await engine.ready;
        if (engine.disposed) continue;
        await engine.service.updateSettings(readSettings(engine.folder), readAllowedFolders(engine.folder));
      }
      this.log.info("settings changed: re-checking open briefs");
      await this.recheckOpen();
    }));
    // A library read in the background: its problems are complete, and a fix that names the best
    // source in the whole library (uncited-claim) can be offered.
    d.push(this.services.onDidReadLibrary((engine) => void this.recheckOpen([engine])));
    d.push(this.services.onDidChangeEngines(async ({ added, removed }) => {
      for (const engine of removed) this.forgetFolder(engine);
      if (removed.length) this.publishLibrary();
      for (const engine of added) {
        await engine.ready;
        if (!engine.disposed) await this.recheckOpen([engine]);
      }
    }));
  }

  private setting<T>(uri: vscode.Uri, name: string): T | undefined {
    return vscode.workspace.getConfiguration("briefAuthor", uri).get<T>(name);
  }

  /** How many checks reached an engine since activation (tests: proof that something did not check). */
  get checkCount(): number {
    return this.checks;
  }

  /** The latest result for a document, if it is current. */
  resultFor(doc: vscode.TextDocument): CheckResult | undefined {
    const r = this.results.get(doc.uri.toString());
    return r && r.version === doc.version ? r.result : undefined;
  }

  /**
   * Adds what a model said of a check's claims (their new verdicts, its model-disagrees problems)
   * to that check's result, when the document is still at that version; publishes it again.
   */
  applyModel(doc: vscode.TextDocument, checked: CheckResult, claims: CheckResult["claims"], problems: readonly Problem[]): boolean {
    const key = doc.uri.toString();
    const r = this.results.get(key);
    if (!r || r.result !== checked || r.version !== doc.version || doc.isClosed) return false;
    const all = [...checked.problems, ...problems].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    const result: CheckResult = { ...checked, claims, problems: all };
    this.results.set(key, { version: r.version, result });
    this.publish(doc, result);
    this.changed.fire(doc.uri);
    return true;
  }

  /** Every open brief's latest result that is current (its document's version), for the Claims view. */
  currentResults(): Array<{ uri: vscode.Uri; result: CheckResult }> {
    const out: Array<{ uri: vscode.Uri; result: CheckResult }> = [];
    for (const doc of vscode.workspace.textDocuments) {
      const r = this.results.get(doc.uri.toString());
      if (r && r.version === doc.version) out.push({ uri: doc.uri, result: r.result });
    }
    return out;
  }

  /** Problems of a document's latest check (current or not), for code actions. */
  problemsFor(uri: vscode.Uri): Problem[] {
    return this.results.get(uri.toString())?.result.problems ?? [];
  }

  /** True when `d` is one of the diagnostics this extension published on `uri` (not another extension's). */
  isOurs(uri: vscode.Uri, d: vscode.Diagnostic): boolean {
    return (this.collection.get(uri) ?? []).some((x) => sameDiagnostic(x, d));
  }

  schedule(doc: vscode.TextDocument, delay: number): void {
    if (doc.languageId !== "markdown" || !this.services.get(doc.uri)) return;
    this.cancel(doc.uri);
    const key = doc.uri.toString();
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      void this.check(doc);
    }, delay));
  }

  private cancel(uri: vscode.Uri): void {
    const key = uri.toString();
    const t = this.timers.get(key);
    if (t) clearTimeout(t);
    this.timers.delete(key);
  }

  /** Forgets a document's diagnostics and results (not the library problems published on it). */
  private clear(uri: vscode.Uri): void {
    this.results.delete(uri.toString());
    if (!this.libraryUris.has(uri.toString())) this.collection.delete(uri);
  }

  /** Checks one open document now and publishes its diagnostics. */
  async check(doc: vscode.TextDocument): Promise<CheckResult | undefined> {
    if (doc.isClosed) return undefined;
    const engine = this.services.get(doc.uri);
    if (!engine) {
      // Outside every workspace folder (or its folder was removed): nothing of ours on it.
      this.clear(doc.uri);
      return undefined;
    }
    const { service, ready } = engine;
    await ready;
    if (engine.disposed) return undefined;
    const text = doc.getText();
    const version = doc.version;
    if (!service.isBrief(doc.uri.path, text)) {
      this.clear(doc.uri);
      return undefined;
    }
    try {
      const started = Date.now();
      this.checks++;
      // markdownlint on its own thread, when there is one; brief-author's rules on this one.
      const pool = this.services.markdownlintPool();
      const md = pool ? await service.markdownlintConfigFor(doc.uri.path) : undefined;
      const linted = pool && md && md.config !== false ? await pool.lint(text, md.config, service.config.limits).errors : undefined;
      if (engine.disposed || doc.isClosed || doc.version !== version) return undefined;
      const result = await service.check(doc.uri.path, text, linted);
      if (engine.disposed || doc.isClosed || doc.version !== version) return result; // gone, or a newer check is on its way
      this.results.set(doc.uri.toString(), { version, result });
      for (const f of result.failures) {
        const key = `${f.rule}\0${f.message}`;
        if (this.loggedFailures.has(key)) continue;
        this.loggedFailures.add(key);
        this.log.error(`rule ${f.rule} failed on ${vscode.workspace.asRelativePath(doc.uri)} (${f.message}); its results are left out`);
      }
      this.publish(doc, result);
      // A page or PDF the check extracted first is remembered for the next session (the check only read it).
      void service.saveExtractions();
      // A check read a bibliography (or an entry's file) on the way: its problems go on that file now.
      if (this.libraryVersions.get(engine) !== service.libraryVersion) {
        this.libraryVersions.set(engine, service.libraryVersion);
        this.publishLibrary();
      }
      this.log.debug(`checked ${vscode.workspace.asRelativePath(doc.uri)} in ${Date.now() - started} ms: ${result.problems.length} problems`);
      this.changed.fire(doc.uri);
      if (service.noSourceFolder && !this.warnedMissing.has(engine)) {
        this.warnedMissing.add(engine);
        const missing = service.missingSourceFoldersForDisplay();
        this.log.warn(`source folder${missing.length === 1 ? "" : "s"} missing: ${missing.join(", ")}`);
        void warnMissingFolders(missing, true);
      }
      return result;
    } catch (e) {
      this.log.error(`checking ${doc.uri.fsPath} failed: ${(e as Error).stack ?? e}`);
      return undefined;
    }
  }

  /**
   * Publishes a check's problems. A `malformed-citation` under the cursor, on the line being typed,
   * is held back while the cursor stays in it: `[@a; @` is half a citation, not a mistake, until
   * the writer moves on (or saves).
   */
  private publish(doc: vscode.TextDocument, result: CheckResult): void {
    const key = doc.uri.toString();
    const line = this.typingLine.get(key);
    const cursors = line === undefined ? [] : vscode.window.visibleTextEditors.filter((e) => e.document === doc).flatMap((e) => e.selections.map((s) => s.active));
    let held = false;
    const shown = result.problems.filter((p) => {
      if (p.rule !== "malformed-citation" || p.range.start.line !== line || !cursors.length) return true;
      // The cursor in the citation, or after it on its line with no "]" between: still being written.
      const start = p.range.start;
      const lineText = doc.lineAt(start.line).text;
      const typing = cursors.some((c) => c.line === start.line && c.character > start.character && !lineText.slice(start.character + 1, c.character).includes("]"));
      if (typing) held = true;
      return !typing;
    });
    if (held) this.holding.add(key);
    else this.holding.delete(key);
    this.collection.set(doc.uri, shown.map((p) => toDiagnostic(p, (path) => doc.uri.with({ path }))));
  }

  /** Publishes problems with source files and config files on those files (after loads and changes, never per keystroke). */
  publishLibrary(): void {
    const next = new Map<string, vscode.Diagnostic[]>();
    for (const { service, fs, disposed } of this.services.all()) {
      if (disposed) continue;
      for (const p of [...service.libraryProblems(), ...service.configProblems, ...service.markdownlintConfigProblems()]) {
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

  /** Publishes library problems and re-checks the open briefs (of the given engines' folders, else of all). */
  async recheckOpen(engines?: readonly BriefEngine[]): Promise<void> {
    this.publishLibrary();
    // The briefs the analyst has open (a tab) or unsaved: VS Code keeps a closed editor's document
    // for a while, and re-checking one whose file was deleted would bring its problems back.
    const docs = vscode.workspace.textDocuments.filter((d) => d.languageId === "markdown" && (!engines || engines.some((e) => insideFolder(e, d.uri))));
    await Promise.all(docs.map(async (d) => (isShown(d) || (await exists(d.uri))) && this.check(d)));
  }

  /** A deleted file (or folder) loses the problems of its briefs, unless a tab still shows one. */
  private forgetDeleted(uri: vscode.Uri): void {
    const prefix = uri.toString().replace(/\/$/, "") + "/";
    const gone: vscode.Uri[] = [];
    this.collection.forEach((u) => {
      const key = u.toString();
      if ((key === uri.toString() || key.startsWith(prefix)) && !this.libraryUris.has(key)) gone.push(u);
    });
    for (const u of gone) {
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === u.toString());
      if (!doc || !isShown(doc)) this.clear(u);
    }
  }

  /** The engines whose source library holds `uri` (a source folder may lie outside its workspace folder, or be shared). */
  private enginesCovering(uri: vscode.Uri): BriefEngine[] {
    return this.services.all().filter((e) => !e.disposed && onFileSystemOf(e, uri) && e.service.library.covers(uri.path));
  }

  /**
   * An open source being edited is re-indexed from its editor text once typing pauses (the brief
   * debounce setting), not on every keystroke; then the open briefs are re-checked.
   */
  private scheduleSourceIndex(doc: vscode.TextDocument): void {
    if (!isSourceFile(doc.uri.path) || !EDITABLE_SOURCE.test(doc.uri.path) || !this.services.all().some((e) => onFileSystemOf(e, doc.uri))) return;
    const key = doc.uri.toString();
    const pending = this.sourceTimers.get(key);
    if (pending) clearTimeout(pending);
    this.sourceTimers.set(key, setTimeout(() => {
      this.sourceTimers.delete(key);
      void this.indexEditorText(doc);
    }, this.setting<number>(doc.uri, "debounceMs") ?? 300));
  }

  private async indexEditorText(doc: vscode.TextDocument): Promise<void> {
    await this.services.whenReady();
    if (doc.isClosed) return;
    const engines = this.enginesCovering(doc.uri);
    if (!engines.length) return;
    const text = doc.getText();
    for (const e of engines) {
      // An open source that links out of the workspace stays refused, whatever its editor holds.
      const allowed = await e.service.access.check(doc.uri.path, "file").then(() => true, () => false);
      if (allowed) e.service.library.setText(doc.uri.path, text);
    }
    if (doc.isDirty) this.editorTexts.add(doc.uri.toString());
    this.log.debug(`re-indexed the editor text of ${vscode.workspace.asRelativePath(doc.uri)}`);
    this.indexed.fire(doc.uri);
    await this.recheckOpen(engines);
  }

  private async closed(doc: vscode.TextDocument): Promise<void> {
    const key = doc.uri.toString();
    this.cancel(doc.uri);
    this.clear(doc.uri);
    this.typingLine.delete(key);
    this.holding.delete(key);
    const pending = this.sourceTimers.get(key);
    if (pending) clearTimeout(pending);
    this.sourceTimers.delete(key);
    if (!this.editorTexts.delete(key) && !pending) return;
    // Closed without saving: the index goes back to the file on disk.
    await this.services.whenReady();
    const engines = this.enginesCovering(doc.uri);
    if (!engines.length) return;
    for (const e of engines) await e.service.library.updateFile(doc.uri.path);
    this.log.info(`${vscode.workspace.asRelativePath(doc.uri)} closed without saving: re-indexed from the file`);
    this.indexed.fire(doc.uri);
    await this.recheckOpen(engines);
  }

  /** A removed folder's documents lose their diagnostics, results and pending checks. */
  private forgetFolder(engine: BriefEngine): void {
    for (const [key, timer] of [...this.timers, ...this.sourceTimers]) {
      if (!insideFolder(engine, vscode.Uri.parse(key))) continue;
      clearTimeout(timer);
      this.timers.delete(key);
      this.sourceTimers.delete(key);
    }
    for (const key of [...this.results.keys()]) if (insideFolder(engine, vscode.Uri.parse(key))) this.results.delete(key);
    const gone: vscode.Uri[] = [];
    this.collection.forEach((uri) => {
      if (insideFolder(engine, uri) && !this.libraryUris.has(uri.toString())) gone.push(uri);
    });
    for (const uri of gone) this.collection.delete(uri);
  }

  /** A created file matters when it is a watched kind; a created folder always goes to the engines (it may be a source folder). */
  private async created(uri: vscode.Uri): Promise<void> {
    if (WATCHED_FILE.test(uri.path)) return this.fileChanged(uri, false);
    try {
      if ((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.Directory) await this.fileChanged(uri, false);
    } catch {
      // gone already: its delete event follows
    }
  }

  /** A file or folder created, changed or deleted on disk goes to every engine on its file system; each says what it affected. */
  private async fileChanged(uri: vscode.Uri, deleted: boolean): Promise<void> {
    if (deleted) this.forgetDeleted(uri);
    const affected: BriefEngine[] = [];
    const whats: string[] = [];
    for (const engine of this.services.all()) {
      if (!onFileSystemOf(engine, uri)) continue;
      await engine.ready;
      if (engine.disposed) continue;
      const what = await engine.service.fileChanged(uri.path, deleted);
      if (what === "none") continue;
      affected.push(engine);
      whats.push(what);
    }
    if (!affected.length) return;
    this.log.info(`${vscode.workspace.asRelativePath(uri)} ${deleted ? "deleted" : "changed"} (${[...new Set(whats)].join(", ")}): re-checking open briefs`);
    await this.recheckOpen(affected);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const t of this.sourceTimers.values()) clearTimeout(t);
    this.timers.clear();
    this.sourceTimers.clear();
    for (const d of this.disposables) d.dispose();
  }
}

/** Whether a file is (still) there. */
async function exists(uri: vscode.Uri): Promise<boolean> {
  return Promise.resolve(vscode.workspace.fs.stat(uri)).then(() => true, () => false);
}

/** A document the analyst has in a tab, or has unsaved changes in. */
function isShown(doc: vscode.TextDocument): boolean {
  if (doc.isDirty) return true;
  const key = doc.uri.toString();
  return vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === key));
}

/** Same range, message, severity, source and code: the same published diagnostic. */
function sameDiagnostic(a: vscode.Diagnostic, b: vscode.Diagnostic): boolean {
  const code = (d: vscode.Diagnostic) => (typeof d.code === "object" ? String(d.code.value) : d.code === undefined ? "" : String(d.code));
  return a.range.isEqual(b.range) && a.message === b.message && a.severity === b.severity && a.source === b.source && code(a) === code(b);
}

/**
 * A missing source folder is said out loud, with a way to fix it: otherwise every key is just
 * "unknown". `all`: no configured folder exists, so nothing can be checked. `summary`: what a
 * re-index found, said first.
 */
export async function warnMissingFolders(missing: readonly string[], all: boolean, summary?: string): Promise<void> {
  const list = missing.map((f) => `"${f}"`).join(", ");
  const one = missing.length === 1;
  const what = `the source folder${one ? "" : "s"} ${list} ${one ? "does" : "do"} not exist`;
  const consequence = all ? ", so no citation can be checked" : `; ${one ? "its" : "their"} sources are not in the library`;
  const fix = `Create ${one ? "it" : "them"}, or point briefAuthor.sources (or "sources" in .briefrc.json) at your sources.`;
  const text = summary ? `${summary.replace(/\.$/, "")}; ${what}${consequence}. ${fix}` : `Brief: ${what}${consequence}. ${fix}`;
  const choice = await vscode.window.showWarningMessage(text, "Open Settings");
  if (choice === "Open Settings") await vscode.commands.executeCommand("workbench.action.openSettings", "briefAuthor.sources");
}
