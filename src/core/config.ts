import { parse as parseJsonc, printParseErrorCode, type ParseError } from "jsonc-parser";
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
}

export const DEFAULT_CONFIG: Readonly<BriefConfig> = Object.freeze({
  files: ["**/*.brief.md"],
  sources: ["sources"],
  requiredSections: ["Description", "Impact"],
  citationRequired: ["Description"],
  sectionLength: {},
  rules: {},
  markdownlint: undefined,
  maxSourceBytes: 1024 * 1024,
  supportThreshold: 0.3,
});

export const CONFIG_FILE_NAME = ".briefrc.json";

const SEVERITIES: readonly SeveritySetting[] = ["error", "warning", "information", "hint", "off"];

export interface ConfigLoadResult {
  /** What the file sets; invalid entries are left out so the defaults stay in force. */
  config: Partial<BriefConfig>;
  /** Problems found in the file, with 0-based ranges into it. */
  problems: Problem[];
}

function problemAt(lines: LineIndex, offset: number, length: number, message: string): Problem {
  return { rule: "config", severity: "error", message, range: lines.rangeOf(offset, offset + Math.max(1, length)) };
}

/** Parses `.briefrc.json` text (JSON with comments). Never throws. */
export function parseConfigText(text: string, knownRules: readonly string[] = []): ConfigLoadResult {
  const lines = new LineIndex(text);
  const errors: ParseError[] = [];
  const value = parseJsonc(text, errors, { allowTrailingComma: true, disallowComments: false });
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
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return { config: {}, problems: [problemAt(lines, 0, text.length, "the config file must hold a JSON object; the defaults stay in force")] };
  }
  const problems: Problem[] = [];
  const config: Partial<BriefConfig> = {};
  const where = (key: string): number => {
    const i = text.indexOf(JSON.stringify(key));
    return i < 0 ? 0 : i;
  };
  const bad = (key: string, message: string) => problems.push(problemAt(lines, where(key), key.length + 2, `"${key}" at line ${lines.positionAt(where(key)).line + 1}: ${message}; its default stays in force`));
  const obj = value as Record<string, unknown>;
  const stringList = (key: "files" | "sources" | "requiredSections" | "citationRequired") => {
    if (!(key in obj)) return;
    const v = obj[key];
    if (Array.isArray(v) && v.every((s) => typeof s === "string")) config[key] = v as string[];
    else bad(key, "must be a list of strings");
  };
  stringList("files");
  stringList("sources");
  stringList("requiredSections");
  stringList("citationRequired");
  if ("sectionLength" in obj) {
    const v = obj.sectionLength;
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
  if ("rules" in obj) {
    const v = obj.rules;
    if (v && typeof v === "object" && !Array.isArray(v)) {
      const out: Record<string, SeveritySetting> = {};
      for (const [name, sev] of Object.entries(v as Record<string, unknown>)) {
        if (knownRules.length && !knownRules.includes(name)) {
          bad("rules", `unknown rule "${name}" (known: ${knownRules.join(", ")})`);
          continue;
        }
        if (typeof sev === "string" && (SEVERITIES as readonly string[]).includes(sev)) out[name] = sev as SeveritySetting;
        else bad("rules", `the value of "${name}" must be one of ${SEVERITIES.map((s) => `"${s}"`).join(", ")}`);
      }
      config.rules = out;
    } else bad("rules", 'must be an object like { "weak-support": "off" }');
  }
  if ("markdownlint" in obj) {
    const v = obj.markdownlint;
    if (v === false) config.markdownlint = false;
    else if (v && typeof v === "object" && !Array.isArray(v)) config.markdownlint = v as Record<string, unknown>;
    else bad("markdownlint", "must be a markdownlint configuration object or false");
  }
  if ("maxSourceBytes" in obj) {
    const v = obj.maxSourceBytes;
    if (typeof v === "number" && v > 0) config.maxSourceBytes = v;
    else bad("maxSourceBytes", "must be a positive number of bytes");
  }
  if ("supportThreshold" in obj) {
    const v = obj.supportThreshold;
    if (typeof v === "number" && v >= 0 && v <= 1) config.supportThreshold = v;
    else bad("supportThreshold", "must be a number between 0 and 1");
  }
  const known = new Set(["$schema", "files", "sources", "requiredSections", "citationRequired", "sectionLength", "rules", "markdownlint", "maxSourceBytes", "supportThreshold"]);
  for (const key of Object.keys(obj)) {
    if (!known.has(key)) problems.push({ ...problemAt(lines, where(key), key.length + 2, `unknown setting "${key}" at line ${lines.positionAt(where(key)).line + 1} is ignored`), severity: "warning" });
  }
  return { config, problems };
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
      else (out as unknown as Record<string, unknown>)[k] = v;
    }
  }
  return out;
}

export function severityFor(config: BriefConfig, rule: string, fallback: Severity): SeveritySetting {
  return config.rules[rule] ?? fallback;
}
