/**
 * Antonyms and near-synonyms of English words, for the verification rules. The data comes from
 * WordNet 3.1 (built by the Node layer, src/node/lexicon.ts, and handed in by the host through
 * `setLexiconSource`); the core only looks words up. Without a source the lexicon is empty: no
 * antonym is known and only the same word (or stem) matches.
 */

export interface LexiconData {
  version: 1;
  /** Lemma → ids of its most frequent senses (WordNet synsets): two words sharing one are near-synonyms. */
  groups: Record<string, number[]>;
  /** Lemma → its WordNet antonyms. */
  antonyms: Record<string, string[]>;
}

/** What the rules ask of a lexicon: a lemma's sense ids and its antonyms (undefined: not known). */
export interface Lexicon {
  groups(lemma: string): readonly number[] | undefined;
  antonyms(lemma: string): readonly string[] | undefined;
}

/** A record's own value for a word: any word ("constructor", "toString") may be asked, never the prototype's. */
function own<T>(record: Record<string, T> | undefined, key: string): T | undefined {
  return record !== undefined && Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

/** A lexicon over data in memory (a source checkout builds it from WordNet). */
export function lexiconFromData(data: LexiconData): Lexicon {
  return { groups: (w) => own(data.groups, w), antonyms: (w) => own(data.antonyms, w) };
}

const TEXT_HEADER = "brief-author lexicon 1";

/**
 * The lexicon as the build writes it (`dist/lexicon.txt`): a header line, then one line per lemma
 * in code-unit order, `lemma TAB sense ids TAB antonyms` (each list comma-separated). Read, it is
 * looked up in place by binary search: nothing is parsed before a word is asked, and only the lines
 * asked are (a JSON file of the same data took 30–50 ms to parse on every start).
 */
export function lexiconText(data: LexiconData): string {
  const lemmas = [...new Set([...Object.keys(data.groups), ...Object.keys(data.antonyms)])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const lines = [TEXT_HEADER];
  for (const l of lemmas) lines.push(`${l}\t${(own(data.groups, l) ?? []).join(",")}\t${(own(data.antonyms, l) ?? []).join(",")}`);
  return lines.join("\n") + "\n";
}

/** A lexicon over `lexiconText`'s text; undefined when the text is not one. */
export function lexiconFromText(text: string): Lexicon | undefined {
  if (!text.startsWith(TEXT_HEADER + "\n")) return undefined;
  // Where each line starts (one pass), then binary search by the lemma before the first tab.
  const starts: number[] = [];
  let at = text.indexOf("\n") + 1;
  while (at > 0 && at < text.length) {
    starts.push(at);
    const nl = text.indexOf("\n", at);
    if (nl < 0) break;
    at = nl + 1;
  }
  const fields = new Map<string, [readonly number[] | undefined, readonly string[] | undefined] | null>();
  const find = (w: string): [readonly number[] | undefined, readonly string[] | undefined] | null => {
    const known = fields.get(w);
    if (known !== undefined) return known;
    let lo = 0;
    let hi = starts.length - 1;
    let found: [readonly number[] | undefined, readonly string[] | undefined] | null = null;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const start = starts[mid];
      const tab = text.indexOf("\t", start);
      const lemma = text.slice(start, tab);
      if (lemma === w) {
        const end = text.indexOf("\n", tab);
        const [ids, ants] = text.slice(tab + 1, end < 0 ? text.length : end).split("\t");
        found = [ids ? ids.split(",").map(Number) : undefined, ants ? ants.split(",") : undefined];
        break;
      }
      if (lemma < w) lo = mid + 1;
      else hi = mid - 1;
    }
    if (fields.size > 50_000) fields.clear();
    fields.set(w, found);
    return found;
  };
  return { groups: (w) => find(w)?.[0], antonyms: (w) => find(w)?.[1] };
}

function antonymsOf(lemma: string): readonly string[] {
  return lexicon()?.antonyms(lemma) ?? [];
}

let source: (() => Lexicon | undefined) | undefined;
let data: Lexicon | null | undefined;

/** Names where the lexicon comes from (read on first use, once). */
export function setLexiconSource(load: () => Lexicon | undefined): void {
  if (source === load) return;
  source = load;
  data = undefined;
}

function lexicon(): Lexicon | null {
  if (data === undefined) {
    try {
      data = source?.() ?? null;
    } catch {
      data = null;
    }
  }
  return data;
}

/**
 * Reversals WordNet does not record as antonyms but news writing uses for the same event seen
 * the other way (a short list kept beside the lexicon, not instead of it).
 */
const EXTRA_ANTONYMS: ReadonlyArray<[string, string]> = [
  ["agree", "refuse"], ["approve", "reject"], ["accept", "reject"], ["accept", "refuse"], ["lift", "impose"],
  ["uphold", "overturn"], ["uphold", "quash"], ["confirm", "deny"], ["admit", "deny"], ["grant", "refuse"],
  ["grant", "deny"], ["approve", "block"], ["support", "oppose"], ["back", "oppose"], ["raise", "cut"],
  ["increase", "cut"], ["rise", "drop"], ["rise", "decline"], ["grow", "shrink"], ["expand", "shrink"],
  ["double", "halve"], ["gain", "lose"], ["win", "lose"], ["open", "close"], ["resume", "suspend"],
  ["release", "detain"], ["acquit", "convict"], ["sign", "reject"], ["ratify", "reject"], ["pass", "reject"],
  ["strengthen", "weaken"], ["surplus", "deficit"], ["higher", "lower"], ["more", "fewer"], ["above", "below"],
  ["before", "after"], ["allow", "ban"], ["permit", "ban"], ["hire", "fire"], ["hire", "lay"], ["extend", "shorten"],
  ["endorse", "reject"], ["join", "leave"], ["enter", "leave"], ["arrive", "depart"], ["boost", "cut"], ["soar", "plunge"],
  ["rise", "plunge"], ["rise", "slump"], ["climb", "fall"], ["climb", "drop"], ["lift", "reimpose"], ["ease", "tighten"], ["increase", "reduce"],
];
let extra: Map<string, Set<string>> | undefined;

/** Whether two lemmas are antonyms (WordNet, or the short list above). */
export function areAntonyms(a: string, b: string): boolean {
  if (!extra) {
    extra = new Map();
    for (const [x, y] of EXTRA_ANTONYMS) {
      (extra.get(x) ?? extra.set(x, new Set()).get(x)!).add(y);
      (extra.get(y) ?? extra.set(y, new Set()).get(y)!).add(x);
    }
  }
  if (extra.get(a)?.has(b)) return true;
  return antonymsOf(a).includes(b);
}

/** The ids of a lemma's most frequent senses (empty when the lexicon does not know it). */
export function senseGroups(lemma: string): readonly number[] {
  return lexicon()?.groups(lemma) ?? [];
}

/** Whether a lemma has any antonym at all (most words have none: the antonym check skips them). */
export function hasAntonyms(a: string): boolean {
  if (!extra) areAntonyms("", "");
  return extra!.has(a) || antonymsOf(a).length > 0;
}

/** Whether two lemmas share one of their most frequent senses. */
export function areSynonyms(a: string, b: string): boolean {
  if (a === b) return true;
  const lex = lexicon();
  const ga = lex?.groups(a);
  const gb = lex?.groups(b);
  if (!ga || !gb) return false;
  for (const x of ga) if (gb.includes(x)) return true;
  return false;
}

/** Whether the lexicon knows a lemma. */
export function knownLemma(w: string): boolean {
  return lexicon()?.groups(w) !== undefined;
}

/** Past forms that the suffix rules below cannot undo. */
const IRREGULAR: Record<string, string> = {
  rose: "rise", risen: "rise", fell: "fall", fallen: "fall", won: "win", lost: "lose", grew: "grow", grown: "grow",
  began: "begin", begun: "begin", broke: "break", broken: "break", brought: "bring", bought: "buy", built: "build",
  came: "come", cut: "cut", did: "do", done: "do", drew: "draw", drawn: "draw", drove: "drive", driven: "drive",
  fought: "fight", found: "find", flew: "fly", forgave: "forgive", froze: "freeze", frozen: "freeze", gave: "give",
  given: "give", went: "go", gone: "go", held: "hold", hid: "hide", kept: "keep", knew: "know", known: "know", laid: "lay",
  led: "lead", left: "leave", lent: "lend", let: "let", made: "make", meant: "mean", met: "meet", paid: "pay", put: "put",
  quit: "quit", ran: "run", said: "say", saw: "see", seen: "see", sold: "sell", sent: "send", set: "set", shot: "shoot",
  shut: "shut", shrank: "shrink", shrunk: "shrink", slid: "slide", sought: "seek", spent: "spend", spoke: "speak",
  spoken: "speak", stood: "stand", struck: "strike", swore: "swear", sworn: "swear", took: "take", taken: "take",
  taught: "teach", told: "tell", thought: "think", threw: "throw", thrown: "throw", understood: "understand",
  withdrew: "withdraw", withdrawn: "withdraw", wrote: "write", written: "write", overtook: "overtake", upheld: "uphold",
  withheld: "withhold", overthrew: "overthrow", sank: "sink", sunk: "sink", sprang: "spring", woke: "wake", wore: "wear",
  better: "good", best: "good", worse: "bad", worst: "bad", fewer: "few", less: "little", more: "more", people: "person",
  children: "child", men: "man", women: "woman",
};

const lemmaCache = new Map<string, string[]>();

/** The dictionary forms a word may be an inflection of, itself first. */
export function lemmas(word: string): string[] {
  let out = lemmaCache.get(word);
  if (!out) {
    if (lemmaCache.size > 50_000) lemmaCache.clear();
    lemmaCache.set(word, (out = lemmasOf(word)));
  }
  return out;
}

function lemmasOf(word: string): string[] {
  const w = word.toLowerCase();
  const out = [w];
  const add = (x: string) => {
    if (x.length > 1 && !out.includes(x)) out.push(x);
  };
  if (IRREGULAR[w]) add(IRREGULAR[w]);
  if (w.endsWith("ies")) add(w.slice(0, -3) + "y");
  if (w.endsWith("es")) add(w.slice(0, -2));
  if (w.endsWith("s") && !w.endsWith("ss")) add(w.slice(0, -1));
  if (w.endsWith("ied")) add(w.slice(0, -3) + "y");
  if (w.endsWith("ed")) {
    add(w.slice(0, -2));
    add(w.slice(0, -1));
    if (/([bdfgklmnprstz])\1ed$/.test(w)) add(w.slice(0, -3));
  }
  if (w.endsWith("ing")) {
    add(w.slice(0, -3));
    add(w.slice(0, -3) + "e");
    if (/([bdfgklmnprstz])\1ing$/.test(w)) add(w.slice(0, -4));
  }
  if (w.endsWith("er") && w.length > 4) {
    add(w.slice(0, -2));
    add(w.slice(0, -1));
  }
  // Superlatives ("largest", "biggest", "busiest"), not a word of its own ("interest", "modest");
  // one WordNet lists itself ("lowest", "highest") is its adjective's too when that has an opposite.
  if (w.endsWith("est") && w.length > 5) {
    const own = knownLemma(w);
    const base = (b: string) => (!own || hasAntonyms(b)) && add(b);
    if (w.endsWith("iest")) base(w.slice(0, -4) + "y");
    base(w.slice(0, -3));
    base(w.slice(0, -2));
    if (/([bdfgklmnprstz])\1est$/.test(w)) base(w.slice(0, -4));
  }
  return out;
}

const lemmaOfCache = new Map<string, string>();

/** The lemma of a word the lexicon knows (its first reading), or the word. */
export function lemmaOf(word: string): string {
  let l = lemmaOfCache.get(word);
  if (l === undefined) {
    if (lemmaOfCache.size > 50_000) lemmaOfCache.clear();
    lemmaOfCache.set(word, (l = findLemma(word)));
  }
  return l;
}

function findLemma(word: string): string {
  const all = lemmas(word);
  if (IRREGULAR[all[0]]) return IRREGULAR[all[0]];
  for (const l of all) if (knownLemma(l) || extraKnows(l)) return l;
  return all[0];
}

function extraKnows(l: string): boolean {
  if (!extra) areAntonyms("", "");
  return extra!.has(l);
}

/** Whether a word is an irregular past form ("fell", "won", "took"). */
export function isIrregularPast(word: string): boolean {
  return Object.prototype.hasOwnProperty.call(IRREGULAR, word) && !["people", "children", "men", "women", "better", "best", "worse", "worst", "fewer", "less", "more"].includes(word);
}
