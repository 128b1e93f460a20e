import { pushAll } from "../../core/arrays";
import { CAPTURABLE_EXTENSIONS } from "../../core/sources/kinds";
import * as vscode from "vscode";
import * as os from "node:os";
import { realpathSync } from "node:fs";
import {
  BUILT_IN_TEMPLATES,
  briefFileName,
  fillTemplate,
  templateSnippet,
  rankSources,
  sentenceAt,
  today,
  updateSourcesSectionEdit,
  listKeyEdit,
  citationAt,
  isValidKey,
  writeKey,
  type BriefTemplate,
} from "../../core";
import { warnMissingFolders, type BriefDiagnostics } from "./diagnostics";
import type { BriefServices } from "../services";
import { fixAllEdit } from "./codeActions";
import { SOURCE_VIEW_SCHEME, sourceLocation } from "./sourceView";
import { markStep } from "./walkthrough";
import { kindOfFile } from "../../node/capture";
import { DuplicateSourceError, captureSource, displayTarget, parseCaptureTarget, type CaptureResult, type CaptureTarget } from "../../node/addSource";
import { nodeFileSystem } from "../../node/fileSystem";
import { lazyExtractors } from "../../node/extract/load";
import { plural, toDiagnostic } from "../convert";
import { countSeverities, describeCounts, totalOf } from "../../core/summary";
import type { Problem } from "../../core";

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
  reg("briefAuthor.reindexSources", () => reindexSources(services, diagnostics, log));
}

export interface ReindexSummary {
  sources: number;
  /** Unreadable files and duplicate keys found. */
  problems: number;
  /** Configured source folders that do not exist, relative to their workspace folder. */
  missing: string[];
  ms: number;
}

/** Re-index Sources: every folder's library read again, with a progress notification and a summary when done. */
async function reindexSources(services: BriefServices, diagnostics: BriefDiagnostics, log: vscode.LogOutputChannel): Promise<ReindexSummary> {
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

/** The hint New Brief writes for an author it does not know (a tab stop the writer fills). */
const ASK = { author: "Your name" };

/** Where New Brief proposes the file: the folder last used, else the active brief's, else the one holding most briefs. */
async function proposedFolder(services: BriefServices, state: vscode.Memento, folder: vscode.Uri): Promise<string> {
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
async function askFileName(folder: vscode.Uri, value: string): Promise<string | undefined> {
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
async function newBrief(services: BriefServices, log: vscode.LogOutputChannel, state: vscode.Memento, args: NewBriefArgs = {}): Promise<vscode.Uri | undefined> {
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

function notInFolder(uri: vscode.Uri): string {
  return `Brief: ${uri.scheme === "untitled" ? "an untitled document" : vscode.workspace.asRelativePath(uri)} is not in a workspace folder, so it has no source library. Save it in a workspace folder first.`;
}

/** The operating-system user name, unless it is a system account's (`root`, `admin`): no one signs a brief as `root`. */
function personalUserName(): string {
  try {
    const info = os.userInfo();
    if (info.uid === 0 || /^(root|admin|administrator|user|vscode|node|codespace)$/i.test(info.username)) return "";
    return info.username;
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
    await service.readLibrary();
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
  const written = writeKey(key) ?? key;
  let insert = `[@${written}]`;
  if (inside?.citation && offset > inside.citation.start && offset < inside.citation.end) {
    at = inside.citation.end - 1;
    insert = `; @${written}`;
  } else if (sentence && offset >= sentence.end - 1) {
    // At the end of a sentence: cite before its closing punctuation.
    const m = /[.!?…]["'”’)\]]*$/.exec(doc.getText().slice(sentence.start, sentence.end));
    if (m) at = sentence.start + m.index;
    insert = ` [@${written}]`;
  } else if (offset > 0 && !/\s/.test(doc.getText().charAt(offset - 1))) {
    insert = ` [@${written}]`;
  }
  const edit = new vscode.WorkspaceEdit();
  edit.insert(doc.uri, doc.positionAt(at), insert);
  // The Sources section keeps up: the key is listed there in the same (undoable) edit.
  const listed = service.ruleEnabled("unlisted-source") ? listKeyEdit(brief, key, at) : undefined;
  if (listed) edit.replace(doc.uri, new vscode.Range(doc.positionAt(listed.start), doc.positionAt(listed.end)), listed.newText);
  await vscode.workspace.applyEdit(edit);
  markStep("cite");
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
      await service.readLibrary();
      const pick = await vscode.window.showQuickPick(
        service.library.keys().map((k) => ({ label: k, detail: service.library.get(k)?.title })),
        { title: "Open Source", placeHolder: "Source key", matchOnDetail: true },
      );
      key = pick?.label;
    }
    if (!key) return undefined;
    await service.libraryIdle();
    await service.library.ensureKeys([key]);
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
    const entry = await services.get(uri)?.service.sourceEntryAt(uri.path);
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
  markStep("hover");
  return editor;
}

/** Check All Briefs: every brief in every folder, with a cancellable progress notification. */
async function checkWorkspace(services: BriefServices, diagnostics: BriefDiagnostics, log: vscode.LogOutputChannel): Promise<CheckWorkspaceSummary> {
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

/**
 * A progress notification of a quick run stays up this long, so the analyst sees that the command
 * ran and what it was doing before the summary replaces it (a notification that lives for 20 ms is
 * never drawn).
 */
const MIN_PROGRESS_MS = 800;

function visibleFor(started: number): Promise<void> {
  const left = MIN_PROGRESS_MS - (Date.now() - started);
  return left > 0 ? new Promise((resolve) => setTimeout(resolve, left)) : Promise.resolve();
}

interface AddSourceArgs {
  /** An http(s) URL, a `file://` address, or a path (workspace-relative or absolute) to a saved .html or .pdf. */
  url?: string;
  /** A path (absolute) to read as if typed: through the workspace gate, or after a confirmation when outside it. Only the file dialog's own pick is read without asking. */
  file?: string;
  /** The source key (file name); asked for, with one proposed from the title, when absent. */
  key?: string;
}

/** Add Source from File…: a file dialog for a saved page or PDF, wherever the browser saved it. */
async function addSourceFromFile(services: BriefServices, log: vscode.LogOutputChannel, args: AddSourceArgs = {}): Promise<vscode.Uri | undefined> {
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
async function addSourceFromUrl(services: BriefServices, log: vscode.LogOutputChannel, args: AddSourceArgs = {}, pickedFile?: vscode.Uri): Promise<vscode.Uri | undefined> {
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
      validateInput: (v) => (/^(?:https?|file):\/\/\S+/i.test(v.trim()) || kindOfFile(v.trim()) ? undefined : "An http, https or file:// address, or a path to a .html, .htm or .pdf file"),
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
function realPathOf(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}

function basenameOf(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf("/") + 1);
}
