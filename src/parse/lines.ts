export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}

/**
 * Converts offsets to 0-based line/character positions (UTF-16 code units, as LSP counts).
 * Line starts are found on first use, and only as far into the text as asked: a lint with
 * no diagnostic never scans the text for line breaks.
 */
export class LineIndex {
  /**
   * Start offsets of the lines that begin at or before `scanned` (the first is 0), in
   * `found[0, count)`. A typed array grown by doubling: beyond a few hundred lines its contents
   * live outside the JavaScript heap, so a 1 MB pretty-printed definition's 40,000 line starts
   * are never copied by young collections (as a number[] grown by push, they and their
   * discarded copies were 1.2 MB of young allocation per lint).
   */
  private found = new Int32Array(64);
  private count = 1;
  /** Characters before this offset have been looked at. */
  private scanned = 0;
  /** The next LF and CR at or after `scanned` (text.length: none), found by native searches. */
  private nextLF = -1;
  private nextCR = -1;
  constructor(readonly text: string) {}

  /** Finds every line start up to `offset` (a line starts after LF, CRLF or a lone CR). */
  private scanTo(offset: number): void {
    const text = this.text;
    const n = text.length;
    const end = Math.min(offset, n);
    let i = this.scanned;
    while (i < end) {
      if (this.nextLF < i) {
        const lf = text.indexOf("\n", i);
        this.nextLF = lf < 0 ? n : lf;
      }
      if (this.nextCR < i) {
        const cr = text.indexOf("\r", i);
        this.nextCR = cr < 0 ? n : cr;
      }
      const lf = this.nextLF;
      const cr = this.nextCR;
      const at = lf < cr ? lf : cr;
      if (at >= end) {
        i = end;
        break;
      }
      // CRLF: the line starts after the LF
      if (at === lf || text.charCodeAt(at + 1) !== 10) this.add(at + 1);
      i = at + 1;
    }
    if (i > this.scanned) this.scanned = i;
  }

  private add(start: number): void {
    if (this.count === this.found.length) {
      const bigger = new Int32Array(this.found.length * 2);
      bigger.set(this.found);
      this.found = bigger;
    }
    this.found[this.count++] = start;
  }

  /** Every line start (the whole text scanned), as a view of `found`. */
  private get starts(): Int32Array {
    this.scanTo(this.text.length);
    return this.found.subarray(0, this.count);
  }

  get lineCount(): number {
    this.scanTo(this.text.length);
    return this.count;
  }

  position(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    if (o > this.scanned) this.scanTo(o);
    const starts = this.found;
    let lo = 0;
    let hi = this.count - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    // between the CR and the LF of a CRLF is no place in LSP terms: the end of the line's text
    const inCrlf = o > 0 && this.text.charCodeAt(o) === 10 && this.text.charCodeAt(o - 1) === 13;
    return { line: lo, character: o - starts[lo] - (inCrlf ? 1 : 0) };
  }

  offset(position: Position): number {
    if (position.line < 0) return 0;
    const starts = this.starts;
    if (position.line >= starts.length) return this.text.length;
    const start = starts[position.line];
    const next = position.line + 1 < starts.length ? starts[position.line + 1] : this.text.length;
    return Math.min(start + Math.max(0, position.character), next);
  }

  range(offset: number, length: number): Range {
    return { start: this.position(offset), end: this.position(offset + length) };
  }

  lineText(line: number): string {
    const starts = this.starts;
    const start = line >= 0 && line < starts.length ? starts[line] : this.text.length;
    let end = line + 1 < starts.length ? starts[line + 1] : this.text.length;
    while (end > start && (this.text.charCodeAt(end - 1) === 10 || this.text.charCodeAt(end - 1) === 13)) end--;
    return this.text.slice(start, end);
  }
}
