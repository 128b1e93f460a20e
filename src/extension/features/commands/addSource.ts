import { CAPTURABLE_EXTENSIONS, capturableKindOfFile } from "../../../core/sources/kinds";
import * as vscode from "vscode";
import * as os from "node:os";
import { realpathSync } from "node:fs";
import { isValidKey } from "../../../core";
import type { BriefServices } from "../../services";
import { markStep } from "../walkthrough";
import {
  DuplicateSourceError,
  captureSource,
  displayTarget,
  parseCaptureTarget,
  type CaptureResult,
  type CaptureTarget,
} from "../../../node/addSource";
import { nodeFileSystem } from "../../../node/fileSystem";
import { lazyExtractors } from "../../../node/extract/load";
import { exists } from "./shared";

export interface AddSourceArgs {
  /** An http(s) URL, a `file://` address, or a path (workspace-relative or absolute) to a saved .html or .pdf. */
  url?: string;
  /** A path (absolute) to read as if typed: through the workspace gate, or after a confirmation when outside it. Only the file dialog's own pick is read without asking. */
  file?: string;
  /** The source key (file name); asked for, with one proposed from the title, when absent. */
  key?: string;
}

/** Add Source from File…: a file dialog for a saved page or PDF, wherever the browser saved it. */
export async function addSourceFromFile(services: BriefServices, log: vscode.LogOutputChannel, args: AddSourceArgs = {}): Promise<vscode.Uri | undefined> {
  // A path given as an argument is no pick: it is read as a typed one (through the gate, or after a confirmation).
  if (args.file || args.url) return addSourceFromUrl(services, log, { key: args.key, url: args.url ?? args.file });
  const picked = await vscode.window.showOpenDialog({
    title: "Add Source from File",
    openLabel: "Add Source",
    canSelectMany: false,
    filters: { "Web pages and PDFs": [...CAPTURABLE_EXTENSIONS] },
    defaultUri: vscode.Uri.file(os.homedir()),
  });
  if (!picked?.[0]) return undefined;
  return addSourceFromUrl(services, log, { key: args.key }, picked[0]);
}

/**
 * Add Source from a URL or a typed path (`args.url`), or from a file the person picked in the
 * dialog (`pickedFile`: never an argument of the command, so only the dialog makes a file "picked").
 */
