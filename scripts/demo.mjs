// `npm start`: builds the extension, starts real VS Code (code-server 4.100.3) with examples/ open
// and the extension loaded from this repo, and prints the URL to open. Ctrl+C stops it.
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureAll } from "./ensure-vscode.mjs";
import { freePort, startServer, workbenchUrl } from "./vscode-server.mjs";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const examples = path.join(repo, "examples");
execFileSync("npm", ["run", "build"], { cwd: repo, stdio: "inherit" });
ensureAll();
const port = await freePort(Number(process.env.PORT ?? 8080));
const server = await startServer({ workspace: examples, port });
const url = workbenchUrl(port, examples, [["extensionDevelopmentPath", `vscode-remote://127.0.0.1:${port}${repo}`]]);
console.log(`\nbrief-author demo: VS Code ${"1.100.3"} with examples/ and the extension loaded.\nOpen this URL in a browser:\n\n  ${url}\n\nPress Ctrl+C to stop.`);
const stop = async () => {
  await server.stop();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
server.child.once("exit", (code) => {
  console.error(`code-server exited (${code})`);
  process.exit(code ?? 1);
});
