import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";

/**
 * The engine (`src/core`) depends on no host: no `vscode`, nothing of `src/extension`, `src/cli`
 * or `src/node`. Type checking cannot guard this (`@types/vscode` resolves an explicit import
 * from anywhere), so this test reads every import, export-from, require and dynamic import.
 */
const SRC = path.join(__dirname, "..", "..", "src");
const FORBIDDEN_FOLDERS = ["extension", "cli", "node"].map((f) => path.join(SRC, f));

/** What a file under src/core imports that the engine must not, as `specifier (why)`. */
export function forbiddenImports(file: string, text: string): string[] {
  const info = ts.preProcessFile(text, true, true);
  const out: string[] = [];
  for (const { fileName: spec } of info.importedFiles) {
    if (spec === "vscode" || spec.startsWith("vscode/")) {
      out.push(`${spec} (the editor's API)`);
      continue;
    }
    if (!spec.startsWith(".")) continue;
    const target = path.resolve(path.dirname(file), spec);
    const folder = FORBIDDEN_FOLDERS.find((f) => target === f || target.startsWith(f + path.sep));
    if (folder) out.push(`${spec} (src/${path.basename(folder)})`);
  }
  return out;
}

function coreFiles(dir = path.join(SRC, "core")): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? coreFiles(path.join(dir, e.name)) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : []));
}

describe("layers", () => {
  it("the guard finds a planted import of the editor or a host, in every form", () => {
    const file = path.join(SRC, "core", "rules", "planted.ts");
    assert.deepEqual(forbiddenImports(file, 'import * as vscode from "vscode";'), ["vscode (the editor's API)"]);
    assert.deepEqual(forbiddenImports(file, 'import type { X } from "../../extension/services";'), ["../../extension/services (src/extension)"]);
    assert.deepEqual(forbiddenImports(file, 'export { main } from "../../cli/main";'), ["../../cli/main (src/cli)"]);
    assert.deepEqual(forbiddenImports(file, 'const fs = require("../../node/fileSystem");'), ["../../node/fileSystem (src/node)"]);
    assert.deepEqual(forbiddenImports(file, 'async function f() { return import("../../node/capture"); }'), ["../../node/capture (src/node)"]);
    assert.deepEqual(forbiddenImports(file, 'import { joinPath } from "../fs";\nimport picomatch from "picomatch";'), []);
  });

  it("no file under src/core imports vscode, src/extension, src/cli or src/node", () => {
    const files = coreFiles();
    assert.ok(files.length > 40, `${files.length} files`);
    const found = files.flatMap((f) => forbiddenImports(f, fs.readFileSync(f, "utf8")).map((i) => `${path.relative(SRC, f)}: ${i}`));
    assert.deepEqual(found, []);
  });
});
