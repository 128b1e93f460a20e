import type { SourceEntry } from "../sources/library";
import { pageLabel } from "../sources/library";

/**
 * The read-only view of a web page's or PDF's extracted text that the editor opens: the text
 * itself, with a `[page N]` line before each page of a PDF. `line` maps a line of the entry's
 * text (what passages count) to the line of the view.
 */
export interface ExtractedView {
  text: string;
  line(entryLine: number): number;
}

export function extractedView(entry: SourceEntry): ExtractedView {
  const starts = entry.pageStarts;
  if (!starts || starts.length === 0) return { text: entry.text, line: (l) => l };
  const parts: string[] = [];
  // Line (in the entry's text) where each page starts.
  const pageLines: number[] = [];
  let line = 0;
  let last = 0;
  for (let i = 0; i < starts.length; i++) {
    for (let k = last; k < starts[i]; k++) if (entry.text.charCodeAt(k) === 10) line++;
    last = starts[i];
    pageLines.push(line);
  }
  for (let i = 0; i < starts.length; i++) {
    const end = i + 1 < starts.length ? starts[i + 1] : entry.text.length;
    const page = entry.text.slice(starts[i], end).replace(/\n+$/, "");
    parts.push(`[page ${pageLabel(entry, i + 1)}]\n\n${page}`);
  }
  return {
    text: parts.join("\n\n") + "\n",
    line: (l) => {
      // Each page before or at the line adds its header and a blank line; trailing blank lines of
      // a page are dropped and the separator put back, so the count is the page's own.
      let pagesBefore = 0;
      for (const pl of pageLines) if (pl <= l) pagesBefore++;
      return l + 2 * Math.max(1, pagesBefore);
    },
  };
}
