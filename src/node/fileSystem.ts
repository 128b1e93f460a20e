import { closeSync, constants, fstatSync, lstatSync, openSync, promises as fsp, readdirSync, readFileSync, readSync, realpathSync, statSync, type Stats } from "node:fs";
import type { FileKind, FileStat, FileSystem } from "../core/fs";

/** Opening with this fails on a link (where the system has the flag): a file walked as no link is read only if it still is none. */
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;

function kindOf(s: Stats): FileKind {
  return s.isFile() ? "file" : s.isDirectory() ? "directory" : "other";
}

/** Refused reads say why with a code, as Node's own errors do. */
function notRegular(path: string, s: Stats): Error {
  const what = s.isFIFO() ? "a named pipe" : s.isSocket() ? "a socket" : s.isCharacterDevice() || s.isBlockDevice() ? "a device" : s.isDirectory() ? "a folder" : "not a regular file";
  return Object.assign(new Error(`${path} is ${what}, not a regular file`), { code: "ENOTREG" });
}

/**
 * The engine's file system over Node's `fs` (the CLI, and `file:` folders in the editor). A read
 * opens without blocking and checks the opened descriptor, so a named pipe or a device swapped in
 * after a stat is still never read (it would block for ever or never end).
 */
export const nodeFileSystem: FileSystem = {
  async readFile(path) {
    const handle = await fsp.open(path, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const s = await handle.stat();
      if (!s.isFile()) throw notRegular(path, s);
      return await handle.readFile();
    } finally {
      await handle.close();
    }
  },
  async stat(path): Promise<FileStat | undefined> {
    try {
      const l = await fsp.lstat(path);
      const s = l.isSymbolicLink() ? await fsp.stat(path).catch(() => undefined) : l;
      if (!s) return { type: "other", size: 0, mtime: l.mtimeMs, symbolicLink: true }; // a dangling link
      return { type: kindOf(s), size: s.size, mtime: s.mtimeMs, symbolicLink: l.isSymbolicLink() };
    } catch {
      return undefined;
    }
  },
  async readDirectory(path) {
    return (await nodeFileSystem.readDirectoryLinks!(path)).map(([name, kind]): [string, FileKind] => [name, kind]);
  },
  async readDirectoryLinks(path) {
    const entries = await fsp.readdir(path, { withFileTypes: true });
    const out: Array<[string, FileKind, boolean]> = [];
    for (const e of entries) {
      if (e.isSymbolicLink()) {
        const s = await fsp.stat(`${path}/${e.name}`).catch(() => undefined);
        out.push([e.name, s ? kindOf(s) : "other", true]);
      } else out.push([e.name, e.isFile() ? "file" : e.isDirectory() ? "directory" : "other", false]);
    }
    return out;
  },
  async realPath(path) {
    return (await fsp.realpath(path)).split("\\").join("/");
  },
  async readFileHead(path, maxBytes, options) {
    const handle = await fsp.open(path, constants.O_RDONLY | constants.O_NONBLOCK | (options?.noFollow ? NO_FOLLOW : 0));
    try {
      const s = await handle.stat();
      if (!s.isFile()) throw notRegular(path, s);
      const buffer = new Uint8Array(Math.min(maxBytes, s.size));
      let n = 0;
      while (n < buffer.length) {
        const { bytesRead } = await handle.read(buffer, n, buffer.length - n, n);
        if (bytesRead === 0) break;
        n += bytesRead;
      }
      return { bytes: buffer.subarray(0, n), size: s.size };
    } finally {
      await handle.close();
    }
  },
};

/**
 * The same file system with synchronous calls: for the CLI, which has nothing else to do while
 * it reads, and pays far less per file than for promise-based calls (10,000 sources are read
 * in about half the time). Same guarantees: a read checks the opened descriptor.
 */
export const syncNodeFileSystem: FileSystem = {
  async readFile(path) {
    const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const s = fstatSync(fd);
      if (!s.isFile()) throw notRegular(path, s);
      return readFileSync(fd);
    } finally {
      closeSync(fd);
    }
  },
  async stat(path): Promise<FileStat | undefined> {
    const l = lstatSync(path, { throwIfNoEntry: false });
    if (!l) return undefined;
    let s: Stats | undefined = l;
    if (l.isSymbolicLink()) s = statSync(path, { throwIfNoEntry: false });
    if (!s) return { type: "other", size: 0, mtime: l.mtimeMs, symbolicLink: true }; // a dangling link
    return { type: kindOf(s), size: s.size, mtime: s.mtimeMs, symbolicLink: l.isSymbolicLink() };
  },
  async readDirectory(path) {
    return (await syncNodeFileSystem.readDirectoryLinks!(path)).map(([name, kind]): [string, FileKind] => [name, kind]);
  },
  async readDirectoryLinks(path) {
    const out: Array<[string, FileKind, boolean]> = [];
    for (const e of readdirSync(path, { withFileTypes: true })) {
      if (e.isSymbolicLink()) {
        const s = statSync(`${path}/${e.name}`, { throwIfNoEntry: false });
        out.push([e.name, s ? kindOf(s) : "other", true]);
      } else out.push([e.name, e.isFile() ? "file" : e.isDirectory() ? "directory" : "other", false]);
    }
    return out;
  },
  async realPath(path) {
    return realpathSync.native(path).split("\\").join("/");
  },
  async readFileHead(path, maxBytes, options) {
    const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | (options?.noFollow ? NO_FOLLOW : 0));
    try {
      const s = fstatSync(fd);
      if (!s.isFile()) throw notRegular(path, s);
      // From Node's shared pool (heads are small): a run listing 10,000 sources then makes a few
      // hundred buffers, not 10,000. Only the bytes read are handed out.
      const buffer = Buffer.allocUnsafe(Math.min(maxBytes, s.size));
      let n = 0;
      while (n < buffer.length) {
        const read = readSync(fd, buffer, n, buffer.length - n, n);
        if (read === 0) break;
        n += read;
      }
      return { bytes: buffer.subarray(0, n), size: s.size };
    } finally {
      closeSync(fd);
    }
  },
};

/**
 * The editor's file system on `file:` folders: whole files read with promises (a source being
 * read never holds the extension host up), but heads and folder listings with synchronous calls,
 * each a few microseconds (listing 10,000 sources by their heads takes a fraction of the time it
 * takes with promises; the library yields between slices of files, so typing is not held up).
 */
export const editorFileSystem: FileSystem = {
  ...nodeFileSystem,
  readFileHead: syncNodeFileSystem.readFileHead,
  readDirectoryLinks: syncNodeFileSystem.readDirectoryLinks,
  readDirectory: syncNodeFileSystem.readDirectory,
};

