/**
 * Figures a claim works out from its source rather than copies: a duration in other units (`two
 * weeks` for `14 days`, `twelve months` for `a year`), the change between two figures of one
 * source sentence (`lost five seats` for `fell from 17 seats to 12`, `45 minutes later` for `at
 * 07:15 instead of 06:30`) and the share one is of another (`half of the aircraft` for `four
 * aircraft, two of them on loan`). Such a figure is not in the source as written, but it is not
 * a mismatch either: number-mismatch leaves it alone, and the claim stays unverified (a person
 * checks the sum), never confirmed.
 */
import { numberInKeys, type Figure } from "./figures";
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
  // Nothing to work it out from: not a duration, not worded as a change, not a share, not rounded.
  if (!d && !(change && f.value !== undefined) && f.kind !== "share" && !band) return false;
  const claimNouns = nounsAfter(claim, f.end, 5);
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
    // A time between two times of the sentence ("45 minutes later", "two hours earlier").
    if (change && d && d.scale === "minutes" && s.figures.length <= MAX_FIGURES_FOR_PAIRS) {
      const times = s.figures.filter((g) => g.kind === "time" && g.value !== undefined);
      for (let i = 0; i < times.length; i++) {
        for (let j = i + 1; j < times.length; j++) if (paired(s.text, times[i], times[j]) && close(Math.abs(minutesOf(times[i].value!) - minutesOf(times[j].value!)), d.amount)) return true;
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
