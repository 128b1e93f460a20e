/**
 * Figures (counts, amounts, percentages, years, dates, ranges) in text, and matching a
 * brief's figures against those of its sources.
 *
 * Extraction is one pass of one regular expression over the text (linear in practice), so
 * a library of many sources can be indexed once and its figures cached.
 *
 * Decisions (where the brief format leaves room):
 * - Digits are always figures (`2 leaders`, `17`, `0.5`), but not when part of an
 *   identifier or a path: a number glued to letters (`G7`, `5G`, `1990s`), after an
 *   upper-case prefix and hyphen (`F-35`, `COVID-19`; `mid-2024` is a year), next to `:`
 *   (`10:30`), after `/` or `.` (URLs, `p.3`).
 * - Number words below ten (`one` … `nine`, `zero`, and the ordinals `first` … `ninth`)
 *   are not figures: "two leaders", "the first meeting" are rarely the fact being cited and
 *   would make `number-mismatch` noisy. They are figures with a unit: a percent sign or
 *   word, a scale word (`hundred`, `thousand`, `million`, …) or a currency (`five percent`,
 *   `two million`, `a hundred`, `nine dollars`). Words from `ten` up are figures
 *   (`seventeen`, `sixty`, `eighty-two`, `eightieth`). A consequence, by design: a brief's
 *   `3 people` is not matched by a source's `three people`.
 * - A scale word belongs to its figure: `$77.2 billion` is one figure of 77 200 000 000;
 *   `bn`, `mn`, `mln`, `tn` always scale; `m`, `b`, `k` only right after a currency amount
 *   (`$5m`); `lakh` and `crore` too.
 * - A plain four-digit whole number from 1000 to 2199 is a year; being ambiguous with a
 *   count (`2024 delegates`), a year also carries the unit-less key of its value, so it
 *   matches the count `2,024` (and vice versa). Other kinds are kept apart: `15%` is not
 *   matched by `15`, and the day in `23 August` is not a count `23`.
 * - Amounts match the same value with the same currency, or the same value without a
 *   currency (`$77.2 billion` = `77.2 billion dollars` = `77.2 billion`), never another
 *   currency (`$5 million` ≠ `€5 million`).
 * - Dates: `23 August 2025` = `August 23, 2025` = `2025-08-23`; a date without a year
 *   matches that day of any year (`23 August` = `August 23, 2025`, both ways), but two full
 *   dates of different years do not match. A year is matched by a date or month of that
 *   year, and a month (`August 2025`) by a date in it; not the other way round.
 * - Ranges: `1910 to 1945` = `1910-1945` = `1910–1945` = `between 1910 and 1945` =
 *   `1910–45`; a unit on either end applies to both (`15 to 20 percent`, `$5–7 billion`).
 *   A range is also matched when both of its ends appear in the sources, and a single
 *   figure is matched by a range that has it as an end. A "range" whose ends are in
 *   descending order (`3-2`) is read as two figures.
 */
import { editDistance } from "../editDistance";
import { memoizeText } from "../memo";
import { extractFigureWords } from "./figureWords";
import { cjkFigures, europeanFigures } from "../lang/figures";
import { escapeRegExp } from "../text";

/** `share`, `times` and `time` are the word figures of figureWords.ts (`half`, `doubled`, `six in the evening`). */
export type FigureKind = "count" | "amount" | "percent" | "year" | "date" | "range" | "share" | "times" | "time";

/** A figure found in a text. */
export interface Figure {
  /** The figure as written. */
  raw: string;
  /** What it counts, from the noun after it, in the singular (`13 hours` → `hour`), if it names one. */
  unit?: string;
  /** Offsets of the figure within the text. */
  start: number;
  end: number;
  kind: FigureKind;
  /**
   * Canonical keys. A figure's own keys (`num:80000`, `percent:15`, `amount:USD:77200000000`,
   * `year:2024`, `date:2025-08-23`, `date:08-23`, `month:2025-08`, `range:year:1910..year:1945`)
   * name what it is; keys starting `part:` name what it holds (the year of a date, the ends
   * of a range). A source figure supports a brief's figure when it has one of the brief
   * figure's own keys, as its own key or as a `part:` key, and does not contradict it
   * (another currency, a full date of another year); see {@link figureMatches}.
   */
  keys: string[];
  /** The figure's value: the number; a date as YYYYMMDD (MMDD without a year); a range its low end. */
  value?: number;
  /** A range's two ends. */
  parts?: Figure[];
}

// ---------------------------------------------------------------------------------------
// Vocabulary

const UNITS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];
const TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"];
const TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
const UNIT_ORDS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"];
const TEEN_ORDS = ["tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth"];
const TENS_ORDS = ["twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth", "seventieth", "eightieth", "ninetieth"];

const WORD_VALUE = new Map<string, number>();
WORD_VALUE.set("zero", 0);
UNITS.forEach((w, i) => WORD_VALUE.set(w, i + 1));
TEENS.forEach((w, i) => WORD_VALUE.set(w, i + 10));
TENS.forEach((w, i) => WORD_VALUE.set(w, (i + 2) * 10));
const ORD_VALUE = new Map<string, number>();
UNIT_ORDS.forEach((w, i) => ORD_VALUE.set(w, i + 1));
TEEN_ORDS.forEach((w, i) => ORD_VALUE.set(w, i + 10));
TENS_ORDS.forEach((w, i) => ORD_VALUE.set(w, (i + 2) * 10));

const SCALE_EXP: Record<string, number> = {
  hundred: 2, thousand: 3, lakh: 5, million: 6, crore: 7, billion: 9, trillion: 12,
  k: 3, m: 6, mn: 6, mln: 6, b: 9, bn: 9, t: 12, tn: 12, trn: 12, tr: 12,
};

const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
const MONTH_ABBR = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/** Currency signs and prefixes (before the number). */
const CURRENCY_PREFIX: Record<string, string> = {
  "us$": "USD", "u.s.$": "USD", "a$": "AUD", "au$": "AUD", "c$": "CAD", "ca$": "CAD", "hk$": "HKD", "s$": "SGD",
  "nz$": "NZD", "nt$": "TWD", "r$": "BRL", $: "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₩": "KRW", "₹": "INR",
  "₽": "RUB", "₺": "TRY", "₪": "ILS", rs: "INR", "rs.": "INR",
};
const CURRENCY_CODES = ["USD", "EUR", "GBP", "JPY", "KRW", "CNY", "RMB", "INR", "CHF", "AUD", "CAD", "HKD", "SGD", "TWD", "NZD", "BRL", "RUB", "ZAR", "MXN", "TRY"];

