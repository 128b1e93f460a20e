/**
 * What the verification rules and the verdict ask of a claim's evidence: are its names there (or
 * named differently), does the source negate or reverse it, are its actor and object swapped, is
 * it only hedged there. Each answer carries the words that show it, for the messages.
 */
import { claimHedged, hedged, splitClausesMemo } from "../match/support";
import { areAntonyms, hasAntonyms, isIrregularPast, knownLemma, lemmas } from "./lexicon";
import { NEGATORS, heldCount, isContent, sameWord, wordsOf, type Word } from "./words";
import { stem } from "../sources/tokenize";
import { sourceSentences, type Evidence, type SourceSentence } from "./evidence";
import { escapeRegExp } from "../text";
import { memoizeText } from "../memo";
import { findFigure, sentenceFigures, sourceTextFigures, type Figure } from "../match/figures";

/** "did not … until": when it happened, no denial ("did not arrive until 03:30"). */
const NOT_UNTIL = String.raw`(?!\s+\p{L}+\s+(?:until|till)\b)`;
/** To deny a charge or an allegation is to answer it, no denial of what the source says happened. */
const DENIED_WHAT = String.raw`(?!\s+(?:the\s+|all\s+|any\s+|both\s+)?(?:charges?|allegations?|accusations?|wrongdoing|claims?|reports?|involvement)\b)`;
const NOT_WORDS = "(?:not|never|cannot|can't|won't|didn't|doesn't|don't|isn't|aren't|wasn't|weren't|hasn't|haven't|hadn't)";
const NEGATION = new RegExp(String.raw`\b(?:${NOT_WORDS}${NOT_UNTIL}|neither|nor|none|no longer|(?:denied|denies|deny|denying)${DENIED_WHAT}|refused|refuses|refusing|rejected|rejects|rejecting|ruled out|rules out|declined to|declines to|failed to|fails to)\b|\bno\s+(?!doubt\b)\p{L}`, "iu");
export const negated = (t: string): boolean => NEGATION.test(t);
/** A claim that denies with a verb ("did not", "refused", "ruled out"), not "no documents" or "none of". */
const VERBAL_NEGATION = new RegExp(String.raw`\b(?:${NOT_WORDS}${NOT_UNTIL}|no longer|(?:denied|denies|denying)${DENIED_WHAT}|refused|refuses|refusing|rejected|rejects|rejecting|ruled out|rules out|declined to|failed to)\b`, "iu");
/** A claim that says the same denial in its own words ("turned down", "defeated", "nobody"). */
const NEGATIVE_CLAIM = new RegExp(String.raw`\b(?:defeated|turned down|turn down|turns down|objected|objections?|opposed|opposes|opposition to|nobody|no one|none|without|blocked|dismissed|vetoed|declined|refused|rejected|denied${DENIED_WHAT}|failed|halted|stopped|barred|barring|banned|suspended|cancell?ed|ruled out|unanswered|absent|lack|lacked)\b`, "iu");
const NEGATIVE_CLAIM_ALL = new RegExp(NEGATIVE_CLAIM.source, "gi");

/**
 * The alias rule: a name is in a text when the text has it as a capitalised word, or its stem does
 * ("Pellow's", "Ukrainian" for "Ukraine": a name of 7 letters or more may lose its last two).
 */
export function nameIn(name: string, text: string): boolean {
  const n = name.toLowerCase();
  const part = n.length >= 7 ? n.slice(0, n.length - 2) : n;
  const lower = text.toLowerCase();
  let at = lower.indexOf(part);
  while (at >= 0) {
    const before = at === 0 ? "" : lower[at - 1];
    const first = text[at];
    if (!/\p{L}/u.test(before) && first !== first.toLowerCase()) {
      if (part.length < n.length) return true;
      const after = lower[at + part.length] ?? "";
      if (!/\p{L}/u.test(after) || ((after === "'" || after === "’") && lower[at + part.length + 1] === "s")) return true;
    }
    at = lower.indexOf(part, at + 1);
  }
  return false;
}

export const CALENDAR = new Set("monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december".split(" "));

/**
 * The names before a verb in a source sentence: namesOfText's, and a first word alone a word or
 * two before the verb when the lexicon does not know it as a word ("Ferrante argued…", "Throssel
 * declined…"; not "Officials argued…").
 */
