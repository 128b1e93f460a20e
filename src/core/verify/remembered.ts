/**
 * What a claim rule works out for one citing sentence, remembered across checks (in the editor; not
 * in a batch check) by the sentence's text (and whatever else it depends on, in `key`) while its
 * cited sources stand: the same keys, the same source entries (a changed file is a new entry) and
 * the same search of their library. A keystroke changes one sentence of a brief; the others'
 * evidence, verdict, figures and quotes are taken from here instead of being worked out again.
 * Kept per library (weakly: a closed workspace's library is not held), at most `SIZE` results of
 * each kind, the least recently used dropped first.
 */
import type { Report, ResolvedSource } from "../rules/rule";
import type { Sentence } from "../parse/brief";
import type { SourceEntry, SourceLibrary } from "../sources/library";

interface Remembered {
  keys: readonly string[];
  entries: readonly SourceEntry[];
  libraries: readonly SourceLibrary[];
  generations: readonly string[];
  value: unknown;
}

const memos = new WeakMap<SourceLibrary, Map<string, Map<string, Remembered>>>();
const SIZE = 2000;

function sameSources(m: Remembered, sources: readonly ResolvedSource[]): boolean {
  if (m.entries.length !== sources.length) return false;
  for (let i = 0; i < sources.length; i++) {
    const s = sources[i];
    // The key too: a window names the key it was found under (`[@alph1]` and `[@alph2]` may be one file).
    if (m.keys[i] !== s.key || m.entries[i] !== s.entry || m.libraries[i] !== s.library || m.generations[i] !== s.library.searchGeneration) return false;
  }
  return true;
}

/**
 * `compute()`, or what it gave for the same `kind` and `key` against the same sources since they
 * last changed. `compute` must depend on nothing else (not on where the sentence stands in the
 * brief, nor on the config, unless `key` says so).
 */
export function remembered<T>(kind: string, key: string, sources: readonly ResolvedSource[], compute: () => T, inBatch = false): T {
  const library = sources[0]?.library;
  // A batch check reads each sentence once: remembering a rule's answers would only hold what it
  // read (a full check of 1,000 briefs on 10,000 small sources: 9% more CPU and 43 MB more memory).
  // The evidence (`inBatch`) is remembered there too, as it was before the rules were.
  if (!library || (library.batch && !inBatch)) return compute();
  let byKind = memos.get(library);
  if (!byKind) memos.set(library, (byKind = new Map()));
  let memo = byKind.get(kind);
  if (!memo) byKind.set(kind, (memo = new Map()));
  const known = memo.get(key);
  if (known && sameSources(known, sources)) {
    // Most recently used last: the oldest go first when the memo is full.
    memo.delete(key);
    memo.set(key, known);
    return known.value as T;
  }
  const value = compute();
  memo.set(key, { keys: sources.map((s) => s.key), entries: sources.map((s) => s.entry), libraries: sources.map((s) => s.library), generations: sources.map((s) => s.library.searchGeneration), value });
  if (memo.size > SIZE) memo.delete(memo.keys().next().value!);
  return value;
}

/**
 * A rule's problems for a citing sentence: `compute` gives them as offsets in the sentence, from its
 * text, its language and `also` (whatever else they depend on); remembered as above, and placed at
 * the sentence's offset in the brief.
 */
export function sentenceProblems(kind: string, s: Sentence, sources: readonly ResolvedSource[], compute: () => readonly Report[], also = ""): Report[] {
  return remembered(kind, `${also}\u0000${s.lang}\u0000${s.claimText}`, sources, compute).map((r) => placed(r, s.start));
}

/** A sentence's remembered problem (offsets in the sentence), placed at the sentence's offset `at` in the brief. */
function placed(r: Report, at: number): Report {
  return {
    ...r,
    start: r.start + at,
    end: r.end + at,
    fixes: r.fixes?.map((f) => ({ ...f, edits: f.edits.map((e) => ({ ...e, start: e.start + at, end: e.end + at })) })),
  };
}
