import { setFlagsFromString } from "node:v8";
import { main } from "./main";
import { isMarkdownlintWorker, serveMarkdownlint } from "../node/markdownlintPool";

// A check runs each of a few hundred patterns (figures, dates, hedges) some times per brief: compiled
// to machine code at once they cost less than V8's default of interpreting each first (whole process,
// one brief in a 10,000-source library: about 660 → 585 ms; a full check of 1,000 briefs 3-4% less).
// The CLI's own process only: the editor's extension host is shared, and keeps V8's defaults.
setFlagsFromString("--no-regexp-tier-up");


// The same bundle serves as the CLI and as a markdownlint thread of its pool.
if (isMarkdownlintWorker()) serveMarkdownlint();
else
  main(process.argv.slice(2), {
    cwd: process.cwd(),
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
  }).then((code) => {
    process.exitCode = code;
  });