/** The currency a suffix word (or code) names. */
function currencyOfWord(w: string): string | undefined {
  const s = w.toLowerCase().replace(/\s+/g, " ");
  if (/^[a-z]{3}$/.test(s) && CURRENCY_CODES.includes(s.toUpperCase())) return s === "rmb" ? "CNY" : s.toUpperCase();
  if (/dollars?$/.test(s)) {
    if (s.startsWith("australian")) return "AUD";
    if (s.startsWith("canadian")) return "CAD";
    if (s.startsWith("hong kong")) return "HKD";
    if (s.startsWith("singapore")) return "SGD";
    if (s.startsWith("new zealand")) return "NZD";
    if (s.startsWith("taiwan")) return "TWD";
    return "USD";
  }
  if (/^euros?$/.test(s)) return "EUR";
  if (/^(pounds?( sterling)?|sterling)$/.test(s)) return "GBP";
  if (s === "yen") return "JPY";
  if (s === "yuan" || s === "renminbi") return "CNY";
  if (s === "won") return "KRW";
  if (/^rupees?$/.test(s)) return "INR";
  if (/^r[o]?ubles?$/.test(s)) return "RUB";
  if (/francs?$/.test(s)) return "CHF";
  return undefined;
}

// ---------------------------------------------------------------------------------------
// The pattern

/** A word in lower case, Capitalized or UPPER case. */
function cases(w: string): string[] {
  return [w, w[0].toUpperCase() + w.slice(1), w.toUpperCase()];
}
/** An alternation of words (each in its three cases), longest first; a space matches any white space. */
function alt(words: readonly string[]): string {
  const all = [...new Set(words.flatMap(cases))].sort((a, b) => b.length - a.length);
  return `(?:${all.map(escape).join("|")})`;
}
function escape(s: string): string {
  return escapeRegExp(s).replace(/ /g, "\\s+");
}

const WB = String.raw`(?<![\p{L}\p{N}])`;
const WE = String.raw`(?![\p{L}\p{N}])`;
/** Where a number may start: not glued to letters, digits or a path; `mid-2024` is allowed. */
const LB = String.raw`(?:(?<=(?:^|[^\p{L}])(?:[Mm]id|[Pp]re|[Pp]ost|[Ee]arly|[Ll]ate|[Ee]nd)[-‐‑])|(?<![\p{L}\p{N}_.,:/\\$€£¥₩₹₽₺₪]|[\p{L}\p{N}][-‐‑]))`;
/** Where a number may end. */
const NE = String.raw`(?![\p{L}\p{N}]|[.,:/]\p{N})`;
const NUM = String.raw`(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?`;
const DASH = "[-‐‑‒–—−]";

const U100_BIG = `(?:${alt(TENS)}(?:[-‐ ]${alt(UNITS)})?|${alt(TEENS)})`;
const U100 = `(?:${U100_BIG}|${alt(UNITS)}|${alt(["zero"])})`;
const HUNDREDS = `(?:${alt(["a", "one", ...UNITS])}\\s+${alt(["hundred"])}(?:\\s+(?:${alt(["and"])}\\s+)?${U100})?)`;
const WORDNUM_BIG = `(?:${HUNDREDS}|${U100_BIG})`;
const WORDNUM_ANY = `(?:${HUNDREDS}|${U100})`;
const SCALE_WORD = alt(["thousand", "million", "billion", "trillion", "lakh", "crore"]);
const SCALE_ABBR = "(?:bn|Bn|BN|mln|mn|trn|tn)";
const SCALE = `(?:\\s?(?:${SCALE_WORD}|${SCALE_ABBR})${WE})`;
const CUR_SCALE = `(?:${SCALE}|(?:[mMbBkK]|tn|tr)${WE})`;
const PCT = String.raw`(?:\s?[%％]|\s?(?:${alt(["percent", "percentage point", "percentage points", "per cent", "pct"])})${WE})`;
const CURPRE = `(?:${WB}(?:US|U\\.S\\.\\s?|AU?|CA?|HK|S|NZ|NT|R)\\$|\\$|[€£¥₩₹₽₺₪]|${WB}(?:${CURRENCY_CODES.join("|")}|Rs\\.?)(?:\\s|(?=\\d)))`;
const CURWORD = `(?:${alt(["dollar", "dollars", "us dollars", "US dollars", "u.s. dollars", "U.S. dollars", "american dollars", "australian dollars", "canadian dollars", "hong kong dollars", "singapore dollars", "new zealand dollars", "taiwan dollars", "euro", "euros", "pound", "pounds", "pounds sterling", "sterling", "yen", "yuan", "renminbi", "rupee", "rupees", "rouble", "roubles", "ruble", "rubles", "franc", "francs", "swiss francs"])}|${CURRENCY_CODES.join("|")})`;
const WON = alt(["won"]);

const capsOf = (words: readonly string[]): string =>
  [...new Set(words.flatMap((w) => [w[0].toUpperCase() + w.slice(1), w.toUpperCase()]))].sort((x, y) => y.length - x.length).join("|");
/** A month's name, or its abbreviation with an optional full stop; Capitalized or UPPER case (`may` is a verb). */
const MONTH_CAP = `(?:(?:${capsOf(MONTHS)})(?![\\p{L}])|(?:${capsOf([...MONTH_ABBR, "sept"])})(?![\\p{L}])\\.?)`;
const DAY = String.raw`(?:3[01]|[12]\d|0?[1-9])(?!\d)(?:st|nd|rd|th)?${WE}`;
const YEAR = String.raw`(?:1\d{3}|20\d{2}|21\d{2})${NE}(?![-‐‑]\d)`;

/**
 * Things a small number word counts when it is a figure: "three days", "five ships", "a dozen
 * vessels" (at most one word between: "three more days"). Without such a noun, or after a
 * determiner ("the two leaders", "both sides"), a number word below ten stays plain text.
 */
const UNIT_NOUNS = [
  "second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "night", "nights", "week", "weeks", "fortnight", "fortnights", "month", "months", "year", "years", "decade", "decades", "century", "centuries",
  "ship", "ships", "vessel", "vessels", "boat", "boats", "ferry", "ferries", "crossing", "crossings", "sailing", "sailings", "voyage", "voyages", "flight", "flights", "train", "trains", "truck", "trucks", "lorry", "lorries", "berth", "berths",
  "people", "person", "persons", "worker", "workers", "employee", "employees", "staff", "crew", "crews", "passenger", "passengers", "officer", "officers", "soldier", "soldiers", "casualties", "deaths", "injuries",
  "metre", "metres", "meter", "meters", "kilometre", "kilometres", "kilometer", "kilometers", "mile", "miles", "tonne", "tonnes", "ton", "tons", "litre", "litres", "barrel", "barrels",
  "times", "percent", "points", "votes", "seats", "countries", "states", "cities", "towns", "villages", "ports", "sites", "plants", "factories", "companies", "firms", "banks", "schools",
  "routes", "stops", "stations", "lines", "aircraft", "planes", "jobs", "posts", "homes", "houses", "buildings", "shops", "stores", "branches", "offices", "hospitals", "mines", "turbines",
  "members", "students", "nurses", "doctors", "patients", "children", "residents", "families", "victims", "protesters", "suspects", "arrests", "judges", "councillors", "candidates", "parties",
];
const UNIT_NOUN = `(?:${alt(UNIT_NOUNS)})`;
const UNIT_SET = new Set(UNIT_NOUNS);
const DETERMINERS = ["the", "these", "those", "both", "its", "their", "our", "his", "her", "all", "other", "every", "each", "my", "your", "last", "next", "first"];
const NO_DETERMINER = `(?<!(?:^|[^\\p{L}])(?:${alt(DETERMINERS)})\\s+)`;

