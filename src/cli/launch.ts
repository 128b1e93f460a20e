/**
 * `dist/cli.js`: runs the CLI bundle (`dist/cli-main.js`) with V8's code cache for it (see
 * `src/node/codeCache.ts`). Kept small: the bundle itself is the CLI, and runs without it.
 */
import * as path from "node:path";
import { setFlagsFromString } from "node:v8";
import { isMainThread, workerData } from "node:worker_threads";
import { requireWithCodeCache } from "../node/codeCache";
import { MARKDOWNLINT_THREAD_ROLE } from "../node/threadRole";

// A check runs each of a few hundred patterns (figures, dates, hedges) some times per brief: compiled
// to machine code at once they cost less than V8's default of interpreting each first (whole process,
// one brief in a 10,000-source library: about 660 → 585 ms; a full check of 1,000 briefs 3-4% less).
// The CLI's own process only: the editor's extension host is shared, and keeps V8's defaults. Set
// before the bundle is compiled: V8 accepts a code cache only under the flags it was made with.
setFlagsFromString("--no-regexp-tier-up");

// The CLI's markdownlint threads start here too, and run markdownlint's own bundle with its cache
// (the CLI's bundle loads markdownlint only to lint on this thread: src/node/markdownlintLazy.ts).
const thread = !isMainThread && (workerData as { role?: string } | undefined)?.role === MARKDOWNLINT_THREAD_ROLE;
requireWithCodeCache(path.join(__dirname, thread ? "markdownlint-worker.js" : "cli-main.js"));
