/** The block reader: one pass over the lines, a stack of open containers and one open leaf. Part of the light structure reader (../lightStructure.ts). */
import type { HeadingBlock, ParagraphBlock } from "../markdown";
import type { LightStats, LightStructure } from "../lightStructure";
import { BACKSLASH, BACKTICK, BOM, COLON, CR, DASH, DOLLAR, DOT, EQUALS, FF, GT, HASH, LBRACKET, LF, LT, PIPE, PLUS, RPAREN, SPACE, STAR, TAB, TILDE, UNDERSCORE, isDigit, isRe2Space, isSpaceOrTab, lineEndFrom, nextLineStart, skipSpacesAndTabs } from "./chars";
import { type AtxHeading, atxHeading, directiveStart, fenceOpening, footnoteLabelEnd, htmlBlockEndsIn, htmlBlockKind, isFenceClosing, isThematicBreak, setextLevel, tableDelimiterCells, tableHeadCells } from "./blockStarts";
import { Unit } from "./textUnit";
import { definitionEnd } from "./definitions";
import { InlineScanner, countBrackets } from "./inline";

// ---------------------------------------------------------------------------------------
// The block reader

export const QUOTE = 0;
export const ITEM = 1;
export const FOOTNOTE = 2;
/** A container directive (`:::name` ... `:::`): its content is a document of its own. */
export const DIRECTIVE = 3;

export interface Container {
  kind: typeof QUOTE | typeof ITEM | typeof FOOTNOTE | typeof DIRECTIVE;
  /** Index in the stack. */
  depth: number;
  /** Block quotes below this container in the stack. */
  quotesBelow: number;
  /**
   * List item: columns its content is indented by (from where its marker's line prefix began).
   * Directive: colons of its opening fence.
   */
  size: number;
  /** Directive: indent of its opening fence (taken off its lines). */
  initial: number;
  /** Columns the containers below this one take off a blank line. */
  blankTakenBelow: number;
  /** List item: offset of its marker. */
  itemStart: number;
  /** List item: `-`, `*`, `+`, or `.`, `)` after the number of an ordered item. */
  marker: number;
  ordered: boolean;
  /** List item: began with a blank line / then had another (it then ends). */
  initialBlank: boolean;
  furtherBlank: boolean;
  /** List item: a paragraph (or definitions) directly in it has taken its `listItemStart`. */
  contentSeen: boolean;
  /** Other containers: the `listItemStart` their paragraphs get (see `readStructure`). */
  pending: number | undefined;
}

export function newContainer(kind: Container["kind"]): Container {
  return { kind, depth: 0, quotesBelow: 0, size: 0, initial: 0, blankTakenBelow: 0, itemStart: 0, marker: 0, ordered: false, initialBlank: false, furtherBlank: false, contentSeen: false, pending: undefined };
}

/** The open leaf block. */
export const NONE = 0;
export const CONTENT = 1; // definitions and a paragraph
export const FENCED = 2;
export const MATH = 3;
export const INDENTED = 4;
export const HTML = 5;
export const TABLE = 6;

/** How a line interrupts an open paragraph. */
export const NO_INTERRUPT = 0;
export const INTERRUPTS = 1;
export const SETEXT = 2; // +1 for `===`, +2 for `---`

export class LightReader {
  private readonly n: number;
  private readonly headings: HeadingBlock[] = [];
  private readonly paragraphs: ParagraphBlock[] = [];
  private readonly codeRanges: Array<[number, number]> = [];
  private readonly definitions: Array<[number, number]> = [];
  private readonly stats: LightStats = { maxParagraphLines: 0, maxParagraphBrackets: 0, maxDepth: 0 };

  // The line being read, and the position in it: `pos` is the next unread character and `col`
  // its column; `tabRest` counts columns of a tab a container prefix used only part of (micromark
  // then stands past the tab, on "virtual spaces").
  private lineNo = 0;
  private lineStart = 0;
  private lineEnd = 0;
  private nextStart = -1;
  private pos = 0;
  private col = 0;
  private tabRest = 0;
  // Set by `scanIndent`: the indent in columns, and where (and at which column) it ends.
  private indent = 0;
  private nonSpace = 0;
  private nonSpaceCol = 0;
  /** Where the last `scanIndent` began (-1: none yet). */
  private scanFrom = -1;

