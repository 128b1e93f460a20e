// Bundles the extension and the CLI with esbuild.
import * as esbuild from "esbuild";
import { readFileSync, chmodSync } from "node:fs";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
const production = process.argv.includes("--production");
const common = {
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  sourcemap: !production,
  minify: production,
  logLevel: "warning",
  // jsonc-parser's UMD build requires files at run time; its ESM build bundles.
  mainFields: ["module", "main"],
  define: { BRIEF_AUTHOR_VERSION: JSON.stringify(pkg.version) },
};

await Promise.all([
  esbuild.build({ ...common, entryPoints: ["src/cli/bin.ts"], outfile: "dist/cli.js", banner: { js: "#!/usr/bin/env node" } }),
  esbuild.build({ ...common, entryPoints: ["src/extension/extension.ts"], outfile: "dist/extension.js", external: ["vscode"] }),
]);
chmodSync("dist/cli.js", 0o755);
