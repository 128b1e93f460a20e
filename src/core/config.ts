import { getNodeValue, parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from "jsonc-parser";
import { MARKDOWNLINT_RULE_NAMES } from "./markdownlintRules";
import { closestKeys } from "./closest";
import type { Problem, Severity, SeveritySetting } from "./types";
import type { YardstickSetting } from "./tradecraft/yardstick";
import { LineIndex } from "./text";
import type { Schema, Validator } from "@cfworker/json-schema";
import briefrcSchema from "../../schemas/briefrc.schema.json";

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
  /** Analytic tradecraft (ICD 203): the yardstick judgments are read against; `false` turns the nine rules off. */
  tradecraft: TradecraftConfig | false;
  /** Export with Pandoc: a CSL style and a reference document, relative to the config file. */
  export: ExportConfig;
}

/** `export` in `.briefrc.json`: files in the workspace, relative to the config file. */
export interface ExportConfig {
  csl?: string;
  referenceDoc?: string;
}

/** `tradecraft` in `.briefrc.json`: `"icd203"` (default), `"phia"`, or a team's own table of bands. */
export interface TradecraftConfig {
  yardstick: YardstickSetting;
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
  tradecraft: Object.freeze({ yardstick: "icd203" }) as TradecraftConfig,
  export: Object.freeze({}) as ExportConfig,
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

/** A setting's schema: its JSON schema, and what a problem with it says (`errorMessage`, which VS Code shows too). */
type SettingSchema = Schema & { errorMessage?: string };

/** The settings of `.briefrc.json`, from its JSON schema (schemas/briefrc.schema.json): the one description of what is valid. */
const SETTINGS = (briefrcSchema as unknown as { properties: Record<string, SettingSchema> }).properties;

const KNOWN_SETTINGS = new Set(Object.keys(SETTINGS));

const validators = new Map<Schema, Validator>();

/** Whether a value is valid under one of the schema's parts (a validator made once for each). */
export function validates(schema: Schema, value: unknown): boolean {
  let v = validators.get(schema);
  if (!v) {
    // Loaded when a config file is first read, not with the extension (its formats compile patterns).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Validator } = require("@cfworker/json-schema") as typeof import("@cfworker/json-schema");
    validators.set(schema, (v = new Validator(schema, "7", false)));
  }
  return v.validate(value).valid;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

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
  // Whether a value is valid is the schema's call (the editor validates the file with the same
  // schema); the code here only turns valid values into the config and says where a bad one is.
  const setting = (key: string) => SETTINGS[key];
  const check = (key: string): unknown => {
    const v = valueOf(key);
    if (validates(setting(key), v)) return v;
    bad(key, setting(key).errorMessage ?? "is not valid");
    return undefined;
  };
  if (props.has("$schema")) check("$schema");
  for (const key of ["files", "sources", "requiredSections", "citationRequired"] as const) {
    if (!props.has(key)) continue;
    const v = check(key);
    if (v !== undefined) config[key] = v as string[];
  }
  if (props.has("bibliography")) {
    // One path or a list, as Pandoc's `bibliography`.
    const v = check("bibliography");
    if (v !== undefined) config.bibliography = typeof v === "string" ? [v] : (v as string[]);
  }
  const sourceSpans = config.sources ? (props.get("sources")!.children![1].children ?? []).map((n) => ({ offset: n.offset, length: n.length })) : undefined;
  if (props.has("sectionLength")) {
    const v = valueOf("sectionLength");
    if (isObject(v)) {
      const out: Record<string, SectionBounds> = {};
      let ok = true;
      for (const [name, b] of Object.entries(v)) {
        if (!validates(SETTINGS.sectionLength.additionalProperties as Schema, b)) {
          ok = false;
          bad("sectionLength", `the bounds of "${name}" must be an object like { "min": 20, "max": 300 }`);
          continue;
        }
        const bounds = b as Record<string, number | undefined>;
        out[name] = { min: bounds.min, max: bounds.max };
      }
      if (ok || Object.keys(out).length) config.sectionLength = out;
    } else bad("sectionLength", SETTINGS.sectionLength.errorMessage!);
  }
  if (props.has("rules")) {
    const node = props.get("rules")!.children![1];
    if (node.type === "object") {
      const known = new Set(knownRules);
      const ruleSchemas = SETTINGS.rules.properties as Record<string, Schema>;
      const out: Record<string, SeveritySetting> = {};
      for (const prop of node.children ?? []) {
        const [k, valueNode] = prop.children ?? [];
        const name = String(k?.value);
        const sev = valueNode && getNodeValue(valueNode);
        if (known.size && !known.has(name) && !MARKDOWNLINT_RULE_NAMES.has(name)) {
          const hint = closestKeys(name, [...known], 1)[0];
          bad("rules", `unknown rule "${name}"${hint ? ` (did you mean "${hint}"?)` : ""}; rules are brief-author's (${knownRules.join(", ")}) and markdownlint's (MD001 ... MD060 or their aliases)`, k);
          continue;
        }
        if (validates(ruleSchemas[name] ?? (SETTINGS.rules.additionalProperties as Schema), sev)) out[name] = sev as SeveritySetting;
        else bad("rules", `the value of "${name}" must be one of ${SEVERITIES.map((s) => `"${s}"`).join(", ")}`, valueNode ?? k);
      }
      config.rules = out;
    } else bad("rules", SETTINGS.rules.errorMessage!);
  }
  if (props.has("markdownlint")) {
    const v = check("markdownlint");
    if (v !== undefined) config.markdownlint = v as Record<string, unknown> | false;
  }
  if (props.has("maxSourceBytes")) {
    const v = check("maxSourceBytes");
    if (v !== undefined) config.maxSourceBytes = v as number;
  }
  if (props.has("supportThreshold")) {
    const v = check("supportThreshold");
    if (v !== undefined) config.supportThreshold = v as number;
  }
  if (props.has("tradecraft")) {
    const v = valueOf("tradecraft");
    if (v === false || v === true) config.tradecraft = v ? { yardstick: "icd203" } : false;
    else if (isObject(v) && validates(SETTINGS.tradecraft as Schema, v)) {
      const y = v.yardstick as YardstickSetting | undefined;
      const bad2 = y && typeof y === "object" ? yardstickProblem(y) : undefined;
      if (bad2) bad("tradecraft", bad2);
      else config.tradecraft = { yardstick: y ?? "icd203" };
    } else bad("tradecraft", SETTINGS.tradecraft.errorMessage!);
  }
  if (props.has("export")) {
    const v = check("export");
    if (v !== undefined) config.export = { ...(v as ExportConfig) };
  }
  if (props.has("limits")) {
    const v = valueOf("limits");
    const out: Partial<Limits> = {};
    if (isObject(v)) {
      const limitSchemas = SETTINGS.limits.properties as Record<string, Schema>;
      for (const [name, n] of Object.entries(v)) {
        if (!(name in limitSchemas)) bad("limits", `unknown limit "${name}" (known: ${Object.keys(limitSchemas).join(", ")})`);
        else if (!validates(limitSchemas[name], n)) bad("limits", `"${name}" must be a positive number`);
        else out[name as keyof Limits] = n as number;
      }
      config.limits = { ...DEFAULT_LIMITS, ...out };
    } else bad("limits", SETTINGS.limits.errorMessage!);
  }
  for (const [key, prop] of props) {
    if (KNOWN_SETTINGS.has(key)) continue;
    const node = prop.children![0];
    problems.push({ ...problemAt(lines, node.offset, node.length, `unknown setting "${key}" at line ${lineOf(node)} is ignored`), severity: "warning" });
  }
  return { config, problems, sourceSpans };
}

/** What is wrong with a team's yardstick table beyond its shape: ranges out of order or overlapping, a term twice. */
function yardstickProblem(y: Exclude<YardstickSetting, string>): string | undefined {
  const bands = [...y.bands].sort((a, b) => a.range[0] - b.range[0]);
  for (const b of bands) if (b.range[0] > b.range[1]) return `a band's range must go from low to high (${b.range[0]} > ${b.range[1]})`;
  for (let i = 1; i < bands.length; i++) if (bands[i].range[0] < bands[i - 1].range[1]) return `the bands' ranges overlap (${bands[i - 1].range.join("–")} and ${bands[i].range.join("–")})`;
  const seen = new Set<string>();
  for (const b of bands) for (const t of b.terms) {
    const k = t.trim().toLowerCase();
    if (seen.has(k)) return `the term "${t}" stands in two bands`;
    seen.add(k);
  }
  return undefined;
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
