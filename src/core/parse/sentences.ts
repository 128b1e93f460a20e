/** Splits a paragraph into sentences as a reader would. */

const ABBREVIATIONS = new Set(
  [
    "mr", "mrs", "ms", "dr", "prof", "st", "sr", "jr", "gen", "col", "lt", "sgt", "gov", "sen", "rep", "rev", "hon",
    "e.g", "i.e", "etc", "vs", "approx", "cf", "al", "inc", "ltd", "corp", "co", "no", "nos", "p", "pp", "vol", "fig", "ed", "est",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "wed", "thu", "fri", "sat", "sun",
    "u.s", "u.k", "u.n", "e.u", "a.m", "p.m", "ph.d", "mt", "ft", "dept", "univ", "assn", "bros",
  ],
);

/** Abbreviations after which a capitalised word still continues the sentence (titles, "No. 5"). */
const TITLES = new Set(["mr", "mrs", "ms", "dr", "prof", "st", "gen", "col", "lt", "sgt", "gov", "sen", "rep", "rev", "hon", "no", "nos", "p", "pp", "vol", "fig", "mt", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "approx", "cf", "vs"]);

/**
 * Other languages' abbreviations: none ends a sentence (a capital after `M.`, `Dr.`, `z. B.` or
 * `млн.` continues it), except those that often close one (`etc.`, `usw.`, `г.`).
 */
const OTHER_ABBREVIATIONS: Record<string, ReadonlySet<string>> = {
  fr: new Set(["m", "mm", "mme", "mmes", "mlle", "dr", "pr", "me", "st", "ste", "av", "env", "cf", "p", "vol", "n°", "no", "janv", "févr", "fév", "avr", "juil", "sept", "oct", "nov", "déc", "md", "mds", "mrd", "gén", "col", "lt", "cie"]),
  de: new Set(["z.b", "bzw", "ca", "dr", "hr", "hrn", "fr", "nr", "s", "u.a", "vgl", "mio", "mrd", "bspw", "evtl", "jan", "feb", "jh", "st", "prof", "abs", "inkl", "d.h", "z.t", "sog", "gem", "ggf", "o.ä", "mind", "max", "min", "zzgl", "bzgl"]),
  es: new Set(["sr", "sra", "srta", "sres", "dr", "dra", "ud", "uds", "pág", "págs", "núm", "aprox", "ene", "feb", "mar", "abr", "jun", "jul", "ago", "sept", "oct", "nov", "dic", "ee.uu", "av", "avda", "gral", "lic", "ing", "mill", "mín", "máx"]),
  ru: new Set(["т.е", "т.к", "т.н", "др", "млн", "млрд", "трлн", "тыс", "руб", "долл", "им", "ул", "св", "см", "стр", "янв", "февр", "авг", "сент", "окт", "нояб", "дек", "проф", "акад", "ген", "чел", "ок", "гос"]),
};

const CLOSERS = "\"'”’»›)]*_」』）";
/** German closes a quotation with `“` (opened with `„`). */
const CLOSERS_DE = CLOSERS + "“‘";
const OPENERS = "\"'“‘«‹„‚([*_「『（";

/**
 * Sentence spans (offsets into `text`, trimmed). `.`, `!`, `?` end a sentence before white space
 * and a capital, digit or opening quote; abbreviations, decimals, initials and ellipses followed
 * by a lower-case word do not. Nothing inside square brackets ends a sentence, and a citation
 * right after a full stop belongs to the sentence before it. CJK `。！？` and the danda `।` end
 * sentences without white space.
 */
