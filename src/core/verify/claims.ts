/**
 * Claims and their verdicts. A claim is a sentence that cites, or a sentence of 5 or more words in
 * a `citationRequired` section. Its verdict:
 * - `contradicted` when a verification rule found a mismatch on it (quote, figure, name,
 *   polarity, role, locator);
 * - `confirmed` when the cited passages hold all of it (see {@link confirmation});
 * - `unverified` otherwise: a person should look. "Confirmed" is never given on doubt.
 */
import type { Brief, Sentence } from "../parse/brief";
import type { ResolvedSource, RuleContext } from "../rules/rule";
import type { Problem } from "../types";
import { findQuote, extractQuotes } from "../match/quotes";
import { ageAfter, derivedFrom } from "../match/derived";
import { findFigure, sourceTextFigures, type Figure } from "../match/figures";
import { claimHedged, hedgeGap, mayHedge } from "../match/support";
import { findEvidence, sameParagraph, sentenceHolds, sourceSentences, type Evidence, type SourceSentence } from "./evidence";
import { CALENDAR, SHARED_NAME_WORDS, anchorMismatch, claimRoles, missingNames, nameIn, partyAsObject, polarityGap, sourceRoles, subjectWords, swappedParties } from "./checks";
import { figureInOtherSlot, mainSentence, nameInOtherSlot, swappedFigure, swappedName } from "./slots";
import { CLAIM_MIN_WORDS } from "../rules/uncited-claim";
import { isIrregularPast, knownLemma, lemmas } from "./lexicon";
import { isContent, sameWord, wordIndex, wordsOf, type Word } from "./words";
import { englishOnly, figurePassage, languageReason, languageView, otherConfirmation } from "./languages";
import { escapeRegExp } from "../text";
import { remembered } from "./remembered";

/** Whether a claim states something as done: a verb in the past ("resumed", "won"). */
function pastTense(claim: string): boolean {
  return wordsOf(claim).some((w, i) => i > 0 && (isIrregularPast(w.text) || (/[^e]ed$|ied$/.test(w.text) && w.text.length > 4)));
}

export type Verdict = "confirmed" | "contradicted" | "unverified";

/** Rules whose finding on a claim makes it contradicted. */
export const CONTRADICTING_RULES: ReadonlySet<string> = new Set(["quote-mismatch", "number-mismatch", "name-mismatch", "polarity-mismatch", "role-mismatch", "locator-mismatch", "model-disagrees"]);
/** Rules about a claim's support, listed with its verdict. */
export const CLAIM_RULES: ReadonlySet<string> = new Set([...CONTRADICTING_RULES, "weak-support", "uncited-claim", "unknown-source", "no-source-text", "source-unreadable", "unverified-claim"]);

/** Sentences longer than this are too long to verify (their verdict is unverified). */
export const MAX_CLAIM_CHARS = 1500;

/** Share of the claim's content words the evidence must hold for "confirmed". */
export const CONFIRM_COVERAGE = 0.7;

export interface Claim {
  /** Offsets of the sentence in the brief. */
  start: number;
  end: number;
  keys: string[];
  verdict: Verdict;
  /** The claim rules that reported on the sentence. */
  rules: string[];
  /** The best cited passage: its source's key, text and offsets in that source's file. */
  passage?: { key: string; path: string; text: string; start: number; end: number; line: number };
  /** Why the verdict: what matched, or what did not. */
  why: string[];
}

/** Citing sentences verified per brief: a brief holds tens; a pasted dump of thousands is checked for the first ones only. */
export const MAX_VERIFIED_CLAIMS = 1000;
const verifiedSets = new WeakMap<Brief, Set<Sentence>>();

/** Whether a citing sentence is among the brief's first {@link MAX_VERIFIED_CLAIMS} (the rest stay unverified). */
export function verifiable(brief: Brief, sentence: Sentence): boolean {
  let set = verifiedSets.get(brief);
  if (!set) {
    set = new Set();
    for (const s of brief.sentences) {
      if (s.citations.length === 0) continue;
      if (set.size >= MAX_VERIFIED_CLAIMS) break;
      set.add(s);
    }
    verifiedSets.set(brief, set);
  }
  return set.has(sentence);
}

/**
 * The citing sentences the verification rules read (5 words or more, among the brief's first
 * {@link MAX_VERIFIED_CLAIMS}, citing a source with text), each with its evidence.
 */
export function* verifiedClaims(ctx: RuleContext): Generator<{ sentence: Sentence; sources: ResolvedSource[]; evidence: Evidence & { best: NonNullable<Evidence["best"]> } }> {
  for (const s of ctx.brief.sentences) {
    if (s.citations.length === 0 || s.words < CLAIM_MIN_WORDS || !verifiable(ctx.brief, s)) continue;
    const sources = ctx.citedSources(s);
    if (sources.length === 0 || !englishOnly(s, sources)) continue;
    const evidence = evidenceOf(s, sources);
    if (evidence.best) yield { sentence: s, sources, evidence: evidence as Evidence & { best: NonNullable<Evidence["best"]> } };
  }
}

/** A window's figures as a source's (with what it states without words: `from 40 to 80`). */

const evidenceMemo = new WeakMap<Sentence, { sources: readonly ResolvedSource[]; evidence: Evidence }>();

/**
 * The evidence for a claim's text in its sources, remembered by the text across checks while its
 * sources and their library's search stand (each fact of a claim of two facts has its own).
 */
