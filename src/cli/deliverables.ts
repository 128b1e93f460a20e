/**
 * The CLI's `export`, `bibliography` and `report`: a checked brief to Word/ODT/HTML/PDF through
 * Pandoc, the CSL-JSON of what briefs cite, and the evidence report. Thin: the check is the
 * engine's, the CSL and the report are the core's, the Pandoc run is Node's.
 */
import { existsSync, statSync } from "node:fs";
import * as path from "node:path";
import { findConfigFolder } from "./workspaceRoot";
import { BriefService } from "../core/service";
import { cslItemsForBrief, cslItemsForLibrary, cslJson, evidenceReportFor, type CslItem } from "../core/export";
import { lazyExtractors } from "../node/extract/load";
import { FolderExtractionCache, cliCacheFolder } from "../node/extractionCache";
import { syncNodeFileSystem } from "../node/fileSystem";
import { ExportError, findPandoc } from "../node/pandoc";
import { EXPORT_FORMATS, exportBrief, proposedOutput, type ExportFormat } from "../node/exportBrief";
import { OutputFileError, checkOutputTarget, writeOutputFile } from "../node/outputFile";
import type { CheckResult } from "../core/engine/options";
import { toReported } from "../core/report";
import { formatText } from "./formatters";
import { plural } from "../core/summary";