/** A number with its units, as an end of a range. */
const RATOM = `(?:${CURPRE}\\s?)?${NUM}(?:${CUR_SCALE})?(?:${PCT})?`;
const RSEP = `(?:\\s*${DASH}\\s*|\\s+(?:to|through|until|till)\\s+)`;
const NOT_MONTH_AFTER = `(?!\\s*(?:${MONTH_CAP}))`;

const ALTERNATIVES: Array<[string, string]> = [
  ["iso", String.raw`(?<![\p{N}\-])(?:1\d{3}|20\d{2}|21\d{2})-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?![\p{N}])`],
  ["dmyr", `${LB}${DAY}\\s*(?:${DASH}|to|and)\\s*${DAY}\\s+(?:of\\s+)?${MONTH_CAP}(?:,?\\s+${YEAR})?`],
  ["dmy", `${LB}${DAY}(?:\\s+of)?\\s+${MONTH_CAP}(?:,?\\s+${YEAR})?`],
  ["btw", `${WB}[Bb]etween\\s+(?<b1>${RATOM})\\s+and\\s+(?<b2>${RATOM})(?:\\s+(?<bc>${CURWORD}))?${NE}${NOT_MONTH_AFTER}`],
  ["rng", `${LB}(?<r1>${RATOM})${RSEP}(?<r2>${RATOM})(?:\\s+(?<rc>${CURWORD}))?${NE}${NOT_MONTH_AFTER}`],
  ["qty", `${LB}${NUM}(?:${SCALE}\\s+(?:${CURWORD}|${WON})|\\s+${CURWORD})${WE}`],
  ["qty", `${LB}${NUM}${PCT}`],
  ["qty", `${LB}${NUM}${SCALE}`],
  ["qty", `${LB}${NUM}(?:st|nd|rd|th)${WE}`],
  ["qty", `${LB}${NUM}${NE}`],
  ["mdyr", `${WB}${MONTH_CAP}\\s+${DAY}\\s*(?:${DASH}|to|and)\\s*${DAY}(?:,?\\s+${YEAR})?`],
  ["mdy", `${WB}${MONTH_CAP}\\s+${DAY}(?:,?\\s+${YEAR})?${NE}`],
  ["my", `${WB}${MONTH_CAP},?\\s+${YEAR}`],
  ["qty", `${CURPRE}\\s?${NUM}(?:${CUR_SCALE}|${NE})`],
  ["qty", `${WB}(?:${WORDNUM_ANY}|${alt(["a", "an"])})\\s+${SCALE_WORD}\\s+(?:${CURWORD}|${WON})${WE}`],
  ["qty", `${WB}${WORDNUM_ANY}\\s+${CURWORD}${WE}`],
  ["qty", `${WB}${WORDNUM_ANY}${PCT}`],
  ["qty", `${WB}(?:${WORDNUM_ANY}|${alt(["a"])})\\s+${SCALE_WORD}${WE}`],
  ["qty", `${WB}(?:${alt(TENS)}[-‐ ])?${alt([...TEEN_ORDS, ...TENS_ORDS])}${WE}`],
  ["qty", `${WB}${alt(TENS)}[-‐ ]${alt(UNIT_ORDS)}${WE}`],
  ["qty", `${WB}${NO_DETERMINER}(?:${WORDNUM_ANY}|${alt(["a dozen", "dozen"])})(?=\\s+(?:[\\p{L}]+\\s+)?${UNIT_NOUN}${WE})`],
  ["qty", `${WB}${WORDNUM_BIG}${WE}`],
];

/** The figure pattern, tried only where a figure may start (sticky). */
/**
 * The alternatives that can match where a candidate starts, by its first character: a digit
 * (dates and numbers), a currency sign (ranges and amounts with a sign first), or a letter (words
 * for numbers and months, `between`, currency codes). An alternative left out of a set cannot
 * match there (its first character is of another kind), so each set finds what the whole
 * pattern finds, in the same order, without trying the others at every digit. Group names keep
 * the alternative's index, as `ALT_NAMES` reads them. Without match indices (they cost as much
 * again on every try).
 */
const masterOf = (keep: (name: string, i: number) => boolean, flags = "yu") =>
  new RegExp(ALTERNATIVES.map(([name, src], i) => (keep(name, i) ? `(?<${name}${i}>${src})` : "")).filter(Boolean).join("|"), flags);
const STARTS_WITH_DIGIT = (name: string, i: number) => name === "iso" || name === "dmyr" || name === "dmy" || name === "rng" || (name === "qty" && ALTERNATIVES[i][1].startsWith(LB));
let masterDigit: RegExp | undefined;
let masterSign: RegExp | undefined;
let masterWord: RegExp | undefined;
const MASTER_DIGIT = () => (masterDigit ??= masterOf(STARTS_WITH_DIGIT));
const MASTER_SIGN = () => (masterSign ??= masterOf((name, i) => name === "rng" || (name === "qty" && ALTERNATIVES[i][1].startsWith(CURPRE))));
const MASTER_WORD = () => (masterWord ??= masterOf((name, i) => !STARTS_WITH_DIGIT(name, i) || name === "rng"));
/**
 * A starting word narrows it further: `between` starts only a `between … and …` range, a month
 * only a date, a currency code or prefix (`USD`, `US$`, `Rs`) only an amount or a range, a number
 * word only a number in words. Each word's alternatives are the union of its kinds' (one regular
 * expression per distinct union, made once).
 */
const WORD_KINDS: Array<[Set<string>, (name: string, i: number) => boolean]> = [
  [new Set(["between"]), (name) => name === "btw"],
  [new Set([...MONTHS, ...MONTH_ABBR, "sept"]), (name) => name === "mdyr" || name === "mdy" || name === "my"],
  [new Set(["rs", "us", "u", "au", "ca", "c", "hk", "s", "nz", "nt", "r", ...CURRENCY_CODES.map((c) => c.toLowerCase())]), (name, i) => name === "rng" || (name === "qty" && ALTERNATIVES[i][1].startsWith(CURPRE))],
  [new Set(["zero", "a", "an", "dozen", ...UNITS, ...TEENS, ...TENS, ...TEEN_ORDS, ...TENS_ORDS]), (name, i) => name === "qty" && !ALTERNATIVES[i][1].startsWith(CURPRE) && !STARTS_WITH_DIGIT(name, i)],
];
const wordMasters = new Map<string, RegExp>();
const mastersByKinds = new Map<string, RegExp>();
/** The alternatives a starting word (lower case) can begin: the whole word set for a word of no known kind. */
function masterForWord(word: string): RegExp {
  let m = wordMasters.get(word);
  if (m) return m;
  const kinds = WORD_KINDS.map(([words], k) => (words.has(word) ? k : -1)).filter((k) => k >= 0);
  const key = kinds.join(",");
  m = mastersByKinds.get(key);
  if (!m) {
    m = kinds.length ? masterOf((name, i) => kinds.some((k) => WORD_KINDS[k][1](name, i))) : MASTER_WORD();
    mastersByKinds.set(key, m);
  }
  wordMasters.set(word, m);
  return m;
}
/**
 * The one alternative a match took, with the indices of its groups: run again only where a range
 * matched (rangeEnds needs them). At the same place it gives the same match as the master did (an
 * alternation's match is that of the first alternative that matches there). One alternative, not
 * all of them: compiling every alternative with indices took 18 ms of a one-brief check.
 */
