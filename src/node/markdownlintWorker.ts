/** The extension's markdownlint thread (`dist/markdownlint-worker.js`): see markdownlintPool.ts. */
import { serveMarkdownlint } from "./markdownlintPool";

serveMarkdownlint();