function evidenceForText(text: string, sources: readonly ResolvedSource[]): Evidence {
  return remembered("evidence", text, sources, () => findEvidence(text, sources), true);
}

/** The evidence for a citing sentence in its cited sources, once per sentence per check. */
export function evidenceOf(sentence: Sentence, sources: readonly ResolvedSource[]): Evidence {
  // A "sentence" longer than any claim (a paragraph without full stops, a pasted table) is not verified: unverified.
  if (sentence.end - sentence.start > MAX_CLAIM_CHARS) return { terms: [], names: [], figures: [], coverage: 0, unionCoverage: 0, missing: [] };
  const memo = evidenceMemo.get(sentence);
  if (memo && memo.sources.length === sources.length && memo.sources.every((s, i) => s.entry === sources[i].entry)) return memo.evidence;
  const evidence = evidenceForText(sentence.claimText, sources);
  evidenceMemo.set(sentence, { sources, evidence });
  return evidence;
}


/** Every claim of the brief with its verdict, given the problems the rules reported on it. */
export function claimsOf(ctx: RuleContext, problems: readonly Problem[]): Claim[] {
  const brief = ctx.brief;
  const required = new Set(ctx.config.citationRequired.map((s) => s.toLowerCase()));
  const out: Claim[] = [];
  // The claim rules' problems as offsets, in order; a sweep over the sentences (also in order) keeps
  // the ones still open, so a brief of 300,000 sentences costs a pass, not a product.
  const spans = problems
    .filter((p) => CLAIM_RULES.has(p.rule) && !p.uri)
    .map((p) => ({ p, s: brief.lines.offsetAt(p.range.start), e: brief.lines.offsetAt(p.range.end) }))
    .sort((a, b) => a.s - b.s);
  let next = 0;
  let open: typeof spans = [];
  for (const s of brief.sentences) {
    while (next < spans.length && spans[next].s <= s.end) open.push(spans[next++]);
    open = open.filter((x) => x.e >= s.start);
    const cites = s.citations.length > 0;
    if (!cites && !(s.section && required.has(s.section) && s.words >= CLAIM_MIN_WORDS)) continue;
    const mine = open.filter((x) => (x.e > s.start && x.s < s.end) || (x.s === x.e && x.s >= s.start && x.s <= s.end));
    const rules = new Set(mine.map((x) => x.p.rule));
    const keys = [...new Set(s.citations.flatMap((c) => c.items.map((i) => i.key)))];
    const claim: Claim = { start: s.start, end: s.end, keys, verdict: "unverified", rules: [...rules].sort(), why: [] };
    const sources = cites && verifiable(brief, s) ? ctx.citedSources(s) : [];
    if (sources.length > 0 && !englishOnly(s, sources)) {
      otherLanguageVerdict(claim, s, sources, mine.map((x) => x.p));
    } else if (sources.length > 0) {
      const ev = evidenceOf(s, sources);
      if (ev.best) {
        const w = ev.best;
        const start = w.sentences[0].start;
        const line = w.entry.passages.find((p) => start >= p.start && start < p.end)?.startLine ?? 0;
        claim.passage = { key: w.key, path: w.entry.path, text: w.text, start, end: w.sentences[w.sentences.length - 1].end, line };
      }
      const contradicting = claim.rules.filter((r) => CONTRADICTING_RULES.has(r));
      if (contradicting.length > 0) {
        claim.verdict = "contradicted";
        claim.why = contradicting.map((r) => mine.find((x) => x.p.rule === r)?.p.message ?? r);
      } else if (sources.length < keys.length) {
        claim.why = ["a cited key has no text to check against"];
      } else {
        const c = confirmedClaim(s.claimText, ev, sources, !ctx.library.batch);
        claim.verdict = c.confirmed ? "confirmed" : "unverified";
        claim.why = c.why;
      }
    } else {
      claim.why = [!cites ? "it cites no source" : verifiable(brief, s) ? "no cited source has text to check against" : `only the first ${MAX_VERIFIED_CLAIMS} citing sentences of a brief are verified`];
    }
    out.push(claim);
  }
  return out;
}

/**
 * The verdict of a claim not in English, or citing a source in another language: contradicted by a
 * figure, date or quote mismatch; confirmed only by its same-language sources (`otherConfirmation`);
 * otherwise unverified, saying which language stood in the way.
 */
function otherLanguageVerdict(claim: Claim, s: Sentence, sources: ResolvedSource[], problems: readonly Problem[]): void {
  const view = languageView(s, sources);
  const contradicting = claim.rules.filter((r) => CONTRADICTING_RULES.has(r));
  const setPassage = (p: { src: ResolvedSource; text: string; start: number; end: number } | undefined) => {
    if (!p) return;
    const line = p.src.entry.passages.find((x) => p.start >= x.start && p.start < x.end)?.startLine ?? 0;
    claim.passage = { key: p.src.key, path: p.src.entry.path, text: p.text, start: p.start, end: p.end, line };
  };
  const own = view.same.length > 0 && view.lang !== "en" && view.lang !== "und" ? otherConfirmation(s.claimText, view.lang, view.same) : undefined;
  setPassage(own?.passage ?? (view.cross.length ? figurePassage(s.claimText, view.lang, view.cross) : undefined));
  if (contradicting.length > 0) {
    claim.verdict = "contradicted";
    claim.why = contradicting.map((r) => problems.find((p) => p.rule === r)?.message ?? r);
    return;
  }
  if (own) {
    claim.verdict = own.confirmed && view.same.length === sources.length ? "confirmed" : "unverified";
    claim.why = own.confirmed && view.same.length < sources.length ? [...own.why, languageReason({ ...view, same: [] }) ?? ""] : own.why;
    return;
  }
  if (view.same.length > 0) {
    // An English claim citing English and other-language sources: the English ones are not enough to confirm all it cites.
    claim.why = [languageReason({ ...view, same: [] }) ?? "a cited source is in another language"];
    return;
  }
  claim.why = [languageReason(view) ?? "its sources are in another language"];
}