const withIndices = new Map<number, RegExp>();
const INDICES_OF = (alternative: number) => {
  let re = withIndices.get(alternative);
  if (!re) withIndices.set(alternative, (re = masterOf((_, i) => i === alternative, "dyu")));
  return re;
};
/** Where a figure may start: a digit run, a currency sign, or a word (checked against STARTERS). */
const SCAN = /\d+|[$€£¥₩₹₽₺₪]|[A-Za-z]+/g;
/** Words (lower case) a figure may start with. */
const STARTERS = new Set<string>([
  "zero", "a", "an", "dozen", "between", "rs", "us", "u", "au", "ca", "c", "hk", "s", "nz", "nt", "r",
  ...UNITS, ...TEENS, ...TENS, ...TEEN_ORDS, ...TENS_ORDS, ...MONTHS, ...MONTH_ABBR, "sept",
  ...CURRENCY_CODES.map((c) => c.toLowerCase()),
]);
const ALT_NAMES = ALTERNATIVES.map(([name], i) => [`${name}${i}`, name] as const);

// ---------------------------------------------------------------------------------------
// Values

/** A decimal string, times 10^exp, in canonical form (`77.2`, 9 → `77200000000`). */
function canonDecimal(num: string, exp = 0): string {
  const s = num.replace(/,/g, "");
  const dot = s.indexOf(".");
  let int = dot < 0 ? s : s.slice(0, dot);
  let frac = dot < 0 ? "" : s.slice(dot + 1);
  if (exp > 0) {
    int += frac.slice(0, exp).padEnd(exp, "0");
    frac = frac.slice(exp);
  }
  int = int.replace(/^0+(?=\d)/, "");
  frac = frac.replace(/0+$/, "");
  return frac ? `${int}.${frac}` : int;
}

/** The value of a phrase of number words (`two hundred and fifty`, `eighty-two`, `a`). */
function wordsValue(phrase: string): number | undefined {
  let total = 0;
  let cur = 0;
  let any = false;
  for (const t of phrase.toLowerCase().split(/[\s\-‐]+/)) {
    if (!t || t === "and") continue;
    const v = WORD_VALUE.get(t) ?? ORD_VALUE.get(t);
    if (v !== undefined) {
      cur += v;
      any = true;
    } else if (t === "a" || t === "an") {
      cur += 1;
      any = true;
    } else if (t === "dozen") {
      cur = (cur || 1) * 12;
      any = true;
    } else if (t === "hundred") {
      cur = (cur || 1) * 100;
    } else if (SCALE_EXP[t] !== undefined) {
      total += (cur || 1) * 10 ** SCALE_EXP[t];
      cur = 0;
    } else return undefined;
  }
  return any ? total + cur : undefined;
}

interface Quantity {
  kind: "count" | "amount" | "percent" | "year";
  value: string;
  currency?: string;
  hasScale: boolean;
  isInteger4: boolean;
}

const QTY = new RegExp(
  String.raw`^(?<cur>(?:US|U\.S\.\s?|AU?|CA?|HK|S|NZ|NT|R)\$|\$|[€£¥₩₹₽₺₪]|(?:${CURRENCY_CODES.join("|")}|Rs\.?)(?=\s|\d))?\s?` +
    String.raw`(?:(?<num>${NUM})(?<ord>st|nd|rd|th)?|(?<words>[\p{L}][\p{L}\s\-‐]*?))` +
    String.raw`(?:\s?(?<scale>${SCALE_WORD}|${SCALE_ABBR}|[mMbBkK]|tn|tr)${WE})?` +
    String.raw`(?<pct>${PCT})?` +
    String.raw`(?:\s+(?<curw>${CURWORD}|${WON}))?$`,
  "u",
);

/** Parses a quantity: a number (digits or words) with its currency, scale, percent or ordinal suffix. */
function parseQuantity(text: string): Quantity | undefined {
  const m = QTY.exec(text.trim());
  if (!m?.groups) return undefined;
  const g = m.groups;
  const scale = g.scale ? g.scale.toLowerCase() : undefined;
  if (scale && scale.length === 1 && !g.cur) return undefined; // `5m` is metres unless money
  const exp = scale ? SCALE_EXP[scale] ?? 0 : 0;
  let value: string;
  let isInteger4 = false;
  if (g.num) {
    value = canonDecimal(g.num, exp);
    isInteger4 = /^\d{4}$/.test(g.num) && !scale && !g.ord;
  } else {
    const v = wordsValue(g.words + (scale && exp >= 3 ? ` ${scale}` : ""));
    if (v === undefined) return undefined;
    value = String(v);
  }
  const currency = g.cur ? CURRENCY_PREFIX[g.cur.toLowerCase().replace(/\s+/g, "")] ?? currencyOfWord(g.cur) : g.curw ? currencyOfWord(g.curw) : undefined;
  if (g.pct) return { kind: "percent", value, hasScale: !!scale, isInteger4: false };
  if (currency) return { kind: "amount", value, currency, hasScale: !!scale, isInteger4: false };
  const n = Number(value);
  if (isInteger4 && n >= 1000 && n <= 2199) return { kind: "year", value, hasScale: false, isInteger4 };
  return { kind: "count", value, hasScale: !!scale, isInteger4 };
}

function quantityKeys(q: Quantity): string[] {
  switch (q.kind) {
    case "percent":
      return [`percent:${q.value}`];
    case "amount":
      return [`amount:${q.currency}:${q.value}`, `num:${q.value}`];
    case "year":
      return [`year:${q.value}`, `num:${q.value}`];
    default:
      return [`num:${q.value}`];
  }
}

function monthOf(name: string): number {
  const s = name.toLowerCase().replace(/\.$/, "");
  const i = MONTHS.indexOf(s);
  if (i >= 0) return i + 1;
  if (s === "sept") return 9;
  return MONTH_ABBR.indexOf(s) + 1;
}

const pad = (n: number): string => String(n).padStart(2, "0");

/** `part:weekday:N` (Monday 1 … Sunday 7) of a real calendar date. */
function weekdayKey(year: number, month: number, day: number): string[] {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return [];
  return [`part:weekday:${d.getUTCDay() || 7}`];
}

function dateKeys(year: number | undefined, month: number, day: number): { keys: string[]; value: number } {
  const md = `${pad(month)}-${pad(day)}`;
  if (year === undefined) return { keys: [`date:${md}`], value: month * 100 + day };
  return {
    // The day of the week it falls on, for a claim that gives that (`on Monday`).
    keys: [`date:${year}-${md}`, `date:${md}`, `part:month:${year}-${pad(month)}`, `part:year:${year}`, ...weekdayKey(year, month, day)],
    value: year * 10000 + month * 100 + day,
  };
}

