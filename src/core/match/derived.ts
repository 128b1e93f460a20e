/**
 * Figures a claim works out from its source rather than copies: a duration in other units (`two
 * weeks` for `14 days`, `twelve months` for `a year`), the change between two figures of one
 * source sentence (`lost five seats` for `fell from 17 seats to 12`, `45 minutes later` for `at
 * 07:15 instead of 06:30`) and the share one is of another (`half of the aircraft` for `four
 * aircraft, two of them on loan`). Such a figure is not in the source as written, but it is not
 * a mismatch either: number-mismatch leaves it alone, and the claim stays unverified (a person
 * checks the sum), never confirmed.
 */
import type { Figure } from "./figures";
import { isContent } from "../verify/words";

/** Minutes in each unit of time up to a week; months in a month and a year (days and months do not convert exactly). */
const MINUTES: Record<string, number> = { minute: 1, hour: 60, day: 1440, week: 10080 };
const MONTHS: Record<string, number> = { month: 1, year: 12 };

/** `a year`, `an hour`, `one week`: a duration of one, which is no figure by itself. */
const ONE_UNIT = /\b(?:a|an|one)\s+(minute|hour|day|week|month|year)\b/gi;

/** Words that say a figure is a change or a difference (`five fewer`, `lost five`, `45 minutes later`). */
const CHANGE = /\b(?:later|earlier|sooner|more|fewer|less|lost|loses|lose|losing|gained|gains|gain|gaining|won|up|down|rose|rise|rises|risen|fell|fall|falls|fallen|increased?|decreased?|increases|decreases|higher|lower|cut|cuts|added|adds|dropped|drops|shed|sheds|grew|grown|shrank|shrunk|climbed|declined|jumped|slipped|extra|additional|short|behind|ahead|difference|gap|margin)\b/i;
/** Words either side of the figure in which a change word is looked for. */
const NEAR = 40;

function duration(f: Figure): { scale: "minutes" | "months"; amount: number } | undefined {
  if (f.value === undefined || !f.unit) return undefined;
  if (MINUTES[f.unit] !== undefined) return { scale: "minutes", amount: f.value * MINUTES[f.unit] };
  if (MONTHS[f.unit] !== undefined) return { scale: "months", amount: f.value * MONTHS[f.unit] };
  return undefined;
}

/** A figure's value: its own, or the number its key gives (`four` written as a word in a source). */
function valueOf(f: Figure): number | undefined {
  if (f.value !== undefined) return f.value;
  // A number word of a source is held as a part ("part:num:4").
  const key = f.keys.map((k) => (k.startsWith("part:") ? k.slice(5) : k)).find((k) => k.startsWith("num:") || k.startsWith("percent:"));
  const v = key ? Number(key.slice(key.indexOf(":") + 1)) : NaN;
  return Number.isFinite(v) ? v : undefined;
}

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
const sameThing = (claimNouns: readonly string[], text: string, g: Figure) => nounsAfter(text, g.end).some((w) => w.length >= 3 && claimNouns.includes(w));

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/** Minutes after midnight of a time of day held as HHMM. */
const minutesOf = (hhmm: number) => Math.floor(hhmm / 100) * 60 + (hhmm % 100);

/**
 * Whether the claim's figure `f` (in `claim`) can be worked out from one of `sentences` (each a
 * source sentence's text and its figures, read only when `f` could be worked out at all): the same duration in other units, the difference of
 * two of its figures when the claim words it as a change, or the share one of its counts is of
 * another.
 */
export function derivedFrom(f: Figure, claim: string, sentences: () => Iterable<{ text: string; figures: readonly Figure[] }>): boolean {
  const d = duration(f);
  const near = claim.slice(Math.max(0, f.start - NEAR), f.end + NEAR);
  const change = CHANGE.test(near);
  // Nothing to work it out from: not a duration, not worded as a change, not a share.
  if (!d && !(change && f.value !== undefined) && f.kind !== "share") return false;
  const claimNouns = nounsAfter(claim, f.end, 5);
  for (const s of sentences()) {
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
    const counts = s.figures.filter((g) => valueOf(g) !== undefined && (g.kind === "count" || g.kind === "amount" || g.kind === "percent"));
    // The change between two figures of the sentence, one of them counting what the claim's counts.
    if (change && f.value !== undefined && (f.kind === "count" || f.kind === "amount" || f.kind === "percent")) {
      for (let i = 0; i < counts.length; i++) {
        for (let j = i + 1; j < counts.length; j++) {
          if (counts[i].kind !== counts[j].kind) continue;
          if (!sameThing(claimNouns, s.text, counts[i]) && !sameThing(claimNouns, s.text, counts[j])) continue;
          if (close(Math.abs(valueOf(counts[i])! - valueOf(counts[j])!), f.value)) return true;
        }
      }
    }
    // A time between two times of the sentence ("45 minutes later", "two hours earlier").
    if (change && d && d.scale === "minutes") {
      const times = s.figures.filter((g) => g.kind === "time" && g.value !== undefined).map((g) => minutesOf(g.value!));
      for (let i = 0; i < times.length; i++) for (let j = i + 1; j < times.length; j++) if (close(Math.abs(times[i] - times[j]), d.amount)) return true;
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
