import type { Brief } from "../parse/brief";

/** An edit that appends list items for `keys` at the end of the Sources section. */
export function addToSourcesEdit(brief: Brief, keys: readonly string[]): { start: number; end: number; newText: string } {
  const section = brief.sourcesSection!;
  const text = brief.text;
  let at = section.contentEnd;
  while (at > section.contentStart && /\s/.test(text[at - 1])) at--;
  const marker = lastMarker(brief) ?? "-";
  const items = keys.map((k) => `${marker} [@${k}]`).join("\n");
  const empty = at <= section.contentStart;
  if (section.style === "label" && empty) return { start: at, end: at, newText: `\n\n${items}` };
  return { start: at, end: at, newText: (empty ? "\n\n" : "\n") + items };
}

function lastMarker(brief: Brief): string | undefined {
  const last = brief.listed[brief.listed.length - 1];
  if (!last) return undefined;
  const m = /^\s*([-*+]|\d+[.)])\s/.exec(brief.text.slice(last.itemStart, last.itemEnd));
  return m ? (/\d/.test(m[1]) ? "1." : m[1]) : undefined;
}

/** The full Sources section body for a set of keys, in citation order. */
export function sourcesList(keys: readonly string[], marker = "-"): string {
  return keys.map((k) => `${marker} [@${k}]`).join("\n");
}