function mk(text: string, start: number, end: number, kind: FigureKind, keys: string[], value: number | undefined, parts?: Figure[]): Figure {
  const f: Figure = { raw: text.slice(start, end), start, end, kind, keys };
  if (value !== undefined && Number.isFinite(value)) f.value = value;
  if (parts) f.parts = parts;
  return f;
}

function quantityFigure(text: string, start: number, end: number, q: Quantity): Figure {
  return mk(text, start, end, q.kind, quantityKeys(q), Number(q.value));
}

/** A range's figure, from its two ends (already given each other's units); or its two ends. */
function rangeFigure(text: string, start: number, end: number, a: Figure, b: Figure): Figure[] {
  if (a.value === undefined || b.value === undefined || !(a.value < b.value)) return [a, b];
  const own = (f: Figure) => f.keys.filter((k) => !k.startsWith("part:"));
  const [pa, pb] = [own(a)[0], own(b)[0]];
  const keys = [`range:${pa}..${pb}`];
  const na = a.keys.find((k) => k.startsWith("num:"));
  const nb = b.keys.find((k) => k.startsWith("num:"));
  if (na && nb && (na !== pa || nb !== pb)) keys.push(`range:${na}..${nb}`);
  for (const f of [a, b]) for (const k of f.keys) {
    const p = k.startsWith("part:") ? k : `part:${k}`;
    if (!keys.includes(p)) keys.push(p);
  }
  return [mk(text, start, end, "range", keys, a.value, [a, b])];
}

/** Parses the two ends of a range, giving each the units the other states. */
function rangeEnds(
  text: string,
  s1: number, e1: number,
  s2: number, e2: number,
  suffixCurrency: string | undefined,
): [Figure, Figure] | { apart: [Figure, Figure] } | undefined {
  const t1 = text.slice(s1, e1);
  const t2 = text.slice(s2, e2);
  const m1 = QTY.exec(t1)?.groups;
  const m2 = QTY.exec(t2)?.groups;
  if (!m1?.num || !m2?.num) return undefined;
  // A percentage to an amount or a scaled number ("fell 12 percent to 42 million marks") is a change
  // and where it ended, not a range: each end keeps its own units.
  if (!!m1.pct !== !!m2.pct && (m1.pct ? m2.scale || m2.cur || suffixCurrency : m1.scale || m1.cur)) {
    const q1 = parseQuantity(t1);
    const q2 = parseQuantity(`${t2}${suffixCurrency && !m2.cur ? ` ${suffixCurrency}` : ""}`);
    return q1 && q2 ? { apart: [quantityFigure(text, s1, e1, q1), quantityFigure(text, s2, e2, q2)] } : undefined;
  }
  // Units: currency, scale and percent of either end apply to the other when it has none.
  const cur = m1.cur ?? m2.cur;
  const pct = m1.pct ?? m2.pct;
  let n1 = m1.num;
  let n2 = m2.num;
  const sc1 = m1.scale;
  const sc2 = m2.scale;
  let sc1eff = sc1;
  if (!sc1 && sc2 && Number(n1.replace(/,/g, "")) < Number(n2.replace(/,/g, ""))) sc1eff = sc2;
  // `1910–45`: a two-digit end after a year is in the same century.
  if (!cur && !pct && !sc1 && !sc2 && /^\d{4}$/.test(n1) && /^\d{2}$/.test(n2)) {
    const y = Number(n1);
    if (y >= 1000 && y <= 2199) n2 = String(Math.floor(y / 100) * 100 + Number(n2));
  }
  const build = (n: string, sc: string | undefined): string =>
    `${cur ?? ""}${cur && /[A-Za-z]$/.test(cur) ? " " : ""}${n}${sc ? ` ${sc}` : ""}${pct ? "%" : ""}${suffixCurrency && !cur ? ` ${suffixCurrency}` : ""}`;
  const q1 = parseQuantity(build(n1, sc1eff));
  const q2 = parseQuantity(build(n2, sc2));
  if (!q1 || !q2) return undefined;
  return [quantityFigure(text, s1, e1, q1), quantityFigure(text, s2, e2, q2)];
}

const DAY_RE = /(\d+)(?:st|nd|rd|th)?/g;
const YEAR_RE = /(?:1\d{3}|20\d{2}|21\d{2})(?!\d)/;

function parseMatch(text: string, name: string, alternative: number, m: RegExpExecArray, out: Figure[]): void {
  const start = m.index;
  const end = start + m[0].length;
  const raw = m[0];
  switch (name) {
    case "iso": {
      const [y, mo, d] = raw.split("-").map(Number);
      const k = dateKeys(y, mo, d);
      out.push(mk(text, start, end, "date", k.keys, k.value));
      return;
    }
    case "dmy":
    case "mdy":
    case "dmyr":
    case "mdyr": {
      const monthName = new RegExp(MONTH_CAP, "u").exec(raw)![0];
      const month = monthOf(monthName.trim());
      const monthAt = raw.indexOf(monthName);
      // Days: the numbers before the month (dmy) or right after it (mdy); the year is last.
      const yearM = name.startsWith("mdy") ? /,?\s+((?:1\d{3}|20\d{2}|21\d{2}))$/.exec(raw) : YEAR_RE.exec(raw.slice(monthAt));
      const year = yearM ? Number(yearM[1] ?? yearM[0]) : undefined;
      const dayText = name.startsWith("dmy") ? raw.slice(0, monthAt) : raw.slice(monthAt + monthName.length, yearM && name.startsWith("mdy") ? yearM.index : undefined);
      const days: Array<{ d: number; s: number; e: number }> = [];
      const base = name.startsWith("dmy") ? 0 : monthAt + monthName.length;
      DAY_RE.lastIndex = 0;
      for (let dm = DAY_RE.exec(dayText); dm; dm = DAY_RE.exec(dayText)) days.push({ d: Number(dm[1]), s: base + dm.index, e: base + dm.index + dm[0].length });
      if (days.length === 1) {
        const k = dateKeys(year, month, days[0].d);
        out.push(mk(text, start, end, "date", k.keys, k.value));
        return;
      }
      if (days.length === 2) {
        const ka = dateKeys(year, month, days[0].d);
        const kb = dateKeys(year, month, days[1].d);
        const a = mk(text, start + days[0].s, start + days[0].e, "date", ka.keys, ka.value);
        const b = mk(text, start + days[1].s, start + days[1].e, "date", kb.keys, kb.value);
        // The ends' raw text is just the day; the range's raw text is the whole date.
        const figs = rangeFigure(text, start, end, a, b);
        if (figs.length === 1) {
          out.push(figs[0]);
          return;
        }
        // Descending days ("25–23 August"): two dates, each with its own text so that they do not
        // overlap. The month goes with the day written next to it, the year with the second day:
        // "25" and "23 August 2025"; "August 25" and "23, 2025".
        const [fa, fb] = figs;
        out.push(name.startsWith("dmy") ? fa : mk(text, start, fa.end, "date", fa.keys, fa.value), mk(text, fb.start, end, "date", fb.keys, fb.value));
      }
      return;
    }
    case "my": {
      const monthName = new RegExp(MONTH_CAP, "u").exec(raw)![0];
      const month = monthOf(monthName.trim());
      const year = Number(YEAR_RE.exec(raw.slice(monthName.length))![0]);
      out.push(mk(text, start, end, "date", [`month:${year}-${pad(month)}`, `part:year:${year}`], year * 10000 + month * 100));
      return;
    }
    case "btw":
    case "rng": {
      const again = INDICES_OF(alternative);
      again.lastIndex = m.index;
      const g = again.exec(text)!.indices!.groups!;
      const [i1, i2, ic] = name === "btw" ? [g.b1, g.b2, g.bc] : [g.r1, g.r2, g.rc];
      const sufCur = ic ? text.slice(ic[0], ic[1]) : undefined;
      const ends = rangeEnds(text, i1![0], i1![1], i2![0], i2![1], sufCur);
      if (!ends) return;
      if ("apart" in ends) {
        const [a, b] = ends.apart;
        out.push(a, ic ? { ...b, raw: text.slice(b.start, ic[1]), end: ic[1] } : b);
        return;
      }
      const figs = rangeFigure(text, start, end, ends[0], ends[1]);
      if (figs.length === 2 && ic) figs[1] = { ...figs[1], raw: text.slice(figs[1].start, ic[1]), end: ic[1] };
      out.push(...figs);
      return;
    }
    default: {
      const q = parseQuantity(raw);
      if (q) out.push(quantityFigure(text, start, end, q));
    }
  }
}

