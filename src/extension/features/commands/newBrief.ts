import * as vscode from "vscode";
import * as os from "node:os";
import {
  BUILT_IN_TEMPLATES,
  briefFileName,
  fillTemplate,
  templateSnippet,
  today,
  type BriefTemplate,
} from "../../../core";
import type { BriefServices } from "../../services";
import { markStep } from "../walkthrough";
import { exists } from "./shared";

export interface NewBriefArgs {
  /** Template id (`standard`, `label`, `flash`, or `file:<path>`) or label. */
  template?: string;
  title?: string;
  author?: string;
  date?: string;
  /** File name or path relative to the folder. */
  fileName?: string;
  /** Folder to create the brief in (a URI string); default: the first workspace folder. */
  folder?: string;
}

/** The folder's own templates, read by its engine through the workspace gate (never outside it). */
export async function workspaceTemplates(services: BriefServices, folder: vscode.Uri): Promise<BriefTemplate[]> {
  const name = vscode.workspace.getConfiguration("briefAuthor", folder).get<string>("templatesFolder") ?? ".brief-templates";
  const engine = services.get(folder);
  if (!engine) return [];
  await engine.ready;
  const { templates, refused } = await engine.service.workspaceTemplates(name);
  if (refused.length) void vscode.window.showWarningMessage(`Brief: ${refused.length === 1 ? "a template was" : `${refused.length} templates were`} left out: ${refused.join("; ")}`);
  return templates;
}

/** The hint New Brief writes for an author it does not know (a tab stop the writer fills). */
export const ASK = { author: "Your name" };

/** Where New Brief proposes the file: the folder last used, else the active brief's, else the one holding most briefs. */
export async function proposedFolder(services: BriefServices, state: vscode.Memento, folder: vscode.Uri): Promise<string> {
  const isDir = async (rel: string) => {
    try {
      return ((await vscode.workspace.fs.stat(vscode.Uri.joinPath(folder, rel))).type & vscode.FileType.Directory) !== 0;
    } catch {
      return false;
    }
  };
  const remembered = state.get<string>(`newBrief.folder:${folder.toString()}`);
  if (remembered !== undefined && (remembered === "" || (await isDir(remembered)))) return remembered ? `${remembered}/` : "";
  const engine = services.get(folder);
  if (!engine) return "";
  await engine.ready;
  const root = folder.path.replace(/\/+$/, "");
  const relDir = (path: string) => {
    const rel = path.startsWith(root + "/") ? path.slice(root.length + 1) : "";
    return rel.includes("/") ? rel.slice(0, rel.lastIndexOf("/")) : "";
  };
  const active = vscode.window.activeTextEditor?.document;
  if (active && services.get(active.uri) === engine && engine.service.isBrief(active.uri.path, active.getText())) {
    const dir = relDir(active.uri.path);
    return dir ? `${dir}/` : "";
  }
  const counts = new Map<string, number>();
  const source = new vscode.CancellationTokenSource();
  const timer = setTimeout(() => source.cancel(), 2000); // a proposal, not worth a long wait on a huge workspace
  try {
    for (const path of await engine.service.findBriefs(source.token)) counts.set(relDir(path), (counts.get(relDir(path)) ?? 0) + 1);
  } finally {
    clearTimeout(timer);
    source.dispose();
  }
  let best = "";
  let most = 0;
  for (const [dir, n] of counts) if (n > most) [best, most] = [dir, n];
  if (best) return `${best}/`;
  // No brief yet: the folder the `files` globs name (`briefs/**/*.brief.md`), else a `briefs` folder, if it exists.
  for (const glob of engine.service.config.files) {
    const fixed: string[] = [];
    for (const part of glob.split("/").slice(0, -1)) {
      if (/[*?[\]{}!]/.test(part)) break;
      fixed.push(part);
    }
    const dir = fixed.join("/");
    if (dir && (await isDir(dir))) return `${dir}/`;
  }
  return (await isDir("briefs")) ? "briefs/" : "";
}

/**
 * Asks for the new brief's file name, proposing `value` with its name selected. A name that exists
 * is refused in the box itself, from the first moment (the proposal too), so nothing is overwritten
 * and what was typed stays.
 */
export async function askFileName(folder: vscode.Uri, value: string): Promise<string | undefined> {
  const box = vscode.window.createInputBox();
  box.title = "New Brief: file name";
  box.prompt = `Relative to ${vscode.workspace.getWorkspaceFolder(folder)?.name ?? "the workspace folder"}; missing folders are created`;
  box.value = value;
  const nameStart = value.lastIndexOf("/") + 1;
  box.valueSelection = [nameStart, value.endsWith(".brief.md") ? value.length - ".brief.md".length : value.length];
  let checked = 0;
  const validate = async (v: string): Promise<boolean> => {
    const run = ++checked;
    const name = v.trim();
    let message: vscode.InputBoxValidationMessage | undefined;
    if (!name || name.endsWith("/")) message = { message: "A file name, such as briefs/ferry-fares.brief.md", severity: vscode.InputBoxValidationSeverity.Error };
    else if (await exists(vscode.Uri.joinPath(folder, name))) message = { message: `${name} already exists and is never overwritten: choose another name`, severity: vscode.InputBoxValidationSeverity.Error };
    if (run === checked) box.validationMessage = message;
    return !message;
  };
  try {
    return await new Promise<string | undefined>((resolve) => {
      box.onDidChangeValue((v) => void validate(v));
      box.onDidAccept(async () => {
        const v = box.value;
        if (await validate(v)) resolve(v.trim());
      });
      box.onDidHide(() => resolve(undefined));
      box.show();
      void validate(value);
    });
  } finally {
    box.dispose();
  }
}

