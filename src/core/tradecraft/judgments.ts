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

const CONFIDENCE = /\b(low|moderate|medium|high)(?:[-\s]+|\s+(?:level|degree)\s+of\s+)confidence\b|\bconfidence(?:\s+level)?(?:\s+in\s+(?:this|that|these|those|the|our)\s+(?:\w+\s+)?(?:judgments?|judgements?|assessments?|call|estimates?|view|conclusions?|analysis))?(?:\s+(?:is|was|are|were|remains|stays)|\s*:)\s+(low|moderate|medium|high)\b|\b(?:we|i)\s+(?:are|am|remain|were)\s+(?:(highly|moderately|only\s+moderately|fairly|reasonably|quite|not\s+very|not)\s+)?confident\b/gi;
/** Confidence in the everyday sense: of markets, consumers, voters (`consumer confidence is high` has no level either). */
const EVERYDAY_BEFORE = /\b(?:consumer|consumers'?|investor|investors'?|business|market|markets'?|public|voter|voters'?|economic)\s+$/i;
const EVERYDAY_AFTER = /^\s+(?:among|of\s+(?:the\s+)?(?:public|investors|markets|consumers|voters|businesses|lenders))\b/i;
/** Trust in someone (`low confidence in the border police`), not confidence in a judgment (`in this judgment`, `in our assessment`). */
const TRUST_AFTER = /^\s+in\s+(?!(?:this|that|these|those|the|our)\s+(?:\w+\s+)?(?:judgments?|judgements?|assessments?|call|estimates?|view|conclusions?|analysis)\b|our\b|it\b)/i;
/** `high-confidence fire detections`: a category of something, not a judgment's confidence. */
const AS_ADJECTIVE_AFTER = /^\s+(?!that\b|in\b|judgments?\b|judgements?\b|assessments?\b|calls?\b|estimates?\b|,)[a-z]/;

export interface ConfidenceSpan extends Span {
  level: "low" | "moderate" | "high";
}

