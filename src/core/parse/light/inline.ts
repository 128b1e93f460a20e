/** Inline code: code spans, math spans (which hide code spans), autolinks and inline HTML. Part of the light structure reader (../lightStructure.ts). */
import { AT, BACKSLASH, BACKTICK, BANG, COLON, DASH, DOLLAR, DOT, DQUOTE, EQUALS, GT, LBRACKET, LF, LPAREN, LT, QUESTION, RBRACKET, RPAREN, SLASH, SPACE, SQUOTE, STAR, TILDE, UNDERSCORE, findBounded, isAsciiAlnum, isAsciiAlpha, isAsciiAtext, isAsciiControl, isAsciiPunctuation, isGfmAtext, isInlineSpace, isSchemeChar, isTrailPunctuation } from "./chars";
import { isUnicodePunctuation, isUnicodeWhitespace } from "./blockStarts";

// ---------------------------------------------------------------------------------------
// Inline code: code spans, math spans (which hide code spans), autolinks and inline HTML

/** Positions of maximal runs of one character, by run length, read in order (each once). */
export class RunTable {
  private readonly byLength = new Map<number, { at: number[]; next: number }>();

  constructor(s: string, from: number, to: number, char: number) {
    let i = from;
    while (i < to) {
      if (s.charCodeAt(i) !== char) {
        i++;
        continue;
      }
      const start = i;
      while (i < to && s.charCodeAt(i) === char) i++;
      const length = i - start;
      let runs = this.byLength.get(length);
      if (!runs) this.byLength.set(length, (runs = { at: [], next: 0 }));
      runs.at.push(start);
    }
  }

  /** The first run of exactly `length` starting at or after `from` (`from` never decreases). */
  next(length: number, from: number): number {
    const runs = this.byLength.get(length);
    if (!runs) return -1;
    while (runs.next < runs.at.length && runs.at[runs.next] < from) runs.next++;
    return runs.next < runs.at.length ? runs.at[runs.next] : -1;
  }
}

/** `findBounded` for one needle, remembering its last answer while starts only grow. */
export class ForwardFinder {
  private start = -1;
  private found = -1;

  constructor(
    private readonly s: string,
    private readonly needle: string,
    private readonly to: number,
  ) {}

  find(from: number): number {
    if (this.start >= 0 && from >= this.start && (this.found < 0 || this.found >= from)) return this.found;
    this.start = from;
    this.found = findBounded(this.s, this.needle, from, this.to);
    return this.found;
  }
}

/** The next `close` not escaped by a backslash (a title's end), remembered while starts grow. */
export class UnescapedFinder {
  private start = -1;
  private found = -1;

  constructor(
    private readonly s: string,
    private readonly close: number,
    private readonly to: number,
  ) {}

  /** `from` is just past an opening mark, so no backslash run straddles it. */
  find(from: number): number {
    if (this.start >= 0 && from >= this.start && (this.found < 0 || this.found >= from)) return this.found;
    this.start = from;
    this.found = -1;
    for (let k = from; k < this.to; k++) {
      const c = this.s.charCodeAt(k);
      if (c === this.close) {
        this.found = k;
        break;
      }
      if (c === BACKSLASH && k + 1 < this.to && (this.s.charCodeAt(k + 1) === this.close || this.s.charCodeAt(k + 1) === BACKSLASH)) k++;
    }
    return this.found;
  }
}

export class InlineScanner {
  private ticks?: RunTable;
  private dollars?: RunTable;
  private comment?: ForwardFinder;
  private instruction?: ForwardFinder;
  private cdata?: ForwardFinder;
  private declaration?: ForwardFinder;
  /** Closing quote of an attribute value, by the offset of its opening quote. */
  private readonly quoteClose = new Map<number, number>();
  /** Open `[` and `![` (true) of links and images, innermost last. */
  private readonly labels: boolean[] = [];
  /** Link openings below this depth are inactive (a link inside them has formed). */
  private inactiveBelow = 0;
  /** Finders of title ends, by closing mark. */
  private readonly titleEnds = new Map<number, UnescapedFinder>();

