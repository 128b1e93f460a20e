/**
 * Export: a checked brief through the real Pandoc to Word, ODT, HTML or PDF, with its references
 * generated from the library (CSL-JSON, `--citeproc`). Written once here, called by the CLI's
 * `export` and the editor's Brief: Export….
 *
 * Pandoc reads only copies in a private temporary folder: the brief (its reference lines
 * blanked), the CSL-JSON written here, and the style, reference document and images, each read
 * first through the workspace gate. The brief is read into Pandoc's JSON document in its
 * sandbox; that document is checked (no metadata naming files, images only from those copies,
 * no raw TeX or HTML for a PDF engine) before the writer runs. The result is copied to the
 * output, never over an existing file unless asked, never through a symbolic link.
 */
import { mkdtemp, rm, writeFile, readFile, open } from "node:fs/promises";
import { constants as fsConstants } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { BriefService } from "../core/service";
import type { CheckResult } from "../core/engine/options";
import { cslItemsForBrief, cslJson, markdownForPandoc, titleHeading, sanitizePandocDoc, PandocOutputError } from "../core/export";
import { dirname, resolvePath } from "../core/fs";
import { ExportError, findPdfEngine, runProgram, type Pandoc } from "./pandoc";

export type ExportFormat = "docx" | "html" | "pdf" | "odt";
export const EXPORT_FORMATS: readonly ExportFormat[] = ["docx", "html", "pdf", "odt"];

export interface ExportRequest {
  service: BriefService;
  /** The brief's absolute path (forward slashes) and its checked result. */
  file: string;
  result: CheckResult;
  to: ExportFormat;
  /** The file to write (absolute). */
  output: string;
  /** Replace an existing output (the CLI's `--force`, the editor's "Replace"). */
  overwrite: boolean;
  pandoc: Pandoc;
  /** Per Pandoc run (default 120 s: a PDF through LaTeX takes a while the first time). */
  timeoutMs?: number;
}

export interface ExportOutcome {
  output: string;
  bytes: number;
  /** Cited keys rendered from the library, and those nothing resolves (Pandoc prints them as `?`). */
  references: number;
  missing: string[];
  /** What was left out or changed on the way (front matter that names files, images outside the workspace, Pandoc's warnings). */
  notes: string[];
  pdfEngine?: string;
}

const MAX_STYLE_BYTES = 2 * 1024 * 1024;
const MAX_REFERENCE_DOC_BYTES = 20 * 1024 * 1024;
const MAX_IMAGE_BYTES = 20 * 1024 * 1024;

/** The output's name proposed for a brief: beside it, `x.brief.md` → `x.docx`. */
export function proposedOutput(briefPath: string, to: ExportFormat, suffix = ""): string {
  const base = path.basename(briefPath).replace(/(?:\.brief)?\.(?:md|markdown)$/i, "");
  return path.join(path.dirname(briefPath), `${base}${suffix}.${to}`);
}

