/**
 * Measures the checks in other languages on the labelled set in test/fixtures/languages: one
 * fictional story written in French, German, Spanish, Russian, Japanese, Chinese and Korean
 * (sources/accord-xx.md), 40 sentences per language citing it (14 true, 26 changed: a figure, a
 * date, a quote, a place or a name), and 13 English sentences per language citing the same source
 * (figures, dates and quotes compared across languages). Each sentence is checked in a brief of
 * its own. Figures: `number-mismatch` should fire exactly on the changed figures and dates; quotes:
 * `quote-mismatch` exactly on the changed quotes.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { BriefService } from "../../src/core/service";
import { MemoryFileSystem } from "../../src/core/fs";
import type { Verdict } from "../../src/core/verify/claims";
import { setLexiconSource } from "../../src/core/verify/lexicon";
import { setLanguagePack } from "../../src/core/lang/language";
import { nodeLanguagePack } from "../../src/node/languagePack";
import { nodeLexicon } from "../../src/node/lexicon";

export const LANGUAGE_FIXTURES = path.join(__dirname, "..", "fixtures", "languages");

export interface LanguageLabel {
  id: number;
  /** The sentence's language (`en` for the sentences citing a source in another language). */
  lang: string;
  /** For an English sentence: the cited source's language. */
  sourceLang?: string;
  key: string;
  sentence: string;
  /** What was changed from the source's words (`figure`, `date`, `quote`, `place`, `name`), or null when true. */
  changed: string | null;
  heldOut: boolean;
}

export interface LanguageItemResult {
  label: LanguageLabel;
  rules: string[];
  verdict: Verdict;
  why: string[];
}

export interface Rate {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
}

export interface LanguageRow {
  /** `ja`, or `en→ja` for English sentences citing the Japanese source. */
  set: string;
  n: number;
  figures: Rate;
  quotes: Rate;
  /** Problems of any claim rule on true sentences. */
  falseAlarms: number;
  /** True sentences confirmed, and changed ones confirmed (which must be none). */
  confirmedTrue: number;
  confirmedChanged: number;
  trueCount: number;
  /** Changed places and names that were not confirmed (a person is told to look). */
  placesNamesCaught: number;
  placesNames: number;
  /** `weak-support` on sentences citing a source in another language (must be none). */
  weakSupport: number;
}

export function loadLanguageLabels(): LanguageLabel[] {
  return JSON.parse(fs.readFileSync(path.join(LANGUAGE_FIXTURES, "labels.json"), "utf8")) as LanguageLabel[];
}

/** The brief for one sentence; Chinese and Japanese end it with `。`. Non-English briefs say their language. */
export function languageBrief(label: LanguageLabel): string {
  const cjk = label.lang === "ja" || label.lang === "zh";
  const claim = cjk ? `${label.sentence}[@${label.key}]。` : `${label.sentence} [@${label.key}].`;
  const lang = label.lang === "en" ? "" : `lang: ${label.lang}\n`;
  return `---\ntitle: T\ndate: 2026-09-01\n${lang}---\n\n# T\n\n## Description\n\n${claim}\n\n## Impact\n\n—\n`;
}

const rate = (tp: number, fp: number, fn: number): Rate => ({ tp, fp, fn, precision: tp + fp === 0 ? 1 : tp / (tp + fp), recall: tp + fn === 0 ? 1 : tp / (tp + fn) });

export async function evaluateLanguages(options: { heldOut?: boolean; labels?: LanguageLabel[] } = {}): Promise<{ rows: LanguageRow[]; items: LanguageItemResult[] }> {
  setLexiconSource(nodeLexicon);
  setLanguagePack(nodeLanguagePack);
  const all = options.labels ?? loadLanguageLabels();
  const labels = options.heldOut === undefined ? all : all.filter((l) => l.heldOut === options.heldOut);
  const mem = new MemoryFileSystem();
  const dir = path.join(LANGUAGE_FIXTURES, "sources");
  for (const name of fs.readdirSync(dir).sort()) if (name.endsWith(".md")) mem.write(`/ws/sources/${name}`, fs.readFileSync(path.join(dir, name)));
  const service = new BriefService({ fs: mem, root: "/ws", settings: {} });
  await service.initialize();
  const items: LanguageItemResult[] = [];
  for (const label of labels) {
    const result = await service.check(`/ws/briefs/item-${label.id}.brief.md`, languageBrief(label));
    if (result.failures.length) throw new Error(`label ${label.id}: rule(s) threw: ${result.failures.map((f) => `${f.rule}: ${f.message}`).join("; ")}`);
    const citing = result.brief.sentences.filter((s) => s.citations.length > 0);
    if (citing.length !== 1) throw new Error(`label ${label.id}: ${citing.length} citing sentences, not 1`);
    const claim = result.claims.find((c) => c.start === citing[0].start);
    if (!claim) throw new Error(`label ${label.id}: no claim`);
    items.push({ label, rules: claim.rules, verdict: claim.verdict, why: claim.why });
  }
  const sets = new Map<string, LanguageItemResult[]>();
  for (const it of items) {
    const set = it.label.sourceLang ? `en→${it.label.sourceLang}` : it.label.lang;
    sets.set(set, [...(sets.get(set) ?? []), it]);
  }
  const rows: LanguageRow[] = [];
  for (const [set, list] of sets) {
    const count = (pred: (it: LanguageItemResult) => boolean) => list.filter(pred).length;
    const figureChanged = (it: LanguageItemResult) => it.label.changed === "figure" || it.label.changed === "date";
    const numberFired = (it: LanguageItemResult) => it.rules.includes("number-mismatch");
    const quoteFired = (it: LanguageItemResult) => it.rules.includes("quote-mismatch");
    const claimRules = (it: LanguageItemResult) => it.rules.filter((r) => r !== "unverified-claim");
    rows.push({
      set,
      n: list.length,
      figures: rate(count((it) => numberFired(it) && figureChanged(it)), count((it) => numberFired(it) && !figureChanged(it)), count((it) => !numberFired(it) && figureChanged(it))),
      quotes: rate(count((it) => quoteFired(it) && it.label.changed === "quote"), count((it) => quoteFired(it) && it.label.changed !== "quote"), count((it) => !quoteFired(it) && it.label.changed === "quote")),
      falseAlarms: count((it) => it.label.changed === null && claimRules(it).length > 0),
      confirmedTrue: count((it) => it.label.changed === null && it.verdict === "confirmed"),
      confirmedChanged: count((it) => it.label.changed !== null && it.verdict === "confirmed"),
      trueCount: count((it) => it.label.changed === null),
      placesNamesCaught: count((it) => (it.label.changed === "place" || it.label.changed === "name") && it.verdict !== "confirmed"),
      placesNames: count((it) => it.label.changed === "place" || it.label.changed === "name"),
      weakSupport: count((it) => !!it.label.sourceLang && it.rules.includes("weak-support")),
    });
  }
  return { rows, items };
}
