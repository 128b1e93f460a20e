/**
 * `--changed-since REF`: the files a git revision and the working tree differ in (committed,
 * staged or not, and new files git does not ignore), as absolute paths. git is run without a shell,
 * with the revision after `--end-of-options`, so no revision can be read as an option.
 */
import { execFile } from "node:child_process";
import * as path from "node:path";

export class GitError extends Error {}

function git(cwd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile("git", args, { cwd, maxBuffer: 64 * 1024 * 1024, encoding: "utf8", windowsHide: true }, (err, stdout, stderr) => {
      if (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === "ENOENT") reject(new GitError("git is not installed (or not on PATH)"));
        else reject(new GitError((stderr || err.message).trim().split("\n")[0]));
        return;
      }
      resolve(stdout);
    });
  });
}

/** A revision as `--changed-since` takes it: a ref, a commit or an expression (`origin/main`, `HEAD~3`, `v1.2`), never an option. */
export function validRevision(ref: string): boolean {
  return ref.length > 0 && ref.length <= 256 && !ref.startsWith("-") && !/[\s\x00-\x1f\x7f]/.test(ref);
}

/** The files changed since `ref` in the repository holding `folder`: absolute paths, POSIX separators. */
export async function changedSince(folder: string, ref: string): Promise<Set<string>> {
  if (!validRevision(ref)) throw new GitError(`"${ref}" is not a git revision`);
  let top: string;
  try {
    top = (await git(folder, ["rev-parse", "--show-toplevel"])).trim();
  } catch (e) {
    throw new GitError(e instanceof GitError && /not installed/.test(e.message) ? e.message : `${folder} is not in a git repository (${(e as Error).message})`);
  }
  try {
    await git(top, ["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`]);
  } catch {
    throw new GitError(`"${ref}" is not a commit in this repository (in a shallow clone, fetch it first: actions/checkout with fetch-depth: 0)`);
  }
  const diff = await git(top, ["diff", "--name-only", "-z", "--no-renames", "--end-of-options", ref, "--"]);
  const untracked = await git(top, ["ls-files", "--others", "--exclude-standard", "-z"]);
  const out = new Set<string>();
  for (const rel of [...diff.split("\0"), ...untracked.split("\0")]) if (rel) out.add(path.join(top, rel).split(path.sep).join("/"));
  return out;
}
