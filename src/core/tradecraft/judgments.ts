/**
 * What the tradecraft rules look for in a sentence: confidence levels, explicit judgments,
 * forecasts, words of likelihood outside the yardstick, and probabilities given as numbers.
 * Each reads a sentence with its quotations blanked (`maskQuotes`): words a source said are not
 * the analyst's judgment. Every pattern is a single scan: linear in the sentence.
 */
import type { Brief, Sentence } from "../parse/brief";
import type { BriefConfig } from "../config";
import { findTerms, yardstickOf, type Yardstick } from "./yardstick";

export interface Span {
  start: number;
  end: number;
  text: string;
}

const OPEN_CLOSE: Record<string, string> = { "\"": "\"", "“": "”", "„": "“", "«": "»", "‘": "’", "「": "」", "『": "』" };

/** The sentence with every quotation blanked to spaces (same length, so offsets hold). */
export function maskQuotes(text: string): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const close = OPEN_CLOSE[c];
    // `‘` opens a quote only after a space or an opening bracket (else it is an apostrophe).
    if (close && (c !== "‘" || i === 0 || /[\s(\[]/.test(text[i - 1]))) {
      const j = text.indexOf(close, i + 1);
      if (j > i && (c !== "‘" || !/\p{L}/u.test(text[j + 1] ?? ""))) {
        out += " ".repeat(j + 1 - i);
        i = j + 1;
        continue;
      }
    }
    out += c;
    i++;
  }
  return out;
}

