import * as vscode from "vscode";
import { renameKeyEdits, sourceName } from "../../core";
import { LineIndex } from "../../core/text";
import { plural } from "../convert";
import type { BriefServices } from "../services";

export type UpdateOnMove = "prompt" | "always" | "never";

export interface RenameResult {
  oldKey: string;
  newKey: string;
  briefs: number;
  citations: number;
  applied: boolean;
}

/**
 * A source file renamed or moved in the editor changes its key (a file without an `id` takes its
 * name). As VS Code's Markdown support updates links, the citations of every brief of the folder
 * are updated: after a prompt, always or never (`briefAuthor.updateCitationsOnFileMove`), as one
 * undoable edit. Whatever the answer, `unknown-source` then proposes the new key.
 */
export function registerRenames(context: vscode.ExtensionContext, services: BriefServices, log: vscode.LogOutputChannel): { onDidHandleRename: vscode.Event<RenameResult> } {
  const handled = new vscode.EventEmitter<RenameResult>();
  context.subscriptions.push(
    handled,
    vscode.workspace.onDidRenameFiles(async (e) => {
      for (const { oldUri, newUri } of e.files) {
        try {
          const r = await sourceRenamed(services, oldUri, newUri, log);
          if (r) handled.fire(r);
        } catch (err) {
          log.error(`updating citations after ${vscode.workspace.asRelativePath(oldUri)} was renamed failed: ${(err as Error).message}`);
        }
      }
    }),
  );
  return { onDidHandleRename: handled.event };
}

async function sourceRenamed(services: BriefServices, oldUri: vscode.Uri, newUri: vscode.Uri, log: vscode.LogOutputChannel): Promise<RenameResult | undefined> {
  const engine = services.get(newUri);
  if (!engine || services.get(oldUri) !== engine) return undefined;
  await engine.ready;
  const { service, fs } = engine;
  if (engine.disposed || !service.library.covers(oldUri.path)) return undefined;
  // The watcher will hear of it too; the library is brought up to date now, to know the new key.
  await service.fileChanged(oldUri.path, true);
  await service.fileChanged(newUri.path, false);
  const entry = service.library.getByPath(newUri.path);
  // Moved out of the source folders, unreadable, or keyed by its front matter's `id` (unchanged).
  if (!entry || entry.key !== sourceName(newUri.path)) return undefined;
  const oldKey = sourceName(oldUri.path);
  const newKey = entry.key;
  if (oldKey === newKey || service.library.has(oldKey)) return undefined;
  service.noteRenamedKey(oldKey, newKey);

  // The edits over every brief of the folder, from the texts as they are now (open briefs as the editor holds them).
  const collect = async (): Promise<{ edit: vscode.WorkspaceEdit; briefs: number; citations: number; versions: Map<vscode.TextDocument, number> }> => {
    const edit = new vscode.WorkspaceEdit();
    const versions = new Map<vscode.TextDocument, number>();
    let briefs = 0;
    let citations = 0;
    for (const path of await service.findBriefs()) {
      const uri = fs.uri(path);
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      if (open) versions.set(open, open.version);
      let text: string;
      try {
        text = open ? open.getText() : new TextDecoder("utf-8", { fatal: true }).decode(await service.readWorkspaceFile(path));
      } catch {
        continue;
      }
      const edits = renameKeyEdits(await service.parseForLookup(path, text), oldKey, newKey);
      if (!edits.length) continue;
      briefs++;
      citations += edits.length;
      const lines = new LineIndex(text);
      for (const x of edits) {
        const s = lines.positionAt(x.start);
        const t = lines.positionAt(x.end);
        edit.replace(uri, new vscode.Range(s.line, s.character, t.line, t.character), x.newText);
      }
    }
    return { edit, briefs, citations, versions };
  };
  const { briefs, citations } = await collect();
  const result: RenameResult = { oldKey, newKey, briefs, citations, applied: false };
  if (!citations) return result;
  const config = vscode.workspace.getConfiguration("briefAuthor", newUri);
  let mode = config.get<UpdateOnMove>("updateCitationsOnFileMove") ?? "prompt";
  if (mode === "prompt") {
    const choice = await vscode.window.showInformationMessage(
      `Brief: ${vscode.workspace.asRelativePath(oldUri)} is now ${vscode.workspace.asRelativePath(newUri)}. Update ${plural(citations, "citation")} of "@${oldKey}" to "@${newKey}" in ${plural(briefs, "brief")}?`,
      "Yes",
      "No",
      "Always",
      "Never",
    );
    if (choice === "Always" || choice === "Never") await config.update("updateCitationsOnFileMove", choice.toLowerCase(), vscode.ConfigurationTarget.Global);
    mode = choice === "Yes" || choice === "Always" ? "always" : "never";
  }
  if (mode !== "always") return result;
  // Computed again now: a brief may have been edited while the question was up (the offsets of then would be stale).
  // The rename must still stand (the file may have been renamed back while the question was up).
  const stands = () => !service.library.has(oldKey) && service.library.pathOf(newKey) === newUri.path;
  if (!stands()) return result;
  let fresh = await collect();
  // A keystroke while they were computed: computed again (a few times at most); still moving, nothing is applied.
  const moved = () => [...fresh.versions].some(([d, v]) => d.version !== v);
  for (let i = 0; i < 3 && moved(); i++) fresh = await collect();
  if (moved() || !stands()) {
    log.warn(`citations of @${oldKey} not updated: a brief kept changing while they were computed; Brief: unknown-source's fix proposes @${newKey}`);
    return result;
  }
  Object.assign(result, { briefs: fresh.briefs, citations: fresh.citations });
  result.applied = fresh.citations > 0 && (await vscode.workspace.applyEdit(fresh.edit));
  log.info(`${vscode.workspace.asRelativePath(oldUri)} renamed: ${plural(result.citations, "citation")} of @${oldKey} updated to @${newKey} in ${plural(result.briefs, "brief")}`);
  return result;
}
