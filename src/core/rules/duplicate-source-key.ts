import type { Rule } from "./rule";
import { kindNoun } from "../sources/kinds";
import type { SourceEntry } from "../sources/library";

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
          message: `source key "${key}" is also claimed by ${library.display(paths[0])}, which wins; ${advice(entry, library.getByPath(paths[0]))}`,
          related: [{ path: paths[0], range: zero, message: `"${key}" is first claimed here` }],
        });
      }
    }
  },
};

/**
 * What the writer can do about it: only a Markdown source has front matter to hold an "id"; a
 * text file, web page or PDF takes its key from its name, so it must be renamed.
 */
function advice(loser: SourceEntry, winner: SourceEntry | undefined): string {
  const hasId = (e: SourceEntry | undefined) => e?.kind === "markdown";
  if (hasId(loser) && hasId(winner)) return `give one of them another "id" in its front matter`;
  if (hasId(loser)) return `give this file another "id" in its front matter, or rename the other file`;
  if (hasId(winner)) return `rename this file, or give the other one another "id" in its front matter`;
  return `rename one of the files (a ${kindName(loser)} takes its key from its file name)`;
}

function kindName(e: SourceEntry): string {
  return kindNoun(e.kind);
}
export default rule;
