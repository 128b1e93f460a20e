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
import { mkdtemp, mkdir, rm, writeFile, readFile } from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import type { BriefService } from "../core/service";
import type { CheckResult } from "../core/engine/options";
import { activeHtml, cslItemsForBrief, cslJson, imageTargets, markdownForPandoc, titleHeading, sanitizePandocDoc, PandocOutputError } from "../core/export";
import { dirname, resolvePath } from "../core/fs";
import { ExportError, findPdfEngine, runProgram, type Pandoc } from "./pandoc";
import { OutputFileError, writeOutputFile } from "./outputFile";

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
/** Images in one export, and their bytes together: a short brief cannot make a huge document. */
const MAX_IMAGES = 200;
const MAX_IMAGES_BYTES = 100 * 1024 * 1024;

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
      await writeFile(path.join(tmp, "style.csl"), checkedStyle(new TextDecoder().decode(style), exportConfig.csl));
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

    // 2. Its images: files inside the workspace, each read once through the gate and known by its
    // bytes to be an image; copied for the writers that embed them, linked from an HTML page.
    const images = new Map<string, string | undefined>();
    const briefDir = dirname(file);
    for (const t of imageTargets(doc)) images.set(t, undefined);
    if (images.size > MAX_IMAGES) throw new ExportError(`the brief has ${images.size} images; an export takes at most ${MAX_IMAGES}`);
    const copies = new Map<string, string>();
    let total = 0;
    await mkdir(path.join(tmp, "images"));
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
      const abs = resolvePath(briefDir, local);
      const known = copies.get(abs);
      if (known !== undefined) {
        images.set(target, known || undefined);
        continue;
      }
      try {
        const bytes = await service.readWorkspaceFile(abs, MAX_IMAGE_BYTES);
        const kind = imageKind(bytes);
        if (!kind || (kind === "svg" && to !== "html")) throw new Error(kind === "svg" ? "an SVG image is linked from HTML only, never embedded" : "it is not a PNG, JPEG, GIF, WebP, BMP, TIFF or PDF image");
        total += bytes.length;
        if (total > MAX_IMAGES_BYTES) throw new ExportError(`the brief's images add up to more than ${MAX_IMAGES_BYTES / 1024 / 1024} MB; an export takes at most that`);
        let given: string;
        if (to === "html") given = path.relative(path.dirname(req.output), abs).split(path.sep).join("/");
        else {
          given = path.join(tmp, "images", `image-${copies.size + 1}.${kind}`);
          await writeFile(given, bytes);
        }
        copies.set(abs, given);
        images.set(target, given);
      } catch (e) {
        if (e instanceof ExportError) throw e;
        notes.push(`the image ${target} is left out: ${(e as Error).message.split("\n")[0]}`);
        copies.set(abs, "");
      }
    }
    let checked;
    try {
      // Raw content a writer would pass on: none to a PDF engine; in Word and ODT none either (it
      // can link to anything); in a web page only HTML that runs or loads nothing.
      checked = sanitizePandocDoc(doc, { image: (t) => images.get(t) || undefined, dropRaw: (format, text) => (to === "html" ? format !== "html" && format !== "html5" ? false : activeHtml(text) : to === "pdf" || format === (to === "docx" ? "openxml" : "opendocument")) });
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
    // TeX reads and writes only in its own folder (kpathsea's paranoid mode) and runs no shell.
    const env = to === "pdf" ? { ...process.env, openin_any: "p", openout_any: "p", shell_escape: "f" } : undefined;
    const written = await runProgram(pandoc.path, writeArgs, { cwd: tmp, input: JSON.stringify(checked.doc), timeoutMs, env });
    for (const line of written.stderr.split(/\r?\n/)) {
      const w = /^\[WARNING\]\s*(.+)$/.exec(line.trim());
      if (w && notes.length < 50) notes.push(`Pandoc: ${w[1].slice(0, 300)}`);
    }
    const bytes = await readFile(path.join(tmp, outName));
    await writeOutputFile(req.output, bytes, req.overwrite).catch((e: Error) => {
      throw e instanceof OutputFileError ? new ExportError(e.message) : e;
    });
    return { output: req.output, bytes: bytes.length, references: items.length, missing, notes, pdfEngine };
  } finally {
    await rm(tmp, { recursive: true, force: true }).catch(() => {});
  }
}

/** An image's format from its first bytes (its name says nothing): the extension its copy gets. */
function imageKind(b: Uint8Array): "png" | "jpg" | "gif" | "webp" | "bmp" | "tiff" | "pdf" | "svg" | undefined {
  const head = (n: number) => String.fromCharCode(...b.subarray(0, n));
  if (b[0] === 0x89 && head(4).slice(1) === "PNG") return "png";
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return "jpg";
  if (head(4) === "GIF8") return "gif";
  if (head(4) === "RIFF" && String.fromCharCode(...b.subarray(8, 12)) === "WEBP") return "webp";
  if (head(2) === "BM") return "bmp";
  if (head(4) === "II*\u0000" || head(4) === "MM\u0000*") return "tiff";
  if (head(5) === "%PDF-") return "pdf";
  if (/^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<svg[\s>]/i.test(new TextDecoder().decode(b.subarray(0, 1024)))) return "svg";
  return undefined;
}

/** XML character references and the five named entities, decoded (to read an attribute as the XML parser will). */
function decodeXml(s: string): string {
  return s.replace(/&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|(amp|lt|gt|quot|apos));/gi, (m, d, h, n) => {
    if (n) return ({ amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" } as Record<string, string>)[n.toLowerCase()];
    const code = d ? Number(d) : parseInt(h, 16);
    return code <= 0x10ffff ? String.fromCodePoint(code) : m;
  });
}

/**
 * The config's CSL style as the export hands it to Pandoc: refused when it is no style, declares
 * entities (which could name files), or is a dependent style (Pandoc would fetch its parent);
 * its `<link>` elements (documentation, template and parent addresses) are removed.
 */
export function checkedStyle(text: string, name: string): string {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw new ExportError(`export.csl ${name} declares a DOCTYPE or entities; a CSL style needs neither`);
  if (!/<(?:[\w.-]+:)?style[\s>]/.test(text)) throw new ExportError(`export.csl ${name} is not a CSL style (no <style> element)`);
  const LINK = /<(?:[\w.-]+:)?link\b[^>]*>/g;
  for (const m of text.matchAll(LINK)) {
    const rel = /\brel\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(m[0]);
    const value = rel ? decodeXml(rel[1] ?? rel[2] ?? "").trim().toLowerCase() : "";
    if (value === "independent-parent") throw new ExportError(`export.csl ${name} is a dependent CSL style (its parent would be fetched from the network); name the parent style's file instead`);
  }
  return text.replace(/<(?:[\w.-]+:)?link\b[^>]*\/>/g, "").replace(/<((?:[\w.-]+:)?link)\b[^>]*>[^<]*<\/\1\s*>/g, "");
}

/** A file the config names, read through the workspace gate (inside the workspace, a regular file, not too large). */
async function readWorkspaceCopy(service: BriefService, file: string, maxBytes: number, what: string): Promise<Uint8Array> {
  try {
    return await service.readWorkspaceFile(file, maxBytes);
  } catch (e) {
    throw new ExportError(`${what}: ${(e as Error).message.split("\n")[0]}`);
  }
}

