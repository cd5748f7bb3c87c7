/**
 * Where a per-state computation collects its results before handing out an exact-size array.
 * A list grown by `push` from `[]` gets a backing store of 17 slots on its first push, made in
 * the young generation, and when the list is a cached value that lives as long as the lint,
 * every young collection copies it. A collector is made once per module and reused; `take()`
 * copies the items out with `copyRange` (array literals: exact size, and pretenured by V8).
 *
 * Not reentrant: a computation that may run inside another one needs a collector of its own.
 */
import { copyRange } from "../parse/tree.js";

export class Collector<T> {
  private readonly items: (T | undefined)[] = [];
  private size = 0;

  push(item: T): void {
    this.items[this.size++] = item;
  }

  /**
   * The items collected since the last `take()`, in a new array of their number (sorted by
   * `compare` when given: an insertion sort of the copy, stable, for the short lists this
   * serves); `empty` when there is none. The collector keeps no reference to them.
   */
  take<E extends readonly T[]>(empty: E, compare?: (a: T, b: T) => number): T[] | E {
    const n = this.size;
    if (n === 0) return empty;
    const out = copyRange(this.items, 0, n) as T[];
    this.items.fill(undefined, 0, n);
    this.size = 0;
    if (compare) {
      for (let i = 1; i < n; i++) {
        const x = out[i];
        let j = i - 1;
        while (j >= 0 && compare(out[j], x) > 0) {
          out[j + 1] = out[j];
          j--;
        }
        out[j + 1] = x;
      }
    }
    return out;
  }
}
