import { markdownlintApi } from "./markdownlintApi";
import type { Configuration, LintError } from "markdownlint";
import { DEFAULT_LIMITS, type Limits } from "../config";
import { readLightStructure, type LightStats } from "./lightStructure";

/** The block structure of a Markdown text, read off markdownlint's own micromark parse. */
export interface MarkdownStructure {
  headings: HeadingBlock[];
  paragraphs: ParagraphBlock[];
  /** [start, end) offsets of code spans, code blocks and HTML, where nothing is a citation. */
  codeRanges: Array<[number, number]>;
  /** [start, end) offsets of link reference definitions (`[@key]: path "title"`). */
  definitions: Array<[number, number]>;
  /** Lines (0-based) taken by front matter, as markdownlint saw it. */
  frontMatterLineCount: number;
}

export interface HeadingBlock {
  level: number;
  text: string;
  line: number;
  start: number;
  end: number;
  textStart: number;
  textEnd: number;
}

export interface ParagraphBlock {
  start: number;
  end: number;
  /** Depth of list nesting (0 = not in a list). */
  listDepth: number;
  /** Start offset of the list item marker when the paragraph is the first of a list item. */
  listItemStart?: number;
}

export interface LintRun {
  structure: MarkdownStructure;
  /** markdownlint's own problems (empty when markdownlint is turned off or skipped). */
  errors: LintError[];
  /** Why micromark and markdownlint were not run on this text (a limit was passed), if so. */
  skipped?: string;
  /** markdownlint threw on the text: the message (its problems are left out). */
  failure?: string;
}

/** Which limit a text passes, as a sentence for the writer, or undefined when none. */
export function limitPassed(length: number, stats: LightStats, limits: Limits = DEFAULT_LIMITS): string | undefined {
  const n = (x: number) => x.toLocaleString("en-US");
  if (length > limits.markdownlintBytes) return `the brief is ${n(length)} characters long (limit "markdownlintBytes" is ${n(limits.markdownlintBytes)})`;
  if (stats.maxParagraphLines > limits.paragraphLines) return `one paragraph has ${n(stats.maxParagraphLines)} lines (limit "paragraphLines" is ${n(limits.paragraphLines)})`;
  if (stats.maxParagraphBrackets > limits.paragraphBrackets) return `one paragraph has ${n(stats.maxParagraphBrackets)} square brackets (limit "paragraphBrackets" is ${n(limits.paragraphBrackets)})`;
  if (stats.maxDepth > limits.nesting) return `lists or block quotes nest ${n(stats.maxDepth)} levels deep (limit "nesting" is ${n(limits.nesting)})`;
  return undefined;
}

/**
 * The structure brief-author's rules read, and markdownlint's problems. The structure comes from
 * the linear reader (`lightStructure.ts`, which reads what micromark reads: the fixtures and a
 * fuzz property compare the two), so the rules never wait for micromark; markdownlint runs on its
 * own (`markdownlintErrors`), and the CLI runs it on other threads (`precomputed`).
 *
 * micromark's time grows faster than its input on some shapes of text (a paragraph of tens of
 * thousands of lines, thousands of brackets in one paragraph, deep nesting): past any of
 * `limits` markdownlint is not run, and `skipped` says why.
 */
export function lintMarkdown(text: string, config: Configuration | false | undefined, limits: Limits = DEFAULT_LIMITS, precomputed?: readonly LintError[]): LintRun {
  const light = readLightStructure(text);
  const over = limitPassed(text.length, light.stats, limits);
  if (over) return { structure: light.structure, errors: [], skipped: over };
  if (config === false) return { structure: light.structure, errors: [] };
  if (precomputed) return { structure: light.structure, errors: [...precomputed] };
  try {
    return { structure: light.structure, errors: markdownlintErrors(text, config) };
  } catch (e) {
    return { structure: light.structure, errors: [], failure: String((e as Error)?.message ?? e).split("\n")[0] };
  }
}

/** markdownlint's problems on a text (a pure function of text and config: it may run on any thread). */
export function markdownlintErrors(text: string, config: Configuration | undefined): LintError[] {
  return markdownlintApi.lint(text, { ...(config ?? {}) });
}

/** markdownlint's problems on several texts under one config, in one run (each text's problems, as `markdownlintErrors` gives them). */
export function markdownlintErrorsMany(texts: readonly string[], config: Configuration | undefined): LintError[][] {
  return markdownlintApi.lintMany(texts, { ...(config ?? {}) });
}

/** Whether markdownlint would be skipped on a text (a limit passed), so no thread need run it. */
export function markdownlintSkipped(text: string, limits: Limits = DEFAULT_LIMITS): boolean {
  return limitPassed(text.length, readLightStructure(text).stats, limits) !== undefined;
}
