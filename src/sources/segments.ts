/**
 * The one position mechanism of embedded definitions: a definition that a template holds as a
 * string (a JSON string with escapes, a YAML block scalar, Fn::Join pieces, a heredoc) is
 * linted as a "virtual text" (the definition as AWS will receive it, placeholders kept), and a
 * segment map takes every offset of that virtual text back to an offset of the file the user
 * edits.
 *
 * A segment is a run of virtual characters and the file characters they came from. When both
 * have the same length the run is linear (character i came from file character i: plain text,
 * a YAML line without its indentation); otherwise (an escape such as `\"` or `\u00e9`, a
 * placeholder standing for a `{"Ref": ...}` object, a character the reader added) the whole run
 * maps onto the whole file span: a range that starts in it starts at the span's start, and one
 * that ends in it ends at the span's end.
 */
export class SegmentMap {
  /** Virtual start, virtual length, file start and file length of each segment, in virtual order. */
  private vs: number[] = [];
  private vl: number[] = [];
  private fs: number[] = [];
  private fl: number[] = [];

  get size(): number {
    return this.vs.length;
  }

  /** Appends a segment (virtual runs must come in order and touch). Merges linear runs that continue each other. */
  add(vStart: number, vLength: number, fStart: number, fLength: number): void {
    if (vLength <= 0) return;
    const n = this.vs.length;
    if (n > 0 && vLength === fLength) {
      const i = n - 1;
      if (this.vl[i] === this.fl[i] && this.vs[i] + this.vl[i] === vStart && this.fs[i] + this.fl[i] === fStart) {
        this.vl[i] += vLength;
        this.fl[i] += fLength;
        return;
      }
    }
    this.vs.push(vStart);
    this.vl.push(vLength);
    this.fs.push(fStart);
    this.fl.push(fLength);
  }

  /** How many segments there are and the extent of the last one (`add` may lengthen it), to go back to with `truncate`. */
  mark(): [number, number, number] {
    const n = this.vs.length;
    return [n, n ? this.vl[n - 1] : 0, n ? this.fl[n - 1] : 0];
  }

  /** Undoes every `add` since `mark` was taken. */
  truncate([n, lastV, lastF]: [number, number, number]): void {
    this.vs.length = this.vl.length = this.fs.length = this.fl.length = n;
    if (n) {
      this.vl[n - 1] = lastV;
      this.fl[n - 1] = lastF;
    }
  }

  /** The segment holding virtual offset `v` (the last one starting at or before it). */
  private find(v: number): number {
    const vs = this.vs;
    let lo = 0;
    let hi = vs.length - 1;
    if (hi < 0) return -1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (vs[mid] <= v) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The file offset where a range starting at virtual offset `v` starts. */
  start(v: number): number {
    let i = this.find(v);
    if (i < 0) return 0;
    // past the end of this segment (a gap or the text's end): the next segment's start, or this one's end
    if (v >= this.vs[i] + this.vl[i]) {
      if (i + 1 < this.vs.length) return this.fs[i + 1];
      return this.fs[i] + this.fl[i];
    }
    if (this.vl[i] === this.fl[i]) return this.fs[i] + (v - this.vs[i]);
    return this.fs[i];
  }

  /** The file offset where a range ending at virtual offset `v` (exclusive) ends. */
  end(v: number): number {
    let i = this.find(v - 1);
    if (i < 0) return this.start(v);
    if (v - 1 >= this.vs[i] + this.vl[i]) return this.fs[i] + this.fl[i];
    if (this.vl[i] === this.fl[i]) return this.fs[i] + (v - this.vs[i]);
    return this.fs[i] + this.fl[i];
  }

  /** A virtual range as a file range. An empty range stays empty, at its mapped start. */
  range(offset: number, length: number): { offset: number; length: number } {
    const s = this.start(offset);
    if (length <= 0) return { offset: s, length: 0 };
    const e = this.end(offset + length);
    return { offset: s, length: Math.max(e - s, 0) };
  }

  /**
   * True when the virtual range [offset, offset + length) lies in one linear segment, so that
   * a text edit there can be made in the file as it is (the characters are the same).
   */
  linear(offset: number, length: number): boolean {
    const i = this.find(offset);
    if (i < 0 || this.vl[i] !== this.fl[i]) return false;
    return offset >= this.vs[i] && offset + length <= this.vs[i] + this.vl[i];
  }

  /** Calls `fn` for each segment part inside the virtual range [from, to), in order. */
  each(from: number, to: number, fn: (vStart: number, vLength: number, fStart: number, fLength: number) => void): void {
    let i = Math.max(this.find(from), 0);
    for (; i < this.vs.length && this.vs[i] < to; i++) {
      const s = Math.max(from, this.vs[i]);
      const e = Math.min(to, this.vs[i] + this.vl[i]);
      if (e <= s) continue;
      if (this.vl[i] === this.fl[i]) fn(s, e - s, this.fs[i] + (s - this.vs[i]), e - s);
      else fn(s, e - s, this.fs[i], this.fl[i]);
    }
  }

  /** The virtual offset of a file offset, when a segment covers it (for editor features). */
  toVirtual(f: number): number | undefined {
    for (let i = 0; i < this.fs.length; i++) {
      if (f >= this.fs[i] && f < this.fs[i] + Math.max(this.fl[i], 1)) {
        return this.vl[i] === this.fl[i] ? this.vs[i] + (f - this.fs[i]) : this.vs[i];
      }
    }
    return undefined;
  }
}

/**
 * Builds a virtual text and its segment map piece by piece. Readers of string forms (JSON
 * strings, YAML scalars, heredocs) call `copy` for characters taken as they are and `put` for
 * characters that stand for a longer (or shorter) span of the file.
 */
export class VirtualText {
  private parts: string[] = [];
  length = 0;
  readonly map = new SegmentMap();

