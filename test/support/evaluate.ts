/**
 * Measures the claim rules and verdicts on the labelled set in test/fixtures/support: each labelled sentence
 * is checked in a brief of its own, citing its source, against a library holding every source of
 * the set. "Flagged" (the rule reports the sentence as unsupported) is the positive class:
 *   precision = flagged ∧ unsupported / flagged
 *   recall    = flagged ∧ unsupported / unsupported
 * Used by scripts/support-eval.ts and available to unit tests.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { BriefService } from "../../src/core/service";
import { MemoryFileSystem } from "../../src/core/fs";
import type { BriefConfig } from "../../src/core/config";
import type { LineIndex } from "../../src/core/text";
import type { Range } from "../../src/core/types";
import { CONTRADICTING_RULES, type Verdict } from "../../src/core/verify/claims";
import { setLexiconSource } from "../../src/core/verify/lexicon";
import { setLanguagePack } from "../../src/core/lang/language";
import { nodeLanguagePack } from "../../src/node/languagePack";
import { nodeLexicon } from "../../src/node/lexicon";
import { splitSentences } from "../../src/core/parse/sentences";

export const SUPPORT_FIXTURES = path.join(__dirname, "..", "fixtures", "support");

/** One labelled sentence of test/fixtures/support/labels.json. */
export interface SupportLabel {
  id: number;
  /** The cited source's key (its file name in sources/, without `.md`). */
  key: string;
  /** The brief's sentence, without its citation. */
  sentence: string;
  /** Whether the cited source supports the sentence. */
  supported: boolean;
  /** supported: verbatim, paraphrase, summary, two-facts, clause-fact, figure-words; unsupported: invented, negated, antonym, swapped-actor, different-actor, different-person, different-place, different-date, different-number, hedged, other-source, off-topic. */
  kind: string;
}

export interface SupportMiss {
  id: number;
  kind: string;
  supported: boolean;
  key: string;
  sentence: string;
  /** Whether a claim rule flagged the sentence (so `!flagged` for a missed unsupported one). */
  flagged: boolean;
  verdict: Verdict;
  /** The rules that flagged it, with their messages; or why its verdict. */
  messages: string[];
}

export interface KindCounts {
  n: number;
  /** Flagged by any verification rule or weak-support. */
  flagged: number;
  confirmed: number;
  contradicted: number;
  /** Per rule: how many items of the kind it flagged. */
  rules: Record<string, number>;
}

export interface SupportEvaluation {
  /** Of "flagged" (any claim rule reports the sentence); 0 when nothing is flagged. */
  precision: number;
  recall: number;
  /** Of "confirmed": unsupported sentences confirmed are its errors; coverage is the share of supported ones confirmed. */
  confirmedPrecision: number;
  confirmedCoverage: number;
  perKind: Record<string, KindCounts>;
  /** Flagged supported, missed unsupported, and confirmed unsupported items. */
  wrong: SupportMiss[];
  counts: { items: number; flagged: number; unsupported: number; truePositives: number; confirmed: number; confirmedUnsupported: number; supported: number };
}

/** Rules whose finding on a sentence counts as "flagged". */
export const FLAGGING_RULES = new Set([...CONTRADICTING_RULES, "weak-support"]);

export interface SupportEvaluationOptions {
  /** Settings for the service (e.g. `{ supportThreshold: 0.4 }`); default: none, so the rule's defaults. */
  settings?: Partial<BriefConfig>;
  /** The labelled items; default: test/fixtures/support/labels.json. */
  labels?: SupportLabel[];
}

export function loadSupportLabels(): SupportLabel[] {
  return JSON.parse(fs.readFileSync(path.join(SUPPORT_FIXTURES, "labels.json"), "utf8")) as SupportLabel[];
}

/**
 * Claims copied from the labelled sources themselves: each sentence of a source's body (not its
 * headings, dateline or quotations; six words or more); each of its clauses that reads as a
 * sentence of its own (split at ", and", ";", ", but", " but "; not one that starts "which",
 * "that", "for which"…); and two sentences of one paragraph joined by ", and" (two facts).
 * Every one is supported by definition: no verification rule may flag it.
 */
