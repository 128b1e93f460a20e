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

/**
 * What the section fixes need of a brief, computed once per brief (a brief may have thousands of
 * sections out of order): its line ending, and for each heading where its block ends (the next
 * heading of the same or a higher level, whatever its name) and its parent (the nearest heading
 * above it of a higher level).
 */
interface Layout {
  nl: string;
  blockEnd: Map<number, number>;
  parent: Map<number, number>;
  headingStarts: number[];
  /** Each section's content end less its trailing blanks, by the section's start (filled on demand). */
  trimmed: Map<number, number>;
}

const layouts = new WeakMap<Brief, Layout>();

function layoutOf(brief: Brief): Layout {
  let l = layouts.get(brief);
  if (l) return l;
  const text = brief.text;
  const nl = brief.lines.eol; // the text's own line ending (the service rewrites each fix's to its line's)
  const headings = [...brief.structure.headings].sort((x, y) => x.start - y.start);
  const blockEnd = new Map<number, number>();
  const parent = new Map<number, number>();
  const stack: Array<{ start: number; level: number }> = [];
  for (const h of headings) {
    const lineStartOfH = brief.lines.lineStarts[brief.lines.positionAt(h.start).line];
    while (stack.length && stack[stack.length - 1].level >= h.level) blockEnd.set(stack.pop()!.start, lineStartOfH);
    parent.set(h.start, stack.length ? stack[stack.length - 1].start : -1);
    stack.push({ start: h.start, level: h.level });
  }
  for (const h of stack) blockEnd.set(h.start, text.length);
  l = { nl, blockEnd, parent, headingStarts: headings.map((h) => h.start), trimmed: new Map() };
  layouts.set(brief, l);
  return l;
}

/** Where a section's content ends, less its trailing blanks: once per section, however many repeats merge into it. */
function trimmedEnd(brief: Brief, s: SectionLike): number {
  const l = layoutOf(brief);
  let at = l.trimmed.get(s.markerStart);
  if (at === undefined) {
    at = s.contentEnd;
    while (at > s.contentStart && /\s/.test(brief.text[at - 1])) at--;
    l.trimmed.set(s.markerStart, at);
  }
  return at;
}

/** The start of the line holding `offset`. */
function lineStart(brief: Brief, offset: number): number {
  return brief.lines.lineStarts[brief.lines.positionAt(offset).line];
}

/**
 * A section as a block of lines: from its heading's (or label's) line to the end of what it holds
 * (a heading's subheadings too, whatever their names), with the blank lines after it. `text` is
 * the block without those blank lines.
 */
function sectionBlock(brief: Brief, s: SectionLike): { start: number; end: number; text: string } {
  const text = brief.text;
  const start = lineStart(brief, s.markerStart);
  const contentEnd = s.style === "heading" ? Math.max(s.contentEnd, layoutOf(brief).blockEnd.get(s.markerStart) ?? s.contentEnd) : s.contentEnd;
  let end = contentEnd;
  while (end < text.length && /\s/.test(text[end])) end++;
  return { start, end, text: text.slice(start, contentEnd).trimEnd() };
}

/** Removes a block; a last block also takes the blank lines before it, so the file ends in one line end. */
function removeBlock(brief: Brief, block: { start: number; end: number }): Edit {
  const text = brief.text;
  if (block.end < text.length) return { start: block.start, end: block.end, newText: "" };
  let start = block.start;
  while (start > 0 && /\s/.test(text[start - 1])) start--;
  return { start, end: block.end, newText: start > 0 ? layoutOf(brief).nl : "" };
}

/** The number of headings that start strictly between two offsets (binary search). */
function headingsBetween(starts: readonly number[], from: number, to: number): number {
  const after = (x: number) => {
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid] <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return Math.max(0, after(to - 1) - after(from));
}

/**
 * Whether `s` can move to just before `before` without changing the outline: both headings of the
 * same level under the same parent, or both labels with no heading between them.
 */
export function canMoveSection(brief: Brief, s: SectionLike, before: SectionLike): boolean {
  if (s.style !== before.style) return false;
  const l = layoutOf(brief);
  if (s.style === "label") return headingsBetween(l.headingStarts, before.markerStart, s.markerStart) === 0;
  return s.level === before.level && l.parent.get(s.markerStart) === l.parent.get(before.markerStart);
}

/**
 * Moves section `s` to just before section `before` (one edit of two parts: the block is inserted
 * there and removed where it was), keeping its content, its subheadings and the blank line
 * between sections.
 */
export function moveSectionEdits(brief: Brief, s: SectionLike, before: SectionLike): Edit[] {
  const block = sectionBlock(brief, s);
  const nl = layoutOf(brief).nl;
  const at = lineStart(brief, before.markerStart);
  return [{ start: at, end: at, newText: block.text + nl + nl }, removeBlock(brief, block)];
}

/**
 * Merges a repeated section into the first one: its content is appended to the first's (after a
 * blank line; right after the heading when the first is empty) and its heading or label removed.
 */
export function mergeSectionEdits(brief: Brief, first: SectionLike, again: SectionLike): Edit[] {
  const text = brief.text;
  const nl = layoutOf(brief).nl;
  const block = sectionBlock(brief, again);
  const contentStart = again.contentStart - block.start;
  const content = block.text.slice(Math.max(0, contentStart)).replace(/^[ \t]*(?:\r\n|\r|\n)*/, "").trimEnd();
  const at = trimmedEnd(brief, first);
  // An empty first section: the content goes on its own lines after the heading, or after the label.
  const empty = at === first.contentStart;
  const insert = content ? (empty ? (first.style === "label" ? " " : nl + nl) : nl + nl) + content : "";
  const remove = removeBlock(brief, block);
  // The repeat right after the first one's content: one edit, not two touching ones.
  if (remove.start <= at) return [{ start: remove.start, end: remove.end, newText: text.slice(remove.start, at) + insert + remove.newText }];
  return insert ? [{ start: at, end: at, newText: insert }, remove] : [remove];
}