/**
 * New Brief: pick a template, give a title and a file name (proposed in the briefs folder, never
 * overwriting); the brief opens with the template's placeholders as tab stops, the cursor in the first.
 */
export async function newBrief(services: BriefServices, log: vscode.LogOutputChannel, state: vscode.Memento, args: NewBriefArgs = {}): Promise<vscode.Uri | undefined> {
  const active = vscode.window.activeTextEditor?.document.uri;
  const folder = args.folder ? vscode.Uri.parse(args.folder) : (active && vscode.workspace.getWorkspaceFolder(active)?.uri) ?? vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!folder) {
    void vscode.window.showErrorMessage("Brief: New Brief needs an open folder to create the brief in.");
    return undefined;
  }
  const templates = [...BUILT_IN_TEMPLATES, ...(await workspaceTemplates(services, folder))];
  let template = args.template ? templates.find((t) => t.id === args.template || t.label === args.template || t.id === `file:${args.template}`) : undefined;
  if (args.template && !template) {
    void vscode.window.showErrorMessage(`Brief: no template "${args.template}". Templates: ${templates.map((t) => t.id).join(", ")}`);
    return undefined;
  }
  if (!template) {
    const pick = await vscode.window.showQuickPick(
      templates.map((t) => ({ label: t.label, description: t.origin === "built-in" ? "built-in" : vscode.workspace.asRelativePath(folder.with({ path: t.origin })), detail: t.description, template: t })),
      { title: "New Brief: choose a template", placeHolder: "Template" },
    );
    if (!pick) return undefined;
    template = pick.template;
  }
  const title = args.title ?? (await vscode.window.showInputBox({ title: "New Brief: title", prompt: "The brief's title", validateInput: (v) => (v.trim() ? undefined : "A brief needs a title") }));
  if (!title) return undefined;
  const date = args.date ?? today();
  const author = args.author ?? (vscode.workspace.getConfiguration("briefAuthor", folder).get<string>("author") || personalUserName());
  const values = { title: title.trim(), date, author: author || undefined };
  // One kind of line end (a template saved with CRLF would otherwise mix them with the filled parts).
  const source = template.text.replace(/\r\n?/g, "\n");
  const text = fillTemplate(source, values, ASK);
  const snippet = templateSnippet(source, values, ASK);
  const dir = args.fileName === undefined ? await proposedFolder(services, state, folder) : "";
  let value = `${dir}${briefFileName(title, date)}`;
  let fileName = args.fileName;
  for (;;) {
    if (fileName === undefined) {
      fileName = await askFileName(folder, value);
      if (!fileName) return undefined;
      fileName = fileName.trim();
    }
    const target = vscode.Uri.joinPath(folder, fileName);
    const clash = () => {
      const msg = `Brief: ${vscode.workspace.asRelativePath(target)} already exists; it was not overwritten. Choose another name.`;
      if (args.fileName !== undefined) {
        void vscode.window.showErrorMessage(msg);
        log.warn(msg);
        return true;
      }
      void vscode.window.showWarningMessage(msg);
      value = fileName!; // asked again with what was typed: its folder is kept
      return false;
    };
    if (await exists(target)) {
      if (clash()) return undefined;
      fileName = undefined;
      continue;
    }
    // The check above is only for a friendly early answer: the file may appear before the write.
    // The create itself refuses to overwrite, and it is one undoable edit.
    const edit = new vscode.WorkspaceEdit();
    edit.createFile(target, { overwrite: false, ignoreIfExists: false, contents: new TextEncoder().encode(text) });
    if (!(await vscode.workspace.applyEdit(edit))) {
      if (await exists(target)) {
        if (clash()) return undefined;
        fileName = undefined;
        continue;
      }
      const msg = `Brief: ${vscode.workspace.asRelativePath(target)} could not be created.`;
      void vscode.window.showErrorMessage(msg);
      log.error(msg);
      return undefined;
    }
    log.info(`created ${vscode.workspace.asRelativePath(target)} from template "${template.label}"`);
    markStep("createBrief");
    if (args.fileName === undefined) {
      const used = fileName.includes("/") ? fileName.slice(0, fileName.lastIndexOf("/")) : "";
      await state.update(`newBrief.folder:${folder.toString()}`, used);
    }
    const doc = await vscode.workspace.openTextDocument(target);
    const editor = await vscode.window.showTextDocument(doc);
    // The same text again, as a snippet: its placeholders become tab stops, the cursor in the first.
    // Then saved, so the file on disk is what the editor shows and nothing is left dirty.
    if (doc.getText() === text && snippet.includes("${")) {
      const all = new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length));
      if (await editor.insertSnippet(new vscode.SnippetString(snippet), all, { undoStopBefore: false, undoStopAfter: false })) await doc.save();
    }
    return target;
  }
}

/** The operating-system user name, unless it is a system account's (`root`, `admin`): no one signs a brief as `root`. */
export function personalUserName(): string {
  try {
    const info = os.userInfo();
    if (info.uid === 0 || /^(root|admin|administrator|user|vscode|node|codespace)$/i.test(info.username)) return "";
    return info.username;
  } catch {
    return "";
  }
}
