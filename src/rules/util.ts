import type { Fix } from "../diagnostic.js";
import type { Node } from "../parse/tree.js";
import type { Machine, State } from "../model/index.js";
import { hasPlaceholder, memberOf } from "../parse/tree.js";
import { MachineMap } from "./state-cache.js";

/** A fix that replaces a whole value with a JSON literal (valid in YAML too). */
export function replaceValueFix(title: string, node: Node, value: unknown): Fix {
  return { title, edits: [{ offset: node.offset, length: node.length, newText: JSON.stringify(value) }] };
}

/** A fix that removes an object member, including the comma that separates it. */
export function removeMemberFix(title: string, text: string, node: Node): Fix | undefined {
  const p = memberOf(node);
  const parent = node.parent;
  if (!p || !parent || !parent.properties) return undefined;
  const i = parent.properties.indexOf(p);
  const end = node.offset + node.length;
  // a JSON object or a YAML flow mapping ({ a: 1, b: 2 }) separates members with commas
  if (text[parent.offset] !== "{") {
    // YAML block mapping: remove the whole line(s) of the member
    let s = p.keyOffset;
    while (s > 0 && text[s - 1] !== "\n") s--;
    let e = end;
    while (e < text.length && text[e] !== "\n") e++;
    return { title, edits: [{ offset: s, length: Math.min(text.length, e + 1) - s, newText: "" }] };
  }
  if (i < parent.properties.length - 1) {
    const next = parent.properties[i + 1];
    let s = p.keyOffset;
    while (s > 0 && /[ \t]/.test(text[s - 1])) s--;
    if (s > 0 && text[s - 1] === "\n") s--;
    if (s > 0 && text[s - 1] === "\r") s--;
    let e = next.keyOffset;
    while (e > end && /[ \t]/.test(text[e - 1])) e--;
    if (e > end && text[e - 1] === "\n") e--;
    if (e > end && text[e - 1] === "\r") e--;
    return { title, edits: [{ offset: s, length: e - s, newText: "" }] };
  }
  if (i > 0) {
    const prev = parent.properties[i - 1];
    const s = prev.offset + prev.length;
    return { title, edits: [{ offset: s, length: end - s, newText: "" }] };
  }
  return { title, edits: [{ offset: p.keyOffset, length: end - p.keyOffset, newText: "" }] };
}

/** A fix that adds a member after the last member of an object (JSON only). */
export function addMemberFix(title: string, text: string, object: Node, key: string, value: unknown): Fix | undefined {
  const props = object.properties;
  if (!props || props.length === 0) return undefined;
  const last = props[props.length - 1];
  const first = props[0];
  const at = last.offset + last.length;
  if (text[object.offset] !== "{") {
    // YAML block mapping: same indentation as the first key
    let s = first.keyOffset;
    while (s > 0 && text[s - 1] !== "\n") s--;
    const indent = text.slice(s, first.keyOffset);
    if (!/^[ \t]*$/.test(indent)) return undefined;
    let e = at;
    while (e < text.length && text[e] !== "\n") e++;
    return { title, edits: [{ offset: e, length: 0, newText: `\n${indent}${key}: ${JSON.stringify(value)}` }] };
  }
  let s = first.keyOffset;
  while (s > 0 && text[s - 1] !== "\n" && /[ \t]/.test(text[s - 1])) s--;
  const sameLine = s > 0 && text[s - 1] !== "\n";
  const indent = sameLine ? " " : text.slice(s, first.keyOffset);
  const sep = sameLine ? ", " : `,\n${indent}`;
  return { title, edits: [{ offset: at, length: 0, newText: `${sep}${JSON.stringify(key)}: ${JSON.stringify(value)}` }] };
}

export function quote(s: string): string {
  return JSON.stringify(s);
}

/** True when a value cannot be judged before deploy-time substitution. */
export function isTemplated(node: Node | undefined): boolean {
  return node !== undefined && hasPlaceholder(node.value);
}

const byType = new MachineMap<Map<string | undefined, State[]>>();
const NO_STATES: readonly State[] = [];

/** The states of one type, in model order (for rules about one type: no pass over every state). */
export function statesOfType(machine: Machine, type: string): readonly State[] {
  let groups = byType.get(machine);
  if (!groups) {
    groups = new Map();
    for (const s of machine.states) {
      const list = groups.get(s.type);
      if (list) list.push(s);
      else groups.set(s.type, [s]);
    }
    byType.set(machine, groups);
  }
  return groups.get(type) ?? NO_STATES;
}
