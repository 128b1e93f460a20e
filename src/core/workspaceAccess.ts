import { pushAll } from "./arrays";
import { isInside, joinPath, type FileKind, type FileSystem } from "./fs";

/** Why a path was not read, in words for a problem message. */
export class RefusedError extends Error {
  constructor(readonly path: string, readonly reason: string) {
    super(reason);
  }
}

export interface AccessLogger {
  info(message: string): void;
}

export interface WorkspaceAccessOptions {
  /** The workspace root: what lies under its real path may be read. */
  root: string;
  /** Folders outside the workspace that the person running the tool named (CLI `--sources`, user settings). */
  allowed?: readonly string[];
  logger?: AccessLogger;
}

/**
 * The one gate every engine read goes through. A path is read only when its real path (after
 * every link) lies inside the workspace root or a folder the user (never the workspace's own
 * config) allowed, and only when it is a regular file: named pipes, sockets and devices would
 * block or never end.
 */
export class WorkspaceAccess {
  readonly root: string;
  private allowed: string[];
  private realRoots: Promise<string[]> | undefined;
  private readonly logger?: AccessLogger;
  /**
   * Files the last walks found as no link, in a folder whose real path passed the gate: path →
   * real path. Their first head read (listing a source) skips resolving the path again and opens
   * without following a link, so a file turned into a link since is refused, not followed.
   */
  private readonly walked = new Map<string, string>();

  constructor(readonly fs: FileSystem, options: WorkspaceAccessOptions) {
    this.root = joinPath(options.root);
    this.allowed = (options.allowed ?? []).map((p) => joinPath(p));
    this.logger = options.logger;
  }

  /** Replaces the user-allowed folders outside the workspace. */
  setAllowed(folders: readonly string[]): void {
    this.allowed = folders.map((p) => joinPath(p));
    this.realRoots = undefined;
  }

  /** True when a path (as written, before links) lies in the workspace or an allowed folder. */
  isPermittedPath(path: string): boolean {
    const p = joinPath(path);
    return [this.root, ...this.allowed].some((r) => isInside(r, p));
  }

  private roots(): Promise<string[]> {
    return (this.realRoots ??= Promise.all([this.root, ...this.allowed].map((r) => this.real(r).catch(() => r))));
  }

  private async real(path: string): Promise<string> {
    return this.fs.realPath ? joinPath(await this.fs.realPath(path)) : joinPath(path);
  }

  /**
   * The real path of `path` when it may be read as `kind`; else a RefusedError saying why. A
   * host that cannot resolve links (a virtual file system) has every link refused.
   */
  async check(path: string, kind: "file" | "directory" = "file"): Promise<string> {
    const p = joinPath(path);
    const stat = await this.fs.stat(p);
    if (!stat) throw new RefusedError(p, "does not exist");
    let real = p;
    if (this.fs.realPath) {
      try {
        real = await this.real(p);
      } catch (e) {
        throw new RefusedError(p, `cannot be resolved (${firstLine(e)})`);
      }
    } else if (stat.symbolicLink) throw new RefusedError(p, "is a symbolic link, which cannot be followed safely on this file system");
    const roots = await this.roots();
    if (!roots.some((r) => isInside(r, real))) {
      throw new RefusedError(p, real === p ? "lies outside the workspace" : "is a link to a place outside the workspace");
    }
    if (stat.type !== kind) {
      const what = stat.type === "other" ? "is not a regular file (a named pipe, socket, device or dangling link)" : stat.type === "directory" ? "is a folder, not a file" : "is a file, not a folder";
      if (stat.type === "other") this.logger?.info(`skipped ${p}: ${what}`);
      throw new RefusedError(p, what);
    }
    return real;
  }

  /** Reads a regular file inside the workspace; `maxBytes` refuses larger ones before reading. */
  async readFile(path: string, maxBytes = Infinity): Promise<Uint8Array> {
    const real = await this.check(path, "file");
    if (maxBytes !== Infinity) {
      const stat = await this.fs.stat(real);
      if (stat && stat.size > maxBytes) throw new RefusedError(path, `is ${stat.size} bytes, larger than the limit of ${maxBytes} bytes`);
    }
    return this.fs.readFile(real);
  }

