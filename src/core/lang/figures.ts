/**
 * Figures as French, German, Spanish, Russian, Japanese, Chinese and Korean write them, with the
 * same canonical keys as the English figures of match/figures.ts, so that `$77.2 billion`,
 * `77,2 milliards de dollars`, `77,2 Mrd. Dollar` and `772億ドル` are one figure
 * (`amount:USD:77200000000`), and `23 August`, `23 août`, `23. August`, `8月23日` and `8월 23일`
 * one date (`date:08-23`).
 *
 * - European: decimal comma (`77,2`), thousands by space, no-break space or dot (`80 000`,
 *   `80.000`), scale words (`milliards`, `Mrd.`, `mil millones`, `млрд`), percent (`15 %`,
 *   `15 Prozent`, `15 por ciento`, `15 процентов`), currencies before or after, dates with
 *   month names (`23 de agosto de 2025`, `23 августа 2025 года`) or in digits day first
 *   (`23.08.2025`, `23/08/2025`), years.
 * - CJK: Arabic, full-width and Chinese numerals (`二十三`, `二〇二五`), the units 万/萬, 億/亿, 兆
 *   and Korean 천, 만, 억, 조 (`1万5千`, `772億`, `1억 5천만`), dates (`2025年8月23日`,
 *   `八月二十三日`, `8월 23일`), percent (`15%`, `15パーセント`, `百分之十五`, `15퍼센트`) and
 *   currencies after the number (`ドル`, `美元`, `달러`, `円`, `元`, `원`, `ユーロ`).
 *
 * Each pattern is a single left-to-right regular-expression scan: linear in the text.
 */
import type { Figure, FigureKind } from "../match/figures";
import { periodOf } from "../match/figureWords";

// ---------------------------------------------------------------------------------------
// Keys and values (the conventions of match/figures.ts)

const pad = (n: number): string => String(n).padStart(2, "0");

/** A number as a canonical decimal string (no exponent, no trailing zeros). */
function canon(n: number): string {
  if (!Number.isFinite(n)) return "NaN";
  if (Number.isInteger(n)) return BigInt(Math.round(n)).toString();
  // At most 6 decimals: the values here come from at most a few written decimals times a scale.
  return n.toFixed(6).replace(/0+$/, "").replace(/\.$/, "");
}

/** Multiplies a written decimal by 10^exp without floating-point error (`77.2`, 9 → 77200000000). */
function scaled(intPart: string, fracPart: string, exp: number): number {
  let int = intPart;
  let frac = fracPart;
  if (exp > 0) {
    int += frac.slice(0, exp).padEnd(exp, "0");
    frac = frac.slice(exp);
  }
  return Number(frac ? `${int}.${frac}` : int);
}

function mk(text: string, start: number, end: number, kind: FigureKind, keys: string[], value: number | undefined): Figure {
  const f: Figure = { raw: text.slice(start, end), start, end, kind, keys };
  if (value !== undefined && Number.isFinite(value)) f.value = value;
  return f;
}

function quantity(text: string, start: number, end: number, value: number, opts: { percent?: boolean; currency?: string; scaled?: boolean; digits?: string }): Figure {
  const v = canon(value);
  if (opts.percent) return mk(text, start, end, "percent", [`percent:${v}`], value);
  if (opts.currency) return mk(text, start, end, "amount", [`amount:${opts.currency}:${v}`, `num:${v}`], value);
  if (!opts.scaled && opts.digits !== undefined && /^\d{4}$/.test(opts.digits) && value >= 1000 && value <= 2199) return mk(text, start, end, "year", [`year:${v}`, `num:${v}`], value);
  return mk(text, start, end, "count", [`num:${v}`], value);
}

function dateFigure(text: string, start: number, end: number, year: number | undefined, month: number, day: number | undefined): Figure | undefined {
  if (month < 1 || month > 12) return undefined;
  if (day === undefined) {
    if (year === undefined) return undefined; // a month alone is no figure here
    return mk(text, start, end, "date", [`month:${year}-${pad(month)}`, `part:year:${year}`, `part:monthname:${month}`], year * 10000 + month * 100);
  }
  if (day < 1 || day > 31) return undefined;
  const md = `${pad(month)}-${pad(day)}`;
  if (year === undefined) return mk(text, start, end, "date", [`date:${md}`, `part:monthname:${month}`], month * 100 + day);
  return mk(text, start, end, "date", [`date:${year}-${md}`, `date:${md}`, `part:month:${year}-${pad(month)}`, `part:year:${year}`, `part:monthname:${month}`], year * 10000 + month * 100 + day);
}

