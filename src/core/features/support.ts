import type { ResolvedSource } from "../rules/rule";
import type { PassageHit } from "../sources/passageIndex";
import type { Passage } from "../sources/passages";
import { contentTerms, tokenize } from "../sources/tokenize";
import { comparison, sourceLanguage } from "../lang/language";
import { findFigure, sentenceFigures } from "../match/figures";

export interface SupportingPassage {
  source: ResolvedSource;
  passage: Passage;
  passageIndex: number;
  hit?: PassageHit;
  /** Offsets within the passage text of words shared with the sentence. */
  marks: Array<[number, number]>;
}

/** The passage of a source that best supports a text (its first passage when nothing is shared). */
export function findSupportingPassage(source: ResolvedSource, text: string | undefined, textLang = "en"): SupportingPassage | undefined {
  const passages = source.entry.passages;
  if (passages.length === 0) return undefined;
  const lang = sourceLanguage(source.entry);
  // Words are compared in the source's language; a sentence in another language is matched by its figures.
  const same = comparison(textLang, lang) === "same";
  const hit = text && same ? source.library.search(text, { limit: 1, paths: [source.entry.path], lang: lang === "en" || lang === "und" ? undefined : lang })[0] : undefined;
  let index = hit ? hit.passage : 0;
  if (text && !same) {
    const figures = sentenceFigures(text, textLang);
    const held = source.library.figures(source.entry);
    let best = 0;
    held.forEach((fs, i) => {
      const n = figures.filter((f) => findFigure(f, fs).found).length;
      if (n > best) {
        best = n;
        index = i;
      }
    });
  }
  const passage = passages[index];
  const marks = hit ? markTerms(passage.text, new Set(hit.matchedTerms), lang) : [];
  return { source, passage, passageIndex: index, hit, marks };
}

/** Offsets of the words in `text` whose index term is one of `terms`. */
export function markTerms(text: string, terms: ReadonlySet<string>, lang = "en"): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  if (terms.size === 0) return out;
  for (const t of tokenize(text)) {
    const term = contentTerms(text.slice(t.start, t.end), lang)[0];
    if (term === undefined || !terms.has(term)) continue;
    // Words that touch (Chinese and Japanese have no spaces) are one mark: `**772億ドル**`.
    const last = out[out.length - 1];
    if (last && last[1] === t.start) last[1] = t.end;
    else out.push([t.start, t.end]);
  }
  return out;
}

/** Markdown of a passage with the marked words in bold, trimmed around the first mark to `max` characters. */
export function renderMarkedPassage(text: string, marks: ReadonlyArray<[number, number]>, max = 600): string {
  let from = 0;
  let to = text.length;
  if (text.length > max) {
    const first = marks[0]?.[0] ?? 0;
    from = Math.max(0, first - Math.floor(max / 4));
    while (from > 0 && !/\s/.test(text[from - 1])) from--;
    to = Math.min(text.length, from + max);
  }
  let out = "";
  let pos = from;
  for (const [s, e] of marks) {
    if (s < from || e > to) continue;
    out += escapeMarkdown(text.slice(pos, s)) + "**" + escapeMarkdown(text.slice(s, e)) + "**";
    pos = e;
  }
  out += escapeMarkdown(text.slice(pos, to));
  out = out.replace(/\s*\n\s*/g, " ").trim();
  return (from > 0 ? "…" : "") + out + (to < text.length ? "…" : "");
}

export function escapeMarkdown(s: string): string {
  return s.replace(/([\\`*_{}[\]<>()#+!|~])/g, "\\$1");
}
