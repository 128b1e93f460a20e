import * as vscode from "vscode";
import * as path from "node:path";
import type { BriefServices } from "../../services";
import type { BriefDiagnostics } from "../diagnostics";
import { notInFolder, exists } from "./shared";
import { ExportError, findPandoc } from "../../../node/pandoc";
import { EXPORT_FORMATS, exportBrief as runExport, proposedOutput, type ExportFormat, type ExportOutcome } from "../../../node/exportBrief";

/** Arguments a test (or a keybinding) may give; each one given skips its question. */
export interface ExportArgs {
  uri?: string;
  format?: ExportFormat;
  /** The file to write (a path or a file URI). */
  output?: string;
  /** Replace an existing output without asking. */
  overwrite?: boolean;
  /** Export a brief that has errors without asking. */
  allowErrors?: boolean;
}

const FORMATS: Record<ExportFormat, { label: string; detail: string; filter: string }> = {
  docx: { label: "Word (.docx)", detail: "for the desk: citations and references rendered, your reference document's styles", filter: "Word document" },
  html: { label: "Web page (.html)", detail: "one standalone page", filter: "Web page" },
  pdf: { label: "PDF (.pdf)", detail: "through the PDF engine Pandoc finds (LaTeX, wkhtmltopdf, WeasyPrint…)", filter: "PDF" },
  odt: { label: "OpenDocument (.odt)", detail: "for LibreOffice", filter: "OpenDocument text" },
};

/**
 * The Pandoc the user named (`briefAuthor.pandocPath`, a machine setting: a workspace's own
 * settings are never read for it, as they could name any program), else PATH's.
 */
function pandocSetting(): string | undefined {
  const i = vscode.workspace.getConfiguration("briefAuthor").inspect<string>("pandocPath");
  const v = i?.globalValue ?? i?.defaultValue;
  return typeof v === "string" && v.trim() ? v.trim() : undefined;
}

/** Brief: Export…: the active brief through Pandoc to Word, HTML, PDF or ODT. Resolves with what was written, or undefined. */
export async function exportBrief(services: BriefServices, diagnostics: BriefDiagnostics, log: vscode.LogOutputChannel, args: ExportArgs = {}): Promise<ExportOutcome | undefined> {
  const uri = args.uri ? vscode.Uri.parse(args.uri) : vscode.window.activeTextEditor?.document.uri;
  if (!uri) {
    void vscode.window.showInformationMessage("Brief: open a brief to export it.");
    return undefined;
  }
  const doc = await vscode.workspace.openTextDocument(uri);
  const engine = services.get(doc.uri);
  if (!engine) {
    void vscode.window.showWarningMessage(notInFolder(doc.uri));
    return undefined;
  }
  if (doc.uri.scheme !== "file") {
    void vscode.window.showWarningMessage("Brief: export runs Pandoc on this machine, so it needs a brief on this machine's disk (not a remote or virtual file).");
    return undefined;
  }
  let format = args.format;
  if (!format) {
    const pick = await vscode.window.showQuickPick(
      EXPORT_FORMATS.map((f) => ({ label: FORMATS[f].label, detail: FORMATS[f].detail, format: f })),
      { title: "Brief: Export", placeHolder: "Export the brief to…" },
    );
    if (!pick) return undefined;
    format = pick.format;
  }
  if (!EXPORT_FORMATS.includes(format)) {
    void vscode.window.showErrorMessage(`Brief: unknown export format "${format}".`);
    return undefined;
  }
  let pandoc;
  try {
    pandoc = await findPandoc(pandocSetting());
  } catch (e) {
    const message = e instanceof ExportError ? e.message : (e as Error).message;
    log.warn(`export: ${message}`);
    void vscode.window.showErrorMessage(`Brief: ${message}.`, "Open Settings").then((a) => a && vscode.commands.executeCommand("workbench.action.openSettings", "briefAuthor.pandocPath"));
    return undefined;
  }
  let output: vscode.Uri | undefined = args.output ? (/^file:/.test(args.output) ? vscode.Uri.parse(args.output) : vscode.Uri.file(args.output)) : undefined;
  let overwrite = args.overwrite ?? false;
  if (!output) {
    output = await vscode.window.showSaveDialog({
      title: `Brief: Export to ${FORMATS[format].label}`,
      defaultUri: vscode.Uri.file(proposedOutput(doc.uri.fsPath, format)),
      filters: { [FORMATS[format].filter]: [format] },
      saveLabel: "Export",
    });
    if (!output) return undefined;
    // The save dialog asked already whether to replace a file that exists.
    overwrite = true;
  } else if (!overwrite && (await exists(output))) {
    const a = await vscode.window.showWarningMessage(`${path.basename(output.fsPath)} exists. Replace it?`, { modal: true }, "Replace");
    if (a !== "Replace") return undefined;
    overwrite = true;
  }
  const { service, ready } = engine;
  await ready;
  const result = diagnostics.resultFor(doc) ?? (await service.check(doc.uri.path, doc.getText()));
  const errors = result.problems.filter((p) => p.severity === "error").length;
  if (errors && !args.allowErrors) {
    const a = await vscode.window.showWarningMessage(`${path.basename(doc.uri.fsPath)} has ${errors} error${errors === 1 ? "" : "s"} (see the Problems panel). Export it anyway?`, { modal: true }, "Export Anyway");
    if (a !== "Export Anyway") return undefined;
  }
  try {
    const out = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Brief: exporting to ${FORMATS[format].label} with Pandoc ${pandoc.versionText}…` }, () =>
      runExport({ service, file: doc.uri.path, result, to: format!, output: output!.fsPath, overwrite, pandoc }),
    );
    for (const n of out.notes) log.info(`export ${vscode.workspace.asRelativePath(doc.uri)}: ${n}`);
    log.info(`export: wrote ${output.fsPath} (${out.bytes} bytes, ${out.references} references)`);
    const missing = out.missing.length ? ` Not in the library: ${out.missing.join(", ")}.` : "";
    void vscode.window.showInformationMessage(`Brief: exported to ${vscode.workspace.asRelativePath(output)} (${out.references} reference${out.references === 1 ? "" : "s"}).${missing}${out.notes.length ? " Notes in the output log." : ""}`, "Reveal", "Open").then((a) => {
      if (a === "Open") void vscode.env.openExternal(output!);
      else if (a === "Reveal") void vscode.commands.executeCommand("revealFileInOS", output);
    });
    return out;
  } catch (e) {
    const message = e instanceof ExportError ? e.message : `export failed: ${(e as Error).message}`;
    log.error(`export ${vscode.workspace.asRelativePath(doc.uri)}: ${message}`);
    void vscode.window.showErrorMessage(`Brief: ${message}`);
    return undefined;
  }
}
