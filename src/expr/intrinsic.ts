/**
 * Intrinsic functions (`States.Format(...)` etc.), asl-facts §8 [SPEC App. B; DG-INTR]:
 * `parseIntrinsic` (intrinsic-parse.ts) is a hand-written scanner (linear, never throws);
 * `checkIntrinsic` (intrinsic-check.ts) applies name, arity, argument-kind and literal-value
 * rules to the parsed call tree; the function table is intrinsic-functions.ts. Here: what a
 * payload template value is, and the memoized parses and checks the rules read through.
 */
import type { ExprError } from "./types.js";
import { parsePath } from "./path.js";
import { memoize } from "./memo.js";
import type { PathResult } from "./path.js";
import { parseIntrinsic, type IntrinsicResult } from "./intrinsic-parse.js";
import { checkIntrinsic } from "./intrinsic-check.js";

export * from "./intrinsic-functions.js";
export * from "./intrinsic-parse.js";
export * from "./intrinsic-check.js";

// ---------------------------------------------------------------------------------------
// Payload template values (`"key.$": "..."`)

export type PayloadValue =
  | { kind: "path"; path: PathResult }
  | { kind: "intrinsic"; intrinsic: IntrinsicResult }
  | { kind: "none" };

/**
 * Decides what the value of a `.$` key is: a path (starts with "$"), an intrinsic function
 * (an identifier followed by "("), or neither — and parses it accordingly.
 */
export function parsePayloadValue(text: string): PayloadValue {
  if (typeof text !== "string") return { kind: "none" };
  if (text.startsWith("$")) return { kind: "path", path: parsePath(text) };
  if (/^[A-Za-z][A-Za-z0-9_.]*\s?\(/.test(text)) return { kind: "intrinsic", intrinsic: parseIntrinsic(text) };
  return { kind: "none" };
}

/** `parseIntrinsic`, cached by text: the rules parse through this. The result is shared and frozen. */
export const parseIntrinsicShared: (text: string) => Readonly<IntrinsicResult> = memoize(parseIntrinsic, 1024);

/** `parsePayloadValue`, cached by text: the rules parse through this. The result is shared and frozen. */
export const parsePayloadValueShared: (text: string) => Readonly<PayloadValue> = memoize(parsePayloadValue, 1024);

/**
 * `checkIntrinsic` with the default options on the call `parseIntrinsicShared(text)` parsed,
 * cached by text (no findings when it does not parse). Shared and frozen.
 */
export const checkIntrinsicShared: (text: string) => readonly ExprError[] = memoize((text) => {
  const parsed = parseIntrinsicShared(text);
  return parsed.ok && parsed.call ? checkIntrinsic(parsed.call) : [];
}, 1024);
