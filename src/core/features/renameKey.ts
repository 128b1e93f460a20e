import type { Brief } from "../parse/brief";
import { isValidKey } from "../parse/citations";

/**
 * The edits that make a brief cite `newKey` wherever it cites `oldKey` (citations in the text and
 * in its Sources list), as a source renamed or moved in the editor asks. A brief with a reference
 * line of its own for `oldKey` cites that file, not the library's: it is left alone. Empty when the
 * brief does not cite `oldKey`, or when `newKey` cannot be written as a key (then braces are used
 * if they can hold it).
 */
export function renameKeyEdits(brief: Brief, oldKey: string, newKey: string): Array<{ start: number; end: number; newText: string }> {
  if (oldKey === newKey || brief.references.some((r) => r.key === oldKey)) return [];
  const braced = !isValidKey(newKey);
  if (braced && /[{}\n\r]/.test(newKey)) return [];
  const edits = new Map<number, { start: number; end: number; newText: string }>();
  for (const c of brief.citations) {
    for (const item of c.items) {
      if (item.key !== oldKey) continue;
      // A key already in braces keeps them; a bare one gets them only when it needs them.
      const inBraces = brief.text[item.keyStart - 1] === "{";
      edits.set(item.keyStart, { start: item.keyStart, end: item.keyEnd, newText: braced && !inBraces ? `{${newKey}}` : newKey });
    }
  }
  for (const l of brief.listed) {
    if (l.key !== oldKey || edits.has(l.keyStart)) continue;
    const inBraces = brief.text[l.keyStart - 1] === "{";
    edits.set(l.keyStart, { start: l.keyStart, end: l.keyEnd, newText: braced && !inBraces ? `{${newKey}}` : newKey });
  }
  return [...edits.values()].sort((a, b) => a.start - b.start);
}
