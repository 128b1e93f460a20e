/**
 * The extension's stand-in for `src/core/parse/markdownlintApi.ts` (swapped in by
 * scripts/build.mjs): markdownlint is loaded from `dist/markdownlint-worker.js` the first time
 * it is needed (a fix to apply, or a check where no thread is available), never at activation.
 */
import * as path from "node:path";
import type { MarkdownlintApi } from "../core/parse/markdownlintApi";

let loaded: MarkdownlintApi | undefined;

function load(): MarkdownlintApi {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (loaded ??= (require(path.join(__dirname, "markdownlint-worker.js")) as { markdownlintApi: MarkdownlintApi }).markdownlintApi);
}

export const markdownlintApi: MarkdownlintApi = {
  lint: (text, config) => load().lint(text, config),
  lintMany: (texts, config) => load().lintMany(texts, config),
  applyFix: (line, fixInfo, lineEnding) => load().applyFix(line, fixInfo, lineEnding),
  applyFixes: (text, errors) => load().applyFixes(text, errors),
};