  constructor(
    private readonly s: string,
    private readonly from: number,
    private readonly to: number,
  ) {}

  /** Calls `emit` with each code span, autolink and inline HTML, in order. */
  scan(emit: (start: number, end: number) => void): void {
    const { s, to } = this;
    let i = this.from;
    while (i < to) {
      const c = s.charCodeAt(i);
      if (c === BACKSLASH) {
        i += i + 1 < to && isAsciiPunctuation(s.charCodeAt(i + 1)) ? 2 : 1;
        continue;
      }
      if (c === BACKTICK || c === DOLLAR) {
        let j = i + 1;
        while (j < to && s.charCodeAt(j) === c) j++;
        const close = this.runs(c, i).next(j - i, j);
        if (close < 0) {
          i = j;
          continue;
        }
        // A math span ($...$) is not code, but what it holds is not code either.
        if (c === BACKTICK) emit(i, close + (j - i));
        i = close + (j - i);
        continue;
      }
      if (c === LBRACKET || (c === BANG && this.at(i + 1) === LBRACKET)) {
        this.labels.push(c === BANG);
        i += c === BANG ? 2 : 1;
        continue;
      }
      if (c === RBRACKET) {
        // A link's or image's resource (`](destination "title")`) hides what it holds.
        const end = this.labelEnd(i);
        i = end > 0 ? end : i + 1;
        continue;
      }
      if (c === LT) {
        const end = Math.max(this.autolinkEnd(i), this.htmlEnd(i));
        if (end > 0) {
          emit(i, end);
          i = end;
          continue;
        }
      }
      // GFM autolink literals (`www.`, `http://`, emails) hide what their addresses hold.
      if (this.labels.length === 0 && isGfmAtext(c)) {
        const end = this.literalEnd(i, c);
        if (end > i) {
          i = end;
          continue;
        }
      }
      i++;
    }
  }

  /** Past a GFM autolink literal starting at `i` (an email, `www.` or `http(s)://`), or -1. */
  private literalEnd(i: number, c: number): number {
    const previous = i > this.from ? this.s.charCodeAt(i - 1) : -1;
    if (!(previous === SLASH || isGfmAtext(previous))) {
      const end = this.emailLiteralEnd(i);
      if (end > 0) return end;
    }
    if ((c | 32) === 119 && (previous === -1 || previous === LPAREN || previous === STAR || previous === UNDERSCORE || previous === LBRACKET || previous === RBRACKET || previous === TILDE || isInlineSpace(previous))) {
      if ((this.at(i + 1) | 32) !== 119 || (this.at(i + 2) | 32) !== 119 || this.at(i + 3) !== DOT || this.at(i + 4) === -1) return -1;
      // The domain is read from the `www` itself.
      const domain = this.domainEnd(i);
      return domain < 0 ? -1 : this.pathEnd(domain);
    }
    if ((c | 32) === 104 && !isAsciiAlpha(previous)) {
      let k = i + 1;
      while (k - i < 5 && isAsciiAlpha(this.at(k))) k++;
      const protocol = this.s.slice(i, k).toLowerCase();
      if ((protocol !== "http" && protocol !== "https") || this.at(k) !== COLON || this.at(k + 1) !== SLASH || this.at(k + 2) !== SLASH) return -1;
      k += 3;
      const first = this.at(k);
      if (first === -1 || isAsciiControl(first) || isUnicodeWhitespace(first) || isUnicodePunctuation(first)) return -1;
      const domain = this.domainEnd(k);
      return domain < 0 ? -1 : this.pathEnd(domain);
    }
    return -1;
  }

  private emailLiteralEnd(i: number): number {
    let k = i;
    while (isGfmAtext(this.at(k))) k++;
    if (this.at(k) !== AT) return -1;
    k++;
    let data = false;
    let dot = false;
    for (;;) {
      const c = this.at(k);
      if (c === DOT && isAsciiAlnum(this.at(k + 1))) {
        dot = true;
        k++;
      } else if (c === DASH || c === UNDERSCORE || isAsciiAlnum(c)) {
        data = true;
        k++;
      } else break;
    }
    return data && dot && isAsciiAlpha(this.s.charCodeAt(k - 1)) ? k : -1;
  }

