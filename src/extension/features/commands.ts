import * as vscode from "vscode";
import * as os from "node:os";
import {
  BUILT_IN_TEMPLATES,
  briefFileName,
  fillTemplate,
  rankSources,
  sentenceAt,
  today,
  updateSourcesSectionEdit,
  citationAt,
  isValidKey,
  type BriefTemplate,
} from "../../core";
import type { BriefDiagnostics } from "./diagnostics";
import type { BriefServices } from "../services";
import { fixAllEdit } from "./codeActions";
import { SOURCE_VIEW_SCHEME, sourceLocation } from "./sourceView";
import { CaptureError, capture, fetchPage, kindOfFile } from "../../node/capture";
import { lazyExtractors } from "../../node/extract/load";
import { toDiagnostic } from "../convert";

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

export interface CheckWorkspaceSummary {
  files: number;
  problems: number;
  errors: number;
  cancelled: boolean;
}

export function registerCommands(context: vscode.ExtensionContext, services: BriefServices, diagnostics: BriefDiagnostics, log: vscode.LogOutputChannel): void {
  const reg = (id: string, fn: (...args: any[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, fn));
  reg("briefAuthor.newBrief", (args?: NewBriefArgs) => newBrief(services, log, args));
  reg("briefAuthor.insertCitation", (args?: { key?: string }) => insertCitation(services, args));
  reg("briefAuthor.checkWorkspace", () => checkWorkspace(services, diagnostics, log));
  reg("briefAuthor.updateSourcesSection", () => updateSourcesSection(services));
  reg("briefAuthor.openSource", (args?: { uri?: string; line?: number; key?: string } | string) => openSource(services, args));
  reg("briefAuthor.showOutput", () => log.show(true));
  reg("briefAuthor.addSourceFromUrl", (args?: AddSourceArgs) => addSourceFromUrl(services, log, args));
  reg("briefAuthor.fixAllMarkdownlint", async () => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return false;
    const edit = await fixAllEdit(services, editor.document);
    if (!edit) {
      void vscode.window.showInformationMessage("No fixable markdownlint problems in this brief.");
      return false;
    }
    return vscode.workspace.applyEdit(edit);
  });
  reg("briefAuthor.reindexSources", async () => {
    for (const { service, ready } of services.all()) {
      await ready;
      await service.reloadLibrary();
    }
    await diagnostics.recheckOpen();
  });
}

/** The folder's own templates, read by its engine through the workspace gate (never outside it). */
async function workspaceTemplates(services: BriefServices, folder: vscode.Uri): Promise<BriefTemplate[]> {
  const name = vscode.workspace.getConfiguration("briefAuthor", folder).get<string>("templatesFolder") ?? ".brief-templates";
  const engine = services.get(folder);
  if (!engine) return [];
  await engine.ready;
  const { templates, refused } = await engine.service.workspaceTemplates(name);
  if (refused.length) void vscode.window.showWarningMessage(`Brief: ${refused.length === 1 ? "a template was" : `${refused.length} templates were`} left out: ${refused.join("; ")}`);
  return templates;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** New Brief: pick a template, fill date/author/title, ask for a file name, never overwrite. */
async function newBrief(services: BriefServices, log: vscode.LogOutputChannel, args: NewBriefArgs = {}): Promise<vscode.Uri | undefined> {
  const folder = args.folder ? vscode.Uri.parse(args.folder) : vscode.workspace.workspaceFolders?.[0]?.uri;
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
  const author = args.author ?? (vscode.workspace.getConfiguration("briefAuthor", folder).get<string>("author") || safeUserName());
  const text = fillTemplate(template.text, { title, date, author });
  const defaultName = briefFileName(title, date);
  let fileName = args.fileName;
  for (;;) {
    if (fileName === undefined) {
      fileName = await vscode.window.showInputBox({ title: "New Brief: file name", value: defaultName, valueSelection: [0, defaultName.length - ".brief.md".length], prompt: "Relative to the workspace folder" });
      if (!fileName) return undefined;
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
    const doc = await vscode.workspace.openTextDocument(target);
    await vscode.window.showTextDocument(doc);
    return target;
  }
}

function notInFolder(uri: vscode.Uri): string {
  return `Brief: ${uri.scheme === "untitled" ? "an untitled document" : vscode.workspace.asRelativePath(uri)} is not in a workspace folder, so it has no source library. Save it in a workspace folder first.`;
}

function safeUserName(): string {
  try {
    return os.userInfo().username;
  } catch {
    return "";
  }
}

/** Insert Citation: sources ranked for the sentence at the cursor, with passage previews. */
async function insertCitation(services: BriefServices, args: { key?: string } = {}): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const doc = editor.document;
  const engine = services.get(doc.uri);
  if (!engine) {
    void vscode.window.showWarningMessage(notInFolder(doc.uri));
    return undefined;
  }
  const { service, ready } = engine;
  await ready;
  const brief = await service.parseForLookup(doc.uri.path, doc.getText());
  const offset = doc.offsetAt(editor.selection.active);
  const sentence = sentenceAt(brief, offset);
  let key = args.key;
  if (!key) {
    const ctx = service.context(doc.uri.path, brief);
    const ranked = rankSources(ctx, sentence?.claimText ?? doc.lineAt(editor.selection.active.line).text, 200);
    if (ranked.length === 0) {
      void vscode.window.showWarningMessage(`Brief: the source library is empty (folders: ${service.sourceFoldersForDisplay().join(", ")}).`);
      return undefined;
    }
    const pick = await vscode.window.showQuickPick(
      ranked.map((s) => ({
        label: s.key,
        description: [s.date, s.coverage > 0 ? `${Math.round(s.coverage * 100)}% match` : ""].filter(Boolean).join(" · "),
        detail: `${s.title} — ${s.preview.replace(/\s+/g, " ").slice(0, 160)}`,
      })),
      { title: "Insert Citation", placeHolder: "Sources ranked by how well they support the sentence", matchOnDetail: true },
    );
    if (!pick) return undefined;
    key = pick.label;
  }
  const inside = citationAt(brief, offset);
  let at = offset;
  let insert = `[@${key}]`;
  if (inside?.citation && offset > inside.citation.start && offset < inside.citation.end) {
    at = inside.citation.end - 1;
    insert = `; @${key}`;
  } else if (sentence && offset >= sentence.end - 1) {
    // At the end of a sentence: cite before its closing punctuation.
    const m = /[.!?…]["'”’)\]]*$/.exec(doc.getText().slice(sentence.start, sentence.end));
    if (m) at = sentence.start + m.index;
    insert = ` [@${key}]`;
  } else if (offset > 0 && !/\s/.test(doc.getText().charAt(offset - 1))) {
    insert = ` [@${key}]`;
  }
  const edit = new vscode.WorkspaceEdit();
  edit.insert(doc.uri, doc.positionAt(at), insert);
  await vscode.workspace.applyEdit(edit);
  return key;
}

async function updateSourcesSection(services: BriefServices): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return false;
  const doc = editor.document;
  const engine = services.get(doc.uri);
  if (!engine) {
    void vscode.window.showWarningMessage(notInFolder(doc.uri));
    return false;
  }
  const { service, ready } = engine;
  await ready;
  const brief = await service.parseForLookup(doc.uri.path, doc.getText());
  const e = updateSourcesSectionEdit(brief);
  if (!e) {
    void vscode.window.showInformationMessage("Brief: the Sources section already lists exactly the cited sources.");
    return false;
  }
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(doc.positionAt(e.start), doc.positionAt(e.end)), e.newText);
  return vscode.workspace.applyEdit(edit);
}