/**
 * Whether the cited passages hold the claim: every figure, name and quote of it in the evidence
 * windows, at least {@link CONFIRM_COVERAGE} of its content words, nothing negated, reversed or
 * hedged there, and its actor and object the same way round. `why` says what held, or what did not.
 */
/** Titles written before a person's name, with the body they belong to before them: `Green Coast leader Samir Oldcastle`. */
const TITLES = "leader|chief|head|chair|chairman|chairwoman|president|spokesman|spokeswoman|spokesperson|minister|director|secretary|founder|owner|mayor|governor|executive|commander|ambassador|captain|coach|manager";
// Starts only at a word's start, so a long run of capitals is not scanned again from each of its letters.
const TITLED = new RegExp(`(?<![\\p{L}'’&-])((?:\\p{Lu}[\\p{L}'’&-]*\\s+){1,4})((?:[a-z]+\\s+)?(?:${TITLES}))\\s+((?:\\p{Lu}[\\p{L}'’-]*\\s*){1,3})`, "gu");

/**
 * Whose title: a claim that gives a person a body's title (`Liberal Harbour Group leader Samir
 * Oldcastle`) is not confirmed by a passage that gives the same title of another body
 * (`Green Coast leader Samir Oldcastle`). A message, or undefined.
 */
export function titleGap(claim: string, holding: readonly string[]): string | undefined {
  const distinct = (body: string) => body.split(/\s+/).filter((w) => w.length > 2 && !SHARED_NAME_WORDS.has(w.toLowerCase()));
  // The passage's titles, read once, each distinct one once, by the title and each word of the name.
  let theirs: Map<string, Array<{ body: string[]; said: string }>> | undefined;
  const seen = new Set<string>();
  for (const m of claim.matchAll(TITLED)) {
    const body = distinct(m[1]);
    const person = m[3].trim().split(/\s+/).pop()!;
    const title = m[2].toLowerCase();
    const id = `${body.join(" ")}\u0000${title}\u0000${person}`;
    if (body.length === 0 || person.length < 3 || seen.has(id)) continue;
    seen.add(id);
    if (!theirs) {
      theirs = new Map();
      const known = new Set<string>();
      for (const t of holding) {
        for (const n of t.matchAll(TITLED)) {
          const said = `${n[3].trim()} as ${n[1].trim()} ${n[2]}`;
          if (known.has(said)) continue;
          known.add(said);
          for (const w of n[3].trim().split(/\s+/)) {
            const k = `${n[2].toLowerCase()}\u0000${w}`;
            (theirs.get(k) ?? theirs.set(k, []).get(k)!).push({ body: distinct(n[1]), said });
          }
        }
      }
    }
    for (const n of theirs.get(`${title}\u0000${person}`) ?? []) {
      if (n.body.length && !n.body.some((w) => body.includes(w))) return `the passage has ${n.said}`;
    }
  }
  return undefined;
}

/** Verbs that report speech: `X said (that) …`. */
// Not the forms that are also nouns ("the United States", "reports showed", "his claims", "notes").
const REPORTING = "said|says|say|told|tells|announced|announces|stated|warned|warns|added|adds|confirmed|confirms|insisted|insists|argued|argues|claimed|noted|explained|explains|reported|promised|pledged|admitted|admits|acknowledged|acknowledges|expects|expected|predicted|predicts";
// Case-sensitive: a reporting verb is written in lower case ("States", "Said" are names).
const CLAIM_SPEAKER = new RegExp(`^(.{1,120}?)\\s+(?:${REPORTING})\\b(?:\\s+(?:on|in|that)\\b)?(.*)$`, "s");
const SOURCE_REPORTING = new RegExp(`\\b(?:${REPORTING})\\b`, "i");
const PRONOUN_SPEAKER = /\b(?:it|he|she|they|we|i)\s+(?:had\s+|has\s+|have\s+)?$/i;

/**
 * Who said it: a claim that reports a named speaker (`Brask & Daughters said it was studying the
 * judgment`) is confirmed only when the source sentence holding what was said names that speaker
 * too, or reports it of a pronoun (`it said`, whose referent is not read); another speaker there
 * (`The authority said it was studying …`) leaves it unverified. A message, or undefined.
 */