  /** A literal's domain: no punctuation but `-`, `.`, `_`; no `_` in its last two parts. */
  private domainEnd(k: number): number {
    let seen = false;
    let underscoreLast = false;
    let underscoreBefore = false;
    for (;;) {
      const c = this.at(k);
      if (c === DOT || c === UNDERSCORE) {
        if (this.trailEnds(k)) break;
        if (c === UNDERSCORE) underscoreLast = true;
        else {
          underscoreBefore = underscoreLast;
          underscoreLast = false;
        }
        k++;
        continue;
      }
      if (c === -1 || isUnicodeWhitespace(c) || (c !== DASH && isUnicodePunctuation(c))) break;
      seen = true;
      k++;
    }
    return seen && !underscoreLast && !underscoreBefore ? k : -1;
  }

  /** A literal's path: up to white space, less trailing punctuation; parentheses balance. */
  private pathEnd(k: number): number {
    let open = 0;
    let closed = 0;
    for (;;) {
      const c = this.at(k);
      if (c === LPAREN) {
        open++;
        k++;
        continue;
      }
      if (c === RPAREN && closed < open) {
        closed++;
        k++;
        continue;
      }
      if (isTrailPunctuation(c) || c === LT || c === 38 || c === RBRACKET) {
        if (this.trailEnds(k)) return k;
        // The whole run of trailing punctuation fails alike: step over it at once.
        for (const end = this.trailStop; k < end; k++) if (this.s.charCodeAt(k) === RPAREN) closed++;
        continue;
      }
      if (c === -1 || isUnicodeWhitespace(c)) return k;
      k++;
    }
  }

  /** The last `trailEnds` look-ahead that failed: from where, and where it stopped. */
  private trailFrom = -1;
  private trailStop = -1;

  /**
   * Whether trailing punctuation from `k` ends a literal (it runs into white space, `<` or the
   * end). On failure `trailStop` is where it stopped (past `k`); any look-ahead from inside
   * that run fails alike, which keeps runs of punctuation linear.
   */
  private trailEnds(k: number): boolean {
    if (k >= this.trailFrom && k < this.trailStop) return false;
    const from = k;
    for (;;) {
      const c = this.at(k);
      if (c === -1 || c === LT || isUnicodeWhitespace(c)) return true;
      if (isTrailPunctuation(c)) {
        k++;
        continue;
      }
      if (c === 38) {
        // `&name;` (a character reference) counts as trailing punctuation.
        let e = k + 1;
        while (isAsciiAlpha(this.at(e))) e++;
        if (e === k + 1 || this.at(e) !== 59) {
          k = e;
          break;
        }
        k = e + 1;
        continue;
      }
      if (c === RBRACKET) {
        const n = this.at(k + 1);
        if (n === -1 || n === LPAREN || n === LBRACKET || isUnicodeWhitespace(n)) return true;
        k++;
        continue;
      }
      break;
    }
    this.trailFrom = from;
    this.trailStop = Math.max(k, from + 1);
    return false;
  }

  /** Past the resource of the link or image a `]` at `i` closes, or -1 (references are not read). */
  private labelEnd(i: number): number {
    if (this.labels.length === 0) return -1;
    const image = this.labels.pop()!;
    const inactive = !image && this.labels.length < this.inactiveBelow;
    if (this.inactiveBelow > this.labels.length) this.inactiveBelow = this.labels.length;
    if (inactive) return -1;
    if (this.at(i + 1) !== LPAREN) return -1;
    const end = this.resourceEnd(i + 1);
    // No link inside a link: the openings around this one stay brackets.
    if (end > 0 && !image) this.inactiveBelow = this.labels.length;
    return end;
  }