  private readonly stack: Container[] = [];
  /** Stack indices of the block quotes in it, and of the directives, in order. */
  private readonly quoteAt: number[] = [];
  private readonly directiveAt: number[] = [];
  /** Stack index of a directive this line closes (its closing fence), or -1. */
  private directiveClose = -1;
  /** On a blank line: columns of its white space that the continued containers take. */
  private blankTaken = 0;
  private openItems = 0;
  /** List items that began with a blank line (a few at most stay open). */
  private blankStartItems: Container[] = [];
  /** A sibling list item found while matching containers, replacing the one at its depth. */
  private sibling: Container | undefined;

  private leaf = NONE;
  private segStarts: number[] = [];
  private segEnds: number[] = [];
  private contentLine = 0;
  private blockStart = 0;
  private blockEnd = 0;
  private fenceMarker = 0;
  private fenceSize = 0;
  private htmlKind = 0;
  private tableDelimiterNext = false;
  /** This line continues fewer containers than are open (micromark's "lazy" line). */
  private lazyLine = false;
  /**
   * Set by `interruption`: the line interrupts lazily with a block whose start micromark
   * confirms on the next line (an HTML tag of kind 7, a table head).
   */
  private lazyLookahead = false;

  private bodyStart = 0;

  constructor(private readonly t: string) {
    this.n = t.length;
  }

  read(): LightStructure {
    const front = this.frontMatter();
    this.lineNo = front.lines;
    this.bodyStart = front.bodyStart;
    let start = front.bodyStart;
    while (start >= 0) {
      const end = lineEndFrom(this.t, start);
      const next = nextLineStart(this.t, end);
      this.readLine(start, end, next);
      start = next;
      this.lineNo++;
    }
    this.closeLeaf();
    this.closeContainers(0);
    this.codeRanges.sort((a, b) => a[0] - b[0]);
    return {
      structure: { headings: this.headings, paragraphs: this.paragraphs, codeRanges: this.codeRanges, definitions: this.definitions, frontMatterLineCount: front.lines },
      stats: this.stats,
    };
  }

  /**
   * Front matter as markdownlint's pattern finds it: `---`/`---`, `+++`/`+++` or `...`, or
   * `{`/`}` fences, the closing one taking following blank lines along.
   */
  private frontMatter(): { lines: number; bodyStart: number } {
    const t = this.t;
    const first = t.charCodeAt(0) === BOM ? 1 : 0;
    const none = { lines: 0, bodyStart: first <= this.n ? first : -1 };
    const openers: Array<[string, string[]]> = [["---", ["---"]], ["+++", ["+++", "..."]], ["{", ["}"]]];
    const fence = openers.find(([open]) => t.startsWith(open, first));
    if (!fence) return none;
    const firstEnd = lineEndFrom(t, first);
    for (let i = first + fence[0].length; i < firstEnd; i++) {
      const c = t.charCodeAt(i);
      if (c !== SPACE && c !== TAB && c !== FF) return none;
    }
    let line = 1;
    let start = nextLineStart(t, firstEnd);
    for (; start >= 0; line++) {
      const end = lineEndFrom(t, start);
      const closer = fence[1].find((close) => t.startsWith(close, start) && start + close.length <= end);
      if (closer && this.onlyRe2Space(start + closer.length, end)) break;
      start = nextLineStart(t, end);
    }
    if (start < 0) return none;
    // The closing fence's `\s*` runs on through blank lines up to the next line with text.
    for (;;) {
      start = nextLineStart(t, lineEndFrom(t, start));
      line++;
      if (start < 0) return { lines: t.length > 0 && (t.charCodeAt(t.length - 1) === LF || t.charCodeAt(t.length - 1) === CR) ? line - 1 : line, bodyStart: -1 };
      if (!this.onlyRe2Space(start, lineEndFrom(t, start))) return { lines: line, bodyStart: start };
    }
  }

  private onlyRe2Space(from: number, to: number): boolean {
    for (let i = from; i < to; i++) if (!isRe2Space(this.t.charCodeAt(i))) return false;
    return true;
  }

  // -------------------------------------------------------------------------------------
  // Lines

