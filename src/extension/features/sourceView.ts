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
  const entry = engine?.service.sourceEntryIfRead(path);
  if (!engine || !entry || !isExtracted(entry)) return { uri: file, range: toRange(range, (l) => l) };
  const view = extractedView(entry);
  const uri = vscode.Uri.from({ scheme: SOURCE_VIEW_SCHEME, path: `${path}.txt`, query: engine.folder.uri.toString() });
  return { uri, range: toRange(range, view.line) };
}

/**
 * The views are a read-only file system of their own (the editor shows them locked, and nothing
 * can be saved into them): each file is the extracted text of one source, made on each read.
 */
class SourceViewFileSystem implements vscode.FileSystemProvider {
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;

  constructor(private readonly services: BriefServices) {}

  private async text(uri: vscode.Uri): Promise<string> {
    const engine = this.services.get(vscode.Uri.parse(uri.query));
    if (!engine) throw vscode.FileSystemError.FileNotFound(uri);
    await engine.ready;
    const entry = await engine.service.sourceEntryAt(uri.path.replace(/\.txt$/, ""));
    if (!entry) throw vscode.FileSystemError.FileNotFound(uri);
    return extractedView(entry).text;
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    const size = new TextEncoder().encode(await this.text(uri)).length;
    return { type: vscode.FileType.File, ctime: 0, mtime: 0, size, permissions: vscode.FilePermission.Readonly };
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    return new TextEncoder().encode(await this.text(uri));
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }
  readDirectory(): [string, vscode.FileType][] {
    return [];
  }
  createDirectory(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
  writeFile(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
  delete(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
  rename(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
  dispose(): void {
    this.changed.dispose();
  }
}

/** The views' language: plain text whose long lines wrap (`configurationDefaults` in the manifest). */
export const SOURCE_VIEW_LANGUAGE = "brief-source-view";

export function registerSourceView(context: vscode.ExtensionContext, services: BriefServices): void {
  const fs = new SourceViewFileSystem(services);
  // An extracted page is one long line per paragraph: the view wraps, as a reader expects.
  const wrap = (doc: vscode.TextDocument) => {
    if (doc.uri.scheme === SOURCE_VIEW_SCHEME && doc.languageId !== SOURCE_VIEW_LANGUAGE) void vscode.languages.setTextDocumentLanguage(doc, SOURCE_VIEW_LANGUAGE);
  };
  context.subscriptions.push(fs, vscode.workspace.registerFileSystemProvider(SOURCE_VIEW_SCHEME, fs, { isCaseSensitive: true, isReadonly: true }), vscode.workspace.onDidOpenTextDocument(wrap));
  vscode.workspace.textDocuments.forEach(wrap);
}
