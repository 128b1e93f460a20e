import * as assert from "node:assert/strict";
import * as vscode from "vscode";

export const EXTENSION_ID = "brief-author.brief-author";

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, "the integration tests need a workspace folder");
  return folder.uri;
}

export function fileUri(rel: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), rel);
}

/** What the extension's activate() returns (the parts the tests use). */
export interface TestApi {
  ready: Promise<void>;
  services: {
    /** The root URI of every engine: one per workspace folder. */
    roots(): string[];
    /** The engine of the folder holding `uri`; undefined outside every workspace folder. */
    get(uri: vscode.Uri): { service: { library: { size: number }; trustedFolders: readonly string[] }; ready: Promise<void> } | undefined;
    whenReady(): Promise<void>;
    onDidChangeEngines: vscode.Event<{ added: readonly { folder: vscode.WorkspaceFolder }[]; removed: readonly { folder: vscode.WorkspaceFolder }[] }>;
  };
  diagnostics: {
    onDidCheck: vscode.Event<vscode.Uri>;
    onDidIndexSource: vscode.Event<vscode.Uri>;
    readonly checkCount: number;
    collection: vscode.DiagnosticCollection;
    resultFor(doc: vscode.TextDocument): unknown;
  };
  statusBar: { item: vscode.StatusBarItem; onDidUpdate: vscode.Event<string> };
  claims: {
    view: {
      getChildren(node?: unknown): Array<{ kind: string; claim?: { verdict: string; keys: string[]; start: number; end: number }; uri: vscode.Uri }>;
      getTreeItem(node: unknown): vscode.TreeItem;
      readonly currentFilter: string;
    };
    status: { item: vscode.StatusBarItem; onDidUpdate: vscode.Event<string> };
  };
}

/** Activates the extension and waits for its source library. */
export async function activate(): Promise<TestApi> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed`);
  const api = (await ext.activate()) as TestApi;
  await api.ready;
  return api;
}

/**
 * Resolves with the brief-author diagnostics of `uri` once `predicate` holds, checking now and on
 * every `onDidChangeDiagnostics` event (no sleeps); rejects after `timeoutMs` with what was seen.
 */
export function waitForDiagnostics(uri: vscode.Uri, predicate: (d: vscode.Diagnostic[]) => boolean, timeoutMs = 20000): Promise<vscode.Diagnostic[]> {
  const current = () => vscode.languages.getDiagnostics(uri);
  return new Promise((resolve, reject) => {
    const now = current();
    if (predicate(now)) return resolve(now);
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for diagnostics on ${uri.path}; last seen:\n${current().map(describe).join("\n")}`));
    }, timeoutMs);
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === uri.toString())) return;
      const d = current();
      if (predicate(d)) {
        clearTimeout(timer);
        sub.dispose();
        resolve(d);
      }
    });
  });
}

export function ruleOf(d: vscode.Diagnostic): string {
  return typeof d.code === "object" ? String(d.code.value) : String(d.code);
}

export function describe(d: vscode.Diagnostic): string {
  return `${d.range.start.line + 1}:${d.range.start.character + 1} ${ruleOf(d)} ${d.message}`;
}

export function has(rule: string, line?: number) {
  return (ds: vscode.Diagnostic[]) => ds.some((d) => ruleOf(d) === rule && (line === undefined || d.range.start.line === line));
}

export function lacks(rule: string) {
  return (ds: vscode.Diagnostic[]) => !ds.some((d) => ruleOf(d) === rule);
}

/**
 * Opens a document in an editor and resolves once the extension has checked its current text
 * (its check event, so a clean brief with no diagnostics resolves too) and `predicate` holds.
 */
export async function openBrief(rel: string, predicate: (d: vscode.Diagnostic[]) => boolean = () => true, timeoutMs = 20000): Promise<{ doc: vscode.TextDocument; editor: vscode.TextEditor; diagnostics: vscode.Diagnostic[] }> {
  const api = await activate();
  const uri = fileUri(rel);
  let doc: vscode.TextDocument | undefined;
  const done = () => doc !== undefined && api.diagnostics.resultFor(doc) !== undefined && predicate(vscode.languages.getDiagnostics(uri));
  const waiting = new Promise<void>((resolve, reject) => {
    const subs: vscode.Disposable[] = [];
    const finish = () => {
      if (!done()) return;
      clearTimeout(timer);
      subs.forEach((s) => s.dispose());
      resolve();
    };
    const timer = setTimeout(() => {
      subs.forEach((s) => s.dispose());
      reject(new Error(`timed out waiting for the check of ${uri.path}; diagnostics:\n${vscode.languages.getDiagnostics(uri).map(describe).join("\n")}`));
    }, timeoutMs);
    subs.push(api.diagnostics.onDidCheck((u) => u.toString() === uri.toString() && finish()));
    subs.push(vscode.languages.onDidChangeDiagnostics((e) => e.uris.some((u) => u.toString() === uri.toString()) && finish()));
    void Promise.resolve().then(async () => {
      doc = await vscode.workspace.openTextDocument(uri);
      finish();
    });
  });
  doc = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(doc);
  await waiting;
  return { doc, editor, diagnostics: vscode.languages.getDiagnostics(uri) };
}

/** Writes a file through the workspace file system. */
export async function writeFile(rel: string, text: string): Promise<vscode.Uri> {
  const uri = fileUri(rel);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return uri;
}

export function positionOf(doc: vscode.TextDocument, needle: string, delta = 0): vscode.Position {
  const i = doc.getText().indexOf(needle);
  assert.ok(i >= 0, `"${needle}" not found in ${doc.uri.path}`);
  return doc.positionAt(i + delta);
}

/** Applies the quick fix titled like `title` offered for the first diagnostic of `rule`. */
export async function applyQuickFix(doc: vscode.TextDocument, rule: string, title: RegExp): Promise<void> {
  const d = vscode.languages.getDiagnostics(doc.uri).find((x) => ruleOf(x) === rule);
  assert.ok(d, `no ${rule} diagnostic; have: ${vscode.languages.getDiagnostics(doc.uri).map(describe).join("; ")}`);
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>("vscode.executeCodeActionProvider", doc.uri, d.range, vscode.CodeActionKind.QuickFix.value);
  const action = actions.find((a) => title.test(a.title));
  assert.ok(action?.edit, `no quick fix ${title} for ${rule}; offered: ${actions.map((a) => a.title).join("; ")}`);
  assert.ok(await vscode.workspace.applyEdit(action.edit));
}

/** Resolves with the first event of `event` that `predicate` accepts; rejects after `timeoutMs` saying what was awaited. */
export function nextEvent<T>(event: vscode.Event<T>, predicate: (e: T) => boolean, what: string, timeoutMs = 20000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for ${what}`));
    }, timeoutMs);
    const sub = event((e) => {
      if (!predicate(e)) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(e);
    });
  });
}

export function hoverText(h: vscode.Hover[]): string {
  return h.flatMap((x) => x.contents.map((c) => (typeof c === "string" ? c : "value" in c ? c.value : ""))).join("\n");
}
