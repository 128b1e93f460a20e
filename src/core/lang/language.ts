/**
 * The language of a brief, a claim and a source, and which of them brief-author reads.
 *
 * A language is its ISO 639-1 code (`en`, `ja`), or the ISO 639-3 code of a language without one
 * (`fil`), or `und` when nothing says and the text is too short to tell. The checks read eight
 * languages ({@link READ_LANGUAGES}); a claim whose source is in another language is compared only
 * where no translation is needed (figures, dates, names written alike), and never confirmed.
 *
 * Scripts decide Japanese, Korean, Chinese and Russian at once; a Latin-script text is English
 * when its commonest function words say so, and otherwise goes to the detector the host hands in
 * ({@link setLanguagePack}: franc-min, stop words and Snowball stemmers, in src/node/languagePack.ts).
 * Without a pack, only scripts and English function words decide.
 */
import { detached } from "../sources/sourceText";

/** The languages whose sentences, quotes, figures and words the checks read. */
export const READ_LANGUAGES = ["en", "ja", "zh", "ko", "fr", "de", "es", "ru"] as const;
export type ReadLanguage = (typeof READ_LANGUAGES)[number];

const NAMES: Record<string, string> = {
  en: "English", ja: "Japanese", zh: "Chinese", ko: "Korean", fr: "French", de: "German", es: "Spanish", ru: "Russian",
  it: "Italian", pt: "Portuguese", nl: "Dutch", pl: "Polish", uk: "Ukrainian", ar: "Arabic", he: "Hebrew", fa: "Persian", tr: "Turkish",
  hi: "Hindi", bn: "Bengali", th: "Thai", vi: "Vietnamese", id: "Indonesian", ms: "Malay", sv: "Swedish", da: "Danish", no: "Norwegian",
  nb: "Norwegian", fi: "Finnish", cs: "Czech", sk: "Slovak", hu: "Hungarian", ro: "Romanian", bg: "Bulgarian", el: "Greek", sr: "Serbian",
  hr: "Croatian", ca: "Catalan", tl: "Tagalog", sw: "Swahili", ur: "Urdu", ta: "Tamil", az: "Azerbaijani", uz: "Uzbek", kk: "Kazakh",
  be: "Belarusian", ka: "Georgian", hy: "Armenian", am: "Amharic", my: "Burmese", km: "Khmer", lo: "Lao", ne: "Nepali", si: "Sinhala",
  so: "Somali", ha: "Hausa", yo: "Yoruba", ig: "Igbo", zu: "Zulu", af: "Afrikaans", lt: "Lithuanian", lv: "Latvian", et: "Estonian", sl: "Slovenian",
};

/** ISO 639-3 (and 639-2/B) codes of languages that have a 639-1 code, for detectors and bibliographies. */
const THREE_TO_TWO: Record<string, string> = {
  eng: "en", jpn: "ja", zho: "zh", chi: "zh", cmn: "zh", kor: "ko", fra: "fr", fre: "fr", deu: "de", ger: "de", spa: "es", rus: "ru",
  ita: "it", por: "pt", nld: "nl", dut: "nl", pol: "pl", ukr: "uk", arb: "ar", ara: "ar", heb: "he", pes: "fa", fas: "fa", per: "fa", tur: "tr",
  hin: "hi", ben: "bn", tha: "th", vie: "vi", ind: "id", zlm: "ms", msa: "ms", swe: "sv", dan: "da", nob: "nb", nor: "no", fin: "fi",
  ces: "cs", cze: "cs", slk: "sk", hun: "hu", ron: "ro", rum: "ro", bul: "bg", ell: "el", gre: "el", srp: "sr", hrv: "hr", cat: "ca",
  tgl: "tl", swh: "sw", swa: "sw", urd: "ur", tam: "ta", azj: "az", aze: "az", uzn: "uz", uzb: "uz", kaz: "kk", bel: "be", kat: "ka",
  hye: "hy", amh: "am", mya: "my", khm: "km", lao: "lo", npi: "ne", nep: "ne", sin: "si", som: "so", hau: "ha", yor: "yo", ibo: "ig",
  zul: "zu", afr: "af", lit: "lt", lvs: "lv", lav: "lv", ekk: "et", est: "et", slv: "sl",
};