/**
 * The figures of a text, in order: digits and number words, and the word figures of
 * figureWords.ts (a digit inside one, the `6` of `6 p.m.`, is part of it). `asSource` adds what
 * a source states without the words (`from 40 to 80` doubles).
 */
export function extractFigures(text: string, asSource = false, lang = "en"): Figure[] {
  if (lang === "ja" || lang === "zh" || lang === "ko") return cjkFigures(text, lang, asSource);
  if (lang === "fr" || lang === "de" || lang === "es" || lang === "ru") return europeanFigures(text, lang, asSource);
  const words = extractFigureWords(text, asSource);
  const digits = extractDigitFigures(text);
  if (words.length === 0) return wordForms(text, digits);
  const own = words.filter((w) => w.keys.some((k) => !k.startsWith("part:")));
  const kept = outside(digits, own);
  const all = [...kept, ...own].sort((a, b) => a.start - b.start || b.end - a.end);
  // Figures of a text do not overlap: the first (longest) of two that do stays.
  const out: Figure[] = [];
  for (const f of all) if (!out.length || f.start >= out[out.length - 1].end) out.push(f);
  // What a source states without the words (`from 40 to 80`) overlaps its digits, by design.
  if (asSource) {
    const ownSet = new Set(own);
    for (const w of words) if (!ownSet.has(w)) out.push(w);
  }
  const merged = wordForms(text, out);
  return asSource ? merged.sort((a, b) => a.start - b.start || a.end - b.end) : merged;
}

const ORDINAL_WORD = /(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|teenth|tieth)$/i;
const DOZEN_AFTER = /^\s+dozen\b(?!s)/i;
const MONTH_AFTER = new RegExp(`^\\s+of\\s+(${MONTHS.map((m) => m[0].toUpperCase() + m.slice(1)).join("|")})(?![\\p{L}])(?:,?\\s+(1\\d{3}|20\\d{2}|21\\d{2})(?![\\p{L}\\p{N}]))?`, "u");

/**
 * Two forms the patterns read as two figures: a number of dozens (`two dozen` is 24, not 2 and
 * 12) and a day in words before a month (`the nineteenth of March [2025]` is a date). Figures
 * inside the new one are dropped, except a source's figures that only name what they hold.
 */
function wordForms(text: string, figures: Figure[]): Figure[] {
  const made: Figure[] = [];
  for (const f of figures) {
    // A source's bare number word is held as a part ("three" of "three dozen tugs"): it counts here.
    const n = numberInKeys(f);
    if (n === undefined || !Number.isInteger(n)) continue;
    const rest = text.slice(f.end, f.end + 40);
    let form: Figure | undefined;
    const dozen = DOZEN_AFTER.exec(rest);
    if (dozen && n > 0 && n < 100) {
      form = { raw: text.slice(f.start, f.end + dozen[0].length), start: f.start, end: f.end + dozen[0].length, kind: "count", keys: [`num:${n * 12}`], value: n * 12, ...(f.unit ? { unit: f.unit } : {}) };
    } else if (ORDINAL_WORD.test(f.raw) && n >= 1 && n <= 31) {
      const m = MONTH_AFTER.exec(rest);
      if (m) {
        const month = MONTHS.indexOf(m[1].toLowerCase()) + 1;
        const mm = String(month).padStart(2, "0");
        const dd = String(n).padStart(2, "0");
        const year = m[2] ? Number(m[2]) : undefined;
        const keys = year ? [`date:${year}-${mm}-${dd}`, `date:${mm}-${dd}`, `part:month:${year}-${mm}`, `part:year:${year}`] : [`date:${mm}-${dd}`];
        form = { raw: text.slice(f.start, f.end + m[0].length), start: f.start, end: f.end + m[0].length, kind: "date", keys, value: (year ?? 0) * 10000 + month * 100 + n };
      }
    }
    if (form) made.push(form);
  }
  return scaledWords(text, made.length ? replacing(figures, made) : figures);
}

/** The figures of `figures` (ordered by start) that lie inside none of `spans`: one sweep, linear after sorting. */
function outside(figures: readonly Figure[], spans: readonly Figure[]): Figure[] {
  if (!spans.length) return [...figures];
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const out: Figure[] = [];
  let k = 0;
  // The furthest end of the spans that start at or before the figure: it lies inside one of them when that reaches its end.
  let reach = -1;
  for (const f of [...figures].sort((a, b) => a.start - b.start)) {
    while (k < sorted.length && sorted[k].start <= f.start) reach = Math.max(reach, sorted[k++].end);
    if (reach < f.end) out.push(f);
  }
  return out;
}

/**
 * `figures` with `made` (non-overlapping) in place of the figures that overlap them; a source's
 * figures that only name what they hold stay. One sweep over both, in order.
 */
function replacing(figures: readonly Figure[], made: readonly Figure[]): Figure[] {
  const spans = [...made].sort((a, b) => a.start - b.start);
  const out: Figure[] = [];
  let k = 0;
  for (const g of [...figures].sort((a, b) => a.start - b.start)) {
    // Spans that end at or before g starts cannot overlap it, nor any later figure.
    while (k < spans.length && spans[k].end <= g.start) k++;
    const overlaps = k < spans.length && spans[k].start < g.end;
    if (!overlaps || g.keys.every((x) => x.startsWith("part:"))) out.push(g);
  }
  return [...out, ...spans].sort((a, b) => a.start - b.start || b.end - a.end);
}

