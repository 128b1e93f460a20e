/**
 * Measures the tradecraft rules on the labelled set in test/fixtures/tradecraft/labels.json: each
 * item (a sentence or a short paragraph, written for the set) is checked in a brief of its own,
 * against the fixture library (test/fixtures/library), and the tradecraft rules that fire anywhere
 * in it are compared with the rules the item expects. Per rule: precision = fired and expected /
 * fired; recall = fired and expected / expected.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { BriefService } from "../../src/core/service";
import { MemoryFileSystem } from "../../src/core/fs";
import { RULES } from "../../src/core/rules";
import { setLexiconSource } from "../../src/core/verify/lexicon";
import { setLanguagePack } from "../../src/core/lang/language";
import { nodeLanguagePack } from "../../src/node/languagePack";
import { nodeLexicon } from "../../src/node/lexicon";
import type { BriefConfig } from "../../src/core/config";

export const TRADECRAFT_FIXTURES = path.join(__dirname, "..", "fixtures", "tradecraft");
export const TRADECRAFT_RULES: readonly string[] = RULES.filter((r) => r.family === "tradecraft").map((r) => r.name);

export interface TradecraftLabel {
  id: number;
  text: string;
  expect: string[];
  section: "Impact" | "Description";
  date?: string;
  /** "-": the Description holds the item alone (no default facts). */
  description?: string;
  kind: string;
  heldOut: boolean;
}

export interface RuleScore {
  rule: string;
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
}

const DEFAULT_DESCRIPTION = "The Pellow harbour board reopened the north quay after seventeen weeks of repairs [@harbour-notice]. Islanders had switched to the road route during the closure [@ferry-survey].";

export function tradecraftBrief(l: TradecraftLabel): string {
  const description = l.section === "Description" ? (l.description === "-" ? l.text : `${DEFAULT_DESCRIPTION} ${l.text}`) : DEFAULT_DESCRIPTION;
  const impact = l.section === "Impact" ? l.text : "Nothing to add yet.";
  return `---\ntype: brief\ntitle: Pellow quay\ndate: ${l.date ?? "2025-10-01"}\n---\n\n# Pellow quay\n\n## Description\n\n${description}\n\n## Impact\n\n${impact}\n`;
}

export function loadTradecraftLabels(): TradecraftLabel[] {
  return JSON.parse(fs.readFileSync(path.join(TRADECRAFT_FIXTURES, "labels.json"), "utf8")) as TradecraftLabel[];
}

export async function evaluateTradecraft(options: { heldOut?: boolean; settings?: Partial<BriefConfig> } = {}): Promise<{ scores: RuleScore[]; wrong: Array<{ label: TradecraftLabel; fired: string[]; messages: string[] }>; sentences: number }> {
  setLexiconSource(nodeLexicon);
  setLanguagePack(nodeLanguagePack);
  const labels = loadTradecraftLabels().filter((l) => options.heldOut === undefined || l.heldOut === options.heldOut);
  const mem = new MemoryFileSystem();
  const lib = path.join(__dirname, "..", "fixtures", "library");
  for (const name of fs.readdirSync(lib)) mem.write(`/ws/sources/${name}`, fs.readFileSync(path.join(lib, name)));
  const service = new BriefService({ fs: mem, root: "/ws", settings: options.settings ?? {} });
  await service.initialize();
  const counts = new Map(TRADECRAFT_RULES.map((r) => [r, { tp: 0, fp: 0, fn: 0 }]));
  const wrong: Array<{ label: TradecraftLabel; fired: string[]; messages: string[] }> = [];
  let sentences = 0;
  for (const l of labels) {
    const result = await service.check(`/ws/briefs/item-${l.id}.brief.md`, tradecraftBrief(l));
    if (result.failures.length) throw new Error(`item ${l.id}: ${result.failures.map((f) => `${f.rule}: ${f.message}`).join("; ")}`);
    const own = result.brief.sentences.filter((s) => result.brief.text.slice(s.start, s.end).length > 0 && l.text.includes(result.brief.text.slice(s.start, s.end).replace(/\s+/g, " ").trim().slice(0, 20)));
    sentences += Math.max(1, own.length);
    const problems = result.problems.filter((p) => TRADECRAFT_RULES.includes(p.rule));
    const fired = [...new Set(problems.map((p) => p.rule))].sort();
    for (const [rule, c] of counts) {
      const f = fired.includes(rule);
      const e = l.expect.includes(rule);
      if (f && e) c.tp++;
      else if (f) c.fp++;
      else if (e) c.fn++;
    }
    if (fired.join() !== [...l.expect].sort().join()) wrong.push({ label: l, fired, messages: problems.map((p) => `${p.rule}: ${p.message}`) });
  }
  const scores = [...counts].map(([rule, c]) => ({ rule, ...c, precision: c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp), recall: c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn) }));
  return { scores, wrong, sentences };
}