async function openSource(services: BriefServices, args?: { uri?: string; line?: number; key?: string } | string): Promise<vscode.TextEditor | undefined> {
  const a = typeof args === "string" ? { key: args } : args ?? {};
  let uri = a.uri ? vscode.Uri.parse(a.uri) : undefined;
  let line = a.line ?? 0;
  const active = vscode.window.activeTextEditor?.document.uri;
  // The active document's folder, else the first folder (a key means nothing outside every folder).
  const base = (active && services.get(active) ? active : undefined) ?? vscode.workspace.workspaceFolders?.[0]?.uri;
  const engine = base && services.get(base);
  if (!uri && !engine) {
    void vscode.window.showWarningMessage("Brief: Open Source needs a workspace folder: its sources are looked up in the folder's library.");
    return undefined;
  }
  if (!uri && base && engine) {
    const { service, ready } = engine;
    await ready;
    let key = a.key;
    const editor = vscode.window.activeTextEditor;
    if (!key && editor && editor.document.languageId === "markdown" && services.get(editor.document.uri) === engine) {
      const brief = await service.parseForLookup(editor.document.uri.path, editor.document.getText());
      key = citationAt(brief, editor.document.offsetAt(editor.selection.active))?.key;
    }
    if (!key) {
      const pick = await vscode.window.showQuickPick(
        service.library.keys().map((k) => ({ label: k, detail: service.library.get(k)?.title })),
        { title: "Open Source", placeHolder: "Source key", matchOnDetail: true },
      );
      key = pick?.label;
    }
    if (!key) return undefined;
    const entry = service.library.get(key);
    if (!entry) {
      void vscode.window.showErrorMessage(`Brief: no source has the key "${key}".`);
      return undefined;
    }
    uri = base.with({ path: entry.path });
    line = a.line ?? 0;
  }
  if (!uri) return undefined;
  // The passage starting at that line is selected; a web page or PDF opens as its extracted text.
  let target = new vscode.Range(line, 0, line, 0);
  if (uri.scheme !== SOURCE_VIEW_SCHEME) {
    const entry = services.get(uri)?.service.sourceEntryAt(uri.path);
    const passage = entry?.passages.find((p) => p.startLine === line);
    const endLine = passage?.endLine ?? line;
    const loc = sourceLocation(services, uri, uri.path, { start: { line, character: 0 }, end: { line: endLine, character: passage ? Number.MAX_SAFE_INTEGER : 0 } });
    uri = loc.uri;
    target = loc.range;
  }
  const doc = await vscode.workspace.openTextDocument(uri);
  const selection = doc.validateRange(target);
  const editor = await vscode.window.showTextDocument(doc, { selection, preview: true });
  editor.revealRange(selection, vscode.TextEditorRevealType.AtTop);
  return editor;
}