/** A month named alone (`en août`, `8月`): a claim's is a figure the source must hold; a source's every month counts. */
function monthAlone(text: string, start: number, end: number, month: number, asSource: boolean): Figure | undefined {
  if (month < 1 || month > 12) return undefined;
  return mk(text, start, end, "date", [asSource ? `part:monthname:${month}` : `monthname:${month}`], undefined);
}

// ---------------------------------------------------------------------------------------
// French, German, Spanish, Russian

const MONTHS: Record<string, string[]> = {
  fr: ["janvier", "février|fevrier", "mars", "avril", "mai", "juin", "juillet", "août|aout", "septembre", "octobre", "novembre", "décembre|decembre"],
  de: ["januar|jänner", "februar", "märz|maerz", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "dezember"],
  es: ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre|setiembre", "octubre", "noviembre", "diciembre"],
  // Russian: the genitive of dates ("23 августа"), the nominative and the prepositional ("в августе").
  ru: ["январ[ьяе]", "феврал[ьяе]", "марта?|марте", "апрел[ьяе]", "ма[йяе]", "июн[ьяе]", "июл[ьяе]", "августа?|августе", "сентябр[ьяе]", "октябр[ьяе]", "ноябр[ьяе]", "декабр[ьяе]"],
};

/** Scale words and abbreviations, with their power of ten (French and German `billion` is 10^12). */
const SCALES: Record<string, Array<[string, number]>> = {
  fr: [["milliards?|mds?\\.?|mrds?\\.?", 9], ["millions?|mio\\.?|m(?=\\s*(?:€|\\$|d[e']))", 6], ["billions?", 12], ["mille", 3]],
  de: [["milliarden?|mrd\\.?", 9], ["millionen|million|mio\\.?", 6], ["billionen|billion|bio\\.?", 12], ["tausend|tsd\\.?", 3]],
  es: [["mil\\s+millones|millardos?", 9], ["millones|millón|millon|mill\\.?", 6], ["billones|billón|billon", 12], ["mil", 3]],
  ru: [["миллиард(?:а|ов)?|млрд\\.?", 9], ["миллион(?:а|ов)?|млн\\.?", 6], ["триллион(?:а|ов)?|трлн\\.?", 12], ["тысяч[аи]?|тыс\\.?", 3]],
};

const PERCENT: Record<string, string> = {
  fr: "%|pour\\s*cent|pourcent|points?\\s+de\\s+pourcentage",
  de: "%|prozent(?:punkte?)?",
  es: "%|por\\s+ciento|puntos?\\s+porcentuales?",
  ru: "%|процент(?:а|ов)?|процентн(?:ый|ых)\\s+пункт(?:а|ов)?|п\\.\\s?п\\.",
};

/** Currency words after a number (after `de`, `d'` in French and Spanish), and their ISO codes. */
const CURRENCY_AFTER: Array<[string, string]> = [
  ["(?:us-?)?dollars?|dólar(?:es)?|dolar(?:es)?|доллар(?:а|ов)?(?:\\s+сша)?|долл\\.?|\\$|us\\$", "USD"],
  ["euros?|евро|€", "EUR"],
  ["yens?|иен|йен", "JPY"],
  ["yuans?|юан(?:ь|я|ей)", "CNY"],
  ["wons?|вон", "KRW"],
  ["livres?\\s+sterling|livres?|pfund|libras?(?:\\s+esterlinas?)?|фунт(?:а|ов)?(?:\\s+стерлингов)?|£", "GBP"],
  ["roubles?|rubel|rubl(?:e|es|os?)|рубл(?:ь|я|ей)|руб\\.?|₽", "RUB"],
  ["francs?\\s+suisses|franken|chf", "CHF"],
];
const CURRENCY_BEFORE: Record<string, string> = { "$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₽": "RUB", "₩": "KRW" };

const NUM_EU = String.raw`\d{1,3}(?:[ \u00A0\u202F.]\d{3})+(?:,\d+)?(?!\d)|\d+,\d+|\d+\.\d{1,2}(?!\d)|\d+`;

interface EuropeanPatterns {
  date: RegExp;
  number: RegExp;
  monthIndex: (word: string) => number;
}

const europeanCache = new Map<string, EuropeanPatterns>();

