import type { RuleContext } from "../rules/rule";
import type { SourceEntry } from "../sources/library";
import { findSupportingPassage } from "./support";
import { displayDate } from "../text";
import { KEY_PATTERN } from "../parse/citations";

export interface SourceSuggestion {
  key: string;
  title: string;
  date?: string;
  path: string;
  /** 0..1: share of the sentence's content words the best passage holds. */
  coverage: number;
  /**
   * A plain-text preview of the best passage. Read on first use: a source's text may be packed
   * (sourceText.ts), and a list of hundreds of keys shows one preview at a time.
   */
  readonly preview: string;
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

/** A cited key: in braces, or Pandoc's key syntax (linear: inner punctuation only before a key character). */
const CITED_KEY = new RegExp(`-?@(?:\\{([^{}\\n]*)\\}|(${KEY_PATTERN.source}))`, "gu");

/**
 * The other keys of the bracketed citation the cursor is in (`[@a; @|]` → `a`): completion does not
 * offer a key the citation already holds. `line` is the whole line, `cursor` the column, `typedStart`
 * where the key being typed starts (it is not one of the others).
 */
export function keysInCitationAt(line: string, cursor: number, typedStart = cursor): string[] {
  const before = line.slice(0, cursor);
  const open = before.lastIndexOf("[");
  if (open < 0 || before.lastIndexOf("]") > open) return [];
  const close = line.indexOf("]", cursor);
  const end = close < 0 ? line.length : close;
  const keys: string[] = [];
  CITED_KEY.lastIndex = 0;
  const text = line.slice(open, end);
  for (let m = CITED_KEY.exec(text); m; m = CITED_KEY.exec(text)) {
    const keyStart = open + m.index + m[0].indexOf("@") + 1;
    if (keyStart === typedStart) continue;
    keys.push(m[1] ?? m[2]);
  }
  return keys;
}

/** How many sources completion ranks by support; the rest follow by key. */
const RANKED = 50;

/**
 * Every key the brief may cite, ranked together by how well its source supports `sentence` (best
 * passage first), whatever the source's kind (a reference line's file, a bibliography entry, a
 * library source); then, among sources that support nothing, reference lines, bibliography
 * entries and the library's keys by name.
 */
export function rankSources(ctx: RuleContext, sentence: string, limit = 500, ranked = RANKED): SourceSuggestion[] {
  /** The preview: the passage's text, read when the suggestion's preview is. */
  type Preview = { text: string } | undefined;
  type Candidate = { key: string; entry: SourceEntry; coverage: number; preview: Preview; previewLine: number; order: number };
  const candidates = new Map<string, Candidate>();
  let order = 0;
  const offer = (key: string, entry: SourceEntry, coverage: number, preview: Preview, previewLine: number) => {
    const had = candidates.get(key);
    // The same key offered twice keeps its first source (as `resolve` does) and its best figure.
    if (had) {
      if (had.entry === entry && coverage > had.coverage) Object.assign(had, { coverage, preview, previewLine });
      return;
    }
    candidates.set(key, { key, entry, coverage, preview, previewLine, order: order++ });
  };
  const hasText = sentence.trim() !== "";
  for (const ref of ctx.brief.references) {
    const src = ctx.resolve(ref.key);
    if (!src) continue;
    const sp = hasText ? findSupportingPassage(src, sentence) : undefined;
    offer(ref.key, src.entry, sp?.hit?.coverage ?? 0, sp?.passage ?? src.entry.passages[0], sp?.passage.startLine ?? src.entry.passages[0]?.startLine ?? 0);
  }
  // Bibliography entries (few, and outside the library's index): scored on their own text, if any.
  for (const key of ctx.bibliographyKeys()) {
    const src = ctx.resolve(key);
    if (!src || ctx.library.get(key)) continue;
    const sp = src.entry.noText || !hasText ? undefined : findSupportingPassage(src, sentence);
    offer(key, src.entry, sp?.hit?.coverage ?? 0, sp?.passage, sp?.passage.startLine ?? 0);
  }
  // The best-supporting library sources by the index (a completion list shows a few dozen at most).
  const hits = hasText ? ctx.library.index.bestPerDocument(sentence, { limit: Math.min(limit, ranked) }) : [];
  for (const hit of hits) {
    const entry = ctx.library.getByPath(hit.docId);
    if (!entry || ctx.library.get(entry.key) !== entry) continue;
    // A key a reference line of the brief takes is that file's, not the library's.
    if (ctx.resolve(entry.key)?.entry !== entry) continue;
    const p = entry.passages[hit.passage];
    offer(entry.key, entry, hit.coverage, p, p?.startLine ?? 0);
  }
  const sorted = [...candidates.values()].sort((a, b) => b.coverage - a.coverage || a.order - b.order);
  const suggestion = (key: string, entry: SourceEntry, coverage: number, preview: Preview, previewLine: number): SourceSuggestion => ({
    key,
    title: entry.title,
    date: displayDate(entry.published),
    path: entry.path,
    coverage,
    get preview() {
      return preview?.text ?? "";
    },
    previewLine,
  });
  const out: SourceSuggestion[] = sorted.slice(0, limit).map((c) => suggestion(c.key, c.entry, c.coverage, c.preview, c.previewLine));
  for (const key of ctx.library.keys()) {
    if (out.length >= limit) break;
    if (candidates.has(key)) continue;
    const entry = ctx.library.get(key);
    if (!entry) continue; // listed, not read yet (a library being loaded again)
    const p = entry.passages[0];
    out.push(suggestion(key, entry, 0, p, p?.startLine ?? 0));
  }
  return out;
}
