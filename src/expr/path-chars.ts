/** The characters of JSONPath paths, as the path scanner (path-scanner.ts) and the filter parser (path-filter.ts) read them. */

/** Deepest nesting of filters and the paths inside them. */
export const MAX_DEPTH = 48;

export function isWs(c: string): boolean {
  return c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\f" || c === "\v" || c === "\u00a0" || c === "\u2028" || c === "\u2029" || c === "\ufeff";
}

export function isDigit(c: string): boolean {
  return c >= "0" && c <= "9";
}

export function codePointAt(text: string, i: number): string {
  const cp = text.codePointAt(i);
  return cp === undefined ? "" : String.fromCodePoint(cp);
}
