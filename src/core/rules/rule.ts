import type { Brief, Sentence } from "../parse/brief";
import type { BriefConfig } from "../config";
import type { SourceEntry, SourceLibrary } from "../sources/library";
import type { Fix, Range, SeveritySetting } from "../types";
import type { Claim } from "../verify/claims";

/** A source a brief can cite: from the library or from the brief's own reference line. */
export interface ResolvedSource {
  key: string;
  entry: SourceEntry;
  library: SourceLibrary;
}

export interface RuleContext {
  brief: Brief;
  config: BriefConfig;
  library: SourceLibrary;
  /** The source folders as the writer knows them (relative to the root), for messages. */
  sourceFolders: readonly string[];
  /** Those of `sourceFolders` that do not exist: every key is unknown because of them, not a typo. */
  missingSourceFolders?: readonly string[];
  /** The source a key names for this brief, local reference lines first. */
  resolve(key: string): ResolvedSource | undefined;
  /** Why a reference line of the brief does not resolve, if it does not. */
  referenceError(key: string): string | undefined;
  /** Keys of the bibliography entries this brief may cite (config and front matter `bibliography`). */
  bibliographyKeys(): string[];
  /** The bibliography entry this brief may cite under `key`, even where a library file has the key too (its metadata is the reference's). */
  bibliographyEntry?(key: string): SourceEntry | undefined;
  /** Library keys closest in spelling to a key, best first. */
  closestKeys(key: string, limit?: number): string[];
  /** The key of the source that best supports a text, if any shares content with it. */
  bestSourceFor(text: string): { key: string; coverage: number } | undefined;
  /** The distinct cited sources of a sentence that resolve. */
  citedSources(sentence: Sentence): ResolvedSource[];
  /** The workspace folder's name, when the editor has several (for messages). */
  folderName?: string;
  /** Other workspace folders whose libraries hold a key (a brief cites only its own folder's sources). */
  keyElsewhere?(key: string): string[];
  /** A bibliography entry this brief may cite that has `key` but could not be read, and why. */
  unreadableEntry?(key: string): { uri: string; line: number; message: string } | undefined;
  /** The key a source that had `key` has now, when its file was renamed or moved since. */
  renamedKey?(key: string): string | undefined;
}

export interface Report {
  /** Offsets in the brief. */
  start: number;
  end: number;
  message: string;
  fixes?: Array<Omit<Fix, "edits"> & { edits: Array<{ start: number; end: number; newText: string }> }>;
  data?: Record<string, unknown>;
}

export interface Rule {
  name: string;
  /** `off` for a rule a team turns on (unverified-claim). */
  defaultSeverity: SeveritySetting;
  /** One line: what the rule checks. */
  description: string;
  /** A small example that fires the rule, for the documentation. */
  example: string;
  /** Rules about the library rather than one brief run once per check, not per brief. */
  scope?: "library";
  /** A family a config can turn off at once (`"tradecraft": false`). */
  family?: "tradecraft";
  /** Checks one brief (brief rules). */
  check?(context: RuleContext, report: (r: Report) => void): void;
  /** Checks a brief's claims once their verdicts are known (after every other rule). */
  checkClaims?(claims: readonly Claim[], context: RuleContext, report: (r: Report) => void): void;
  /** Checks the source library (library rules); problems are on the source files. */
  checkLibrary?(library: SourceLibrary, report: (r: LibraryReport) => void): void;
}

/** A problem on a source file: 0-based range in that file. */
export interface LibraryReport {
  path: string;
  range: Range;
  message: string;
  related?: Array<{ path: string; range: Range; message: string }>;
}

export const DOCS_URL = "https://github.com/brief-author/brief-author/blob/main/README.md";

export function ruleDocUrl(name: string): string {
  return `${DOCS_URL}#${name.toLowerCase()}`;
}

/** Trims a text to at most `max` characters for a message. */
export function excerpt(text: string, max = 80): string {
  const t = text.replace(/\s+/g, " ").trim();
  return t.length <= max ? t : t.slice(0, max - 1).trimEnd() + "…";
}
