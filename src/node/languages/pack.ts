/**
 * The libraries behind the language pack, bundled apart (`dist/languages.js`) and loaded on first
 * use by src/node/languagePack.ts: franc-min (language detection by trigrams, 82 languages),
 * the stopword package's lists, and snowball-stemmers (the Snowball project's stemmers in JS).
 */
import { franc } from "franc-min";
import { fra } from "stopword/src/stopwords_fra.js";
import { deu } from "stopword/src/stopwords_deu.js";
import { spa } from "stopword/src/stopwords_spa.js";
import { rus } from "stopword/src/stopwords_rus.js";
import { jpn } from "stopword/src/stopwords_jpn.js";
import { zho } from "stopword/src/stopwords_zho.js";
import { kor } from "stopword/src/stopwords_kor.js";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const snowball = require("snowball-stemmers") as { newStemmer(name: string): { stem(word: string): string } };

export const stopWordLists: Record<string, readonly string[]> = { fr: fra, de: deu, es: spa, ru: rus, ja: jpn, zh: zho, ko: kor };

const SNOWBALL: Record<string, string> = { fr: "french", de: "german", es: "spanish", ru: "russian" };

/** A Snowball stemmer for a language, or undefined. */
export function snowballStemmer(code: string): ((word: string) => string) | undefined {
  const name = SNOWBALL[code];
  if (!name) return undefined;
  const s = snowball.newStemmer(name);
  return (w) => s.stem(w);
}

/** franc-min's answer (ISO 639-3), or "und". */
export function detect(text: string): string {
  return franc(text, { minLength: 20 });
}
