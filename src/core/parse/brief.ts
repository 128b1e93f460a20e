import { LineIndex } from "../text";
import { lastIndexAtOrBefore } from "../sorted";
import type { Range } from "../types";
import { parseFrontMatter, frontMatterString, type FrontMatter } from "./frontMatter";
import { lintMarkdown, type MarkdownStructure } from "./markdown";
import { findCitations, type Citation, type MalformedCitation } from "./citations";
import { splitSentences } from "./sentences";
import { detectLanguage, languageCode, sentenceLanguage } from "../lang/language";
import type { LintError, Configuration } from "markdownlint";
import type { Limits } from "../config";

export interface Section {
  /** The name as written. */
  name: string;
  /** Lower-cased name for comparisons. */
  id: string;
  style: "heading" | "label";
  /** Heading level; 0 for the label style. */
  level: number;
  /** The heading or label itself. */
  markerStart: number;
  markerEnd: number;
  /** Offsets of the section's content (after the heading or label) up to its end. */
  contentStart: number;
  contentEnd: number;
  /** Words in the content. */
  words: number;
}

export interface Sentence {
  start: number;
  end: number;
  /** The sentence with citations, code and link targets blanked out (same length as the source text). */
  claimText: string;
  citations: Citation[];
  /** Lower-cased name of the section the sentence stands in, if any. */
  section?: string;
  words: number;
  /** The language the sentence is written in (its brief's, unless its script says otherwise). */
  lang: string;
}

export interface ReferenceLine {
  key: string;
  path: string;
  title?: string;
  start: number;
  end: number;
  keyStart: number;
  keyEnd: number;
}

export interface ListedSource {
  key: string;
  keyStart: number;
  keyEnd: number;
  /** The whole list item's line span, for removal. */
  itemStart: number;
  itemEnd: number;
}

export interface Brief {
  text: string;
  lines: LineIndex;
  frontMatter: FrontMatter;
  /** The brief's language: its front matter's `lang` (or `language`), else detected from its prose; `und` when too short to tell. */
  lang: string;
  /** Whether the language was declared in the front matter. */
  langDeclared: boolean;
  title?: { text: string; start: number; end: number };
  date?: { text: string; start: number; end: number };
  structure: MarkdownStructure;
  sections: Section[];
  citations: Citation[];
  malformed: MalformedCitation[];
  references: ReferenceLine[];
  sourcesSection?: Section;
  listed: ListedSource[];
  sentences: Sentence[];
  markdownlint: LintError[];
  /** Why markdownlint did not run on this brief (a size or shape limit), if it did not. */
  markdownlintSkipped?: string;
  /** markdownlint threw on this brief (its problems are left out): the message. */
  parseFailure?: string;
}

export interface ParseOptions {
  /** Section names to recognise (headings and labels), e.g. required ones plus `Sources`. */
  sectionNames: readonly string[];
  markdownlint?: Configuration | false;
  /** Sizes past which markdownlint is not run (default `DEFAULT_LIMITS`). */
  limits?: Limits;
  /** markdownlint's problems, computed elsewhere (another thread): used instead of running it here. */
  markdownlintErrors?: readonly LintError[];
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’\-.,%]*/gu;

const CJK_RUN = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\u30FC]+/gu;

/** Words of a text; Chinese and Japanese, written without spaces, count a word for every two characters. */
export function countWords(text: string): number {
  let n = 0;
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
    const cjk = m[0].match(CJK_RUN);
    if (!cjk) n++;
    else {
      let chars = 0;
      for (const r of cjk) chars += r.length;
      n += Math.max(1, Math.ceil(chars / 2)) + (chars < m[0].length && /^[^\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]/u.test(m[0]) ? 1 : 0);
    }
  }
  return n;
}

