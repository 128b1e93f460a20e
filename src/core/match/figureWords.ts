/**
 * Figures as analysts write them in words, beside the digits `figures.ts` reads:
 * - proportions: `half`, `a third`, `two-thirds`, `a quarter`, `three in five`, `one out of
 *   four`: keys `share:0.5` (and `percent:50` when the share is a whole percentage, so that
 *   `half` = `50 percent`); a source's `1,200 of 2,400` is the share it states;
 * - multipliers: `doubled`, `tripled`/`trebled`, `quadrupled`, `halved`, `cut by half` (and `rose by half`, 1.5), `tenfold`,
 *   `twice`, `three times`: keys `times:2`…; a source's `from 40 to 80` states `times:2`;
 * - times of day: `six in the evening`, `6 p.m.`, `18:00`, `at noon`: keys `time:18:00` and the
 *   part of day (`part:period:evening`); `in the morning`, `on the evening of` are a part of day
 *   (`period:morning`), so `evening` where the source says `morning` is a different figure.
 * One pass of one regular expression each, linear in the text.
 */
import type { Figure } from "./figures";

const SMALL: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, a: 1, an: 1 };
const PARTS: Record<string, number> = { half: 2, halves: 2, third: 3, thirds: 3, quarter: 4, quarters: 4, fourth: 4, fourths: 4, fifth: 5, fifths: 5, sixth: 6, sixths: 6, tenth: 10, tenths: 10 };
const MULT: Record<string, number> = { doubled: 2, doubling: 2, doubles: 2, double: 2, triple: 3, tripled: 3, tripling: 3, triples: 3, trebled: 3, quadrupled: 4, halved: 0.5, halving: 0.5, halves: 0.5 };
const FOLD: Record<string, number> = { twofold: 2, threefold: 3, fourfold: 4, fivefold: 5, tenfold: 10, hundredfold: 100 };

