import * as vscode from "vscode";
import { type BriefDiagnostics } from "../diagnostics";
import type { BriefServices } from "../../services";
import { fixAllMarkdownlint } from "./fixAllMarkdownlint";
import { newBrief, type NewBriefArgs } from "./newBrief";
import { insertCitation } from "./insertCitation";
import { checkWorkspace } from "./checkWorkspace";
import { updateSourcesSection } from "./updateSourcesSection";
import { openSource } from "./openSource";
import { addSourceFromFile, addSourceFromUrl, type AddSourceArgs } from "./addSource";
import { reindexSources } from "./reindexSources";
import { exportBrief, type ExportArgs } from "./exportBrief";
export type { NewBriefArgs } from "./newBrief";
export type { CheckWorkspaceSummary } from "./checkWorkspace";
export type { ReindexSummary } from "./reindexSources";
export type { ExportArgs } from "./exportBrief";

/** Registers every editor command; each lives in a file of its own in this folder. */
export function registerCommands(context: vscode.ExtensionContext, services: BriefServices, diagnostics: BriefDiagnostics, log: vscode.LogOutputChannel): void {
  const reg = (id: string, fn: (...args: any[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, fn));
  reg("briefAuthor.newBrief", (args?: NewBriefArgs) => newBrief(services, log, context.workspaceState, args));
  reg("briefAuthor.insertCitation", (args?: { key?: string }) => insertCitation(services, args));
  reg("briefAuthor.checkWorkspace", () => checkWorkspace(services, diagnostics, log));
  reg("briefAuthor.updateSourcesSection", () => updateSourcesSection(services));
  reg("briefAuthor.openSource", (args?: { uri?: string; line?: number; key?: string } | string) => openSource(services, args));
  reg("briefAuthor.showOutput", () => log.show(true));
  reg("briefAuthor.addSourceFromUrl", (args?: AddSourceArgs) => addSourceFromUrl(services, log, args));
  reg("briefAuthor.addSourceFromFile", (args?: AddSourceArgs) => addSourceFromFile(services, log, args));
  reg("briefAuthor.fixAllMarkdownlint", () => fixAllMarkdownlint(services));
  reg("briefAuthor.reindexSources", () => reindexSources(services, diagnostics, log));
  reg("briefAuthor.exportBrief", (args?: ExportArgs | vscode.Uri) => exportBrief(services, diagnostics, log, args instanceof vscode.Uri ? { uri: args.toString() } : args));
}
