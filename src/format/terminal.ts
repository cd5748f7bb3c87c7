// Text for a terminal. A file name, a state name or a line of a definition can hold control
// characters: an escape sequence would recolour, move the cursor or retitle the window of the
// user reading the report, a newline or a carriage return would forge a line of it, and the
// bidirectional overrides reorder what is shown. The human formats show them escaped.

/** C0 controls, DEL, C1 controls, the bidirectional marks and overrides, line and paragraph separators. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const CONTROLS = new RegExp(CONTROL.source, "g");
const NAMED: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

const hex = (c: string, width: number) => c.charCodeAt(0).toString(16).padStart(width, "0");

/** `s` with each control character written as an escape: `\n`, `\x1b`, `\u202e`. */
export function escapeControls(s: string): string {
  if (!CONTROL.test(s)) return s;
  return s.replace(CONTROLS, (c) => NAMED[c] ?? (c.charCodeAt(0) < 0x100 ? `\\x${hex(c, 2)}` : `\\u${hex(c, 4)}`));
}

/**
 * `s` with each control character but the tab replaced by one visible character (its Unicode
 * control picture, `␛` for ESC, or `�`), so that columns stay where they were: for code frames.
 */
export function pictureControls(s: string): string {
  if (!CONTROL.test(s)) return s;
  return s.replace(CONTROLS, (c) => {
    const code = c.charCodeAt(0);
    if (c === "\t") return c;
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    if (code === 0x7f) return "\u2421";
    return "\ufffd";
  });
}
