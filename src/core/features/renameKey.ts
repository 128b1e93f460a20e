import type { Brief } from "../parse/brief";
import { writeKey } from "../parse/citations";

/** The text that replaces a key written at `keyStart` (inside braces or not) by `key`. */
export function keyEditText(text: string, keyStart: number, key: string): string | undefined {
  return writeKey(key, text[keyStart - 1] === "{");
}

/**
 * The edits that make a brief cite `newKey` wherever it cites `oldKey` (citations in the text and
 * in its Sources list), as a source renamed or moved in the editor asks. A brief with a reference
 * line of its own for `oldKey` cites that file, not the library's: it is left alone. Empty when the
 * brief does not cite `oldKey`, or when `newKey` cannot be written as a key (then braces are used
 * if they can hold it).
 */
export function renameKeyEdits(brief: Brief, oldKey: string, newKey: string): Array<{ start: number; end: number; newText: string }> {
  if (oldKey === newKey || brief.references.some((r) => r.key === oldKey) || writeKey(newKey) === undefined) return [];
  const edits = new Map<number, { start: number; end: number; newText: string }>();
  for (const at of [...brief.citations.flatMap((c) => c.items), ...brief.listed]) {
    if (at.key !== oldKey || edits.has(at.keyStart)) continue;
    // A key already in braces keeps them; a bare one gets them only when it needs them.
    edits.set(at.keyStart, { start: at.keyStart, end: at.keyEnd, newText: keyEditText(brief.text, at.keyStart, newKey)! });
  }
  return [...edits.values()].sort((a, b) => a.start - b.start);
}
