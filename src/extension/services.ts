import * as vscode from "vscode";
import { BriefService, type BriefConfig, type ExtractionCache, type SeveritySetting } from "../core";
import { lazyExtractors } from "../node/extract/load";
import { FolderExtractionCache, JsonFileStore } from "../node/extractionCache";
import { sha256Hex } from "../core/sources/hash";
import { MarkdownlintPool } from "../node/markdownlintPool";
import * as path from "node:path";
import { WorkspaceFileSystem } from "./workspaceFs";

/** Editor settings as engine settings (the config file overrides them). */
export function readSettings(scope: vscode.ConfigurationScope | undefined): Partial<BriefConfig> {
  const c = vscode.workspace.getConfiguration("briefAuthor", scope);
  const s: Partial<BriefConfig> = {
    files: c.get<string[]>("files"),
    sources: c.get<string[]>("sources"),
    requiredSections: c.get<string[]>("requiredSections"),
    citationRequired: c.get<string[]>("citationRequired"),
    rules: c.get<Record<string, SeveritySetting>>("rules"),
    maxSourceBytes: c.get<number>("maxSourceBytes"),
    supportThreshold: c.get<number>("supportThreshold"),
  };
  if (c.get<boolean>("markdownlint.enable") === false) s.markdownlint = false;
  const yardstick = c.get<string>("tradecraft.yardstick");
  if (c.get<boolean>("tradecraft.enable") === false) s.tradecraft = false;
  else if (yardstick === "icd203" || yardstick === "phia") s.tradecraft = { yardstick };
  return s;
}

/**
 * Source folders outside the workspace that the user trusts: the user-level value of
 * `briefAuthor.sources` only. A workspace's own settings (`.vscode/settings.json`) may name
 * source folders inside the workspace, never outside it.
 */
export function readAllowedFolders(scope: vscode.ConfigurationScope | undefined): string[] {
  return vscode.workspace.getConfiguration("briefAuthor", scope).inspect<string[]>("sources")?.globalValue ?? [];
}

/** The engine of one workspace folder. */
export interface BriefEngine {
  readonly folder: vscode.WorkspaceFolder;
  readonly service: BriefService;
  /** Resolves once the config and the source library are loaded (never rejects). */
  readonly ready: Promise<void>;
  readonly fs: WorkspaceFileSystem;
  /** True once the folder left the workspace: its results must not be published any more. */
  readonly disposed: boolean;
}

export interface EnginesChangeEvent {
  readonly added: readonly BriefEngine[];
  readonly removed: readonly BriefEngine[];
}

/** The scheme and authority of a URI: a document and a folder on different file systems never match. */
function fileSystemOf(uri: vscode.Uri): string {
  return `${uri.scheme}://${uri.authority}`;
}

/** True when `uri` is on the engine's file system (same scheme and authority as its folder). */
export function onFileSystemOf(engine: BriefEngine, uri: vscode.Uri): boolean {
  return fileSystemOf(engine.folder.uri) === fileSystemOf(uri);
}

/** True when `uri` is the engine's folder or inside it. */
export function insideFolder(engine: BriefEngine, uri: vscode.Uri): boolean {
  const root = engine.folder.uri.path.replace(/\/+$/, "");
  return onFileSystemOf(engine, uri) && (uri.path === root || uri.path.startsWith(root + "/"));
}

class Engine implements BriefEngine {
  disposed = false;
  constructor(
    readonly folder: vscode.WorkspaceFolder,
    readonly service: BriefService,
    readonly ready: Promise<void>,
    readonly fs: WorkspaceFileSystem,
  ) {}
}

/**
 * One engine per workspace folder, and none for anything else: a document outside every folder, an
 * `untitled:` document or one of another scheme gets no engine (so no source folder next to a stray
 * file is ever read). Folders added to the workspace get an engine; removed ones lose theirs.
 */
export class BriefServices implements vscode.Disposable {
  private readonly byFolder = new Map<string, Engine>();
  private readonly changed = new vscode.EventEmitter<EnginesChangeEvent>();
  private readonly subscriptions: vscode.Disposable[] = [];
  /** Fires after engines were created (a folder was added) or disposed (a folder was removed). */
  readonly onDidChangeEngines = this.changed.event;
  private readonly libraryRead = new vscode.EventEmitter<BriefEngine>();
  /**
   * Fires when an engine has read its whole library in the background (after its first checks,
   * which read only what they cite): its library problems and whole-library ranking are complete.
   */
  readonly onDidReadLibrary = this.libraryRead.event;

  private readonly extractionCache: ExtractionCache | undefined;
  private pool: MarkdownlintPool | null | undefined;

  /**
   * markdownlint's thread: brief-author's rules run on the extension host's thread (a few
   * milliseconds a check) while markdownlint, most of a check's time, runs beside it. Undefined
   * where threads are not available: markdownlint then runs in the check.
   */
  markdownlintPool(): MarkdownlintPool | undefined {
    if (this.pool === undefined) this.pool = MarkdownlintPool.create({ size: 1, script: path.join(__dirname, "markdownlint-worker.js") }) ?? null;
    return this.pool ?? undefined;
  }

