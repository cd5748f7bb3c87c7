import type { Node } from "./tree.js";
import { OffsetSink, readYamlScalar, yamlStyle } from "./scalars.js";

/**
 * Maps an index into a string node's decoded value to an offset in the source text, so a
 * diagnostic about part of a string (a bad path segment, a JSONata token) can point at the
 * exact characters even when the string has escapes. Works for JSON strings and YAML
 * quoted and plain scalars; for other YAML forms it falls back to the value's start.
 */
export function stringOffsetMapper(text: string, node: Node): (index: number) => number {
  const start = node.offset;
  const end = node.offset + node.length;
  const open = text[start];
  if (open !== '"' && open !== "'") {
    // plain scalar: decoded text equals source text when it fits on one line
    const raw = text.slice(start, end);
    if (raw === node.value) return (i) => start + i;
    // a YAML block scalar (| or >) or a plain scalar over several lines
    if (typeof node.value === "string") {
      const sink = new OffsetSink();
      if (readYamlScalar(text, start, end, yamlStyle(text, start), node.value, sink)) {
        return (i) => (i <= 0 ? sink.starts[0] ?? start : i < sink.starts.length ? sink.starts[i] : (sink.ends[sink.ends.length - 1] ?? end));
      }
    }
    return (i) => Math.min(start + i, end);
  }
  const offsets: number[] = [];
  let i = start + 1;
  while (i < end - 1) {
    const c = text[i];
    if (open === '"' && c === "\\") {
      const next = text[i + 1];
      if (next === "u") {
        offsets.push(i);
        i += 6;
      } else if (next === "x") {
        offsets.push(i);
        i += 4;
      } else if (next === "U") {
        offsets.push(i, i);
        i += 10;
      } else {
        offsets.push(i);
        i += 2;
      }
    } else if (open === "'" && c === "'" && text[i + 1] === "'") {
      offsets.push(i);
      i += 2;
    } else {
      offsets.push(i);
      i += 1;
    }
  }
  offsets.push(Math.min(i, end - 1));
  return (index) => {
    if (index <= 0) return start + 1;
    if (index < offsets.length) return offsets[index];
    return end - 1;
  };
}