function europeanPatterns(lang: string): EuropeanPatterns {
  let p = europeanCache.get(lang);
  if (p) return p;
  const months = MONTHS[lang];
  const monthAlt = months.join("|");
  const monthRes = months.map((m) => new RegExp(`^(?:${m})$`, "iu"));
  const ofWord = lang === "es" ? String.raw`(?:\s+de)?` : "";
  const yearTail = lang === "es" ? String.raw`(?:\s+(?:de|del)\s+|\s+)` : String.raw`\s+`;
  const ruYear = lang === "ru" ? String.raw`(?:\s*(?:года|год|г\.))?` : "";
  const date = new RegExp(
    // 1: ISO; 2-4: day-first digits; 5-7: day month [year]; 8-9: month year; 10: a month alone.
    String.raw`(?<![\p{L}\p{N}])(?:(\d{4}-\d{2}-\d{2})|(\d{1,2})[./](\d{1,2})[./](\d{4})|(\d{1,2})(?:er|\.|º|°)?${ofWord}\s+(${monthAlt})(?:${yearTail}(\d{4}))?${ruYear}|(${monthAlt})${ofWord}${yearTail}(\d{4})${ruYear}|(${monthAlt}))(?![\p{L}\p{N}])`,
    "giu",
  );
  const scales = SCALES[lang].map(([re]) => `(?:${re})`).join("|");
  const currencyAfter = CURRENCY_AFTER.map(([re]) => `(?:${re})`).join("|");
  const number = new RegExp(
    String.raw`(?<![\p{L}\p{N},.])(?:(?<pre>us\$|[$€£¥₽₩])\s?)?(?<num>${NUM_EU})(?:\s?(?<scale>${scales})(?![\p{L}]))?(?:\s?(?<pct>${PERCENT[lang]})(?![\p{L}]))?(?:\s?(?:de\s+|d['’]\s?)?(?<cur>${currencyAfter})(?![\p{L}]))?`,
    "giu",
  );
  p = { date, number, monthIndex: (w) => monthRes.findIndex((re) => re.test(w)) + 1 };
  europeanCache.set(lang, p);
  return p;
}

function scaleOf(lang: string, word: string): number {
  for (const [re, exp] of SCALES[lang]) if (new RegExp(`^(?:${re})$`, "iu").test(word)) return exp;
  return 0;
}

function currencyOf(word: string): string | undefined {
  const w = word.toLowerCase();
  if (CURRENCY_BEFORE[w]) return CURRENCY_BEFORE[w];
  for (const [re, code] of CURRENCY_AFTER) if (new RegExp(`^(?:${re})$`, "iu").test(w)) return code;
  return undefined;
}

/** A time of day as a figure (`time:14:30`), as the English figures give it. */
function timeFigure(text: string, start: number, end: number, hour: number, minute: number): Figure | undefined {
  if (hour > 24 || minute > 59) return undefined;
  const h = hour === 24 ? 0 : hour;
  return mk(text, start, end, "time", [`time:${pad(h)}:${pad(minute)}`, `part:period:${periodOf(h)}`], h * 100 + minute);
}

/** Times of day: `14 h 30`, `14h30`, `14:30`, `14.30 Uhr`, `14 Uhr`, `a las 14.30`, `в 14:30`, `в 14 часов`. */
const EU_TIME = new RegExp(
  String.raw`(?<![\p{L}\p{N}.,:])(?:([01]?\d|2[0-3])\s?h\s?([0-5]\d)?(?![\p{L}\p{N}])|([01]?\d|2[0-3])[:.]([0-5]\d)\s?(?:uhr|h)(?![\p{L}])|([01]?\d|2[0-3]):([0-5]\d)(?![\d:])|([01]?\d|2[0-3])\s?uhr(?![\p{L}])|(?<=(?:^|[^\p{L}])в\s)([01]?\d|2[0-3])\s?час(?:а|ов)?(?![\p{L}])|(?<=\blas\s)([01]?\d|2[0-3])[.:]([0-5]\d)(?![\d]))`,
  "giu",
);