export function speakerGap(claim: string, ev: Evidence): string | undefined {
  const m = CLAIM_SPEAKER.exec(claim.trim());
  if (!m || !ev.best) return undefined;
  const speaker = m[1];
  const speakerNames = ev.names.filter((n) => new RegExp(`(?:^|[^\\p{L}])${escapeRegExp(n)}(?:$|[^\\p{L}])`, "u").test(speaker));
  if (speakerNames.length === 0) return undefined;
  // The source sentence that holds most of what was said.
  const said = new Set(wordsOf(m[2]).filter((w) => isContent(w.text)).map((w) => w.stem));
  if (said.size < 2) return undefined;
  const sentences = [...ev.best.sentences, ...(ev.second?.sentences ?? [])];
  let best: SourceSentence | undefined;
  let bestN = 0;
  for (const sentence of sentences) {
    const n = new Set(sentence.words.filter((w) => said.has(w.stem)).map((w) => w.stem)).size;
    if (n > bestN) {
      best = sentence;
      bestN = n;
    }
  }
  if (!best || bestN < 2) return undefined;
  if (speakerNames.some((n) => best!.text.includes(n))) return undefined;
  const verb = SOURCE_REPORTING.exec(best.text);
  // Stated without a speaker: the claim's attribution is not confirmed by this sentence alone.
  if (!verb) return `the passage does not say that ${speakerNames.join(" ")} said it`;
  const before = best.text.slice(0, verb.index);
  if (PRONOUN_SPEAKER.test(before)) return undefined;
  return `the passage has another speaker: "${best.text.slice(Math.max(0, verb.index - 60), verb.index + verb[0].length).trim()}"`;
}

/**
 * A verb the claim puts in the past (`began`, `joined`) that the passage has only after `would`
 * (`would begin`): what was announced, not what happened. The passage's words, or undefined.
 */
const HABITUAL = /\b(?:in|during|through|throughout) the (?:(?:early |late |mid-)?(?:1[0-9]|20)\d0s|\p{L}+ (?:century|decade))\b|\bused to\b|\bfor (?:years|decades)\b/iu;