  private readLine(start: number, end: number, next: number): void {
    this.lineStart = start;
    this.lineEnd = end;
    this.nextStart = next;
    // markdownlint drops a byte order mark before parsing, and micromark one at the start of
    // what it parses (the text after the front matter).
    this.pos = (start === 0 || start === this.bodyStart) && this.t.charCodeAt(start) === BOM ? start + 1 : start;
    this.col = 0;
    this.tabRest = 0;
    this.blankTaken = 0;

    const matched = this.continueContainers(false);
    if (this.directiveClose >= 0) {
      this.directiveClose = -1;
      this.closeLeaf(matched);
      this.closeContainers(matched);
      return;
    }
    if (this.sibling) {
      const item = this.sibling;
      this.sibling = undefined;
      this.closeLeaf(matched);
      this.closeContainers(matched);
      this.pushContainer(item);
      this.openContainers(false, this.stack.length);
      this.flow();
      return;
    }
    const all = matched === this.stack.length;
    // Fenced code, math and HTML blocks take whole lines: no container starts inside them.
    if (all && (this.leaf === FENCED || this.leaf === MATH || this.leaf === HTML)) {
      this.feedConcrete();
      return;
    }
    // micromark lets a list start "interrupt" paragraphs and indented code alike.
    const interrupt = all && (this.leaf === CONTENT || this.leaf === INDENTED || this.tableDelimiterNext);
    const opened = this.openContainers(interrupt, matched);
    if (opened === 0 && !all) {
      // A paragraph goes on lazily, unless the line leaves a directive (whose lines cannot be lazy).
      const inDirective = this.directiveAt.length > 0 && this.directiveAt[this.directiveAt.length - 1] >= matched;
      if (this.leaf === CONTENT && !inDirective) {
        if (this.continuesLazily()) {
          this.addContentLine();
          return;
        }
        if (this.lazyLookahead) {
          // micromark looks at the next line before it ends the paragraph, so the containers
          // stay open: the HTML block or table starts inside them.
          this.closeLeaf();
          this.flow();
          return;
        }
      }
      this.closeLeaf();
      this.closeContainers(matched);
      this.lazyLine = true;
    }
    this.flow();
    this.lazyLine = false;
  }

  /** Measures the white space from the position on (`indent`, `nonSpace`). */
  private scanIndent(): void {
    // Only white space lies between the last scan's start and its first non-space, so a scan
    // from anywhere in between ends at the same place: reuse it (deep containers would
    // otherwise rescan a line's indentation once per container).
    if (this.scanFrom >= 0 && this.scanFrom <= this.pos && this.pos <= this.nonSpace && this.nonSpace <= this.lineEnd) {
      this.indent = this.nonSpaceCol - this.col;
      return;
    }
    this.scanFrom = this.pos;
    let col = this.col + this.tabRest;
    let p = this.pos;
    const t = this.t;
    while (p < this.lineEnd) {
      const c = t.charCodeAt(p);
      if (c === SPACE) col++;
      else if (c === TAB) col += 4 - (col % 4);
      else break;
      p++;
    }
    this.indent = col - this.col;
    this.nonSpace = p;
    this.nonSpaceCol = col;
  }

  private skipToNonSpace(): void {
    this.pos = this.nonSpace;
    this.col = this.nonSpaceCol;
    this.tabRest = 0;
  }

  /** Consumes `columns` columns of white space, splitting a tab if needed. */
  private skipColumns(columns: number): void {
    while (columns > 0) {
      if (this.tabRest > 0) {
        const used = Math.min(columns, this.tabRest);
        this.tabRest -= used;
        this.col += used;
        columns -= used;
        continue;
      }
      const c = this.t.charCodeAt(this.pos);
      if (c === SPACE) {
        this.pos++;
        this.col++;
        columns--;
      } else if (c === TAB) {
        const width = 4 - (this.col % 4);
        this.pos++;
        if (columns >= width) {
          this.col += width;
          columns -= width;
        } else {
          this.tabRest = width - columns;
          this.col += columns;
          columns = 0;
        }
      } else return;
    }
  }

  private atSpaceOrTab(): boolean {
    return this.tabRest > 0 || (this.pos < this.lineEnd && isSpaceOrTab(this.t.charCodeAt(this.pos)));
  }

  private savePosition(): [number, number, number] {
    return [this.pos, this.col, this.tabRest];
  }

  private restorePosition([pos, col, tabRest]: [number, number, number]): void {
    this.pos = pos;
    this.col = col;
    this.tabRest = tabRest;
  }

  // -------------------------------------------------------------------------------------
  // Containers

