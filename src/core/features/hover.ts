import type { RuleContext } from "../rules/rule";
import { isExtractedKind, kindNoun } from "../sources/kinds";
import type { Brief } from "../parse/brief";
import { citationAt } from "./citationAt";
import { escapeMarkdown, findSupportingPassage, renderMarkedPassage } from "./support";
import { relativePath } from "../fs";
import { pageLabel } from "../sources/library";
import { displayDate } from "../text";
import { extractQuotes, findQuote } from "../match/quotes";
import { findFigure, sentenceFigures } from "../match/figures";
import type { ResolvedSource } from "../rules/rule";
import type { Sentence } from "../parse/brief";
import type { Passage } from "../sources/passages";
import type { Claim } from "../verify/claims";
import { verdictMarkdown } from "./verdicts";
import { languageName, sourceLanguage } from "../lang/language";

/**
 * The passage a problem of the sentence names, when one does and it lies in this source: where the
 * closest words to a misquote are (`quote-mismatch`), or the closest figure to a figure no cited
 * source holds (`number-mismatch`). The hover shows that passage, so it and the Problems panel
 * speak of the same place. Judged as the rules judge, over every source the sentence cites, and
 * only for a rule that is on.
 */
export function diagnosedPassage(ctx: RuleContext, source: ResolvedSource, sentence: Sentence): { passage: Passage; kind: "quote" | "figure"; marks: Array<[number, number]>; note: string } | undefined {
  const e = source.entry;
  const passages = e.passages;
  const claim = sentence.claimText;
  const cited = ctx.citedSources(sentence);
  const mine = cited.findIndex((c) => c.entry === e);
  if (mine < 0) return undefined;
  const at = (offset: number) => passages.findIndex((p) => offset >= p.start && offset < p.end);
  if (ctx.config.rules["quote-mismatch"] !== "off") {
    for (const q of extractQuotes(claim)) {
      const r = findQuote(q.text, cited.map((c) => c.entry.text.slice(c.entry.bodyOffset)));
      if (r.found || !r.closest || r.closest.sourceIndex !== mine) continue;
      const offset = e.bodyOffset + r.closest.start;
      const i = at(offset);
      if (i < 0) continue;
      const p = passages[i];
      return { passage: p, kind: "quote", marks: [[offset - p.start, Math.min(p.end, e.bodyOffset + r.closest.end) - p.start]], note: `the quote "${escapeMarkdown(q.text.slice(0, 60))}" is not in ${cited.length > 1 ? "the cited sources" : "this source"}; the closest words are in bold` };
    }
  }
  if (ctx.config.rules["number-mismatch"] !== "off") {
    const mineHeld = source.library.figures(e);
    const held = cited.flatMap((c) => c.library.figures(c.entry).flat());
    for (const f of sentenceFigures(claim, sentence.lang)) {
      const r = findFigure(f, held);
      if (r.found || !r.closest) continue;
      const closest = r.closest;
      const i = mineHeld.findIndex((fs) => fs.some((x) => x === closest || x.parts?.includes(closest)));
      if (i < 0 || !passages[i]) continue;
      return { passage: passages[i], kind: "figure", marks: [[closest.start, closest.end]], note: `the figure "${escapeMarkdown(f.raw)}" is not in ${cited.length > 1 ? "the cited sources" : "this source"}; the closest ${cited.length > 1 ? "they hold" : "it holds"} is "${escapeMarkdown(closest.raw.replace(/\s+/g, " "))}"` };
    }
  }
  return undefined;
}

export interface HoverResult {
  /** Markdown. Command links are built by `openLink`. */
  markdown: string;
  start: number;
  end: number;
  /** The source and passage shown, for tests and for "open source". */
  key: string;
  path?: string;
  line?: number;
}

/**
 * The hover of a citation key: the source's title, publisher, date and link, and the passage that
 * best supports the sentence with the shared words in bold.
 */
export function citationHover(ctx: RuleContext, brief: Brief, offset: number, root: string, openLink: (path: string, line: number) => string, claims?: readonly Claim[]): HoverResult | undefined {
  const target = citationAt(brief, offset);
  if (!target) return undefined;
  const start = target.keyStart - 1;
  const end = target.keyEnd;
  // The claim's verdict first, with why (from the latest check of this text).
  const claim = claims?.find((c) => offset >= c.start && offset <= c.end);
  const verdict = claim ? verdictMarkdown(claim, escapeMarkdown) : undefined;
  const result = citationHoverBody(ctx, target, start, end, root, openLink);
  if (result && verdict) result.markdown = `${verdict}\n\n---\n\n${result.markdown}`;
  return result;
}