export function wouldGap(claim: string, passage: string): string | undefined {
  if (!/\bwould\b/i.test(passage) || /\b(?:would|will|plans?|planned|expected|due|set to)\b/i.test(claim)) return undefined;
  // What used to happen ("In the 1990s, ferries would call at…") is no announcement.
  if (HABITUAL.test(passage)) return undefined;
  const passageWords = new Set(wordsOf(passage).map((w) => w.text));
  for (const w of wordsOf(claim)) {
    if (!(isIrregularPast(w.text) || (/[^e]ed$|ied$/.test(w.text) && w.text.length > 4))) continue;
    // The passage says it happened too ("reached Askervik on Monday and would reach Vessby…").
    if (passageWords.has(w.text)) continue;
    for (const lemma of lemmas(w.text)) {
      if (lemma === w.text) continue;
      // A quotation may open between them: it would "restore the timetable".
      const m = new RegExp(`\\bwould\\s+(?:(?:not|also|then|soon|now)\\s+)?["“']?${escapeRegExp(lemma)}\\b`, "i").exec(passage);
      if (m) return m[0].replace(/["“']/g, "");
    }
  }
  return undefined;
}

/**
 * The evidence sentences a claim's names may stand in: the one holding most of the claim's
 * content words, its neighbours in its paragraph, and any other evidence sentence that adds at
 * least two content words of its own (a claim of two facts). A sentence that adds nothing does
 * not lend its names: "the Sennet Ford Village Council" one paragraph away does not put the
 * meetings of the sentence holding the rest "in Sennet Ford".
 */
function coreSentences(ev: Evidence): { sentences: SourceSentence[]; main: SourceSentence; own: SourceSentence[] } {
  const win = ev.best!;
  const candidates = [...win.sentences, ...(ev.second?.sentences ?? [])];
  const holds = candidates.map((s) => sentenceHolds(ev, s));
  let at = 0;
  for (let i = 1; i < candidates.length; i++) if (holds[i].size > holds[at].size) at = i;
  const core = candidates[at];
  const out = new Set<SourceSentence>([core]);
  /** The main sentence and those holding two or more of the claim's words of their own (its other facts). */
  const own = new Set<SourceSentence>([core]);
  const all = sourceSentences(win.entry);
  const k = all.indexOf(core);
  for (const s of [all[k - 1], all[k + 1]]) if (k >= 0 && s && sameParagraph(win.entry, s, core)) out.add(s);
  candidates.forEach((s, i) => {
    let n = 0;
    for (const t of holds[i]) if (!holds[at].has(t)) n++;
    if (n >= 2) {
      out.add(s);
      own.add(s);
    }
  });
  const byStart = (a: SourceSentence, b: SourceSentence) => a.start - b.start;
  return { sentences: [...out].sort(byStart), main: core, own: [...own].sort(byStart) };
}

/** Words a slot steps over before a noun ("from the fuel tax"). */
const DETERMINERS = new Set(["the", "a", "an", "its", "their", "his", "her", "this", "that", "these", "those"]);

/** Two words of a slot alike: the same word, or content words of one meaning. */
const slotLike = (a: Word, b: Word | undefined) => b !== undefined && (a.text === b.text || (isContent(a.text) && isContent(b.text) && sameWord(a.text, b.text, a.stem, b.stem)));
/** Whether a word is capitalised where it stands in its text. */
const capitalIn = (text: string, w: Word) => /^\p{Lu}/u.test(text.slice(w.start, w.end));
/** Whether a text holds no break of a phrase (a comma, a colon, a bracket, a quotation mark) between two words. */
const unbroken = (text: string, a: Word, b: Word) => !/[,;:()"“”]/.test(text.slice(Math.min(a.end, b.end), Math.max(a.start, b.start)));

/**
 * A content word of the claim that the sentence holding the claim does not say, though another
 * sentence of the passage does, standing where the sentence holding the claim has another content
 * word the claim never says ("a rise in [tram] fares" against "a rise in [bus] fares"; "would come
 * from [bus] fares" against "would come from the [fuel] tax"): the claim took the word from
 * another fact. The slot is pinned by the claim's word next to it, with the one beyond when that is
 * no content word; a word that stands in the same slot in the sentence it came from is no loan.
 */
function lentWord(claim: string, ev: Evidence, main: SourceSentence): { claimed: string; instead: string } | undefined {
  const index = wordIndex(main.words);
  const claimWords = wordsOf(claim);
  const others = [...ev.best!.sentences, ...(ev.second?.sentences ?? [])].filter((s) => s !== main);
  if (!others.length) return undefined;
  const inClaim = (x: Word) => claimWords.some((c) => sameWord(c.text, x.text, c.stem, x.stem));
  // Names are another check's: neither the claim's word nor the words that pin its slot.
  const capital = (c: Word) => capitalIn(claim, c);
  /** Where a sentence has the claim's anchor of word i on side `dir`, the indices of the words in the claim's word's place. */
  const slotWords = (s: { text: string; words: readonly Word[] }, i: number, dir: -1 | 1): number[] => {
    const words = s.words;
    const a1 = claimWords[i + dir];
    if (!a1 || capital(a1) || !unbroken(claim, a1, claimWords[i])) return [];
    const a2 = isContent(a1.text) ? undefined : claimWords[i + 2 * dir];
    if (!isContent(a1.text) && (!a2 || !isContent(a2.text) || capital(a2) || !unbroken(claim, a2, a1))) return [];
    const out: number[] = [];
    for (let j = 0; j < words.length; j++) {
      if (!slotLike(a1, words[j]) || (a2 && (!slotLike(a2, words[j + dir]) || !unbroken(s.text, words[j], words[j + dir])))) continue;
      let k = j - dir;
      if (dir === -1) while (k < words.length && DETERMINERS.has(words[k].text) && !DETERMINERS.has(claimWords[i].text)) k++;
      if (k >= 0 && k < words.length && unbroken(s.text, words[j], words[k])) out.push(k);
    }
    return out;
  };
  for (let i = 0; i < claimWords.length; i++) {
    const t = claimWords[i];
    // A content word of the claim, or a name of it ("the [Brannstad] route" against "the four routes").
    const raw = claim.slice(t.start, t.end).replace(/['’]s$/, "");
    const name = capital(t) && ev.names.includes(raw);
    if (name ? nameIn(raw, main.text) : !ev.terms.includes(t.text) || capital(t) || index.says(t.text, t.stem)) continue;
    const from = others.filter((s) => (name ? nameIn(raw, s.text) : wordIndex(s.words).says(t.text, t.stem)));
    if (!from.length) continue;
    for (const dir of [-1, 1] as const) {
      // The word stands in this slot where it came from: no loan.
      if (from.some((s) => slotWords(s, i, dir).some((k) => slotLike(t, s.words[k])))) continue;
      for (const k of slotWords(main, i, dir)) {
        const x = main.words[k];
        if (isContent(x.text) && !DETERMINERS.has(x.text) && !capitalIn(main.text, x) && !inClaim(x)) return { claimed: claim.slice(t.start, t.end), instead: main.text.slice(x.start, x.end) };
      }
    }
  }
  return undefined;
}

/** Words a verb follows ("had met", "to delay", "will postpone"). */
const VERB_BEFORE = new Set(["to", "had", "has", "have", "will", "would", "could", "should", "may", "might", "must", "did", "does", "do", "not", "shall", "can"]);

/**
 * A word of the claim in the place of another in the sentence that holds it, pinned on both sides:
 * "cooperation with investigators had [increased] her sentence" against "… had [reduced] her
 * sentence". The words either side (with the next one beyond a word of no content) must stand next
 * to it in that sentence, with a content word of the claim's on each side; the sentence's word is
 * one the claim never says, nor a word of the same meaning.
 */
function swappedWord(claim: string, ev: Evidence, main: SourceSentence): { claimed: string; instead: string } | undefined {
  const index = wordIndex(main.words);
  const claimWords = wordsOf(claim);
  /** The claim's words beside word i on one side: the next, and the one beyond when the next has no content. */
  const side = (i: number, dir: -1 | 1): Word[] | undefined => {
    const a = claimWords[i + dir];
    if (!a || capitalIn(claim, a) || !unbroken(claim, a, claimWords[i])) return undefined;
    if (isContent(a.text)) return [a];
    const b = claimWords[i + 2 * dir];
    return b && isContent(b.text) && !capitalIn(claim, b) && unbroken(claim, a, b) ? [a, b] : undefined;
  };
  const m = main.words;
  for (let i = 0; i < claimWords.length; i++) {
    const t = claimWords[i];
    if (!ev.terms.includes(t.text) || capitalIn(claim, t) || index.says(t.text, t.stem)) continue;
    // Not a verb: another verb in its place is as often the same act in other words ("fulfilled" for
    // "met", "delay" for "postpone"); a reversed one is polarity-mismatch's.
    if (/(?:ed|ing)$/.test(t.text) || isIrregularPast(t.text) || VERB_BEFORE.has(claimWords[i - 1]?.text ?? "")) continue;
    const left = side(i, -1);
    const right = side(i, 1);
    if (!left || !right) continue;
    for (let k = left.length; k + right.length < m.length; k++) {
      if (!left.every((w, n) => slotLike(w, m[k - 1 - n])) || !right.every((w, n) => slotLike(w, m[k + 1 + n]))) continue;
      const x = m[k];
      if (!unbroken(main.text, m[k - left.length], m[k + right.length])) continue;
      if (!isContent(x.text) || capitalIn(main.text, x) || claimWords.some((c) => slotLike(c, x))) continue;
      return { claimed: claim.slice(t.start, t.end), instead: main.text.slice(x.start, x.end) };
    }
  }
  return undefined;
}

/** A speaker's words reported: "… told the hearing that ", "… said that ". */
const REPORTED = /\b(?:said|says|told\s+(?:\p{L}+\s+){0,3}?|announced|warned|argued|claimed|insisted|added|confirmed)\s*,?\s*that\s+/iu;

/** What the claim reports a speaker said, after "said that", "told the hearing that" (four words or more); else undefined. */
export function reportedClause(claim: string): string | undefined {
  const reported = claim.includes("that ") ? REPORTED.exec(claim) : null;
  const said = reported ? claim.slice(reported.index + reported[0].length) : undefined;
  return said !== undefined && said.split(/\s+/).length >= 4 ? said : undefined;
}

/** Words whose "of" names a place ("residents of Aldercombe"), not an organisation ("secretary of the Union"). */
const PEOPLE_OF = "(?:residents|people|citizens|villagers|inhabitants|town|city|village|port|district|outskirts|centre|center|north|south|east|west)";
/** Prepositions before a place. */
const PLACE_BEFORE = "in|at|near|outside|inside|from|across|around";
const PLACE_AFTER_PREPOSITION = new RegExp(String.raw`\b(${PLACE_BEFORE})\s+(?:the\s+)?(\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*)*)`, "gu");

/**
 * A place the claim names after a preposition ("in Aldercombe", "residents of Aldercombe") that
 * only a sentence beside the one holding the claim gives, where that sentence puts it in another
 * place: "300 residents of Aldercombe were evacuated" against "Firefighters in Brenvik evacuated 300
 * residents … Crews from Aldercombe were called in to help". The place the main sentence gives
 * after a preposition, when the claim does not name it, or names it after the same preposition as
 * the lent one ("crews from Brenvik" where the main sentence says "crews from Aldercombe").
 */
function lentPlace(claim: string, lent: readonly string[], main: SourceSentence): { lent: string; instead: string } | undefined {
  for (const n of lent) {
    const at = new RegExp(String.raw`\b(${PLACE_BEFORE}|${PEOPLE_OF}\s+of)\s+(?:the\s+)?${escapeRegExp(n)}(?![\p{L}\p{N}'’])`, "iu").exec(claim);
    if (!at) continue;
    const preposition = at[1].toLowerCase();
    for (const m of main.text.matchAll(PLACE_AFTER_PREPOSITION)) {
      const place = m[2];
      // Not a possessive ("outside Meridane's offices"), a month or a day.
      if (/['’]s?$/.test(place) || /^['’]/.test(main.text.slice(m.index! + m[0].length)) || CALENDAR.has(place.split(/\s+/)[0].toLowerCase()) || nameIn(n, place) || nameIn(place, n)) continue;
      const inClaim = nameIn(place, claim);
      if (!inClaim || m[1].toLowerCase() === preposition) return { lent: n, instead: place };
    }
  }
  return undefined;
}

/** Words of a name that qualify it rather than say what it is ("the north" refers back to nothing). */
const QUALIFIERS = new Set(["north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "upper", "lower", "new", "old", "great", "greater", "little", "national", "united", "royal", "first"]);

/**
 * Whether `name` stands in a source's title and the texts refer back to it as "the" and a common
 * word of it or of the capitalised words round it there ("the bank" for "Marrow Bank", "the storm"
 * for "Storm Idris", "the reservoir" for "Kessler" in "… Kessler Reservoir supply"); in a Title
 * Case title, where every word is capitalised, only a word of the name itself.
 */
export function referredBack(name: string, title: string, texts: readonly string[]): boolean {
  // A title is a line; a longer one is read no further.
  title = title.slice(0, 300);
  if (!name || !nameIn(name, title)) return false;
  const words = title.split(/\s+/).filter(Boolean);
  const own = name.split(/\s+/);
  // A Title Case title capitalises every word: only the name's own words say what it is there.
  const long = words.filter((w) => w.length > 3);
  const titleCase = long.length >= 3 && long.every((w) => /^\p{Lu}/u.test(w));
  const candidates = new Set(own);
  if (!titleCase) {
    // The capitalised words around the name in the title ("Kessler Reservoir", "Storm Idris",
    // "Harnsund Savings Bank"), up to a word in lower case.
    const at = words.findIndex((w) => nameIn(own[0], w));
    const capital = (k: number) => k >= 0 && k < words.length && /^\p{Lu}/u.test(words[k]);
    for (let k = at - 1; at >= 0 && capital(k); k--) candidates.add(words[k]);
    for (let k = at + 1; at >= 0 && capital(k); k++) candidates.add(words[k]);
  }
  for (const w of candidates) {
    const lower = w.toLowerCase().replace(/['’]s$/, "").replace(/[^\p{L}-]/gu, "");
    if (lower.length < 3 || QUALIFIERS.has(lower) || !lemmas(lower).some(knownLemma)) continue;
    const back = new RegExp(`\\bthe\\s+${escapeRegExp(lower)}\\b`, "i");
    if (texts.some((t) => back.test(t))) return true;
  }
  return false;
}

/**
 * What the evidence holding a claim only expects, proposes or says would happen, where the claim
 * states it (`may call a ballot` for `has called a ballot`; `would begin` for `began`): the
 * passage's words, or undefined. Read by weak-support, which reports it.
 */
export function expectedOnly(claim: string, ev: Evidence): string | undefined {
  // The sentence that holds the claim, not its neighbour in the window (another fact's hedge).
  const main = mainSentence(ev);
  // Most sentences hedge nothing: the clause-by-clause reading only for one that does.
  if (!main || !(mayHedge(main.text) || /\bwould\b/i.test(main.text)) || claimHedged(claim)) return undefined;
  return hedgeGap(claim, main.text) ?? wouldGap(claim, main.text);
}

const TIME_UNITS = new Set(["minute", "hour", "day", "week", "month", "year", "decade", "century"]);
/** Two figures count time in the same unit, or one of them counts no time. */
const sameUnit = (f: Figure, g: Figure) => !(f.unit && g.unit && TIME_UNITS.has(f.unit) && TIME_UNITS.has(g.unit) && f.unit !== g.unit);
/** A figure that gives someone's age ("58-year-old", "aged 58"). */
const isAge = (text: string, f: Figure) => ageAfter(text, f) || /\baged\s+$/i.test(text.slice(Math.max(0, f.start - 8), f.start));

/** Where a sentence joins two facts: ", and", ", but", ", while", ", whereas", ";". */
const FACT_BREAK = /, (?:and|but|while|whereas) |; /;
/** Words each fact must have, to stand as a claim of its own. */
const FACT_MIN_WORDS = 6;

/**
 * Whether each fact a claim joins (two or three, split where FACT_BREAK does) is confirmed by the
 * cited sources on its own terms: every check of `confirmation`, against the evidence found for
 * that fact alone, and each fact with a subject of its own ("…, and officials expect construction
 * to start in 2026"; not "…, and raised fuel duty", whose actor is the other fact's). The reasons,
 * or undefined when one is not.
 */
function factsConfirmed(claim: string, sources: readonly ResolvedSource[]): string[] | undefined {
  const parts = claim.split(FACT_BREAK).map((p) => p.trim());
  if (parts.length < 2 || parts.length > 3) return undefined;
  if (parts.some((p) => p.split(/\s+/).length < FACT_MIN_WORDS || !subjectWords(p))) return undefined;
  const why: string[] = [];
  for (const part of parts) {
    const c = confirmation(part, evidenceForText(part, sources), !sources[0].library.batch);
    if (!c.confirmed) return undefined;
    why.push(`"${part.length > 60 ? `${part.slice(0, 60)}…` : part}": ${c.why[0] ?? "held"}`);
  }
  return [`each of its ${parts.length} facts is held on its own`, ...why];
}

/**
 * Whether a claim (no contradicting rule on it) is confirmed: by its evidence, or as two facts in
 * one sentence, each of them held by the sources on its own (its own passage, names, figures and
 * subject).
 */
export function confirmedClaim(claim: string, ev: Evidence, sources: readonly ResolvedSource[], remember = true): { confirmed: boolean; why: string[] } {
  const c = confirmation(claim, ev, remember);
  if (c.confirmed) return c;
  const facts = factsConfirmed(claim, sources);
  return facts ? { confirmed: true, why: facts } : c;
}

export function confirmation(claim: string, ev: Evidence, remember = true): { confirmed: boolean; why: string[] } {
  // Remembered with the evidence (itself remembered across checks while its sources stand), but not
  // in a batch check, which asks once (a full check on small sources: 2% more CPU, 9 MB more memory).
  if (!remember) return confirmationOf(claim, ev);
  let memo = confirmations.get(ev);
  if (!memo) confirmations.set(ev, (memo = new Map()));
  let c = memo.get(claim);
  if (!c) memo.set(claim, (c = confirmationOf(claim, ev)));
  return c;
}
const confirmations = new WeakMap<Evidence, Map<string, { confirmed: boolean; why: string[] }>>();

function confirmationOf(claim: string, ev: Evidence): { confirmed: boolean; why: string[] } {
  const win = ev.best;
  if (!win) return { confirmed: false, why: ["no passage of the cited sources shares its words"] };
  const texts = [win.text, ...(ev.second ? [ev.second.text] : [])];
  const joined = texts.join(" ");
  const no = (why: string) => ({ confirmed: false, why: [why] });
  if (ev.terms.length === 0 && ev.figures.length === 0) return no("it has no content words to look for");
  if (ev.unionCoverage < CONFIRM_COVERAGE) {
    const missing = ev.missing.slice(0, 6).map((w) => `"${w}"`).join(", ");
    return no(`the best passage holds ${Math.round(ev.unionCoverage * 100)}% of its content words (missing ${missing})`);
  }
  if (ev.second && ev.coverage < CONFIRM_COVERAGE && (ev.second.matched.size < 2 || win.matched.size < 2)) return no("its words are scattered over the source");
  const wholeSource = win.entry.text.slice(win.entry.bodyOffset);
  // Names in the best window itself: a second window must not lend the claim its actor or place.
  // A name of the source's title is what the whole source is about, and a passage that refers back
  // to it by a word of it ("the bank" for the title's "Marrow Bank") names it (another name in its
  // slot is still found below).
  const topic = (n: string) => referredBack(n, win.entry.title, texts);
  const names = missingNames(ev.names, [win.text], wholeSource).filter((n) => !topic(n));
  if (names.length > 0) return no(`the passage does not name ${names.map((n) => `"${n}"`).join(", ")}`);
  // Nor may a sentence that only shares its names lend them to the sentence that says the rest:
  // they must stand in the sentence holding most of the claim, or beside it in its paragraph.
  const { sentences: core, main, own } = coreSentences(ev);
  const apart = missingNames(ev.names, core.map((c) => c.text), wholeSource).filter((n) => !topic(n));
  if (apart.length > 0) return no(`the sentence that holds most of it does not name ${apart.map((n) => `"${n}"`).join(", ")}`);
  const word = lentWord(claim, ev, main) ?? swappedWord(claim, ev, main);
  if (word) return no(`the sentence that holds most of it says "${word.instead}" where the claim says "${word.claimed}"`);
  const lent = lentPlace(claim, missingNames(ev.names, own.map((c) => c.text), wholeSource).filter((n) => !topic(n)), main);
  if (lent) return no(`the sentence that holds most of it says "${lent.instead}", not "${lent.lent}"`);
  // Another name or figure in the claim's own in the sentence that holds it (the claim's stands in the window's other sentence).
  const entries = ev.second && ev.second.entry !== win.entry ? [win.entry, ev.second.entry] : [win.entry];
  const name = swappedName(claim, ev, entries);
  if (name) return no(`the passage says "${name.instead}" where the claim says "${name.claimed}"`);
  const held = sourceTextFigures(joined);
  // A figure the passage gives in other terms, worked out from its own sentences (`halved` for
  // "from 14 vessels to seven", `more than 30` for 34, `two weeks` for 14 days), is held too.
  const windowSentences = () => [...win.sentences, ...(ev.second?.sentences ?? [])].map((s) => ({ text: s.text, figures: sourceTextFigures(s.text) }));
  // Held as the claim means it: a length of time in the same unit ("12 weeks" is not "a 12-month
  // trial"), and an age only for an age ("for 58 years" is not "the 58-year-old mayor").
  const alike = (f: Figure) => held.some((g) => findFigure(f, [g]).found && sameUnit(f, g) && isAge(claim, f) === isAge(joined, g));
  for (const f of ev.figures) if (!alike(f) && !derivedFrom(f, claim, windowSentences, true)) return no(`the passage does not hold the figure "${f.raw}"`);
  for (const f of ev.figures) {
    const swap = swappedFigure(claim, f, ev, entries)?.figure ?? figureInOtherSlot(claim, f, ev);
    if (swap) return no(`the passage says "${swap.raw}" where the claim says "${f.raw}"`);
  }
  for (const q of extractQuotes(claim)) if (!findQuote(q.text, [wholeSource]).found) return no(`the quote "${q.text}" is not in the source`);
  const anchor = anchorMismatch(claim, ev);
  if (anchor) return no(anchor);
  // Any denial in the clause that holds it keeps it from "confirmed", whatever word it denies.
  const polarity = polarityGap(claim, ev, "confirm");
  if (polarity) return no(`the passage says otherwise: "${polarity.clause.trim()}"`);
  const hedge = hedgeGap(claim, win.text) ?? (ev.second ? hedgeGap(claim, ev.second.text) : undefined);
  if (hedge) return no(`the passage only expects or proposes it: "${hedge}"`);
  // Someone said it would happen ("would begin in May"); the claim says it happened ("began in May").
  const wouldDo = wouldGap(claim, core.map((c) => c.text).join(" "));
  if (wouldDo) return no(`the passage says only that it would happen: "${wouldDo}"`);
  // The passage says it will happen; the claim says it happened.
  if (/\b(?:will|is to|are to|is due to|are due to)\b/i.test(win.text) && !/\b(?:will|would|shall|is to|are to|due|from|next|plans?|expected|set to)\b/i.test(claim) && pastTense(claim)) {
    return no("the passage says it will happen; the claim says it happened");
  }
  const speaker = speakerGap(claim, ev);
  if (speaker) return no(speaker);
  const title = titleGap(claim, [win.text]);
  if (title) return no(title);
  // A name of the claim the sentence holding it gives in another slot, another in the claim's.
  const otherSlot = nameInOtherSlot(claim, ev, entries);
  if (otherSlot) return no(`the passage says "${otherSlot.instead}" where the claim says "${otherSlot.claimed}"`);
  // …and in what a speaker is reported to have said ("Lindley told the hearing that the club had asked the trust").
  const said = reportedClause(claim);
  const swapped = swappedParties(claim, ev) ?? partyAsObject(claim, ev) ?? (said !== undefined ? swappedParties(said, ev) ?? partyAsObject(said, ev) : undefined);
  if (swapped) return no(`the passage has ${swapped.actor} as the one who ${swapped.verb}`);
  const roles = claimRoles(claim, ev.names);
  if (roles) {
    const said = sourceRoles(roles, ev);
    if (!said) return no(`the passage does not say plainly who ${roles.verb} whom`);
    if (said.agent !== roles.agent) return no(`the passage has ${said.agent} as the one who ${roles.verb}`);
  }
  const why = [`the passage holds ${Math.round(ev.unionCoverage * 100)}% of its content words`];
  if (ev.names.length) why.push(`names ${ev.names.join(", ")}`);
  if (ev.figures.length) why.push(`figures ${ev.figures.map((f) => f.raw).join(", ")}`);
  return { confirmed: true, why };
}
