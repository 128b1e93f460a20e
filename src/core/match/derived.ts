/**
 * Figures a claim works out from its source rather than copies: a duration in other units (`two
 * weeks` for `14 days`, `twelve months` for `a year`), the change between two figures of one
 * source sentence (`lost five seats` for `fell from 17 seats to 12`, `45 minutes later` for `at
 * 07:15 instead of 06:30`), a multiple or relative change of such a pair (`halved` for `from
 * eight crossings to four`, `grew by a fifth` for `4,800, up from 4,000`), the share one is of
 * another (`half of the aircraft` for `four aircraft, two of them on loan`), a part a share gives
 * (`30 of the 60 berths` for `half of the 60 berths`) and the days between two dates of a
 * sentence (`two weeks` for `began on 3 March, ended on 17 March`). Such a figure is not in the
 * source as written, but it is not a mismatch either: number-mismatch leaves it alone; and when the
 * passage that holds the claim gives it (the evidence's own sentences), the verdict takes it as held.
 */
import { numberInKeys, sentenceFigures, type Figure } from "./figures";
import { isContent } from "../verify/words";

/** Minutes in each unit of time up to a week; months in a month and a year (days and months do not convert exactly). */
const MINUTES: Record<string, number> = { minute: 1, hour: 60, day: 1440, week: 10080 };
const MONTHS: Record<string, number> = { month: 1, year: 12 };

/** `a year`, `an hour`, `one week`: a duration of one, which is no figure by itself. */
const ONE_UNIT = /\b(?:a|an|one)\s+(minute|hour|day|week|month|year)\b/gi;

/** Words right before a figure that make it a change (`lost five seats`, `up 5`, `rose by 5`). */
const CHANGE_BEFORE = /\b(?:lost|loses|lose|gained|gains|gain|won|added|adds|shed|sheds|cut|cuts|dropped|drops|up|down|by|rose|risen|fell|fallen|increased|decreased|grew|grown|shrank|climbed|declined|jumped|slipped)\s+$/i;
/** Words right after a figure (and its unit) that make it a difference (`45 minutes later`, `five more`). */
const CHANGE_AFTER = /^\s+(?:[\p{L}-]+\s+)?(?:later|earlier|sooner|more|fewer|less|higher|lower|extra|additional)\b/iu;
/** Words between two figures of a source sentence that make them a from–to pair (`from 17 seats to 12`, `07:15 instead of 06:30`). */
const PAIRED = /\b(?:to|instead of|from|compared with|against|versus|vs)\b/i;
const paired = (text: string, a: Figure, b: Figure) => {
  const [x, y] = a.start < b.start ? [a, b] : [b, a];
  const between = text.slice(x.end, y.start);
  return between.length <= 40 && PAIRED.test(between);
};
/** A source sentence with more figures than this is not searched for pairs. */
const MAX_FIGURES_FOR_PAIRS = 40;

function duration(f: Figure): { scale: "minutes" | "months"; amount: number } | undefined {
  if (f.value === undefined || !f.unit) return undefined;
  if (MINUTES[f.unit] !== undefined) return { scale: "minutes", amount: f.value * MINUTES[f.unit] };
  if (MONTHS[f.unit] !== undefined) return { scale: "months", amount: f.value * MONTHS[f.unit] };
  return undefined;
}

/** A figure's value: its own, or the number its keys give (`four` written as a word in a source). */
const valueOf = (f: Figure): number | undefined => f.value ?? numberInKeys(f, true);

