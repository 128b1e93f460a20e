/**
 * The bundles' stand-in for `src/core/parse/markdownlintApi.ts` (swapped in by
 * scripts/build.mjs): markdownlint is loaded from `dist/markdownlint-worker.js` the first time
 * it is needed (a fix to apply, or a check where no thread is available), never at activation,
 * nor on the CLI's thread when its threads lint every brief. With its code cache where there is
 * one (the CLI's: src/node/codeCache.ts).
 */
import * as path from "node:path";
import type { MarkdownlintApi } from "../core/parse/markdownlintApi";
import { requireWithCodeCache } from "./codeCache";

let loaded: MarkdownlintApi | undefined;

function load(): MarkdownlintApi {
  return (loaded ??= (requireWithCodeCache(path.join(__dirname, "markdownlint-worker.js")) as { markdownlintApi: MarkdownlintApi }).markdownlintApi);
}

export const markdownlintApi: MarkdownlintApi = {
  lint: (text, config) => load().lint(text, config),
  lintMany: (texts, config) => load().lintMany(texts, config),
  applyFix: (line, fixInfo, lineEnding) => load().applyFix(line, fixInfo, lineEnding),
  applyFixes: (text, errors) => load().applyFixes(text, errors),
};