const SCALE_VALUE: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12 };
const SMALL_VALUE: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
const TENS_WORD = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety";
const UNIT_WORD = "one|two|three|four|five|six|seven|eight|nine";
const TEEN_WORD = "eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen";
/**
 * Numbers in words that scale a part or a whole number: `a quarter of a million`, `three quarters
 * of a billion`, `half a million`, `one and a half billion`, `2 and a half million`, `twelve
 * hundred`, `twenty-five hundred` (not `twelve hundred and fifty`, which says more).
 */
const SCALED = new RegExp(
  String.raw`\b(?:(?:(?<q>a|one|three)\s+quarters?\s+of\s+a|(?<h>half)\s+a|(?:a\s+|one\s+)?(?<ho>half)\s+of\s+a|(?<w>${UNIT_WORD}|ten|${TEEN_WORD}|\d{1,3})\s+and\s+a\s+(?<fr>half|quarter))\s+(?<scale>thousand|million|billion|trillion)|(?<hund>${TEEN_WORD}|(?:${TENS_WORD})(?:[-‐\s](?:${UNIT_WORD}))?)\s+hundred(?!\s+(?:and\s+)?(?:${UNIT_WORD}|ten|${TEEN_WORD}|${TENS_WORD}|thousand|million|billion|trillion|\d)))(?![\p{L}\p{N}])`,
  "giu",
);

/** `scaledWords`' figures in place of what the patterns read in them (`a quarter` and `a million`; `twelve`). */
function scaledWords(text: string, figures: Figure[]): Figure[] {
  if (!/hundred|thousand|million|billion|trillion/i.test(text)) return figures;
  const made: Figure[] = [];
  SCALED.lastIndex = 0;
  for (let m = SCALED.exec(text); m; m = SCALED.exec(text)) {
    const g = m.groups!;
    let value: number;
    if (g.hund) {
      const [tens, unit] = g.hund.toLowerCase().split(/[-‐\s]/);
      value = ((SMALL_VALUE[tens] ?? 0) + (unit ? SMALL_VALUE[unit] ?? 0 : 0)) * 100;
    } else {
      const scale = SCALE_VALUE[g.scale.toLowerCase()];
      const part = g.q ? (g.q.toLowerCase() === "three" ? 0.75 : 0.25) : g.h || g.ho ? 0.5 : undefined;
      const whole = g.w ? SMALL_VALUE[g.w.toLowerCase()] ?? Number(g.w) : 0;
      value = (part ?? whole + (g.fr?.toLowerCase() === "half" ? 0.5 : 0.25)) * scale;
    }
    if (!(value > 0) || !Number.isFinite(value)) continue;
    const f: Figure = { raw: m[0], start: m.index, end: m.index + m[0].length, kind: "count", keys: [`num:${value}`], value };
    const unit = unitAfter(text, f.end);
    if (unit) f.unit = unit;
    made.push(f);
  }
  return made.length ? replacing(figures, made) : figures;
}

/**
 * The number a figure's keys state: `num:N` (and with `percent`, `percent:N`), or the same held as
 * a source's part (`part:num:4`, a bare number word).
 */
export function numberInKeys(f: Figure, percent = false): number | undefined {
  const key = f.keys.map((k) => (k.startsWith("part:") ? k.slice(5) : k)).find((k) => k.startsWith("num:") || (percent && k.startsWith("percent:")));
  const v = key ? Number(key.slice(key.indexOf(":") + 1)) : NaN;
  return Number.isFinite(v) ? v : undefined;
}

function extractDigitFigures(text: string): Figure[] {
  const out: Figure[] = [];
  SCAN.lastIndex = 0;
  for (let c = SCAN.exec(text); c; c = SCAN.exec(text)) {
    const ch = c[0].charCodeAt(0);
    const letter = (ch >= 65 && ch <= 90) || (ch >= 97 && ch <= 122);
    const word = letter ? c[0].toLowerCase() : "";
    if (letter && !STARTERS.has(word)) continue;
    const master = ch >= 48 && ch <= 57 ? MASTER_DIGIT() : letter ? masterForWord(word) : MASTER_SIGN();
    master.lastIndex = c.index;
    const m = master.exec(text);
    if (!m || m[0].length === 0) continue;
    SCAN.lastIndex = m.index + m[0].length;
    const groups = m.groups!;
    for (let alternative = 0; alternative < ALT_NAMES.length; alternative++) {
      const [group, name] = ALT_NAMES[alternative];
      if (groups[group] !== undefined) {
        const before = out.length;
        parseMatch(text, name, alternative, m, out);
        for (let k = before; k < out.length; k++) {
          const unit = unitAfter(text, out[k].end);
          if (unit) out[k].unit = unit;
        }
        break;
      }
    }
  }
  return out;
}

/** The noun after a figure (`13 hours`, `13 more hours`), or joined to it (`a 14-day strike`, `the 58-year-old mayor`). */
/** The word or two after a figure, or the word joined to it: a set of nouns is looked up, not a pattern of them tried. */
const UNIT_AFTER = /^(?:\s+(\p{L}+)(?:\s+(\p{L}+))?|[-‐](\p{L}+))/u;

/** The unit a figure counts, from the noun after it (`13 hours` → `hour`), in the singular. */
function unitAfter(text: string, end: number): string | undefined {
  const m = UNIT_AFTER.exec(text.slice(end, end + 60));
  if (!m) return undefined;
  // The noun right after the figure, else the one after a word between ("13 more hours"); a word
  // that runs on into a digit ("hours2") is none.
  const next = (w: string | undefined, at: number) => w !== undefined && UNIT_SET.has(w) && !/^[\p{N}]/u.test(text.slice(end + at, end + at + 1));
  const hit = m[3] !== undefined ? (next(m[3], m.index + m[0].length) ? m[3] : undefined) : next(m[1], m[0].indexOf(m[1]) + m[1].length) ? m[1] : m[2] !== undefined && next(m[2], m[0].length) ? m[2] : undefined;
  if (hit === undefined) return undefined;
  const w = hit.toLowerCase();
  if (w === "people" || w === "persons") return "person";
  if (w.endsWith("ies") && w !== "series") return `${w.slice(0, -3)}y`;
  if (w.endsWith("es") && /(?:ch|sh|x|s)es$/.test(w)) return w.slice(0, -2);
  return w.endsWith("s") && !w.endsWith("ss") ? w.slice(0, -1) : w;
}

// ---------------------------------------------------------------------------------------
// Matching

function ownKeys(f: Figure): string[] {
  return f.keys.filter((k) => !k.startsWith("part:"));
}
function allKeysStripped(f: Figure): string[] {
  return f.keys.map((k) => (k.startsWith("part:") ? k.slice(5) : k));
}
const CURRENCY_KEY = /^amount:([A-Z]{3}):/;
const FULL_DATE_KEY = /^date:\d{4}-/;

function contradicts(a: Figure, b: Figure): boolean {
  for (const re of [CURRENCY_KEY, FULL_DATE_KEY]) {
    const ka = allKeysStripped(a).filter((k) => re.test(k));
    const kb = allKeysStripped(b).filter((k) => re.test(k));
    if (ka.length && kb.length && !ka.some((k) => kb.includes(k))) return true;
  }
  return false;
}

