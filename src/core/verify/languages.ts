/**
 * A claim and its sources in their languages. A claim is compared with a source in its own
 * language fully (English through the verification rules; French, German, Spanish, Russian,
 * Japanese, Chinese and Korean through {@link otherConfirmation}); with a source in another
 * language it read, only where no translation is needed (figures, dates, a quote in the source's
 * own words): its content is never judged, so it is never confirmed nor `weak-support`; with a
 * source in a language the checks do not read, nothing is judged.
 */
import type { Sentence } from "../parse/brief";
import type { ResolvedSource } from "../rules/rule";
import { comparison, languageName, languagePack, sourceLanguage } from "../lang/language";
import { splitSentences } from "../parse/sentences";
import { contentTerms, koreanStem, tokenize } from "../sources/tokenize";
import { extractFigures, findFigure, sentenceFigures } from "../match/figures";
import { extractQuotes, findQuote } from "../match/quotes";
import { dropWhenPacked } from "../sources/sourceText";

export interface LanguageView {
  /** The claim's language. */
  lang: string;
  /** Cited sources in the claim's language (everything is checked). */
  same: ResolvedSource[];
  /** Cited sources in another language the checks read (figures and dates only). */
  cross: ResolvedSource[];
  /** Cited sources in a language the checks do not read (nothing judged). */
  unread: ResolvedSource[];
}

const views = new WeakMap<Sentence, { sources: readonly ResolvedSource[]; view: LanguageView }>();

/** The claim's cited sources by how they can be compared with it. */
export function languageView(sentence: Sentence, sources: readonly ResolvedSource[]): LanguageView {
  const memo = views.get(sentence);
  if (memo && memo.sources.length === sources.length && memo.sources.every((s, i) => s.entry === sources[i].entry)) return memo.view;
  const view: LanguageView = { lang: sentence.lang, same: [], cross: [], unread: [] };
  for (const src of sources) {
    const mode = comparison(sentence.lang, src.entry.noText ? sentence.lang : sourceLanguage(src.entry));
    view[mode === "same" ? "same" : mode === "cross" ? "cross" : "unread"].push(src);
  }
  views.set(sentence, { sources, view });
  return view;
}

/** Whether every cited source is in the claim's language and that language is English: what the English verification rules read. */
export function englishOnly(sentence: Sentence, sources: readonly ResolvedSource[]): boolean {
  const v = languageView(sentence, sources);
  return (v.lang === "en" || v.lang === "und") && v.same.length === sources.length;
}

/** Why a claim's content was not judged: its sources' languages, in words. */
export function languageReason(view: LanguageView): string | undefined {
  if (view.same.length > 0) return undefined;
  const first = view.unread[0] ?? view.cross[0];
  if (!first) return undefined;
  const lang = languageName(first.entry.noText ? view.lang : sourceLanguage(first.entry));
  if (view.unread.length > 0) {
    return isReadClaim(view.lang)
      ? `the source is in ${lang}, which brief-author does not read: nothing in it is compared`
      : `the claim is in ${languageName(view.lang)}, which brief-author does not read: nothing is compared`;
  }
  return `the source is in ${lang}: its figures and dates are compared, its content is not (a model can judge it)`;
}

function isReadClaim(lang: string): boolean {
  return comparison(lang, lang) !== "unread";
}

/**
 * Whether a quote can be looked for in a source in another language: it is written in the
 * source's language (a Japanese quote in an English brief), not translated.
 */
export function quoteComparable(quote: string, claimLang: string, sourceLang: string): boolean {
  const mode = comparison(claimLang, sourceLang);
  if (mode === "same") return true;
  if (mode === "unread") return false;
  return quoteInLanguage(quote, sourceLang, claimLang);
}

/**
 * Whether a quote is written in `lang` rather than in `other`: by its script for Japanese, Korean,
 * Chinese and Russian; for two languages in Latin script, by their stop words (a name or a phrase
 * with none of either is not taken to be in the source's language: it is not checked).
 */
