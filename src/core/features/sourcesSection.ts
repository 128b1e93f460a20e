import type { Brief } from "../parse/brief";
import { writeKey } from "../parse/citations";

/** Keys cited outside the Sources section, in order of first citation. */
export function citedKeys(brief: Brief): string[] {
  const s = brief.sourcesSection;
  const keys: string[] = [];
  for (const c of brief.citations) {
    if (s && c.start >= s.contentStart && c.start < s.contentEnd) continue;
    for (const i of c.items) if (!keys.includes(i.key)) keys.push(i.key);
  }
  return keys;
}

/**
 * The edit that makes the Sources section list exactly the cited sources, in citation order (other
 * lines of the section are kept). Adds a `## Sources` section at the end when there is none.
 */
export function updateSourcesSectionEdit(brief: Brief): { start: number; end: number; newText: string } | undefined {
  const keys = citedKeys(brief);
  const section = brief.sourcesSection;
  const list = keys.map((k) => `- [@${k}]`).join("\n");
  if (!section) {
    if (keys.length === 0) return undefined;
    let at = brief.text.length;
    while (at > 0 && /\s/.test(brief.text[at - 1])) at--;
    const level = brief.sections.find((x) => x.style === "heading")?.level ?? 2;
    const label = brief.sections.length > 0 && brief.sections.every((x) => x.style === "label");
    return { start: at, end: brief.text.length, newText: `\n\n${label ? "Sources:" : `${"#".repeat(level)} Sources`}\n\n${list}\n` };
  }
  // Keep what is not a citation item; put the list where the first item was (or at the end).
  const body = brief.text.slice(section.contentStart, section.contentEnd);
  const lines = body.split("\n");
  const kept: string[] = [];
  let insertAt = -1;
  for (const line of lines) {
    if (/^\s*(?:[-*+]|\d+[.)])\s+.*\[@/.test(line)) {
      if (insertAt < 0) insertAt = kept.length;
      continue;
    }
    kept.push(line);
  }
  while (kept.length && kept[kept.length - 1].trim() === "") kept.pop();
  if (insertAt < 0 || insertAt > kept.length) insertAt = kept.length;
  const before = kept.slice(0, insertAt);
  const after = kept.slice(insertAt);
  while (before.length && before[before.length - 1].trim() === "") before.pop();
  const head = before.join("\n");
  const tail = after.join("\n").replace(/^\n+/, "");
  const trailing = section.contentEnd < brief.text.length ? "\n\n" : "\n";
  const newBody = (head.trim() ? head + "\n\n" : section.style === "label" && head === "" ? "\n\n" : "\n\n") + list + (tail.trim() ? "\n\n" + tail : "") + trailing;
  const current = body;
  if (current === newBody) return undefined;
  return { start: section.contentStart, end: section.contentEnd, newText: newBody };
}

/**
 * The edit that lists `key` in the brief's Sources section (`- [@key]` after its last listed
 * source, else at the section's end), for a citation the writer accepts from completion or Insert
 * Citation: the section keeps up with the citations as they are made. Undefined when the brief
 * has no Sources section, lists the key already, or `at` (where the citation goes) is in that section.
 */
export function listKeyEdit(brief: Brief, key: string, at?: number): { start: number; end: number; newText: string } | undefined {
  const section = brief.sourcesSection;
  if (!section || brief.listed.some((l) => l.key === key)) return undefined;
  if (at !== undefined && at >= section.markerStart && at <= section.contentEnd) return undefined;
  const text = brief.text;
  const nl = brief.lines.eolAt(section.contentStart);
  const written = writeKey(key);
  if (written === undefined) return undefined;
  const item = `- [@${written}]`;
  const last = brief.listed.filter((l) => l.itemStart >= section.contentStart && l.itemEnd <= section.contentEnd).pop();
  if (last) {
    // After the whole item: its continuation lines (indented, not blank) belong to it.
    let at = last.itemEnd;
    const lines = brief.lines;
    for (let l = lines.positionAt(last.itemStart).line + 1; l < lines.lineCount && lines.lineStarts[l] < section.contentEnd; l++) {
      if (!/^[ \t]+\S/.test(text.slice(lines.lineStarts[l], lines.lineEnd(l)))) break;
      at = lines.lineEnd(l);
    }
    return { start: at, end: at, newText: nl + item };
  }
  // No list yet: after what the section holds (a comment, a note), after a blank line.
  let end = section.contentEnd;
  while (end > section.contentStart && /\s/.test(text[end - 1])) end--;
  return { start: end, end, newText: `${nl}${nl}${item}${end === text.length ? nl : ""}` };
}
