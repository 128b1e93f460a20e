import type { Rule } from "./rule";
import { keyEditText } from "../features/renameKey";

const rule: Rule = {
  name: "unknown-source",
  defaultSeverity: "error",
  description: "Every cited key names a source in the library or a reference line of the brief.",
  example: "The port reopened [@port-notise].",
  check(ctx, report) {
    const { brief } = ctx;
    const referenced = new Set(brief.references.map((r) => r.key));
    for (const c of brief.citations) {
      for (const item of c.items) {
        if (ctx.resolve(item.key)) continue;
        if (referenced.has(item.key)) continue; // the reference line itself is reported below
        const missing = ctx.missingSourceFolders ?? [];
        if (missing.length && missing.length === ctx.sourceFolders.length) {
          // No library at all: say why, rather than that the key is mistyped.
          const folders = missing.map((f) => `"${f}"`).join(", ");
          report({ start: item.keyStart - 1, end: item.keyEnd, message: `unknown source "@${item.key}": the source folder${missing.length === 1 ? "" : "s"} ${folders} ${missing.length === 1 ? "does" : "do"} not exist (setting briefAuthor.sources, or "sources" in .briefrc.json)`, data: { key: item.key, suggestions: [] } });
          continue;
        }
        const refused = ctx.library.unreadableFor(item.key);
        if (refused) {
          // The file is there but was refused or could not be read: say why, not that the key is unknown.
          report({ start: item.keyStart - 1, end: item.keyEnd, message: `source "@${item.key}" cannot be checked: ${ctx.library.display(refused.path)} was not read (${refused.reason})`, data: { key: item.key, suggestions: [], unreadable: refused.path } });
          continue;
        }
        const bad = ctx.unreadableEntry?.(item.key);
        if (bad) {
          // The entry is in a bibliography the brief uses, but could not be read: say why.
          report({ start: item.keyStart - 1, end: item.keyEnd, message: `source "@${item.key}" cannot be checked: its entry in ${ctx.library.display(bad.uri)} (line ${bad.line + 1}) cannot be read: ${bad.message}`, data: { key: item.key, suggestions: [] } });
          continue;
        }
        const renamed = ctx.renamedKey?.(item.key);
        const close = ctx.closestKeys(item.key, 3).filter((k) => k !== renamed);
        const keys = renamed ? [renamed, ...close] : close;
        const elsewhere = ctx.keyElsewhere?.(item.key) ?? [];
        const where = `${ctx.sourceFolders.join(", ")}${ctx.folderName ? ` (workspace folder "${ctx.folderName}")` : ""}`;
        const hint = renamed
          ? `; its source was renamed: it is now "@${renamed}"`
          : elsewhere.length
            ? `; the workspace folder${elsewhere.length === 1 ? "" : "s"} ${elsewhere.map((f) => `"${f}"`).join(", ")} ${elsewhere.length === 1 ? "has" : "have"} it, but a brief cites only the sources of its own folder${close.length ? `; did you mean ${close.map((k) => `"@${k}"`).join(", ")}?` : ""}`
            : close.length
              ? `; did you mean ${close.map((k) => `"@${k}"`).join(", ")}?`
              : "";
        report({
          start: item.keyStart - 1,
          end: item.keyEnd,
          message: `unknown source "@${item.key}": no source in ${where}${missing.length ? ` (missing: ${missing.join(", ")})` : ""} has this key${hint}`,
          data: { key: item.key, suggestions: keys },
          // Each key written as Pandoc reads it (in braces when it needs them); one that cannot be written gets no fix.
          fixes: keys.flatMap((k, i) => {
            const newText = keyEditText(ctx.brief.text, item.keyStart, k);
            return newText === undefined ? [] : [{ title: k === renamed ? `Change to @${k} (the source's new name)` : `Change to @${k}`, edits: [{ start: item.keyStart, end: item.keyEnd, newText }], preferred: i === 0 }];
          }),
        });
      }
    }
    for (const ref of brief.references) {
      if (ctx.resolve(ref.key)) continue;
      report({ start: ref.start, end: ref.end, message: `reference line for "@${ref.key}": ${ctx.referenceError(ref.key) ?? `no readable file at "${ref.path}"`}`, data: { key: ref.key } });
    }
  },
};
export default rule;
