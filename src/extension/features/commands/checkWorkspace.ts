import { pushAll } from "../../../core/arrays";
import * as vscode from "vscode";
import { type BriefDiagnostics } from "../diagnostics";
import type { BriefServices } from "../../services";
import { markStep } from "../walkthrough";
import { plural, toDiagnostic } from "../../convert";
import { countSeverities, describeCounts, totalOf } from "../../../core/summary";
import type { Problem } from "../../../core";
import { visibleFor } from "./shared";

export interface CheckWorkspaceSummary {
  files: number;
  /** Every problem counted: in the briefs, and in source and config files. */
  problems: number;
  errors: number;
  warnings: number;
  infos: number;
  hints: number;
  /** Of `problems`, those in source and config files (duplicate keys, unreadable files). */
  inSources: number;
  cancelled: boolean;
  /** The summary as shown. */
  message: string;
}

/** Check All Briefs: every brief in every folder, with a cancellable progress notification. */
export async function checkWorkspace(services: BriefServices, diagnostics: BriefDiagnostics, log: vscode.LogOutputChannel): Promise<CheckWorkspaceSummary> {
  services.ensureFolders();
  const started = Date.now();
  const summary = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: "Checking briefs", cancellable: true },
    async (progress, token) => {
      let files = 0;
      const found: Problem[] = [];
      const inSources: Problem[] = [];
      for (const { service, ready, fs } of services.all()) {
        await ready;
        const paths = await service.findBriefs(token);
        for (const path of paths) {
          if (token.isCancellationRequested) break;
          const uri = fs.uri(path);
          progress.report({ message: vscode.workspace.asRelativePath(uri), increment: 100 / Math.max(1, paths.length) });
          const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
          if (open) {
            // An open brief goes through the editor's own check, so quick fixes see the same result.
            const r = await diagnostics.check(open);
            files++;
            pushAll(found, r?.problems ?? []);
            continue;
          }
          let text: string;
          try {
            text = new TextDecoder("utf-8", { fatal: true }).decode(await service.readWorkspaceFile(path));
          } catch (e) {
            log.warn(`${vscode.workspace.asRelativePath(uri)} cannot be read: ${(e as Error).message}`);
            continue;
          }
          const result = await service.check(path, text);
          diagnostics.collection.set(uri, result.problems.map((p) => toDiagnostic(p, (x) => fs.uri(x))));
          files++;
          pushAll(found, result.problems);
        }
        // The library's and the config's own problems are in the Problems panel too: counted, so the figures add up.
        await service.readLibrary(token);
        pushAll(inSources, [...service.libraryProblems(), ...service.configProblems, ...service.markdownlintConfigProblems()]);
      }
      diagnostics.publishLibrary();
      await visibleFor(started);
      const c = countSeverities([...found, ...inSources]);
      const cancelled = token.isCancellationRequested;
      const total = totalOf(c);
      const message = `Brief: ${cancelled ? "stopped after" : "checked"} ${plural(files, "brief")}: ${plural(total, "problem")} (${describeCounts(c)})${inSources.length ? `, ${inSources.length} of them in source or config files` : ""}.`;
      const summary: CheckWorkspaceSummary = { files, problems: total, errors: c.error, warnings: c.warning, infos: c.information, hints: c.hint, inSources: inSources.length, cancelled, message };
      return summary;
    },
  );
  markStep("checkWorkspace");
  const msg = summary.message;
  log.info(msg);
  void vscode.window.showInformationMessage(msg, "Show Problems").then((c) => c && vscode.commands.executeCommand("workbench.actions.view.problems"));
  return summary;
}
