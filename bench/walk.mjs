// A reference for the scaling line: what this machine makes of reading twice as much data, with
// no linter in it. `readOnlyWalk(value)` lists every object and array of a JSON value once (and
// each object's keys); its `pass()` then reads every member of every one of them, in document
// order, looking at each value's type as a rule looking at a field does, and allocates nothing.
// Linear by construction: twice the members, twice the reads. How much longer twice the data
// takes is the machine's doing (its memory hierarchy), not an algorithm's; a lint, whose rules
// read their tree many times over, meets the same growth for the same reason.

/**
 * @param {unknown} value a value from JSON.parse
 * @returns {{ containers: number; members: number; pass: () => number }} `pass()` returns the number of string members it read
 */
export function readOnlyWalk(value) {
  // pairs: the container, then its keys (objects) or null (arrays)
  /** @type {unknown[]} */
  const list = [];
  let members = 0;
  /** @type {unknown[]} */
  const stack = [value];
  while (stack.length) {
    const v = stack.pop();
    if (v === null || typeof v !== "object") continue;
    if (Array.isArray(v)) {
      list.push(v, null);
      members += v.length;
      for (let i = v.length - 1; i >= 0; i--) stack.push(v[i]);
    } else {
      const keys = Object.keys(v);
      list.push(v, keys);
      members += keys.length;
      for (let i = keys.length - 1; i >= 0; i--) stack.push(/** @type {Record<string, unknown>} */ (v)[keys[i]]);
    }
  }
  const pass = () => {
    let read = 0;
    for (let i = 0; i < list.length; i += 2) {
      const keys = /** @type {string[] | null} */ (list[i + 1]);
      if (keys === null) {
        const a = /** @type {unknown[]} */ (list[i]);
        for (let j = 0; j < a.length; j++) if (typeof a[j] === "string") read++;
      } else {
        const o = /** @type {Record<string, unknown>} */ (list[i]);
        for (let j = 0; j < keys.length; j++) if (typeof o[keys[j]] === "string") read++;
      }
    }
    return read;
  };
  return { containers: list.length / 2, members, pass };
}