export async function exportBrief(req: ExportRequest): Promise<ExportOutcome> {
  const { service, file, result, to, pandoc } = req;
  const timeoutMs = req.timeoutMs ?? 120_000;
  const notes: string[] = [];
  const tmp = await mkdtemp(path.join(os.tmpdir(), "brief-author-export-"));
  try {
    const { items, missing } = cslItemsForBrief(service, file, result.brief);
    await writeFile(path.join(tmp, "references.json"), cslJson(items));
    await writeFile(path.join(tmp, "brief.md"), markdownForPandoc(result.brief));
    const exportConfig = service.config.export;
    const configDir = dirname(service.configFile);
    const args: string[] = [];
    if (exportConfig.csl) {
      const style = await readWorkspaceCopy(service, resolvePath(configDir, exportConfig.csl), MAX_STYLE_BYTES, "export.csl");
      const text = new TextDecoder().decode(style);
      // A dependent style names its parent by URL, which Pandoc would fetch: the parent is needed instead.
      if (/<link\b[^>]*\brel\s*=\s*["']independent-parent["']/i.test(text)) throw new ExportError(`export.csl ${exportConfig.csl} is a dependent CSL style (its parent would be fetched from the network); name the parent style's file instead`);
      if (!/<style\b/i.test(text)) throw new ExportError(`export.csl ${exportConfig.csl} is not a CSL style (no <style> element)`);
      await writeFile(path.join(tmp, "style.csl"), style);
      args.push("--csl", "style.csl");
    }
    if (exportConfig.referenceDoc && (to === "docx" || to === "odt")) {
      const ext = path.extname(exportConfig.referenceDoc).toLowerCase();
      if (ext !== `.${to}`) notes.push(`export.referenceDoc ${exportConfig.referenceDoc} is not a .${to} file; Pandoc's default styles are used`);
      else {
        const doc = await readWorkspaceCopy(service, resolvePath(configDir, exportConfig.referenceDoc), MAX_REFERENCE_DOC_BYTES, "export.referenceDoc");
        await writeFile(path.join(tmp, `reference${ext}`), doc);
        args.push("--reference-doc", `reference${ext}`);
      }
    }

    // 1. The brief into Pandoc's JSON document (in its sandbox: the reader reads nothing else).
    const readArgs = ["--from", "markdown", "--to", "json", ...(pandoc.sandbox ? ["--sandbox"] : []), ...(titleHeading(result.brief) ? ["--shift-heading-level-by=-1"] : []), "brief.md"];
    const read = await runProgram(pandoc.path, readArgs, { cwd: tmp, timeoutMs });
    let doc: unknown;
    try {
      doc = JSON.parse(read.stdout.toString("utf8"));
    } catch {
      throw new ExportError("Pandoc's document could not be read (it printed no JSON)");
    }

    // 2. Its images: copies of files inside the workspace; anything else is left out.
    const images = new Map<string, string | undefined>();
    const briefDir = dirname(file);
    collectImages(doc, images);
    let n = 0;
    for (const target of images.keys()) {
      if (/^https?:/i.test(target) && to === "html") {
        images.set(target, target); // a link in the page, never fetched by Pandoc
        continue;
      }
      if (/^[a-z][a-z0-9+.-]*:/i.test(target) && !/^[a-z]:[\\/]/i.test(target)) continue; // other schemes, remote images: left out
      let local = target.split(/[?#]/)[0];
      try {
        local = decodeURIComponent(local);
      } catch {}
      try {
        const bytes = await service.readWorkspaceFile(resolvePath(briefDir, local), MAX_IMAGE_BYTES);
        const name = `image-${++n}${path.extname(local).toLowerCase().replace(/[^.a-z0-9]/g, "").slice(0, 8)}`;
        await writeFile(path.join(tmp, name), bytes);
        images.set(target, path.join(tmp, name));
      } catch (e) {
        notes.push(`the image ${target} is left out: ${(e as Error).message.split("\n")[0]}`);
        images.set(target, "");
      }
    }
    let checked;
    try {
      checked = sanitizePandocDoc(doc, { image: (t) => images.get(t) || undefined, dropRaw: () => to === "pdf" });
    } catch (e) {
      if (e instanceof PandocOutputError) throw new ExportError(e.message);
      throw e;
    }
    for (const note of checked.notes) if (!notes.some((m) => m.startsWith(note.slice(0, 30)))) notes.push(note);
    const meta = checked.doc.meta as Record<string, unknown>;
    if (!("reference-section-title" in meta)) args.push("--metadata", "reference-section-title=References");
    if (!("title" in meta) && !("pagetitle" in meta)) args.push("--metadata", `pagetitle=${path.basename(file)}`);

    // 3. The writer, with the references from the library.
    const outName = `output.${to}`;
    let pdfEngine: string | undefined;
    if (to === "pdf") {
      pdfEngine = await findPdfEngine();
      args.push(`--pdf-engine=${pdfEngine}`);
    }
    // A PDF goes through LaTeX, or through HTML for the HTML engines (Pandoc picks LaTeX when --to is left out).
    const toArgs = to !== "pdf" ? ["--to", to] : pdfEngine && /wkhtml|weasy|prince/.test(pdfEngine) ? ["--to", "html"] : [];
    const writeArgs = ["--from", "json", ...toArgs, "--standalone", "--citeproc", "--bibliography", "references.json", ...args, "--output", outName];
    const written = await runProgram(pandoc.path, writeArgs, { cwd: tmp, input: JSON.stringify(checked.doc), timeoutMs });
    for (const line of written.stderr.split(/\r?\n/)) {
      const w = /^\[WARNING\]\s*(.+)$/.exec(line.trim());
      if (w && notes.length < 50) notes.push(`Pandoc: ${w[1].slice(0, 300)}`);
    }
    const bytes = await readFile(path.join(tmp, outName));
    await writeOutput(req.output, bytes, req.overwrite);
    return { output: req.output, bytes: bytes.length, references: items.length, missing, notes, pdfEngine };
  } finally {
    await rm(tmp, { recursive: true, force: true }).catch(() => {});
  }
}

/** A file the config names, read through the workspace gate (inside the workspace, a regular file, not too large). */
async function readWorkspaceCopy(service: BriefService, file: string, maxBytes: number, what: string): Promise<Uint8Array> {
  try {
    return await service.readWorkspaceFile(file, maxBytes);
  } catch (e) {
    throw new ExportError(`${what}: ${(e as Error).message.split("\n")[0]}`);
  }
}

/** Every image target in Pandoc's JSON document (walked without recursion). */
function collectImages(doc: unknown, into: Map<string, string | undefined>): void {
  const stack: unknown[] = [doc];
  while (stack.length) {
    const node = stack.pop();
    if (Array.isArray(node)) for (const c of node) (c !== null && typeof c === "object") && stack.push(c);
    else if (node && typeof node === "object") {
      const el = node as Record<string, unknown>;
      if (el.t === "Image" && Array.isArray(el.c) && Array.isArray(el.c[2]) && typeof el.c[2][0] === "string") into.set(el.c[2][0], undefined);
      for (const v of Object.values(el)) if (v !== null && typeof v === "object") stack.push(v);
    }
  }
}

/**
 * Writes the output whole: never through a symbolic link, never over an existing file unless
 * `overwrite` (then replaced in place).
 */
export async function writeOutput(file: string, bytes: Uint8Array, overwrite: boolean): Promise<void> {
  const flags = fsConstants.O_WRONLY | fsConstants.O_CREAT | (overwrite ? fsConstants.O_TRUNC : fsConstants.O_EXCL) | (fsConstants.O_NOFOLLOW ?? 0);
  const handle = await open(file, flags, 0o644).catch((e: NodeJS.ErrnoException) => {
    throw new ExportError(e.code === "EEXIST" ? `${file} exists; it is not overwritten` : e.code === "ELOOP" ? `${file} is a symbolic link; it is not written through` : `cannot write ${file}: ${e.message}`);
  });
  try {
    await handle.writeFile(bytes);
  } finally {
    await handle.close();
  }
}