  /**
   * Matches the line against the open containers; returns how many it continues. A list item
   * the line does not continue may be followed by a sibling item (left in `sibling`). `dry`
   * changes nothing (a look-ahead).
   */
  private continueContainers(dry: boolean): number {
    const stack = this.stack;
    let footnoteIndent = false;
    for (let i = 0; i < stack.length; i++) {
      const c = stack[i];
      const afterFootnoteIndent = footnoteIndent;
      footnoteIndent = false;
      this.scanIndent();
      if (this.nonSpace >= this.lineEnd) {
        // A blank rest continues list items and footnotes, up to the next block quote.
        const quote = c.quotesBelow < this.quoteAt.length ? this.quoteAt[c.quotesBelow] : stack.length;
        if (!dry) {
          this.markBlankLine(i, quote);
          this.blankTaken = this.blankTakenBelow(quote) - c.blankTakenBelow;
        }
        return quote;
      }
      if (c.kind === QUOTE) {
        if (this.indent > 3 || this.t.charCodeAt(this.nonSpace) !== GT) return i;
        this.skipQuoteMarker();
        continue;
      }
      if (c.kind === FOOTNOTE) {
        // micromark checks the last indent token, so right after a footnote's indent, the
        // footnote inside it needs none of its own.
        if (this.indent === 0 && afterFootnoteIndent) {
          footnoteIndent = true;
          continue;
        }
        if (this.indent < 4) return i;
        this.skipColumns(4);
        footnoteIndent = true;
        continue;
      }
      if (c.kind === DIRECTIVE) {
        if (this.indent <= 3 && isFenceClosing(this.t, this.nonSpace, this.lineEnd, COLON, c.size)) {
          if (!dry) this.directiveClose = i;
          return i;
        }
        this.skipColumns(Math.min(this.indent, c.initial));
        continue;
      }
      const further = c.furtherBlank;
      if (!dry) c.furtherBlank = c.initialBlank = false;
      if (!further && this.atSpaceOrTab() && this.indent >= c.size) {
        this.skipColumns(c.size);
        continue;
      }
      if (!dry) this.sibling = this.siblingItem(c);
      return i;
    }
    return stack.length;
  }

  /** Columns all containers below `depth` take off a blank line (items their size, at most). */
  private blankTakenBelow(depth: number): number {
    if (depth < this.stack.length) return this.stack[depth].blankTakenBelow;
    const top = this.stack[this.stack.length - 1];
    return top.blankTakenBelow + (top.kind === ITEM ? top.size : top.kind === DIRECTIVE ? top.initial : 0);
  }

  private skipQuoteMarker(): void {
    this.skipToNonSpace();
    this.pos++;
    this.col++;
    if (this.atSpaceOrTab()) this.skipColumns(1);
  }

  private markBlankLine(from: number, to: number): void {
    const live: Container[] = [];
    for (const c of this.blankStartItems) {
      if (this.stack[c.depth] !== c || !c.initialBlank) continue;
      if (c.depth >= from && c.depth < to) c.furtherBlank = true;
      live.push(c);
    }
    this.blankStartItems = live;
  }

  private siblingItem(of: Container): Container | undefined {
    const saved = this.savePosition();
    this.scanIndent();
    const indent = this.indent;
    if (indent <= 3) {
      this.skipToNonSpace();
      const item = this.listItem(false, of, indent);
      if (item) return item;
    }
    this.restorePosition(saved);
    return undefined;
  }

  /** Opens the containers that start on this line; closes what they end. Returns how many. */
  private openContainers(interrupt: boolean, matched: number): number {
    let opened = 0;
    for (;;) {
      this.scanIndent();
      if (this.indent > 3 || this.nonSpace >= this.lineEnd) break;
      const saved = this.savePosition();
      const indent = this.indent;
      const c = this.t.charCodeAt(this.nonSpace);
      this.skipToNonSpace();
      let container: Container | undefined;
      if (c === GT) {
        this.pos++;
        this.col++;
        if (this.atSpaceOrTab()) this.skipColumns(1);
        container = newContainer(QUOTE);
      } else if (c === LBRACKET) container = this.footnoteStart();
      else container = this.listItem(interrupt, undefined, indent);
      if (!container) {
        this.restorePosition(saved);
        break;
      }
      if (opened === 0) {
        this.closeLeaf(matched);
        this.closeContainers(matched);
      }
      this.pushContainer(container);
      opened++;
    }
    return opened;
  }

  private footnoteStart(): Container | undefined {
    const end = footnoteLabelEnd(this.t, this.pos, this.lineEnd);
    if (end < 0) return undefined;
    this.col += end - this.pos;
    this.pos = end;
    this.scanIndent();
    this.skipToNonSpace();
    return newContainer(FOOTNOTE);
  }

