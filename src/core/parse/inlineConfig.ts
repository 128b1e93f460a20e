/**
 * Inline rule configuration in a brief, as markdownlint's and ESLint's comments work:
 *
 *   <!-- brief-author-disable-next-line weak-support -->   the next line
 *   <!-- brief-author-disable-line number-mismatch -->     this line
 *   <!-- brief-author-disable quote-mismatch -->           from here on (no names: every rule)
 *   <!-- brief-author-enable quote-mismatch -->            and back on
 *
 * Names are separated by spaces or commas. They apply to brief-author's rules; markdownlint's
 * own `<!-- markdownlint-disable … -->` comments keep working for its rules.
 */
import type { LineIndex } from "../text";
import { lastIndexAtOrBefore } from "../sorted";

export interface InlineConfig {
  /** Whether a rule's problem starting on this 0-based line is turned off by a comment. */
  disabled(rule: string, line: number): boolean;
  /** Comments that name a rule brief-author does not have: [line, name]. */
  unknown: Array<[number, string]>;
}

const DIRECTIVE = /<!--[ \t]*brief-author-(disable-next-line|disable-line|disable|enable)((?:[ \t,]+[A-Za-z][\w-]*)*)[ \t]*-->/g;

export function readInlineConfig(text: string, lines: LineIndex, knownRules: ReadonlySet<string>): InlineConfig {
  // Per rule ("*" for every rule): the changes, in text order (line, then order of the comment).
  const changes = new Map<string, Array<{ line: number; order: number; on: boolean }>>();
  const single = new Map<number, Set<string>>();
  const unknown: Array<[number, string]> = [];
  if (text.includes("brief-author-")) {
    let order = 0;
    DIRECTIVE.lastIndex = 0;
    for (let m = DIRECTIVE.exec(text); m; m = DIRECTIVE.exec(text)) {
      const line = lines.positionAt(m.index).line;
      const names = m[2].split(/[\s,]+/).filter(Boolean);
      for (const n of names) if (!knownRules.has(n)) unknown.push([line, n]);
      const rules = names.length ? names.filter((n) => knownRules.has(n)) : ["*"];
      if (m[1] === "disable-next-line" || m[1] === "disable-line") {
        const target = m[1] === "disable-line" ? line : line + 1;
        const set = single.get(target) ?? new Set<string>();
        for (const r of rules) set.add(r);
        single.set(target, set);
        continue;
      }
      for (const r of rules) {
        const list = changes.get(r) ?? [];
        list.push({ line, order: order++, on: m[1] === "enable" });
        changes.set(r, list);
      }
    }
  }
  /** The last change at or before a line (binary search: the list is in text order). */
  const lastChange = (rule: string, line: number) => {
    const list = changes.get(rule);
    return list ? list[lastIndexAtOrBefore(list, line, (c) => c.line)] : undefined;
  };
  return {
    unknown,
    disabled: (rule, line) => {
      const s = single.get(line);
      if (s && (s.has(rule) || s.has("*"))) return true;
      const own = lastChange(rule, line);
      const all = lastChange("*", line);
      const last = !own ? all : !all ? own : own.order > all.order ? own : all;
      return last ? !last.on : false;
    },
  };
}
