/** Small helpers shared by scripts/bench.ts and its in-process child (scripts/bench/inproc.ts). */

/** Milliseconds since `start` (a `process.hrtime.bigint()` reading). */
export function msSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** The median (the mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  if (!values.length) throw new Error("median of no values");
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Nearest-rank percentile: `p` in 0..1 (0.95 of 50 samples is the 48th smallest). */
export function percentile(values: readonly number[], p: number): number {
  if (!values.length) throw new Error("percentile of no values");
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
}

/** A deterministic random number generator (0 <= x < 1), independent of the corpus generator's. */
export function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x80000000;
}
