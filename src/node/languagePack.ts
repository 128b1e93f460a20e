/**
 * The language pack the hosts hand the engine (`setLanguagePack`): detection of Latin and Cyrillic
 * text, stop words and stemmers. Its libraries are a bundle of their own (`dist/languages.js`),
 * loaded the first time a text is not plainly English, so an English workspace never loads them.
 */
import * as path from "node:path";
import { languageCode, type LanguagePack } from "../core/lang/language";

declare const BRIEF_AUTHOR_BUNDLED: boolean | undefined;

interface Libraries {
  stopWordLists: Record<string, readonly string[]>;
  snowballStemmer(code: string): ((word: string) => string) | undefined;
  detect(text: string): string;
}

let libraries: Libraries | undefined;

function load(): Libraries {
  if (!libraries) {
    const bundled = typeof BRIEF_AUTHOR_BUNDLED !== "undefined" && BRIEF_AUTHOR_BUNDLED;
    const file = bundled ? path.join(__dirname, "languages.js") : path.join(__dirname, "languages", "pack.ts");
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    libraries = require(file) as Libraries;
  }
  return libraries;
}

const stops = new Map<string, ReadonlySet<string> | undefined>();
const stemmers = new Map<string, ((w: string) => string) | undefined>();

export const nodeLanguagePack: LanguagePack = {
  detect(text) {
    const code = load().detect(text);
    return code === "und" ? undefined : languageCode(code);
  },
  stopWords(code) {
    if (!stops.has(code)) {
      const list = load().stopWordLists[code];
      stops.set(code, list ? new Set(list.map((w) => w.toLowerCase())) : undefined);
    }
    return stops.get(code);
  },
  stemmer(code) {
    if (!stemmers.has(code)) {
      const stem = load().snowballStemmer(code);
      // Stemming is pure and words recur: remember each word's stem.
      const memo = new Map<string, string>();
      stemmers.set(code, stem ? (w) => {
        let s = memo.get(w);
        if (s === undefined) {
          s = stem(w);
          if (memo.size > 50000) memo.clear();
          memo.set(w, s);
        }
        return s;
      } : undefined);
    }
    return stemmers.get(code);
  },
};
