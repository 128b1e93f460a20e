import type { Brief } from "../parse/brief";

/** An edit that inserts an empty section `name` where the configured order puts it. */
export function insertSectionEdit(brief: Brief, order: readonly string[], name: string): { start: number; end: number; newText: string } {
  const present = brief.sections;
  const headingStyle = present.find((s) => s.style === "heading" && order.some((o) => o.toLowerCase() === s.id));
  const labelStyle = !headingStyle && present.some((s) => s.style === "label");
  const level = headingStyle?.level ?? 2;
  const block = labelStyle ? `${name}:\n\n` : `${"#".repeat(level)} ${name}\n\n`;
  const idx = order.findIndex((o) => o.toLowerCase() === name.toLowerCase());
  // After the nearest earlier required section that exists; else before the nearest later one; else before Sources; else at the end.
  for (let i = idx - 1; i >= 0; i--) {
    const s = present.find((x) => x.id === order[i].toLowerCase());
    if (s) return insertAt(brief, s.contentEnd, block);
  }
  for (let i = idx + 1; i < order.length; i++) {
    const s = present.find((x) => x.id === order[i].toLowerCase());
    if (s) return { start: s.markerStart, end: s.markerStart, newText: block };
  }
  if (brief.sourcesSection) return { start: brief.sourcesSection.markerStart, end: brief.sourcesSection.markerStart, newText: block };
  return insertAt(brief, brief.text.length, block);
}

function insertAt(brief: Brief, offset: number, block: string): { start: number; end: number; newText: string } {
  const text = brief.text;
  let at = offset;
  while (at > 0 && /\s/.test(text[at - 1])) at--;
  const header = block.trim();
  return { start: at, end: offset, newText: `\n\n${header}\n` + (offset < text.length ? "\n" : "") };
}
