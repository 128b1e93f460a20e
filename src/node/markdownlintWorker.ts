/**
 * The extension's markdownlint bundle (`dist/markdownlint-worker.js`): as a thread it serves
 * lint jobs (markdownlintPool.ts); required on the extension's thread it gives markdownlint's
 * functions (markdownlintLazy.ts).
 */
import { isMarkdownlintWorker, serveMarkdownlint } from "./markdownlintPool";

export { markdownlintApi } from "../core/parse/markdownlintApi";

if (isMarkdownlintWorker()) serveMarkdownlint();