/** Confidence levels (`high confidence`, `with moderate confidence`, `a low level of confidence`), not confidence of markets or voters. */
export function confidenceLevels(text: string): ConfidenceSpan[] {
  const out: ConfidenceSpan[] = [];
  for (const s of spans(CONFIDENCE, text)) {
    const after = text.slice(s.end, s.end + 60);
    if (EVERYDAY_BEFORE.test(text.slice(Math.max(0, s.start - 24), s.start)) || EVERYDAY_AFTER.test(after)) continue;
    if (/confidence$/i.test(s.text) && TRUST_AFTER.test(after)) continue;
    if (/-confidence$/i.test(s.text) && AS_ADJECTIVE_AFTER.test(after)) continue;
    const level = /\b(low|moderate|medium|high)\b/i.exec(s.text)?.[1].toLowerCase();
    const adverb = /\b(highly|moderately|not)\b/i.exec(s.text)?.[1].toLowerCase();
    const l = level ?? (adverb === "highly" ? "high" : adverb === "not" ? "low" : "moderate");
    out.push({ ...s, level: l === "low" ? "low" : l === "high" ? "high" : "moderate" });
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
const HOUSEKEEPING_BEFORE = /(?:\b(?:we|i)|\bthis\s+(?:brief|report|note|assessment|update|product)|\bthe\s+(?:desk|team|analyst|analysts|authors?)|\b(?:further|next|another|an|new)\s+(?:update|report|brief|note|assessment|advisory)s?)\s+$/i;
/** `so that they will not depend…`, `indicators that the exercise will be extended`, `the risk that it will…`: not the writer's forecast. */
const NOT_A_FORECAST_BEFORE = /\b(?:so\s+that|in\s+order\s+that|indicators?|signs?|signals?|evidence|risks?|possibility|scenarios?|chances?|odds|prospects?|fears?|concerns?|hopes?|expectations?|assumptions?|warnings?)\s+(?:that\s+)?(?:\S+\s+){0,6}$/i;
/** Law and procedure: `the constitution provides that the court shall rule`, `any programme will require approval`. */
const PROCEDURE = /\b(?:constitution|law|statute|treaty|charter|article|clause|provides\s+that|stipulates|requires\s+that)\b/i;
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
    if (HOUSEKEEPING_BEFORE.test(before) || NOT_A_FORECAST_BEFORE.test(before)) return false;
    // `Will Harmon, the campaign chief`: a name.
    if (m[0] === "Will" && /^\s+\p{Lu}/u.test(text.slice(m.index + 4, m.index + 6))) return false;
    if (word === "shall" && PROCEDURE.test(text)) return false;
    // `Any programme will require…`: a condition, not a forecast.
    if (/^\s*any\b/i.test(text) && /^\s+(?:require|need|have\s+to|depend|be\s+subject)/i.test(text.slice(m.index + m[0].length, m.index + m[0].length + 20))) return false;
    // `has not said when the talks will resume`, `the question is how long it will last`: an embedded question (a comma would end it: `When the rains come, roads will flood`).
    const wh = /\b(?:when|how|whether|what|why)\b[^,;:]*$/i.exec(before);
    if (wh && !/^\s*$/.test(text.slice(0, m.index - (before.length - wh.index)))) return false;
    if (wh && /^\s*(?:how|what|whether|when|why)\b[^,]*$/i.test(text.slice(0, m.index))) return false;
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
const REPORTED = /\b(?:said|says|say|told|tells|stated|warned|warns|claimed|reported|according\s+to|announced|announces|argued|argues|suggested|added|adds|noted|predicted|predicts|forecast)\b/i;
/** Attribution after the clause: `Further slides could follow, the governor warned.` */
const REPORTED_AFTER = /,\s*(?:\S+\s+){0,6}(?:said|says|warned|warns|told|stated|added|noted|argued|claimed|predicted|according\s+to)\b/i;
/** `could` of an option or a recommendation (`donors could fund a second helicopter`), not a likelihood. */
const OPTION_VERB = /^\s+(?:also\s+)?(?:use|offer|fund|propose|consider|seek|ask|request|invest|provide|support|encourage|help|choose|opt|adopt|press|push|engage|reduce|improve|build|hire|train|coordinate|prioriti[sz]e|mitigate|draw|work|partner|pre-position|preposition|stockpile|expand|extend)\b/i;
/** `naval might`, `with all its might`: the noun. */
const NOUN_MIGHT_BEFORE = /\b(?:its|their|his|her|our|your|my|the|naval|military|economic|industrial|sheer|all|full|with|of|air|nuclear)\s+$/i;

/** Words of likelihood outside every yardstick: could, might, may well, possibly, perhaps, conceivably, there is a chance, cannot rule out, serious possibility. */
/** `in 2019` before the brief's year (any year when the brief has no date): the past. */
function pastYear(text: string, briefYear: number | undefined): boolean {
  for (const m of text.matchAll(/\bin\s+((?:1[89]|20)\d\d)\b/gi)) if (briefYear === undefined || Number(m[1]) < briefYear) return true;
  return false;
}

export function vagueTerms(text: string, briefYear?: number): VagueSpan[] {
  const out: VagueSpan[] = [];
  for (const s of spans(VAGUE, text)) {
    const word = s.text.toLowerCase();
    const after = text.slice(s.end, s.end + 30);
    const before = text.slice(Math.max(0, s.start - 60), s.start);
    if (REPORTED.test(before) || REPORTED_AFTER.test(text.slice(s.end))) continue;
    if (word === "might" && NOUN_MIGHT_BEFORE.test(before)) continue;
    if (word === "could" && (OPTION_VERB.test(after) || /^\s+have\s+\w+(?:ed|en|wn|ne)\b/i.test(after) || /^\s*recommendations?\b|^\s*options?\b/i.test(text))) continue;
    // `perhaps the most useful outcome`: an evaluation, not a likelihood.
    if (word === "perhaps" && /^\s+(?:the|its|their)\s+(?:most|least|best|worst|clearest|biggest|largest|main|only|strongest|surest)\b/i.test(after)) continue;
    // `could not`, `could only`, `so that ships could dock`: fact and purpose, not likelihood.
    if (word === "could" && (/^\s+(?:not|never|hardly|barely|only|n['’]t)\b/i.test(after) || /\b(?:so|so\s+that|in\s+order\s+that|as\s+soon\s+as|as\s+far\s+as|as\s+much\s+as|as\s+well\s+as|than)\s+(?:\S+\s+){0,4}$/i.test(before))) continue;
    if (word === "could" && /^n['’]t/i.test(after)) continue;
    // Past ability and inability: `Before the repairs, cranes could lift…`, `No one could say when…`.
    if (word === "could" && (/\b(?:no\s+one|nobody|none|nothing|neither)\s+(?:\S+\s+){0,2}$/i.test(before) || (/\b(?:before|until|formerly|previously|once|at\s+the\s+time|during|last\s+(?:year|month|week|winter|summer))\b/i.test(text.slice(0, s.start)) || pastYear(text.slice(0, s.start), briefYear)))) continue;
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

/**
 * Whether a likelihood term at `[start, end)` is used as a judgment (`is likely to`, `will probably`,
 * `a strike is unlikely`), not as an attribute of a noun (`likely voters`, `probable cases`, `an
 * unlikely alliance`), which names a kind of thing rather than weighing a chance.
 */
export function judgmentUse(text: string, start: number, end: number): boolean {
  const after = text.slice(end, end + 24);
  const before = text.slice(Math.max(0, start - 16), start);
  // `almost no chance`, `roughly even odds`, `a remote chance` (findTerms keeps `remote` only as a likelihood) are chances themselves.
  if (/chance|odds|^remote$/i.test(text.slice(start, end))) return true;
  if (/^\s+(?:to|that)\b|^\s*(?:[.,;:)!?(]|$)/i.test(after)) return true;
  if (/ly$/i.test(text.slice(start, end)) && !/likely$/i.test(text.slice(start, end))) return true; // probably, improbably, almost certainly
  if (/\b(?:will|would|could|may|might|is|are|was|were|be|been|remains?|seems?|appears?|it\s+is)\s+$/i.test(before)) return true;
  if (/^\s+(?:will|would|be|to\s+be|not|never)\b/i.test(after)) return true;
  return false;
}