  /**
   * A list item marker at the position (after `initial` columns of indent), consumed with the
   * white space after it; `same` is the item whose list a sibling must continue.
   */
  private listItem(interrupt: boolean, same: Container | undefined, initial: number): Container | undefined {
    const t = this.t;
    const start = this.pos;
    const c = t.charCodeAt(start);
    const bullet = c === STAR || c === PLUS || c === DASH;
    const ordered = same ? same.ordered : !bullet;
    let p = start;
    let marker: number;
    if (!ordered) {
      if (!bullet || (same && c !== same.marker)) return undefined;
      if ((c === STAR || c === DASH) && isThematicBreak(t, start, this.lineEnd)) return undefined;
      marker = c;
      p++;
    } else {
      if (!isDigit(c) || (interrupt && c !== 49)) return undefined;
      while (p < this.lineEnd && isDigit(t.charCodeAt(p))) p++;
      if (p - start > 9 || (interrupt && p - start > 1) || p >= this.lineEnd) return undefined;
      marker = t.charCodeAt(p);
      if (same ? marker !== same.marker : marker !== DOT && marker !== RPAREN) return undefined;
      p++;
    }
    const item = newContainer(ITEM);
    item.itemStart = start;
    item.marker = marker;
    item.ordered = ordered;
    const width = p - start;
    this.pos = p;
    this.col += width;
    this.scanIndent();
    if (this.nonSpace >= this.lineEnd) {
      // An empty item (not allowed to interrupt a paragraph): its content goes on the next line.
      if (interrupt) return undefined;
      item.initialBlank = true;
      item.size = initial + 1 + width;
      return item;
    }
    if (this.indent === 0) return undefined;
    if (this.indent <= 4) {
      item.size = initial + width + this.indent;
      this.skipToNonSpace();
    } else {
      // Five or more spaces: the item takes one, the rest indent its first block (code).
      item.size = initial + width + 1;
      this.skipColumns(1);
    }
    return item;
  }

  private pushContainer(c: Container): void {
    const parent = this.stack.length > 0 ? this.stack[this.stack.length - 1] : undefined;
    c.depth = this.stack.length;
    c.quotesBelow = this.quoteAt.length;
    c.blankTakenBelow = parent ? this.blankTakenBelow(this.stack.length) : 0;
    if (c.kind === QUOTE) this.quoteAt.push(c.depth);
    if (c.kind === DIRECTIVE) this.directiveAt.push(c.depth);
    if (c.kind === ITEM) {
      this.openItems++;
      if (c.initialBlank) this.blankStartItems.push(c);
    } else if (parent) {
      // `readStructure` hands an item's start to the paragraphs of a quote (or footnote) that
      // comes in the item before any paragraph of its own.
      c.pending = parent.kind === ITEM ? (parent.contentSeen ? undefined : parent.itemStart) : parent.pending;
    }
    this.stack.push(c);
    if (this.stack.length > this.stats.maxDepth) this.stats.maxDepth = this.stack.length;
  }

  private closeContainers(keep: number): void {
    while (this.stack.length > keep) {
      const c = this.stack.pop()!;
      if (c.kind === QUOTE) this.quoteAt.pop();
      else if (c.kind === DIRECTIVE) this.directiveAt.pop();
      else if (c.kind === ITEM) this.openItems--;
    }
  }

  // -------------------------------------------------------------------------------------
  // Leaf blocks

  /** Reads the rest of the line (after the container prefixes) as flow content. */
  private flow(): void {
    this.scanIndent();
    const blank = this.nonSpace >= this.lineEnd;
    switch (this.leaf) {
      case CONTENT: {
        if (blank) {
          this.closeLeaf();
          return;
        }
        if (this.indent >= 4) {
          this.addContentLine();
          return;
        }
        const kind = this.interruption(false);
        if (kind === NO_INTERRUPT) {
          this.addContentLine();
          return;
        }
        if (kind > SETEXT) {
          if (this.closeContent(kind - SETEXT)) return;
        } else this.closeLeaf();
        break;
      }
      case INDENTED:
        // Lines indented four columns or more (even white space only) continue the code.
        if ((blank ? this.indent - this.blankTaken : this.indent) >= 4) {
          this.blockEnd = this.lineEnd;
          return;
        }
        if (blank) return;
        this.closeLeaf();
        break;
      case TABLE:
        if (this.tableDelimiterNext) {
          this.tableDelimiterNext = false;
          return;
        }
        if (blank) {
          this.closeLeaf();
          return;
        }
        if (this.indent < 4 && !this.startsBlock()) {
          this.tableRow(this.nonSpace);
          return;
        }
        this.closeLeaf();
        break;
    }
    this.startFlow(blank);
  }