function quoteInLanguage(quote: string, lang: string, other: string): boolean {
  const letters = [...quote].filter((c) => /\p{L}/u.test(c));
  if (letters.length === 0) return false;
  const share = (re: RegExp) => letters.filter((c) => re.test(c)).length / letters.length;
  if (lang === "ja") return share(/[\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Han}]/u) >= 0.5 && share(/[\p{sc=Hiragana}\p{sc=Katakana}]/u) > 0;
  if (lang === "zh") return share(/\p{sc=Han}/u) >= 0.5 && share(/[\p{sc=Hiragana}\p{sc=Katakana}]/u) === 0;
  if (lang === "ko") return share(/\p{sc=Hangul}/u) >= 0.5;
  if (lang === "ru") return share(/\p{sc=Cyrillic}/u) >= 0.5 && other !== "ru";
  if (share(/\p{sc=Latin}/u) < 0.5) return false;
  const words = quote.toLowerCase().match(/[\p{L}']+/gu) ?? [];
  const mine = stopWordsOf(lang);
  const theirs = stopWordsOf(other);
  const a = words.filter((w) => mine.has(w) && !theirs.has(w)).length;
  const b = words.filter((w) => theirs.has(w) && !mine.has(w)).length;
  return a >= 2 && a > b;
}

const ENGLISH_STOPS = new Set("the of and to in a is that for on was with as by at from it be are has have were will not but or had this these our their between".split(" "));

function stopWordsOf(lang: string): ReadonlySet<string> {
  if (lang === "en") return ENGLISH_STOPS;
  return languagePack()?.stopWords(lang) ?? new Set();
}

// ---------------------------------------------------------------------------------------
// Same-language verdicts in the other read languages

/** Words that negate, per language (a claim and its passage must agree on negation). */
const NEGATION: Record<string, RegExp> = {
  fr: /(?<![\p{L}])(?:ne|n['’]|pas|jamais|aucune?|non|sans|ni|guère|refusé|rejeté|démenti)(?![\p{L}])/iu,
  de: /(?<![\p{L}])(?:nicht|kein(?:e|en|em|er|es)?|nie|niemals|nein|ohne|weder|abgelehnt|dementiert)(?![\p{L}])/iu,
  es: /(?<![\p{L}])(?:no|nunca|jamás|ningún|ninguna|ninguno|sin|ni|tampoco|rechazó|negó)(?![\p{L}])/iu,
  ru: /(?<![\p{L}])(?:не|нет|никогда|ни|без|отказал(?:ся|ась|ись)?|отклонил[аи]?)(?![\p{L}])/iu,
  ja: /(?:ない|なかった|ません|ず[、。にも]|拒否|否定|見送)/u,
  zh: /(?:不|没|未|无|拒绝|否认|非)/u,
  ko: /(?:않|못|없|아니|거부|부인|안\s)/u,
};

/** Words that only expect, plan or suppose, per language. */
const HEDGE: Record<string, RegExp> = {
  fr: /(?<![\p{L}])(?:pourrai(?:t|ent)|peut-être|probablement|envisag\p{L}*|prévoi[tr]|prévu|devrai(?:t|ent)|serai(?:t|ent)|aurai(?:t|ent)|projet(?:te)?)(?![\p{L}])/iu,
  de: /(?<![\p{L}])(?:könnte[n]?|vielleicht|wahrscheinlich|soll(?:en|te|ten)?|plant|geplant|erwartet|voraussichtlich|würde[n]?)(?![\p{L}])/iu,
  es: /(?<![\p{L}])(?:podría[n]?|quizás?|probablemente|prevé|prevén|planea[n]?|previsto|se espera|espera[n]?|sería[n]?)(?![\p{L}])/iu,
  ru: /(?<![\p{L}])(?:может|могут|возможно|вероятно|планиру\p{L}*|ожида\p{L}*|собира\p{L}*|намерен\p{L}*)(?![\p{L}])/iu,
  ja: /(?:かもしれ|可能性|予定|見通し|見込み|計画|方針|検討|とみられ|見られ|だろう|でしょう)/u,
  zh: /(?:可能|计划|預計|预计|或将|拟|考虑|将于|将会)/u,
  ko: /(?:수 있|예정|전망|계획|검토|가능성|것으로 보)/u,
};

export interface OtherVerdict {
  confirmed: boolean;
  why: string[];
  /** The best window: its source and offsets in the source's file. */
  passage?: { src: ResolvedSource; text: string; start: number; end: number };
}

interface Window {
  src: ResolvedSource;
  start: number;
  end: number;
  text: string;
  held: Set<string>;
}

/** A source's sentences in its language, with their terms (once per source text). */
const sentenceCache = dropWhenPacked(new WeakMap<object, Array<{ start: number; end: number; text: string; terms: Set<string> }>>());

function sentencesOf(src: ResolvedSource, lang: string): Array<{ start: number; end: number; text: string; terms: Set<string> }> {
  let list = sentenceCache.get(src.entry);
  if (!list) {
    const body = src.entry.text.slice(src.entry.bodyOffset);
    list = splitSentences(body, lang).map((s) => {
      const text = body.slice(s.start, s.end);
      return { start: src.entry.bodyOffset + s.start, end: src.entry.bodyOffset + s.end, text, terms: new Set(confirmTerms(text, lang)) };
    });
    sentenceCache.set(src.entry, list);
  }
  return list;
}

/**
 * The words a confirmation needs: the index's content terms; for Korean, every word of two
 * syllables or more without its particle (its stop-word list holds nouns such as 하나 "one", which
 * is also a name).
 */
function confirmTerms(text: string, lang: string): string[] {
  if (lang !== "ko") return contentTerms(text, lang);
  return tokenize(text).map((t) => koreanStem(t.term)).filter((w) => w.length >= 2 && !/^\p{N}/u.test(w));
}

/** Source sentences searched per source: enough for any news article; a book is searched in its first ones. */
const MAX_SENTENCES = 2000;

/**
 * The verdict of a claim in French, German, Spanish, Russian, Japanese, Chinese or Korean on its
 * same-language sources. Confirmed only when one window of one or two source sentences holds every
 * content word of the claim (stemmed; particles and stop words aside), every figure and quote, and
 * agrees with it on negation, and does not only expect or plan what the claim states. Anything
 * less is unverified: these languages have no lexicon of synonyms and antonyms here, so a
 * paraphrase needs a person (or a model).
 */
export function otherConfirmation(claim: string, lang: string, sources: readonly ResolvedSource[]): OtherVerdict {
  const terms = [...new Set(confirmTerms(claim, lang).filter((t) => !/^\p{N}/u.test(t)))];
  let best: Window | undefined;
  for (const src of sources) {
    const list = sentencesOf(src, lang).slice(0, MAX_SENTENCES);
    for (let i = 0; i < list.length; i++) {
      for (let width = 1; width <= 2 && i + width <= list.length; width++) {
        const held = new Set<string>();
        for (let k = i; k < i + width; k++) for (const t of terms) if (list[k].terms.has(t)) held.add(t);
        if (!best || held.size > best.held.size) {
          const body = src.entry.text;
          best = { src, start: list[i].start, end: list[i + width - 1].end, text: body.slice(list[i].start, list[i + width - 1].end), held };
        }
      }
    }
  }
  const no = (why: string): OtherVerdict => ({ confirmed: false, why: [why], passage: best && best.held.size > 0 ? { src: best.src, text: best.text, start: best.start, end: best.end } : undefined });
  if (!best || best.held.size === 0) return { confirmed: false, why: ["no passage of the cited sources shares its words"] };
  if (terms.length < 2) return no("it has too few content words to compare");
  const missing = terms.filter((t) => !best!.held.has(t));
  if (missing.length > 0) return no(`the best passage holds ${Math.round((best.held.size / terms.length) * 100)}% of its words (missing ${missing.slice(0, 5).map((w) => `"${w}"`).join(", ")})`);
  const held = extractFigures(best.text, true, lang);
  for (const f of sentenceFigures(claim, lang)) if (!findFigure(f, held).found) return no(`the passage does not hold the figure "${f.raw}"`);
  const whole = best.src.entry.text.slice(best.src.entry.bodyOffset);
  for (const q of extractQuotes(claim)) if (!findQuote(q.text, [whole]).found) return no(`the quote "${q.text}" is not in the source`);
  const neg = NEGATION[lang];
  const unquoted = (t: string) => t.replace(/[「『“«„‹‚"][^」』”»“›‘"]*[」』”»“›‘"]/gu, " ");
  if (neg && neg.test(unquoted(claim)) !== neg.test(unquoted(best.text))) return no(`the passage and the claim differ on a negation: "${best.text.trim()}"`);
  const hedge = HEDGE[lang];
  if (hedge && hedge.test(unquoted(best.text)) && !hedge.test(unquoted(claim))) return no(`the passage only expects or plans it: "${best.text.trim()}"`);
  return {
    confirmed: true,
    why: [`the passage holds every word of it (${languageName(lang)})`],
    passage: { src: best.src, text: best.text, start: best.start, end: best.end },
  };
}

/** For a claim compared only by its figures: the passage of the sources holding most of its figures (else the first). */
export function figurePassage(claim: string, claimLang: string, sources: readonly ResolvedSource[]): { src: ResolvedSource; text: string; start: number; end: number } | undefined {
  const figures = sentenceFigures(claim, claimLang);
  let best: { src: ResolvedSource; text: string; start: number; end: number; score: number } | undefined;
  for (const src of sources) {
    const all = src.library.figures(src.entry);
    src.entry.passages.forEach((p, i) => {
      const score = figures.filter((f) => findFigure(f, all[i] ?? []).found).length;
      if (!best || score > best.score) best = { src, text: p.text, start: p.start, end: p.end, score };
    });
  }
  return best;
}

