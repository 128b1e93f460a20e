/**
 * The one edit distance of the engine: Levenshtein's (insertions, deletions, substitutions), or
 * with `transpositions` the optimal string alignment distance (an adjacent swap, `72.7` for `77.2`'s
 * digits, counts as one edit). It gives up once it must exceed `max` (then returns `max + 1`), so a
 * look-up over thousands of keys costs O(length × max) per key, not O(length²). Three rows of
 * memory, whatever the lengths.
 */
export function editDistance(a: string, b: string, max = Infinity, transpositions = false): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before = new Array<number>(b.length + 1); // row i - 2 (transpositions)
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const bj = b.charCodeAt(j - 1);
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ai === bj ? 0 : 1));
      if (transpositions && i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) d = Math.min(d, before[j - 2] + 1);
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    // A transposition looks back two rows: the row-minimum bound holds only without them.
    if (!transpositions && rowMin > max) return max + 1;
    [before, prev, cur] = [prev, cur, before];
  }
  const d = prev[b.length];
  return d > max ? max + 1 : d;
}