/** Names analysts write in front matter and bibliographies (`language: French`, `Deutsch`). */
const BY_NAME: Record<string, string> = {
  english: "en", japanese: "ja", "日本語": "ja", chinese: "zh", "中文": "zh", mandarin: "zh", korean: "ko", "한국어": "ko",
  french: "fr", "français": "fr", francais: "fr", german: "de", deutsch: "de", spanish: "es", "español": "es", espanol: "es",
  russian: "ru", "русский": "ru", italian: "it", italiano: "it", portuguese: "pt", "português": "pt", dutch: "nl", polish: "pl",
  ukrainian: "uk", arabic: "ar", hebrew: "he", persian: "fa", farsi: "fa", turkish: "tr", hindi: "hi", thai: "th", vietnamese: "vi",
};

/** A language tag as written (`ja-JP`, `jpn`, `Japanese`, `fr_CA`) as its code; undefined when not a language. */
export function languageCode(tag: unknown): string | undefined {
  if (typeof tag !== "string") return undefined;
  const t = tag.trim().toLowerCase();
  if (!t || t.length > 40) return undefined;
  if (BY_NAME[t]) return BY_NAME[t];
  const primary = t.split(/[-_]/)[0];
  if (/^[a-z]{2}$/.test(primary)) return primary === "iw" ? "he" : primary === "in" ? "id" : primary;
  if (/^[a-z]{3}$/.test(primary)) return THREE_TO_TWO[primary] ?? (primary === "und" ? undefined : primary);
  return undefined;
}

/** The language's English name (`Japanese`), or its code when unknown. */
export function languageName(code: string): string {
  return NAMES[code] ?? (code === "und" ? "an unknown language" : code);
}

/** Whether the checks read this language. */
export function isRead(code: string): code is ReadLanguage {
  return (READ_LANGUAGES as readonly string[]).includes(code);
}

/** Chinese, Japanese and Korean: words without spaces (ja, zh) and figures with CJK units. */
export function isCjk(code: string): boolean {
  return code === "ja" || code === "zh" || code === "ko";
}

/** What the host hands in: a detector for Latin and Cyrillic text, and each language's stop words and stemmer. */
export interface LanguagePack {
  /** The language of a text the scripts cannot decide, or undefined when unsure. */
  detect(text: string): string | undefined;
  /** The stop words of a read language (lower case), or undefined. */
  stopWords(code: string): ReadonlySet<string> | undefined;
  /** The Snowball stemmer of a language, or undefined. */
  stemmer(code: string): ((word: string) => string) | undefined;
}

let pack: LanguagePack | undefined;

/** Sets the host's language pack (the CLI and the extension at start, the unit tests' setup). */
export function setLanguagePack(p: LanguagePack | undefined): void {
  pack = p;
  detected.clear();
}

export function languagePack(): LanguagePack | undefined {
  return pack;
}

// The commonest English function words: a Latin text where they make a tenth of the words is English.
const ENGLISH = new Set("the of and to in a is that for on was with as by at from it be are has have were said its an which this will not but or had".split(" "));
const SAMPLE = 3000;

/** How many letters of each script a text's first characters hold. */
function scriptCounts(text: string): { latin: number; cyrillic: number; han: number; kana: number; hangul: number; other: number; letters: number } {
  const c = { latin: 0, cyrillic: 0, han: 0, kana: 0, hangul: 0, other: 0, letters: 0 };
  const n = Math.min(text.length, SAMPLE);
  for (let i = 0; i < n; i++) {
    const x = text.charCodeAt(i);
    if (x < 0x41) continue;
    if ((x >= 0x41 && x <= 0x5a) || (x >= 0x61 && x <= 0x7a) || (x >= 0xc0 && x <= 0x24f && x !== 0xd7 && x !== 0xf7)) c.latin++;
    else if (x >= 0x400 && x <= 0x4ff) c.cyrillic++;
    else if ((x >= 0x3040 && x <= 0x30ff) || (x >= 0xff66 && x <= 0xff9d)) c.kana++;
    else if ((x >= 0x4e00 && x <= 0x9fff) || (x >= 0x3400 && x <= 0x4dbf) || (x >= 0xf900 && x <= 0xfaff)) c.han++;
    else if ((x >= 0xac00 && x <= 0xd7af) || (x >= 0x1100 && x <= 0x11ff) || (x >= 0x3130 && x <= 0x318f)) c.hangul++;
    else if (/\p{L}/u.test(text[i])) c.other++;
    else continue;
    c.letters++;
  }
  return c;
}

