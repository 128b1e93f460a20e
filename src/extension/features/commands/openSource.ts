import * as vscode from "vscode";
import { citationAt } from "../../../core";
import type { BriefServices } from "../../services";
import { SOURCE_VIEW_SCHEME, sourceLocation } from "../sourceView";
import { markStep } from "../walkthrough";

export async function openSource(services: BriefServices, args?: { uri?: string; line?: number; key?: string } | string): Promise<vscode.TextEditor | undefined> {
  const a = typeof args === "string" ? { key: args } : args ?? {};
  let uri = a.uri ? vscode.Uri.parse(a.uri) : undefined;
  let line = a.line ?? 0;
  const active = vscode.window.activeTextEditor?.document.uri;
  // The active document's folder, else the first folder (a key means nothing outside every folder).
  const base = (active && services.get(active) ? active : undefined) ?? vscode.workspace.workspaceFolders?.[0]?.uri;
  const engine = base && services.get(base);
  if (!uri && !engine) {
    void vscode.window.showWarningMessage("Brief: Open Source needs a workspace folder: its sources are looked up in the folder's library.");
    return undefined;
  }
  if (!uri && base && engine) {
    const { service, ready } = engine;
    await ready;
    let key = a.key;
    const editor = vscode.window.activeTextEditor;
    if (!key && editor && editor.document.languageId === "markdown" && services.get(editor.document.uri) === engine) {
      const brief = await service.parseForLookup(editor.document.uri.path, editor.document.getText());
      key = citationAt(brief, editor.document.offsetAt(editor.selection.active))?.key;
    }
    if (!key) {
      await service.readLibrary();
      const pick = await vscode.window.showQuickPick(
        service.library.keys().map((k) => ({ label: k, detail: service.library.get(k)?.title })),
        { title: "Open Source", placeHolder: "Source key", matchOnDetail: true },
      );
      key = pick?.label;
    }
    if (!key) return undefined;
    await service.libraryIdle();
    await service.library.ensureKeys([key]);
    const entry = service.library.get(key);
    if (!entry) {
      void vscode.window.showErrorMessage(`Brief: no source has the key "${key}".`);
      return undefined;
    }
    uri = base.with({ path: entry.path });
    line = a.line ?? 0;
  }
  if (!uri) return undefined;
  // The passage starting at that line is selected; a web page or PDF opens as its extracted text.
  let target = new vscode.Range(line, 0, line, 0);
  if (uri.scheme !== SOURCE_VIEW_SCHEME) {
    const entry = await services.get(uri)?.service.sourceEntryAt(uri.path);
    const passage = entry?.passages.find((p) => p.startLine === line);
    const endLine = passage?.endLine ?? line;
    const loc = sourceLocation(services, uri, uri.path, { start: { line, character: 0 }, end: { line: endLine, character: passage ? Number.MAX_SAFE_INTEGER : 0 } });
    uri = loc.uri;
    target = loc.range;
  }
  const doc = await vscode.workspace.openTextDocument(uri);
  const selection = doc.validateRange(target);
  const editor = await vscode.window.showTextDocument(doc, { selection, preview: true });
  editor.revealRange(selection, vscode.TextEditorRevealType.AtTop);
  markStep("hover");
  return editor;
}