/** The first letters of the (up to) two content words after `end`: what a figure counts ("seats", "water-bombing aircraft"). */
function nounsAfter(text: string, end: number, words = 2): string[] {
  const out: string[] = [];
  const re = /[\p{L}][\p{L}'’-]*/gu;
  re.lastIndex = end;
  for (let m = re.exec(text); m && out.length < words; m = re.exec(text)) {
    const w = m[0].toLowerCase();
    if (w === "them" || w === "those" || w === "these") continue;
    if (!isContent(w)) {
      // Function words between a figure and its noun ("two of the ships") are passed over; after the noun, they end it.
      if (out.length) break;
      continue;
    }
    out.push(w.slice(0, 5));
  }
  return out;
}

/** Words before a figure that say the claim's change goes up, or down. */
const UP_WORDS = /\b(?:rose|risen|rise|rises|rising|grew|grown|grow|grows|increased|increase|increases|up|gained|gains|climbed|jumped|added|raised|raises|expanded|boosted|higher|more|extra)\b/i;
const DOWN_WORDS = /\b(?:fell|fallen|fall|falls|falling|dropped|drops|down|cut|cuts|lost|loses|shed|declined|decreased|decrease|shrank|shrunk|slipped|lower|fewer|less|reduced|reduces|slashed|halved)\b/i;

/** Whether the claim's change at its figure goes up (true), down (false), or it does not say (undefined). */
function directionOf(claim: string, f: Figure): boolean | undefined {
  const near = `${claim.slice(Math.max(0, f.start - 30), f.start)} ${claim.slice(f.end, f.end + 12)}`;
  const up = UP_WORDS.test(near);
  const down = DOWN_WORDS.test(near);
  return up === down ? undefined : up;
}

/**
 * The earlier and the later figure of a from–to pair, when the sentence says which: "from A to B",
 * "from A … to B"; "B, up from A", "B, from A a year earlier". Undefined for two figures side by
 * side ("sent 30 trucks to 60 villages": they count different things) or compared ("100 against 300").
 */
function fromTo(text: string, a: Figure, b: Figure): [Figure, Figure] | undefined {
  const [x, y] = a.start < b.start ? [a, b] : [b, a];
  const between = text.slice(x.end, y.start);
  if (between.length > 40) return undefined;
  // What each counts, when both say: the same thing ("30 trucks to 60 villages" count two things;
  // "from 14 vessels in 2023 to seven this year" one).
  const nx = countedNoun(text, x.end);
  const ny = countedNoun(text, y.end);
  if (nx !== undefined && ny !== undefined && nx !== ny) return undefined;
  if (/\bfrom\s+(?:\S+\s+)?$/i.test(text.slice(Math.max(0, x.start - 20), x.start)) && /\b(?:to|until)\b/i.test(between)) return [x, y];
  if (/\bfrom\b/i.test(between) && !/\bto\b/i.test(between)) return [y, x];
  return undefined;
}

/** Words after a figure that say when, not what it counts. */
const WHEN_WORDS = /^(?:year|years|month|months|week|weeks|day|days|earlier|later|ago|before|previously|january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|percent|cent)$/;

/** The noun right after a figure that says what it counts ("14 vessels"), if it is one (not "in 2023", "a year earlier"). */
function countedNoun(text: string, end: number): string | undefined {
  const m = /^\s+([\p{L}][\p{L}'’-]*)/u.exec(text.slice(end, end + 40));
  if (!m) return undefined;
  const w = m[1].toLowerCase();
  return !isContent(w) || WHEN_WORDS.test(w) ? undefined : w.slice(0, 5);
}

/** Where a clause of `text` breaks (the breaks splitClauses reads). */
const CLAUSE_BREAKS = /; |, (?:and|but|while|whereas|although|though|which|who) /g;

/** The clause of `text` that holds [start, end). */
function clauseAround(text: string, start: number, end: number): string {
  let from = 0;
  let to = text.length;
  CLAUSE_BREAKS.lastIndex = 0;
  for (let m = CLAUSE_BREAKS.exec(text); m; m = CLAUSE_BREAKS.exec(text)) {
    if (m.index + m[0].length <= start) from = m.index + m[0].length;
    else if (m.index >= end) {
      to = m.index;
      break;
    }
  }
  return text.slice(from, to);
}

/** The claim's counts right after its share, as "of the 2,400 workers" gives them. */
function claimWholes(claim: string, f: Figure): Figure[] {
  if (!/^\s+of\b/i.test(claim.slice(f.end))) return [];
  return sentenceFigures(claim).filter((c) => c.kind === "count" && c.value !== undefined && c.start >= f.end && c.start - f.end <= 30);
}

/** The content word before a figure (past "the", "its"…), lower case. */
function wordBefore(text: string, at: number): string | undefined {
  const words = text.slice(Math.max(0, at - 40), at).match(/[\p{L}][\p{L}'’-]*/gu) ?? [];
  for (let k = words.length - 1; k >= 0; k--) {
    const w = words[k].toLowerCase();
    if (isContent(w)) return w;
  }
  return undefined;
}
const sameWordBefore = (claim: string, at: number, text: string, at2: number) => {
  const a = wordBefore(claim, at);
  const b = wordBefore(text, at2);
  return a !== undefined && b !== undefined && a.slice(0, 4) === b.slice(0, 4);
};

/** Two dates of a sentence that bound one span: "from 3 March to 17 March", "began on 3 March … ended on 17 March". */
function spanOfDays(text: string, a: Figure, b: Figure): boolean {
  const [x, y] = a.start < b.start ? [a, b] : [b, a];
  const between = text.slice(x.end, y.start);
  if (/\b(?:from|between)\s+(?:\S+\s+)?$/i.test(text.slice(Math.max(0, x.start - 20), x.start)) && /\b(?:to|until|till|through|and)\b|[-–]/i.test(between)) return true;
  return /\b(?:began|begun|started|opened|started on|began on)\b/i.test(text.slice(Math.max(0, x.start - 40), x.start)) && /\b(?:ended|finished|closed|concluded|stopped)\b/i.test(between);
}

/** Whether a count `a` is a part of the count `b` by what it counts: "of them", or the same noun after both, or none after it. */
function partOf(text: string, a: Figure, b: Figure): boolean {
  if (/^\s+of\s+(?:them|those|these)\b/i.test(text.slice(a.end, a.end + 20))) return true;
  const na = nounsAfter(text, a.end, 1);
  const nb = nounsAfter(text, b.end, 1);
  return na.length === 0 || nb.length === 0 || na[0] === nb[0] || /^\s+of\s+(?:the|its|their)\s+\S+['’]s\s/i.test(text.slice(a.end, a.end + 40)) && nounsAfter(text, a.end, 2).includes(nb[0]);
}

/** Whether what follows a figure gives someone's age ("58-year-old", "three months old"). */
export const ageAfter = (text: string, f: Figure): boolean => /^[-‐\s](?:years?|months?|weeks?|days?)[-‐\s]old\b/i.test(text.slice(f.end, f.end + 14));

/** Words that say when or how much, not what: no evidence that a sentence is about the claim's figure. */
const GENERIC = new Set(["year", "years", "month", "months", "week", "weeks", "day", "days", "time", "times", "percent", "cent", "point", "points", "total", "rose", "fell", "grew", "risen", "fallen"]);

/**
 * What a change, a multiple or a rounded figure is of: the head of what follows it in its clause
 * ("halved its daily *crossings*", "halved taxi *fares*"), or, when nothing does, of what comes
 * before it ("regional *unemployment* rose by a quarter", "*turnout* was more than 60 percent"),
 * past the words of change and time. One word, by its first four letters.
 */
function wordsAround(claim: string, f: Figure): string[] {
  const words = (text: string) => (text.match(/[\p{L}][\p{L}'’-]*/gu) ?? []).map((w) => w.toLowerCase().replace(/['’]s$/, ""));
  const after = claim.slice(f.end).split(/[,;:]|\s(?:and|but|from|to|in|on|at|by|since|after|before|until|for|of|with|than)\s/i)[0];
  const object = words(after).filter((w) => isContent(w) && !GENERIC.has(w));
  if (object.length) return [object[object.length - 1].slice(0, 4)];
  const subject = words(claim.slice(0, f.start)).filter((w) => isContent(w) && !GENERIC.has(w) && !UP_WORDS.test(w) && !DOWN_WORDS.test(w) && !/^(?:was|were|is|are|has|have|had|been|by)$/.test(w));
  return subject.length ? [subject[subject.length - 1].slice(0, 4)] : [];
}

/** Whether a source sentence holds one of `words` (first four letters), i.e. speaks of the claim's thing. */
function sentenceSays(text: string, words: readonly string[]): boolean {
  if (!words.length) return false;
  const own = new Set((text.match(/[\p{L}][\p{L}'’-]*/gu) ?? []).map((w) => w.toLowerCase().slice(0, 4)));
  return words.some((w) => own.has(w));
}

/** Whether the source's figure counts what the claim's does: a word after it is among the claim's after its figure. */
const sameThing = (claimNouns: readonly string[], text: string, g: Figure) => {
  let nouns = nounsMemo.get(g);
  if (!nouns) nounsMemo.set(g, (nouns = nounsAfter(text, g.end)));
  return nouns.some((w) => w.length >= 3 && claimNouns.includes(w));
};
/** "of them", "of those": the figure counts what the sentence named before, or what follows the pronoun. */
const REFERS_BACK = /^\s+of\s+(?:them|those|these)\b/i;

/**
 * Whether a source figure that counts "them" or "those" counts the claim's thing: "4.3 million
 * passengers … about 38 percent of them" the claim's "two in five of the passengers"; "71 percent of
 * those who voted" the claim's "seven in ten nurses who voted" (a word after the pronoun is among
 * the claim's words after its figure).
 */
function referredThing(claimNouns: readonly string[], claimAfter: readonly string[], text: string, g: Figure): boolean {
  if (!REFERS_BACK.test(text.slice(g.end, g.end + 16))) return false;
  const before = new Set((text.slice(0, g.start).match(/[\p{L}][\p{L}'’-]*/gu) ?? []).map((w) => w.toLowerCase().slice(0, 5)));
  if (claimNouns.some((w) => w.length >= 3 && before.has(w))) return true;
  return nounsAfter(text, g.end, 2).some((w) => w.length >= 3 && claimAfter.includes(w));
}

/** The content words (first five letters) of the claim's next few words after its figure. */
function wordsAfter(claim: string, f: Figure): string[] {
  return (claim.slice(f.end, f.end + 50).match(/[\p{L}][\p{L}'’-]*/gu) ?? []).slice(0, 5).map((w) => w.toLowerCase()).filter(isContent).map((w) => w.slice(0, 5));
}

/** A source figure's nouns, read once (the figures of a source's sentences are themselves remembered). */
const nounsMemo = new WeakMap<Figure, string[]>();

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/**
 * Words before a figure that round or bound it, and the share of it a source figure may be. Not
 * `up to`: a maximum is quoted as the source gives it (`gusts of up to 148 km/h`).
 */
type BoundKind = "over" | "atLeast" | "almost" | "under" | "about";
const BOUNDS: Array<{ kind: BoundKind; re: RegExp; low: number; high: number; lowPoints: number; highPoints: number; open: boolean }> = [
  { kind: "over", re: /\b(?:more than|over|upwards of|in excess of)\s+$/i, low: 1, high: 1.5, lowPoints: 0, highPoints: 10, open: true },
  { kind: "atLeast", re: /\b(?:at least|a minimum of)\s+$/i, low: 1, high: 1.5, lowPoints: 0, highPoints: 10, open: false },
  { kind: "almost", re: /\b(?:almost|nearly|just under|not quite)\s+$/i, low: 0.9, high: 1, lowPoints: -3, highPoints: 0, open: true },
  { kind: "under", re: /\b(?:fewer than|less than|under|below)\s+$/i, low: 0.67, high: 1, lowPoints: -10, highPoints: 0, open: true },
  { kind: "about", re: /\b(?:about|around|roughly|some|approximately|an estimated|estimated|close to)\s+$/i, low: 0.9, high: 1.1, lowPoints: -3, highPoints: 3, open: false },
];

/**
 * The same bands, narrower, for "confirmed": `more than 600` holds 601 to 750, `fewer than 900` 720
 * to 899, `about 600` 570 to 630 (a wider band only keeps number-mismatch quiet; a person checks it).
 */
const STRICT_BOUNDS: typeof BOUNDS = [
  { ...BOUNDS[0], low: 1, high: 1.25, lowPoints: 0, highPoints: 5, open: true },
  { ...BOUNDS[1], low: 1, high: 1.25, lowPoints: 0, highPoints: 5, open: false },
  { ...BOUNDS[2], low: 0.9, high: 1, lowPoints: -3, highPoints: 0, open: true },
  { ...BOUNDS[3], low: 0.8, high: 1, lowPoints: -5, highPoints: 0, open: true },
  { ...BOUNDS[4], low: 0.95, high: 1.05, lowPoints: -2, highPoints: 2, open: false },
];

/**
 * The values a source figure may have for the claim's figure `f`, as the claim words it: a band
 * by the word before it (`more than 600`: above 600 up to 900; `almost half`: 47 to 50 percent;
 * `about 600`: 540 to 660), or a share's rounding to a whole percent (`one in six` is 16.2 to
 * 17.2 percent). Shares are compared as percentages, their bands in points.
 */
function bandOf(f: Figure, claim: string, strict = false): Band | undefined {
  if (f.value === undefined || !(f.kind === "count" || f.kind === "amount" || f.kind === "percent" || f.kind === "share")) return undefined;
  const v = f.kind === "share" ? f.value * 100 : f.value;
  if (v <= 0) return undefined;
  const before = claim.slice(Math.max(0, f.start - 30), f.start);
  const percent = f.kind === "share" || f.kind === "percent";
  for (const b of strict ? STRICT_BOUNDS : BOUNDS) {
    if (!b.re.test(before)) continue;
    if (strict && !percent) {
      const r = roundedBand(v, b);
      if (r) return r;
    }
    // "more than 600" is not 600 itself, nor is "almost half" half; "at least 600" and "about 600"
    // may be. Percentages by points: "almost a fifth" is 17 to 20 percent.
    return {
      low: percent ? v + b.lowPoints : v * b.low,
      high: percent ? v + b.highPoints : v * b.high,
      lowOpen: b.open && b.low === 1,
      highOpen: b.open && b.high === 1,
    };
  }
  return f.kind === "share" ? { low: v - 0.5, high: v + 0.5, lowOpen: false, highOpen: false } : undefined;
}

/**
 * The unit a writer rounds a whole number to: the largest of 1, 5, 10, 50, 100… that divides it
 * and is at most a third of it (`15`: 5; `50`: 10; `600`: 100; `12`: 1).
 */
function roundingUnit(x: number): number {
  let best = 1;
  for (let u = 1; u <= x / 3; u *= 10) {
    if (x % u === 0) best = u;
    if (5 * u <= x / 3 && x % (5 * u) === 0) best = 5 * u;
  }
  return best;
}

/**
 * For "confirmed", a count or amount the claim rounds or bounds holds the source's figures it is a
 * rounding of, at the claim's own unit: `about 15` for 14 (to the nearest 5), `roughly 50` for 46,
 * `more than 30` for 38 (rounded down), `fewer than 900` for 880 (rounded up); never further than a
 * tenth (`about`, `almost`), a fifth (`fewer than`) or three tenths (`more than`) of it.
 */
function roundedBand(x: number, b: (typeof BOUNDS)[number]): Band | undefined {
  if (!Number.isInteger(x) || x < 10) return undefined;
  const unit = roundingUnit(x);
  if (unit === 1) return undefined;
  const within = (d: number, share: number) => Math.min(d, share * x);
  switch (b.kind) {
    case "over":
      return { low: x, high: x + within(unit, 0.3), lowOpen: true, highOpen: true };
    case "atLeast":
      return { low: x, high: x + within(unit, 0.3), lowOpen: false, highOpen: true };
    case "almost":
      return { low: x - within(unit / 2, 0.1), high: x, lowOpen: false, highOpen: true };
    case "under":
      return { low: x - within(unit, 0.2), high: x, lowOpen: true, highOpen: true };
    case "about":
      return { low: x - within(unit / 2, 0.1), high: x + within(unit / 2, 0.1), lowOpen: false, highOpen: false };
  }
}

interface Band {
  low: number;
  high: number;
  lowOpen: boolean;
  highOpen: boolean;
}
const inBand = (x: number, b: Band) => (b.lowOpen ? x > b.low : x >= b.low) && (b.highOpen ? x < b.high : x <= b.high);

/** A source figure's value in the claim figure's terms (a percentage for a share), when the two count alike. */
function comparable(f: Figure, g: Figure): number | undefined {
  const v = valueOf(g);
  if (v === undefined) return undefined;
  if (f.kind === "share" || f.kind === "percent") return g.kind === "percent" ? v : g.kind === "share" && g.value !== undefined ? g.value * 100 : undefined;
  if (f.kind === "amount") return g.kind === "amount" && currencyOf(g) === currencyOf(f) ? v : undefined;
  return g.kind === "count" ? v : undefined;
}

const currencyOf = (f: Figure) => f.keys.find((k) => k.startsWith("amount:"))?.split(":")[1];

/**
 * A date's day, counted from an epoch, when the figure is a day of a month (`3 March`, `2024-03-17`;
 * the year, when it gives none, is one without a leap day: the dates of one sentence compare).
 */
function dayNumber(f: Figure): { at: Figure; day: number } | undefined {
  if (f.kind !== "date" || f.value === undefined) return undefined;
  const year = Math.floor(f.value / 10000);
  const month = Math.floor(f.value / 100) % 100;
  const day = f.value % 100;
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  return { at: f, day: Date.UTC(year || 2001, month - 1, day) / 86_400_000 };
}

/** Minutes after midnight of a time of day held as HHMM. */
const minutesOf = (hhmm: number) => Math.floor(hhmm / 100) * 60 + (hhmm % 100);

/**
 * Whether the claim's figure `f` (in `claim`) can be worked out from one of `sentences` (each a
 * source sentence's text and its figures, read only when `f` could be worked out at all): the
 * same duration in other units, the difference of a from–to pair of its figures when the claim
 * words its figure as a change, the share one of its counts is of another, or a figure in the band
 * the claim's rounding or bound gives.
 */
export function derivedFrom(f: Figure, claim: string, sentences: () => Iterable<{ text: string; figures: readonly Figure[] }>, strict = false): boolean {
  const d = duration(f);
  // A change the claim attaches to the figure itself: "lost five seats", "up 5", "45 minutes later", "five more".
  const change = CHANGE_BEFORE.test(claim.slice(Math.max(0, f.start - 24), f.start)) || CHANGE_AFTER.test(claim.slice(f.end, f.end + 40));
  const band = bandOf(f, claim, strict);
  // A count may be a share of another ("30 of the 60 berths" for "half of the 60 berths").
  const part = f.kind === "count" && f.value !== undefined;
  // Nothing to work it out from: not a duration, not worded as a change, not a share, a multiple or a part, not rounded.
  if (!d && !(change && f.value !== undefined) && f.kind !== "share" && f.kind !== "times" && !part && !band) return false;
  const claimNouns = nounsAfter(claim, f.end, 5);
  let wholes: Figure[] | undefined;
  let aboutWords: string[] | undefined;
  let claimAfter: string[] | undefined;
  for (const s of sentences()) {
    // A figure the claim rounds or bounds ("more than 600 workers" for 640, "almost half" for 48
    // percent, "one in six" for 17 percent), of the same thing.
    if (band) {
      for (const g of s.figures) {
        const v = comparable(f, g);
        if (v === undefined || !inBand(v, band)) continue;
        // Of the same thing: the noun after it, or (when the claim's figure has none) a word next to
        // the claim's figure in the clause of the source's ("turnout was 58 percent", not "65 percent of voters").
        if (referredThing(claimNouns, (claimAfter ??= wordsAfter(claim, f)), s.text, g)) return true;
        if (claimNouns.length ? sameThing(claimNouns, s.text, g) : sentenceSays(clauseAround(s.text, g.start, g.end), (aboutWords ??= wordsAround(claim, f)))) return true;
      }
    }
    if (d) {
      for (const g of s.figures) {
        const e = duration(g);
        // An age ("the 58-year-old mayor") is no length of time the claim can give in other words.
        if (e && e.scale === d.scale && close(e.amount, d.amount) && !ageAfter(s.text, g)) return true;
      }
      ONE_UNIT.lastIndex = 0;
      for (let m = ONE_UNIT.exec(s.text); m; m = ONE_UNIT.exec(s.text)) {
        const unit = m[1].toLowerCase();
        const amount = MINUTES[unit] ?? MONTHS[unit];
        const scale = MINUTES[unit] !== undefined ? "minutes" : "months";
        if (scale === d.scale && close(amount, d.amount)) return true;
      }
    }
    // Pairs are read in a sentence of a few figures only (a table's row of hundreds says nothing here, and would take their square).
    const counts = s.figures.length > MAX_FIGURES_FOR_PAIRS ? [] : s.figures.filter((g) => valueOf(g) !== undefined && (g.kind === "count" || g.kind === "amount" || g.kind === "percent"));
    // The change between two figures of the sentence, one of them counting what the claim's counts.
    if (change && f.value !== undefined && (f.kind === "count" || f.kind === "amount" || f.kind === "percent")) {
      for (let i = 0; i < counts.length; i++) {
        for (let j = i + 1; j < counts.length; j++) {
          if (counts[i].kind !== counts[j].kind || !paired(s.text, counts[i], counts[j])) continue;
          if (!sameThing(claimNouns, s.text, counts[i]) && !sameThing(claimNouns, s.text, counts[j])) continue;
          // In the direction the claim gives, where the claim and the sentence both say it ("lost five seats" for "from 17 to 12", not "gained").
          const order = fromTo(s.text, counts[i], counts[j]);
          const up = directionOf(claim, f);
          if (order && up !== undefined && valueOf(order[1])! > valueOf(order[0])! !== up) continue;
          if (close(Math.abs(valueOf(counts[i])! - valueOf(counts[j])!), f.value)) return true;
        }
      }
    }
    // A relative change of a from–to pair ("fell by a third" for "to 6 percent, from 9 percent";
    // "rose 20 percent" for "4,800, up from 4,000"), or a multiple of one ("halved" for "from eight
    // crossings a day to four"), in the direction the claim gives: of the same thing (the nouns after
    // the two figures agree), in a clause that holds a word next to the claim's figure.
    const relative = (change && (f.kind === "share" || f.kind === "percent")) || f.kind === "times";
    if (relative && f.value !== undefined) {
      const up = f.kind === "times" ? f.value > 1 : directionOf(claim, f);
      const want = f.kind === "share" ? f.value * 100 : f.value;
      // A share is held to three places, a whole percentage is rounded: within half a point; a multiple within 2 %.
      const near = (x: number) => (f.kind === "times" ? Math.abs(x - want) <= 0.02 * want : Math.abs(x - want) <= (Number.isInteger(want) || f.kind === "share" ? 0.5 : 0.05));
      for (let i = 0; i < counts.length && up !== undefined; i++) {
        for (let j = i + 1; j < counts.length; j++) {
          const pair = fromTo(s.text, counts[i], counts[j]);
          if (!pair || pair[0].kind !== pair[1].kind) continue;
          const [earlier, later] = pair;
          if (!sentenceSays(clauseAround(s.text, Math.min(earlier.start, later.start), Math.max(earlier.end, later.end)), (aboutWords ??= wordsAround(claim, f)))) continue;
          const from = valueOf(earlier)!;
          const to = valueOf(later)!;
          if (!(from > 0) || !(to > 0) || to === from || to > from !== up) continue;
          if (f.kind === "times" ? near(to / from) : near((Math.abs(to - from) / from) * 100)) return true;
        }
      }
    }
    // A part of a count the sentence gives a share of ("30 of the 60 berths" for "half of the 60
    // berths", "200 jobs" for "10 percent of its 2,000 jobs").
    if (part) {
      for (const p of s.figures) {
        const share = p.kind === "share" ? p.value : p.kind === "percent" ? (p.value ?? numberInKeys(p, true) ?? NaN) / 100 : undefined;
        if (share === undefined || !Number.isFinite(share)) continue;
        for (const c of counts) {
          // The share is of this count ("half of the 60 berths", "10 percent of its 2,000 jobs"), and the
          // claim gives the same whole ("30 of the 60 berths") or the same verb before its part ("cut 200 jobs").
          if (c.kind !== "count" || c.start < p.end || !/^\s+of\s+(?:(?:the|its|their|all)\s+)?$/i.test(s.text.slice(p.end, c.start))) continue;
          if (!sameThing(claimNouns, s.text, c)) continue;
          const whole = valueOf(c)!;
          const sameWhole = (wholes ??= claimWholes(claim, f)).some((w) => close(w.value!, whole));
          if (!sameWhole && !sameWordBefore(claim, f.start, s.text, p.start)) continue;
          if (Math.abs(share * whole - f.value!) <= Math.max(0.5, 0.005 * f.value!)) return true;
        }
      }
    }
    // Days between two dates of the sentence ("ran for two weeks" for "began on 3 March, ended on 17 March"), counted either way.
    if (d && d.scale === "minutes" && d.amount >= MINUTES.day && s.figures.length <= MAX_FIGURES_FOR_PAIRS) {
      const days = s.figures.map(dayNumber).filter((n): n is { at: Figure; day: number } => n !== undefined);
      for (let i = 0; i < days.length; i++) {
        for (let j = i + 1; j < days.length; j++) {
          if (Math.abs(days[j].at.start - days[i].at.end) > 80 || !spanOfDays(s.text, days[i].at, days[j].at)) continue;
          const between = Math.abs(days[j].day - days[i].day);
          if (close(between * MINUTES.day, d.amount) || close((between + 1) * MINUTES.day, d.amount)) return true;
        }
      }
    }
    // A time between two times of the sentence ("45 minutes later", "two hours earlier").
    if (change && d && d.scale === "minutes" && s.figures.length <= MAX_FIGURES_FOR_PAIRS) {
      const times = s.figures.filter((g) => g.kind === "time" && g.value !== undefined);
      for (let i = 0; i < times.length; i++) {
        for (let j = i + 1; j < times.length; j++) if (paired(s.text, times[i], times[j]) && close(Math.abs(minutesOf(times[i].value!) - minutesOf(times[j].value!)), d.amount)) return true;
      }
    }
    // The share of a whole the claim counts itself ("three quarters of the yard's 2,400 workers"),
    // which the source gives as a part of it ("1,800 of the yard's workers").
    if (f.kind === "share" && f.value !== undefined) {
      for (const c of (wholes ??= claimWholes(claim, f))) {
        const want = f.value * c.value!;
        // What the whole counts ("2,400 workers") is what the source's part counts ("1,800 of the yard's workers").
        const counted = nounsAfter(claim, c.end, 1);
        for (const g of counts) if (g.kind === "count" && Math.abs(valueOf(g)! - want) <= Math.max(0.5, 0.005 * want) && counted.length > 0 && sameThing(counted, s.text, g)) return true;
      }
    }
    // The share a part is of a whole the sentence counts ("four aircraft, two of them"); not where
    // the sentence gives a share of its own (it would say which).
    if (f.kind === "share" && f.value !== undefined && !s.figures.some((g) => g.kind === "share" || g.kind === "percent")) {
      for (const a of counts) {
        for (const b of counts) {
          const va = valueOf(a);
          const vb = valueOf(b);
          if (a === b || a.kind !== "count" || b.kind !== "count" || !vb || va === undefined || !sameThing(claimNouns, s.text, b)) continue;
          // The part counts what the whole does ("two of them", "1,800 of the workers"), not another thing ("1,200 of its workers" of "2,400 engineers").
          if (!partOf(s.text, a, b)) continue;
          // Shares are held to three places (a third = 0.333).
          if (va < vb && Math.abs(va / vb - f.value) < 0.0015) return true;
        }
      }
    }
  }
  return false;
}
