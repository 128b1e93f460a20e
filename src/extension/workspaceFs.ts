import * as vscode from "vscode";
import type { FileStat, FileSystem } from "../core/fs";

/**
 * The engine's file system over `vscode.workspace.fs`, so remote and virtual workspaces work.
 * Core paths are the URI's path; `base` supplies scheme and authority.
 */
export class WorkspaceFileSystem implements FileSystem {
  constructor(private readonly base: vscode.Uri) {}

  uri(path: string): vscode.Uri {
    return this.base.with({ path, query: "", fragment: "" });
  }

  async readFile(path: string): Promise<Uint8Array> {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === this.base.scheme && d.uri.path === path && d.isDirty);
    if (open) return new TextEncoder().encode(open.getText());
    return vscode.workspace.fs.readFile(this.uri(path));
  }

  async stat(path: string): Promise<FileStat | undefined> {
    try {
      const s = await vscode.workspace.fs.stat(this.uri(path));
      return { type: s.type & vscode.FileType.Directory ? "directory" : "file", size: s.size, mtime: s.mtime };
    } catch {
      return undefined;
    }
  }

  async readDirectory(path: string): Promise<Array<[string, "file" | "directory"]>> {
    const entries = await vscode.workspace.fs.readDirectory(this.uri(path));
    return entries
      .filter(([, t]) => (t & vscode.FileType.File) !== 0 || (t & vscode.FileType.Directory) !== 0)
      .map(([name, t]) => [name, t & vscode.FileType.Directory ? "directory" : "file"]);
  }
}
