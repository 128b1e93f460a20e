/** How a claim's verdict is shown: its word, its symbol, and a brief's counts. */
import type { Claim, Verdict } from "../verify/claims";

const WORDS: Record<Verdict, string> = { confirmed: "Confirmed", contradicted: "Contradicted", unverified: "Unverified" };
const SYMBOLS: Record<Verdict, string> = { confirmed: "✓", contradicted: "✗", unverified: "?" };

/** A verdict's symbol (beside its word, never instead of it). */
export function verdictSymbol(v: Verdict): string {
  return SYMBOLS[v];
}

export function verdictWord(v: Verdict): string {
  return WORDS[v];
}

export function claimCounts(claims: ReadonlyArray<Pick<Claim, "verdict">>): { total: number } & Record<Verdict, number> {
  const n = (v: Verdict) => claims.filter((c) => c.verdict === v).length;
  return { total: claims.length, confirmed: n("confirmed"), contradicted: n("contradicted"), unverified: n("unverified") };
}

/** The hover's first line for a claim: its verdict, and why. */
export function verdictMarkdown(claim: Pick<Claim, "verdict" | "why">, escape: (s: string) => string): string {
  const what = claim.verdict === "unverified" ? "Unverified: a person should look" : WORDS[claim.verdict];
  return `${SYMBOLS[claim.verdict]} **${what}** — ${escape(claim.why.join("; "))}`;
}
