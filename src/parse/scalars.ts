/**
 * Reading a string value out of its source form, character by character, into a sink: so that
 * each decoded character knows the file characters it came from. JSON strings (with
 * their escapes) and every YAML scalar style (plain and quoted with line folding, `|` and `>`
 * block scalars with their indentation, chomping and folding).
 *
 * Each reader returns false when the value it decoded differs from the value the parser gave
 * (a form this reader does not know): the caller then maps the whole value onto the whole
 * scalar instead (coarse, never wrong).
 */
/** Where a reader puts what it decodes. */
export interface ScalarSink {
  /** The file characters [fStart, fStart + length) of `file`, unchanged. */
  copy(file: string, fStart: number, length: number): void;
  /** Decoded characters `s` standing for the file span [fStart, fStart + fLength). */
  put(s: string, fStart: number, fLength: number): void;
}

/** A sink that records the decoded text and where each character came from. */
export class OffsetSink implements ScalarSink {
  text = "";
  /** File offset where each decoded character starts, and where it ends. */
  starts: number[] = [];
  ends: number[] = [];
  copy(file: string, fStart: number, length: number): void {
    this.text += file.slice(fStart, fStart + length);
    for (let i = 0; i < length; i++) {
      this.starts.push(fStart + i);
      this.ends.push(fStart + i + 1);
    }
  }
  put(s: string, fStart: number, fLength: number): void {
    this.text += s;
    for (let i = 0; i < s.length; i++) {
      this.starts.push(fStart);
      this.ends.push(fStart + fLength);
    }
  }
}

const JSON_ESCAPES: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };

/** A JSON string token at `offset` (its opening quote) into `out`. */
export function readJsonString(file: string, offset: number, out: ScalarSink): boolean {
  if (file[offset] !== '"') return false;
  let i = offset + 1;
  let run = i;
  while (i < file.length) {
    const c = file[i];
    if (c === '"') {
      out.copy(file, run, i - run);
      return true;
    }
    if (c !== "\\") {
      i++;
      continue;
    }
    out.copy(file, run, i - run);
    const e = file[i + 1];
    if (e === "u") {
      const code = parseInt(file.slice(i + 2, i + 6), 16);
      if (Number.isNaN(code)) return false;
      out.put(String.fromCharCode(code), i, 6);
      i += 6;
    } else if (e !== undefined && JSON_ESCAPES[e] !== undefined) {
      out.put(JSON_ESCAPES[e], i, 2);
      i += 2;
    } else return false;
    run = i;
  }
  return false;
}

/** The YAML scalar styles the `yaml` package names. */
/** The YAML style of a scalar, from its first source character. */
export function yamlStyle(file: string, offset: number): YamlScalarType {
  const c = file[offset];
  return c === '"' ? "QUOTE_DOUBLE" : c === "'" ? "QUOTE_SINGLE" : c === "|" ? "BLOCK_LITERAL" : c === ">" ? "BLOCK_FOLDED" : "PLAIN";
}

export type YamlScalarType = "PLAIN" | "QUOTE_SINGLE" | "QUOTE_DOUBLE" | "BLOCK_LITERAL" | "BLOCK_FOLDED";

const isBlank = (c: string | undefined) => c === " " || c === "\t";
const isBreak = (c: string | undefined) => c === "\n" || c === "\r";

/**
 * A YAML scalar of `type` whose source is file[start, end) into `out`. For block scalars
 * `start` is the `|` or `>` indicator. `expected` is the value the parser gave; false when the
 * reading does not give it.
 */
export function readYamlScalar(file: string, start: number, end: number, type: YamlScalarType | undefined, expected: string, out: ScalarSink): boolean {
  // read into a buffer first: nothing reaches `out` unless the reading gives the parser's value
  const probe: [string, number, number][] = [];
  let text = "";
  const buffer: ScalarSink = {
    copy(f, s, n) {
      if (n > 0) probe.push([f.slice(s, s + n), s, n]);
      text += f.slice(s, s + n);
    },
    put(s, f, n) {
      probe.push([s, f, n]);
      text += s;
    },
  };
  let ok = false;
  if (type === "QUOTE_DOUBLE" || type === "QUOTE_SINGLE" || type === "PLAIN" || type === undefined) ok = readFlowScalar(file, start, end, type ?? "PLAIN", buffer);
  else if (type === "BLOCK_LITERAL" || type === "BLOCK_FOLDED") ok = readBlockScalar(file, start, end, type === "BLOCK_FOLDED", buffer);
  if (!ok || text !== expected) return false;
  for (const [s, f, n] of probe) {
    if (s.length === n && file.startsWith(s, f)) out.copy(file, f, n);
    else out.put(s, f, n);
  }
  return true;
}

