import { getNodeValue, parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from "jsonc-parser";
import { MARKDOWNLINT_RULE_NAMES } from "./markdownlintRules";
import { editDistance } from "./editDistance";
import type { Problem, Severity, SeveritySetting } from "./types";
import { LineIndex } from "./text";

export interface SectionBounds {
  min?: number;
  max?: number;
}

/** The effective configuration of a brief check: `.briefrc.json` over editor settings over defaults. */
export interface BriefConfig {
  files: string[];
  sources: string[];
  /** Bibliography files (CSL-JSON, CSL-YAML, BibTeX), as Pandoc's `bibliography`; relative to the config file. */
  bibliography: string[];
  requiredSections: string[];
  citationRequired: string[];
  sectionLength: Record<string, SectionBounds>;
  rules: Record<string, SeveritySetting>;
  /** markdownlint configuration object, or `false` to turn markdownlint off. */
  markdownlint: Record<string, unknown> | false | undefined;
  /** Sources larger than this many bytes are not indexed (a problem is reported on them). */
  maxSourceBytes: number;
  /** Minimum share of a sentence's content words a cited passage must hold (weak-support). */
  supportThreshold: number;
  /** Sizes past which work that is not linear in its input is not attempted. */
  limits: Limits;
}

/**
 * markdownlint (through micromark) takes time that grows faster than the input on some shapes of
 * text. Past any of these it is skipped for that brief, with one information problem, and
 * brief-author's own rules still run on its own linear structure reader.
 */
export interface Limits {
  /** Brief size in bytes (UTF-16 code units) past which markdownlint is skipped. */
  markdownlintBytes: number;
  /** Lines in one paragraph. */
  paragraphLines: number;
  /** Square brackets in one paragraph (each "]" makes micromark look back over the paragraph). */
  paragraphBrackets: number;
  /** Nesting of block quotes and list items. */
  nesting: number;
}

export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  markdownlintBytes: 512 * 1024,
  paragraphLines: 2000,
  paragraphBrackets: 2000,
  nesting: 64,
});

export const DEFAULT_CONFIG: Readonly<BriefConfig> = Object.freeze({
  files: ["**/*.brief.md"],
  sources: ["sources"],
  bibliography: [],
  requiredSections: ["Description", "Impact"],
  citationRequired: ["Description"],
  sectionLength: {},
  rules: {},
  markdownlint: undefined,
  maxSourceBytes: 1024 * 1024,
  supportThreshold: 0.3,
  limits: DEFAULT_LIMITS,
});

export const CONFIG_FILE_NAME = ".briefrc.json";

const SEVERITIES: readonly SeveritySetting[] = ["error", "warning", "information", "hint", "off"];

export interface ConfigLoadResult {
  /** What the file sets; invalid entries are left out so the defaults stay in force. */
  config: Partial<BriefConfig>;
  /** Problems found in the file, with 0-based ranges into it. */
  problems: Problem[];
  /** Where each `sources` entry stands in the file (offset and length of its string), by index. */
  sourceSpans?: Array<{ offset: number; length: number }>;
}

function problemAt(lines: LineIndex, offset: number, length: number, message: string): Problem {
  return { rule: "config", severity: "error", message, range: lines.rangeOf(offset, offset + Math.max(1, length)) };
}

const KNOWN_SETTINGS = new Set(["$schema", "files", "sources", "requiredSections", "citationRequired", "sectionLength", "rules", "markdownlint", "maxSourceBytes", "supportThreshold", "limits", "bibliography"]);

/**
 * Parses `.briefrc.json` text (JSON with comments). Never throws; linear in the text: one parse
 * tree gives every key's position (no search of the text per key).
 */
