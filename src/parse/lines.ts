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
  /** Start offsets of the lines that begin at or before `scanned` (the first is 0). */
  private readonly found: number[] = [0];
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
    const starts = this.found;
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
      if (at === lf || text.charCodeAt(at + 1) !== 10) starts.push(at + 1);
      i = at + 1;
    }
    if (i > this.scanned) this.scanned = i;
  }

  private get starts(): number[] {
    this.scanTo(this.text.length);
    return this.found;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  position(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    if (o > this.scanned) this.scanTo(o);
    const starts = this.found;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - starts[lo] };
  }

  offset(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.starts.length) return this.text.length;
    const start = this.starts[position.line];
    const next = position.line + 1 < this.starts.length ? this.starts[position.line + 1] : this.text.length;
    return Math.min(start + Math.max(0, position.character), next);
  }

  range(offset: number, length: number): Range {
    return { start: this.position(offset), end: this.position(offset + length) };
  }

  lineText(line: number): string {
    const start = this.starts[line] ?? this.text.length;
    let end = line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
    while (end > start && (this.text.charCodeAt(end - 1) === 10 || this.text.charCodeAt(end - 1) === 13)) end--;
    return this.text.slice(start, end);
  }
}
