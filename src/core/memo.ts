/**
 * A bounded memo of a pure function of a string: while someone types, most sentences of a brief
 * are the same text as at the last check, so their figures and query terms are not worked out
 * again. The oldest entries go first once `max` are held.
 */
export function memoizeText<T>(fn: (text: string) => T, max = 2000): (text: string) => T {
  const cache = new Map<string, T>();
  return (text: string) => {
    const hit = cache.get(text);
    if (hit !== undefined) return hit;
    const value = fn(text);
    if (cache.size >= max) cache.delete(cache.keys().next().value as string);
    cache.set(text, value);
    return value;
  };
}