/** The value of a YAML scalar read from its source (no parser to compare with); undefined for a form the readers do not know. */
export function decodeYamlScalar(file: string, start: number, end: number, type: YamlScalarType): string | undefined {
  let text = "";
  const sink: ScalarSink = {
    copy(f, s, n) {
      text += f.slice(s, s + n);
    },
    put(s) {
      text += s;
    },
  };
  const ok = type === "BLOCK_LITERAL" || type === "BLOCK_FOLDED" ? readBlockScalar(file, start, end, type === "BLOCK_FOLDED", sink) : readFlowScalar(file, start, end, type, sink);
  return ok ? text : undefined;
}

const DOUBLE_ESCAPES: Record<string, string> = {
  "0": "\0", a: "\x07", b: "\b", t: "\t", "\t": "\t", n: "\n", v: "\v", f: "\f", r: "\r", e: "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\",
  N: "\u0085", _: "\u00a0", L: "\u2028", P: "\u2029",
};

/**
 * Plain, single- and double-quoted scalars: each line break between text folds to a space,
 * and n breaks in a row to n - 1 newlines; white space around a break is dropped. In double
 * quotes a backslash escapes a character, or (before a break) joins the lines.
 */
function readFlowScalar(file: string, start: number, end: number, type: "PLAIN" | "QUOTE_SINGLE" | "QUOTE_DOUBLE", out: ScalarSink): boolean {
  let i = start;
  let stop = end;
  if (type !== "PLAIN") {
    i++;
    // the closing quote
    stop = end - 1;
    if (file[stop] !== (type === "QUOTE_DOUBLE" ? '"' : "'")) return false;
  }
  /** Blanks seen after text, not yet written (dropped if a line break follows). */
  let pendingBlank = -1;
  const flushBlank = (to: number) => {
    if (pendingBlank >= 0) out.copy(file, pendingBlank, to - pendingBlank);
    pendingBlank = -1;
  };
  while (i < stop) {
    const c = file[i];
    if (isBlank(c)) {
      if (pendingBlank < 0) pendingBlank = i;
      i++;
      continue;
    }
    if (isBreak(c)) {
      // fold: count the line breaks up to the next text
      pendingBlank = -1;
      const first = i;
      let breaks = 0;
      while (i < stop && (isBreak(file[i]) || isBlank(file[i]))) {
        if (file[i] === "\r" && file[i + 1] === "\n") i++;
        if (isBreak(file[i])) breaks++;
        i++;
      }
      if (breaks === 1) out.put(" ", first, 1);
      else for (let b = 1; b < breaks; b++) out.put("\n", first, 1);
      continue;
    }
    flushBlank(i);
    if (type === "QUOTE_SINGLE" && c === "'") {
      if (file[i + 1] !== "'") return false;
      out.put("'", i, 2);
      i += 2;
      continue;
    }
    if (type === "QUOTE_DOUBLE" && c === "\\") {
      const e = file[i + 1];
      if (isBreak(e)) {
        // an escaped line break: the lines join with nothing between them
        i += e === "\r" && file[i + 2] === "\n" ? 3 : 2;
        while (i < stop && isBlank(file[i])) i++;
        continue;
      }
      const width = e === "x" ? 2 : e === "u" ? 4 : e === "U" ? 8 : 0;
      if (width) {
        const code = parseInt(file.slice(i + 2, i + 2 + width), 16);
        if (Number.isNaN(code)) return false;
        out.put(String.fromCodePoint(code), i, 2 + width);
        i += 2 + width;
        continue;
      }
      if (e === undefined || DOUBLE_ESCAPES[e] === undefined) return false;
      out.put(DOUBLE_ESCAPES[e], i, 2);
      i += 2;
      continue;
    }
    // a run of ordinary characters
    let j = i + 1;
    while (j < stop) {
      const d = file[j];
      if (isBlank(d) || isBreak(d) || (type === "QUOTE_SINGLE" && d === "'") || (type === "QUOTE_DOUBLE" && d === "\\")) break;
      j++;
    }
    out.copy(file, i, j - i);
    i = j;
  }
  // blanks before the closing quote are part of a quoted scalar (a plain one has none)
  if (type !== "PLAIN") flushBlank(stop);
  return true;
}

