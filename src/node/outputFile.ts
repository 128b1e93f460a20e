/**
 * The one way the CLI and the export write a file the person named: never through a symbolic link
 * (a repository could commit one pointing anywhere the runner can write), never over an existing
 * file unless asked, written whole. Used by `check --sarif`, `export`, `report` and `bibliography`.
 */
import { constants as fsConstants, existsSync, lstatSync, statSync, type Stats } from "node:fs";
import { open } from "node:fs/promises";
import * as path from "node:path";

/** Why a named output cannot be written: its message names the file as the person wrote it. */
export class OutputFileError extends Error {}

/**
 * Checks an output before any work starts: `shown` is the name as the person wrote it; throws an
 * `OutputFileError` for a link, a non-file, an existing file without `force`, or a missing folder.
 */
export function checkOutputTarget(file: string, shown: string, force: boolean | undefined): void {
  let l: Stats | undefined;
  try {
    l = lstatSync(file);
  } catch {}
  if (l?.isSymbolicLink()) throw new OutputFileError(`${shown} is a symbolic link; it is not written through`);
  if (l && !l.isFile()) throw new OutputFileError(`${shown} is not a regular file; it is not written`);
  if (l && !force) throw new OutputFileError(`${shown} exists; it is not overwritten (give --force to replace it)`);
  if (!existsSync(path.dirname(file)) || !statSync(path.dirname(file)).isDirectory()) throw new OutputFileError(`${shown}: its folder does not exist`);
}

/**
 * Writes the output whole: never through a symbolic link, never over an existing file unless
 * `overwrite` (then replaced in place); checked again on opening (`O_EXCL`, `O_NOFOLLOW`), so a
 * file that appeared since the check is not overwritten either.
 */
export async function writeOutputFile(file: string, bytes: Uint8Array | string, overwrite: boolean, shown = file): Promise<void> {
  const flags = fsConstants.O_WRONLY | fsConstants.O_CREAT | (overwrite ? fsConstants.O_TRUNC : fsConstants.O_EXCL) | (fsConstants.O_NOFOLLOW ?? 0);
  const handle = await open(file, flags, 0o644).catch((e: NodeJS.ErrnoException) => {
    throw new OutputFileError(e.code === "EEXIST" ? `${shown} exists; it is not overwritten (give --force to replace it)` : e.code === "ELOOP" ? `${shown} is a symbolic link; it is not written through` : `cannot write ${shown}: ${e.message}`);
  });
  try {
    await handle.writeFile(bytes);
  } finally {
    await handle.close();
  }
}