  /** The file characters [fStart, fStart + length) of `file`, unchanged. */
  copy(file: string, fStart: number, length: number): void {
    if (length <= 0) return;
    this.parts.push(file.slice(fStart, fStart + length));
    this.map.add(this.length, length, fStart, length);
    this.length += length;
  }

  /** Virtual characters `s` standing for the file span [fStart, fStart + fLength). */
  put(s: string, fStart: number, fLength: number): void {
    if (s.length === 0) return;
    this.parts.push(s);
    this.map.add(this.length, s.length, fStart, fLength);
    this.length += s.length;
  }

  get text(): string {
    if (this.parts.length > 1) this.parts = [this.parts.join("")];
    return this.parts[0] ?? "";
  }

  /** Where the text and its map stand now, to go back to with `truncate`. */
  mark(): VirtualMark {
    return { length: this.length, parts: this.parts.length, map: this.map.mark() };
  }

  /** Undoes every `copy` and `put` since `mark` was taken. */
  truncate(mark: VirtualMark): void {
    if (this.parts.length >= mark.parts) this.parts.length = mark.parts;
    else this.parts = [this.text.slice(0, mark.length)]; // joined since (by `text`)
    this.length = mark.length;
    this.map.truncate(mark.map);
  }
}

/** A state of a VirtualText (see `mark`). */
export interface VirtualMark {
  length: number;
  parts: number;
  map: [number, number, number];
}

/** A `${...}` in a virtual text: where it is, its name (the text between the braces), and whether it stands outside a JSON string. */
export interface PlaceholderSpan {
  offset: number;
  length: number;
  /** The text between the braces, trimmed. */
  name: string;
}

/**
 * The `${...}` placeholders of a JSON virtual text, with their extent (nested braces and quoted
 * strings inside an interpolation such as `${var.a["b"]}` are skipped). `$${` and `${!` are not
 * placeholders (Terraform's and Fn::Sub's escapes have been read before this).
 */
export function placeholdersIn(text: string): PlaceholderSpan[] {
  const out: PlaceholderSpan[] = [];
  let i = text.indexOf("${");
  while (i >= 0) {
    const end = interpolationEnd(text, i + 2);
    if (end < 0) break;
    out.push({ offset: i, length: end + 1 - i, name: text.slice(i + 2, end).trim() });
    i = text.indexOf("${", end + 1);
  }
  return out;
}

/** The index of the `}` that closes an interpolation whose content starts at `from`, or -1. */
export function interpolationEnd(text: string, from: number): number {
  let depth = 0;
  let quote = 0;
  for (let j = from; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (quote) {
      if (c === 92) j++;
      else if (c === quote) quote = 0;
      else if (c === 10) return -1;
      continue;
    }
    if (c === 34 && depth > 0) quote = c;
    else if (c === 123) depth++;
    else if (c === 125) {
      if (depth === 0) return j;
      depth--;
    } else if (c === 10 && depth === 0 && j - from > 200) return -1;
  }
  return -1;
}

/** A replacement in a virtual text: [offset, offset + length) becomes `text`, standing for the same file span. */
export interface Rewrite {
  offset: number;
  length: number;
  text: string;
}

/**
 * Applies replacements (in order, not overlapping) to a virtual text, keeping its map: the new
 * characters map onto the file span of the ones they replace (linear when the length is kept).
 * `moved` takes an offset of the old text to the new one.
 */
export function rewrite(text: string, map: SegmentMap, edits: readonly Rewrite[]): { text: string; map: SegmentMap; moved: (offset: number) => number } {
  const moved = (o: number) => {
    let delta = 0;
    for (const e of edits) {
      if (e.offset >= o) break;
      delta += o >= e.offset + e.length ? e.text.length - e.length : Math.min(o - e.offset, e.text.length) - (o - e.offset);
    }
    return o + delta;
  };
  if (edits.length === 0) return { text, map, moved };
  const out = new VirtualText();
  const copyThrough = (from: number, to: number) => map.each(from, to, (v, n, f, fn) => out.put(text.slice(v, v + n), f, fn));
  let at = 0;
  for (const e of edits) {
    copyThrough(at, e.offset);
    if (e.length === 0) {
      // an insertion stands at the file offset where the next character comes from
      out.put(e.text, map.start(e.offset), 0);
    } else if (e.text.length === e.length && map.linear(e.offset, e.length)) {
      out.put(e.text, map.start(e.offset), e.length);
    } else {
      const r = map.range(e.offset, e.length);
      out.put(e.text, r.offset, r.length);
    }
    at = e.offset + e.length;
  }
  copyThrough(at, text.length);
  return { text: out.text, map: out.map, moved };
}

/**
 * For each offset, whether it is inside a JSON string of `text`. A JSON string holds no line
 * break, so each is read from the start of its line.
 */
function stringStates(text: string, offsets: readonly number[]): boolean[] {
  return offsets.map((o) => {
    let i = o;
    while (i > 0 && text.charCodeAt(i - 1) !== 10 && text.charCodeAt(i - 1) !== 13) i--;
    let inString = false;
    for (; i < o; i++) {
      const c = text.charCodeAt(i);
      if (inString && c === 92) i++;
      else if (c === 34) inString = !inString;
    }
    return inString;
  });
}

/**
 * Makes a JSON text with `${...}` placeholders valid JSON without moving anything the user
 * wrote: a placeholder outside a string (`"Seconds": ${Wait}`) gets quotes around it (it
 * becomes the string "${Wait}", which every rule accepts as a deploy-time value), and a
 * placeholder's inside is made safe for a JSON string (a quote, backslash or line break in
 * `${var.m["k"]}` becomes `_`: the interpolation is replaced before AWS sees the text).
 * The quotes map onto the placeholder's ends.
 */
export function quotePlaceholders(text: string, map: SegmentMap, spans: PlaceholderSpan[] = placeholdersIn(text)): { text: string; map: SegmentMap; moved: (offset: number) => number } {
  const inString = stringStates(text, spans.map((s) => s.offset));
  const edits: Rewrite[] = [];
  spans.forEach((span, i) => {
    const raw = text.slice(span.offset, span.offset + span.length);
    const safe = raw.replace(/["\\\u0000-\u001f]/g, "_");
    if (safe !== raw) edits.push({ offset: span.offset, length: span.length, text: inString[i] ? safe : `"${safe}"` });
    else if (!inString[i]) {
      edits.push({ offset: span.offset, length: 0, text: '"' });
      edits.push({ offset: span.offset + span.length, length: 0, text: '"' });
    }
  });
  // the closing quote of a bare placeholder stands at the placeholder's end
  const out = rewrite(text, map, edits);
  return out;
}