  private resourceEnd(i: number): number {
    let k = this.skipInlineSpace(i + 1);
    if (this.at(k) === RPAREN) return k + 1;
    k = this.destinationEnd(k);
    if (k < 0) return -1;
    if (isInlineSpace(this.at(k))) {
      k = this.skipInlineSpace(k);
      const open = this.at(k);
      if (open === DQUOTE || open === SQUOTE || open === LPAREN) {
        const close = open === LPAREN ? RPAREN : open;
        let finder = this.titleEnds.get(close);
        if (!finder) this.titleEnds.set(close, (finder = new UnescapedFinder(this.s, close, this.to)));
        const end = finder.find(k + 1);
        if (end < 0) return -1;
        k = this.skipInlineSpace(end + 1);
      }
    }
    return this.at(k) === RPAREN ? k + 1 : -1;
  }

  /** A resource's destination: `<...>`, or raw with at most 32 open parentheses. */
  private destinationEnd(k: number): number {
    let c = this.at(k);
    if (c === LT) {
      for (k++; ; k++) {
        c = this.at(k);
        if (c === GT) return k + 1;
        if (c === -1 || c === LT || c === LF) return -1;
        if (c === BACKSLASH && (this.at(k + 1) === LT || this.at(k + 1) === GT || this.at(k + 1) === BACKSLASH)) k++;
      }
    }
    if (c === -1 || c === SPACE || c === RPAREN || isAsciiControl(c)) return -1;
    let balance = 0;
    for (; ; k++) {
      c = this.at(k);
      if (balance === 0 && (c === -1 || c === RPAREN || isInlineSpace(c))) return k;
      if (c === LPAREN && balance < 32) balance++;
      else if (c === RPAREN) balance--;
      else if (c === -1 || c === SPACE || c === LPAREN || isAsciiControl(c)) return -1;
      else if (c === BACKSLASH && (this.at(k + 1) === LPAREN || this.at(k + 1) === RPAREN || this.at(k + 1) === BACKSLASH)) k++;
    }
  }

  private skipInlineSpace(k: number): number {
    while (isInlineSpace(this.at(k))) k++;
    return k;
  }

  private runs(char: number, from: number): RunTable {
    if (char === BACKTICK) return (this.ticks ??= new RunTable(this.s, from, this.to, char));
    return (this.dollars ??= new RunTable(this.s, from, this.to, char));
  }

  private at(i: number): number {
    return i < this.to ? this.s.charCodeAt(i) : -1;
  }

  /** Past an autolink (`<scheme:...>` or `<user@host>`) at `i`, or -1. */
  private autolinkEnd(i: number): number {
    let k = i + 1;
    let c = this.at(k);
    if (c === AT) return -1;
    if (isAsciiAlpha(c)) {
      k++;
      // A scheme: two to 32 characters, then `:`; failing that, maybe an email address.
      if (isSchemeChar(this.at(k))) {
        let size = 1;
        for (;;) {
          c = this.at(k);
          if (c === COLON) return this.urlEnd(k + 1);
          if (!isSchemeChar(c) || size++ >= 32) break;
          k++;
        }
      }
    }
    return this.emailEnd(k);
  }

  private urlEnd(k: number): number {
    for (; k < this.to; k++) {
      const c = this.s.charCodeAt(k);
      if (c === GT) return k + 1;
      if (c === SPACE || c === LT || isAsciiControl(c)) return -1;
    }
    return -1;
  }

  private emailEnd(k: number): number {
    for (;;) {
      const c = this.at(k);
      if (c === AT) break;
      if (!isAsciiAtext(c)) return -1;
      k++;
    }
    k++;
    for (;;) {
      // A label: alphanumerics and dashes (at most 63), not ending in a dash.
      if (!isAsciiAlnum(this.at(k))) return -1;
      let size = 0;
      let dash = false;
      for (;;) {
        const c = this.at(k);
        if (!dash && c === GT) return k + 1;
        if (!dash && c === DOT) break;
        if (!((c === DASH || isAsciiAlnum(c)) && size++ < 63)) return -1;
        dash = c === DASH;
        k++;
      }
      k++;
    }
  }