function spans(re: RegExp, text: string, keep: (m: RegExpExecArray) => boolean = () => true): Span[] {
  const out: Span[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    if (keep(m)) out.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Confidence

const CONFIDENCE = /\b(low|moderate|medium|high)(?:[-\s]+|\s+(?:level|degree)\s+of\s+)confidence\b|\bconfidence(?:\s+in\s+(?:this|that|the)\s+(?:judgment|judgement|assessment))?(?:\s+(?:is|was|remains|stays)|\s*:)\s+(low|moderate|medium|high)\b/gi;
/** Confidence in the everyday sense: of markets, consumers, voters (`consumer confidence is high` has no level either). */
const EVERYDAY_BEFORE = /\b(?:consumer|consumers'?|investor|investors'?|business|market|markets'?|public|voter|voters'?|economic)\s+$/i;
const EVERYDAY_AFTER = /^\s+(?:among|of\s+(?:the\s+)?(?:public|investors|markets|consumers|voters|businesses|lenders))\b/i;

export interface ConfidenceSpan extends Span {
  level: "low" | "moderate" | "high";
}

/** Confidence levels (`high confidence`, `with moderate confidence`, `a low level of confidence`), not confidence of markets or voters. */
export function confidenceLevels(text: string): ConfidenceSpan[] {
  const out: ConfidenceSpan[] = [];
  for (const s of spans(CONFIDENCE, text)) {
    if (EVERYDAY_BEFORE.test(text.slice(Math.max(0, s.start - 24), s.start)) || EVERYDAY_AFTER.test(text.slice(s.end, s.end + 40))) continue;
    const word = /\b(low|moderate|medium|high)\b/i.exec(s.text)![1].toLowerCase();
    out.push({ ...s, level: word === "low" ? "low" : word === "high" ? "high" : "moderate" });
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Explicit judgments

const JUDGMENT = /\b(?:we|i)\s+(?:(?:continue\s+to|still|now|also|further|therefore|thus|nonetheless|now\s+also)\s+)?(?:assess|judge|estimate|believe|assessed|judged|estimated|believed)\b|\bour\s+(?:assessment|judgment|judgement|estimate|view)\s+is\b|\bit\s+is\s+(?:our\s+)?(?:assessed|judged|estimated)\b|\bwe\s+(?:reach|reached|make|made)\s+(?:this|the|that)\s+(?:assessment|judgment|judgement)\b/gi;

/** Explicit judgments: `we assess`, `we judge`, `we estimate`, `we believe`, `our assessment is`, `it is assessed`. */
export function explicitJudgments(text: string): Span[] {
  return spans(JUDGMENT, text);
}

// ---------------------------------------------------------------------------------------
// Forecasts

const FORECAST = /\b(?:will|shall|won['’]t|wo\s+n't|(?:is|are|was|were)\s+(?:set|going|poised)\s+to)\b|['’]ll\b/gi;
/** `will` the noun: political will, the will of the people, against their will, goodwill. */
const NOUN_WILL_BEFORE = /\b(?:the|a|political|free|good|ill|their|his|her|our|its|popular|public|own|of|with|at|against|collective|national|last)\s+$/i;
/** The brief's own housekeeping: we will update this brief; this report will be revised. */
const HOUSEKEEPING_BEFORE = /(?:\b(?:we|i)|\bthis\s+(?:brief|report|note|assessment|update|product)|\bthe\s+(?:desk|team|analyst|analysts|authors?))\s+$/i;
const HOUSEKEEPING_CONTRACTED = /\b(?:we|i)$/i;
/** Recommendations in the imperative: `Monitor whether the ferries will return.` */
const IMPERATIVE_START = /^\s*(?:monitor|watch|track|assess|consider|review|ask|check|confirm|prepare|plan|brief|warn|advise|determine|establish|verify|follow|investigate|engage|ensure|seek|request|urge)\b/i;

/** Forecast markers (`will`, `shall`, `is set to`, `is going to`) that are not the noun, the brief's housekeeping, or an embedded question. */
/** The sentence says the future is not known: `what the board will do is unclear`. */
const UNKNOWN_FUTURE = /\b(?:unclear|not\s+clear|uncertain|unknown|not\s+known|remains\s+to\s+be\s+seen|no\s+one\s+knows|nobody\s+knows)\b/i;

export function forecasts(text: string): Span[] {
  if (IMPERATIVE_START.test(text) || /\?\s*$/.test(text.trim()) || UNKNOWN_FUTURE.test(text)) return [];
  return spans(FORECAST, text, (m) => {
    const word = m[0].toLowerCase();
    const before = text.slice(Math.max(0, m.index - 40), m.index);
    if (word.startsWith("'") || word.startsWith("’")) return !HOUSEKEEPING_CONTRACTED.test(before);
    if (word === "will" && (NOUN_WILL_BEFORE.test(before) || /[\p{L}](?:'s|s'|’s|s’)\s+$/u.test(before))) return false;
    if (word === "will" && /^\s+(?:of|to\s+(?:fight|win|act|resist|change|reform|compromise|negotiate))\b/i.test(text.slice(m.index + 4, m.index + 30))) return false;
    if (HOUSEKEEPING_BEFORE.test(before)) return false;
    // "whether the port will reopen": a question inside the sentence, not a forecast.
    if (/\b(?:whether|if)\s+(?:\S+\s+){0,6}$/i.test(before) && /\bwhether\b/i.test(before)) return false;
    return true;
  });
}

// ---------------------------------------------------------------------------------------
// Likelihood outside the yardstick

export type VagueSlot = "modal" | "adverb" | "clause";

export interface VagueSpan extends Span {
  slot: VagueSlot;
}

const VAGUE = /\b(?:could|might|may\s+well|possibly|perhaps|conceivably|there\s+(?:is|was|remains)\s+(?:a|some|an?\s+(?:small|slight|real|good|outside|fair|strong))\s+chance|there['’]s\s+(?:a|some)\s+chance|(?:cannot|can['’]t|can\s+not)\s+(?:be\s+)?rule[d]?\s+out|serious\s+possibility)\b/gi;
/** Reported speech: what a source said it could do is the source's, not the analyst's judgment. */
const REPORTED = /\b(?:said|says|say|told|tells|stated|states|warned|warns|claimed|claims|reported|reports|according\s+to|announced|announces|argued|argues|suggested|suggests|added|adds|noted|notes)\b/i;

/** Words of likelihood outside every yardstick: could, might, may well, possibly, perhaps, conceivably, there is a chance, cannot rule out, serious possibility. */
export function vagueTerms(text: string): VagueSpan[] {
  const out: VagueSpan[] = [];
  for (const s of spans(VAGUE, text)) {
    const word = s.text.toLowerCase();
    const after = text.slice(s.end, s.end + 30);
    const before = text.slice(Math.max(0, s.start - 60), s.start);
    if (REPORTED.test(before)) continue;
    // `could not`, `could only`, `so that ships could dock`: fact and purpose, not likelihood.
    if (word === "could" && (/^\s+(?:not|never|hardly|barely|only|n['’]t)\b/i.test(after) || /\b(?:so|so\s+that|in\s+order\s+that|as\s+soon\s+as|as\s+far\s+as|as\s+much\s+as|as\s+well\s+as|than)\s+(?:\S+\s+){0,4}$/i.test(before))) continue;
    if (word === "could" && /^n['’]t/i.test(after)) continue;
    // Past ability and inability: `Before the repairs, cranes could lift…`, `No one could say when…`.
    if (word === "could" && (/\b(?:no\s+one|nobody|none|nothing|neither)\s+(?:\S+\s+){0,2}$/i.test(before) || /\b(?:before|until|formerly|previously|once|at\s+the\s+time|in\s+(?:1[89]|20)\d\d|last\s+(?:year|month|week|winter|summer))\b/i.test(text.slice(0, s.start)))) continue;
    // `Could the board have acted sooner…`: a question, or a clause turned round, not a likelihood.
    if (/^(?:could|might)$/.test(word) && /^[\s"“'‘(*_]*$/.test(text.slice(0, s.start))) continue;
    if (word === "possibly" && /\b(?:not|cannot|can['’]t|couldn['’]t)\s+$/i.test(before)) continue;
    // `a chance to` is an opportunity.
    if (/chance$/.test(word) && /^\s+to\b/i.test(after)) continue;
    const slot: VagueSlot = /^(?:could|might|may)/.test(word) ? "modal" : /^(?:possibly|perhaps|conceivably)$/.test(word) ? "adverb" : "clause";
    out.push({ ...s, slot });
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Probabilities given as numbers

const STATED = /^\s*[(\[]\s*(?:(?:a|an|about|around|roughly|approximately|some|~|c\.)\s*)?(\d{1,3}(?:\.\d+)?)\s*(?:%|percent|per\s+cent)?\s*(?:(?:-|–|—|to)\s*(\d{1,3}(?:\.\d+)?)\s*)?(?:%|percent|per\s+cent)(?:\s+(?:chance|probability|likelihood|likely))?\s*[)\]]/i;

/** A probability written right after a likelihood term, in brackets: `likely (30%)`, `unlikely (20–45 percent)`. */
export function statedProbability(text: string, termEnd: number): { low: number; high: number; start: number; end: number } | undefined {
  const m = STATED.exec(text.slice(termEnd, termEnd + 60));
  if (!m) return undefined;
  const a = Number(m[1]);
  const b = m[2] !== undefined ? Number(m[2]) : a;
  if (!(a >= 0 && b <= 100 && a <= b)) return undefined;
  return { low: a, high: b, start: termEnd + m.index, end: termEnd + m.index + m[0].length };
}

// ---------------------------------------------------------------------------------------
// The brief as the rules read it

export interface TradecraftSentence {
  sentence: Sentence;
  /** The claim text with quotations blanked. */
  text: string;
  cited: boolean;
}

const sentenceCache = new WeakMap<Brief, TradecraftSentence[]>();

/** The brief's English sentences as the tradecraft rules read them (not its Sources section; other languages are not read). */
export function tradecraftSentences(brief: Brief): TradecraftSentence[] {
  let list = sentenceCache.get(brief);
  if (!list) {
    list = [];
    for (const s of brief.sentences) {
      if (s.lang !== "en" && s.lang !== "und") continue;
      if (s.end - s.start > 2000) continue;
      list.push({ sentence: s, text: maskQuotes(s.claimText), cited: s.citations.length > 0 });
    }
    sentenceCache.set(brief, list);
  }
  return list;
}

/** The yardstick of a config. */
export function yardstickFor(config: BriefConfig): Yardstick {
  return yardstickOf(config.tradecraft === false ? undefined : config.tradecraft?.yardstick);
}

export { findTerms };