/** The figures of a French, German, Spanish or Russian text. */
export function europeanFigures(text: string, lang: string, asSource = false): Figure[] {
  const { date, number, monthIndex } = europeanPatterns(lang);
  const out: Figure[] = [];
  const taken: Array<[number, number]> = [];
  EU_TIME.lastIndex = 0;
  for (let m = EU_TIME.exec(text); m; m = EU_TIME.exec(text)) {
    const h = m[1] ?? m[3] ?? m[5] ?? m[7] ?? m[8] ?? m[9];
    const min = m[2] ?? m[4] ?? m[6] ?? m[10] ?? "0";
    const f = timeFigure(text, m.index, m.index + m[0].length, Number(h), Number(min));
    if (f) {
      out.push(f);
      taken.push([f.start, f.end]);
    }
  }
  date.lastIndex = 0;
  for (let m = date.exec(text); m; m = date.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    let f: Figure | undefined;
    if (m[1]) {
      const [y, mo, d] = m[1].split("-").map(Number);
      f = dateFigure(text, start, end, y, mo, d);
    } else if (m[2]) f = dateFigure(text, start, end, Number(m[4]), Number(m[3]), Number(m[2]));
    else if (m[5]) f = dateFigure(text, start, end, m[7] ? Number(m[7]) : undefined, monthIndex(m[6]), Number(m[5]));
    else if (m[8]) f = dateFigure(text, start, end, Number(m[9]), monthIndex(m[8]), undefined);
    // "mai" is a month; German "Mai" too; a capital-less Spanish or Russian month word is one as well.
    else if (m[10]) f = monthAlone(text, start, end, monthIndex(m[10]), asSource);
    if (f && !taken.some(([a, b]) => a < end && start < b)) {
      out.push(f);
      taken.push([start, end]);
    }
  }
  taken.sort((a, b) => a[0] - b[0]);
  number.lastIndex = 0;
  let t = 0;
  for (let m = number.exec(text); m; m = number.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    while (t < taken.length && taken[t][1] <= start) t++;
    if (t < taken.length && taken[t][0] < end) continue;
    const g = m.groups!;
    const raw = g.num;
    let int: string;
    let frac = "";
    if (/,\d+$/.test(raw)) {
      const at = raw.lastIndexOf(",");
      int = raw.slice(0, at).replace(/[ \u00A0\u202F.]/g, "");
      frac = raw.slice(at + 1);
    } else if (/^\d+\.\d{1,2}$/.test(raw)) {
      [int, frac] = raw.split(".");
    } else int = raw.replace(/[ \u00A0\u202F.]/g, "");
    const exp = g.scale ? scaleOf(lang, g.scale.replace(/\s+/g, " ").trim()) : 0;
    const value = scaled(int, frac, exp);
    const currency = g.pre ? currencyOf(g.pre) : g.cur ? currencyOf(g.cur.replace(/\s+/g, " ").trim()) : undefined;
    const digits = !frac && !g.scale && !/[ \u00A0\u202F.]/.test(raw) ? raw : undefined;
    out.push(quantity(text, start, end, value, { percent: !!g.pct, currency, scaled: !!g.scale, digits }));
  }
  return out.sort((a, b) => a.start - b.start);
}

// ---------------------------------------------------------------------------------------
// Japanese, Chinese, Korean