const NUMBER_WORD = "(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a|an|\\d{1,3})";
const SHARE = new RegExp(
  String.raw`\b(?:(?<num>${NUMBER_WORD})[\s-]+(?<part>halves|half|thirds?|quarters?|fourths?|fifths?|sixths?|tenths?)\b|(?<!\b(?:first|second|the|latter|former|other|and\s+a)\s+)(?<half>half)\s+(?:of|its|their|all|the)\b|(?<x>${NUMBER_WORD})\s+(?:in|out\s+of)\s+(?<y>${NUMBER_WORD})\b(?!\s*(?:days?|weeks?|months?|years?|hours?)\b))`,
  "giu",
);
const MULTIPLIER = new RegExp(String.raw`\b(?:(?<m>doubled|doubling|doubles|double|tripled|tripling|triples|triple|trebled|quadrupled|halved|halving)|(?<fold>twofold|threefold|fourfold|fivefold|tenfold|hundredfold)|(?<twice>twice)\s+(?:as|the)\b|(?<n>two|three|four|five|ten|\d{1,3})\s+times\s+(?:as|the|more|higher|larger|bigger)\b|(?<byhalf>(?:by|in)\s+half)(?!\s+(?:of|a|an|past)\b)(?![\p{L}\-‐]))`, "giu");
/** Verbs before "by half" / "in half" that cut, or raise. */
const HALF_DOWN = /\b(?:cut|cuts|fell|fallen|falls|dropped|drops|reduced|reduces|slashed|shrank|shrunk|declined|decreased|down|lowered|split|halved)\s+(?:\S+\s+)?$/i;
const HALF_UP = /\b(?:rose|risen|rises|grew|grown|grows|increased|increases|raised|raises|climbed|jumped|expanded|boosted|up)\s+(?:\S+\s+)?$/i;
const SCALE = "(?:\\s*(?:thousand|million|billion|trillion|bn|m)\\b)?";
const CUR = "(?:[$€£¥]\\s?)?";
const FROM_TO = new RegExp(String.raw`\bfrom\s+${CUR}(?<a>\d[\d,]*(?:\.\d+)?)(?<sa>${SCALE})(?:\s*(?:%|percent|per cent|\p{L}+))?\s+to\s+${CUR}(?<b>\d[\d,]*(?:\.\d+)?)(?<sb>${SCALE})`, "giu");
const OF_TOTAL = new RegExp(String.raw`\b(?<a>\d[\d,]*|${NUMBER_WORD})\s+(?:of|out\s+of)\s+(?:the\s+|its\s+|their\s+|all\s+)?(?<b>\d[\d,]*|${NUMBER_WORD})\b`, "giu");
const SCALE_OF: Record<string, number> = { thousand: 1e3, million: 1e6, m: 1e6, billion: 1e9, bn: 1e9, trillion: 1e12 };
const scaled = (n: number, scale: string | undefined) => n * (SCALE_OF[(scale ?? "").trim().toLowerCase()] ?? 1);
const NUMBER_WORDS = /\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)(?![\p{L}\p{N}])/giu;
/** A unit of time joined to a number word (`three-day`, `nine-month`). */
const JOINED_UNIT = /^[-‐](minute|hour|day|week|month|year)(?![\p{L}])/iu;
const HOURS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12 };
/** Minutes before or after an hour: `half past`, `a quarter to`, `twenty past` (words only: `10 to 12` is a range). */
const OFFSET = (off: string, dir: string) => String.raw`(?<${off}>half|(?:a\s+)?quarter|(?:five|ten|twenty(?:[-‐\s]five)?)(?:\s+minutes)?|(?:${MINUTE_WORDS}|[1-5]?\d)\s+minutes)\s+(?<${dir}>past|to)\s+`;
const MINUTE_WORDS = "one|two|three|four|six|seven|eight|nine|eleven|twelve|thirteen|fourteen|sixteen|seventeen|eighteen|nineteen|thirty|forty|forty[-‐\\s]five|fifty";
const OFFSET_MINUTES: Record<string, number> = { half: 30, quarter: 15, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20, twentyfive: 25, thirty: 30, forty: 40, fortyfive: 45, fifty: 50 };
/** Minutes an offset word gives ("a quarter", "twenty-five", "12 minutes"); undefined past the hour's minutes. */
function offsetMinutes(off: string): number | undefined {
  const w = off.toLowerCase().replace(/^a\s+/, "").replace(/\s+minutes$/, "").replace(/[-‐\s]/g, "");
  const n = /^\d+$/.test(w) ? Number(w) : OFFSET_MINUTES[w];
  return n !== undefined && n > 0 && n < 60 ? n : undefined;
}
/** A time of day in words with no part of the day after it (TIME reads those), after `at` (`ten to two` alone may be a vote). */
const CLOCK = new RegExp(String.raw`\b(?<at>at\s+(?:about\s+|around\s+|exactly\s+|precisely\s+)?)${OFFSET("off", "dir")}(?<h>one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|1[0-2]|[1-9])\b(?!\s*(?:a\.?\s?m|p\.?\s?m|o'clock|in\s+the\s+(?:morning|afternoon|evening)|at\s+night))`, "giu");
/** Times of day; `offsets` also reads minutes before or after the hour (asked only of a text that may hold them). */
const timePattern = (offsets: boolean) => new RegExp(
  String.raw`\b(?:${offsets ? String.raw`(?:(?<!\b(?:from|between)\s+)${OFFSET("off", "dir")})?` : ""}(?<h>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)(?:[:.](?<m>\d{2}))?\s*(?:(?<ampm>a\.?\s?m\.?|p\.?\s?m\.?)(?![\p{L}])|o'clock\s+in\s+the\s+(?<p1>morning|afternoon|evening)|\s+in\s+the\s+(?<p2>morning|afternoon|evening)|\s+at\s+night(?<night>))|(?<hh>[01]?\d|2[0-3]):(?<mm>[0-5]\d)(?:\s*(?:hours|hrs|GMT|UTC|local time))?(?!\d|:\d)|${offsets ? String.raw`(?:(?<!\b(?:from|between)\s+)${OFFSET("off2", "dir2")})?` : ""}(?<noon>noon|midday|midnight)|(?:in|on|during|by)\s+the\s+(?<early>early\s+|late\s+)?(?<period>morning|afternoon|evening|night)(?:\s+of)?\b|(?<this>this|yesterday|that|monday|tuesday|wednesday|thursday|friday|saturday|sunday|late|early)\s+(?<tperiod>morning|afternoon|evening|night)|\b(?<overnight>overnight))`,
    "giu",
  );
const TIME_PLAIN = timePattern(false);
const TIME = timePattern(true);
/** A text that may give minutes before or after an hour in words ("half past", "twenty to midnight"). */
const MAY_OFFSET = /\bpast\b|\bto\s+(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|noon|midday|midnight)\b/i;

function num(s: string): number {
  const w = s.toLowerCase();
  return SMALL[w] ?? Number(w.replace(/,/g, ""));
}

const round = (x: number) => Math.round(x * 1000) / 1000;

function mk(text: string, start: number, end: number, kind: Figure["kind"], keys: string[], value?: number): Figure {
  const f: Figure = { raw: text.slice(start, end), start, end, kind, keys };
  if (value !== undefined && Number.isFinite(value)) f.value = value;
  return f;
}

function shareKeys(x: number): string[] {
  const keys = [`share:${round(x)}`];
  const pct = x * 100;
  if (Math.abs(pct - Math.round(pct)) < 1e-9) keys.push(`percent:${Math.round(pct)}`);
  return keys;
}

