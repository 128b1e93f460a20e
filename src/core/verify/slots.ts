/**
 * Slots: a claim's name or figure and the words either side of it, found again in the cited
 * passage with another name or figure between the same words ("at the Vessby container terminal"
 * where the passage says "at the Portavel container terminal"; "restored within 30 days" where it
 * says "restored within 14 days"). The claim's own name or figure may stand elsewhere in the
 * source (the other terminal, another deadline): the words round the slot say which one the
 * passage that holds the claim gives. Read by name-mismatch and number-mismatch; a slot that
 * cannot be read plainly (too few words either side, a title or a shared surname) gives nothing.
 */
import { CALENDAR, SHARED_NAME_WORDS, missingNames, nameIn } from "./checks";
import { isContent, sameWord } from "./words";
import { sentenceHolds, sourceSentences, type Evidence, type SourceSentence } from "./evidence";
import type { SourceEntry } from "../sources/library";
import { findFigure, sourceTextFigures, type Figure } from "../match/figures";
import { derivedFrom } from "../match/derived";
import { knownLemma, lemmas } from "./lexicon";

interface Token {
  text: string;
  /** Lower case, a possessive `'s` dropped. */
  lower: string;
  start: number;
  end: number;
}

const TOKEN = /[\p{L}\p{N}]+(?:['’.,:\-][\p{L}\p{N}]+)*%?/gu;

/** A text's words and numbers with their offsets (punctuation between them left out). */
function tokensOf(text: string): Token[] {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    out.push({ text: m[0], lower: m[0].toLowerCase().replace(/['’]s$/, ""), start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** Words either side of a slot compared with the passage's. */
const CONTEXT = 2;

/**
 * Whether the passage's span [ps, pe) (token indices of `passage`) stands between the same words
 * as the claim's span [cs, ce): the nearest word on each side the claim has must be the same, and
 * at least three of the (up to two) words each side, or every one the claim has when it has
 * fewer, one of them a content word or a number of two digits or more (not only "at the … of").
 */
function sameSlot(claim: readonly Token[], cs: number, ce: number, passage: readonly Token[], ps: number, pe: number, oneSide: () => boolean = () => false): boolean {
  const same = (a: Token | undefined, b: Token | undefined) => a !== undefined && b !== undefined && (a.lower === b.lower || (isContent(a.lower) && isContent(b.lower) && sameWord(a.lower, b.lower)));
  let matched = 0;
  let content = false;
  let available = 0;
  for (const [dir, c0, p0] of [[-1, cs - 1, ps - 1], [1, ce, pe]] as const) {
    for (let k = 0; k < CONTEXT; k++) {
      const c = claim[c0 + dir * k];
      if (!c) break;
      available++;
      const p = passage[p0 + dir * k];
      if (!same(c, p)) {
        if (k === 0) return oneSided(claim, cs, ce, passage, ps, pe, same) && oneSide();
        break;
      }
      matched++;
      // A content word, or a figure ("in 2025 to … from 4.1 percent"): either pins the slot down.
      if (isContent(c.lower) || /\p{N}.*\p{N}/u.test(c.lower)) content = true;
    }
  }
  return (content && matched >= Math.min(3, available) && matched >= 2) || (oneSided(claim, cs, ce, passage, ps, pe, same) && oneSide());
}

/** Words one side of a slot must share, and content words among them, when the other side differs. */
const ONE_SIDE = 3;
const ONE_SIDE_CONTENT = 2;
/** Prepositions of a place, which a one-sided slot must share with the passage. */
const PLACE_PREPOSITIONS = new Set(["in", "at", "near", "outside", "inside", "from", "across", "around"]);

/**
 * A place's slot pinned down by one side alone: the place follows the passage's own preposition,
 * and the three words before that (or after the place) are the passage's, two of them content words
 * ("the coastal research institute in [Dunmarra]" where the passage says "the coastal research
 * institute in [Tresk] will fall"). Not a speaker's slot: a party and its spokesperson or leader
 * stand in the same place before "said".
 */
function oneSided(claim: readonly Token[], cs: number, ce: number, passage: readonly Token[], ps: number, pe: number, same: (a: Token | undefined, b: Token | undefined) => boolean): boolean {
  if (!PLACE_PREPOSITIONS.has(claim[cs - 1]?.lower ?? "") || !same(claim[cs - 1], passage[ps - 1])) return false;
  for (const [dir, c0, p0] of [[-1, cs - 2, ps - 2], [1, ce, pe]] as const) {
    let matched = 0;
    let content = 0;
    for (let k = 0; k < ONE_SIDE + 2 && matched < ONE_SIDE + 2; k++) {
      const c = claim[c0 + dir * k];
      if (!c || !same(c, passage[p0 + dir * k])) break;
      matched++;
      if (isContent(c.lower)) content++;
    }
    if (matched >= ONE_SIDE && content >= ONE_SIDE_CONTENT) return true;
  }
  return false;
}

/** Words that make a name a part of a town or a venue in it ("Kestrel Hall", "Varrow County", "Eastgate, a district…"). */
const PART_OF_PLACE = new Set(["hall", "centre", "center", "park", "square", "street", "road", "quarter", "county", "district", "province", "region", "valley", "palace", "stadium", "arena", "suburb", "neighbourhood", "neighborhood", "borough", "ward", "harbour", "port", "building", "house", "church", "market", "campus", "area"]);

const RUN_SKIP = new Set(["the", "a", "an", "in", "on", "at", "of", "and", "for", "to", "by", "with", "from", "mr", "mrs", "ms", "dr", "but", "as", "after", "before", "when", "while", "this", "that", "these", "those", "its", "his", "her", "their", "our", "he", "she", "it", "they", "we", "i", "you"]);
/** Words of a title or an honorific: "Ms Brenning" and "Lotte Brenning" are one person. */
const TITLE_WORDS = new Set(["mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "president", "prime", "minister", "chancellor", "governor", "mayor", "judge", "justice", "general", "colonel", "captain", "chief", "director", "chair", "chairman", "chairwoman", "secretary", "senator", "deputy", "king", "queen", "prince", "princess", "pope", "bishop", "father", "sister", "brother", "saint", "st", "councillor", "mp", "inspector", "sergeant", "officer", "commissioner", "ambassador", "leader", "head", "spokesman", "spokeswoman", "spokesperson", "executive"]);

/** Capitalised runs of a text's tokens, [first, end) indices, a leading function word ("The") left out. */
function capitalRuns(tokens: readonly Token[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = 0; i < tokens.length; ) {
    if (!/^\p{Lu}/u.test(tokens[i].text)) {
      i++;
      continue;
    }
    let j = i;
    while (j < tokens.length && /^\p{Lu}/u.test(tokens[j].text)) j++;
    let a = i;
    while (a < j && RUN_SKIP.has(tokens[a].lower)) a++;
    if (a < j) out.push([a, j]);
    i = j;
  }
  return out;
}

export interface NameSwap {
  /** The claim's name as written there, and the passage's in its place. */
  claimed: string;
  instead: string;
  sentence: SourceSentence;
}

/**
 * The passage's other name in the slot of `name` (a name of the claim the passage lacks): the
 * capitalised run holding it in the claim, and a run of the passage between the same words, that
 * differ (once the words they share are set aside) in words that are neither titles nor names of
 * the claim. A run that shares a single word with the claim's ("Toby Fenwright") may be the same
 * person: no swap.
 */
function nameSwap(claim: string, name: string, sentences: readonly SourceSentence[], entries: readonly SourceEntry[], strict = false): NameSwap | undefined {
  const ct = tokensOf(claim);
  const first = name.split(/\s+/)[0].toLowerCase();
  const run = capitalRuns(ct).find(([a, b]) => ct.slice(a, b).some((t) => t.lower === first || t.lower.startsWith(first)));
  if (!run) return undefined;
  const claimWords = ct.slice(run[0], run[1]).map((t) => t.lower);
  for (const sentence of sentences) {
    const pt = tokensOf(sentence.text);
    // For "confirmed", the claim's name standing in its own slot in the sentence is no swap, whatever
    // stands in a like slot of another clause ("from Ellowmere will leave at", "from Cradnock will leave at").
    if (strict && capitalRuns(pt).some(([a, b]) => b - a === claimWords.length && pt.slice(a, b).every((t, i) => t.lower === claimWords[i]) && sameSlot(ct, run[0], run[1], pt, a, b))) continue;
    for (const [a, b] of capitalRuns(pt)) {
      // A sentence's first word is capitalised for that alone ("Annual consumer prices…").
      if (a === 0 && b === 1 && lemmas(pt[0].lower).some(knownLemma)) continue;
      const theirs = pt.slice(a, b).map((t) => t.lower);
      let head = 0;
      while (head < claimWords.length && head < theirs.length && claimWords[head] === theirs[head]) head++;
      let tail = 0;
      while (tail < claimWords.length - head && tail < theirs.length - head && claimWords[claimWords.length - 1 - tail] === theirs[theirs.length - 1 - tail]) tail++;
      const ours = claimWords.slice(head, claimWords.length - tail);
      const other = theirs.slice(head, theirs.length - tail);
      if (ours.length === 0 || other.length === 0 || !ours.some((w) => w === first || w.startsWith(first))) continue;
      if ([...ours, ...other].some((w) => TITLE_WORDS.has(w))) continue;
      // A day or a month is no name ("on Monday", "in March").
      if (other.every((w) => CALENDAR.has(w))) continue;
      // One is the other's initials ("CHU", "Coastal Haulage Union").
      const initials = (ws: readonly string[]) => ws.map((w) => w[0]).join("");
      if ((ours.length === 1 && ours[0] === initials(other)) || (other.length === 1 && other[0] === initials(ours))) continue;
      // The words the two runs share are part of the slot's setting ("Justice" of "with Justice Henrik Dornell").
      // One side's words may pin a place down (asked only when they do: it reads the whole source).
      if (!sameSlot(ct, run[0] + head, run[1] - tail, pt, a + head, b - tail, () => oneSidedPlace(sentence.text, pt, a + head, b - tail, ct[run[0] + head].text, entries, strict))) continue;
      const shared = [...claimWords.slice(0, head), ...claimWords.slice(claimWords.length - tail)].filter((w) => !SHARED_NAME_WORDS.has(w) && !TITLE_WORDS.has(w));
      if (shared.length === 1) continue;
      const instead = pt.slice(a + head, b - tail);
      const insteadText = sentence.text.slice(instead[0].start, instead[instead.length - 1].end);
      // The claim names the passage's name too, or one is the other's form ("Orvana", "Orvanan"): no swap.
      // (For "confirmed", the claim naming it elsewhere is two names swapped: "from Hollin to Casterlow"
      // against "from Casterlow to Hollin"; the claim's own name is known not to stand in its slot.)
      if ((!strict && nameIn(insteadText.split(/\s+/)[0], claim)) || other.some((w) => ours.some((o) => w.startsWith(o) || o.startsWith(w)))) continue;
      const mine = ct.slice(run[0] + head, run[1] - tail);
      return { claimed: claim.slice(mine[0].start, mine[mine.length - 1].end), instead: insteadText, sentence };
    }
  }
  return undefined;
}

/**
 * Whether the passage's name at [a, b) may stand against the claim's (`ours`) on one side's words:
 * asked once a place's slot is pinned by one side (oneSided), so at most once per candidate name;
 * not a part of a place or a venue in it (the claim may name the town it is in), and never named
 * with the claim's in one sentence of the source ("Orlesby is the largest town in Varrow County").
 */
function oneSidedPlace(text: string, pt: readonly Token[], a: number, b: number, ours: string, entries: readonly SourceEntry[], strict = false): boolean {
  if (PART_OF_PLACE.has(pt[b - 1].lower)) return false;
  const described = /^\s*,\s*(?:a|an|the)\s+(?:\p{L}+\s+)?(\p{L}+)/u.exec(text.slice(pt[b - 1].end, pt[b - 1].end + 40));
  if (described && PART_OF_PLACE.has(described[1].toLowerCase())) return false;
  // For "confirmed", two places of one sentence are still two ("a villa in Port Ambry and a yacht moored at Lissany").
  if (strict) return true;
  const theirs = pt[a].text;
  return !entries.some((e) => sourceSentences(e).some((s) => nameIn(theirs, s.text) && nameIn(ours, s.text)));
}

/**
 * The passage's span in the slot of the claim's span [start, end) (character offsets): the first
 * of `candidates` (spans of a passage sentence, character offsets) between the same words.
 */
function slotIn(claim: string, start: number, end: number, sentence: string, candidates: ReadonlyArray<{ start: number; end: number }>): number {
  const ct = tokensOf(claim);
  const cs = ct.findIndex((t) => t.end > start);
  let ce = cs;
  while (ce >= 0 && ce < ct.length && ct[ce].start < end) ce++;
  if (cs < 0 || ce <= cs) return -1;
  const pt = tokensOf(sentence);
  for (let k = 0; k < candidates.length; k++) {
    const c = candidates[k];
    // The first token ending past the candidate's start, by halving (tokens are in order): a sentence
    // of 20,000 figures is not searched from its start 20,000 times.
    let lo = 0;
    let hi = pt.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pt[mid].end > c.start) hi = mid;
      else lo = mid + 1;
    }
    const ps = lo < pt.length ? lo : -1;
    let pe = ps;
    while (pe >= 0 && pe < pt.length && pt[pe].start < c.end) pe++;
    if (ps < 0 || pe <= ps) continue;
    if (sameSlot(ct, cs, ce, pt, ps, pe)) return k;
  }
  return -1;
}

/** Share of the claim's other words the passage must hold before another name or figure in its slot says the claim is wrong. */
const ON_TOPIC = 0.5;
/** Share of the claim's other words a source sentence with the claim's own name or figure may hold before a swap is in doubt. */
const ELSEWHERE = 0.5;

/**
 * The sentence of the best window that holds most of the claim's words: the one whose slots are
 * read (a name or figure in the window's other sentence is another fact's, not this one's).
 */
export function mainSentence(ev: Evidence): SourceSentence | undefined {
  if (mainMemo.has(ev)) return mainMemo.get(ev);
  let best: SourceSentence | undefined;
  let most = -1;
  for (const s of ev.best?.sentences ?? []) {
    const n = sentenceHolds(ev, s).size;
    if (n > most) {
      most = n;
      best = s;
    }
  }
  mainMemo.set(ev, best);
  return best;
}
const mainMemo = new WeakMap<Evidence, SourceSentence | undefined>();

/** Whether some sentence of the sources that `has` the claim's name or figure says most of the claim's other words. */
function saidElsewhere(ev: Evidence, entries: readonly SourceEntry[], has: (s: SourceSentence) => boolean): boolean {
  return entries.some((e) => sourceSentences(e).some((s) => has(s) && sentenceHolds(ev, s).size >= ELSEWHERE * ev.terms.length));
}

/**
 * A name of the claim that the sentence holding the claim lacks, where that sentence has another
 * name between the same words, and no sentence of the sources naming it says the claim's other
 * words. Undefined when the passage is not about the claim (under half its words).
 */
export function swappedName(claim: string, ev: Evidence, entries: readonly SourceEntry[]): NameSwap | undefined {
  // Asked by name-mismatch and by the verdict: once per evidence and sources.
  const memo = nameMemo.get(ev);
  if (memo && memo.claim === claim && sameEntries(memo.entries, entries)) return memo.swap;
  const swap = findSwappedName(claim, ev, entries);
  nameMemo.set(ev, { claim, entries, swap });
  return swap;
}
const nameMemo = new WeakMap<Evidence, { claim: string; entries: readonly SourceEntry[]; swap: NameSwap | undefined }>();
const sameEntries = (a: readonly SourceEntry[], b: readonly SourceEntry[]) => a.length === b.length && a.every((e, i) => e === b[i]);

function findSwappedName(claim: string, ev: Evidence, entries: readonly SourceEntry[]): NameSwap | undefined {
  const main = mainSentence(ev);
  if (!main || !ev.best || ev.coverage < ON_TOPIC) return undefined;
  const whole = ev.best.entry.text.slice(ev.best.entry.bodyOffset);
  for (const name of missingNames(ev.names, [main.text], whole)) {
    const swap = nameSwap(claim, name, [main], entries);
    if (swap && !saidElsewhere(ev, entries, (s) => nameIn(name, s.text))) return swap;
  }
  return undefined;
}

/**
 * For "confirmed": a name of the claim that the sentence holding it does give, but in another
 * place of it, where the claim's slot holds another name ("a 4.6 million-mark villa in Lissany"
 * against "a 4.6 million-mark villa in Port Ambry and a yacht moored at Lissany").
 */
export function nameInOtherSlot(claim: string, ev: Evidence, entries: readonly SourceEntry[]): NameSwap | undefined {
  const main = mainSentence(ev);
  if (!main || !ev.best) return undefined;
  for (const name of ev.names) {
    if (!nameIn(name, main.text)) continue;
    const swap = nameSwap(claim, name, [main], entries, true);
    if (swap) return swap;
  }
  return undefined;
}

/**
 * The figure the sentence holding the claim has in the slot of the claim's figure `f`, when that
 * sentence does not hold `f` and no sentence of the sources holding `f` says the claim's other
 * words. Undefined when the passage is not about the claim.
 */
export function swappedFigure(claim: string, f: Figure, ev: Evidence, entries: readonly SourceEntry[]): { figure: Figure; sentence: SourceSentence } | undefined {
  // Asked by number-mismatch and by the verdict: once per figure of the evidence and sources.
  let memo = figureMemo.get(ev);
  if (!memo || memo.claim !== claim || !sameEntries(memo.entries, entries)) figureMemo.set(ev, (memo = { claim, entries, swaps: new Map() }));
  if (!memo.swaps.has(f)) memo.swaps.set(f, findSwappedFigure(claim, f, ev, entries));
  return memo.swaps.get(f);
}
const figureMemo = new WeakMap<Evidence, { claim: string; entries: readonly SourceEntry[]; swaps: Map<Figure, { figure: Figure; sentence: SourceSentence } | undefined> }>();

/**
 * For "confirmed": a figure of the claim that the sentence holding it does give, but in another
 * place of it, where the claim's slot holds another figure ("start building Gullrock North in 2031"
 * against "begin building Gullrock North in 2028 and … first power in 2031"; "close to all traffic
 * from 12 January 2026" against "from 2 March 2026 …, the council said on 12 January").
 */
export function figureInOtherSlot(claim: string, f: Figure, ev: Evidence): Figure | undefined {
  const main = mainSentence(ev);
  if (!main) return undefined;
  const figures = sourceTextFigures(main.text);
  const own = figures.filter((g) => findFigure(f, [g]).found);
  if (own.length === 0 || slotIn(claim, f.start, f.end, main.text, own) >= 0) return undefined;
  const dated = (k: string) => k === "date" || k === "year" || k === "time";
  const other = figures.filter((g) => !own.includes(g) && (g.kind === f.kind || (!dated(g.kind) && !dated(f.kind))));
  const k = slotIn(claim, f.start, f.end, main.text, other);
  if (k < 0 || derivedFrom(f, claim, () => [{ text: main.text, figures }])) return undefined;
  return other[k];
}

function findSwappedFigure(claim: string, f: Figure, ev: Evidence, entries: readonly SourceEntry[]): { figure: Figure; sentence: SourceSentence } | undefined {
  const main = mainSentence(ev);
  if (!main || ev.coverage < ON_TOPIC) return undefined;
  const figures = sourceTextFigures(main.text);
  if (findFigure(f, figures).found) return undefined;
  // Of a kind that could stand for it: a date for a date, a year for a year, a number for a number.
  const dated = (k: string) => k === "date" || k === "year" || k === "time";
  const other = figures.filter((g) => g.kind === f.kind || (!dated(g.kind) && !dated(f.kind)));
  const k = slotIn(claim, f.start, f.end, main.text, other);
  // The claim rounds, bounds or works out the passage's figure ("a third" for "33 percent").
  if (k >= 0 && derivedFrom(f, claim, () => [{ text: main.text, figures }])) return undefined;
  if (k < 0 || saidElsewhere(ev, entries, (s) => findFigure(f, sourceTextFigures(s.text)).found)) return undefined;
  // The claim's own figure between the same words in another sentence of the sources: that is the
  // sentence this part of the claim reports ("cut its growth forecast to 0.9 percent from 1.4
  // percent", a second fact beside the one the main sentence holds).
  const ownSlot = (s: SourceSentence) => {
    const theirs = sourceTextFigures(s.text).filter((g) => findFigure(f, [g]).found);
    return theirs.length > 0 && slotIn(claim, f.start, f.end, s.text, theirs) >= 0;
  };
  if (entries.some((e) => sourceSentences(e).some((s) => s !== main && ownSlot(s)))) return undefined;
  return { figure: other[k], sentence: main };
}