const KANJI_DIGIT: Record<string, number> = { "〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9 };
const SMALL_UNIT: Record<string, number> = { "十": 10, "百": 100, "千": 1000, "천": 1000, "백": 100, "십": 10 };
const BIG_UNIT: Record<string, number> = { "万": 1e4, "萬": 1e4, "億": 1e8, "亿": 1e8, "兆": 1e12, "만": 1e4, "억": 1e8, "조": 1e12 };

/**
 * A number: Arabic digits (with `,` thousands and `.` decimals) or a run of Chinese digits, then
 * units, each unit optionally followed by more digits (`1万5000`, `二十三`), or after a space by
 * a number with its unit (`1억 5천만`). Every character has one role (a digit, or a unit), so a
 * failed match backtracks over little, and a number holds at most eight groups: linear.
 */
const CJK_NUMBER = String.raw`(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[〇零一二两兩三四五六七八九]+`;
const CJK_UNIT = "[十百千万萬億亿兆천백만억조]";
// At most eight unit groups (`1兆2千3百4十5億6千7百8十万` has seven): each attempt is bounded, so the scan stays linear.
const NUMERAL = String.raw`(?:(?:${CJK_NUMBER})|[十百千](?:${CJK_NUMBER})?)(?:${CJK_UNIT}(?:${CJK_NUMBER})?|\s(?=\d{1,6}${CJK_UNIT})\d{1,6}(?=${CJK_UNIT})){0,8}`;

const CJK_CURRENCY: Array<[string, string]> = [
  ["米ドル|ドル|美元|美金|달러|불", "USD"],
  ["円|日元|日圓|엔", "JPY"],
  ["人民元|人民币|人民幣|元|위안", "CNY"],
  ["ウォン|韩元|韓元|원", "KRW"],
  ["ユーロ|欧元|歐元|유로", "EUR"],
  ["ポンド|英镑|英鎊|파운드", "GBP"],
  ["ルーブル|卢布|盧布|루블", "RUB"],
];
const CJK_CURRENCY_RE = CJK_CURRENCY.map(([re]) => re).join("|");

const CJK_DATE = new RegExp(
  // 1-3: year month day (年月日, 년월일); 4-5: month day; 6-7: year month; 8: year alone; 9: a month alone.
  String.raw`(?<![\d〇零一二三四五六七八九十])(?:(${NUMERAL})\s?[年년]\s?(${NUMERAL})\s?[月월]\s?(${NUMERAL})\s?[日일]|(${NUMERAL})\s?[月월]\s?(${NUMERAL})\s?[日일号號]|(${NUMERAL})\s?[年년]\s?(${NUMERAL})\s?[月월](?!\s?\d)|(\d{4}|[〇零一二三四五六七八九]{4})\s?[年년](?![度間间])|(\d{1,2}|[一二三四五六七八九十]{1,3})\s?[月월](?![間间]))`,
  "gu",
);
const CJK_QUANTITY = new RegExp(
  String.raw`(?:(?<pre>US\$|\$|[¥￥₩€£])\s?)?(?:百分之(?<pctw>${NUMERAL})|(?<num>${NUMERAL}))(?:\s?(?<pct>%\s?(?:ポイント|포인트|p)?|％|パーセント(?:ポイント)?|퍼센트(?:포인트)?|프로|个百分点|個百分點))?(?:\s?(?<cur>${CJK_CURRENCY_RE}))?`,
  "gu",
);

/** The value of a CJK number (`772億`, `1万5千`, `二十三`, `二〇二五`, `1억 5천만`). */
export function cjkNumberValue(raw: string): number | undefined {
  let total = 0;
  let section = 0;
  let current: number | undefined;
  let kanjiRun = "";
  const flushKanji = () => {
    if (kanjiRun) {
      current = Number(kanjiRun);
      kanjiRun = "";
    }
  };
  const s = raw.replace(/\s+/g, "");
  for (let i = 0; i < s.length; ) {
    const ch = s[i];
    const digits = /^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?/.exec(s.slice(i, i + 40));
    if (digits) {
      flushKanji();
      current = Number(digits[0].replace(/,/g, ""));
      i += digits[0].length;
      continue;
    }
    if (KANJI_DIGIT[ch] !== undefined) {
      kanjiRun += String(KANJI_DIGIT[ch]);
      i++;
      continue;
    }
    flushKanji();
    if (SMALL_UNIT[ch] !== undefined) {
      section += (current ?? 1) * SMALL_UNIT[ch];
      current = undefined;
    } else if (BIG_UNIT[ch] !== undefined) {
      const part = section + (current ?? 0);
      total += (part === 0 ? 1 : part) * BIG_UNIT[ch];
      section = 0;
      current = undefined;
    } else return undefined;
    i++;
  }
  flushKanji();
  const v = total + section + (current ?? 0);
  return Number.isFinite(v) ? Math.round(v * 1e6) / 1e6 : undefined;
}

function cjkCurrency(word: string | undefined, pre: string | undefined, lang: string): string | undefined {
  if (pre) {
    if (pre === "$" || pre === "US$") return "USD";
    if (pre === "₩") return "KRW";
    if (pre === "€") return "EUR";
    if (pre === "£") return "GBP";
    return lang === "zh" ? "CNY" : "JPY"; // ¥ ￥
  }
  if (!word) return undefined;
  for (const [re, code] of CJK_CURRENCY) if (new RegExp(`^(?:${re})$`, "u").test(word)) return code;
  return undefined;
}

/** Full-width digits and signs as ASCII, one character for one (offsets stay). */
function halfWidth(text: string): string {
  return text.replace(/[\uFF10-\uFF19\uFF05\uFF0C\uFF0E\uFF04]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** Times of day: `14時30分`, `午後2時`, `下午2点30分`, `오후 2시 30분`, `14:30`. */
const CJK_TIME = new RegExp(
  String.raw`(?<![\d:])(?:(午前|午後|上午|下午|晚上|早上|오전|오후)\s?)?(?:(\d{1,2}|[一二三四五六七八九十]{1,3})\s?[時时点點시](?:\s?(\d{1,2}|[一二三四五六七八九十]{1,3}|半)\s?[分분]?)?(?![間间간])|([01]?\d|2[0-3]):([0-5]\d)(?![\d:]))`,
  "gu",
);

/** The figures of a Japanese, Chinese or Korean text. */
export function cjkFigures(original: string, lang: string, asSource = false): Figure[] {
  const text = halfWidth(original);
  const out: Figure[] = [];
  const taken: Array<[number, number]> = [];
  CJK_TIME.lastIndex = 0;
  for (let m = CJK_TIME.exec(text); m; m = CJK_TIME.exec(text)) {
    let hour = cjkNumberValue(m[2] ?? m[4] ?? "");
    const minute = m[3] === "半" ? 30 : m[3] ? cjkNumberValue(m[3]) : m[5] ? Number(m[5]) : 0;
    if (hour === undefined || minute === undefined) continue;
    const pm = m[1] && /午後|下午|晚上|오후/.test(m[1]);
    if (pm && hour < 12) hour += 12;
    if (m[1] && /午前|上午|早上|오전/.test(m[1]) && hour === 12) hour = 0;
    // A bare `3時` reads as a time; `3点` alone is a point in Chinese only with a minute or a part of the day.
    if (!m[1] && !m[3] && !m[4] && /[点點]/.test(m[0])) continue;
    const f = timeFigure(original, m.index, m.index + m[0].length, hour, minute);
    if (f) {
      out.push(f);
      taken.push([f.start, f.end]);
    }
  }
  CJK_DATE.lastIndex = 0;
  for (let m = CJK_DATE.exec(text); m; m = CJK_DATE.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    const v = (s: string | undefined) => (s === undefined ? undefined : cjkNumberValue(s));
    let f: Figure | undefined;
    if (m[1]) f = dateFigure(original, start, end, v(m[1]), v(m[2])!, v(m[3]));
    else if (m[4]) f = dateFigure(original, start, end, undefined, v(m[4])!, v(m[5]));
    else if (m[6]) f = dateFigure(original, start, end, v(m[6]), v(m[7])!, undefined);
    else if (m[8]) {
      const y = v(m[8]);
      if (y !== undefined && y >= 1000 && y <= 2199) f = mk(original, start, end, "year", [`year:${y}`, `num:${y}`], y);
    } else if (m[9]) f = monthAlone(original, start, end, v(m[9]) ?? 0, asSource);
    if (f && !taken.some(([a, b]) => a < end && start < b)) {
      out.push(f);
      taken.push([start, end]);
    }
  }
  taken.sort((a, b) => a[0] - b[0]);
  CJK_QUANTITY.lastIndex = 0;
  let t = 0;
  for (let m = CJK_QUANTITY.exec(text); m; m = CJK_QUANTITY.exec(text)) {
    if (m[0].length === 0) {
      CJK_QUANTITY.lastIndex++;
      continue;
    }
    let start = m.index;
    const end = start + m[0].length;
    while (/\s/.test(text[start])) start++;
    while (t < taken.length && taken[t][1] <= start) t++;
    if (t < taken.length && taken[t][0] < end) continue;
    const g = m.groups!;
    const numeral = (g.pctw ?? g.num ?? "").trim();
    // A lone Chinese numeral character is a word, not a figure (一 "one", 十分 "enough"), unless a unit says so.
    if (/^[〇零一二两兩三四五六七八九十百千]$/.test(numeral) && !g.pct && !g.cur && !g.pctw) continue;
    if (/^[十百千]/.test(numeral) && numeral.length > 1 && /^[十百千]+$/.test(numeral)) continue;
    const value = cjkNumberValue(numeral);
    if (value === undefined) continue;
    const scaledNum = /[十百千万萬億亿兆천백만억조]/.test(numeral);
    const digits = /^\d+$/.test(numeral) ? numeral : undefined;
    const currency = cjkCurrency(g.cur, g.pre, lang);
    out.push(quantity(original, start, end, value, { percent: !!(g.pct || g.pctw), currency, scaled: scaledNum, digits }));
  }
  return out.sort((a, b) => a.start - b.start);
}
