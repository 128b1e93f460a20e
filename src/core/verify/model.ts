/**
 * A model the analyst runs, as a second opinion on the claims no check could confirm. The host
 * hands in a `ClaimJudge` (an OpenAI-compatible endpoint from src/node/modelJudge.ts, or VS Code's
 * language models); `judgeClaims` asks it about each unverified claim that cites a source with text,
 * sending the claim and its best cited passages, and turns a clear answer into a verdict: "Yes"
 * confirms, "No" contradicts (rule `model-disagrees`). Anything else (an error, a time-out, an
 * answer that is neither) leaves the claim unverified. Nothing here blocks a check: hosts run it
 * after the rules, and publish again when it is done.
 */
import type { Brief } from "../parse/brief";
import type { Problem, SeveritySetting } from "../types";
import { ruleDocUrl } from "../rules/rule";
import { readInlineConfig } from "../parse/inlineConfig";
import type { Claim } from "./claims";

export type ModelAnswer = "supported" | "unsupported";

export interface ClaimJudge {
  /** The model's name, for messages (`bespoke-minicheck`). */
  readonly name: string;
  /** The model's answer, or undefined when it gave none that can be read. Never throws. */
  judge(prompt: string): Promise<ModelAnswer | undefined>;
}

/** Longest passage text sent, in characters (the best window and a second one). */
export const MAX_DOCUMENT_CHARS = 4000;

/** The prompt MiniCheck-style models are trained on: the document, then the claim; the answer is Yes or No. */
export function modelPrompt(claim: string, passages: readonly string[]): string {
  const doc = passages.join("\n\n").replace(/\s+\n/g, "\n").slice(0, MAX_DOCUMENT_CHARS);
  return `Document: ${doc}\nClaim: ${claim.replace(/\s+/g, " ").trim()}`;
}

/** A model's reply read as an answer: it must start with Yes or No (a word, any case, after white space). */
export function readAnswer(reply: unknown): ModelAnswer | undefined {
  if (typeof reply !== "string") return undefined;
  const m = /^\s*["'*_]*(yes|no)\b/i.exec(reply.slice(0, 200));
  if (!m) return undefined;
  return m[1].toLowerCase() === "yes" ? "supported" : "unsupported";
}

/** The claim's own words, without its citations (what the model is asked about). */
export function claimWords(brief: Brief, claim: Claim): string {
  const s = brief.sentences.find((x) => x.start === claim.start);
  // The blanked citation leaves a space before the full stop: "…productive ." → "…productive."
  return (s ? s.claimText : brief.text.slice(claim.start, claim.end)).replace(/\s+/g, " ").replace(/ ([.,;:!?])/g, "$1").trim();
}

export interface ModelRun {
  /** The claims with the model's verdicts in (a new array; the given claims are not changed). */
  claims: Claim[];
  /** `model-disagrees` problems, one per claim the model judged unsupported. */
  problems: Problem[];
  /** How many claims were asked, and how many answers could not be read. */
  asked: number;
  unanswered: number;
}

/**
 * Asks the judge about every unverified claim that cites a source with text (at most `limit`,
 * in order), and returns the claims and problems the answers give. `severity` is model-disagrees'.
 */
export async function judgeClaims(brief: Brief, claims: readonly Claim[], judge: ClaimJudge, severity: SeveritySetting, limit = 200): Promise<ModelRun> {
  const out: Claim[] = [];
  const problems: Problem[] = [];
  let asked = 0;
  let unanswered = 0;
  // `<!-- brief-author-disable model-disagrees -->` holds for it as for every rule.
  let inline: ReturnType<typeof readInlineConfig> | undefined;
  for (const c of claims) {
    if (c.verdict !== "unverified" || !c.passage || c.keys.length === 0 || asked >= limit) {
      out.push(c);
      continue;
    }
    asked++;
    const answer = await judge.judge(modelPrompt(claimWords(brief, c), [c.passage.text]));
    if (answer === undefined) {
      unanswered++;
      out.push(c);
      continue;
    }
    if (answer === "supported") {
      out.push({ ...c, verdict: "confirmed", why: [`${judge.name} judged that @${c.passage.key}'s passage supports it (no check could confirm it)`] });
      continue;
    }
    const message = `${judge.name} judged that the cited passage of @${c.passage.key} does not support this claim`;
    out.push({ ...c, verdict: "contradicted", rules: [...c.rules, "model-disagrees"].sort(), why: [message] });
    const range = brief.lines.rangeOf(c.start, c.end);
    inline ??= readInlineConfig(brief.text, brief.lines, new Set(["model-disagrees"]));
    if (severity !== "off" && !inline.disabled("model-disagrees", range.start.line)) problems.push({ rule: "model-disagrees", severity, message, range, docUrl: ruleDocUrl("model-disagrees") });
  }
  return { claims: out, problems, asked, unanswered };
}
