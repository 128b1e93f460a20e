// The GitHub Action's check step: runs brief-author check (built from the action's own checkout)
// as the action's inputs say, with their values checked first. Exit status: the checker's.
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const env = process.env;
const actionPath = env.GITHUB_ACTION_PATH || path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const cli = path.join(actionPath, "dist", "cli.js");
const fail = (m) => {
  process.stderr.write(`brief-author action: ${m}\n`);
  process.exit(2);
};

const paths = (env.INPUT_PATHS ?? ".").split(/[\s]+/).filter(Boolean);
const annotations = (env.INPUT_ANNOTATIONS ?? "true").trim().toLowerCase();
if (!["true", "false"].includes(annotations)) fail(`annotations must be true or false, not "${env.INPUT_ANNOTATIONS}"`);
const failOn = (env.INPUT_FAIL_ON ?? "").trim() || "error";
if (!["error", "warning", "information"].includes(failOn)) fail(`fail-on must be error, warning or information, not "${failOn}"`);
const maxWarnings = (env.INPUT_MAX_WARNINGS ?? "").trim();
if (maxWarnings && !/^\d+$/.test(maxWarnings)) fail(`max-warnings must be a number, not "${maxWarnings}"`);

const args = ["check", "--format", annotations === "true" ? "github" : "text", "--fail-on", failOn];
if ((env.INPUT_CONFIG ?? "").trim()) args.push("--config", env.INPUT_CONFIG.trim());
if (maxWarnings) args.push("--max-warnings", maxWarnings);
// The sarif-file input names the file to write: the action was asked to (re)write it.
if ((env.INPUT_SARIF_FILE ?? "").trim()) args.push("--sarif", env.INPUT_SARIF_FILE.trim(), "--force");
if ((env.INPUT_CHANGED_SINCE ?? "").trim()) args.push("--changed-since", env.INPUT_CHANGED_SINCE.trim());

// The paths last, after `--`: a file named like an option (`--version.brief.md`) is a path.
args.push("--", ...(paths.length ? paths : ["."]));
process.stderr.write(`brief-author ${args.join(" ")}\n`);
const r = spawnSync(process.execPath, [cli, ...args], { stdio: "inherit" });
if (r.error) fail(`could not run ${cli}: ${r.error.message}`);
process.exit(r.status ?? 2);