export interface DeliverableIO {
  cwd: string;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

/** A usage problem: the CLI prints it and exits with status 2. */
export class DeliverableUsageError extends Error {}

export interface DeliverableOptions {
  config?: string;
  sources?: string[];
  output?: string;
  to?: string;
  force?: boolean;
  "allow-errors"?: boolean;
  pandoc?: string;
}

const toPosix = (p: string) => p.split(path.sep).join("/");


/** The workspace of a brief (as `check` finds it) and its engine, the library listed, sources read when a check needs them. */
async function serviceFor(at: string, values: DeliverableOptions, io: DeliverableIO): Promise<BriefService> {
  const configFile = values.config ? path.resolve(io.cwd, values.config) : undefined;
  if (configFile && (!existsSync(configFile) || !statSync(configFile).isFile())) throw new DeliverableUsageError(`config file not found: ${values.config}`);
  const start = statSync(at).isDirectory() ? at : path.dirname(at);
  const root = configFile ? path.dirname(configFile) : findConfigFolder(start) ?? findConfigFolder(io.cwd) ?? path.resolve(io.cwd);
  for (const s of values.sources ?? []) {
    const abs = path.resolve(io.cwd, s);
    if (!existsSync(abs) || !statSync(abs).isDirectory()) throw new DeliverableUsageError(`source folder not found: ${s}`);
  }
  const service = new BriefService({
    fs: syncNodeFileSystem,
    root: toPosix(root),
    configFile: configFile ? toPosix(configFile) : undefined,
    overrides: values.sources?.length ? { sources: values.sources.map((s) => toPosix(path.resolve(io.cwd, s))) } : {},
    batch: true,
    readSources: "onDemand",
    extractors: lazyExtractors,
    extractionCache: new FolderExtractionCache(path.join(cliCacheFolder(), "extracted")),
  });
  await service.reloadConfig();
  const bad = service.configProblems.find((p) => p.severity === "error");
  if (bad) throw new DeliverableUsageError(`${path.relative(io.cwd, bad.uri ?? service.configFile) || service.configFile}:${bad.range.start.line + 1}: ${bad.message}`);
  await service.reloadLibrary();
  return service;
}

/** The one brief a command names (a regular file); read later through its workspace's gate. */
function namedBrief(args: string[], command: string, io: DeliverableIO): string {
  if (args.length !== 1) throw new DeliverableUsageError(`${command} takes one brief (see --help)`);
  const abs = path.resolve(io.cwd, args[0]);
  if (!existsSync(abs)) throw new DeliverableUsageError(`no such file: ${args[0]}`);
  if (!statSync(abs).isFile()) throw new DeliverableUsageError(`${args[0]} is not a regular file; it is not read`);
  return abs;
}

/**
 * A brief's text, read through the workspace gate: what goes into a document or a report someone
 * else reads never comes from outside the workspace (a brief that links out of it is refused).
 */
async function briefText(service: BriefService, abs: string, shown: string): Promise<string> {
  let bytes: Uint8Array;
  try {
    bytes = await service.readWorkspaceFile(toPosix(abs));
  } catch (e) {
    throw new DeliverableUsageError(`${shown} is not read: ${(e as Error).message.split("\n")[0]}`);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new DeliverableUsageError(`${shown} is not UTF-8 text`);
  }
}

/** Checks the brief; its errors stop an export unless allowed (exit 1, the errors printed). */
async function checked(service: BriefService, abs: string, text: string): Promise<CheckResult> {
  return service.check(toPosix(abs), text);
}

/** An output file the person named (or the one proposed), checked before any work starts. */
function outputTarget(file: string, shown: string, force: boolean | undefined): string {
  try {
    checkOutputTarget(file, shown, force);
  } catch (e) {
    throw e instanceof OutputFileError ? new DeliverableUsageError(e.message) : e;
  }
  return file;
}

const rel = (io: DeliverableIO, abs: string) => toPosix(path.relative(io.cwd, abs)) || ".";

/** `export BRIEF [--to FORMAT] [-o FILE] [--allow-errors] [--force] [--pandoc PATH]` */
export async function exportCommand(args: string[], values: DeliverableOptions, io: DeliverableIO): Promise<number> {
  const fromName = values.output ? path.extname(values.output).slice(1).toLowerCase() : "";
  const to = (values.to ?? (EXPORT_FORMATS.includes(fromName as ExportFormat) ? fromName : "docx")) as ExportFormat;
  if (!EXPORT_FORMATS.includes(to)) throw new DeliverableUsageError(`unknown format "${values.to}"; use ${EXPORT_FORMATS.join(", ")}`);
  const abs = namedBrief(args, "export", io);
  const output = values.output ? path.resolve(io.cwd, values.output) : proposedOutput(abs, to);
  outputTarget(output, values.output ?? rel(io, output), values.force);
  let pandoc;
  try {
    pandoc = await findPandoc(values.pandoc ? path.resolve(io.cwd, values.pandoc) : undefined);
  } catch (e) {
    if (e instanceof ExportError) {
      io.stderr(`brief-author: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const service = await serviceFor(abs, values, io);
  try {
    const result = await checked(service, abs, await briefText(service, abs, args[0]));
    const errors = result.problems.filter((p) => p.severity === "error");
    if (errors.length && !values["allow-errors"]) {
      io.stderr(formatText(errors.map((p) => toReported(rel(io, abs), p)), []));
      io.stderr(`brief-author: ${rel(io, abs)} has ${plural(errors.length, "error")}; fix them, or give --allow-errors to export it as it is\n`);
      return 1;
    }
    try {
      const out = await exportBrief({ service, file: toPosix(abs), result, to, output, overwrite: !!values.force, pandoc });
      for (const n of out.notes) io.stderr(`brief-author: note: ${n}\n`);
      io.stdout(`wrote ${rel(io, output)} (${to}, ${out.bytes} bytes; ${plural(out.references, "reference")} from the library${out.missing.length ? `; not found: ${out.missing.join(", ")}` : ""}; Pandoc ${pandoc.versionText}${out.pdfEngine ? ` with ${out.pdfEngine}` : ""})\n`);
      return 0;
    } catch (e) {
      if (e instanceof ExportError) {
        io.stderr(`brief-author: ${e.message}\n`);
        return 2;
      }
      throw e;
    }
  } finally {
    service.dispose();
  }
}

/** `bibliography [PATH...] [-o FILE]`: CSL-JSON of every key the briefs cite, or of the whole library when none is named. */
export async function bibliographyCommand(args: string[], values: DeliverableOptions, io: DeliverableIO): Promise<number> {
  const output = values.output ? outputTarget(path.resolve(io.cwd, values.output), values.output, values.force) : undefined;
  for (const t of args) if (!existsSync(path.resolve(io.cwd, t))) throw new DeliverableUsageError(`no such file or folder: ${t}`);
  const items = new Map<string, CslItem>();
  const missing = new Set<string>();
  let briefs = 0;
  if (args.length === 0) {
    const service = await serviceFor(io.cwd, values, io);
    try {
      for (const i of await cslItemsForLibrary(service)) items.set(i.id, i);
    } finally {
      service.dispose();
    }
  } else {
    for (const t of args) {
      const abs = path.resolve(io.cwd, t);
      const service = await serviceFor(abs, values, io);
      try {
        const files = statSync(abs).isDirectory() ? await service.findBriefs(undefined, toPosix(abs)) : [toPosix(abs)];
        for (const f of files) {
          let text: string;
          try {
            text = new TextDecoder("utf-8", { fatal: true }).decode(await service.readWorkspaceFile(f));
          } catch (e) {
            io.stderr(`brief-author: ${rel(io, f)} is not read: ${(e as Error).message.split("\n")[0]}\n`);
            continue;
          }
          briefs++;
          const brief = await service.parseForLookup(f, text);
          const got = cslItemsForBrief(service, f, brief);
          for (const i of got.items) if (!items.has(i.id)) items.set(i.id, i);
          for (const k of got.missing) missing.add(k);
        }
      } finally {
        service.dispose();
      }
    }
  }
  const json = cslJson([...items.values()]);
  if (output) await writeOutputFile(output, json, !!values.force, values.output);
  else io.stdout(json);
  io.stderr(`brief-author: ${plural(items.size, "reference")}${args.length ? ` cited by ${plural(briefs, "brief")}` : " in the library"}${output ? ` written to ${rel(io, output)}` : ""}${missing.size ? `; not found: ${[...missing].sort().join(", ")}` : ""}\n`);
  return 0;
}

/** `report BRIEF [-o FILE]`: the evidence report (to standard output without -o). */
export async function reportCommand(args: string[], values: DeliverableOptions, io: DeliverableIO, version: string): Promise<number> {
  const abs = namedBrief(args, "report", io);
  const output = values.output ? outputTarget(path.resolve(io.cwd, values.output), values.output, values.force) : undefined;
  const service = await serviceFor(abs, values, io);
  try {
    const result = await checked(service, abs, await briefText(service, abs, args[0]));
    const html = evidenceReportFor(service, toPosix(abs), result, { display: (p) => rel(io, p), version, generatedAt: new Date().toISOString().replace(/\.\d+Z$/, "Z") });
    if (output) {
      await writeOutputFile(output, html, !!values.force, values.output);
      const c = result.claims;
      io.stdout(`wrote ${rel(io, output)}: ${plural(c.length, "claim")} (${c.filter((x) => x.verdict === "confirmed").length} confirmed, ${c.filter((x) => x.verdict === "contradicted").length} contradicted, ${c.filter((x) => x.verdict === "unverified").length} unverified), ${plural(result.problems.length, "problem")}\n`);
    } else io.stdout(html);
    return 0;
  } finally {
    service.dispose();
  }
}
