/** The file system the engine reads through: Node's in the CLI, `vscode.workspace.fs` in the editor. Paths use `/`. */
export interface FileStat {
  type: "file" | "directory";
  size: number;
  mtime: number;
}

export interface FileSystem {
  readFile(path: string): Promise<Uint8Array>;
  /** Undefined when nothing is at the path. */
  stat(path: string): Promise<FileStat | undefined>;
  readDirectory(path: string): Promise<Array<[string, "file" | "directory"]>>;
}

export function joinPath(...parts: string[]): string {
  const joined = parts.filter((p) => p !== "").join("/").replace(/\\/g, "/");
  const abs = joined.startsWith("/");
  const out: string[] = [];
  for (const seg of joined.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") out.pop();
    else out.push(seg);
  }
  const drive = /^[A-Za-z]:$/.test(out[0] ?? "");
  return (abs && !drive ? "/" : "") + out.join("/");
}

export function resolvePath(base: string, rel: string): string {
  const r = rel.replace(/\\/g, "/");
  if (r.startsWith("/") || /^[A-Za-z]:\//.test(r)) return joinPath(r);
  return joinPath(base, r);
}

export function dirname(path: string): string {
  const i = path.replace(/\\/g, "/").lastIndexOf("/");
  return i <= 0 ? (path.startsWith("/") ? "/" : ".") : path.slice(0, i);
}

export function basename(path: string): string {
  const p = path.replace(/\\/g, "/");
  return p.slice(p.lastIndexOf("/") + 1);
}

export function isInside(parent: string, child: string): boolean {
  const p = joinPath(parent);
  const c = joinPath(child);
  return c === p || c.startsWith(p.endsWith("/") ? p : p + "/");
}

export function relativePath(from: string, to: string): string {
  const a = joinPath(from).split("/").filter(Boolean);
  const b = joinPath(to).split("/").filter(Boolean);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => ".."), ...b.slice(i)].join("/") || ".";
}

/** An in-memory file system, for tests and for documents not yet saved. */
export class MemoryFileSystem implements FileSystem {
  readonly files = new Map<string, Uint8Array>();

  constructor(files: Record<string, string | Uint8Array> = {}) {
    for (const [p, c] of Object.entries(files)) this.write(p, c);
  }

  write(path: string, content: string | Uint8Array): void {
    this.files.set(joinPath(path), typeof content === "string" ? new TextEncoder().encode(content) : content);
  }

  delete(path: string): void {
    this.files.delete(joinPath(path));
  }

  async readFile(path: string): Promise<Uint8Array> {
    const f = this.files.get(joinPath(path));
    if (!f) throw Object.assign(new Error(`ENOENT: no such file, open '${path}'`), { code: "ENOENT" });
    return f;
  }

  async stat(path: string): Promise<FileStat | undefined> {
    const p = joinPath(path);
    const f = this.files.get(p);
    if (f) return { type: "file", size: f.byteLength, mtime: 0 };
    const prefix = p === "/" ? "/" : p + "/";
    for (const k of this.files.keys()) if (k.startsWith(prefix)) return { type: "directory", size: 0, mtime: 0 };
    return undefined;
  }

  async readDirectory(path: string): Promise<Array<[string, "file" | "directory"]>> {
    const p = joinPath(path);
    const prefix = p === "/" ? "/" : p + "/";
    const seen = new Map<string, "file" | "directory">();
    for (const k of this.files.keys()) {
      if (!k.startsWith(prefix)) continue;
      const rest = k.slice(prefix.length);
      const slash = rest.indexOf("/");
      if (slash < 0) seen.set(rest, "file");
      else seen.set(rest.slice(0, slash), "directory");
    }
    return [...seen];
  }
}