  /** `cacheFolder`: where extracted web pages and PDFs and each folder's source index are kept (the extension's storage). */
  constructor(
    private readonly log: vscode.LogOutputChannel,
    private readonly cacheFolder?: string,
  ) {
    this.extractionCache = cacheFolder ? new FolderExtractionCache(cacheFolder) : undefined;
    this.subscriptions.push(
      this.changed,
      this.libraryRead,
      vscode.workspace.onDidChangeWorkspaceFolders((e) => this.foldersChanged(e)),
    );
  }

  /** The engine of the workspace folder holding `uri`, or undefined when no workspace folder holds it. */
  get(uri: vscode.Uri): BriefEngine | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder || fileSystemOf(folder.uri) !== fileSystemOf(uri)) return undefined;
    const existing = this.byFolder.get(folder.uri.toString());
    if (existing) return existing;
    const created = this.create(folder);
    this.changed.fire({ added: [created], removed: [] });
    return created;
  }

  /** The engines of the current workspace folders. */
  all(): BriefEngine[] {
    return [...this.byFolder.values()];
  }

  /** The root URI of every engine (one per workspace folder). */
  roots(): string[] {
    return [...this.byFolder.keys()];
  }

  /** Resolves when every current engine has loaded its library. */
  async whenReady(): Promise<void> {
    await Promise.all(this.all().map((e) => e.ready));
  }

  /** Makes sure every workspace folder has its engine. */
  ensureFolders(): void {
    const added: BriefEngine[] = [];
    for (const f of vscode.workspace.workspaceFolders ?? []) if (!this.byFolder.has(f.uri.toString())) added.push(this.create(f));
    if (added.length) this.changed.fire({ added, removed: [] });
  }

  async isBrief(doc: vscode.TextDocument): Promise<boolean> {
    if (doc.languageId !== "markdown") return false;
    const engine = this.get(doc.uri);
    if (!engine) return false;
    await engine.ready;
    return !engine.disposed && engine.service.isBrief(doc.uri.path, doc.getText());
  }

  private create(folder: vscode.WorkspaceFolder): Engine {
    const fs = new WorkspaceFileSystem(folder.uri);
    let created: Engine | undefined;
    const service = new BriefService({
      // Sources are listed by key at activation; each check reads what it cites, the rest is read after.
      readSources: "background",
      onLibraryRead: () => created && !created.disposed && this.libraryRead.fire(created),
      fs,
      root: folder.uri.path,
      settings: readSettings(folder),
      allowedFolders: readAllowedFolders(folder),
      extractors: lazyExtractors,
      extractionCache: this.extractionCache,
      // The folder's source index, kept between sessions: a restart re-reads only changed sources.
      indexStore: this.cacheFolder ? new JsonFileStore(path.join(this.cacheFolder, "..", "index", `${sha256Hex(folder.uri.toString()).slice(0, 16)}.json`)) : undefined,
      saveIndexDelayMs: 5000,
      // With several workspace folders, messages say whose sources were searched, and where else a key is.
      folderName: () => ((vscode.workspace.workspaceFolders?.length ?? 0) > 1 ? folder.name : undefined),
      keyElsewhere: (key) => this.all().filter((e) => e.folder.uri.toString() !== folder.uri.toString() && !e.disposed && e.service.library.has(key)).map((e) => e.folder.name),
      logger: { info: (m) => this.log.info(m), warn: (m) => this.log.warn(m), error: (m) => this.log.error(m) },
    });
    const ready = service.initialize().catch((e) => this.log.error(`${folder.name}: cannot load the source library: ${(e as Error).message}`));
    const engine = (created = new Engine(folder, service, ready, fs));
    this.byFolder.set(folder.uri.toString(), engine);
    this.log.info(`engine created for workspace folder ${folder.name} (${folder.uri.toString()})`);
    return engine;
  }

  private foldersChanged(e: vscode.WorkspaceFoldersChangeEvent): void {
    const removed: BriefEngine[] = [];
    for (const f of e.removed) {
      const engine = this.byFolder.get(f.uri.toString());
      if (!engine) continue;
      this.byFolder.delete(f.uri.toString());
      engine.disposed = true;
      engine.service.dispose();
      removed.push(engine);
      this.log.info(`engine disposed: workspace folder ${f.name} was removed`);
    }
    const added: BriefEngine[] = [];
    for (const f of e.added) if (!this.byFolder.has(f.uri.toString())) added.push(this.create(f));
    if (added.length || removed.length) this.changed.fire({ added, removed });
  }

  dispose(): void {
    void this.pool?.close();
    for (const e of this.byFolder.values()) {
      e.disposed = true;
      e.service.dispose();
    }
    this.byFolder.clear();
    for (const s of this.subscriptions) s.dispose();
  }
}
