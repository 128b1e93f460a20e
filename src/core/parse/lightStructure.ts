/**
 * A linear-time reader of a brief's Markdown block structure that never recurses.
 *
 * `markdown.ts` reads the structure off micromark's parse (inside markdownlint), which is
 * quadratic on some inputs. This reader is always cheap: it reports the numbers that tell whether
 * micromark is safe to run (`stats`), and its own `structure`, which follows micromark (with the
 * GFM table, footnote and math extensions markdownlint enables) closely enough to stand in for
 * it. Offsets are UTF-16 offsets into the original text, as `markdown.ts` reports them.
 *
 * Design: one pass over the lines, a CommonMark-style stack of open containers (block quotes,
 * list items, footnote definitions) and one open leaf block; paragraphs are read for link
 * reference definitions and inline code when they close. Every loop moves forward; look-ups that
 * could repeat (code span closers, HTML terminators, quoted attribute values) go through tables
 * or caches, so nothing is scanned more than a constant number of times.
 *
 * The reader is split along its own seams in ./light/: characters (chars.ts), one-line block
 * starts (blockStarts.ts), multi-line text (textUnit.ts), link reference definitions
 * (definitions.ts), inline code (inline.ts) and the block reader itself (reader.ts).
 */
import type { MarkdownStructure } from "./markdown";
import { breakScan } from "./light/blockStarts";
import { LightReader } from "./light/reader";

export interface LightStats {
  /** Most lines in one paragraph (or setext heading text). */
  maxParagraphLines: number;
  /** Most `[` plus `]` characters in one paragraph, heading or table row. */
  maxParagraphBrackets: number;
  /** Deepest nesting of block containers (block quotes, list items, footnote definitions). */
  maxDepth: number;
}

export interface LightStructure {
  structure: MarkdownStructure;
  stats: LightStats;
}

/** Reads the block structure of `text` in linear time. Never throws. */
export function readLightStructure(text: string): LightStructure {
  try {
    return new LightReader(typeof text === "string" ? text : "").read();
  } finally {
    breakScan.text = undefined; // hold no text once read
  }
}
