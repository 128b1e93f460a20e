import type { Brief, Sentence } from "../parse/brief";
import type { Citation, CitationItem } from "../parse/citations";

export interface CitationTarget {
  key: string;
  /** Offsets of the key (without `@`). */
  keyStart: number;
  keyEnd: number;
  citation?: Citation;
  item?: CitationItem;
  /** The sentence the citation belongs to, when it stands in one. */
  sentence?: Sentence;
  /** True when the key is an entry of the Sources section. */
  listed: boolean;
}

/** The citation key at an offset: inside a citation's brackets, or on a Sources list item or reference line. */
export function citationAt(brief: Brief, offset: number): CitationTarget | undefined {
  for (const c of brief.citations) {
    if (offset < c.start || offset > c.end) continue;
    let item = c.items.find((i) => offset >= i.keyStart - 1 && offset <= i.keyEnd);
    if (!item) item = c.items.reduce((best, i) => (Math.abs(i.keyStart - offset) < Math.abs(best.keyStart - offset) ? i : best), c.items[0]);
    const listed = brief.listed.some((l) => l.keyStart === item!.keyStart);
    const sentence = brief.sentences.find((s) => c.start >= s.start && c.start < s.end);
    return { key: item.key, keyStart: item.keyStart, keyEnd: item.keyEnd, citation: c, item, sentence, listed };
  }
  for (const r of brief.references) {
    if (offset >= r.start && offset <= r.keyEnd + 1) return { key: r.key, keyStart: r.keyStart, keyEnd: r.keyEnd, listed: false };
  }
  return undefined;
}

/** The sentence standing at an offset, if any. */
export function sentenceAt(brief: Brief, offset: number): Sentence | undefined {
  return brief.sentences.find((s) => offset >= s.start && offset <= s.end);
}
