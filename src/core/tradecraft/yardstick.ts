/**
 * Probability yardsticks: the words analysts may use for a likelihood, each with its band and range.
 *
 * - ICD 203 "Analytic Standards" (US Intelligence Community, 2015), §D.6.e(2): seven bands, two
 *   vocabularies that analysts are "strongly encouraged not to mix".
 * - The UK Professional Head of Intelligence Assessment's probability yardstick (PHIA): seven
 *   bands with deliberate gaps between them, one vocabulary.
 * - A team's own table (`tradecraft.yardstick` in `.briefrc.json`): bands with terms and ranges.
 */
import { escapeRegExp } from "../text";

export interface YardstickTerm {
  /** Lower case, as matched (`very likely`). */
  text: string;
  /** 1-based band, lowest likelihood first. */
  band: number;
  /** ICD 203's vocabulary (1 or 2); 0 in a yardstick of one vocabulary. */
  vocabulary: number;
}

export interface YardstickBand {
  band: number;
  /** The range in percent, inclusive. */
  low: number;
  high: number;
  /** Its terms, each vocabulary's first (vocabulary 1 first). */
  terms: string[];
}

export interface Yardstick {
  /** `icd203`, `phia` or `custom`. */
  id: string;
  /** For messages and the hover: `ICD 203`. */
  name: string;
  bands: YardstickBand[];
  terms: YardstickTerm[];
  /** 2 for ICD 203; 1 otherwise. */
  vocabularies: number;
}

/** A team's own table, as `.briefrc.json` writes it. */
export interface CustomYardstickSpec {
  name?: string;
  bands: Array<{ terms: string[]; range: [number, number] }>;
}

export type YardstickSetting = "icd203" | "phia" | CustomYardstickSpec;

function build(id: string, name: string, rows: Array<{ low: number; high: number; v1: string[]; v2?: string[] }>): Yardstick {
  const bands: YardstickBand[] = [];
  const terms: YardstickTerm[] = [];
  const vocabularies = rows.some((r) => r.v2?.length) ? 2 : 1;
  rows.forEach((r, i) => {
    const band = i + 1;
    bands.push({ band, low: r.low, high: r.high, terms: [...r.v1, ...(r.v2 ?? [])] });
    for (const t of r.v1) terms.push({ text: t.toLowerCase(), band, vocabulary: vocabularies === 2 ? 1 : 0 });
    for (const t of r.v2 ?? []) terms.push({ text: t.toLowerCase(), band, vocabulary: 2 });
  });
  return { id, name, bands, terms, vocabularies };
}

/** ICD 203 §D.6.e(2): the two vocabularies, side by side. */
export const ICD203: Yardstick = build("icd203", "ICD 203", [
  { low: 1, high: 5, v1: ["almost no chance"], v2: ["remote"] },
  { low: 5, high: 20, v1: ["very unlikely"], v2: ["highly improbable"] },
  { low: 20, high: 45, v1: ["unlikely"], v2: ["improbable", "improbably"] },
  { low: 45, high: 55, v1: ["roughly even chance"], v2: ["roughly even odds"] },
  { low: 55, high: 80, v1: ["likely"], v2: ["probable", "probably"] },
  { low: 80, high: 95, v1: ["very likely"], v2: ["highly probable"] },
  { low: 95, high: 99, v1: ["almost certain", "almost certainly"], v2: ["nearly certain"] },
]);

/** The PHIA probability yardstick (UK); the gaps between bands are deliberate. */
export const PHIA: Yardstick = build("phia", "the PHIA yardstick", [
  { low: 0, high: 5, v1: ["remote chance"] },
  { low: 10, high: 20, v1: ["highly unlikely"] },
  { low: 25, high: 35, v1: ["unlikely"] },
  { low: 40, high: 50, v1: ["realistic possibility"] },
  { low: 55, high: 75, v1: ["likely", "probably", "probable"] },
  { low: 80, high: 90, v1: ["highly likely"] },
  { low: 95, high: 100, v1: ["almost certain", "almost certainly"] },
]);

const customs = new Map<string, Yardstick>();

/** The yardstick a setting names (ICD 203 when it names none). */
export function yardstickOf(setting: YardstickSetting | undefined): Yardstick {
  if (setting === undefined || setting === "icd203") return ICD203;
  if (setting === "phia") return PHIA;
  const key = JSON.stringify(setting);
  let y = customs.get(key);
  if (!y) {
    const rows = [...setting.bands].sort((a, b) => a.range[0] - b.range[0]).map((b) => ({ low: b.range[0], high: b.range[1], v1: b.terms.map((t) => t.trim()).filter(Boolean) }));
    y = build("custom", setting.name?.trim() || "the team's yardstick", rows);
    if (customs.size > 20) customs.clear();
    customs.set(key, y);
  }
  return y;
}

export interface TermMatch {
  term: YardstickTerm;
  /** Offsets in the text searched. */
  start: number;
  end: number;
}

const matchers = new WeakMap<Yardstick, RegExp>();


function matcherOf(y: Yardstick): RegExp {
  let re = matchers.get(y);
  if (!re) {
    // Longest first, so `very likely` wins over `likely` where both start; whole words only (`unlikely` is not `likely`).
    const alts = [...new Set(y.terms.map((t) => t.text))].sort((a, b) => b.length - a.length).map((t) => escapeRegExp(t).replace(/ /g, "\\s+"));
    re = new RegExp(`(?<![\\p{L}\\p{N}'’-])(?:${alts.join("|")})(?![\\p{L}\\p{N}'’-])`, "giu");
    matchers.set(y, re);
  }
  return re;
}

/** `remote` is ICD 203's word for band 1 only as a likelihood: `a remote chance`, `the prospect is remote`. */
const REMOTE_AS_LIKELIHOOD_AFTER = /^\s+(?:chance|possibility|prospect|likelihood|probability)\b/i;
const REMOTE_AS_LIKELIHOOD_BEFORE = /\b(?:chance|chances|possibility|prospects?|likelihood|probability|odds|risk)\s+(?:\S+\s+){0,4}(?:is|are|was|were|remains?|remained|seems?|seemed|appears?|appeared|looks?)\s+(?:very\s+|extremely\s+)?$/i;

/** The yardstick's terms in a text, in order. Linear: one scan with one regular expression. */
export function findTerms(text: string, y: Yardstick): TermMatch[] {
  const re = matcherOf(y);
  const out: TermMatch[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const written = m[0].toLowerCase().replace(/\s+/g, " ");
    const term = y.terms.find((t) => t.text === written);
    if (!term) continue;
    if (written === "remote" && y.id === "icd203") {
      const after = text.slice(m.index + m[0].length, m.index + m[0].length + 20);
        const wider = text.slice(Math.max(0, m.index - 60), m.index);
      if (!REMOTE_AS_LIKELIHOOD_AFTER.test(after) && !(REMOTE_AS_LIKELIHOOD_BEFORE.test(wider) && /^\s*(?:[.,;:)]|that\b|$)/i.test(after))) continue;
    }
    out.push({ term, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** A band's range as written: `55–80%`, `≤ 5%`, `≥ 95%`. */
export function rangeText(b: YardstickBand): string {
  if (b.low <= 0) return `≤ ${b.high}%`;
  if (b.high >= 100) return `≥ ${b.low}%`;
  return `${b.low}–${b.high}%`;
}

/** The band a probability (percent) falls in, if any (PHIA's gaps fall in none). */
export function bandOfPercent(y: Yardstick, p: number): YardstickBand | undefined {
  return y.bands.find((b) => p >= b.low && p <= b.high);
}
