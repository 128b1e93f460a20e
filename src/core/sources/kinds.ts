/**
 * The one registry of source kinds: which files are sources, what each kind is called, whether
 * its text is read as it is or through an extractor (and then shown in the editor as a read-only
 * view of that text), and whether Add Source captures it. Every other place reads this table; a
 * new kind (say `.docx`) is a row here and, if extracted, an extractor in src/node/extract.
 */

export type SourceKind = "markdown" | "text" | "html" | "pdf" | "bibliography";

/** The kinds that are files in a source folder (a bibliography entry is not). */
export type FileSourceKind = Exclude<SourceKind, "bibliography">;

/** Kinds whose text an extractor reads (`Extractors[kind]`). */
export type ExtractedKind = "html" | "pdf";

export interface SourceKindInfo {
  kind: FileSourceKind;
  /** Lower-case file extensions, with the dot. */
  extensions: readonly string[];
  /** What messages call a file of this kind. */
  noun: string;
  /** Read through the extractor of this name; its text opens in the editor as a read-only view. */
  extractor?: ExtractedKind;
  /** Add Source captures a page or file of this kind (from a URL or a saved file). */
  capturable: boolean;
}

export const SOURCE_KINDS: readonly SourceKindInfo[] = [
  { kind: "markdown", extensions: [".md", ".markdown"], noun: "source", capturable: false },
  { kind: "text", extensions: [".txt"], noun: "text file", capturable: false },
  { kind: "html", extensions: [".html", ".htm"], noun: "web page", extractor: "html", capturable: true },
  { kind: "pdf", extensions: [".pdf"], noun: "PDF", extractor: "pdf", capturable: true },
];

export const SOURCE_EXTENSIONS: readonly string[] = SOURCE_KINDS.flatMap((k) => k.extensions);
/** Sources written as text (read as they are). */
export const TEXT_SOURCE_EXTENSIONS: readonly string[] = SOURCE_KINDS.filter((k) => !k.extractor).flatMap((k) => k.extensions);
/** Sources read through an extractor. */
export const DOCUMENT_SOURCE_EXTENSIONS: readonly string[] = SOURCE_KINDS.filter((k) => k.extractor).flatMap((k) => k.extensions);

/** The lower-case extension of a path (with its dot), or "" when it has none. */
function extensionOf(path: string): string {
  const slash = path.lastIndexOf("/");
  const dot = path.lastIndexOf(".");
  return dot > slash ? path.slice(dot).toLowerCase() : "";
}

/** The kind of a source file by its extension, or undefined when it is no source. */
export function sourceKindInfo(path: string): SourceKindInfo | undefined {
  const ext = extensionOf(path);
  return SOURCE_KINDS.find((k) => k.extensions.includes(ext));
}

export function isSourceFile(path: string): boolean {
  return sourceKindInfo(path) !== undefined;
}

/** A source file's kind (Markdown for a path of no known kind, as the library reads it). */
export function sourceKindOf(path: string): FileSourceKind {
  return sourceKindInfo(path)?.kind ?? "markdown";
}

/** The kind's row (bibliography entries have none). */
export function kindInfo(kind: SourceKind): SourceKindInfo | undefined {
  return SOURCE_KINDS.find((k) => k.kind === kind);
}

/** True for kinds whose text was extracted from another format (shown as a read-only view). */
export function isExtractedKind(kind: SourceKind): boolean {
  return kindInfo(kind)?.extractor !== undefined;
}

/** What messages call a source of this kind ("web page", "PDF", "bibliography entry"). */
export function kindNoun(kind: SourceKind): string {
  return kind === "bibliography" ? "bibliography entry" : (kindInfo(kind)?.noun ?? "source");
}

/** The kind Add Source captures from a saved file, by its extension. */
export function capturableKindOfFile(path: string): ExtractedKind | undefined {
  const info = sourceKindInfo(path);
  return info?.capturable ? info.extractor : undefined;
}

/** The extensions Add Source takes from a saved file, without their dots (a file dialog's filter). */
export const CAPTURABLE_EXTENSIONS: readonly string[] = SOURCE_KINDS.filter((k) => k.capturable).flatMap((k) => k.extensions.map((e) => e.slice(1)));

/** A source's name without its extension: its key when nothing else names one. */
export function sourceName(path: string): string {
  const slash = Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\"));
  const name = path.slice(slash + 1);
  return isSourceFile(name) ? name.slice(0, name.length - extensionOf(name).length) : name;
}