function namesBefore(text: string): string[] {
  const out = namesOfText(text);
  // The first word only right before the verb: "Pilsk said wage growth, which reached…" did not reach.
  const first = /^[\s"“'‘(]*(\p{Lu}[\p{L}'’-]+)(?:\s+\p{L}+)?\s*$/u.exec(text);
  if (first) {
    const word = first[1].replace(/['’]s$/, "");
    const lower = word.toLowerCase();
    if (isContent(lower) && !lemmas(lower).some(knownLemma) && !out.some((n) => n.split(/\s+/).includes(word))) out.unshift(word);
  }
  return out;
}

/** Capitalised names a text holds (runs of capitalised words, not a sentence's first word alone). */
export function namesOfText(text: string): string[] {
  const out = new Set<string>();
  const re = /(?<![\p{L}\p{N}'’])\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+)*/gu;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const atStart = /^[\s"“'‘(*_#]*$/.test(text.slice(0, m.index)) || /[.!?:]\s*$/.test(text.slice(Math.max(0, m.index - 3), m.index));
    const words = m[0].split(/\s+/);
    if ((atStart && words.length === 1) || (words.length === 1 && CALENDAR.has(words[0].toLowerCase()))) continue;
    out.add(m[0].replace(/['’]s$/, ""));
  }
  return [...out];
}

/**
 * Names of the claim that are in none of the texts. A full name counts as there when the source
 * gives it in full elsewhere and its other word is in the text ("Tobias" beside "Fenwright").
 */
/** Words many place and organisation names share: another name's "North" or "Party" says nothing of this one. */
export const SHARED_NAME_WORDS: ReadonlySet<string> = new Set(["north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "upper", "lower", "new", "old", "great", "greater", "little", "port", "mount", "lake", "river", "bay", "city", "island", "islands", "county", "district", "province", "state", "national", "united", "party", "group", "league", "union", "council", "ministry", "court", "company", "bank", "association", "the"]);

export function missingNames(names: readonly string[], texts: readonly string[], wholeSource?: string): string[] {
  return names.filter((n) => {
    // "Orvanan-Drevlandic": each part is a name of its own.
    if (n.includes("-")) return n.split("-").some((part) => part.length > 1 && missingNames([part], texts, wholeSource).length > 0);
    if (texts.some((t) => nameIn(n, t))) return false;
    if (!wholeSource || !nameIn(n, wholeSource)) return true;
    // The source names this word as part of a longer name: is another word of that name here?
    // (Not a word many names share: "Dunmarra North" is not in a passage that names "Ostby North".)
    const full = new RegExp(`(\\p{Lu}[\\p{L}'’-]+\\s+)*${escapeRegExp(n)}(\\s+\\p{Lu}[\\p{L}'’-]+)*`, "gu");
    for (const m of wholeSource!.matchAll(full)) {
      // Nor a title: "Justice Sabine Mortlake" is not named by a passage's "Justice Henrik Dornell".
      const others = m[0].split(/\s+/).filter((w) => w !== n && w.length > 2 && !SHARED_NAME_WORDS.has(w.toLowerCase()) && !TITLES.has(w.toLowerCase()));
      if (others.some((o) => texts.some((t) => nameIn(o, t)))) return false;
    }
    return true;
  });
}

export interface PolarityGap {
  kind: "negation" | "affirmation" | "antonym";
  /** The source's clause that says otherwise. */
  clause: string;
  sentence: SourceSentence;
  /** For an antonym: the claim's word, and the source's as written. */
  claimWord?: Word;
  sourceWord?: string;
}

/** Words the antonym check reads besides content words. */
const DIRECTION = new Set(["more", "fewer", "less", "higher", "lower", "above", "below", "up", "down"]);

/**
 * Whether the evidence says the reverse of the claim: it negates what the claim affirms (or
 * affirms, word for word, what the claim negates), or uses an antonym of one of the claim's words
 * in the clause that holds the claim's other words. To report one (`mode` "report"), the denial must
 * be of a word the claim says; to keep a claim from "confirmed" ("confirm"), any denial there does.
 */
export function polarityGap(claim: string, ev: Evidence, mode: "report" | "confirm" = "report"): PolarityGap | undefined {
  // Asked twice per claim (polarity-mismatch, then the verdict): both answers found in one pass per evidence.
  let memo = polarityMemo.get(ev);
  if (!memo || memo.claim !== claim) polarityMemo.set(ev, (memo = { claim, ...findPolarityGap(claim, ev) }));
  return memo[mode];
}

type Gaps = { report?: PolarityGap; confirm?: PolarityGap };
const polarityMemo = new WeakMap<Evidence, { claim: string } & Gaps>();

function findPolarityGap(claim: string, ev: Evidence): Gaps {
  const closest = closestSentence(ev);
  if (!closest) return {};
  // The closest sentence first, then the window's others that hold half the claim's words.
  const terms = ev.terms;
  const termStems = terms.map(stem);
  const others = [...(ev.best?.sentences ?? []), ...(ev.second?.sentences ?? [])].filter((s) => s !== closest && terms.length > 0 && heldCount(terms, termStems, s.words) / terms.length >= 0.5);
  let confirm: PolarityGap | undefined;
  for (const sentence of [closest, ...others]) {
    const gap = sentenceGap(claim, ev, sentence, termStems);
    confirm ??= gap.confirm;
    if (gap.report) return { report: gap.report, confirm };
  }
  return { confirm };
}

/** The content word each of a text's negations covers: the first after it ("did not *produce* an agreement", "rejected *calls* from exporters", "no *plans*"). */
function deniedWords(text: string): Word[] {
  const words = wordsOf(text);
  const out: Word[] = [];
  // Negations and words are both in order: one pass over each.
  let k = 0;
  for (const m of text.matchAll(NEGATION_ALL)) {
    // "no x" matches the word after "no" too: the scope starts at it ("no longer" is one negation).
    let from = /^no\s/i.test(m[0]) && !/^no\s+longer$/i.test(m[0]) ? m.index! + 3 : m.index! + m[0].length;
    // "rejected, by 7 votes to 4, a motion": past the aside.
    if (text[from] === ",") {
      const close = text.indexOf(",", from + 1);
      if (close > 0 && close - from < 60) from = close + 1;
    }
    // Past adverbs to the verb: "did not formally approve", "has not publicly confirmed".
    while (k < words.length && (words[k].start < from || !isContent(words[k].text) || NOT_DENIED.has(words[k].text) || /ly$/.test(words[k].text))) k++;
    if (k < words.length) out.push(words[k]);
  }
  return out;
}
const NEGATION_ALL = new RegExp(NEGATION.source, "giu");
/** Words between a negation and what it denies. */
const NOT_DENIED = new Set(["longer", "yet", "again", "even", "ever", "always", "still", "quite", "entirely", "fully", "immediately"]);

/** Verbs whose denial denies any change the claim reports ("had not changed" against "had been cut"). */
const ANY_CHANGE = new Set(["change", "changed", "changes", "alter", "altered", "vary", "varied", "move", "moved", "shift", "shifted", "budge", "budged"]);
const CHANGE_CLAIM = /\b(?:cut|cuts|rose|risen|rise|fell|fallen|increased?|decreased?|reduced?|raised?|lowered?|grew|grown|dropped|doubled|halved|tripled|shrank|expanded|climbed|declined|slashed|trimmed|boosted)\b/i;

/**
 * Whether what a clause denies is something the claim says (a denied word is a claim word, or like
 * one) and the claim does not deny too. "The talks did not produce an agreement" does not deny
 * that a country has been asking for one; "has no room for it" does not deny "had no room".
 */
function deniesClaimWord(clause: string, claim: string, claimWords: readonly Word[]): boolean {
  const own = deniedWords(claim);
  for (const { word: w, named } of denialsNaming(clause, claimWords)) {
    // What the denial goes on to name must be the claim's too (see denialsNaming).
    if (own.some((c) => same(c, w)) || !named) continue;
    if (claimWords.some((c) => same(c, w))) return true;
    if (ANY_CHANGE.has(w.text) && CHANGE_CLAIM.test(claim)) return true;
  }
  return false;
}

/**
 * Whether `text` denies everything `denier` denies (each word a negation of `denier` covers is
 * covered by one of `text`'s): a claim that copies "…, which declined to comment" or "…, which has
 * not yet been drafted" affirms nothing the sentence's main clause denies; a claim that says "made
 * no arrests" denies what the source's "made no arrests" does.
 */
function deniesAsClaimDoes(denier: string, text: string): boolean {
  const own = deniedWords(denier);
  if (!own.length) return false;
  const theirs = deniedWords(text);
  return own.every((c) => theirs.some((w) => same(c, w)));
}

/**
 * Whether a claim and a source clause deny the same thing: each denies what the other does, and
 * the whole clause of the claim that holds each of its negations is said in the source's clause
 * ("police had made no arrests" and "police said they had made no arrests"; not "no ships left
 * the port" and "no ships entered the port").
 */
function sameDenial(claim: string, clause: string): boolean {
  if (!deniesAsClaimDoes(clause, claim) || !deniesAsClaimDoes(claim, clause)) return false;
  const theirs = wordsOf(clause);
  const says = (w: Word) => theirs.some((x) => same(w, x));
  for (const m of claim.matchAll(NEGATION_ALL)) {
    // The claim's clause round the negation: from the break before it to the break after it.
    const before = claim.slice(0, m.index!);
    const from = Math.max(before.lastIndexOf(",") + 1, before.lastIndexOf(";") + 1, before.lastIndexOf(":") + 1, lastBreak(before));
    const rest = claim.slice(m.index!);
    const end = rest.slice(m[0].length).search(/[,;:]|\s(?:and|but|while|which|who)\s/i);
    const scope = claim.slice(from, end < 0 ? claim.length : m.index! + m[0].length + end);
    if (!wordsOf(scope).filter((w) => isContent(w.text) && !NEGATORS.has(w.text)).every(says)) return false;
  }
  return true;
}

/** Where the last clause break of a text ends (" and ", " but ", " while ", " which ", " who "), or 0. */
function lastBreak(text: string): number {
  let at = 0;
  for (const m of text.matchAll(/\s(?:and|but|while|which|who)\s/gi)) at = m.index! + m[0].length;
  return at;
}

/**
 * Whether the claim's word of denial at `at` stands in one of `clauses` with the same next two
 * content words and every figure of the claim's clause after it.
 */
function copiedDenial(claim: string, at: number, word: string, clauses: readonly string[]): boolean {
  const rest = claim.slice(at + word.length);
  const stop = rest.search(/[,;:]|\s(?:and|but|while|whereas)\s/i);
  const scope = stop < 0 ? rest : rest.slice(0, stop);
  const next = wordsOf(scope).filter((w) => isContent(w.text)).slice(0, 2);
  const figures = sentenceFigures(scope);
  const head = wordsOf(word)[0];
  if (!head) return false;
  // The content word before it (what was suspended, halted, failed) and the next two after it, in order.
  const lead = wordsOf(claim.slice(0, at));
  const leadContent = lead.filter((w) => isContent(w.text));
  const before = leadContent.slice(-1);
  // A passive ("night pilotage was suspended") copies an active clause ("…suspended night pilotage")
  // when the two words it is said of follow the word there.
  const passive = BE.has(lead[lead.length - 1]?.text ?? "") && next.length === 0 ? leadContent.slice(-2) : [];
  return clauses.some((c) => {
    const words = wordsOf(c);
    const content = words.filter((w) => isContent(w.text));
    for (let k = 0; k < content.length; k++) {
      if (!same(head, content[k])) continue;
      if (passive.length === 2 && passive.every((p, i) => content[k + 1 + i] !== undefined && same(p, content[k + 1 + i])) && figures.length === 0) return true;
      if (before.length && (k === 0 || !same(before[0], content[k - 1]))) continue;
      if (!next.every((n, i) => content[k + 1 + i] !== undefined && same(n, content[k + 1 + i]))) continue;
      const theirs = sourceTextFigures(c);
      if (figures.every((f) => findFigure(f, theirs).found)) return true;
    }
    return false;
  });
}

/** The clauses of the sentence and of the evidence's windows (a claim of two facts may deny in the other's sentence). */
function evidenceClauses(ev: Evidence, sentence: SourceSentence): string[] {
  const all = new Set([sentence, ...(ev.best?.sentences ?? []), ...(ev.second?.sentences ?? [])]);
  return [...all].flatMap((s) => splitClausesMemo(s.text));
}

/** Two words say the same (the same word, stem, lemma or a near-synonym). */
const same = (a: Word, b: Word): boolean => sameWord(a.text, b.text, a.stem, b.stem);

/**
 * The words a clause's negations deny, each with whether what the denial goes on to name (the
 * content word after it in its clause) is the claim's too, or there is none: "did not suspend night
 * pilotage" names what "suspended night pilotage" does; "left no party with a majority" names a
 * majority, which "two parties signed an agreement" does not.
 */
function denialsNaming(clause: string, claimWords: readonly Word[]): Array<{ word: Word; named: boolean }> {
  const next = nextContentWords(clause);
  return deniedWords(clause).map((word) => {
    const after = next(word);
    return { word, named: !after || claimWords.some((c) => same(c, after)) };
  });
}

/**
 * For words of a clause asked in order, the content word after each in its clause (up to a comma,
 * semicolon or colon), if any: one pass over the clause's words for all of them.
 */
function nextContentWords(clause: string): (w: Word) => Word | undefined {
  const words = wordsOf(clause);
  let k = 0;
  return (w) => {
    while (k < words.length && words[k].start < w.end) k++;
    const x = words.slice(k, k + 8).find((y) => isContent(y.text) && !CONNECTIVES.has(y.text));
    // Not past a break: "no plans, and the board" names nothing after "plans" in this clause.
    return x && !/[,;:]/.test(clause.slice(w.end, x.start)) ? x : undefined;
  };
}

/** The clause of the claim that holds most of `clause`'s words (the whole claim when it has one clause). */
function claimClauseLike(claim: string, clause: string): string {
  const parts = splitClausesMemo(claim);
  if (parts.length === 1) return claim;
  const theirs = wordsOf(clause);
  let best = parts[0];
  let top = -1;
  for (const p of parts) {
    const held = wordsOf(p).filter((w) => isContent(w.text) && theirs.some((x) => same(w, x))).length;
    if (held > top) {
      best = p;
      top = held;
    }
  }
  return best;
}

/** Words that join a reason or a circumstance to a verb ("was not cancelled despite the warning"): not what is denied. */
const CONNECTIVES = new Set(["despite", "amid", "because", "due", "owing", "following", "thanks", "given", "ahead"]);

/** The claim's own words of denial among its terms ("rejected", "refused"): no source that affirms holds them. */
const denials = (terms: readonly string[]) => terms.filter((t) => VERBAL_NEGATION.test(t)).length;

/** Whether one source sentence negates or reverses the claim (see polarityGap). */
/**
 * One source sentence's denial or reversal of the claim: `report` what polarity-mismatch reports,
 * `confirm` what keeps the claim from "confirmed" (also a denial of a word the claim does not say).
 */
function sentenceGap(claim: string, ev: Evidence, sentence: SourceSentence, termStems: readonly string[]): Gaps {
  const both = (gap: PolarityGap): Gaps => ({ report: gap, confirm: gap });
  let broad: PolarityGap | undefined;
  const claimWords = wordsOf(claim);
  const terms = ev.terms;
  const clauses = clausesAbout(sentence.text, terms, termStems);
  // The clause holding most of the claim's words.
  let main = clauses[0];
  let mainHeld = -1;
  for (const c of clauses) {
    const cw = wordsOf(c);
    const h = heldCount(terms, termStems, cw);
    if (h > mainHeld) {
      main = c;
      mainHeld = h;
    }
  }
  // The claim's own clause that says what the main clause does: a denial in its other clause ("…, and
  // declined to comment further") does not make "renewed the ferry contract" a denial.
  const claimNegated = VERBAL_NEGATION.test(claimClauseLike(claim, main));
  const share = (c: string) => {
    const cw = wordsOf(c);
    return terms.length ? heldCount(terms, termStems, cw) / terms.length : 0;
  };
  if (!claimNegated) {
    // The clause that denies must be about the claim (half its words), and the claim must not deny it in its own words.
    // Only the clause that holds most of the claim: "the union did not accept the offer, and talks
    // will resume" does not deny that talks will resume.
    const mainShare = share(main);
    const denied = negated(main) && mainShare >= 0.5 && !clauses.some((c) => c !== main && share(c) >= mainShare) ? main : undefined;
    // An antonym of the claim's word under the negation says the same ("did not rise" for "fell");
    // the source's word of denial as the antonym ("rejected" for "passed") does not.
    // Only the word under the negation: "would not cut jobs … where it won a contract" against "loses the route" is no such pair.
    const pair = denied !== undefined ? antonymIn(claimWords, deniedWords(denied)) : undefined;
    // The claim denies each thing the clause denies ("made no arrests" for "made no arrests"): no reversal.
    if (denied !== undefined && (!pair || VERBAL_NEGATION.test(pair[1].text))) {
      const gap: PolarityGap = { kind: "negation", clause: denied, sentence };
      // A claim that denies in words of its own ("rejected the plan" for "did not approve it", "the
      // motion was defeated" for "rejected a motion") is not read as affirming; but its own word of
      // denial, denied ("did not suspend" for "suspended", "refused to ban" for "banned"), is reversed.
      if (!NEGATIVE_CLAIM.test(claim)) {
        if (deniesClaimWord(denied, claim, claimWords)) return both(gap);
        broad = gap;
      } else if (denialsNaming(denied, claimWords).some(({ word, named }) => named && claimWords.some((c) => NEGATIVE_CLAIM.test(c.text) && same(c, word)))) {
        // …and what it goes on to name is the claim's too ("did not suspend the day bus" is not "suspended the night bus").
        return both(gap);
      }
    }
  } else if (!negated(main) && terms.length >= 4 && mainHeld / Math.max(1, terms.length - denials(terms)) >= 0.7 && !evidenceClauses(ev, sentence).some((c) => sameDenial(claim, c))) {
    // An antonym of another of the claim's words says the same denial ("did not rise" for "fell");
    // one of its word of denial ("refused" for "agreed") does not.
    const pair = antonymIn(claimWords, wordsOf(main));
    if (!pair || VERBAL_NEGATION.test(pair[0].text)) return both({ kind: "affirmation", clause: main, sentence });
  }
  // The claim's own word of denial denied by the source ("did not reject the plan" for "rejected the plan").
  if (claimNegated && negated(main) && mainHeld / Math.max(1, terms.length) >= 0.5) {
    const own = claimWords.filter((c) => VERBAL_NEGATION.test(c.text));
    // Not when the claim denies it as the source does, as many times ("denied refusing the money" for
    // "denied refusing the money"; "did not deny refusing" is the other way).
    const parity = (t: string) => [...t.matchAll(NEGATION_ALL)].length % 2;
    if (denialsNaming(main, claimWords).some(({ word, named }) => named && own.some((c) => same(c, word))) && !(deniesAsClaimDoes(main, claim) && parity(main) === parity(claimClauseLike(claim, main)))) return both({ kind: "negation", clause: main, sentence });
  }
  // The claim's own verb denied in a sentence that holds half of it ("promised the money" where
  // the minister "made no promise"), though another clause of it holds more of the claim.
  if (!claimNegated && clauses.some(negated) && !NEGATIVE_CLAIM.test(claim) && terms.length >= 3 && heldCount(terms, termStems, sentence.words) / terms.length >= 0.5) {
    const verb = subjectWords(claim)?.verb;
    if (verb && isContent(verb.text) && !AUX.has(verb.text)) {
      const hasVerb = (c: string) => wordsOf(c).some((w) => sameWord(verb.text, w.text, verb.stem, w.stem));
      const clause = clauses.find((c) => negated(c) && deniedWords(c).some((w) => sameWord(verb.text, w.text, verb.stem, w.stem)));
      // Not when another clause affirms it ("approved the budget but did not approve the pay rise").
      const affirmed = clause !== undefined && splitClausesMemo(sentence.text).some((c) => c !== clause && !negated(c) && hasVerb(c));
      if (clause !== undefined && !affirmed) return both({ kind: "negation", clause, sentence });
    }
  }
  // Antonyms: a word of the claim whose opposite stands in the main clause, the word itself not.
  const mainWords = wordsOf(main);
  const pair = antonymIn(claimWords, mainWords, claim);
  if (pair && !claimNegated && !negated(main) && terms.length >= 3 && mainHeld / terms.length >= 0.5) {
    // A claim's figures are what it is about: a reversal elsewhere ("raised its rate" beside "lowered its forecast from 1.4 to 0.9 percent") is not its.
    if (ev.figures.length === 0 || ev.figures.some((f) => main.includes(f.raw))) return both({ kind: "antonym", clause: main, sentence, claimWord: pair[0], sourceWord: writtenIn(sentence, pair[1].text) });
  }
  // For "confirmed", an antonym of a claim's word anywhere in a clause of the sentence that holds
  // a word of the claim ("The association, which represents 85 businesses, said footfall could fall
  // by a quarter" against "footfall could rise by a quarter").
  if (!broad && !claimNegated) {
    for (const c of clauses) {
      // About the claim: two of its words, or one and a figure; and the claim's figures are what it is
      // about, so a clause that gives none of them is another fact's.
      const held = heldCount(terms, termStems, wordsOf(c));
      const figures = ev.figures.length === 0 || ev.figures.some((f) => c.includes(f.raw));
      if (negated(c) || !figures || !(held >= 2 || (held === 1 && ev.figures.length > 0))) continue;
      const p = antonymIn(claimWords, wordsOf(c), claim);
      if (p) return { confirm: { kind: "antonym", clause: c, sentence, claimWord: p[0], sourceWord: writtenIn(sentence, p[1].text) } };
    }
  }
  return { confirm: broad };
}

/** The clauses of a source sentence that hold a word of the claim (all of them when none does). */
function clausesAbout(text: string, terms: readonly string[], stems: readonly string[]): string[] {
  const all = splitClausesMemo(text);
  if (all.length === 1) return all;
  const about = all.filter((c) => heldCount(terms, stems, wordsOf(c)) > 0);
  return about.length ? about : all;
}

/** A (lower-case) word as the source sentence writes it. */
function writtenIn(sentence: SourceSentence, word: string): string {
  const w = sentence.words.find((x) => x.text === word);
  return w ? sentence.text.slice(w.start, w.end) : word;
}

/** A claim word and a word of `other` that are antonyms, the claim word itself absent from `other`. */
function antonymIn(claimWords: readonly Word[], other: readonly Word[], claim?: string): [Word, Word] | undefined {
  for (const cw of claimWords) {
    if (!(isContent(cw.text) || DIRECTION.has(cw.text)) || NEGATORS.has(cw.text)) continue;
    // A capitalised word past the first is part of a name ("High Court"), not a direction.
    if (claim && cw.start > 0 && /^\p{Lu}/u.test(claim.slice(cw.start, cw.end))) continue;
    const lc = lemmas(cw.text);
    if (!lc.some(hasAntonyms)) continue;
    if (other.some((w) => sameWord(cw.text, w.text, cw.stem, w.stem))) continue;
    for (const w of other) {
      if (w.text.length < 2) continue;
      // The claim says the source's word itself, or one like it ("raised the cuts" beside "cut";
      // "withdrew the notice it had imposed" beside "lifted"): no reversal.
      if (claimWords.some((x) => sameWord(x.text, w.text, x.stem, w.stem))) continue;
      const lw = lemmas(w.text);
      if (lc.some((a) => lw.some((b) => areAntonyms(a, b)))) return [cw, w];
    }
  }
  return undefined;
}

/** The sentence of the best window holding most of the claim's words. */
export function closestSentence(ev: Evidence): SourceSentence | undefined {
  const win = ev.best;
  if (!win) return undefined;
  let best: SourceSentence | undefined;
  let top = -1;
  const all = [...ev.terms, ...ev.names.map((n) => n.toLowerCase())];
  const stems = all.map(stem);
  for (const s of win.sentences) {
    const h = heldCount(all, stems, s.words);
    if (h > top) {
      top = h;
      best = s;
    }
  }
  return best;
}

export interface RoleReading {
  agent: string;
  patient: string;
  verb: string;
}

const BE = new Set(["was", "were", "is", "are", "been", "being", "be", "got"]);

/** Name groups of a text with their word spans: runs of capitalised words. */
function nameGroups(text: string, names: readonly string[]): Array<{ words: string[]; from: number; to: number }> {
  const words = wordsOf(text);
  const raw = (w: Word) => text.slice(w.start, w.end).replace(/['’]s$/, "");
  const isName = (w: Word) => /^\p{Lu}/u.test(raw(w)) && names.some((n) => n.toLowerCase() === w.text);
  const out: Array<{ words: string[]; from: number; to: number }> = [];
  for (let i = 0; i < words.length; i++) {
    if (!isName(words[i])) continue;
    const g = { words: [raw(words[i])], from: i, to: i };
    while (g.to + 1 < words.length && isName(words[g.to + 1])) g.words.push(raw(words[++g.to]));
    out.push(g);
    i = g.to;
  }
  return out;
}

/**
 * Who does what to whom in a simple claim: two name groups with one verb between them (at most
 * five words apart), active ("Lee visited Tokyo") or passive ("Tokyo was visited by Lee").
 */
export function claimRoles(claim: string, names: readonly string[]): RoleReading | undefined {
  const groups = nameGroups(claim, names);
  if (groups.length < 2) return undefined;
  const words = wordsOf(claim);
  for (let g = 0; g + 1 < groups.length; g++) {
    const a = groups[g];
    const b = groups[g + 1];
    const between = words.slice(a.to + 1, b.from);
    if (between.length === 0 || between.length > 5) continue;
    const verb = between.find((w) => isContent(w.text) && /(?:ed|ged|ied)$|^(?:met|won|led|held|sent|beat|hit|sold|bought|took|gave|told)$/.test(w.text));
    if (!verb) continue;
    const passive = between.some((w) => BE.has(w.text)) && between[between.length - 1].text === "by";
    const first = a.words.join(" ");
    const second = b.words.join(" ");
    return passive ? { agent: second, patient: first, verb: verb.text } : { agent: first, patient: second, verb: verb.text };
  }
  return undefined;
}

/**
 * The roles the evidence gives the claim's two parties for its verb: undefined when the evidence
 * does not hold both parties and the verb in one sentence, or its shape is not simple.
 */
export function sourceRoles(roles: RoleReading, ev: Evidence): { agent: string; sentence: SourceSentence } | undefined {
  const sentences = [...(ev.best?.sentences ?? []), ...(ev.second?.sentences ?? [])];
  const agentWords = roles.agent.split(" ");
  const patientWords = roles.patient.split(" ");
  for (const s of sentences) {
    const at = (ws: string[]) => s.words.findIndex((w) => ws.some((n) => nameIn(n, s.text.slice(w.start, w.end))));
    const ia = at(agentWords);
    const ip = at(patientWords);
    if (ia < 0 || ip < 0) continue;
    const lo = Math.min(ia, ip);
    const hi = Math.max(ia, ip);
    const v = s.words.findIndex((w, i) => i > lo && i < hi && sameWord(roles.verb, w.text));
    if (v < 0 || hi - lo > 12) continue;
    const between = s.words.slice(lo + 1, hi);
    const passive = between.some((w) => BE.has(w.text)) && s.words[hi - 1]?.text === "by";
    const firstIsAgent = !passive;
    const first = lo === ia ? roles.agent : roles.patient;
    const second = first === roles.agent ? roles.patient : roles.agent;
    return { agent: firstIsAgent ? first : second, sentence: s };
  }
  return undefined;
}


const AUX = new Set(["became", "become", "becomes", "remains", "remained", "said", "says", "told", "tells", "will", "would", "has", "have", "had", "is", "are", "was", "were", "can", "could", "may", "might", "must", "should", "did", "does", "plans", "wants", "expects", "warned", "argued", "called", "asked", "announced", "agreed", "made", "gave", "took", "won", "lost", "rose", "fell", "met", "held", "led", "left", "sold", "bought", "paid", "sent", "kept", "began", "went", "came", "saw", "grew", "cut", "set", "put"]);
/** A sentence opening with whose party it is ("Its secretary, …", "Her lawyer, …"). */
const POSSESSIVE_START = /^[\s"“'‘(]*(?:its|his|her|their)\s/i;
/** A name set off right before the verb: "…, Joanna Petrakis, " or "… Joanna Petrakis ". */
const NAME_BEFORE_VERB = /\p{Lu}[\p{L}'’-]+,?\s*$/u;
const PRONOUN_START = /^[\s"“'‘(]*(?:he|she|they|it|its|his|her|their|the (?:company|ministry|union|court|council|bank|agency|authority|group|party|government|operator|board|firm|department|office))\b/i;

const PREPOSITIONS = new Set(["of", "in", "on", "at", "for", "from", "to", "with", "by", "about", "after", "before", "during", "under", "over", "since", "as", "into", "between", "against", "across", "among", "who", "which", "that"]);
const TITLES = new Set(["governor", "mayor", "minister", "president", "director", "chief", "executive", "leader", "spokesman", "spokeswoman", "spokesperson", "secretary", "chairman", "chairwoman", "chair", "head", "prime", "deputy", "general", "commissioner", "judge", "justice", "inspector", "official", "officials", "mr", "mrs", "ms", "dr"]);

/**
 * The claim's subject: its words before its first verb, up to a preposition, a comma or an -ing
 * word ("Alarms from the pump…" → "Alarms"), titles left out ("Governor Holt" → "Holt"), with
 * that verb. Undefined when the claim opens otherwise ("At Lindra, …") or the subject is long.
 */
export const subjectWords: (claim: string) => { words: Word[]; verb: Word } | undefined = memoizeText(findSubjectWords, 4000);

/** Words that round or bound a figure, before it. */
const QUANTITY_WORDS = new Set(["around", "roughly", "nearly", "almost", "approximately", "about", "some", "over", "under", "more", "fewer", "less", "than", "at", "least", "up", "to", "estimated"]);

/** A time the claim opens with ("In February", "On 3 March 2025,", "Last week"): its subject follows. */
const LEADING_TIME = new RegExp(
  String.raw`^\s*(?:(?:in|on|by|during|since|until|from)\s+(?:early\s+|late\s+|mid-?)?(?:(?:\d{1,2}\s+)?(?:${[...CALENDAR].join("|")})(?:\s+\d{1,2})?(?:,?\s+\d{4})?|\d{4})|(?:last|this|earlier this|later that)\s+(?:week|month|year|morning|afternoon|evening|${[...CALENDAR].join("|")}))\s*,?\s+(?=\S)`,
  "i",
);

function findSubjectWords(claim: string): { words: Word[]; verb: Word } | undefined {
  const lead = LEADING_TIME.exec(claim);
  if (lead) {
    const rest = findSubjectWords(claim.slice(lead[0].length));
    const by = lead[0].length;
    const shift = (w: Word): Word => ({ ...w, start: w.start + by, end: w.end + by });
    return rest && { words: rest.words.map(shift), verb: shift(rest.verb) };
  }
  const words = wordsOf(claim);
  if (words.length < 3 || PREPOSITIONS.has(words[0].text) || ["after", "before", "when", "while", "although", "despite", "following", "once", "if"].includes(words[0].text)) return undefined;
  // A figure and the words that round it are no subject ("Around 2,300 residents", "Roughly 50 percent of mortgages").
  let figures: Figure[] | undefined;
  const inFigure = (x: Word) => (figures ??= sentenceFigures(claim)).some((f) => x.start >= f.start && x.end <= f.end);
  for (let i = 1; i < Math.min(words.length, 12); i++) {
    const raw = claim.slice(words[i].start, words[i].end);
    if (/^\p{Lu}/u.test(raw)) continue;
    const w = words[i].text;
    const prev = words[i - 1].text;
    if (!(AUX.has(w) || isIrregularPast(w) || (/(?:ed|ied)$/.test(w) && w.length > 4 && !["the", "a", "an", "its", "their", "his", "her"].includes(prev)))) continue;
    const subject: Word[] = [];
    for (let k = 0; k < i; k++) {
      const x = words[k];
      // A bound before a figure, of a word or two ("More than 30 pilots", "Around 2,300 residents"); not "Only".
      const bound = QUANTITY_WORDS.has(x.text) && ((k + 1 < i && inFigure(words[k + 1])) || (k + 2 < i && QUANTITY_WORDS.has(words[k + 1].text) && inFigure(words[k + 2])));
      if (inFigure(x) || bound) continue;
      // "of" inside a name ("The Federation of Nursing Staff", "the Ministry of Transport") is part of it.
      const capitalAt = (n: number) => n >= 0 && n < i && /^\p{Lu}/u.test(claim.slice(words[n].start, words[n].end));
      const ofName = x.text === "of" && capitalAt(k - 1) && capitalAt(k + 1);
      if (!ofName && (PREPOSITIONS.has(x.text) || (/ing$/.test(x.text) && !capitalAt(k)) || /,/.test(claim.slice(words[k > 0 ? k - 1 : 0].end, x.start)))) {
        if (k > 0) break;
      }
      const xr = claim.slice(x.start, x.end).replace(/['’]s$/, "");
      // A title, a day or a month ("In February Grenmoor University rejected…") is not who acts.
      if (TITLES.has(x.text) || CALENDAR.has(x.text)) continue;
      if (isContent(x.text) || /^\p{Lu}/u.test(xr)) subject.push({ ...x, text: x.text.replace(/'s$/, "") });
    }
    if (subject.length === 0 || subject.length > 5) return undefined;
    return { words: subject, verb: words[i] };
  }
  return undefined;
}

/**
 * What "confirmed" asks of the sentence of the evidence that holds most of the claim: the claim's
 * subject is the one it speaks of (the same sentence, or the one before when it starts "He", "The
 * company"…), and it affirms or denies as the claim does. Undefined when it holds; else why not.
 */
export function anchorMismatch(claim: string, ev: Evidence): string | undefined {
  const anchor = closestSentence(ev);
  if (!anchor) return "no passage holds its words";
  const win = ev.best!;
  const subject = subjectWords(claim);
  if (subject) {
    const all = sourceSentences(win.entry);
    // The sentences that hold the claim's verb (when it is a content verb), else the anchor.
    const verb = subject.verb.text;
    const withVerb = AUX.has(verb) ? [] : win.sentences.filter((s) => s.words.some((w) => sameWord(verb, w.text)));
    const scope: SourceSentence[] = [];
    for (const s of withVerb.length ? withVerb : [anchor]) {
      scope.push(s);
      const idx = all.indexOf(s);
      if (idx > 0 && PRONOUN_START.test(s.text)) scope.push(all[idx - 1]);
    }
    const missing = subject.words.filter((w) => {
      const raw = claim.slice(w.start, w.end).replace(/['’]s$/, "");
      if (/^\p{Lu}/u.test(raw) && ev.names.some((n) => n.toLowerCase() === w.text)) return !scope.some((s) => nameIn(raw, s.text));
      return !scope.some((s) => s.words.some((x) => sameWord(w.text, x.text)));
    });
    if (missing.length > 0) return `the passage that holds it does not say it of ${missing.map((w) => `"${claim.slice(w.start, w.end)}"`).join(", ")}`;
  }
  // Every sentence of the evidence that holds a good part of the claim affirms or denies as it does.
  const termStems = ev.terms.map(stem);
  const share = (s: SourceSentence) => (ev.terms.length ? heldCount(ev.terms, termStems, s.words) / ev.terms.length : 0);
  const relevant = [...win.sentences, ...(ev.second?.sentences ?? [])].filter((s) => s === anchor || share(s) >= 0.3);
  // A source's word of denial ("without", "suspended") the claim does not say denies too: "with an
  // agreement" is not what "without agreement" says. A claim's own such word always counts (a claim
  // that copies "suspended" may still say it of another thing than the source does).
  const claimWords = wordsOf(claim);
  const inClaim = (w: string) => claimWords.some((x) => sameWord(w, x.text));
  const deniesBy = (text: string) => [...text.matchAll(NEGATIVE_CLAIM_ALL)].some((m) => !m[0].toLowerCase().split(/\s+/).every(inClaim));
  const sourceNegated = relevant.some((s) => clausesAbout(s.text, ev.terms, termStems).some((c) => negated(c) || deniesBy(c)));
  // A claim's word of denial copied with what it is said of ("suspended night pilotage", "failed late
  // on 2 June") from a clause of the passage denies as that clause does; said of another thing
  // ("suspended its day service"), or with a figure that clause lacks ("banned … in 2023"), it counts.
  const sourceClauses = relevant.flatMap((s) => splitClausesMemo(s.text));
  const claimNegated = negated(claim) || [...claim.matchAll(NEGATIVE_CLAIM_ALL)].some((m) => !copiedDenial(claim, m.index!, m[0], sourceClauses));
  if (sourceNegated !== claimNegated) return sourceNegated ? `the passage denies it: "${anchor.text.trim()}"` : "the claim denies what the passage affirms";
  // …and states it, as the claim does, rather than only expecting or planning it.
  if (!claimHedged(claim)) {
    const hedge = relevant.flatMap((s) => clausesAbout(s.text, ev.terms, termStems)).find(hedged);
    if (hedge !== undefined) return `the passage only expects or proposes it: "${hedge.trim()}"`;
  }
  return undefined;
}

/** Verbs whose subject is who the claim says acted or spoke, though they are common. */
const SPEECH = new Set(["said", "says", "told", "tells", "warned", "argued", "called", "asked", "announced", "agreed"]);

/** "of the" another name after a name ("Ferris Oakhill of the Coastal Alliance"), which is still who acts. */
const OF_NAME = String.raw`(?:\s+of\s+(?:the\s+)?\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+)*)?`;
/** A name, possibly "of the" another, then only a comma before the verb. */
const NEXT_TO_VERB = new RegExp(String.raw`^(?:['’]s)?${OF_NAME}[\s,]*$`, "u");
/** After the sentence's subject: an aside between commas, a time or place ("on Monday"), then up to three adverbs ("…, who chairs the board, later"). */
const SUBJECT_THEN = new RegExp(String.raw`^${OF_NAME}\s*(?:,[^,]*,)?(?:\s+(?:on|in|at|last|this)\s+\p{L}+)?((?:\s+\p{Ll}+){0,3})\s*$`, "u");
/** …or followed by its verb ("The regional governor, Ottilie Marchbank, visited…"). */
const SUBJECT_NEXT = new RegExp(String.raw`^${OF_NAME},?\s+(\p{Ll}+)`, "u");
const ADVERBS = new Set(["also", "later", "then", "now", "again", "still", "first", "earlier", "previously", "subsequently", "once", "further", "meanwhile", "today", "yesterday", "herself", "himself", "themselves", "itself", "too", "already", "separately", "twice", "never"]);

/**
 * Who acts in `lead` (a source sentence up to the claim's verb), of the names it holds: the
 * sentence's subject when only an aside or adverbs stand between it and the verb ("Marchbank, who
 * chairs the board, later told"), else the name right before the verb, else the subject followed
 * by a verb of its own; never a name that only describes the one who acts ("The Green Coast
 * candidate said" is the candidate, whom the sentence before names) or the object of an earlier
 * verb ("…, visited Orlesby on 20 August and announced").
 */
function actorOf(lead: string, names: readonly string[]): string | undefined {
  const first = names[0];
  const at = first === undefined ? -1 : lead.indexOf(first);
  const subject = at >= 0 && lead.slice(0, at).split(/\s+/).filter(Boolean).length <= 4;
  if (subject) {
    const then = SUBJECT_THEN.exec(lead.slice(at + first.length));
    if (then && then[1].trim().split(/\s+/).every((w) => w === "" || ADVERBS.has(w) || /ly$/.test(w))) return first;
  }
  for (let i = names.length - 1; i >= 0; i--) {
    const k = lead.lastIndexOf(names[i]);
    if (k >= 0 && NEXT_TO_VERB.test(lead.slice(k + names[i].length))) return names[i];
  }
  if (!subject) return undefined;
  // …followed by a verb: "visited", "said" (not "candidate").
  const next = SUBJECT_NEXT.exec(lead.slice(at + first.length))?.[1];
  return next !== undefined && ((/ed$/.test(next) && next.length > 4) || AUX.has(next) || isIrregularPast(next)) ? first : undefined;
}

/**
 * Another actor: the claim's subject is a named party ("Mayor Rosalind Achterberg told reporters…"),
 * and the source sentence that holds the claim's verb and most of its words (60%) names someone
 * else before that verb and not the claim's party ("Parrish told reporters…"). Undefined when the
 * sentence does not say plainly (it starts "He", "The company"…; no name before the verb).
 */
export function actorGap(claim: string, ev: Evidence): { claimed: string; actor: string; verb: string; sentence: SourceSentence } | undefined {
  const subject = subjectWords(claim);
  if (!subject) return undefined;
  const verb = subject.verb.text;
  if (AUX.has(verb) && !SPEECH.has(verb)) return undefined;
  const all = subject.words.filter((w) => /^\p{Lu}/u.test(claim.slice(w.start, w.end)) && ev.names.some((n) => n.toLowerCase() === w.text));
  if (all.length === 0) return undefined;
  // The name right before the verb ("Jonas Eklid" of "Orvanan Foreign Minister Jonas Eklid told"):
  // the other capitalised words are a nationality or a body, which the source may name elsewhere.
  let from = all.length - 1;
  while (from > 0 && /^\s+$/.test(claim.slice(all[from - 1].end, all[from].start))) from--;
  const named = all.slice(from);
  // …and it is the subject itself, not a word of it ("Galdrian inflation reached" is about inflation).
  if (!/^[\s,]*$/.test(claim.slice(named[named.length - 1].end, subject.verb.start))) return undefined;
  const terms = ev.terms;
  const stems = terms.map(stem);
  for (const s of [...(ev.best?.sentences ?? []), ...(ev.second?.sentences ?? [])]) {
    if (terms.length < 3 || heldCount(terms, stems, s.words) / terms.length < 0.6) continue;
    const at = s.words.findIndex((w) => sameWord(verb, w.text, subject.verb.stem, w.stem));
    if (at < 0) continue;
    if (named.some((w) => nameIn(claim.slice(w.start, w.end).replace(/['’]s$/, ""), s.text))) continue;
    const lead = s.text.slice(0, s.words[at].start);
    // A sentence that opens "He", "The company"… says plainly who acts only when it names them right
    // before the verb ("Its secretary, Joanna Petrakis, called…").
    const names = namesBefore(lead);
    if (PRONOUN_START.test(s.text) && !(POSSESSIVE_START.test(s.text) && names.length && NAME_BEFORE_VERB.test(lead) && lead.replace(/[\s,]+$/, "").endsWith(names[names.length - 1].replace(/['’]s$/, "")))) continue;
    const actor = actorOf(lead, names);
    if (!actor || actor.split(/\s+/).some((part) => nameIn(part, claim))) continue;
    return { claimed: named.map((w) => claim.slice(w.start, w.end)).join(" "), actor, verb: s.text.slice(s.words[at].start, s.words[at].end), sentence: s };
  }
  return undefined;
}

/**
 * Parties swapped round a verb, named or not: the claim's subject stands after the verb in the
 * source sentence that holds the verb and most of the claim (60%), and that sentence's subject
 * stands after the verb in the claim ("Opposition councillors rejected calls from Governor
 * Marchbank" where the source says "Marchbank rejected calls from opposition councillors").
 * Undefined for a passive on either side, or a sentence that does not say it plainly.
 */
export function swappedParties(claim: string, ev: Evidence): PartySwap | undefined {
  // Asked by role-mismatch and by the verdict: once per evidence.
  const memo = partiesMemo.get(ev);
  if (memo && memo.claim === claim) return memo.swap;
  const swap = findSwappedParties(claim, ev);
  partiesMemo.set(ev, { claim, swap });
  return swap;
}
type PartySwap = { actor: string; claimed: string; verb: string; sentence: SourceSentence };

/** For "confirmed": the source's subject of the claim's verb stands after that verb in the claim (see findSwappedParties). */
export function partyAsObject(claim: string, ev: Evidence): PartySwap | undefined {
  return findSwappedParties(claim, ev, true);
}
const partiesMemo = new WeakMap<Evidence, { claim: string; swap: PartySwap | undefined }>();

/** Words between a subject and its verb that keep it active: "the ministry had rejected". */
const PERFECT = new Set(["had", "has", "have", "will", "would", "could", "should", "may", "might", "must", "did", "does", "do", "also", "then", "later", "already", "since"]);

function findSwappedParties(claim: string, ev: Evidence, strict = false): PartySwap | undefined {
  let subject = subjectWords(claim);
  const claimWords = wordsOf(claim);
  // "The airline had offered…", "will close…": the verb after the auxiliary.
  if (subject && PERFECT.has(subject.verb.text) && !BE.has(subject.verb.text)) {
    const next = claimWords[claimWords.findIndex((w) => w.start === subject!.verb.start) + 1];
    if (next && isContent(next.text) && (/(?:ed|en)$/.test(next.text) || isIrregularPast(next.text) || /^(?:will|would)$/.test(subject.verb.text))) subject = { words: subject.words, verb: next };
  }
  if (!subject || AUX.has(subject.verb.text) && !SPEECH.has(subject.verb.text)) return undefined;
  const v = claimWords.findIndex((w) => w.start === subject!.verb.start);
  const passive = (words: readonly Word[], at: number) => BE.has(words[at - 1]?.text ?? "") || words.slice(at + 1, at + 4).some((w) => w.text === "by");
  if (v < 0 || passive(claimWords, v)) return undefined;
  // "Farmers clashed with police" is "police clashed with farmers": a verb with "with" works both ways.
  if (claimWords[v + 1]?.text === "with" || claimWords[v + 1]?.text === "and") return undefined;
  const head = subject.words[subject.words.length - 1];
  const claimAfter = claimWords.slice(v + 1, v + 10).filter((w) => isContent(w.text));
  const terms = ev.terms;
  const stems = terms.map(stem);
  for (const s of ev.best?.sentences ?? []) {
    if (terms.length < 3 || heldCount(terms, stems, s.words) / terms.length < 0.6) continue;
    const at = s.words.findIndex((w) => sameWord(subject.verb.text, w.text, subject.verb.stem, w.stem));
    if (at < 1 || passive(s.words, at)) continue;
    // The source's subject: the content word right before its verb (past "had", "has", "will"), in the same clause.
    let b = at - 1;
    while (b > 0 && PERFECT.has(s.words[b].text) && !/[,;:]/.test(s.text.slice(s.words[b].end, s.words[b + 1].start))) b--;
    const before = s.words[b];
    // For "confirmed": a pronoun acting ("It has asked the regional government for a grant") with the
    // claim's subject after the verb ("The regional government has asked the team") is the other way round.
    if (strict && /^(?:it|they|he|she)$/.test(before.text)) {
      const after = s.words.slice(at + 1, at + 6);
      const own = subject.words.filter((w) => isContent(w.text));
      if (own.length && own.every((w) => after.some((x) => same(x, w)))) return { actor: s.text.slice(before.start, before.end), claimed: own.map((w) => claim.slice(w.start, w.end)).join(" "), verb: s.text.slice(s.words[at].start, s.words[at].end), sentence: s };
    }
    if (!isContent(before.text) || /[,;:]/.test(s.text.slice(before.end, s.words[at].start))) continue;
    const sourceAfter = s.words.slice(at + 1, at + 10);
    const sourceBefore = s.words.slice(Math.max(0, b - 3), at);
    // The claim's subject after the source's verb and not before it: by its head word, else by the
    // names in it ("Grenmoor University" is the source's "Grenmoor").
    const holds = (ws: readonly Word[], xs: readonly Word[]) => ws.some((w) => xs.some((x) => same(w, x)));
    const names = subject.words.filter((w) => w !== head && isContent(w.text) && /^\p{Lu}/u.test(claim.slice(w.start, w.end)));
    const byHead = holds(sourceAfter, [head]) && !holds(sourceBefore, [head]);
    // For "confirmed" it is enough that the source's subject is the claim's object: "the airline had
    // offered the airport" against "the airport had offered Kestrel" (the source names the other party otherwise).
    if (!strict && !byHead && !(names.length && holds(sourceAfter, names) && !holds(sourceBefore, names))) continue;
    const own = subject.words.filter((w) => isContent(w.text));
    if (strict && (!own.length || holds(sourceBefore, own) || holds([before], own))) continue;
    if (!claimAfter.some((w) => same(w, before)) || subject.words.some((w) => same(w, before))) continue;
    const actor = s.text.slice(before.start, before.end);
    return { actor, claimed: subject.words.map((w) => claim.slice(w.start, w.end)).join(" "), verb: s.text.slice(s.words[at].start, s.words[at].end), sentence: s };
  }
  return undefined;
}
