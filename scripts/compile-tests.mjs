// Compiles the integration suite (test/integration/**/*.ts) to out/test/integration/, one bundle per file,
// with `vscode` (the extension host provides it) and mocha (from node_modules) external.
import * as esbuild from "esbuild";
import { readdirSync, statSync, rmSync } from "node:fs";
import * as path from "node:path";

const src = "test/integration";
const entries = [];
const walk = (dir) => {
  for (const f of readdirSync(dir)) {
    const p = path.join(dir, f);
    if (f === "workspace") continue;
    if (statSync(p).isDirectory()) walk(p);
    else if (f.endsWith(".ts") && (f.endsWith(".test.ts") || f === "index.ts")) entries.push(p);
  }
};
walk(src);
rmSync("out/test/integration", { recursive: true, force: true });
await esbuild.build({
  entryPoints: entries,
  outdir: "out/test/integration",
  outbase: src,
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  sourcemap: "inline",
  external: ["vscode", "mocha"],
  mainFields: ["module", "main"],
  logLevel: "warning",
});
console.log(`compiled ${entries.length} integration test files`);