  /** Past inline HTML (tag, comment, instruction, declaration, CDATA) at `i`, or -1. */
  private htmlEnd(i: number): number {
    const c = this.at(i + 1);
    if (c === BANG) {
      const d = this.at(i + 2);
      if (d === DASH) {
        if (this.at(i + 3) !== DASH) return -1;
        // `<!-->` and `<!--->` are whole comments: search from the dashes of the opening.
        const end = (this.comment ??= new ForwardFinder(this.s, "-->", this.to)).find(i + 2);
        return end < 0 ? -1 : end + 3;
      }
      if (d === LBRACKET) {
        if (i + 9 > this.to || !this.s.startsWith("CDATA[", i + 3)) return -1;
        const end = (this.cdata ??= new ForwardFinder(this.s, "]]>", this.to)).find(i + 9);
        return end < 0 ? -1 : end + 3;
      }
      if (!isAsciiAlpha(d)) return -1;
      const end = (this.declaration ??= new ForwardFinder(this.s, ">", this.to)).find(i + 3);
      return end < 0 ? -1 : end + 1;
    }
    if (c === QUESTION) {
      const end = (this.instruction ??= new ForwardFinder(this.s, "?>", this.to)).find(i + 2);
      return end < 0 ? -1 : end + 2;
    }
    if (c === SLASH) {
      let k = i + 2;
      if (!isAsciiAlpha(this.at(k))) return -1;
      while (isAsciiAlnum(this.at(k)) || this.at(k) === DASH) k++;
      while (isInlineSpace(this.at(k))) k++;
      return this.at(k) === GT ? k + 1 : -1;
    }
    if (!isAsciiAlpha(c)) return -1;
    let k = i + 2;
    while (isAsciiAlnum(this.at(k)) || this.at(k) === DASH) k++;
    const after = this.at(k);
    if (!(after === SLASH || after === GT || isInlineSpace(after))) return -1;
    return this.tagRestEnd(k);
  }

  /** The attributes and end (`>` or `/>`) of an inline open tag, from just after its name. */
  private tagRestEnd(k: number): number {
    for (;;) {
      const c = this.at(k);
      if (c === SLASH) return this.at(k + 1) === GT ? k + 2 : -1;
      if (c === GT) return k + 1;
      if (isInlineSpace(c)) {
        k++;
        continue;
      }
      if (!(c === COLON || c === UNDERSCORE || isAsciiAlpha(c))) return -1;
      k++;
      for (;;) {
        const n = this.at(k);
        if (!(n === DASH || n === DOT || n === COLON || n === UNDERSCORE || isAsciiAlnum(n))) break;
        k++;
      }
      while (isInlineSpace(this.at(k))) k++;
      if (this.at(k) !== EQUALS) continue;
      k++;
      while (isInlineSpace(this.at(k))) k++;
      const v = this.at(k);
      if (v === -1 || v === LT || v === EQUALS || v === GT || v === BACKTICK) return -1;
      if (v === DQUOTE || v === SQUOTE) {
        const close = this.closingQuote(k);
        if (close < 0) return -1;
        k = close + 1;
        const n = this.at(k);
        if (!(n === SLASH || n === GT || isInlineSpace(n))) return -1;
        continue;
      }
      for (k++; ; k++) {
        const n = this.at(k);
        if (n === -1 || n === DQUOTE || n === SQUOTE || n === LT || n === EQUALS || n === BACKTICK) return -1;
        if (n === SLASH || n === GT || isInlineSpace(n)) break;
      }
    }
  }

  /** The quote closing the attribute value opened at `open` (each opening is searched once). */
  private closingQuote(open: number): number {
    let close = this.quoteClose.get(open);
    if (close === undefined) {
      close = findBounded(this.s, this.s.charAt(open), open + 1, this.to);
      this.quoteClose.set(open, close);
    }
    return close;
  }
}

/** `[` and `]` in `s[from, to)`. */
export function countBrackets(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c === LBRACKET || c === RBRACKET) n++;
  }
  return n;
}
