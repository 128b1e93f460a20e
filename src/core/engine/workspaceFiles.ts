import { joinPath, relativePath, resolvePath, type FileKind, type FileSystem } from "../fs";
import { templateFromFile, type BriefTemplate } from "../features/templates";
import { decodeSource } from "../sources/library";
import type { WorkspaceAccess } from "../workspaceAccess";
import type { Logger } from "./logger";

/** Templates larger than this are not offered. */
const MAX_TEMPLATE_BYTES = 1024 * 1024;

/** Markdown files larger than this are never read to see whether their front matter says `type: brief`. */
const MAX_BRIEF_BYTES = 64 * 1024 * 1024;

/**
 * Every brief under a folder: files matching `files` (`isBrief` without text), and Markdown files
 * outside the source folders whose front matter says `type: brief` (only their head is read).
 */
export async function findBriefs(
  access: WorkspaceAccess,
  under: string,
  isBrief: (path: string, text?: string) => boolean,
  isSource: (path: string) => boolean,
  token?: { isCancellationRequested: boolean },
): Promise<string[]> {
  const out: string[] = [];
  // The gate's walk: never outside the workspace, never a real folder twice (link loops).
  for (const p of await access.walk(under, (name) => /\.(md|markdown)$/i.test(name), token)) {
    if (token?.isCancellationRequested) break;
    if (isBrief(p)) out.push(p);
    else if (!isSource(p)) {
      const head = await readHead(access, p);
      if (head !== undefined && isBrief(p, head)) out.push(p);
    }
  }
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

async function readHead(access: WorkspaceAccess, path: string): Promise<string | undefined> {
  try {
    // Only the front matter matters; a file past the brief size limit is no brief to find.
    const bytes = await access.readFile(path, MAX_BRIEF_BYTES);
    return new TextDecoder().decode(bytes.subarray(0, 4096));
  } catch {
    return undefined;
  }
}

/**
 * The workspace's own brief templates: the Markdown files directly in `folder` (relative to
 * the root), read through the workspace gate. A template that links outside the workspace, is
 * not a regular file or is larger than 1 MiB is left out, and `refused` says why.
 */
export async function workspaceTemplates(access: WorkspaceAccess, fs: FileSystem, root: string, folder: string, logger: Logger): Promise<{ templates: BriefTemplate[]; refused: string[] }> {
  const dir = resolvePath(root, folder);
  const templates: BriefTemplate[] = [];
  const refused: string[] = [];
  let entries: Array<[string, FileKind]>;
  try {
    entries = await fs.readDirectory(dir);
  } catch (e) {
    if (await access.fs.stat(dir)) refused.push(`templates folder ${relativePath(root, dir)}: ${(e as Error).message.split("\n")[0]}`);
    return { templates, refused };
  }
  for (const [name] of entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    if (!/\.(md|markdown)$/i.test(name)) continue;
    const path = joinPath(dir, name);
    try {
      const decoded = decodeSource(await access.readFile(path, MAX_TEMPLATE_BYTES));
      if ("error" in decoded) throw new Error(decoded.error);
      templates.push(templateFromFile(path, decoded.text));
    } catch (e) {
      refused.push(`template ${relativePath(root, path)}: ${(e as Error).message.split("\n")[0]}`);
    }
  }
  for (const r of refused) logger.warn(`${r}; it is not offered`);
  return { templates, refused };
}
