// The same integration suite through @vscode/test-electron, for machines where desktop VS Code
// can be downloaded (not this one). Usage: npm run test:electron
import { runTests } from "@vscode/test-electron";
import { cpSync, mkdtempSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const workspace = mkdtempSync(path.join(os.tmpdir(), "brief-author-ws-"));
cpSync(path.join(repo, "test", "integration", "workspace"), workspace, { recursive: true });
try {
  await runTests({
    version: process.env.VSCODE_VERSION ?? "1.100.3",
    extensionDevelopmentPath: repo,
    extensionTestsPath: path.join(repo, "out", "test", "integration", "index.js"),
    launchArgs: [workspace, "--disable-extensions", "--disable-workspace-trust", "--skip-welcome"],
  });
} catch (e) {
  console.error(`test-electron: ${e.message ?? e}`);
  process.exit(1);
}