  /** Starts a leaf block on this line. */
  private startFlow(blank: boolean): void {
    if (blank) return;
    const t = this.t;
    if (this.indent >= 4) {
      // Indented code on a lazy line ends with it (micromark checks the line it ends on).
      if (this.lazyLine) this.codeRanges.push([this.pos, this.lineEnd]);
      else {
        this.leaf = INDENTED;
        this.blockStart = this.pos;
        this.blockEnd = this.lineEnd;
      }
      return;
    }
    const p = this.nonSpace;
    const end = this.lineEnd;
    const c = t.charCodeAt(p);
    if (c === HASH) {
      const h = atxHeading(t, p, end);
      if (h) {
        this.addAtxHeading(p, h);
        return;
      }
    }
    if ((c === STAR || c === DASH || c === UNDERSCORE) && isThematicBreak(t, p, end)) return;
    if (c === LT) {
      const kind = htmlBlockKind(t, p, end, false, false);
      if (kind > 0) {
        this.leaf = HTML;
        this.htmlKind = kind;
        this.blockStart = this.pos;
        this.blockEnd = end;
        const searchFrom = kind === 2 || kind === 4 ? p + 2 : kind === 5 ? p + 9 : p + 1;
        if (kind <= 5 && htmlBlockEndsIn(t, searchFrom, end, kind)) this.closeLeaf();
        return;
      }
    }
    if (c === BACKTICK || c === TILDE || c === DOLLAR) {
      const size = fenceOpening(t, p, end);
      if (size > 0) {
        this.leaf = c === DOLLAR ? MATH : FENCED;
        this.fenceMarker = c;
        this.fenceSize = size;
        this.blockStart = p;
        this.blockEnd = end;
        return;
      }
    }
    if (c === COLON) {
      const colons = directiveStart(t, p, end);
      if (colons < 0) return;
      if (colons > 0) {
        const directive = newContainer(DIRECTIVE);
        directive.size = colons;
        directive.initial = this.indent;
        this.pushContainer(directive);
        return;
      }
    }
    if (this.isTableHead(p)) {
      this.leaf = TABLE;
      this.tableDelimiterNext = true;
      this.tableRow(p);
      return;
    }
    this.leaf = CONTENT;
    this.segStarts = [p];
    this.segEnds = [end];
    this.contentLine = this.lineNo;
  }

  /** Whether the line starts a block that ends a table (micromark's flow constructs by character). */
  private startsBlock(): boolean {
    const t = this.t;
    const p = this.nonSpace;
    const end = this.lineEnd;
    const c = t.charCodeAt(p);
    if (c === HASH) return atxHeading(t, p, end) !== undefined;
    if (c === STAR || c === DASH || c === UNDERSCORE) return isThematicBreak(t, p, end);
    if (c === LT) return htmlBlockKind(t, p, end, false, false) > 0;
    if (c === BACKTICK || c === TILDE || c === DOLLAR) return fenceOpening(t, p, end) > 0;
    if (c === COLON) return directiveStart(t, p, end) !== 0;
    return false;
  }

  /** How this line (indented less than four columns) would interrupt an open paragraph. */
  private interruption(lazy: boolean): number {
    const t = this.t;
    const p = this.nonSpace;
    const end = this.lineEnd;
    const c = t.charCodeAt(p);
    let hit = false;
    this.lazyLookahead = false;
    if (c === HASH) hit = atxHeading(t, p, end) !== undefined;
    else if (c === EQUALS || c === DASH) {
      const level = lazy ? 0 : setextLevel(t, p, end);
      if (level > 0) return SETEXT + level;
      hit = c === DASH && isThematicBreak(t, p, end);
    } else if (c === STAR || c === UNDERSCORE) hit = isThematicBreak(t, p, end);
    else if (c === LT) {
      const kind = htmlBlockKind(t, p, end, true, lazy);
      hit = kind > 0;
      this.lazyLookahead = kind === 7;
    }
    else if (c === BACKTICK || c === TILDE || c === DOLLAR) hit = fenceOpening(t, p, end) > 0;
    else if (c === COLON) hit = directiveStart(t, p, end) !== 0;
    if (hit) return INTERRUPTS;
    if (this.isTableHead(p)) {
      this.lazyLookahead = lazy;
      return INTERRUPTS;
    }
    return NO_INTERRUPT;
  }

