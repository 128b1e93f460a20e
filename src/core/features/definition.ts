import type { RuleContext } from "../rules/rule";
import type { Brief } from "../parse/brief";
import type { Range } from "../types";
import { citationAt } from "./citationAt";
import { findSupportingPassage } from "./support";

export interface DefinitionResult {
  path: string;
  range: Range;
  /** The key's own range in the brief. */
  start: number;
  end: number;
}

/** Go to definition on a citation: the source file at the passage that best supports the sentence. */
export function citationDefinition(ctx: RuleContext, brief: Brief, offset: number): DefinitionResult | undefined {
  const target = citationAt(brief, offset);
  if (!target) return undefined;
  const source = ctx.resolve(target.key);
  if (!source) return undefined;
  if (source.entry.noText) {
    // A bibliography entry with no text: its entry in the bibliography file.
    const line = source.entry.bibliographyLine ?? 0;
    return { path: source.entry.path, range: { start: { line, character: 0 }, end: { line, character: 0 } }, start: target.keyStart - 1, end: target.keyEnd };
  }
  const support = findSupportingPassage(source, target.listed ? undefined : target.sentence?.claimText, target.sentence?.lang);
  const lines = source.library.lines(source.entry);
  const range: Range = support
    ? lines.rangeOf(support.passage.start, support.passage.end)
    : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return { path: source.entry.path, range, start: target.keyStart - 1, end: target.keyEnd };
}
