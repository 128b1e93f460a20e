import * as vscode from "vscode";
import { warnMissingFolders, type BriefDiagnostics } from "../diagnostics";
import type { BriefServices } from "../../services";
import { markStep } from "../walkthrough";
import { plural } from "../../convert";
import { visibleFor } from "./shared";

export interface ReindexSummary {
  sources: number;
  /** Unreadable files and duplicate keys found. */
  problems: number;
  /** Configured source folders that do not exist, relative to their workspace folder. */
  missing: string[];
  ms: number;
}

/** Re-index Sources: every folder's library read again, with a progress notification and a summary when done. */
export async function reindexSources(services: BriefServices, diagnostics: BriefDiagnostics, log: vscode.LogOutputChannel): Promise<ReindexSummary> {
  const started = Date.now();
  services.ensureFolders();
  const summary = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: "Brief: re-indexing sources" }, async (progress) => {
    const out: ReindexSummary = { sources: 0, problems: 0, missing: [], ms: 0 };
    const engines = services.all();
    for (const engine of engines) {
      progress.report({ message: engine.service.sourceFoldersForDisplay().join(", "), increment: 100 / Math.max(1, engines.length) });
      await engine.ready;
      if (engine.disposed) continue;
      await engine.service.reloadLibrary();
      await engine.service.readLibrary();
      out.sources += engine.service.library.size;
      out.problems += engine.service.libraryProblems().length;
      out.missing.push(...engine.service.missingSourceFoldersForDisplay().map((f) => (engines.length > 1 ? `${engine.folder.name}/${f}` : f)));
    }
    await diagnostics.recheckOpen();
    out.ms = Date.now() - started;
    await visibleFor(started);
    return out;
  });
  const folders = services.all().flatMap((e) => e.service.sourceFoldersForDisplay());
  const msg = `Brief: indexed ${plural(summary.sources, "source")} from ${folders.join(", ") || "no folder"} in ${summary.ms} ms${summary.problems ? `; ${plural(summary.problems, "problem")} with source files (see Problems)` : ""}.`;
  log.info(msg);
  if (summary.missing.length) void warnMissingFolders(summary.missing, summary.missing.length === folders.length, msg);
  else void vscode.window.showInformationMessage(msg);
  if (summary.sources > 0) markStep("addSources");
  return summary;
}
