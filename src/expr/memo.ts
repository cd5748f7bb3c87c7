/**
 * A size-bounded cache for the expression parsers: they are pure functions of the string, and a
 * definition repeats the same expressions many times (the language server also re-lints the
 * same document on every change). Results are shared between callers: callers read them and
 * never change them. Under the test runner they are frozen, so a caller that writes to one
 * fails its tests; in production they are not (V8 iterates frozen arrays on a slow path).
 */

/** Strings longer than this are parsed every time (a big key would pin memory for little gain). */
const MAX_KEY_LENGTH = 2000;

const clears: (() => void)[] = [];

/** Empties every cache (for measurements of a first lint, and tests). */
export function clearMemos(): void {
  for (const clear of clears) clear();
}

/**
 * Cache from string to result, at most about `2 × max` entries: two generations, the current
 * one and the previous one. When the current one is full it becomes the previous one (the older
 * entries are dropped), and a hit in the previous one moves to the current one. An entry used in
 * each generation stays; a hit costs one lookup.
 */
export function memoize<V>(fn: (s: string) => V, max = 2048): (s: string) => V {
  let current = new Map<string, V>();
  let previous = new Map<string, V>();
  clears.push(() => {
    current = new Map();
    previous = new Map();
  });
  return (s: string): V => {
    if (typeof s !== "string" || s.length > MAX_KEY_LENGTH) return deepFreeze(fn(s));
    let value = current.get(s);
    if (value !== undefined) return value;
    value = previous.get(s);
    if (value === undefined) value = deepFreeze(fn(s));
    if (current.size >= max) {
      previous = current;
      current = new Map();
    }
    current.set(s, value);
    return value;
  };
}

const FREEZE = typeof process !== "undefined" && process.env?.VITEST !== undefined;

/** Freezes plain objects and arrays, recursively (iterative: results may nest deeply); under the test runner only. */
export function deepFreeze<V>(value: V): V {
  if (!FREEZE) return value;
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (v === null || typeof v !== "object" || Object.isFrozen(v)) continue;
    Object.freeze(v);
    if (Array.isArray(v)) {
      for (const x of v) if (x !== null && typeof x === "object") stack.push(x);
    } else {
      for (const k in v) {
        const x = (v as Record<string, unknown>)[k];
        if (x !== null && typeof x === "object") stack.push(x);
      }
    }
  }
  return value;
}