/** Check All Briefs: every brief in every folder, with a cancellable progress notification. */
async function checkWorkspace(services: BriefServices, diagnostics: BriefDiagnostics, log: vscode.LogOutputChannel): Promise<CheckWorkspaceSummary> {
  services.ensureFolders();
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: "Checking briefs", cancellable: true },
    async (progress, token) => {
      const summary: CheckWorkspaceSummary = { files: 0, problems: 0, errors: 0, cancelled: false };
      for (const { service, ready, fs } of services.all()) {
        await ready;
        const files = await service.findBriefs(token);
        for (const path of files) {
          if (token.isCancellationRequested) break;
          const uri = fs.uri(path);
          progress.report({ message: vscode.workspace.asRelativePath(uri), increment: 100 / Math.max(1, files.length) });
          const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
          if (open) {
            // An open brief goes through the editor's own check, so quick fixes see the same result.
            const r = await diagnostics.check(open);
            summary.files++;
            summary.problems += r?.problems.length ?? 0;
            summary.errors += r?.problems.filter((p) => p.severity === "error").length ?? 0;
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
          summary.files++;
          summary.problems += result.problems.length;
          summary.errors += result.problems.filter((p) => p.severity === "error").length;
        }
      }
      diagnostics.publishLibrary();
      summary.cancelled = token.isCancellationRequested;
      const msg = `${summary.cancelled ? "Stopped after" : "Checked"} ${summary.files} brief${summary.files === 1 ? "" : "s"}: ${summary.problems} problem${summary.problems === 1 ? "" : "s"} (${summary.errors} error${summary.errors === 1 ? "" : "s"}).`;
      log.info(msg);
      void vscode.window.showInformationMessage(msg, "Show Problems").then((c) => c && vscode.commands.executeCommand("workbench.actions.view.problems"));
      return summary;
    },
  );
}

interface AddSourceArgs {
  /** An http(s) URL, or a path (workspace-relative or absolute, inside the workspace) to a saved .html or .pdf. */
  url?: string;
  /** The source key (file name); asked for, with one proposed from the title, when absent. */
  key?: string;
}

/**
 * Add Source from URL…: fetch a web page or PDF (or read a saved one in the workspace), extract
 * its text and create `<sources folder>/<key>.md` with where it came from, as one undoable edit
 * that never overwrites. Returns the new file's URI.
 */
async function addSourceFromUrl(services: BriefServices, log: vscode.LogOutputChannel, args: AddSourceArgs = {}): Promise<vscode.Uri | undefined> {
  const active = vscode.window.activeTextEditor?.document.uri;
  const folder = (active && vscode.workspace.getWorkspaceFolder(active)) ?? vscode.workspace.workspaceFolders?.[0];
  const engine = folder && services.get(folder.uri);
  if (!folder || !engine) {
    void vscode.window.showWarningMessage("Brief: Add Source needs a workspace folder to hold the source.");
    return undefined;
  }
  await engine.ready;
  const input =
    args.url ??
    (await vscode.window.showInputBox({
      title: "Add Source from URL",
      prompt: "The address of a web page or PDF (http or https), or a saved .html or .pdf file in the workspace",
      placeHolder: "https://…",
      ignoreFocusOut: true,
      validateInput: (v) => (/^https?:\/\/\S+$/i.test(v.trim()) || kindOfFile(v.trim()) ? undefined : "An http or https URL, or a path to a .html, .htm or .pdf file"),
    }));
  if (!input?.trim()) return undefined;
  const target = input.trim();
  let captured: Awaited<ReturnType<typeof capture>>;
  try {
    captured = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Capturing ${target}` }, async () => {
      if (/^https?:\/\//i.test(target)) {
        const fetched = await fetchPage(target);
        return capture(fetched.bytes, fetched.kind, { url: fetched.url }, lazyExtractors);
      }
      const kind = kindOfFile(target);
      if (!kind) throw new CaptureError(`${target} is not a web page (.html, .htm) or a PDF (.pdf)`);
      const path = target.startsWith("/") ? target : `${folder.uri.path.replace(/\/$/, "")}/${target}`;
      // Through the workspace gate: a file outside the workspace is refused.
      const bytes = await engine.service.readWorkspaceFile(path);
      return capture(bytes, kind, { file: path }, lazyExtractors);
    });
  } catch (e) {
    const msg = `Brief: cannot capture ${target}: ${(e as Error).message}`;
    void vscode.window.showErrorMessage(msg);
    log.warn(msg);
    return undefined;
  }
  const sourcesFolder = engine.service.config.sources[0] ?? `${folder.uri.path}/sources`;
  const uriFor = (key: string) => folder.uri.with({ path: `${sourcesFolder}/${key}.md` });
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
  log.info(`captured ${target} as ${vscode.workspace.asRelativePath(uri)}`);
  await engine.service.library.updateFile(uri.path);
  await vscode.window.showTextDocument(uri, { preview: false });
  return uri;
}
