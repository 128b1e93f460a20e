import * as vscode from "vscode";
import { extractedView, isExtracted, type Range } from "../../core";
import type { BriefServices } from "../services";

/** Read-only views of what was extracted from web pages and PDFs: `brief-source:<path>.txt?<folder>`. */
export const SOURCE_VIEW_SCHEME = "brief-source";

/**
 * Where to show a source to the writer: Markdown and text sources open as they are; a web page
 * or PDF opens as a read-only view of its extracted text (with `[page N]` lines for a PDF), and
 * the range is moved to the view's lines.
 */
export function sourceLocation(services: BriefServices, base: vscode.Uri, path: string, range: Range): { uri: vscode.Uri; range: vscode.Range } {
  const file = base.with({ path, query: "", fragment: "" });
  const toRange = (r: Range, shift: (l: number) => number) => new vscode.Range(shift(r.start.line), r.start.character, shift(r.end.line), r.end.character);
  const engine = services.get(file);
  const entry = engine?.service.sourceEntryAt(path);
  if (!engine || !entry || !isExtracted(entry)) return { uri: file, range: toRange(range, (l) => l) };
  const view = extractedView(entry);
  const uri = vscode.Uri.from({ scheme: SOURCE_VIEW_SCHEME, path: `${path}.txt`, query: engine.folder.uri.toString() });
  return { uri, range: toRange(range, view.line) };
}

export function registerSourceView(context: vscode.ExtensionContext, services: BriefServices): void {
  const changed = new vscode.EventEmitter<vscode.Uri>();
  context.subscriptions.push(
    changed,
    vscode.workspace.registerTextDocumentContentProvider(SOURCE_VIEW_SCHEME, {
      onDidChange: changed.event,
      async provideTextDocumentContent(uri) {
        const folder = vscode.Uri.parse(uri.query);
        const engine = services.get(folder);
        if (!engine) return `This source is not in an open workspace folder (${uri.query}).`;
        await engine.ready;
        const path = uri.path.replace(/\.txt$/, "");
        const entry = engine.service.sourceEntryAt(path);
        if (!entry) return `${path} is not (or no longer) in the source library.`;
        return extractedView(entry).text;
      },
    }),
  );
}