  /** The head of a regular file inside the workspace, and its size (see `FileSystem.readFileHead`). */
  async readFileHead(path: string, maxBytes: number): Promise<{ bytes: Uint8Array; size: number }> {
    const p = joinPath(path);
    const walked = this.walked.get(p);
    if (walked !== undefined && this.fs.readFileHead) {
      this.walked.delete(p);
      try {
        return await this.fs.readFileHead(walked, maxBytes, { noFollow: true });
      } catch {
        // Changed since the walk (a link now, a folder, gone): the full gate decides, and says why.
      }
    }
    const real = await this.check(path, "file");
    if (this.fs.readFileHead) return this.fs.readFileHead(real, maxBytes);
    const bytes = await this.fs.readFile(real);
    return { bytes: bytes.subarray(0, maxBytes), size: bytes.length };
  }

  /** The engine's view of the file system: every read and listing passes this gate first. */
  containedFileSystem(): FileSystem {
    return {
      readFile: (path) => this.readFile(path),
      readFileHead: (path, maxBytes) => this.readFileHead(path, maxBytes),
      stat: (path) => this.fs.stat(path),
      readDirectory: async (path) => {
        await this.check(path, "directory");
        return this.fs.readDirectory(path);
      },
    };
  }

  /** Like readFile, but undefined when nothing is at the path. */
  async readFileIfExists(path: string, maxBytes = Infinity): Promise<Uint8Array | undefined> {
    if (!(await this.fs.stat(joinPath(path)))) return undefined;
    return this.readFile(path, maxBytes);
  }

  /**
   * Every file under the folders `dirs` (each depth first, names sorted) whose name `accept`
   * takes, never leaving the workspace, never visiting a real folder twice (link loops, and
   * folders that overlap or are linked twice list their files once), skipping dot-folders and
   * node_modules. Entries that are not files or folders are skipped with a log line. `remember`:
   * the files' real paths are kept for their first head read (the source library's listing).
   */
  async walk(dirs: string | readonly string[], accept: (name: string) => boolean, token?: { isCancellationRequested: boolean }, remember = false): Promise<string[]> {
    const out: string[] = [];
    if (remember) this.walked.clear();
    const visited = new Set<string>();
    const tops = new Set((typeof dirs === "string" ? [dirs] : dirs).map((d) => joinPath(d)));
    // Stack of folders; the tops are walked in the order given.
    const stack: string[] = [...tops].reverse();
    while (stack.length && !token?.isCancellationRequested) {
      const current = stack.pop()!;
      let real: string;
      try {
        real = await this.check(current, "directory");
      } catch (e) {
        if (!tops.has(current) || !(e instanceof RefusedError) || e.reason !== "does not exist") this.logger?.info(`skipped folder ${current}: ${(e as Error).message}`);
        continue;
      }
      if (visited.has(real)) continue;
      visited.add(real);
      let entries: Array<[string, FileKind, boolean?]>;
      try {
        entries = remember && this.fs.readDirectoryLinks ? await this.fs.readDirectoryLinks(current) : await this.fs.readDirectory(current);
      } catch {
        continue;
      }
      entries.sort((a, b) => (a[0] < b[0] ? 1 : a[0] > b[0] ? -1 : 0)); // reversed: the stack pops in name order
      const files: string[] = [];
      for (const [name, type, link] of entries) {
        if (name.startsWith(".") || name === "node_modules") continue;
        const p = joinPath(current, name);
        if (type === "directory") stack.push(p);
        else if (type === "file") {
          if (!accept(name)) continue;
          files.push(p);
          // A plain file in a real folder inside the gate: its real path is known without asking.
          if (remember && link === false && this.fs.realPath) this.walked.set(p, `${real}/${name}`);
        } else if (accept(name)) this.logger?.info(`skipped ${p}: not a regular file (a named pipe, socket, device or dangling link)`);
      }
      pushAll(out, files.reverse());
    }
    return out;
  }
}

function firstLine(e: unknown): string {
  return String((e as Error)?.message ?? e).split("\n")[0];
}
