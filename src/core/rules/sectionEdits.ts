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

type Edit = { start: number; end: number; newText: string };
type SectionLike = Brief["sections"][number];

/** The start of the line holding `offset`. */
function lineStart(text: string, offset: number): number {
  return Math.max(text.lastIndexOf("\n", offset - 1), text.lastIndexOf("\r", offset - 1)) + 1;
}

/**
 * A section as a block of lines: from its heading's (or label's) line to the end of its content,
 * with the blank lines after it. `text` is the block without those blank lines.
 */
function sectionBlock(brief: Brief, s: SectionLike): { start: number; end: number; text: string } {
  const text = brief.text;
  const start = lineStart(text, s.markerStart);
  let end = s.contentEnd;
  while (end < text.length && /\s/.test(text[end])) end++;
  return { start, end, text: text.slice(start, s.contentEnd).replace(/\s+$/, "") };
}

/** Removes a block; a last block also takes the blank lines before it, so the file ends in one line end. */
function removeBlock(brief: Brief, block: { start: number; end: number }): Edit {
  const text = brief.text;
  if (block.end < text.length) return { start: block.start, end: block.end, newText: "" };
  let start = block.start;
  while (start > 0 && /\s/.test(text[start - 1])) start--;
  return { start, end: block.end, newText: start > 0 ? lineEnding(text) : "" };
}

function lineEnding(text: string): string {
  return text.includes("\r\n") ? "\r\n" : text.includes("\r") ? "\r" : "\n";
}

/**
 * Moves section `s` to just before section `before` (one edit of two parts: the block is inserted
 * there and removed where it was), keeping its content and the blank line between sections.
 */
export function moveSectionEdits(brief: Brief, s: SectionLike, before: SectionLike): Edit[] {
  const block = sectionBlock(brief, s);
  const nl = lineEnding(brief.text);
  const at = lineStart(brief.text, before.markerStart);
  return [{ start: at, end: at, newText: block.text + nl + nl }, removeBlock(brief, block)];
}

/**
 * Merges a repeated section into the first one: its content is appended to the first's (after a
 * blank line) and its heading or label removed with it.
 */
export function mergeSectionEdits(brief: Brief, first: SectionLike, again: SectionLike): Edit[] {
  const text = brief.text;
  const nl = lineEnding(text);
  const content = text.slice(again.contentStart, again.contentEnd).replace(/^[ \t]*(\r?\n)*/, "").replace(/\s+$/, "");
  let at = first.contentEnd;
  while (at > first.contentStart && /\s/.test(text[at - 1])) at--;
  const insert = content ? (text.slice(first.contentStart, at).trim() ? nl + nl : "") + content : "";
  const remove = removeBlock(brief, sectionBlock(brief, again));
  // The repeat right after the first one's content: one edit, not two touching ones.
  if (remove.start <= at) return [{ start: remove.start, end: remove.end, newText: text.slice(remove.start, at) + insert + remove.newText }];
  return insert ? [{ start: at, end: at, newText: insert }, remove] : [remove];
}
