// `npm start`: builds the extension, starts real VS Code (code-server 4.100.3) with examples/ open
// and the extension loaded from this repo, and prints the URL to open. Ctrl+C stops it.
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureAll } from "./ensure-vscode.mjs";
import { freePort, startServer, workbenchUrl } from "./vscode-server.mjs";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const examples = path.join(repo, "examples");
// Ctrl+C reaches code-server too (one process group): its exit then is the stop asked for, not a
// crash. Either way the temporary folder goes, and only an unexpected exit is reported. The
// handlers are in place from the start, so a Ctrl+C at any moment stops cleanly.
let server;
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  if (!server) return; // still starting: the start below sees `stopping` and stops
  await server.stop();
  console.log("brief-author demo stopped.");
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
execFileSync("npm", ["run", "build"], { cwd: repo, stdio: "inherit" });
ensureAll();
const port = await freePort(Number(process.env.PORT ?? 8080));
try {
  server = await startServer({ workspace: examples, port });
} catch (e) {
  if (!stopping) throw e;
}
if (stopping) {
  await server?.stop();
  console.log("brief-author demo stopped.");
  process.exit(0);
}
const url = workbenchUrl(port, examples, [["extensionDevelopmentPath", `vscode-remote://127.0.0.1:${port}${repo}`]]);
server.child.once("exit", async (code, signal) => {
  if (stopping || ["SIGINT", "SIGTERM", "SIGHUP"].includes(signal) || [0, 130, 143].includes(code)) return stop();
  stopping = true;
  await server.stop();
  console.error(`code-server stopped unexpectedly (${signal ? `signal ${signal}` : `exit code ${code}`}); see the output above.`);
  process.exit(1);
});
console.log(`\nbrief-author demo: VS Code ${"1.100.3"} with examples/ and the extension loaded.\nOpen this URL in a browser:\n\n  ${url}\n\nPress Ctrl+C to stop (the session's settings and logs, in ${server.tmp}, are removed then).`);
