import { promises as fsp } from "node:fs";
import type { FileStat, FileSystem } from "../core/fs";

/** The engine's file system over Node's `fs`. */
export const nodeFileSystem: FileSystem = {
  async readFile(path) {
    return fsp.readFile(path);
  },
  async stat(path): Promise<FileStat | undefined> {
    try {
      const s = await fsp.stat(path);
      return { type: s.isDirectory() ? "directory" : "file", size: s.size, mtime: s.mtimeMs };
    } catch {
      return undefined;
    }
  },
  async readDirectory(path) {
    const entries = await fsp.readdir(path, { withFileTypes: true });
    return entries.filter((e) => e.isFile() || e.isDirectory()).map((e) => [e.name, e.isDirectory() ? "directory" : "file"] as [string, "file" | "directory"]);
  },
};
