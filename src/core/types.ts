/** Plain data shared by the engine, the CLI and the editor layer. Positions are 0-based. */

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type Severity = "error" | "warning" | "information" | "hint";
export type SeveritySetting = Severity | "off";

export interface TextEdit {
  range: Range;
  newText: string;
}

/** An edit to a file other than the document being checked (e.g. none yet) or to the document itself. */
export interface Fix {
  title: string;
  /** Edits to the checked document. */
  edits: TextEdit[];
  /** Prefer this fix when several are offered for one problem. */
  preferred?: boolean;
}

export interface RelatedInfo {
  uri: string;
  range: Range;
  message: string;
}

export interface Problem {
  rule: string;
  severity: Severity;
  message: string;
  range: Range;
  /** The document the problem is in, when it is not the checked brief (e.g. a source or the config file). */
  uri?: string;
  fixes?: Fix[];
  related?: RelatedInfo[];
  /** Rule documentation link. */
  docUrl?: string;
  /** Extra data for quick fixes (e.g. the missing section name, the cited key). */
  data?: Record<string, unknown>;
}

export function range(sl: number, sc: number, el: number, ec: number): Range {
  return { start: { line: sl, character: sc }, end: { line: el, character: ec } };
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

export function rangeContains(r: Range, p: Position): boolean {
  return comparePositions(r.start, p) <= 0 && comparePositions(p, r.end) <= 0;
}
