/**
 * The file system the engine reads through: Node's in the CLI, `vscode.workspace.fs` (or Node's
 * for `file:` folders) in the editor. Paths use `/`. The engine never calls it directly: every
 * read goes through `WorkspaceAccess` (workspaceAccess.ts), which keeps reads inside the workspace.
 */
export type FileKind = "file" | "directory" | "other";

export interface FileStat {
  /** What the path is after following links: "other" is a named pipe, socket, device or dangling link. */
  type: FileKind;
  size: number;
  mtime: number;
  /** The path itself is a symbolic link (for hosts that cannot resolve links). */
  symbolicLink?: boolean;
}

export interface FileSystem {
  /** Reads a regular file. Must refuse anything else (a FIFO, a device) without blocking. */
  readFile(path: string): Promise<Uint8Array>;
  /** Follows links; undefined when nothing is at the path. */
  stat(path: string): Promise<FileStat | undefined>;
  /** Entries with their kind after following links. */
  readDirectory(path: string): Promise<Array<[string, FileKind]>>;
  /** The same, with whether each entry is itself a link (hosts that can tell; the gate's walk uses it). */
  readDirectoryLinks?(path: string): Promise<Array<[string, FileKind, boolean]>>;
  /** The path with every link resolved. Hosts without links (in-memory, virtual) leave it out. */
  realPath?(path: string): Promise<string>;
  /**
   * The first `maxBytes` bytes of a regular file and its whole size (refusing what `readFile`
   * refuses). Hosts that cannot read part of a file leave it out: the file is then read whole.
   */
  readFileHead?(path: string, maxBytes: number, options?: { noFollow?: boolean }): Promise<{ bytes: Uint8Array; size: number }>;
}

/** A path joinPath would give back as it is: no `\\`, no empty, `.` or `..` segment, no trailing `/`, no `/C:` start. */
const NOT_NORMAL = /\\|\/\/|(?:^|\/)\.\.?(?:\/|$)|\/$|^\/[A-Za-z]:(?:\/|$)/;
/** A name joinPath would append as it is. */
const PLAIN_NAME = /^(?!\.\.?$)[^/\\]+$/;

export function joinPath(...parts: string[]): string {
  // The common calls (a path already normal; a normal folder and a plain name) without splitting:
  // a listing of 10,000 sources joins paths some 50,000 times.
  if (parts.length === 1 && parts[0] !== "" && !NOT_NORMAL.test(parts[0])) return parts[0];
  if (parts.length === 2 && parts[0] !== "" && !NOT_NORMAL.test(parts[0]) && PLAIN_NAME.test(parts[1])) return parts[0] === "/" ? `/${parts[1]}` : `${parts[0]}/${parts[1]}`;
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
  /** Symbolic links: link path → target path (absolute). */
  readonly links = new Map<string, string>();
  /** Paths that are neither files nor folders (named pipes, devices). */
  readonly specials = new Set<string>();

  constructor(files: Record<string, string | Uint8Array> = {}) {
    for (const [p, c] of Object.entries(files)) this.write(p, c);
  }

  link(path: string, target: string): void {
    this.links.set(joinPath(path), joinPath(target));
  }

  special(path: string): void {
    this.specials.add(joinPath(path));
  }

  async realPath(path: string): Promise<string> {
    return this.resolveLinks(joinPath(path));
  }

  /** Resolves links component by component (at most 40 hops, as Linux does). */
  private resolveLinks(path: string): string {
    let p = path;
    for (let hops = 0; hops < 40; hops++) {
      const segs = p.split("/");
      let changed = false;
      for (let i = 1; i <= segs.length; i++) {
        const prefix = segs.slice(0, i).join("/") || "/";
        const target = this.links.get(prefix);
        if (target !== undefined) {
          p = joinPath(target, ...segs.slice(i));
          changed = true;
          break;
        }
      }
      if (!changed) return p;
    }
    throw Object.assign(new Error(`ELOOP: too many symbolic links, '${path}'`), { code: "ELOOP" });
  }

  write(path: string, content: string | Uint8Array): void {
    this.files.set(joinPath(path), typeof content === "string" ? new TextEncoder().encode(content) : content);
  }

  delete(path: string): void {
    this.files.delete(joinPath(path));
  }

  async readFile(path: string): Promise<Uint8Array> {
    const p = this.resolveLinks(joinPath(path));
    if (this.specials.has(p)) throw Object.assign(new Error(`EINVAL: not a regular file, open '${path}'`), { code: "EINVAL" });
    const f = this.files.get(p);
    if (!f) throw Object.assign(new Error(`ENOENT: no such file, open '${path}'`), { code: "ENOENT" });
    return f;
  }

  async stat(path: string): Promise<FileStat | undefined> {
    const link = this.links.has(joinPath(path));
    let p: string;
    try {
      p = this.resolveLinks(joinPath(path));
    } catch {
      return undefined;
    }
    if (this.specials.has(p)) return { type: "other", size: 0, mtime: 0, symbolicLink: link };
    const f = this.files.get(p);
    if (f) return { type: "file", size: f.byteLength, mtime: 0, symbolicLink: link };
    const prefix = p === "/" ? "/" : p + "/";
    for (const k of [...this.files.keys(), ...this.specials, ...this.links.keys()]) if (k.startsWith(prefix)) return { type: "directory", size: 0, mtime: 0, symbolicLink: link };
    return undefined;
  }

  async readDirectory(path: string): Promise<Array<[string, FileKind]>> {
    const p = this.resolveLinks(joinPath(path));
    const prefix = p === "/" ? "/" : p + "/";
    const seen = new Map<string, FileKind>();
    for (const k of [...this.files.keys(), ...this.specials, ...this.links.keys()]) {
      if (!k.startsWith(prefix)) continue;
      const rest = k.slice(prefix.length);
      const slash = rest.indexOf("/");
      if (slash >= 0) seen.set(rest.slice(0, slash), "directory");
      else seen.set(rest, (await this.stat(k))?.type ?? "other");
    }
    return [...seen];
  }
}