/** Whether a Latin-script text reads as English by its function words. */
function looksEnglish(text: string): boolean {
  let words = 0;
  let english = 0;
  const re = /[A-Za-z\u00C0-\u024F']+/g;
  const sample = text.slice(0, SAMPLE);
  for (let m = re.exec(sample); m; m = re.exec(sample)) {
    words++;
    if (ENGLISH.has(m[0].toLowerCase())) english++;
  }
  return words >= 4 && english / words >= 0.12;
}

const detected = new Map<string, string>();

/**
 * The language a text is written in: by script for CJK, Cyrillic and other scripts; English by its
 * function words; else the pack's detector. `und` when the text is too short or mixed to tell.
 */
export function detectLanguage(text: string): string {
  const sample = text.length > SAMPLE ? text.slice(0, SAMPLE) : text;
  const hit = detected.get(sample);
  if (hit !== undefined) return hit;
  const code = detectUncached(sample);
  if (detected.size >= 2000) detected.delete(detected.keys().next().value as string);
  // A copy as the key: a slice would keep the whole text alive (a source's, packed or not).
  detected.set(detached(sample), code);
  return code;
}

function detectUncached(text: string): string {
  const c = scriptCounts(text);
  if (c.letters < 8) return "und";
  const cjk = c.han + c.kana + c.hangul;
  if (cjk / c.letters >= 0.3) {
    if (c.hangul >= c.han + c.kana) return "ko";
    if (c.kana / cjk >= 0.05) return "ja";
    return "zh";
  }
  if (c.cyrillic / c.letters >= 0.5) return pack?.detect(text) ?? "ru";
  if (c.latin / c.letters >= 0.5) {
    if (looksEnglish(text)) return "en";
    const d = pack?.detect(text);
    return d ?? "und";
  }
  return pack?.detect(text) ?? "und";
}

/** The language a claim is compared in, from its sentence and its brief's language. */
export function sentenceLanguage(text: string, briefLang: string): string {
  // A sentence in another script than its brief's (a Japanese sentence in an English brief) is in that script's language.
  const c = scriptCounts(text);
  if (c.letters < 6) return briefLang;
  const cjk = c.han + c.kana + c.hangul;
  const briefCjk = isCjk(briefLang);
  if (!briefCjk && cjk / c.letters >= 0.5) return detectUncached(text);
  if (briefCjk && c.latin / c.letters >= 0.8 && looksEnglish(text)) return "en";
  return briefLang;
}

/**
 * How a claim in `claimLang` is compared with a source in `sourceLang`: `same` (everything is
 * checked), `cross` (figures, dates and names written alike; content not judged), or `unread`
 * (a language brief-author does not read: nothing is judged).
 */
export type Comparison = "same" | "cross" | "unread";

export function comparison(claimLang: string, sourceLang: string): Comparison {
  const claim = claimLang === "und" ? "en" : claimLang;
  const source = sourceLang === "und" ? claim : sourceLang;
  if (!isRead(claim) || !isRead(source)) return "unread";
  return claim === source ? "same" : "cross";
}

/** What a source's language is read from: its declared language, and its text after the front matter. */
export interface HasLanguage {
  lang?: string;
  text: string;
  bodyOffset: number;
}

const sourceLangs = new WeakMap<object, string>();

/** A source's language: declared (front matter, the page's `lang`, a bibliography's `language`), else detected from its text. */
export function sourceLanguage(entry: HasLanguage): string {
  if (entry.lang) return entry.lang;
  let code = sourceLangs.get(entry);
  if (code === undefined) {
    code = detectLanguage(entry.text.slice(entry.bodyOffset, entry.bodyOffset + SAMPLE));
    sourceLangs.set(entry, code);
  }
  return code;
}
