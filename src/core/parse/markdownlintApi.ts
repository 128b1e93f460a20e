/**
 * The parts of markdownlint the engine calls, in one module. The CLI and the tests bundle it as
 * it is; the extension's bundle swaps it (scripts/build.mjs) for `src/node/markdownlintLazy.ts`,
 * which loads markdownlint from the extension's markdownlint thread bundle on first use, so the
 * extension activates without loading markdownlint at all.
 */
import { lint } from "markdownlint/sync";
import { applyFix, applyFixes } from "markdownlint";
import type { Configuration, FixInfo, LintError } from "markdownlint";

export interface MarkdownlintApi {
  lint(text: string, config: Configuration): LintError[];
  /**
   * Several texts under one config in one markdownlint run (its per-run set-up, such as compiling
   * the front-matter pattern and mapping rule aliases, then happens once): each text's problems.
   */
  lintMany(texts: readonly string[], config: Configuration): LintError[][];
  applyFix(line: string, fixInfo: FixInfo, lineEnding?: string): string | null;
  applyFixes(text: string, errors: LintError[]): string;
}

export const markdownlintApi: MarkdownlintApi = {
  lint: (text, config) => lint({ strings: { brief: text }, config, handleRuleFailures: true }).brief ?? [],
  lintMany: (texts, config) => {
    const strings: Record<string, string> = {};
    texts.forEach((t, i) => (strings[`b${i}`] = t));
    const results = lint({ strings, config, handleRuleFailures: true });
    return texts.map((_, i) => results[`b${i}`] ?? []);
  },
  applyFix,
  applyFixes,
};