export function splitSentences(text: string, lang = "en"): Array<{ start: number; end: number }> {
  const other = OTHER_ABBREVIATIONS[lang];
  const closers = lang === "de" ? CLOSERS_DE : CLOSERS;
  const out: Array<{ start: number; end: number }> = [];
  let start = 0;
  let depth = 0;
  const n = text.length;
  const closeAfter = nextCloseTable(text);
  const attachCitation = (e: number): number => (text[e] === "[" && text[e + 1] === "@" && closeAfter[e] >= 0 ? closeAfter[e] + 1 : e);
  const push = (s: number, e: number) => {
    while (s < e && /\s/.test(text[s])) s++;
    while (e > s && /\s/.test(text[e - 1])) e--;
    if (e > s) out.push({ start: s, end: e });
  };
  for (let i = 0; i < n; i++) {
    const c = text[i];
    if (c === "[") depth++;
    else if (c === "]") depth = Math.max(0, depth - 1);
    if (depth > 0) continue;
    if (c === "。" || c === "！" || c === "？" || c === "।" || c === "॥") {
      let e = i + 1;
      while (e < n && closers.includes(text[e])) e++;
      e = attachCitation(e);
      push(start, e);
      start = e;
      i = e - 1;
      continue;
    }
    if (c !== "." && c !== "!" && c !== "?" && c !== "…") continue;
    // Run of terminators (e.g. "?!", "...").
    let e = i + 1;
    while (e < n && (text[e] === "." || text[e] === "!" || text[e] === "?" || text[e] === "…")) e++;
    const run = text.slice(i, e);
    while (e < n && closers.includes(text[e])) e++;
    // A citation glued to the stop ("2024.[@a]") belongs here.
    const afterCitation = attachCitation(e);
    let j = afterCitation;
    if (j < n && !/\s/.test(text[j])) {
      i = e - 1;
      continue; // "3.5", "U.S.", "example.com": no white space after the stop
    }
    while (j < n && /\s/.test(text[j])) j++;
    if (j >= n) {
      push(start, afterCitation);
      start = n;
      break;
    }
    // A citation standing after the full stop belongs to this sentence: look past it.
    let end = afterCitation;
    let k = j;
    if (text[j] === "[" && text[j + 1] === "@") {
      const close = closeAfter[j];
      if (close > 0) {
        end = close + 1;
        while (end < n && /[.,;:]/.test(text[end])) end++;
        k = end;
        while (k < n && /\s/.test(text[k])) k++;
        if (k >= n) {
          push(start, end);
          start = n;
          break;
        }
      }
    }
    let next = k;
    while (next < n && OPENERS.includes(text[next])) next++;
    const nextChar = text[next] ?? "";
    if (!/[\p{Lu}\p{Lt}\p{N}\p{Lo}]/u.test(nextChar)) {
      i = e - 1;
      continue;
    }
    if (run === "." && (isAbbreviation(text, i) || (other !== undefined && otherAbbreviation(text, i, other, lang)))) {
      i = e - 1;
      continue;
    }
    if ((run === "..." || run === "…") && !/[\p{Lu}\p{N}]/u.test(nextChar)) {
      i = e - 1;
      continue;
    }
    push(start, end);
    start = end;
    i = end - 1;
  }
  if (start < n) push(start, n);
  return out;
}

/** For each offset, the offset of the first "]" at or after it (-1 when none): one backward pass instead of a search per stop. */
function nextCloseTable(text: string): Int32Array {
  const table = new Int32Array(text.length + 1);
  let next = -1;
  table[text.length] = -1;
  for (let i = text.length - 1; i >= 0; i--) {
    if (text.charCodeAt(i) === 93) next = i;
    table[i] = next;
  }
  return table;
}

/** True when the "." at `dot` ends one of a language's abbreviations, or (German) an ordinal number: "am 23. August". */
function otherAbbreviation(text: string, dot: number, abbreviations: ReadonlySet<string>, lang: string): boolean {
  let s = dot;
  while (s > 0 && dot - s <= MAX_ABBREVIATION_LENGTH && /[\p{L}\p{N}.°]/u.test(text[s - 1])) s--;
  const word = text.slice(s, dot).toLowerCase().replace(/^\.+/, "");
  if (lang === "de" && /^\d{1,2}$/.test(word)) return true;
  return abbreviations.has(word) || (word.includes(".") && abbreviations.has(word.replace(/\.$/, "")));
}

/** Abbreviations and initials are short: the look-back for one stops here, so a long dotted run stays linear. */
const MAX_ABBREVIATION_LENGTH = 12;

/** True when the "." at `dot` ends an abbreviation, an initial or a decimal rather than a sentence. */
function isAbbreviation(text: string, dot: number): boolean {
  let s = dot;
  while (s > 0 && dot - s <= MAX_ABBREVIATION_LENGTH && /[\p{L}.]/u.test(text[s - 1])) s--;
  if (dot - s > MAX_ABBREVIATION_LENGTH) return false;
  const word = text.slice(s, dot).toLowerCase().replace(/^\.+/, "");
  if (word === "") return false;
  // A single capital letter: an initial ("J. R. Smith").
  if (/^\p{Lu}$/u.test(text.slice(s, dot))) return true;
  // Dotted forms like "U.S." / "e.g.": ends a sentence only before a capitalised common word — keep as abbreviation.
  if (word.includes(".")) return true; // "U.S.", "e.g.", "a.m."
  if (TITLES.has(word)) return true;
  if (ABBREVIATIONS.has(word)) return false; // "etc.", "Inc." at a sentence end before a capital: a real end
  return false;
}
