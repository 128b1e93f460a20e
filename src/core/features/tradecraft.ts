/**
 * Tradecraft in the editor: the hover of a likelihood term (its band, range and yardstick), of a
 * vague word (the yardstick to use instead) and of a confidence level; and the yardstick's terms
 * offered as completions after a judgment verb (`we assess that the strike is |`).
 */
import type { Brief } from "../parse/brief";
import type { BriefConfig } from "../config";
import { sentenceAt } from "./citationAt";
import { confidenceLevels, explicitJudgments, maskQuotes, vagueTerms, yardstickFor } from "../tradecraft/judgments";
import { findTerms, rangeText, type Yardstick } from "../tradecraft/yardstick";
import { briefVocabulary } from "../tradecraft/fixes";

export interface TradecraftHover {
  markdown: string;
  start: number;
  end: number;
}

/** The yardstick as one line: `almost no chance (1–5%) · very unlikely (5–20%) · …`. */
function scale(y: Yardstick, vocabulary: number): string {
  return y.bands
    .map((b) => {
      const term = y.terms.find((t) => t.band === b.band && (vocabulary === 0 || t.vocabulary === vocabulary))?.text ?? b.terms[0];
      return `${term} (${rangeText(b)})`;
    })
    .join(" · ");
}

/** The hover at an offset of a brief, when it stands on a likelihood term, a vague word or a confidence level. */
export function tradecraftHover(config: BriefConfig, brief: Brief, offset: number): TradecraftHover | undefined {
  if (config.tradecraft === false) return undefined;
  const s = sentenceAt(brief, offset);
  if (!s || (s.lang !== "en" && s.lang !== "und")) return undefined;
  const text = maskQuotes(s.claimText);
  const at = offset - s.start;
  const y = yardstickFor(config);
  const written = (a: number, b: number) => brief.text.slice(s.start + a, s.start + b);
  const term = findTerms(text, y).find((t) => at >= t.start && at <= t.end);
  if (term) {
    const band = y.bands[term.term.band - 1];
    const same = y.terms.filter((t) => t.band === term.term.band && t.text !== term.term.text);
    const vocabulary = y.vocabularies > 1 ? ` (vocabulary ${term.term.vocabulary})` : "";
    const lines = [
      `**${written(term.start, term.end)}** — ${y.name}, band ${band.band} of ${y.bands.length}: **${rangeText(band)}**${vocabulary}`,
      same.length ? `Same band: ${same.map((t) => `*${t.text}*${y.vocabularies > 1 ? ` (vocabulary ${t.vocabulary})` : ""}`).join(", ")}` : "",
      `${y.name}: ${scale(y, term.term.vocabulary)}`,
    ].filter(Boolean);
    return { markdown: lines.join("\n\n"), start: s.start + term.start, end: s.start + term.end };
  }
  const vague = vagueTerms(text).find((v) => at >= v.start && at <= v.end);
  if (vague && s.citations.length === 0) {
    const vocabulary = briefVocabulary(brief, y);
    return {
      markdown: `**${written(vague.start, vague.end)}** is not a term of ${y.name}'s yardstick: a reader cannot tell how likely it means.\n\nSay it with one of: ${scale(y, vocabulary)}`,
      start: s.start + vague.start,
      end: s.start + vague.end,
    };
  }
  const confidence = confidenceLevels(text).find((c) => at >= c.start && at <= c.end);
  if (confidence) {
    return {
      markdown: `**${written(confidence.start, confidence.end)}** — a confidence level (ICD 203 §D.6.b): how far the sources and reasoning bear the judgment out, not how likely it is. Keep it in a sentence of its own, apart from the likelihood.`,
      start: s.start + confidence.start,
      end: s.start + confidence.end,
    };
  }
  return undefined;
}

export interface LikelihoodCompletion {
  label: string;
  detail: string;
  /** The brief's vocabulary first, then by band: the order to show them in. */
  sortText: string;
}

/** Words after which a likelihood term is what comes next: `is`, `are`, `will be`, `remains`… */
const BEFORE_TERM = /\b(?:is|are|was|were|be|been|remains?|seems?|appears?|looks?|will|would|it\s+is|that)\s+[\p{L}-]*$/iu;

/**
 * The yardstick's terms to offer at `offset`, when a judgment verb stands before it in the sentence
 * (`We assess that the strike is |`), or `invoked` (the writer asked) anywhere in a sentence with one.
 */
export function likelihoodCompletions(config: BriefConfig, brief: Brief, offset: number, linePrefix: string, invoked: boolean): LikelihoodCompletion[] {
  if (config.tradecraft === false) return [];
  const s = sentenceAt(brief, offset) ?? brief.sentences.find((x) => offset >= x.start && offset <= x.end + 1);
  const before = s ? brief.text.slice(s.start, offset) : linePrefix;
  if (explicitJudgments(maskQuotes(before)).length === 0) return [];
  if (!invoked && !BEFORE_TERM.test(linePrefix)) return [];
  const y = yardstickFor(config);
  const vocabulary = briefVocabulary(brief, y);
  return y.terms.map((t) => {
    const band = y.bands[t.band - 1];
    const own = y.vocabularies < 2 || t.vocabulary === vocabulary;
    return {
      label: t.text,
      detail: `${y.name}, band ${t.band}: ${rangeText(band)}${y.vocabularies > 1 ? `, vocabulary ${t.vocabulary}` : ""}`,
      sortText: `${own ? 0 : 1}${String(t.band).padStart(2, "0")}${t.text}`,
    };
  });
}
