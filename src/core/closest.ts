import { editDistance } from "./editDistance";

/** Keys longer than this get no spelling suggestions (the comparison is quadratic in length). */
const MAX_SUGGEST_KEY = 100;

/**
 * The names within a small edit distance of `key`, closest first (none for names past 100
 * characters): the one "did you mean" of brief-author, for citation keys, rule names in comments
 * and settings in `.briefrc.json`.
 */
export function closestKeys(key: string, keys: readonly string[], limit: number): string[] {
  if (key.length > MAX_SUGGEST_KEY) return [];
  const k = key.toLowerCase();
  const scored: Array<[string, number]> = [];
  const maxDist = Math.max(2, Math.floor(k.length / 3));
  for (const cand of keys) {
    if (cand.length > MAX_SUGGEST_KEY) continue;
    const c = cand.toLowerCase();
    const contains = c.includes(k) || k.includes(c);
    if (Math.abs(c.length - k.length) > maxDist && !contains) continue;
    const d = contains ? Math.min(1, editDistance(k, c, 1)) : editDistance(k, c, maxDist);
    if (d <= maxDist) scored.push([cand, d]);
  }
  scored.sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1));
  return scored.slice(0, limit).map((s) => s[0]);
}