/**
 * Whether a source's figure supports (matches) a brief's figure: it holds one of the
 * brief figure's own keys, as its own or as a `part:` key, and does not contradict it
 * (both name a currency and they differ; both are full dates and they differ).
 */
export function figureMatches(figure: Figure, sourceFigure: Figure): boolean {
  const keys = sourceFigure.keys;
  let shared = false;
  for (const k of ownKeys(figure)) {
    if (keys.includes(k) || keys.includes(`part:${k}`)) {
      shared = true;
      break;
    }
  }
  return shared && !contradicts(figure, sourceFigure);
}

const GROUP: Record<FigureKind, number> = { count: 0, amount: 0, year: 0, percent: 1, date: 2, range: 3, share: 1, times: 4, time: 5 };

/** Digit edits between two figures' values, adjacent swaps counting one (the engine's one edit distance). */
function osa(a: string, b: string): number {
  return editDistance(a, b, Infinity, true);
}

function valueString(f: Figure): string {
  const k = ownKeys(f)[0] ?? "";
  return k.slice(k.lastIndexOf(":") + 1);
}

/** How far apart two figures are, for choosing the closest: relative difference weighed by digit edits. */
function distance(a: Figure, b: Figure): number {
  const va = a.value;
  const vb = b.value;
  if (va === undefined || vb === undefined) return Number.POSITIVE_INFINITY;
  let rel: number;
  if (a.kind === "date" && b.kind === "date") {
    const da = va % 10000;
    const db = vb % 10000;
    rel = Math.abs(da - db) / 1231 + (va >= 10000 && vb >= 10000 && Math.floor(va / 10000) !== Math.floor(vb / 10000) ? 0.01 : 0);
  } else {
    const big = Math.max(Math.abs(va), Math.abs(vb));
    rel = big === 0 ? 0 : Math.abs(va - vb) / big;
  }
  const edits = osa(valueString(a).replace(/\D/g, ""), valueString(b).replace(/\D/g, ""));
  return rel * (1 + edits) ** 2 + edits * 1e-9;
}

/**
 * Looks for a brief's figure among a source's figures. Found when one of them supports it
 * ({@link figureMatches}), or, for a range, when each of its ends is supported. When not
 * found, `closest` is the source figure (or end of a source range) of the same kind (counts,
 * amounts and years count as one kind) nearest in value, digit edits weighing in so that a transposed figure is
 * offered (`$72.7 billion` → `$77.2 billion`); of any kind when none is of the same kind.
 */
export function findFigure(figure: Figure, sourceFigures: readonly Figure[]): { found: boolean; closest?: Figure } {
  for (const s of sourceFigures) if (figureMatches(figure, s)) return { found: true };
  if (figure.kind === "range" && figure.parts?.length) {
    if (figure.parts.every((p) => sourceFigures.some((s) => figureMatches(p, s)))) return { found: true };
  }
  const best = closestTwo(figure, sourceFigures, false).best;
  return best ? { found: false, closest: best.figure } : { found: false };
}

/**
 * `findFigure` and `unambiguousClosest` at once (one pass over the sources' figures for each):
 * what `number-mismatch` asks of every figure of every citing sentence.
 */
export function findFigureAndFix(figure: Figure, sourceFigures: readonly Figure[]): { found: boolean; closest?: Figure; meant?: Figure } {
  for (const s of sourceFigures) if (figureMatches(figure, s)) return { found: true };
  if (figure.kind === "range" && figure.parts?.length) {
    if (figure.parts.every((p) => sourceFigures.some((s) => figureMatches(p, s)))) return { found: true };
  }
  const two = closestTwo(figure, sourceFigures, figure.kind !== "range");
  return two.best ? { found: false, closest: two.best.figure, meant: meantOf(figure, two) } : { found: false };
}

/**
 * The source figures a brief's figure may have meant: the same unit first (hours for hours), then
 * the same kind (money for money, percent for percent), then any; with the ends of the source's
 * ranges. The nearest, and the nearest of another value (for `unambiguousClosest`), in one pass.
 */
function closestTwo(figure: Figure, sourceFigures: readonly Figure[], withOther = true): { best?: { figure: Figure; distance: number }; other?: { figure: Figure; distance: number }; sameUnit: boolean; sameKind: boolean } {
  const all: Figure[] = [];
  for (const s of sourceFigures) {
    all.push(s);
    if (s.parts) for (const p of s.parts) all.push(p);
  }
  let pool = all.filter((s) => GROUP[s.kind] === GROUP[figure.kind]);
  const sameKind = pool.length > 0;
  if (!sameKind) pool = all;
  let sameUnit = false;
  if (figure.unit) {
    const same = pool.filter((s) => s.unit === figure.unit);
    if (same.length) {
      pool = same;
      sameUnit = true;
    }
  }
  let best: { figure: Figure; distance: number } | undefined;
  for (const f of pool) {
    const d = distance(figure, f);
    if (!best || d < best.distance) best = { figure: f, distance: d };
  }
  let other: { figure: Figure; distance: number } | undefined;
  if (best && withOther) {
    for (const f of pool) {
      if (f.value === best.figure.value && f.kind === best.figure.kind) continue;
      const d = distance(figure, f);
      if (!other || d < other.distance) other = { figure: f, distance: d };
    }
  }
  return { best, other, sameUnit, sameKind };
}

/**
 * The source figure a brief's missing figure surely meant, for a fix: of the same kind (and the
 * same unit when it names one), with a value, and clearly nearer than every other value the
 * sources hold (a third of the next one's distance, or the only one). Undefined when in doubt.
 */
export function unambiguousClosest(figure: Figure, sourceFigures: readonly Figure[]): Figure | undefined {
  if (figure.kind === "range") return undefined;
  return meantOf(figure, closestTwo(figure, sourceFigures));
}

function meantOf(figure: Figure, two: ReturnType<typeof closestTwo>): Figure | undefined {
  const { best, other, sameUnit, sameKind } = two;
  if (figure.kind === "range" || !best || !sameKind || best.figure.kind === "range" || best.figure.value === undefined || (figure.unit && !sameUnit)) return undefined;
  if (other && !(best.distance * 3 <= other.distance)) return undefined;
  return best.figure;
}

/**
 * `extractFigures` of a brief's sentence, memoised (most sentences are unchanged between two
 * checks while someone types). The figures returned are shared: never change them.
 */
const englishSentenceFigures = memoizeText((t: string) => extractFigures(t), 2000);
/**
 * A source text's figures (`extractFigures(text, true)`, with what it states without the words:
 * `from 40 to 80`), remembered by text: the claim checks read the same sentences and windows again
 * and again.
 */
export const sourceTextFigures: (text: string) => Figure[] = memoizeText((t: string) => extractFigures(t, true), 4000);
const otherSentenceFigures = memoizeText((key: string) => {
  const at = key.indexOf("\u0000");
  return extractFigures(key.slice(at + 1), false, key.slice(0, at));
}, 500);
export function sentenceFigures(text: string, lang = "en"): Figure[] {
  return lang === "en" || lang === "und" ? englishSentenceFigures(text) : otherSentenceFigures(`${lang}\u0000${text}`);
}
