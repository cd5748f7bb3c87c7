/**
 * A unified diff of two texts (what `aslint --fix-dry-run` prints): lines compared with Myers'
 * O((N+M)D) algorithm, on the part between the common head and tail, 3 lines of context.
 */

type Op = { kind: " " | "-" | "+"; line: string };

/** Lines with their terminators kept, so that a change of line ending or a missing last newline shows. */
function linesOf(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** The edit script between two line lists (Myers, forward, with the trace kept for the way back). */
function script(a: readonly string[], b: readonly string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max;
  let v = new Int32Array(2 * max + 2);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    const next = v.slice();
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      next[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
    v = next;
  }
  trace.push(v);
  // walk back from (n, m)
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 2; d >= 0 && (x > 0 || y > 0); d--) {
    const prev = trace[d];
    const k = x - y;
    const down = k === -d || (k !== d && prev[offset + k - 1] < prev[offset + k + 1]);
    const pk = down ? k + 1 : k - 1;
    const px = prev[offset + pk];
    const py = px - pk;
    while (x > px && y > py && x > 0 && y > 0 && a[x - 1] === b[y - 1]) {
      ops.push({ kind: " ", line: a[x - 1] });
      x--;
      y--;
    }
    if (d === 0) break;
    if (down) ops.push({ kind: "+", line: b[--y] });
    else ops.push({ kind: "-", line: a[--x] });
  }
  while (x > 0 && y > 0) {
    ops.push({ kind: " ", line: a[--x] });
    y--;
  }
  return ops.reverse();
}

function show(op: Op): string {
  const body = op.line.endsWith("\n") ? op.line : `${op.line}\n\\ No newline at end of file\n`;
  return op.kind + body;
}

/** `--- a/name` / `+++ b/name` and the hunks; "" when the texts are equal. */
export function unifiedDiff(name: string, before: string, after: string, context = 3): string {
  if (before === after) return "";
  const a = linesOf(before);
  const b = linesOf(after);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const ops: Op[] = [
    ...a.slice(0, head).map((line) => ({ kind: " " as const, line })),
    ...script(a.slice(head, a.length - tail), b.slice(head, b.length - tail)),
    ...a.slice(a.length - tail).map((line) => ({ kind: " " as const, line })),
  ];
  let out = `--- a/${name}\n+++ b/${name}\n`;
  let i = 0;
  let oldLine = 1;
  let newLine = 1;
  while (i < ops.length) {
    if (ops[i].kind === " ") {
      i++;
      oldLine++;
      newLine++;
      continue;
    }
    // a hunk: back up `context` lines, then go on while changes are at most 2 * context apart
    const start = Math.max(0, i - context);
    let end = i;
    let quiet = 0;
    for (let j = i; j < ops.length; j++) {
      if (ops[j].kind === " ") {
        quiet++;
        if (quiet > 2 * context) break;
      } else {
        quiet = 0;
        end = j;
      }
    }
    const stop = Math.min(ops.length, end + 1 + context);
    const slice = ops.slice(start, stop);
    const back = i - start;
    const oldStart = oldLine - back;
    const newStart = newLine - back;
    const oldCount = slice.filter((o) => o.kind !== "+").length;
    const newCount = slice.filter((o) => o.kind !== "-").length;
    out += `@@ -${oldCount ? oldStart : oldStart - 1},${oldCount} +${newCount ? newStart : newStart - 1},${newCount} @@\n`;
    out += slice.map(show).join("");
    for (let j = i; j < stop; j++) {
      if (ops[j].kind !== "+") oldLine++;
      if (ops[j].kind !== "-") newLine++;
    }
    i = stop;
  }
  return out;
}
