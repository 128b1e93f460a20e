/**
 * Appends every item of `items` to `target`. Unlike `target.push(...items)`, which passes each
 * item as an argument, it works for any length: a brief of one 10 MB line can hold hundreds of
 * thousands of problems, past the engine's limit on arguments (a stack overflow).
 */
export function pushAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}
