/**
 * Sources that are not plain text (web pages, PDFs) and bibliographies are read by extractors
 * that live outside the engine (`src/node/extract/`, a bundle of its own loaded only when a
 * workspace holds such a file). The engine sees only these shapes.
 */

/** What an extractor reads out of a web page or a PDF. */
export interface ExtractedDocument {
  /**
   * The text as a reader sees it: paragraphs separated by one blank line (`\n\n`), lines by
   * `\n`, no markup. Passages, quotes and figures are matched against this text, and the editor
   * shows it (read-only) when the writer opens the source.
   */
  text: string;
  title?: string;
  author?: string;
  /** Site name or publisher. */
  publisher?: string;
  /** Publication date as the page gives it (ISO 8601 preferred). */
  published?: string;
  /** Canonical URL. */
  url?: string;
  /** The language the document declares (a web page's `<html lang>`, a PDF's `/Lang`). */
  lang?: string;
  /**
   * PDF only: the offset in `text` where each page starts (`pageStarts[0]` is page 1's, 0).
   * A paragraph never runs across a page break.
   */
  pageStarts?: number[];
  /** PDF only: the page labels when the document defines them (e.g. "iv", "12"), one per page. */
  pageLabels?: string[];
}

/** An extractor's answer: the document, or why it cannot be used (becomes `source-unreadable`). */
export type ExtractResult = ExtractedDocument | { error: string };

/** One entry of a bibliography (CSL-JSON, CSL-YAML or BibTeX/BibLaTeX). */
export interface BibEntry {
  /** The citation key (`id` in CSL, the entry key in BibTeX). */
  key: string;
  /** CSL item type (`article-journal`, `book`, `webpage`, ...). */
  type?: string;
  title?: string;
  /** Authors as "Given Family" (or a literal name), in order. */
  authors: string[];
  /** Issued date as ISO text: `2024`, `2024-03` or `2024-03-05`. */
  issued?: string;
  /** Journal, newspaper, website or book the item is part of. */
  container?: string;
  publisher?: string;
  url?: string;
  doi?: string;
  /**
   * The file holding the item's text, as the entry names it (Better BibTeX's `file` field; may
   * be a `;`-separated list, or `Description:path:mime`): relative to the bibliography file.
   */
  file?: string;
  /** The language the entry declares (CSL `language`, BibTeX `language`/`langid`), as a code. */
  language?: string;
  /** 0-based line where the entry starts in the bibliography file. */
  line: number;
}

export interface BibParseResult {
  entries: BibEntry[];
  /** What could not be read (the rest is kept): 0-based line and a message; an entry's key when it could be read. */
  problems: Array<{ line: number; message: string; key?: string }>;
  /** Each entry's item as its file gave it (JSON values only, no `file`), by key: what an export renders. Absent when there is none. */
  cslItems?: Map<string, Record<string, unknown>>;
}

/** Keeps an entry's CSL item in the result (see `cleanCslItem`). */
export function keepCslItem(result: BibParseResult, key: string, item: Record<string, unknown> | undefined): void {
  if (!item) return;
  const items = (result.cslItems ??= new Map());
  if (!items.has(key)) items.set(key, item); // the first entry of a key wins, as its entry does
}

/** The extractors the engine is given (the Node host loads them lazily). */
export interface Extractors {
  /** Main text and metadata of a saved web page (`.html`, `.htm`). Never throws. */
  html(bytes: Uint8Array, path: string): Promise<ExtractResult>;
  /** Text per page and metadata of a PDF. Never throws. */
  pdf(bytes: Uint8Array, path: string): Promise<ExtractResult>;
  /** Entries of a BibTeX/BibLaTeX file. Never throws; a broken entry is a problem, the rest kept. */
  bibtex(text: string): Promise<BibParseResult>;
}