/**
 * A `|` or `>` block scalar: the header (indentation indicator, chomping), then the lines
 * without their indentation; `>` folds a single line break between two lines of text (not
 * more indented) into a space.
 */
function readBlockScalar(file: string, start: number, end: number, folded: boolean, out: ScalarSink): boolean {
  let i = start + 1;
  let chomp: "clip" | "strip" | "keep" = "clip";
  let explicit = 0;
  for (; i < end && !isBreak(file[i]) && !isBlank(file[i]) && file[i] !== "#"; i++) {
    const c = file[i];
    if (c === "-") chomp = "strip";
    else if (c === "+") chomp = "keep";
    else if (c >= "1" && c <= "9") explicit = c.charCodeAt(0) - 48;
    else return false;
  }
  // to the end of the header line
  while (i < end && !isBreak(file[i])) i++;
  if (file[i] === "\r" && file[i + 1] === "\n") i++;
  i++;
  // the lines: [start of line, end of line (before the break), break length]
  const lines: { from: number; to: number; brk: number }[] = [];
  while (i < end) {
    let j = i;
    while (j < file.length && !isBreak(file[j])) j++;
    const brk = file[j] === "\r" && file[j + 1] === "\n" ? 2 : j < file.length ? 1 : 0;
    lines.push({ from: i, to: j, brk });
    i = j + brk;
  }
  // the parent's indentation: that of the line holding the indicator
  let lineStart = start;
  while (lineStart > 0 && !isBreak(file[lineStart - 1])) lineStart--;
  let parentIndent = 0;
  while (file[lineStart + parentIndent] === " ") parentIndent++;
  let indent = explicit ? explicit + parentIndent : 0;
  if (!indent) {
    for (const l of lines) {
      let k = 0;
      while (l.from + k < l.to && file[l.from + k] === " ") k++;
      if (l.from + k < l.to) {
        indent = k;
        break;
      }
    }
  }
  // content lines: those indented at least `indent`, or empty; the first less indented non-empty line ends the scalar
  const content: { from: number; to: number; brk: number; empty: boolean; more: boolean }[] = [];
  for (const l of lines) {
    let k = 0;
    while (l.from + k < l.to && file[l.from + k] === " " && k < indent) k++;
    const rest = l.from + k;
    const blankOnly = /^[ \t]*$/.test(file.slice(rest, l.to));
    if (k < indent && !blankOnly) break;
    content.push({ from: Math.min(rest, l.to), to: l.to, brk: l.brk, empty: blankOnly && (k < indent || rest === l.to), more: isBlank(file[rest]) });
  }
  // trailing empty lines belong to the chomping
  let last = content.length - 1;
  while (last >= 0 && content[last].empty) last--;
  for (let n = 0; n <= last; n++) {
    const l = content[n];
    out.copy(file, l.from, l.to - l.from);
    if (n === last) break;
    const next = content[n + 1];
    if (folded && !l.empty && !l.more && !next.more) {
      // folding: one break between text lines is a space; empty lines in between are newlines
      let m = n + 1;
      while (m <= last && content[m].empty) m++;
      if (m <= last && !content[m].more) {
        if (m === n + 1) out.put(" ", l.to, l.brk);
        else for (let k = n + 1; k < m; k++) out.put("\n", content[k - 1].to, content[k - 1].brk);
        // the empty lines' own text (blanks) is not content
        n = m - 1;
        continue;
      }
    }
    out.put("\n", l.to, l.brk);
  }
  if (last >= 0 && chomp !== "strip") {
    const l = content[last];
    if (l.brk) out.put("\n", l.to, l.brk);
    if (chomp === "keep") for (let k = last + 1; k < content.length; k++) if (content[k].brk) out.put("\n", content[k].to, content[k].brk);
  }
  return true;
}
