/**
 * Page locators of a citation item, as Pandoc's citeproc reads the terms that name pages:
 * `p. 12`, `pp. 33-35`, `page 4`, `pages 3, 7–9`, `pg. iv` (the term, then page labels or
 * ranges separated by commas, `&` or `and`). Other locators (`chap. 2`, `sec. 4`) are not
 * pages and are left alone.
 */
export interface PageRange {
  from: string;
  to: string;
}

export interface PageLocator {
  ranges: PageRange[];
  /** [start, end) of the page locator (term and pages) within the locator text. */
  start: number;
  end: number;
}

const TERM = /^\s*(?:pp|pgs|pg|p|pages|page)\b\.?\s*/i;
const LABEL = /^(?:\d+|[ivxlcdm]+|[A-Za-z]?\d+[A-Za-z]?)(?![\p{L}\p{N}])/iu;
const RANGE_DASH = /^\s*(?:-{1,2}|–|—)\s*/;
const SEPARATOR = /^\s*(?:,|&|and\b)\s*/i;

/** The page locator at the start of an item's locator text, if it names pages. */
export function parsePageLocator(locator: string): PageLocator | undefined {
  const term = TERM.exec(locator);
  if (!term) return undefined;
  let pos = term[0].length;
  const ranges: PageRange[] = [];
  let end = pos;
  for (;;) {
    const from = LABEL.exec(locator.slice(pos));
    if (!from) break;
    pos += from[0].length;
    let to = from[0];
    const dash = RANGE_DASH.exec(locator.slice(pos));
    if (dash) {
      const t = LABEL.exec(locator.slice(pos + dash[0].length));
      if (t) {
        pos += dash[0].length + t[0].length;
        to = expandShortRange(from[0], t[0]);
      }
    }
    ranges.push({ from: from[0], to });
    end = pos;
    const sep = SEPARATOR.exec(locator.slice(pos));
    if (!sep) break;
    pos += sep[0].length;
  }
  if (ranges.length === 0) return undefined;
  return { ranges, start: term.index + (term[0].length - term[0].trimStart().length), end };
}

/** `123-9` means 123–129 (Chicago's short ranges), as citeproc reads it. */
function expandShortRange(from: string, to: string): string {
  if (/^\d+$/.test(from) && /^\d+$/.test(to) && to.length < from.length && Number(to) < Number(from)) return from.slice(0, from.length - to.length) + to;
  return to;
}

/** True when a page (its 1-based number and its label) lies in one of the ranges. */
export function pageInRanges(ranges: readonly PageRange[], page: number, label: string): boolean {
  const l = label.toLowerCase();
  for (const r of ranges) {
    const from = r.from.toLowerCase();
    const to = r.to.toLowerCase();
    if (from === l || to === l) return true;
    const a = /^\d+$/.test(from) ? Number(from) : NaN;
    const b = /^\d+$/.test(to) ? Number(to) : NaN;
    const n = /^\d+$/.test(l) ? Number(l) : page;
    if (!Number.isNaN(a) && !Number.isNaN(b) && n >= a && n <= b) return true;
  }
  return false;
}

/** How a list of page ranges reads in a message (`p. 12`, `pp. 33–35`). */
export function describePages(ranges: readonly PageRange[]): string {
  const single = ranges.length === 1 && ranges[0].from === ranges[0].to;
  return (single ? "p. " : "pp. ") + ranges.map((r) => (r.from === r.to ? r.from : `${r.from}–${r.to}`)).join(", ");
}
