/**
 * What a reviewer checks besides shared words when a sentence cites a source: the people,
 * places and organisations it names are in the source; its figures are; and the source says
 * it the same way: not negated where the sentence affirms (or the reverse), and not hedged
 * ("may", "is expected to") where the sentence states a fact.
 */
import { splitSentences } from "../parse/sentences";
import { contentTerms } from "../sources/tokenize";
import { sentenceFigures as extractFigures } from "./figures";
import { memoizeText } from "../memo";

/** Words that start sentences or titles without naming anyone. */
const NOT_NAMES = new Set(
  "a an the this that these those it its he she they we i you his her their our my your there here in on at by for from of to with as after before during while when where which who what why how if but and or so yet also however meanwhile monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december mr mrs ms dr sir minister president prime chief state national new north south east west central governor mayor chancellor senator general judge justice secretary ambassador commissioner director chairman chairwoman chair deputy foreign finance defence defense interior health trade transport opposition king queen prince princess mp mps".split(" "),
);

/** Hedges, in lower case only: "May" with a capital is the month. */
const HEDGE = /\b(?:may|might|could|possibly|probably|likely|unlikely|expect|expects|expected|expecting|hopes?|hoped|hoping|wants? to|wanted to|seeks? to|sought to|plans? to|planned to|aims? to|aimed to|intends? to|intended to|proposed|proposes|proposal|considering|considers|is set to|are set to|reportedly|allegedly)\b/;
/** A claim hedges in more ways than a source must for it to count (reported plans, estimates). */
const CLAIM_HEDGE = /\b(?:call(?:s|ed|ing)? for|request|requests|motion|proposal|proposals|bid to|demand|demands|demanded|would|should|possible|threaten|threatens|threatened|threatening|jeopardi[sz]es?|consideration|considered|suggest|suggests|suggested|pledge|pledges|pledged|promise|promises|promised|want|wants|wanted|estimate|estimates|estimated|forecast|forecasts|projected|plan|plans|intention|pending|prospect|prospects)\b/;
const lowerFirst = (t: string) => t.replace(/^[\s"“'‘(*_]*\p{Lu}/u, (c) => c.toLowerCase());
/** A source sentence hedges (a hedge may start it). */
/** A source clause hedges: a hedge outside quotation marks (a speaker's "could" is their words, not the report's), and not a prohibition ("no work may take place"). */
export const hedged = (t: string): boolean => {
  // "could not" is what could not be done, a fact; "was first proposed in 2021" says a proposal was made.
  const unquoted = lowerFirst(t).replace(/["“][^"”]*["”]/g, " ").replace(/\bcould(?:n['’]t|\s+not|\s+never)\b|\b(?:was|were|been|first|originally)\s+proposed\b/g, " ");
  return HEDGE.test(unquoted) && !/\b(?:no|not|nor)\b[^,;]*\b(?:may|might|could)\b/.test(unquoted);
};
/** "the proposed mine", "the expected rise", "the planned merger": a thing named by what was planned for it. */
const NAMED_BY_PLAN = /\b(?:the|a|an|its|their|his|her|this|that|these|those)\s+(?:proposed|expected|planned|intended|likely)\s+(\p{L}+)/gu;

/**
 * Whether a clause's only hedge is a thing named by a plan that the claim does not speak of: "the
 * council represents 1,900 members, most of whom live near the proposed mine" does not hedge that
 * it represents them; it does hedge a claim about the mine.
 */
function namedByPlanOnly(clause: string, claim: string): boolean {
  const want = new Set(contentTerms(claim));
  const rest = lowerFirst(clause).replace(NAMED_BY_PLAN, (m, noun: string) => (contentTerms(noun).some((t) => want.has(t)) ? m : " "));
  return !hedged(rest);
}

/** Whether any clause of a text may hedge (a cheap test before reading it clause by clause: true for every text `hedged` holds for a clause of). */
const HEDGE_ANYWHERE = new RegExp(HEDGE.source, `${HEDGE.flags.replace("i", "")}i`);
export const mayHedge = (t: string): boolean => HEDGE_ANYWHERE.test(t);
/** A claim hedges. */
export const claimHedged = (t: string): boolean => {
  const lower = lowerFirst(t);
  // "the initial 38 million crown estimate" names an estimate; it does not hedge the claim.
  // Only the singular noun at the end of its phrase ("the initial … estimate as inspectors…"), never
  // a verb ("the company forecasts growth", "the ministers pledge to cut", "that the city estimates").
  const nouns = lower.replace(/\b(?:the|an?|its|their|his|her|this|initial|first|earlier|latest|official|previous)\s+(?:[\p{L}\p{N}.,-]+\s+){0,4}?(?:estimate|forecast|plan|proposal|pledge|promise)(?=\s*$|\s*[.,;:!?)]|\s+(?:of|for|from|in|on|at|by|and|or|was|were|is|are|had|has|have|which|as|than|remains?)\b)/giu, " ");
  return HEDGE.test(lower) || CLAIM_HEDGE.test(nouns);
};

/** Capitalised words of a sentence that name someone or something (not its first word). */
export function namesIn(sentence: string): string[] {
  const out: string[] = [];
  const re = /(?<![\p{L}\p{N}'’])(\p{Lu}[\p{L}'’\-]*)/gu;
  let first = true;
  for (let m = re.exec(sentence); m; m = re.exec(sentence)) {
    const before = sentence.slice(0, m.index).trimEnd();
    const atStart = first && /^[\s"“'‘(*_]*$/.test(sentence.slice(0, m.index));
    first = false;
    if (atStart || /[.!?:]$/.test(before)) continue;
    // "Wyndle-based", "Brandholm-born": the place is the name.
    const w = m[1].replace(/['’]s$/, "").replace(/[-‐](?:based|born|bred|owned|led|run|backed|funded|registered|listed|made|built)$/i, "");
    if (w.length < 2 || NOT_NAMES.has(w.toLowerCase())) continue;
    // `July-September`, `Monday-Friday`: a span of months or days is no name.
    if (w.includes("-") && w.split("-").every((part) => NOT_NAMES.has(part.toLowerCase()))) continue;
    out.push(w);
  }
  return [...new Set(out)];
}

/**
 * The clause of the passage's closest sentence that hedges what the claim states as fact
 * ("is expected to", "plans to", "may"), shortened for a message; undefined when none does.
 */
export function hedgeGap(claim: string, passage: string): string | undefined {
  if (claimHedged(claim)) return undefined;
  const said = closestMemo(`${claim}\u0000${passage}`);
  const clauses = relevantClausesMemo(`${claim}\u0000${said}`);
  const hedge = clauses.find((c) => hedged(c) && !namedByPlanOnly(c, claim));
  if (hedge === undefined) return undefined;
  // The hedged clause gives the claim nothing the sentence does not state as fact in another: the
  // claim copies that one ("raised its forecast to 5.2 percent" beside "and now expects inflation
  // to return…", which shares only "inflation").
  if (clauses.length > 1) {
    const want = new Set(contentTerms(claim));
    const factual = clauses.filter((c) => !hedged(c));
    const facts = new Set(factual.flatMap((c) => contentTerms(c)));
    // A figure of the claim only the hedged clause gives ("expects to raise it again in December") is the hedge's.
    const figures = extractFigures(claim).map((f) => f.raw);
    const givesOwnFigure = (c: string) => figures.some((f) => c.includes(f) && !factual.some((x) => x.includes(f)));
    if (facts.size && clauses.filter(hedged).every((c) => !givesOwnFigure(c) && contentTerms(c).every((t) => !want.has(t) || facts.has(t)))) return undefined;
  }
  return quoteWords(hedge, 90);
}

/**
 * Where a sentence divides into clauses of its own: ";", "and that", and ", but", ", while",
 * ", which"… (not every comma or "and": "between Dunmarra and the pier" is one phrase).
 */
const CLAUSE_BREAK = /; |,? (?:and|but) that |, (?:and|but|while|whereas|although|though|which|who) | but (?=(?:did|does|do|has|have|had|was|were|would|will|could|is|are) )/giu;

/**
 * The clauses of a source sentence that share a content word or figure with the claim (the whole
 * sentence when nothing divides it). A clause about something else does not hedge or deny the claim.
 */
export function relevantClauses(claim: string, source: string): string[] {
  const clauses = splitClausesMemo(source);
  if (clauses.length === 1) return clauses;
  const want = new Set(contentTerms(claim));
  const figures = extractFigures(claim).map((f) => f.raw);
  return clauses.filter((c) => figures.some((f) => c.includes(f)) || contentTerms(c).some((t) => want.has(t)));
}

/** The clauses of a sentence (see CLAUSE_BREAK), white space made single. */
export function splitClauses(source: string): string[] {
  // White space made single first: the breaks are then matched in time linear in the sentence.
  const sentence = source.replace(/\s+/g, " ");
  const clauses: string[] = [];
  let from = 0;
  CLAUSE_BREAK.lastIndex = 0;
  for (let m = CLAUSE_BREAK.exec(sentence); m; m = CLAUSE_BREAK.exec(sentence)) {
    clauses.push(sentence.slice(from, m.index));
    from = m.index + m[0].length;
  }
  clauses.push(sentence.slice(from));
  return clauses;
}
export const splitClausesMemo = memoizeText(splitClauses, 2000);

/** A text cut to at most `max` characters at a word's end, with an ellipsis when cut. */
export function quoteWords(text: string, max: number): string {
  const t = text.replace(/\s+/g, " ").trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return (space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:]+$/, "") + "…";
}

/** The sentence of a passage sharing most content words with the claim. */
function closestSentence(claim: string, passage: string): string {
  const want = new Set(contentTerms(claim));
  let best = passage;
  let bestScore = -1;
  for (const s of splitSentences(passage)) {
    const text = passage.slice(s.start, s.end);
    const own = new Set(contentTerms(text));
    let shared = 0;
    for (const t of own) if (want.has(t)) shared++;
    // Shared words count; words the sentence adds count a little against it.
    const score = shared - 0.25 * (own.size - shared);
    if (score > bestScore) {
      best = text;
      bestScore = score;
    }
  }
  return best;
}

// Memoised: while someone types, the same sentences meet the same sources check after check.
const relevantClausesMemo = memoizeText((key) => {
  const cut = key.indexOf("\u0000");
  return relevantClauses(key.slice(0, cut), key.slice(cut + 1));
}, 2000);
const closestMemo = memoizeText((key) => {
  const cut = key.indexOf("\u0000");
  return closestSentence(key.slice(0, cut), key.slice(cut + 1));
}, 2000);

