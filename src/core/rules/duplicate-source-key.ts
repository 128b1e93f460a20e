import type { Rule } from "./rule";

const rule: Rule = {
  name: "duplicate-source-key",
  defaultSeverity: "error",
  description: "No two files of the source library claim the same key (front matter `id`, else the file name); the shallowest file wins the key.",
  example: "sources/port.md with `id: port-notice` and sources/port-notice.txt",
  scope: "library",
  checkLibrary(library, report) {
    for (const { key, paths } of library.contestedKeys()) {
      for (const p of paths.slice(1)) {
        const entry = library.getByPath(p)!;
        const lines = library.lines(entry);
        const idLine = /^id\s*:/m.exec(entry.text.slice(0, entry.bodyOffset));
        const line = idLine ? lines.positionAt(idLine.index).line : 0;
        const zero = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
        report({
          path: p,
          range: { start: { line, character: 0 }, end: { line, character: lines.lineText(line).length } },
          message: `source key "${key}" is also claimed by ${library.display(paths[0])}, which wins; give one of them another "id" in its front matter`,
          related: [{ path: paths[0], range: zero, message: `"${key}" is first claimed here` }],
        });
      }
    }
  },
};
export default rule;