export function copiedClaims(): SupportLabel[] {
  const dir = path.join(SUPPORT_FIXTURES, "sources");
  const out: SupportLabel[] = [];
  let id = 1;
  const add = (key: string, sentence: string, kind: string) => out.push({ id: id++, key, sentence, supported: true, kind });
  for (const name of fs.readdirSync(dir).sort()) {
    if (!name.endsWith(".md")) continue;
    const key = name.slice(0, -3);
    const text = fs.readFileSync(path.join(dir, name), "utf8").replace(/^---[\s\S]*?\n---\n/, "");
    for (const paragraph of text.split(/\n\s*\n/).filter((p) => !p.trimStart().startsWith("#"))) {
      const sentences = splitSentences(paragraph)
        .map((s) => paragraph.slice(s.start, s.end).replace(/\s+/g, " ").trim().replace(/^[A-Z][A-Z ,0-9]+ — /, "").replace(/[.]$/, ""))
        .filter((t) => t.split(" ").length >= 6 && !/["“”]/.test(t));
      sentences.forEach((sentence, i) => {
        add(key, sentence, "verbatim");
        const clauses = sentence.split(/, and |; |, but | but /).filter((c) => c !== sentence && c.split(" ").length >= 6 && !/^(?:which|who|whose|that|for which|where|when|while)\b/i.test(c));
        for (const c of new Set(clauses)) add(key, c.replace(/^\p{Ll}/u, (x) => x.toUpperCase()), "clause-fact");
        const next = sentences[i + 1];
        if (next !== undefined && `${sentence} ${next}`.split(" ").length <= 45) {
          const joined = /^(?:The|A|An|It|Its|This|That|These|Those|There|In|On|By|At|After|Before|From|For)\b/.test(next) ? next[0].toLowerCase() + next.slice(1) : next;
          add(key, `${sentence}, and ${joined}`, "two-facts");
        }
      });
    }
  }
  return out;
}

/** The in-memory brief for one labelled sentence (its Description's only sentence, on line 10). */
export function supportBrief(label: Pick<SupportLabel, "key" | "sentence">): string {
  const sentence = label.sentence.trim().replace(/[.]$/, "");
  return `---\ntitle: T\ndate: 2025-01-01\n---\n\n# T\n\n## Description\n\n${sentence} [@${label.key}].\n\n## Impact\n\nNone.\n`;
}

export async function evaluateSupport(options: SupportEvaluationOptions = {}): Promise<SupportEvaluation> {
  setLexiconSource(nodeLexicon);
  setLanguagePack(nodeLanguagePack);
  const labels = options.labels ?? loadSupportLabels();
  const mem = new MemoryFileSystem();
  const sourcesDir = path.join(SUPPORT_FIXTURES, "sources");
  const keys = new Set<string>();
  for (const name of fs.readdirSync(sourcesDir).sort()) {
    if (!name.endsWith(".md")) continue;
    mem.write(`/ws/sources/${name}`, fs.readFileSync(path.join(sourcesDir, name)));
    keys.add(name.slice(0, -3));
  }
  const service = new BriefService({ fs: mem, root: "/ws", settings: options.settings ?? {} });
  await service.initialize();

  const perKind: Record<string, KindCounts> = {};
  const wrong: SupportMiss[] = [];
  let flaggedCount = 0;
  let unsupported = 0;
  let truePositives = 0;
  let confirmed = 0;
  let confirmedUnsupported = 0;
  for (const label of labels) {
    if (!keys.has(label.key)) throw new Error(`label ${label.id}: no source "${label.key}" in ${sourcesDir}`);
    const text = supportBrief(label);
    const result = await service.check(`/ws/briefs/item-${label.id}.brief.md`, text);
    if (result.failures.length) throw new Error(`label ${label.id}: rule(s) threw: ${result.failures.map((f) => `${f.rule}: ${f.message}`).join("; ")}`);
    // The labelled sentence must stay one citing sentence, or the verdict would be on a fragment.
    const citing = result.brief.sentences.filter((s) => s.citations.length > 0);
    if (citing.length !== 1) throw new Error(`label ${label.id}: the brief has ${citing.length} citing sentences, not 1 (does the sentence split?)`);
    const sentence = citing[0];
    const hits = result.problems.filter((p) => FLAGGING_RULES.has(p.rule) && !p.uri && overlaps(result.brief.lines, p.range, sentence.start, sentence.end));
    const flagged = hits.length > 0;
    const claim = result.claims.find((c) => c.start === sentence.start);
    if (!claim) throw new Error(`label ${label.id}: no claim for its sentence`);
    const k = (perKind[label.kind] ??= { n: 0, flagged: 0, confirmed: 0, contradicted: 0, rules: {} });
    k.n++;
    for (const r of new Set(hits.map((h) => h.rule))) k.rules[r] = (k.rules[r] ?? 0) + 1;
    if (flagged) {
      k.flagged++;
      flaggedCount++;
    }
    if (claim.verdict === "confirmed") {
      k.confirmed++;
      confirmed++;
      if (!label.supported) confirmedUnsupported++;
    }
    if (claim.verdict === "contradicted") k.contradicted++;
    if (!label.supported) unsupported++;
    if (flagged && !label.supported) truePositives++;
    if (flagged === label.supported || (claim.verdict === "confirmed" && !label.supported)) {
      wrong.push({ id: label.id, kind: label.kind, supported: label.supported, key: label.key, sentence: label.sentence, flagged, verdict: claim.verdict, messages: hits.length ? hits.map((h) => `${h.rule}: ${h.message}`) : claim.why });
    }
  }
  const supported = labels.length - unsupported;
  return {
    precision: flaggedCount ? truePositives / flaggedCount : 0,
    recall: unsupported ? truePositives / unsupported : 0,
    confirmedPrecision: confirmed ? (confirmed - confirmedUnsupported) / confirmed : 0,
    confirmedCoverage: supported ? (confirmed - confirmedUnsupported) / supported : 0,
    perKind,
    wrong,
    counts: { items: labels.length, flagged: flaggedCount, unsupported, truePositives, confirmed, confirmedUnsupported, supported },
  };
}

/** Whether a problem's range touches the offsets [start, end) of the brief. */
function overlaps(lines: LineIndex, range: Range, start: number, end: number): boolean {
  return lines.offsetAt(range.start) < end && lines.offsetAt(range.end) > start;
}
