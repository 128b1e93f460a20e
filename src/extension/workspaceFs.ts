import * as vscode from "vscode";
import type { FileKind, FileStat, FileSystem } from "../core/fs";
import { editorFileSystem, nodeFileSystem } from "../node/fileSystem";

/**
 * The engine's file system in the editor. On a `file:` folder it is Node's (`nodeFileSystem`):
 * links are resolved to real paths and a named pipe or device is refused on its opened
 * descriptor, exactly as in the CLI, so the workspace gate sees where a link leads. On any other
 * scheme (remote, virtual) it is `vscode.workspace.fs`, which cannot resolve links: every link
 * is reported as one (`symbolicLink`), and the gate refuses it. Core paths are the URI's path;
 * `base` supplies scheme and authority. An open, unsaved document is read as the editor holds it.
 */
export class WorkspaceFileSystem implements FileSystem {
  private readonly local: boolean;
  readonly realPath?: (path: string) => Promise<string>;
  /** On `file:` folders: the head of a file (the source library lists sources by it), an unsaved document's own. */
  readonly readFileHead?: (path: string, maxBytes: number, options?: { noFollow?: boolean }) => Promise<{ bytes: Uint8Array; size: number }>;

  constructor(private readonly base: vscode.Uri) {
    this.local = base.scheme === "file";
    if (this.local) this.realPath = async (path) => vscode.Uri.file(await nodeFileSystem.realPath!(this.uri(path).fsPath)).path;
    if (this.local) {
      this.readFileHead = async (path, maxBytes, options) => {
        const open = await this.dirtyDocumentAt(path);
        if (open) {
          const bytes = new TextEncoder().encode(open.getText());
          return { bytes: bytes.subarray(0, maxBytes), size: bytes.length };
        }
        return editorFileSystem.readFileHead!(this.uri(path).fsPath, maxBytes, options);
      };
    }
  }

  uri(path: string): vscode.Uri {
    return this.base.with({ path, query: "", fragment: "" });
  }

  async readFile(path: string): Promise<Uint8Array> {
    const open = await this.dirtyDocumentAt(path);
    if (open) return new TextEncoder().encode(open.getText());
    if (this.local) return nodeFileSystem.readFile(this.uri(path).fsPath);
    return vscode.workspace.fs.readFile(this.uri(path));
  }

  /**
   * The unsaved document of a file, if one is open. The gate hands over the file's real path, so
   * on a `file:` folder a document opened through a link (or a linked workspace folder, or with
   * another case of drive letter) is matched by its own real path too.
   */
  private async dirtyDocumentAt(path: string): Promise<vscode.TextDocument | undefined> {
    const dirty = vscode.workspace.textDocuments.filter((d) => d.isDirty && d.uri.scheme === this.base.scheme && d.uri.authority === this.base.authority);
    const same = dirty.find((d) => d.uri.path === path);
    if (same || !this.local) return same;
    const want = this.uri(path).fsPath;
    // Few documents are unsaved at a time: each one's real path is looked up (a link may have another name).
    for (const d of dirty) {
      const real = await this.realPathOf(d);
      if (real !== undefined && (real === want || (process.platform === "win32" && real.toLowerCase() === want.toLowerCase()))) return d;
    }
    return undefined;
  }

  /** An unsaved document's real path, looked up once per version (not once per file the library reads). */
  private readonly realPaths = new WeakMap<vscode.TextDocument, { version: number; real: Promise<string | undefined> }>();

  private realPathOf(doc: vscode.TextDocument): Promise<string | undefined> {
    const known = this.realPaths.get(doc);
    if (known && known.version === doc.version) return known.real;
    const real = nodeFileSystem.realPath!(doc.uri.fsPath).catch(() => undefined);
    this.realPaths.set(doc, { version: doc.version, real });
    return real;
  }

  async stat(path: string): Promise<FileStat | undefined> {
    if (this.local) return nodeFileSystem.stat(this.uri(path).fsPath);
    try {
      const s = await vscode.workspace.fs.stat(this.uri(path));
      return { type: kindOf(s.type), size: s.size, mtime: s.mtime, symbolicLink: (s.type & vscode.FileType.SymbolicLink) !== 0 };
    } catch {
      return undefined;
    }
  }

  async readDirectoryLinks(path: string): Promise<Array<[string, FileKind, boolean]>> {
    if (this.local) return editorFileSystem.readDirectoryLinks!(this.uri(path).fsPath);
    // Elsewhere links cannot be told from their targets: every entry counts as one (never remembered).
    return (await this.readDirectory(path)).map(([name, kind]): [string, FileKind, boolean] => [name, kind, true]);
  }

  async readDirectory(path: string): Promise<Array<[string, FileKind]>> {
    if (this.local) return editorFileSystem.readDirectory(this.uri(path).fsPath);
    const entries = await vscode.workspace.fs.readDirectory(this.uri(path));
    return entries.map(([name, t]) => [name, kindOf(t)]);
  }
}

function kindOf(t: vscode.FileType): FileKind {
  return t & vscode.FileType.Directory ? "directory" : t & vscode.FileType.File ? "file" : "other";
}
