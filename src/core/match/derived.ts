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

/** Words that say when or how much, not what: no evidence that a sentence is about the claim's figure. */
const GENERIC = new Set(["year", "years", "month", "months", "week", "weeks", "day", "days", "time", "times", "percent", "cent", "point", "points", "total", "rose", "fell", "grew", "risen", "fallen"]);

/**
 * What a change or a multiple is of: the claim's content words next to its figure (three before it,
 * "regional unemployment rose by half"; two after it, "halved its crossings"), their first five
 * letters; not words of time or amount.
 */
function wordsAround(claim: string, f: Figure): string[] {
  const words = (text: string) => (text.match(/[\p{L}][\p{L}'’-]*/gu) ?? []).map((w) => w.toLowerCase()).filter((w) => isContent(w) && !GENERIC.has(w));
  return [...words(claim.slice(0, f.start)).slice(-3), ...words(claim.slice(f.end)).slice(0, 2)].map((w) => w.slice(0, 5));
}

/** Whether a source sentence holds one of `words` (first five letters), i.e. speaks of the claim's thing. */
function sentenceSays(text: string, words: readonly string[]): boolean {
  if (!words.length) return false;
  const own = new Set((text.match(/[\p{L}][\p{L}'’-]*/gu) ?? []).map((w) => w.toLowerCase().slice(0, 5)));
  return words.some((w) => own.has(w));
}

/** Whether the source's figure counts what the claim's does: a word after it is among the claim's after its figure. */
const sameThing = (claimNouns: readonly string[], text: string, g: Figure) => {
  let nouns = nounsMemo.get(g);
  if (!nouns) nounsMemo.set(g, (nouns = nounsAfter(text, g.end)));
  return nouns.some((w) => w.length >= 3 && claimNouns.includes(w));
};
/** A source figure's nouns, read once (the figures of a source's sentences are themselves remembered). */
const nounsMemo = new WeakMap<Figure, string[]>();

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/**
 * Words before a figure that round or bound it, and the share of it a source figure may be. Not
 * `up to`: a maximum is quoted as the source gives it (`gusts of up to 148 km/h`).
 */
const BOUNDS: Array<{ re: RegExp; low: number; high: number; lowPoints: number; highPoints: number; open: boolean }> = [
  { re: /\b(?:more than|over|upwards of|in excess of)\s+$/i, low: 1, high: 1.5, lowPoints: 0, highPoints: 10, open: true },
  { re: /\b(?:at least|a minimum of)\s+$/i, low: 1, high: 1.5, lowPoints: 0, highPoints: 10, open: false },
  { re: /\b(?:almost|nearly|just under|not quite)\s+$/i, low: 0.9, high: 1, lowPoints: -3, highPoints: 0, open: true },
  { re: /\b(?:fewer than|less than|under|below)\s+$/i, low: 0.67, high: 1, lowPoints: -10, highPoints: 0, open: true },
  { re: /\b(?:about|around|roughly|some|approximately|an estimated|estimated|close to)\s+$/i, low: 0.9, high: 1.1, lowPoints: -3, highPoints: 3, open: false },
];

/**
 * The values a source figure may have for the claim's figure `f`, as the claim words it: a band
 * by the word before it (`more than 600`: above 600 up to 900; `almost half`: 47 to 50 percent;
 * `about 600`: 540 to 660), or a share's rounding to a whole percent (`one in six` is 16.2 to
 * 17.2 percent). Shares are compared as percentages, their bands in points.
 */
function bandOf(f: Figure, claim: string): Band | undefined {
  if (f.value === undefined || !(f.kind === "count" || f.kind === "amount" || f.kind === "percent" || f.kind === "share")) return undefined;
  const v = f.kind === "share" ? f.value * 100 : f.value;
  if (v <= 0) return undefined;
  const before = claim.slice(Math.max(0, f.start - 30), f.start);
  const percent = f.kind === "share" || f.kind === "percent";
  for (const b of BOUNDS) {
    if (!b.re.test(before)) continue;
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
export function derivedFrom(f: Figure, claim: string, sentences: () => Iterable<{ text: string; figures: readonly Figure[] }>): boolean {
  const d = duration(f);
  // A change the claim attaches to the figure itself: "lost five seats", "up 5", "45 minutes later", "five more".
  const change = CHANGE_BEFORE.test(claim.slice(Math.max(0, f.start - 24), f.start)) || CHANGE_AFTER.test(claim.slice(f.end, f.end + 40));
  const band = bandOf(f, claim);
  // A count may be a share of another ("30 of the 60 berths" for "half of the 60 berths").
  const part = f.kind === "count" && f.value !== undefined;
  // Nothing to work it out from: not a duration, not worded as a change, not a share, a multiple or a part, not rounded.
  if (!d && !(change && f.value !== undefined) && f.kind !== "share" && f.kind !== "times" && !part && !band) return false;
  const claimNouns = nounsAfter(claim, f.end, 5);
  let wholes: Figure[] | undefined;
  let aboutWords: string[] | undefined;
  for (const s of sentences()) {
    // A figure the claim rounds or bounds ("more than 600 workers" for 640, "almost half" for 48
    // percent, "one in six" for 17 percent), of the same thing.
    if (band) {
      for (const g of s.figures) {
        const v = comparable(f, g);
        if (v !== undefined && inBand(v, band) && (claimNouns.length === 0 || sameThing(claimNouns, s.text, g))) return true;
      }
    }
    if (d) {
      for (const g of s.figures) {
        const e = duration(g);
        if (e && e.scale === d.scale && close(e.amount, d.amount)) return true;
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
          if (close(Math.abs(valueOf(counts[i])! - valueOf(counts[j])!), f.value)) return true;
        }
      }
    }
    // A relative change of a from–to pair ("fell by a third" for "to 6 percent, from 9 percent";
    // "rose 20 percent" for "4,800, up from 4,000"), or a multiple of one ("halved" for "from eight
    // crossings a day to four"): counts or amounts of what the claim counts, or percentages.
    const relative = (change && (f.kind === "share" || f.kind === "percent")) || f.kind === "times";
    let about: boolean | undefined;
    if (relative && f.value !== undefined) {
      const want = f.kind === "share" ? f.value * 100 : f.value;
      // A share is held to three places, a whole percentage is rounded: within half a point; a multiple within 2 %.
      const near = (x: number) => (f.kind === "times" ? Math.abs(x - want) <= 0.02 * want : Math.abs(x - want) <= (Number.isInteger(want) || f.kind === "share" ? 0.5 : 0.05));
      for (let i = 0; i < counts.length && about !== false; i++) {
        for (let j = i + 1; j < counts.length; j++) {
          const [a, b] = [counts[i], counts[j]];
          if (a.kind !== b.kind || !paired(s.text, a, b)) continue;
          // Whether the sentence speaks of the claim's thing: asked once per sentence.
          if (about === undefined) about = sentenceSays(s.text, (aboutWords ??= wordsAround(claim, f)));
          if (!about) break;
          const va = valueOf(a)!;
          const vb = valueOf(b)!;
          if (!(va > 0) || !(vb > 0)) continue;
          // Either may be the earlier ("from 9 to 6", "6, from 9").
          if (f.kind === "times" ? near(vb / va) || near(va / vb) : near((Math.abs(vb - va) / va) * 100) || near((Math.abs(vb - va) / vb) * 100)) return true;
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
          if (c.kind !== "count" || !sameThing(claimNouns, s.text, c)) continue;
          const product = share * valueOf(c)!;
          if (Math.abs(product - f.value!) <= Math.max(0.5, 0.005 * f.value!)) return true;
        }
      }
    }
    // Days between two dates of the sentence ("ran for two weeks" for "began on 3 March, ended on 17 March"), counted either way.
    if (d && d.scale === "minutes" && d.amount >= MINUTES.day && s.figures.length <= MAX_FIGURES_FOR_PAIRS) {
      const days = s.figures.map(dayNumber).filter((n): n is { at: Figure; day: number } => n !== undefined);
      for (let i = 0; i < days.length; i++) {
        for (let j = i + 1; j < days.length; j++) {
          if (Math.abs(days[j].at.start - days[i].at.end) > 80) continue;
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
      if (!wholes) wholes = sentenceFigures(claim).filter((c) => c.kind === "count" && c.value !== undefined && c.start >= f.end && c.start - f.end <= 30 && /^\s+of\b/i.test(claim.slice(f.end)));
      for (const c of wholes) {
        const want = f.value * c.value!;
        for (const g of counts) if (g.kind === "count" && Math.abs(valueOf(g)! - want) <= Math.max(0.5, 0.005 * want) && sameThing(claimNouns, s.text, g)) return true;
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
          // Shares are held to three places (a third = 0.333).
          if (va < vb && Math.abs(va / vb - f.value) < 0.0015) return true;
        }
      }
    }
  }
  return false;
}
