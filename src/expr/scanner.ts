import type { ExprError } from "./types.js";

/** Thrown by a scanner on its first fatal error; the parser's entry point turns it into a result. */
export class Fail {
  constructor(readonly error: ExprError) {}
}

/**
 * What the hand-written expression scanners share: a position in the text, failing with a
 * located error, reading a character, skipping white space (each language says what counts).
 */
export abstract class Scanner {
  pos = 0;
  constructor(
    readonly text: string,
    private readonly isWs: (c: string) => boolean,
  ) {}

  fail(message: string, start: number, end: number): never {
    throw new Fail({ message, start, end: Math.max(start, end) });
  }

  ch(i = this.pos): string {
    return i < this.text.length ? this.text[i] : "";
  }

  skipWs(): void {
    while (this.pos < this.text.length && this.isWs(this.text[this.pos])) this.pos++;
  }

  /** From `pos`, an optional "-" and the ASCII digits after it: where the digits start and end (`pos` stays). */
  signedDigits(): { digits: number; end: number } {
    const t = this.text;
    let j = this.pos;
    if (t[j] === "-") j++;
    const digits = j;
    while (j < t.length && t[j] >= "0" && t[j] <= "9") j++;
    return { digits, end: j };
  }
}