/** The part of the day an hour (0–23) falls in, as the figures of times name it. */
export function periodOf(hour: number): string {
  if (hour >= 5 && hour < 12) return "morning";
  if (hour >= 12 && hour < 17) return "afternoon";
  if (hour >= 17 && hour < 21) return "evening";
  return "night";
}

const MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const MONTH_ALONE = new RegExp(String.raw`\b(?:in|by|until|since|from|before|after|during|early|late|mid-?|last|next)\s+(?<m>${MONTH_NAMES.join("|")})\b(?![\s,]*\d)`, "gu");
const MONTH_ANY = new RegExp(String.raw`\b(?<m>${MONTH_NAMES.join("|")})\b`, "gu");

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const WEEKDAY = new RegExp(String.raw`\b(${WEEKDAYS.join("|")})s?\b`, "gu");
const PERIOD_AFTER = /^\s+(?:morning|afternoon|evening|night)\b/i;

/** The word figures of a text (proportions, multipliers, times of day), in order. */
export function extractFigureWords(text: string, asSource = false): Figure[] {
  const out: Figure[] = [];
  if (!asSource && !/half|third|quarter|fourth|fifth|sixth|tenth|\bin\b|out of|doubl|tripl|trebl|quadrupl|halv|fold|twice|times|:|\.m|m\.|\d\s?[ap]m\b|noon|midday|midnight|morning|afternoon|evening|night|from|of|uary|arch|pril|May|une|uly|ugust|ber|day|past|to (?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b/i.test(text)) return out;
  SHARE.lastIndex = 0;
  for (let m = SHARE.exec(text); m; m = SHARE.exec(text)) {
    const g = m.groups!;
    let x: number | undefined;
    if (g.part) x = num(g.num) / PARTS[g.part.toLowerCase()];
    else if (g.half) x = 0.5;
    else if (g.x && g.y && num(g.y) > num(g.x) && num(g.y) <= 100) x = num(g.x) / num(g.y);
    if (x === undefined || !(x > 0 && x <= 1)) continue;
    const raw = g.half ? "half" : m[0];
    out.push(mk(text, m.index, m.index + raw.length, "share", shareKeys(x), round(x)));
  }
  MULTIPLIER.lastIndex = 0;
  for (let m = MULTIPLIER.exec(text); m; m = MULTIPLIER.exec(text)) {
    const g = m.groups!;
    // "cut by half", "fell by half", "cut in half" halve; "rose by half" is half as much again; with no such verb before it, no figure.
    let byHalf: number | undefined;
    if (g.byhalf) {
      const before = text.slice(Math.max(0, m.index - 24), m.index);
      byHalf = HALF_DOWN.test(before) ? 0.5 : HALF_UP.test(before) ? 1.5 : undefined;
      if (byHalf === undefined) continue;
    }
    // "fell by half", "cut in half": halved.
    const x = g.m ? MULT[g.m.toLowerCase()] : g.fold ? FOLD[g.fold.toLowerCase()] : g.twice ? 2 : byHalf ?? num(g.n);
    const raw = g.twice ? "twice" : g.n ? m[0].replace(/\s+(?:as|the|more|higher|larger|bigger)$/i, "") : m[0];
    out.push(mk(text, m.index, m.index + raw.length, "times", [`times:${round(x)}`], x));
  }
  const time = MAY_OFFSET.test(text) ? TIME : TIME_PLAIN;
  time.lastIndex = 0;
  for (let m = time.exec(text); m; m = time.exec(text)) {
    const g = m.groups!;
    let hour: number | undefined;
    let minute = 0;
    let period: string | undefined;
    if (g.h) {
      hour = /^\d/.test(g.h) ? Number(g.h) : HOURS[g.h.toLowerCase()];
      minute = g.m ? Number(g.m) : 0;
      const ampm = g.ampm?.toLowerCase().replace(/[.\s]/g, "");
      const p = (g.p1 ?? g.p2)?.toLowerCase();
      if (hour > 12 || minute > 59) continue;
      if (ampm === "pm" || p === "afternoon" || p === "evening" || g.night !== undefined) hour = hour === 12 ? 12 : hour + 12;
      else if (hour === 12 && (ampm === "am" || p === "morning")) hour = 0;
      if (g.night !== undefined && hour === 24) hour = 0;
      if (hour >= 24) hour -= 12;
    } else if (g.hh) {
      hour = Number(g.hh);
      minute = Number(g.mm);
    } else if (g.noon) {
      const w = g.noon.toLowerCase();
      hour = w === "midnight" ? 0 : 12;
    } else {
      period = (g.period ?? g.tperiod ?? "night").toLowerCase();
      if (g.overnight) period = "night";
    }
    const off = g.off ?? g.off2;
    if (hour !== undefined && off) {
      const by = offsetMinutes(off);
      if (by === undefined || minute !== 0) continue;
      if ((g.dir ?? g.dir2)!.toLowerCase() === "past") minute = by;
      else {
        hour = (hour + 23) % 24;
        minute = 60 - by;
      }
    }
    if (hour !== undefined) {
      const t = `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
      out.push(mk(text, m.index, m.index + m[0].length, "time", [`time:${t}`, `part:period:${periodOf(hour)}`], hour * 100 + minute));
    } else if (period) {
      out.push(mk(text, m.index, m.index + m[0].length, "time", [`period:${period}`]));
    }
  }
  // `a quarter past eleven`, `ten to six` with no part of the day: either half of the clock.
  CLOCK.lastIndex = 0;
  for (let m = time === TIME ? CLOCK.exec(text) : null; m; m = CLOCK.exec(text)) {
    const g = m.groups!;
    const by = offsetMinutes(g.off);
    let hour = /^\d/.test(g.h) ? Number(g.h) : HOURS[g.h.toLowerCase()];
    // The figure starts after "at" (no lookbehind: one over a run of spaces reads it again at each place).
    const start = m.index + g.at.length;
    if (by === undefined || !(hour >= 1 && hour <= 12) || out.some((f) => f.kind === "time" && f.start <= start && f.end > start)) continue;
    let minute = by;
    if (g.dir.toLowerCase() === "to") {
      hour -= 1;
      minute = 60 - by;
    }
    const keys = [hour % 12, (hour % 12) + 12].map((h) => `time:${String(h).padStart(2, "0")}:${String(minute).padStart(2, "0")}`);
    out.push(mk(text, start, m.index + m[0].length, "time", keys, (hour % 12) * 100 + minute));
  }
  // A month on its own (`in November`) is a date the sources must hold; a source's every month counts.
  const months = asSource ? MONTH_ANY : MONTH_ALONE;
  months.lastIndex = 0;
  for (let m = months.exec(text); m; m = months.exec(text)) {
    const at = m.index + m[0].length - m.groups!.m.length;
    const n = MONTH_NAMES.indexOf(m.groups!.m) + 1;
    out.push(mk(text, at, m.index + m[0].length, "date", [asSource ? `part:monthname:${n}` : `monthname:${n}`]));
  }
  // A day of the week (`on Monday`) is a date the sources must hold: any weekday they name, or one of
  // their full dates falls on (figures.ts gives those its key). Not `Monday morning`: a part of a day.
  WEEKDAY.lastIndex = 0;
  for (let m = WEEKDAY.exec(text); m; m = WEEKDAY.exec(text)) {
    if (!asSource && PERIOD_AFTER.test(text.slice(m.index + m[0].length, m.index + m[0].length + 12))) continue;
    const n = WEEKDAYS.indexOf(m[1]) + 1;
    out.push(mk(text, m.index, m.index + m[1].length, "date", [asSource ? `part:weekday:${n}` : `weekday:${n}`]));
  }
  if (asSource) {
    // A number word a source writes into a compound or below the figure threshold ("a nine-day
    // strike", "in two stages") still holds that number for a claim that writes it.
    NUMBER_WORDS.lastIndex = 0;
    for (let m = NUMBER_WORDS.exec(text); m; m = NUMBER_WORDS.exec(text)) {
      const n = SMALL[m[1].toLowerCase()];
      const f = mk(text, m.index, m.index + m[0].length, "count", [`part:num:${n}`]);
      // "a three-day closure": a duration, which a claim may give in other units ("72 hours").
      const unit = JOINED_UNIT.exec(text.slice(f.end, f.end + 8));
      if (unit) {
        f.unit = unit[1].toLowerCase();
        f.value = n;
      }
      out.push(f);
    }
    // What a source states without the words: `from 40 to 80` doubles; `1,200 of 2,400` is half.
    FROM_TO.lastIndex = 0;
    for (let m = FROM_TO.exec(text); m; m = FROM_TO.exec(text)) {
      const a = scaled(num(m.groups!.a), m.groups!.sa);
      const b = scaled(num(m.groups!.b), m.groups!.sb || m.groups!.sa);
      if (!(a > 0 && b > 0)) continue;
      out.push(mk(text, m.index, m.index + m[0].length, "times", [`part:times:${round(b / a)}`]));
    }
    OF_TOTAL.lastIndex = 0;
    for (let m = OF_TOTAL.exec(text); m; m = OF_TOTAL.exec(text)) {
      const a = num(m.groups!.a);
      const b = num(m.groups!.b);
      if (!(a > 0 && b > a)) continue;
      out.push(mk(text, m.index, m.index + m[0].length, "share", shareKeys(a / b).map((k) => `part:${k}`)));
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
