/**
 * The real Pandoc, found and run: on PATH or where the user's setting names it (never a path a
 * workspace gives), without a shell, with a time limit and a cap on what it prints.
 */
import { execFile } from "node:child_process";
import { constants as fsConstants } from "node:fs";
import { access, stat } from "node:fs/promises";
import * as path from "node:path";

/** The oldest Pandoc an export runs with: `--citeproc` came in 2.11. */
export const PANDOC_MIN_VERSION = [2, 11] as const;
/** Pandoc's `--sandbox` (the Markdown reader then reads nothing but its input) came in 2.15. */
const SANDBOX_VERSION = [2, 15] as const;

/** The PDF engines Pandoc 2.11+ drives, in the order an export tries them. */
export const PDF_ENGINES = ["pdflatex", "xelatex", "lualatex", "tectonic", "wkhtmltopdf", "weasyprint", "prince"] as const;

export const PANDOC_INSTALL = "install it (Debian or Ubuntu: sudo apt-get install pandoc; macOS: brew install pandoc; Windows: winget install --id JohnMacFarlane.Pandoc) or name it in the setting briefAuthor.pandocPath";

/** A problem the person can act on (Pandoc missing, too old, a PDF engine missing, Pandoc failing): its message says what to do. */
export class ExportError extends Error {}

export interface Pandoc {
  path: string;
  version: number[];
  /** `2.17.1.1` */
  versionText: string;
  sandbox: boolean;
}

async function executable(file: string): Promise<boolean> {
  try {
    if (!(await stat(file)).isFile()) return false;
    await access(file, process.platform === "win32" ? fsConstants.F_OK : fsConstants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** A program on PATH (with Windows' extensions), if there is one. */
export async function onPath(name: string, env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  const dirs = (env.PATH ?? env.Path ?? "").split(path.delimiter).filter((d) => d && path.isAbsolute(d));
  const exts = process.platform === "win32" ? (env.PATHEXT ?? ".EXE;.CMD;.BAT").split(";") : [""];
  for (const d of dirs) for (const e of exts) {
    const f = path.join(d, name + e);
    if (await executable(f)) return f;
  }
  return undefined;
}

function atLeast(v: readonly number[], min: readonly number[]): boolean {
  for (let i = 0; i < min.length; i++) {
    const a = v[i] ?? 0;
    if (a !== min[i]) return a > min[i];
  }
  return true;
}

/**
 * Pandoc, from `configured` (the user's setting or the CLI's `--pandoc`: an absolute path) or
 * PATH, with its version; an `ExportError` saying how to install it when there is none, or when
 * it is older than {@link PANDOC_MIN_VERSION}.
 */
export async function findPandoc(configured?: string): Promise<Pandoc> {
  let file: string | undefined;
  if (configured) {
    if (!path.isAbsolute(configured)) throw new ExportError(`the Pandoc path "${configured}" is not an absolute path`);
    if (!(await executable(configured))) throw new ExportError(`Pandoc was not found at ${configured} (the setting briefAuthor.pandocPath); ${PANDOC_INSTALL}`);
    file = configured;
  } else file = await onPath("pandoc");
  if (!file) throw new ExportError(`Pandoc was not found on PATH: ${PANDOC_INSTALL}. brief-author needs Pandoc ${PANDOC_MIN_VERSION.join(".")} or later`);
  const out = await runProgram(file, ["--version"], { timeoutMs: 15_000 }).catch((e: Error) => {
    throw new ExportError(`${file} --version failed: ${e.message}`);
  });
  const m = /^pandoc(?:\.exe)?\s+(\d+(?:\.\d+)*)/im.exec(out.stdout.toString("utf8").slice(0, 2000));
  if (!m) throw new ExportError(`${file} does not say it is Pandoc (its --version printed no "pandoc X.Y")`);
  const version = m[1].split(".").map(Number);
  if (!atLeast(version, PANDOC_MIN_VERSION)) throw new ExportError(`Pandoc ${m[1]} at ${file} is too old: brief-author needs Pandoc ${PANDOC_MIN_VERSION.join(".")} or later (for --citeproc); ${PANDOC_INSTALL}`);
  return { path: file, version, versionText: m[1], sandbox: atLeast(version, SANDBOX_VERSION) };
}

/** The first PDF engine on PATH, or an `ExportError` naming the ones tried. */
export async function findPdfEngine(): Promise<string> {
  for (const e of PDF_ENGINES) if (await onPath(e)) return e;
  throw new ExportError(`PDF export needs a PDF engine Pandoc can drive, and none is on PATH (tried ${PDF_ENGINES.join(", ")}). Install one (Debian or Ubuntu: sudo apt-get install texlive-latex-recommended texlive-fonts-recommended lmodern; or weasyprint), or export to docx, odt or html`);
}

/** What Pandoc may print: a brief's document as JSON is a few times its size. */
const MAX_OUTPUT_BYTES = 128 * 1024 * 1024;

/** Runs a program without a shell; resolves with what it printed, rejects on a non-zero exit, a time-out or too much output. */
export function runProgram(file: string, args: readonly string[], options: { cwd?: string; input?: string | Buffer; timeoutMs: number; env?: NodeJS.ProcessEnv }): Promise<{ stdout: Buffer; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = execFile(file, args, { cwd: options.cwd, env: options.env, encoding: "buffer", maxBuffer: MAX_OUTPUT_BYTES, timeout: options.timeoutMs, killSignal: "SIGKILL", windowsHide: true, shell: false }, (error, stdout, stderr) => {
      const err = stderr.toString("utf8").slice(0, 20_000);
      if (error) {
        const e = error as NodeJS.ErrnoException & { killed?: boolean; signal?: string; code?: number | string };
        if (e.killed || e.signal === "SIGKILL") reject(new ExportError(`${path.basename(file)} did not finish within ${Math.round(options.timeoutMs / 1000)} s and was stopped`));
        else if (e.code === "ERR_CHILD_PROCESS_STDIO_MAXBUFFER") reject(new ExportError(`${path.basename(file)} printed more than ${MAX_OUTPUT_BYTES / 1024 / 1024} MB`));
        else reject(new ExportError(`${path.basename(file)} failed${typeof e.code === "number" ? ` (exit status ${e.code})` : ""}: ${firstLines(err) || e.message}`));
        return;
      }
      resolve({ stdout, stderr: err });
    });
    child.stdin?.on("error", () => {}); // a program that exits before reading all of its input
    if (options.input !== undefined) child.stdin?.end(options.input);
    else child.stdin?.end();
  });
}

function firstLines(s: string): string {
  return s.split(/\r?\n/).filter((l) => l.trim()).slice(0, 4).join(" ").slice(0, 600);
}
