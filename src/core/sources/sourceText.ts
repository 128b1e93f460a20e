/**
 * A source's text while nobody reads it. The editor keeps every source of the library indexed,
 * and their texts were most of its memory (59 MB of news-sized files take about 120 MB as
 * strings: one em dash makes V8 keep a whole text at two bytes a character). A host that can
 * pack text (Node: deflate, `src/node/engineHooks.ts`) hands in a packer; the library then keeps
 * the texts of the sources read last as strings and packs the others (`SourceLibrary`), and
 * unpacks one again the moment something reads it. Entries and passages keep their identity:
 * only their text strings come and go. Without a packer nothing is packed.
 */
import type { Passage } from "./passages";

export interface TextPacker {
  /** The text packed, or undefined to keep it as it is (a text UTF-8 cannot carry exactly). */
  pack(text: string): Uint8Array | undefined;
  unpack(packed: Uint8Array): string;
}

let packer: TextPacker | undefined;

/** Installs the host's packer (undefined: texts stay strings). */
export function setTextPacker(p: TextPacker | undefined): void {
  packer = p;
}

export function canPackText(): boolean {
  return packer !== undefined;
}

/** Caches of what is cut from a source's text, by entry: emptied for an entry when its text is packed (else they would keep it). */
const derived: Array<WeakMap<object, unknown>> = [];

/** Registers a cache keyed by entry whose values hold pieces of the entry's text. */
export function dropWhenPacked<K extends object, V>(cache: WeakMap<K, V>): WeakMap<K, V> {
  derived.push(cache as unknown as WeakMap<object, unknown>);
  return cache;
}

interface Cell {
  hot: string | undefined;
  packed: Uint8Array | undefined;
  unpack: ((packed: Uint8Array) => string) | undefined;
  passages: SourcePassage[] | undefined;
  onWarm: ((entry: object) => void) | undefined;
}

const cells = new WeakMap<object, Cell>();

/** A passage of a source whose text may be packed: its text is cut from the source's on first read. */
export class SourcePassage implements Passage {
  startLine: number;
  endLine: number;
  start: number;
  end: number;
  page?: number;
  // Private fields: neither a spread nor JSON.stringify of a passage sees them.
  readonly #owner: { readonly text: string };
  #cut: string | undefined;

  constructor(owner: { readonly text: string }, p: Omit<Passage, "text"> & { text?: string }) {
    this.startLine = p.startLine;
    this.endLine = p.endLine;
    this.start = p.start;
    this.end = p.end;
    if (p.page !== undefined) this.page = p.page;
    this.#owner = owner;
    this.#cut = p.text;
  }

  get text(): string {
    return (this.#cut ??= this.#owner.text.slice(this.start, this.end));
  }

  /** Lets go of its text (its source's text was packed). */
  drop(): void {
    this.#cut = undefined;
  }
}

/**
 * A copy of a short text that keeps nothing of the text it was cut from alive (V8 keeps the whole
 * of a text a slice of 13 characters or more was cut from: a source's title would keep its text).
 */
export function detached<T extends string | undefined>(s: T): T {
  return (s !== undefined && s.length >= 13 ? (" " + s).slice(1) : s) as T;
}

/**
 * An entry whose `text` the library may pack while nobody reads it. `fields` are the entry's
 * other fields (their texts are detached from the source's); `split` gives its passages' bounds
 * from its text, on first use.
 */
export function entryWithText<E extends { text: string; passages: Passage[] }>(fields: Omit<E, "text" | "passages">, text: string, splitPassages: (entry: E) => ReadonlyArray<Omit<Passage, "text"> & { text?: string }>): E {
  // Let go of once used: it may hold what the entry was made from (a saved index's item).
  let split: typeof splitPassages | undefined = splitPassages;
  const cell: Cell = { hot: text, packed: undefined, unpack: undefined, passages: undefined, onWarm: undefined };
  const own: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) own[k] = typeof v === "string" ? detached(v) : v;
  const entry = {
    ...own,
    get text(): string {
      let t = cell.hot;
      if (t === undefined) {
        t = cell.hot = cell.unpack!(cell.packed!);
        cell.onWarm?.(entry);
      }
      return t;
    },
    get passages(): Passage[] {
      if (!cell.passages) {
        cell.passages = split!(entry).map((p) => new SourcePassage(entry, p));
        split = undefined;
      }
      return cell.passages;
    },
  } as unknown as E;
  cells.set(entry, cell);
  return entry;
}

/** Who hears that an entry's text was unpacked (its library); false for an entry made otherwise. */
export function onTextWarm(entry: object, listener: ((entry: object) => void) | undefined): boolean {
  const cell = cells.get(entry);
  if (!cell) return false;
  cell.onWarm = listener;
  return true;
}

/** Packs an entry's text (once; the packed bytes are kept) and lets go of the string; false when it cannot. */
export function packText(entry: object): boolean {
  const cell = cells.get(entry);
  if (!cell || cell.hot === undefined) return false;
  if (!cell.packed) {
    if (!packer) return false;
    const packed = packer.pack(cell.hot);
    if (!packed) return false;
    cell.packed = packed;
    cell.unpack = packer.unpack;
  }
  cell.hot = undefined;
  if (cell.passages) for (const p of cell.passages) p.drop();
  for (const cache of derived) cache.delete(entry);
  return true;
}

/**
 * An entry's text without counting as a read (the saved index takes every text in turn: it must
 * not make every one a string again, nor reorder which are kept). The entry's own `text` else.
 */
export function peekText(entry: { readonly text: string }): string {
  const cell = cells.get(entry);
  if (!cell || cell.hot !== undefined || !cell.packed || !cell.unpack) return entry.text;
  return cell.unpack(cell.packed);
}

/** Whether an entry's text is packed now (for tests and measurements). */
export function isTextPacked(entry: object): boolean {
  const cell = cells.get(entry);
  return !!cell && cell.hot === undefined;
}