export async function addSourceFromUrl(services: BriefServices, log: vscode.LogOutputChannel, args: AddSourceArgs = {}, pickedFile?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const briefEditor = vscode.window.activeTextEditor;
  const active = briefEditor?.document.uri;
  const folder = (active && vscode.workspace.getWorkspaceFolder(active)) ?? vscode.workspace.workspaceFolders?.[0];
  const engine = folder && services.get(folder.uri);
  if (!folder || !engine) {
    void vscode.window.showWarningMessage("Brief: Add Source needs a workspace folder to hold the source.");
    return undefined;
  }
  await engine.ready;
  const { service } = engine;
  const local = folder.uri.scheme === "file";
  const input =
    (pickedFile ? (pickedFile.scheme === "file" ? pickedFile.fsPath : pickedFile.path) : undefined) ??
    args.url ??
    args.file ??
    (await vscode.window.showInputBox({
      title: "Add Source from URL",
      prompt: "The address of a web page or PDF (http, https or file://), or a saved .html or .pdf file",
      placeHolder: "https://…",
      ignoreFocusOut: true,
      validateInput: (v) => (/^(?:https?|file):\/\/\S+/i.test(v.trim()) || capturableKindOfFile(v.trim()) ? undefined : "An http, https or file:// address, or a path to a .html, .htm or .pdf file"),
    }));
  if (!input?.trim()) return undefined;
  let target: CaptureTarget;
  try {
    target = parseCaptureTarget(input, local ? folder.uri.fsPath : "/");
  } catch (e) {
    void vscode.window.showErrorMessage(`Brief: cannot capture ${input.trim()}: ${(e as Error).message}`);
    return undefined;
  }
  // A file the person picked in a dialog is theirs to read. A typed path is read through the
  // workspace gate; outside the workspace, the person is asked first (a saved page in Downloads).
  let confirmed = false;
  if ("file" in target && !pickedFile) {
    const path = local ? vscode.Uri.file(target.file).path : target.file;
    try {
      await service.access.check(path, "file");
    } catch (e) {
      const reason = (e as Error).message;
      // A path written outside the workspace may be read once the person confirms it (the dialog
      // names where it really reads: `/tmp` may be a link on some systems); a path written inside
      // the workspace that leads out of it (a link) is never followed.
      const writtenOutside = !service.access.isPermittedPath(path) && /outside the workspace/.test(reason);
      if (!writtenOutside || !local) {
        void vscode.window.showErrorMessage(`Brief: cannot capture ${displayTarget(target)}: it ${reason}.`);
        return undefined;
      }
      const copy = await vscode.window.showWarningMessage(`Brief: ${displayTarget(target)} lies outside the workspace. Read it and copy its text into the sources folder?`, { modal: true, detail: `It reads ${realPathOf(target.file)}` }, "Read and Copy In");
      if (copy !== "Read and Copy In") return undefined;
      confirmed = true;
    }
  }
  const readFile = async (abs: string): Promise<Uint8Array> => {
    // A picked file on a remote or virtual file system: read through the editor's file system.
    if (pickedFile && pickedFile.scheme !== "file") return vscode.workspace.fs.readFile(pickedFile);
    if ((pickedFile || confirmed) && local) return nodeFileSystem.readFile(abs);
    return service.readWorkspaceFile(local ? vscode.Uri.file(abs).path : abs);
  };
  let result: CaptureResult;
  try {
    // Every source is read first: the page may be in the library already, under another name.
    result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Capturing ${displayTarget(target)}` }, async () => {
      await service.readLibrary();
      return captureSource(target, readFile, lazyExtractors, service.library);
    });
  } catch (e) {
    const why = (e as Error).message;
    log.warn(`cannot capture ${input.trim()}: ${why}`);
    if (e instanceof DuplicateSourceError) {
      // Not awaited: the command returns at once; the button opens the source that has the page.
      void vscode.window.showInformationMessage(`Brief: ${why}.`, "Open It").then((open) => open && vscode.window.showTextDocument(folder.uri.with({ path: e.path }), { preview: true }));
      return undefined;
    }
    // The reason first and whole: the notification shows a short name, not the full path again.
    void vscode.window.showErrorMessage(`Brief: cannot capture ${displayTarget(target)}: ${why}`);
    return undefined;
  }
  const captured = result.captured;
  const sourcesFolder = service.config.sources[0] ?? `${folder.uri.path}/sources`;
  const uriFor = (key: string) => folder.uri.with({ path: `${sourcesFolder}/${key}.md` });
  const taken = (key: string) => service.library.pathOf(key);
  const key =
    args.key ??
    (await vscode.window.showInputBox({
      title: "Add Source: key",
      prompt: `Cite it as [@key]; it is saved as ${vscode.workspace.asRelativePath(uriFor("key"))}`,
      value: captured.key,
      ignoreFocusOut: true,
      validateInput: async (v) => {
        if (!isValidKey(v)) return "A key is letters, digits and _, with inner : . # $ % & - + ? < > ~ /";
        if (await exists(uriFor(v))) return `${vscode.workspace.asRelativePath(uriFor(v))} exists; choose another key`;
        if (taken(v)) return `the key is taken by ${service.library.display(taken(v)!)}; choose another key`;
        return undefined;
      },
    }));
  if (!key) return undefined;
  if (!isValidKey(key)) {
    void vscode.window.showErrorMessage(`Brief: "${key}" is not a citation key.`);
    return undefined;
  }
  const uri = uriFor(key);
  const edit = new vscode.WorkspaceEdit();
  edit.createFile(uri, { overwrite: false, ignoreIfExists: false, contents: new TextEncoder().encode(captured.markdown) });
  if (!(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage(`Brief: ${vscode.workspace.asRelativePath(uri)} could not be created${(await exists(uri)) ? " (it exists; it is never overwritten)" : ""}.`);
    return undefined;
  }
  log.info(`captured ${input.trim()} as ${vscode.workspace.asRelativePath(uri)}`);
  markStep("addSources");
  await service.library.updateFile(uri.path);
  await vscode.window.showTextDocument(uri, { preview: false });
  // As the CLI says it: the key to cite, and (from a brief) a button that cites it there.
  const fromBrief = briefEditor && briefEditor.document.languageId === "markdown" && !briefEditor.document.isClosed && services.get(briefEditor.document.uri) === engine ? briefEditor : undefined;
  const message = `Brief: added ${vscode.workspace.asRelativePath(uri)}: "${captured.doc.title ?? key}"; cite it as [@${key}].`;
  void (fromBrief ? vscode.window.showInformationMessage(message, `Cite [@${key}] in ${basenameOf(fromBrief.document.uri)}`) : vscode.window.showInformationMessage(message)).then(async (choice) => {
    if (!choice || !fromBrief) return;
    await vscode.window.showTextDocument(fromBrief.document, { selection: fromBrief.selection });
    await vscode.commands.executeCommand("briefAuthor.insertCitation", { key });
  });
  return uri;
}

/** Where a path leads once its links are followed (what a confirmation must name), else the path. */
export function realPathOf(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}

export function basenameOf(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf("/") + 1);
}