  /** Whether a line that does not continue every container still continues the paragraph. */
  private continuesLazily(): boolean {
    this.scanIndent();
    if (this.nonSpace >= this.lineEnd) return false;
    return this.indent >= 4 || this.interruption(true) === NO_INTERRUPT;
  }

  /** Feeds a line to an open fenced code, math or HTML block. */
  private feedConcrete(): void {
    this.scanIndent();
    const rest = this.nonSpace < this.lineEnd || this.indent > this.blankTaken;
    if (this.nextStart < 0 && !rest && !(this.leaf === HTML && this.htmlKind >= 6)) {
      // The text ends with the container prefixes: the block ends after the line break.
      this.blockEnd = this.lineStart;
      this.closeLeaf();
      return;
    }
    if (this.leaf === HTML) {
      if (this.htmlKind >= 6) {
        if (this.nonSpace >= this.lineEnd) this.closeLeaf();
        else this.blockEnd = this.lineEnd;
        return;
      }
      this.blockEnd = this.lineEnd;
      if (htmlBlockEndsIn(this.t, this.pos, this.lineEnd, this.htmlKind)) this.closeLeaf();
      return;
    }
    this.blockEnd = this.lineEnd;
    if (this.indent <= 3 && isFenceClosing(this.t, this.nonSpace, this.lineEnd, this.fenceMarker, this.fenceSize)) this.closeLeaf();
  }

  private quoteInClosedDirective(closing: number): boolean {
    const directive = this.directiveAt.length > 0 ? this.directiveAt[this.directiveAt.length - 1] : -1;
    return directive >= closing && this.quoteAt.length > 0 && this.quoteAt[this.quoteAt.length - 1] > directive;
  }

  private addContentLine(): void {
    this.segStarts.push(this.pos);
    this.segEnds.push(this.lineEnd);
  }

  /**
   * Closes the open leaf block. `closing`: this line starts a container (or ends a directive)
   * that closes the containers from that depth on; micromark then hands the block the end of
   * the text after the line break, and fenced code and marker-ended HTML take that line break,
   * unless a directive being closed holds a block quote around them (then that end is "lazy").
   */
  private closeLeaf(closing = -1): void {
    switch (this.leaf) {
      case CONTENT:
        this.closeContent(0);
        break;
      case FENCED:
      case HTML:
        if (closing >= 0 && (this.leaf === FENCED || this.htmlKind <= 5) && !this.quoteInClosedDirective(closing)) this.blockEnd = this.lineStart;
        this.codeRanges.push([this.blockStart, this.blockEnd]);
        break;
      case INDENTED:
        this.codeRanges.push([this.blockStart, this.blockEnd]);
        break;
    }
    this.leaf = NONE;
    this.tableDelimiterNext = false;
  }

  /**
   * Closes the open paragraph: its leading link reference definitions, then the paragraph (or
   * the text of a setext heading of `setext` level, underlined by this line). Returns whether a
   * heading came of it.
   */
  private closeContent(setext: number): boolean {
    this.leaf = NONE;
    const unit = Unit.lines(this.t, this.segStarts, this.segEnds);
    const s = unit.s;
    const end = unit.to;
    let i = unit.from;
    let definitions = 0;
    while (i < end && s.charCodeAt(i) === LBRACKET) {
      const e = definitionEnd(s, i, end);
      if (e < 0) break;
      this.definitions.push([unit.map(i), unit.map(e)]);
      definitions++;
      i = e >= end ? end : skipSpacesAndTabs(s, e + 1, end);
    }
    const heading = setext > 0 && i < end;
    const top = this.stack.length > 0 ? this.stack[this.stack.length - 1] : undefined;
    let itemStart: number | undefined;
    if (top?.kind === ITEM) {
      itemStart = top.contentSeen ? undefined : top.itemStart;
      // A setext heading without definitions is no paragraph to micromark's reader.
      if (!heading || definitions > 0) top.contentSeen = true;
    } else if (top) itemStart = top.pending;
    if (i < end) {
      const start = unit.map(i);
      const last = this.segEnds[this.segEnds.length - 1];
      const firstLine = unit.lineOf(i);
      if (heading) {
        // micromark's setext heading token starts with any definitions before its text.
        const headingStart = unit.map(unit.from);
        this.headings.push({ level: setext, text: this.textOf(start, last), line: this.contentLine, start: headingStart, end: this.lineEnd, textStart: start, textEnd: last });
      } else {
        this.paragraphs.push({ start, end: last, listDepth: this.openItems, listItemStart: itemStart });
      }
      this.noteText(unit.lineCount - firstLine, countBrackets(s, i, end));
      new InlineScanner(s, i, end).scan((a, b) => this.codeRanges.push([unit.map(a), unit.map(b)]));
    }
    this.segStarts = [];
    this.segEnds = [];
    return heading;
  }