function citationHoverBody(ctx: RuleContext, target: NonNullable<ReturnType<typeof citationAt>>, start: number, end: number, root: string, openLink: (path: string, line: number) => string): HoverResult | undefined {
  const source = ctx.resolve(target.key);
  if (!source) {
    const close = ctx.closestKeys(target.key, 3);
    const why = ctx.referenceError(target.key);
    const md =
      `**@${escapeMarkdown(target.key)}** is not in the source library` +
      (why ? `: ${escapeMarkdown(why)}` : ` (${ctx.config.sources.map((s) => escapeMarkdown(relativePath(root, s))).join(", ")})`) +
      (close.length ? `\n\nClosest keys: ${close.map((k) => `\`@${k}\``).join(", ")}` : "");
    return { markdown: md, start, end, key: target.key };
  }
  const e = source.entry;
  const claim = target.sentence?.claimText;
  const support = findSupportingPassage(source, target.listed ? undefined : claim, target.sentence?.lang);
  const named = target.sentence && !target.listed && !e.noText ? diagnosedPassage(ctx, source, target.sentence) : undefined;
  const meta = [e.author, e.container, e.publisher !== e.container ? e.publisher : undefined, displayDate(e.published)].filter(Boolean).map((s) => escapeMarkdown(s!)).join(" · ");
  // Said for what is not a plain text source: a web page, a PDF, a bibliography entry.
  const kindWord = isExtractedKind(e.kind) || e.kind === "bibliography" ? kindNoun(e.kind) : undefined;
  // The source's language, where it matters: a source not in English, or a brief that is not.
  const lang = e.noText ? undefined : sourceLanguage(e);
  const briefLang = target.sentence?.lang ?? "en";
  const langWord = lang && lang !== "und" && (lang !== "en" || (briefLang !== "en" && briefLang !== "und")) ? `in ${languageName(lang)}` : undefined;
  const kind = [kindWord, langWord].filter(Boolean).join(" · ") || undefined;
  const parts = [`**${escapeMarkdown(e.title)}**` + (meta ? `  \n${meta}` : "") + (kind ? `  \n*${kind}*` : "")];
  if (e.url && /^https?:\/\//i.test(e.url)) parts.push(`[${escapeMarkdown(e.url)}](${e.url})`);
  let line: number | undefined;
  const name = escapeMarkdown(relativePath(root, e.path));
  if (e.noText) {
    line = e.bibliographyLine ?? 0;
    parts.push(e.noTextReason ? `No text of this entry could be read (${escapeMarkdown(e.noTextReason)}): its quotes and figures are not checked.` : `No text of this entry is in the workspace: its quotes and figures are not checked.`);
    parts.push(`[Open ${name} at line ${line + 1}](${openLink(e.path, line)})`);
  } else if (named) {
    const at = named.passage.startLine;
    line = at;
    const page = named.passage.page !== undefined ? `page ${pageLabel(e, named.passage.page)}` : `line ${at + 1}`;
    // In the passage that best supports the sentence, its shared words stay marked (and a figure too).
    const same = support?.passage === named.passage;
    const marks = !same ? named.marks : named.kind === "figure" ? unionMarks(support!.marks, named.marks) : support!.marks;
    parts.push(`> ${renderMarkedPassage(named.passage.text, marks)}`);
    parts.push(`[Open ${name} at ${page}](${openLink(e.path, at)}) — ${named.note}`);
  } else if (support) {
    const at = support.passage.startLine;
    line = at;
    const quoted = renderMarkedPassage(support.passage.text, support.marks);
    const share = support.hit && claim ? ` — shares ${support.hit.matchedTerms.length} word${support.hit.matchedTerms.length === 1 ? "" : "s"} with the sentence` : "";
    const page = support.passage.page !== undefined ? `page ${pageLabel(e, support.passage.page)}` : `line ${at + 1}`;
    parts.push(`> ${quoted}`);
    parts.push(`[Open ${name} at ${page}](${openLink(e.path, at)})${share}`);
  } else {
    parts.push(`[Open ${name}](${openLink(e.path, 0)})`);
  }
  return { markdown: parts.join("\n\n"), start, end, key: target.key, path: e.path, line };
}

/** Two lists of marked spans as one, sorted, overlapping spans joined. */
function unionMarks(a: ReadonlyArray<[number, number]>, b: ReadonlyArray<[number, number]>): Array<[number, number]> {
  const all = [...a, ...b].sort((x, y) => x[0] - y[0]);
  const out: Array<[number, number]> = [];
  for (const [s, e] of all) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}
