import type { Claim } from "../verify/claims";
import type { BriefConfig } from "../config";
import type { FileSystem } from "../fs";
import type { Brief } from "../parse/brief";
import type { Extractors } from "../sources/extracted";
import type { ExtractionCache } from "../sources/library";
import type { Problem } from "../types";
import type { Logger } from "./logger";
import type { IndexStore } from "./sourceStore";

export interface BriefServiceOptions {
  fs: FileSystem;
  /** The workspace root (absolute, `/`-separated). */
  root: string;
  /** Settings that apply under the config file (editor settings, CLI flags). */
  settings?: Partial<BriefConfig>;
  /** Settings that override the config file (CLI `--sources`); their source folders are trusted. */
  overrides?: Partial<BriefConfig>;
  /**
   * Folders outside the workspace the user trusts as sources (the editor's user-level
   * `briefAuthor.sources`). `settings.sources` alone never reach outside the workspace: in the
   * editor they may come from the workspace's own `.vscode/settings.json`.
   */
  allowedFolders?: readonly string[];
  /** An explicit config file instead of `<root>/.briefrc.json`. */
  configFile?: string;
  /** Batch mode (the CLI): sources are indexed when first cited, and no fix searches the whole library. */
  batch?: boolean;
  /**
   * When the library reads its sources' text: "onDemand" reads a source when a check or look-up
   * first needs it (the CLI); "background" lists every source by its key at load, reads the ones
   * each check needs, and reads the rest in the background, then calls `onLibraryRead` (the
   * editor); "all" (the default) reads everything at load.
   */
  readSources?: "all" | "background" | "onDemand";
  /** Called when a background read of the whole library is done (the editor re-publishes). */
  onLibraryRead?: () => void;
  logger?: Logger;
  /** Reads web pages, PDFs and BibTeX (the Node host passes lazily loaded ones). */
  extractors?: Extractors;
  /** Remembers extracted web pages and PDFs by content hash, across runs. */
  extractionCache?: ExtractionCache;
  /** Where the editor keeps its source index between sessions (its storage folder). */
  indexStore?: IndexStore;
  /** Save the index this long after a load (0: before the load resolves). */
  saveIndexDelayMs?: number;
  /** The workspace folder's name, when the editor has several: messages say which folder's sources. */
  folderName?: () => string | undefined;
  /** The other workspace folders whose libraries hold a key (the editor, with several folders). */
  keyElsewhere?: (key: string) => string[];
}

export interface CheckResult {
  brief: Brief;
  problems: Problem[];
  /** Every claim of the brief with its verdict (confirmed, contradicted, unverified). */
  claims: Claim[];
  /** Rules that threw on this brief: their results are left out, never half-reported. */
  failures: Array<{ rule: string; message: string }>;
}