/** Strips Markdown emphasis and a trailing colon from a heading or label text. */
export function sectionNameOf(text: string): string {
  return text.replace(/[*_`]/g, "").replace(/:\s*$/, "").trim();
}

const LABEL = /^(?:\*\*|__)?([\p{L}][\p{L}\p{N} '’\-/&]{0,60}?)(?::(?:\*\*|__)|(?:\*\*|__):|:)/u;

/** Parses a brief once; every rule reads this model. */
export function parseBrief(text: string, options: ParseOptions): Brief {
  const lines = new LineIndex(text);
  const frontMatter = parseFrontMatter(text);
  const { structure, errors, skipped, failure } = lintMarkdown(text, options.markdownlint, options.limits, options.markdownlintErrors);
  const names = new Map(options.sectionNames.map((n) => [n.toLowerCase(), n]));

  // Sections: headings named like a known section, and paragraphs that start with a label.
  type Start = { section: Section; at: number };
  const starts: Start[] = [];
  const headingStops: Array<{ at: number; level: number }> = [];
  for (const h of structure.headings) {
    headingStops.push({ at: h.start, level: h.level });
    const name = sectionNameOf(h.text);
    if (names.has(name.toLowerCase())) {
      starts.push({
        at: h.start,
        section: { name, id: name.toLowerCase(), style: "heading", level: h.level, markerStart: h.start, markerEnd: h.end, contentStart: h.end, contentEnd: text.length, words: 0 },
      });
    }
  }
  for (const p of structure.paragraphs) {
    if (p.listDepth > 0) continue;
    const m = LABEL.exec(text.slice(p.start, p.start + 80));
    if (!m) continue;
    const name = m[1].trim();
    if (!names.has(name.toLowerCase())) continue;
    starts.push({
      at: p.start,
      section: { name, id: name.toLowerCase(), style: "label", level: 0, markerStart: p.start, markerEnd: p.start + m[0].length, contentStart: p.start + m[0].length, contentEnd: text.length, words: 0 },
    });
  }
  starts.sort((a, b) => a.at - b.at);
  const sections = starts.map((s) => s.section);
  // Code blanked out once for the whole text (same length), so no section or sentence walks
  // every code range again.
  const codeMasked = maskRanges(text, structure.codeRanges);
  // Sections are disjoint and in order, and so are the heading stops: one pointer walks them.
  let hi = 0;
  for (let i = 0; i < sections.length; i++) {
    const s = sections[i];
    let end = i + 1 < sections.length ? sections[i + 1].markerStart : text.length;
    while (hi < headingStops.length && headingStops[hi].at <= s.markerStart) hi++;
    for (let k = hi; k < headingStops.length && headingStops[k].at < end; k++) {
      const h = headingStops[k];
      if (s.style === "label" || h.level <= s.level) {
        end = h.at;
        break;
      }
    }
    s.contentEnd = end;
    s.words = countWords(codeMasked.slice(s.contentStart, end));
  }

  const skip: Array<readonly [number, number]> = [...structure.codeRanges, ...structure.definitions].sort((a, b) => a[0] - b[0]);
  if (frontMatter.bodyOffset > 0) skip.unshift([0, frontMatter.bodyOffset]);
  // A citation lies inside one block: a paragraph or a heading (elsewhere, inside one line).
  const blocks: Array<readonly [number, number]> = [...structure.paragraphs.map((p) => [p.start, p.end] as const), ...structure.headings.map((h) => [h.start, h.end] as const)].sort((a, b) => a[0] - b[0]);
  const { citations, malformed } = findCitations(text, skip, blocks);
  const references = findReferences(text, structure);
  const sourcesSection = sections.find((s) => s.id === "sources");
  const listed: ListedSource[] = [];
  if (sourcesSection) {
    for (const c of citations) {
      if (c.start < sourcesSection.contentStart || c.start >= sourcesSection.contentEnd) continue;
      const startLine = lines.positionAt(c.start).line;
      for (const item of c.items) {
        listed.push({ key: item.key, keyStart: item.keyStart, keyEnd: item.keyEnd, itemStart: lines.lineStarts[startLine], itemEnd: lines.lineEnd(startLine) });
      }
    }
  }

  const claimMasked = maskRanges(codeMasked, citations.map((c) => [c.start, c.end] as const));
  const declared = languageCode(frontMatter.data.lang) ?? languageCode(frontMatter.data.language);
  const lang = declared ?? detectLanguage(proseOf(claimMasked, structure, sourcesSection));
  const sentences = readSentences(text, claimMasked, structure, sections, citations, sourcesSection, lang);
  const fmTitle = frontMatterString(frontMatter.data.title);
  const fmDate = frontMatterString(frontMatter.data.date);
  let title: Brief["title"];
  let date: Brief["date"];
  if (fmTitle) title = { text: fmTitle, ...keyLineSpan(text, lines, frontMatter, "title") };
  else {
    const h1 = structure.headings.find((h) => h.level === 1);
    if (h1) title = { text: sectionNameOf(h1.text), start: h1.start, end: h1.end };
  }
  if (fmDate) date = { text: fmDate, ...keyLineSpan(text, lines, frontMatter, "date") };
  else {
    const m = /^(?:\*\*)?Date(?:\*\*)?:(?:\*\*)?[ \t]*(\d{4}-\d{2}-\d{2})\b/im.exec(text.slice(frontMatter.bodyOffset));
    if (m) date = { text: m[1], start: frontMatter.bodyOffset + m.index, end: frontMatter.bodyOffset + m.index + m[0].length };
  }

  return { text, lines, frontMatter, lang, langDeclared: declared !== undefined, title, date, structure, sections, citations, malformed, references, sourcesSection, listed, sentences, markdownlint: errors, markdownlintSkipped: options.markdownlint === false ? undefined : skipped, parseFailure: failure };
}

function keyLineSpan(text: string, lines: LineIndex, fm: FrontMatter, key: string): { start: number; end: number } {
  const m = new RegExp(`^${key}\\s*:.*$`, "m").exec(text.slice(0, fm.bodyOffset));
  if (m) return { start: m.index, end: m.index + m[0].length };
  return { start: 0, end: lines.lineEnd(0) };
}

/** `[@key]: relative/path.txt "Optional title"` lines (Markdown link reference definitions). */
function findReferences(text: string, structure: MarkdownStructure): ReferenceLine[] {
  const out: ReferenceLine[] = [];
  for (const [start, end] of structure.definitions) {
    // The path is matched once (a lookahead and a back-reference make it atomic): otherwise a long
    // path followed by a long run of blanks and more text is retried at every length, quadratic.
    const m = /^\[@([^\]\s]+)\]:[ \t]*(?=(<[^>]*>|\S+))\2(?:\s+(?:"([^"]*)"|'([^']*)'|\(([^)]*)\)))?\s*$/.exec(text.slice(start, end));
    if (!m) continue;
    const keyStart = start + 2;
    out.push({ key: m[1], path: m[2].replace(/^<|>$/g, ""), title: m[3] ?? m[4] ?? m[5], start, end, keyStart, keyEnd: keyStart + m[1].length });
  }
  return out;
}

/**
 * The text with every [start, end) range blanked to spaces (same length, so offsets hold).
 * Linear in the text plus the ranges: they are sorted and merged once.
 */
function maskRanges(text: string, ranges: ReadonlyArray<readonly [number, number]>): string {
  if (!ranges.length) return text;
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const parts: string[] = [];
  let last = 0;
  for (const [start, end] of sorted) {
    const a = Math.max(start, last);
    const b = Math.min(end, text.length);
    if (b <= a) continue;
    parts.push(text.slice(last, a), " ".repeat(b - a));
    last = b;
  }
  parts.push(text.slice(last));
  return parts.join("");
}

/**
 * Splits the paragraphs (outside the Sources section) into sentences. `claimMasked` is the text
 * with code and citations blanked; each sentence takes its slice of it, so the work is linear
 * however many citations or code spans a sentence holds.
 */
/** The brief's paragraphs (not its Sources section), up to a few thousand characters: what its language is detected from. */
function proseOf(claimMasked: string, structure: MarkdownStructure, sourcesSection: Section | undefined): string {
  const parts: string[] = [];
  let size = 0;
  for (const p of structure.paragraphs) {
    if (sourcesSection && p.start >= sourcesSection.contentStart && p.start < sourcesSection.contentEnd) continue;
    const t = claimMasked.slice(p.start, Math.min(p.end, p.start + 3000));
    parts.push(t);
    size += t.length;
    if (size >= 3000) break;
  }
  return parts.join("\n");
}

function readSentences(text: string, claimMasked: string, structure: MarkdownStructure, sections: Section[], citations: Citation[], sourcesSection: Section | undefined, lang: string): Sentence[] {
  const out: Sentence[] = [];
  let ci = 0;
  for (const p of structure.paragraphs) {
    if (sourcesSection && p.start >= sourcesSection.contentStart && p.start < sourcesSection.contentEnd) continue;
    const section = sectionAt(sections, p.start);
    let start = p.start;
    if (section && section.style === "label" && section.markerStart === p.start) start = section.contentStart;
    const para = text.slice(start, p.end);
    for (const span of splitSentences(para, lang)) {
      const s = start + span.start;
      const e = start + span.end;
      while (ci < citations.length && citations[ci].end <= s) ci++;
      const own: Citation[] = [];
      for (let k = ci; k < citations.length && citations[k].start < e; k++) own.push(citations[k]);
      const claim = claimMasked
        .slice(s, e)
        .replace(/\]\([^)\s]*\)/g, (m) => " ".repeat(m.length))
        .replace(/[*_]{1,3}/g, (m) => " ".repeat(m.length));
      out.push({ start: s, end: e, claimText: claim, citations: own, section: section?.id, words: countWords(claim), lang: sentenceLanguage(claim, lang) });
    }
  }
  return out;
}

/** The section an offset stands in (sections are disjoint and in order: a binary search). */
export function sectionAt(sections: readonly Section[], offset: number): Section | undefined {
  const s = sections[lastIndexAtOrBefore(sections, offset, (x) => x.markerStart)];
  return s && offset < s.contentEnd ? s : undefined;
}

export function rangeOf(brief: Brief, start: number, end: number): Range {
  return brief.lines.rangeOf(start, end);
}
