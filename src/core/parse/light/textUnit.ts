/** Text spanning lines: a paragraph's lines joined by LF, mapped back to the original offsets. Part of the light structure reader (../lightStructure.ts). */

// ---------------------------------------------------------------------------------------
// Text spanning lines: a paragraph's lines joined by LF, mapped back to the original offsets

export class Unit {
  private cursor = 0;

  private constructor(
    readonly s: string,
    readonly from: number,
    readonly to: number,
    /** Start of each line in `s`, and of the same line in the original text. */
    private readonly starts: number[],
    private readonly origins: number[],
  ) {}

  /** A unit over `text[start, end)` itself (no copy). */
  static line(text: string, start: number, end: number): Unit {
    return new Unit(text, start, end, [start], [start]);
  }

  /** Lines `text[starts[k], ends[k])` joined by LF. */
  static lines(text: string, starts: readonly number[], ends: readonly number[]): Unit {
    if (starts.length === 1) return Unit.line(text, starts[0], ends[0]);
    const parts: string[] = [];
    const virtual: number[] = [];
    let v = 0;
    for (let k = 0; k < starts.length; k++) {
      virtual.push(v);
      parts.push(text.slice(starts[k], ends[k]));
      v += ends[k] - starts[k] + 1;
    }
    const s = parts.join("\n");
    return new Unit(s, 0, s.length, virtual, starts.slice());
  }

  /** The line (0-based within the unit) holding position `v`. Queries mostly move forward. */
  lineOf(v: number): number {
    const starts = this.starts;
    if (v < starts[this.cursor]) {
      let lo = 0;
      let hi = this.cursor;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid] <= v) lo = mid;
        else hi = mid - 1;
      }
      this.cursor = lo;
    }
    while (this.cursor + 1 < starts.length && starts[this.cursor + 1] <= v) this.cursor++;
    return this.cursor;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** The original offset of position `v`. */
  map(v: number): number {
    const k = this.lineOf(v);
    return this.origins[k] + (v - this.starts[k]);
  }
}
