import type { RuleContext } from "../rules/rule";
import type { SourceEntry } from "../sources/library";
import { findSupportingPassage } from "./support";

export interface SourceSuggestion {
  key: string;
  title: string;
  date?: string;
  path: string;
  /** 0..1: share of the sentence's content words the best passage holds. */
  coverage: number;
  /** A plain-text preview of the best passage. */
  preview: string;
  previewLine: number;
}

/**
 * The text just before the cursor opens a citation key: `[@ab`, `[see @ab`, `[@a; @b`, or an
 * author-in-text `@ab` after white space, the line's start or opening punctuation (not an
 * e-mail address's `x@y`).
 */
const KEY_PREFIX = /(?:\[(?:[^\]\n]*?[\s;])?-?@|(?:^|[\s(\[{"'“‘*_])-?@)([\p{L}\p{N}_:.#$%&\-+?<>~/]*)$/u;

/** Where a key being typed starts, and what is typed so far; undefined outside a citation. */
export function keyCompletionContext(lineTextBeforeCursor: string): { typed: string; start: number } | undefined {
  const m = KEY_PREFIX.exec(lineTextBeforeCursor);
  if (!m) return undefined;
  return { typed: m[1], start: lineTextBeforeCursor.length - m[1].length };
}

/** How many sources completion ranks by support; the rest follow by key. */
const RANKED = 50;

/**
 * Every library key, ranked by how well its source supports `sentence` (best passage first), then by
 * key. Keys of local reference lines come first.
 */
export function rankSources(ctx: RuleContext, sentence: string, limit = 500, ranked = RANKED): SourceSuggestion[] {
  const out: SourceSuggestion[] = [];
  const seen = new Set<string>();
  const push = (key: string, entry: SourceEntry, coverage: number, preview: string, previewLine: number) => {
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ key, title: entry.title, date: entry.published, path: entry.path, coverage, preview, previewLine });
  };
  for (const ref of ctx.brief.references) {
    const src = ctx.resolve(ref.key);
    if (!src) continue;
    const sp = findSupportingPassage(src, sentence);
    push(ref.key, src.entry, sp?.hit?.coverage ?? 0, sp?.passage.text ?? "", sp?.passage.startLine ?? 0);
  }
  // Bibliography entries (few, and outside the library's index): ranked by their own text, if any.
  const cited: Array<[string, SourceEntry, number, string, number]> = [];
  for (const key of ctx.bibliographyKeys()) {
    const src = ctx.resolve(key);
    if (!src || ctx.library.get(key)) continue;
    const sp = src.entry.noText || !sentence.trim() ? undefined : findSupportingPassage(src, sentence);
    cited.push([key, src.entry, sp?.hit?.coverage ?? 0, sp?.passage.text ?? "", sp?.passage.startLine ?? 0]);
  }
  cited.sort((a, b) => b[2] - a[2]);
  for (const c of cited) if (c[2] > 0) push(...c);
  // The best-supporting sources by the index (a completion list shows a few dozen at most);
  // every other key follows by name.
  const hits = sentence.trim() ? ctx.library.index.bestPerDocument(sentence, { limit: Math.min(limit, ranked) }) : [];
  for (const hit of hits) {
    const entry = ctx.library.getByPath(hit.docId);
    if (!entry || ctx.library.get(entry.key) !== entry) continue;
    const p = entry.passages[hit.passage];
    push(entry.key, entry, hit.coverage, p?.text ?? "", p?.startLine ?? 0);
  }
  for (const c of cited) push(...c);
  for (const key of ctx.library.keys()) {
    if (out.length >= limit) break;
    const entry = ctx.library.get(key)!;
    const p = entry.passages[0];
    push(key, entry, 0, p?.text ?? "", p?.startLine ?? 0);
  }
  return out;
}