  private addAtxHeading(start: number, h: AtxHeading): void {
    const hasText = h.textStart >= 0;
    const textStart = hasText ? h.textStart : start;
    const textEnd = hasText ? h.textEnd : start;
    this.headings.push({ level: h.level, text: hasText ? this.t.slice(textStart, textEnd) : "", line: this.lineNo, start, end: this.lineEnd, textStart, textEnd });
    if (!hasText) return;
    this.noteText(1, countBrackets(this.t, textStart, textEnd));
    new InlineScanner(this.t, textStart, textEnd).scan((a, b) => this.codeRanges.push([a, b]));
  }

  /** A table row from `p`: each cell is inline text of its own. */
  private tableRow(p: number): void {
    const t = this.t;
    const end = this.lineEnd;
    this.noteText(0, countBrackets(t, p, end));
    let cell = p;
    for (let i = p; i <= end; ) {
      if (i === end || t.charCodeAt(i) === PIPE) {
        if (i > cell) new InlineScanner(t, cell, i).scan((a, b) => this.codeRanges.push([a, b]));
        cell = ++i;
      } else if (t.charCodeAt(i) === BACKSLASH && i + 1 < end && (t.charCodeAt(i + 1) === PIPE || t.charCodeAt(i + 1) === BACKSLASH)) i += 2;
      else i++;
    }
  }

  /**
   * Whether a table starts at `p`: this line is a head row and the next line, continuing every
   * open container, is a delimiter row with as many cells.
   */
  private isTableHead(p: number): boolean {
    if (this.nextStart < 0) return false;
    const t = this.t;
    const nextEnd = lineEndFrom(t, this.nextStart);
    // Cheap refusal: a delimiter row (after `>` and indents) holds nothing else, and a pipe or colon.
    let marks = false;
    for (let i = this.nextStart; i < nextEnd; i++) {
      const c = t.charCodeAt(i);
      if (c === PIPE || c === COLON) marks = true;
      else if (c !== DASH && c !== GT && !isSpaceOrTab(c)) return false;
    }
    if (!marks) return false;
    const cells = tableHeadCells(t, p, this.lineEnd);
    if (cells < 0) return false;
    const saved = [this.lineStart, this.lineEnd, this.pos, this.col, this.tabRest, this.indent, this.nonSpace, this.nonSpaceCol, this.scanFrom];
    this.lineStart = this.pos = this.nextStart;
    this.lineEnd = nextEnd;
    this.col = this.tabRest = 0;
    let ok = this.continueContainers(true) === this.stack.length;
    if (ok) {
      this.scanIndent();
      const q = this.nonSpace;
      // The row must not start a list item instead (it would interrupt the table's head).
      const item = t.charCodeAt(q) === DASH && q + 1 < nextEnd && isSpaceOrTab(t.charCodeAt(q + 1)) && skipSpacesAndTabs(t, q + 1, nextEnd) < nextEnd;
      ok = this.indent <= 3 && !item && tableDelimiterCells(t, q, nextEnd) === cells;
    }
    [this.lineStart, this.lineEnd, this.pos, this.col, this.tabRest, this.indent, this.nonSpace, this.nonSpaceCol, this.scanFrom] = saved;
    return ok;
  }

  private noteText(lines: number, brackets: number): void {
    if (lines > this.stats.maxParagraphLines) this.stats.maxParagraphLines = lines;
    if (brackets > this.stats.maxParagraphBrackets) this.stats.maxParagraphBrackets = brackets;
  }

  /** Text as micromark's tokens give it: every line break as LF. */
  private textOf(start: number, end: number): string {
    const text = this.t.slice(start, end);
    return text.includes("\r") ? text.replace(/\r\n?/g, "\n") : text;
  }
}
