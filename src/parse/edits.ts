/** Text edits on the parsed tree: the fixes that rules and the language server offer. */
import type { Node, Property } from "./tree.js";
import { memberOf } from "./tree.js";

/** A text edit in source offsets (the LSP turns it into a range). */
export interface Edit {
  offset: number;
  length: number;
  newText: string;
}

export interface Fix {
  title: string;
  edits: Edit[];
  /**
   * `aslint --fix` applies it without asking: it does not change what the workflow does, or it
   * repairs what AWS rejects in the one way the message names. A guess (the closest state or
   * error name), a choice between fixes, or a change of behaviour is left to the editor's quick
   * fixes.
   */
  safe?: boolean;
}

/** The same fix, marked safe for `aslint --fix`. */
export function safeFix<T extends Fix | undefined>(fix: T): T {
  return (fix ? { ...fix, safe: true } : fix) as T;
}

/**
 * Applies fixes to a text: each fix whole or not at all, a fix whose edits overlap one already
 * taken is left out (the next pass takes it). Returns the new text and how many fixes it holds.
 */
export function applyFixes(text: string, fixes: readonly Fix[]): { text: string; applied: number } {
  const taken: Edit[] = [];
  let applied = 0;
  const overlaps = (e: Edit) => taken.some((t) => conflict(e, t));
  for (const fix of fixes) {
    if (fix.edits.length === 0 || fix.edits.some(overlaps)) continue;
    taken.push(...fix.edits);
    applied++;
  }
  let out = text;
  for (const e of [...taken].sort((a, b) => b.offset - a.offset)) out = out.slice(0, e.offset) + e.newText + out.slice(e.offset + e.length);
  return { text: out, applied };
}


/** Two edits that cannot both be made: they overlap, or both start at one place (their order is unknown). */
function conflict(a: Edit, b: Edit): boolean {
  if (a.offset === b.offset) return true;
  return a.offset < b.offset + b.length && b.offset < a.offset + a.length;
}

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

/**
 * A fix renaming an object member's key. JSON keys are written quoted; an unquoted YAML key
 * stays unquoted when the new name is a plain scalar.
 */
export function renameKeyFix(text: string, member: Property, newKey: string, title = `Rename to ${JSON.stringify(newKey)}`): Fix {
  const quoted = text[member.keyOffset] === '"' || text[member.keyOffset] === "'";
  const newText = !quoted && /^[A-Za-z_][A-Za-z0-9_.-]*(\.\$)?$/.test(newKey) ? newKey : JSON.stringify(newKey);
  return { title, edits: [{ offset: member.keyOffset, length: member.keyLength, newText }] };
}

/** A fix replacing a string value with another string. */
export function replaceStringFix(title: string, node: Node, value: string): Fix {
  return { title, edits: [{ offset: node.offset, length: node.length, newText: JSON.stringify(value) }] };
}

/** Replaces a whole member (key and value) with `newKey: value`, keeping the file's key style. */
export function replaceMemberFix(title: string, text: string, node: Node, newKey: string, value: unknown): Fix | undefined {
  const p = memberOf(node);
  if (!p) return undefined;
  const quoted = text[p.keyOffset] === '"';
  const key = quoted || !/^[A-Za-z][A-Za-z0-9]*$/.test(newKey) ? JSON.stringify(newKey) : newKey;
  return {
    title,
    edits: [
      { offset: p.keyOffset, length: p.keyLength, newText: key },
      { offset: node.offset, length: node.length, newText: JSON.stringify(value) },
    ],
  };
}