export function parseConfigText(text: string, knownRules: readonly string[] = []): ConfigLoadResult {
  const lines = new LineIndex(text);
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0) {
    const e = errors[0];
    const p = lines.positionAt(e.offset);
    return {
      config: {},
      problems: [
        problemAt(lines, e.offset, e.length, `invalid JSON at line ${p.line + 1}, column ${p.character + 1}: ${describeParseError(e)}; the defaults stay in force`),
      ],
    };
  }
  if (!tree || tree.type !== "object") {
    return { config: {}, problems: [problemAt(lines, 0, text.length, "the config file must hold a JSON object; the defaults stay in force")] };
  }
  const problems: Problem[] = [];
  const config: Partial<BriefConfig> = {};
  // The first occurrence of each top-level key, as JSON.parse would keep the last: take the last.
  const props = new Map<string, JsonNode>();
  for (const prop of tree.children ?? []) {
    const keyNode = prop.children?.[0];
    if (keyNode && typeof keyNode.value === "string") props.set(keyNode.value, prop);
  }
  const keyNode = (key: string) => props.get(key)!.children![0];
  const lineOf = (node: JsonNode) => lines.positionAt(node.offset).line + 1;
  const bad = (key: string, message: string, node: JsonNode = keyNode(key)) =>
    problems.push(problemAt(lines, node.offset, node.length, `"${key}" at line ${lineOf(node)}: ${message}; its default stays in force`));
  const valueOf = (key: string): unknown => getNodeValue(props.get(key)!.children![1]);
  const stringList = (key: "files" | "sources" | "requiredSections" | "citationRequired") => {
    if (!props.has(key)) return;
    const v = valueOf(key);
    if (Array.isArray(v) && v.every((s) => typeof s === "string")) config[key] = v as string[];
    else bad(key, "must be a list of strings");
  };
  stringList("files");
  stringList("sources");
  stringList("requiredSections");
  stringList("citationRequired");
  if (props.has("bibliography")) {
    // One path or a list, as Pandoc's `bibliography`.
    const v = valueOf("bibliography");
    if (typeof v === "string") config.bibliography = [v];
    else if (Array.isArray(v) && v.every((s) => typeof s === "string")) config.bibliography = v as string[];
    else bad("bibliography", "must be a path or a list of paths to CSL-JSON, CSL-YAML or BibTeX files");
  }
  const sourceSpans = config.sources ? (props.get("sources")!.children![1].children ?? []).map((n) => ({ offset: n.offset, length: n.length })) : undefined;
  if (props.has("sectionLength")) {
    const v = valueOf("sectionLength");
    if (v && typeof v === "object" && !Array.isArray(v)) {
      const out: Record<string, SectionBounds> = {};
      let ok = true;
      for (const [name, b] of Object.entries(v as Record<string, unknown>)) {
        const bounds = b as Record<string, unknown>;
        if (!bounds || typeof bounds !== "object" || Object.entries(bounds).some(([k, n]) => !["min", "max"].includes(k) || typeof n !== "number" || n < 0)) {
          ok = false;
          bad("sectionLength", `the bounds of "${name}" must be an object like { "min": 20, "max": 300 }`);
          continue;
        }
        out[name] = { min: bounds.min as number | undefined, max: bounds.max as number | undefined };
      }
      if (ok || Object.keys(out).length) config.sectionLength = out;
    } else bad("sectionLength", 'must be an object like { "Description": { "max": 300 } }');
  }
  if (props.has("rules")) {
    const node = props.get("rules")!.children![1];
    if (node.type === "object") {
      const known = new Set(knownRules);
      const out: Record<string, SeveritySetting> = {};
      for (const prop of node.children ?? []) {
        const [k, valueNode] = prop.children ?? [];
        const name = String(k?.value);
        const sev = valueNode && getNodeValue(valueNode);
        if (known.size && !known.has(name) && !MARKDOWNLINT_RULE_NAMES.has(name)) {
          const hint = closestName(name, [...known]);
          bad("rules", `unknown rule "${name}"${hint ? ` (did you mean "${hint}"?)` : ""}; rules are brief-author's (${knownRules.join(", ")}) and markdownlint's (MD001 ... MD060 or their aliases)`, k);
          continue;
        }
        if (typeof sev === "string" && (SEVERITIES as readonly string[]).includes(sev)) out[name] = sev as SeveritySetting;
        else bad("rules", `the value of "${name}" must be one of ${SEVERITIES.map((s) => `"${s}"`).join(", ")}`, valueNode ?? k);
      }
      config.rules = out;
    } else bad("rules", 'must be an object like { "weak-support": "off" }');
  }
  if (props.has("markdownlint")) {
    const v = valueOf("markdownlint");
    if (v === false) config.markdownlint = false;
    else if (v && typeof v === "object" && !Array.isArray(v)) config.markdownlint = v as Record<string, unknown>;
    else bad("markdownlint", "must be a markdownlint configuration object or false");
  }
  if (props.has("maxSourceBytes")) {
    const v = valueOf("maxSourceBytes");
    if (typeof v === "number" && v > 0) config.maxSourceBytes = v;
    else bad("maxSourceBytes", "must be a positive number of bytes");
  }
  if (props.has("supportThreshold")) {
    const v = valueOf("supportThreshold");
    if (typeof v === "number" && v >= 0 && v <= 1) config.supportThreshold = v;
    else bad("supportThreshold", "must be a number between 0 and 1");
  }
  if (props.has("limits")) {
    const v = valueOf("limits");
    const out: Partial<Limits> = {};
    if (v && typeof v === "object" && !Array.isArray(v)) {
      for (const [name, n] of Object.entries(v as Record<string, unknown>)) {
        if (!(name in DEFAULT_LIMITS)) bad("limits", `unknown limit "${name}" (known: ${Object.keys(DEFAULT_LIMITS).join(", ")})`);
        else if (typeof n !== "number" || !(n > 0)) bad("limits", `"${name}" must be a positive number`);
        else out[name as keyof Limits] = n;
      }
      config.limits = { ...DEFAULT_LIMITS, ...out };
    } else bad("limits", `must be an object like { "markdownlintBytes": 500000 }`);
  }
  for (const [key, prop] of props) {
    if (KNOWN_SETTINGS.has(key)) continue;
    const node = prop.children![0];
    problems.push({ ...problemAt(lines, node.offset, node.length, `unknown setting "${key}" at line ${lineOf(node)} is ignored`), severity: "warning" });
  }
  return { config, problems, sourceSpans };
}

/** The known name closest in spelling to a mistyped one, if any is close. */
function closestName(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Math.max(2, Math.floor(name.length / 4)) + 1;
  for (const k of known) {
    const d = editDistance(name.toLowerCase(), k.toLowerCase(), bestD);
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  return best;
}

function describeParseError(e: ParseError): string {
  const code = printParseErrorCode(e.error);
  return code.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}

/** Layers configs: later layers override earlier ones key by key (rules and sectionLength merge). */
export function mergeConfig(...layers: Partial<BriefConfig>[]): BriefConfig {
  const out: BriefConfig = { ...DEFAULT_CONFIG, rules: {}, sectionLength: {} } as BriefConfig;
  for (const layer of layers) {
    for (const [k, v] of Object.entries(layer)) {
      if (v === undefined) continue;
      if (k === "rules") out.rules = { ...out.rules, ...(v as Record<string, SeveritySetting>) };
      else if (k === "sectionLength") out.sectionLength = { ...out.sectionLength, ...(v as Record<string, SectionBounds>) };
      else if (k === "limits") out.limits = { ...out.limits, ...(v as Partial<Limits>) };
      else (out as unknown as Record<string, unknown>)[k] = v;
    }
  }
  return out;
}

export function severityFor(config: BriefConfig, rule: string, fallback: Severity): SeveritySetting {
  return config.rules[rule] ?? fallback;
}
