import { main } from "./main";
import { isMarkdownlintWorker, serveMarkdownlint } from "../node/markdownlintPool";

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
