/**
 * The words a quick fix puts in place of a vague or other-vocabulary likelihood, fitted to where
 * the word stands: a modal (`could fall` → `will likely fall`), an adverb (`possibly` → `likely`),
 * a clause (`there is a chance that` → `it is likely that`). Only ICD 203 and PHIA have fixes
 * (a team's own table gives no grammar for its terms).
 */
import type { Brief } from "../parse/brief";
import { findTerms, rangeText, type Yardstick } from "./yardstick";
import { tradecraftSentences, type VagueSlot } from "./judgments";

interface Option {
  band: number;
  /** ICD 203's vocabulary (1 or 2); 0 for PHIA. */
  vocabulary: number;
  text: string;
}

const OPTIONS: Record<string, Record<VagueSlot, Option[]>> = {
  icd203: {
    modal: [
      { band: 5, vocabulary: 1, text: "will likely" },
      { band: 6, vocabulary: 1, text: "will very likely" },
      { band: 7, vocabulary: 1, text: "will almost certainly" },
      { band: 5, vocabulary: 2, text: "will probably" },
    ],
    adverb: [
      { band: 5, vocabulary: 1, text: "likely" },
      { band: 6, vocabulary: 1, text: "very likely" },
      { band: 7, vocabulary: 1, text: "almost certainly" },
      { band: 5, vocabulary: 2, text: "probably" },
    ],
    clause: [
      { band: 1, vocabulary: 1, text: "there is almost no chance" },
      { band: 3, vocabulary: 1, text: "it is unlikely" },
      { band: 4, vocabulary: 1, text: "there is a roughly even chance" },
      { band: 5, vocabulary: 1, text: "it is likely" },
      { band: 6, vocabulary: 1, text: "it is very likely" },
      { band: 1, vocabulary: 2, text: "there is a remote chance" },
      { band: 3, vocabulary: 2, text: "it is improbable" },
      { band: 4, vocabulary: 2, text: "there are roughly even odds" },
      { band: 5, vocabulary: 2, text: "it is probable" },
      { band: 6, vocabulary: 2, text: "it is highly probable" },
    ],
  },
  phia: {
    modal: [
      { band: 5, vocabulary: 0, text: "will likely" },
      { band: 7, vocabulary: 0, text: "will almost certainly" },
    ],
    adverb: [
      { band: 5, vocabulary: 0, text: "probably" },
      { band: 7, vocabulary: 0, text: "almost certainly" },
    ],
    clause: [
      { band: 1, vocabulary: 0, text: "there is a remote chance" },
      { band: 2, vocabulary: 0, text: "it is highly unlikely" },
      { band: 3, vocabulary: 0, text: "it is unlikely" },
      { band: 4, vocabulary: 0, text: "there is a realistic possibility" },
      { band: 5, vocabulary: 0, text: "it is likely" },
      { band: 6, vocabulary: 0, text: "it is highly likely" },
    ],
  },
};

/** The vocabulary a brief mostly writes (ICD 203: 1 or 2, vocabulary 1 on a tie); 0 for a yardstick of one. */
export function briefVocabulary(brief: Brief, y: Yardstick): number {
  if (y.vocabularies < 2) return 0;
  const counts = [0, 0, 0];
  for (const s of tradecraftSentences(brief)) for (const m of findTerms(s.text, y)) counts[m.term.vocabulary]++;
  return counts[2] > counts[1] ? 2 : 1;
}

/** Replacements for a vague word in its slot, in the brief's vocabulary; each titled with its band and range. */
export function vagueReplacements(y: Yardstick, slot: VagueSlot, vocabulary: number, capital: boolean): Array<{ title: string; text: string }> {
  const options = OPTIONS[y.id]?.[slot] ?? [];
  return options
    .filter((o) => o.vocabulary === vocabulary)
    .map((o) => {
      const band = y.bands[o.band - 1];
      const text = capital ? o.text[0].toUpperCase() + o.text.slice(1) : o.text;
      return { title: `Replace with "${text}" (${y.name}, band ${o.band}: ${rangeText(band)})`, text };
    });
}

/** ICD 203: each term's counterpart in the other vocabulary, where it reads in the same place. */
const SWAPS: Record<string, string> = {
  "almost no chance": "a remote chance",
  "very unlikely": "highly improbable",
  unlikely: "improbable",
  "roughly even chance": "roughly even odds",
  "nearly certain": "almost certain",
  "almost certain": "nearly certain",
  "highly improbable": "very unlikely",
  improbable: "unlikely",
  "roughly even odds": "roughly even chance",
  probable: "likely",
  probably: "likely",
  "highly probable": "very likely",
};

/**
 * The same band's term of the other vocabulary, to replace `written` at `[start, end)` of `text`:
 * an edit (which may take in a word before or after) or undefined where none reads right.
 */
export function vocabularySwap(text: string, start: number, end: number, written: string): { start: number; end: number; newText: string } | undefined {
  const w = written.toLowerCase().replace(/\s+/g, " ");
  const after = text.slice(end, end + 16);
  const before = text.slice(Math.max(0, start - 3), start);
  const cap = (s: string) => (/^\p{Lu}/u.test(written) ? s[0].toUpperCase() + s.slice(1) : s);
  if (w === "remote") {
    const m = /^\s+(chance|possibility)\b/i.exec(after);
    if (m && /\ba $/i.test(before)) return { start: start - 2, end: end + m[0].length, newText: "almost no chance" };
    return undefined;
  }
  if (w === "likely" || w === "very likely") {
    // `likely to` would need the sentence turned round; `will likely` and `likely that` read the same with the other word.
    if (/^\s+to\b/i.test(after)) return undefined;
    if (/will $/i.test(text.slice(Math.max(0, start - 5), start)) && w === "likely") return { start, end, newText: cap("probably") };
    if (/^\s*(?:that\b|[.,;:)]|$)/i.test(after)) return { start, end, newText: cap(w === "likely" ? "probable" : "highly probable") };
    return undefined;
  }
  if (w === "roughly even chance" && /\ba $/i.test(before)) return { start: start - 2, end, newText: cap("roughly even odds") };
  if (w === "roughly even odds") return { start, end, newText: cap(/^\s*that\b/i.test(after) ? "a roughly even chance" : "roughly even chance") };
  if ((w === "probable" || w === "highly probable") && /^\s+to\b/i.test(after)) return undefined;
  const to = SWAPS[w];
  return to ? { start, end, newText: cap(to) } : undefined;
}
