/**
 * One node shape for JSON and YAML documents. Every node knows where it sits in the
 * source text (offset and length, in UTF-16 code units) and in its parent, so a rule can
 * point at the exact key or value at fault and the engine can build AWS's slash location.
 */
export type NodeType = "object" | "array" | "string" | "number" | "boolean" | "null";

export interface Node {
  type: NodeType;
  offset: number;
  length: number;
  /** Scalar value; undefined for objects and arrays. */
  value: string | number | boolean | null | undefined;
  /** Object members in source order (duplicates included): the value nodes, each with its key. */
  properties?: Property[];
  /** Array elements. */
  items?: Node[];
  parent?: Node;
  /** Name (object member) or index (array element) of this node in its parent. */
  key?: string | number;
  /** For object members: offset and length of the key token (with quotes in JSON); -1 and 0 otherwise. */
  keyOffset: number;
  keyLength: number;
  /**
   * Member lookup for objects of more than INDEX_THRESHOLD members (last one wins for a
   * repeated key), built by `prop()` on first use. Smaller objects have none and are scanned.
   */
  index?: Map<string, Property>;
}

/**
 * An object member: the value node itself, which carries its key and the key's position. (One
 * object per member, not a member object pointing at a value node: a definition has tens of
 * thousands of members, and each object the tree allocates outlives the young generation.)
 */
export interface Property extends Node {
  key: string;
}

/** The member a node is the value of, or undefined for the root and array elements. */
export function memberOf(node: Node | undefined): Property | undefined {
  return node !== undefined && typeof node.key === "string" ? (node as Property) : undefined;
}

/** Copied, never changed: an empty node's own array (`slice`: one shape of array for all nodes). */
const NONE: never[] = [];

/**
 * A new node. Every node gets every field (unused ones undefined), in one order, so all
 * nodes share one shape and property reads on them stay monomorphic.
 */
export function makeNode(
  type: NodeType,
  offset: number,
  length: number,
  value?: Node["value"],
  parent?: Node,
  key?: string | number,
): Node {
  return newNode(type, offset, length, value, type === "object" ? NONE.slice() : undefined, type === "array" ? NONE.slice() : undefined, parent, key, -1, 0);
}

/**
 * A node with every field given: the parsers' one allocation site for nodes (one pretenuring
 * decision for all of them).
 *
 * Nodes are object literals on purpose. V8 watches how many of the objects an
 * object literal allocates survive a young collection ("allocation-site pretenuring"); the
 * tree lives as long as the lint (or, in the editor, until the next change), so after the
 * first lints V8 allocates nodes in the old generation and young collections stop copying the
 * tree again and again while the rules run. Class instances (`new`) are never pretenured:
 * measured on a 1 MB definition, every rule on, literals took 48 ms a lint against 61 ms.
 * (With every rule off the trade goes the other way, 20 ms against 13 ms: the tree then dies
 * young and is collected by a full collection instead; a lint always runs rules.) The model's
 * objects (model/index.ts) and the member arrays (copyRange) are literals for the same reason.
 */
export function newNode(
  type: NodeType,
  offset: number,
  length: number,
  value: Node["value"],
  properties: Property[] | undefined,
  items: Node[] | undefined,
  parent: Node | undefined,
  key: string | number | undefined,
  keyOffset: number,
  keyLength: number,
): Node {
  if (reused < reusable) {
    const node = recycled[reused++];
    node.type = type;
    node.offset = offset;
    node.length = length;
    node.value = value;
    node.properties = properties;
    node.items = items;
    node.parent = parent;
    node.key = key;
    node.keyOffset = keyOffset;
    node.keyLength = keyLength;
    node.index = undefined;
    return node;
  }
  const node: Node = { type, offset, length, value, properties, items, parent, key, keyOffset, keyLength, index: undefined };
  if (recycling && recycled.length < MAX_RECYCLED) {
    recycled.push(node);
    reused = reusable = recycled.length;
  }
  return node;
}

/**
 * Nodes for the next tree that no one keeps. `lint()` returns diagnostics only: its tree dies
 * when it returns, so the next lint can fill the same node objects again instead of
 * allocating new ones. Allocating the nodes (tens of thousands of them per megabyte, and the
 * collections they cause) was the largest single cost of a lint after the rules: measured on
 * the 1 MB definitions, recycling them takes a lint from 31 to 25 ms (pretty-printed) and from
 * 41 to 36 ms (compact).
 *
 * Safe because nothing outlives the lint: the diagnostics hold strings and numbers, the model
 * and the rules' caches are built per lint (keyed by the machine, its scopes and states, never
 * by a node), and the expression caches are keyed by strings and hold parse results, not
 * nodes. test/parse/recycling.test.ts lints documents one after another with recycled nodes and
 * compares every result with a lint on new nodes. `lintDocument()` (the language server keeps
 * its tree) never recycles.
 */
const recycled: Node[] = [];
/** Nodes of `recycled` handed out in the open recycling scope... */
let reused = 0;
/** ...out of this many: recycled.length in a recycling scope, 0 outside one (one comparison in newNode). */
let reusable = 0;
let recycling = false;
/** At most this many nodes are kept for reuse (about 7 MB; a 1 MB definition has 30,000 to 60,000). */
const MAX_RECYCLED = 1 << 16;

/**
 * Runs `fn`, whose nodes are recycled ones: they are handed out again after `fn` returns (or
 * throws), so nothing `fn` returns may hold a node. A nested call shares the outer scope (its
 * nodes are recycled when the outer one ends). On the way out the nodes are emptied, so they
 * keep nothing of the document alive until the next lint.
 */
export function withRecycledNodes<T>(fn: () => T): T {
  if (recycling) return fn();
  recycling = true;
  reused = 0;
  reusable = recycled.length;
  try {
    return fn();
  } finally {
    for (let i = 0; i < reused; i++) {
      const node = recycled[i];
      node.value = undefined;
      node.properties = undefined;
      node.items = undefined;
      node.parent = undefined;
      node.key = undefined;
      node.index = undefined;
    }
    recycling = false;
    reused = reusable = 0;
  }
}

/** How many nodes are kept for reuse (for tests). */
export function recycledNodeCount(): number {
  return recycled.length;
}

/** Makes `node` a member of an object under `key` (its key token at keyOffset, keyLength long). */
export function asMember(node: Node, key: string, keyOffset: number, keyLength: number): Property {
  node.key = key;
  node.keyOffset = keyOffset;
  node.keyLength = keyLength;
  return node as Property;
}

/**
 * `a.slice(start, end)` for a range of one to eight elements, as an array literal: a literal is
 * an allocation site that V8 can pretenure (see newNode), `slice` never is. The tree's member
 * and element arrays and the model's edge lists live as long as the lint; made by `slice`, they
 * stayed young and young collections copied them (and the strings and nodes only they reached).
 * Empty and longer ranges are sliced (an empty literal would also have another elements kind).
 */
export function copyRange<T>(a: readonly T[], start: number, end: number): T[] {
  const b = start;
  switch (end - start) {
    case 1: return [a[b]];
    case 2: return [a[b], a[b + 1]];
    case 3: return [a[b], a[b + 1], a[b + 2]];
    case 4: return [a[b], a[b + 1], a[b + 2], a[b + 3]];
    case 5: return [a[b], a[b + 1], a[b + 2], a[b + 3], a[b + 4]];
    case 6: return [a[b], a[b + 1], a[b + 2], a[b + 3], a[b + 4], a[b + 5]];
    case 7: return [a[b], a[b + 1], a[b + 2], a[b + 3], a[b + 4], a[b + 5], a[b + 6]];
    case 8: return [a[b], a[b + 1], a[b + 2], a[b + 3], a[b + 4], a[b + 5], a[b + 6], a[b + 7]];
    default: return a.slice(start, end);
  }
}

/**
 * Objects with at most this many members are searched by a scan; larger ones get a Map. (A scan
 * of up to 16 keys, compared by identity for field names, costs less than making a Map: at 8,
 * the Task states with nine fields each got one.)
 */
export const INDEX_THRESHOLD = 16;

/** The member `name` of an object node (the last one when a key is repeated, as JSON.parse does). */
export function prop(node: Node | undefined, name: string): Property | undefined {
  if (!node || node.type !== "object") return undefined;
  const index = node.index;
  if (index !== undefined) return index.get(name);
  const properties = node.properties!;
  let i = properties.length;
  if (i > INDEX_THRESHOLD) return buildIndex(node).get(name);
  while (i-- > 0) if (properties[i].key === name) return properties[i];
  return undefined;
}

function buildIndex(node: Node): Map<string, Property> {
  const index = new Map<string, Property>();
  for (const p of node.properties!) index.set(p.key, p);
  node.index = index;
  return index;
}

/** The value node of member `name` of an object node (the member itself: see Property). */
export function get(node: Node | undefined, name: string): Node | undefined {
  return prop(node, name);
}

export function has(node: Node | undefined, name: string): boolean {
  return prop(node, name) !== undefined;
}

export function isObject(node: Node | undefined): node is Node & { properties: Property[] } {
  return node !== undefined && node.type === "object";
}

export function isArray(node: Node | undefined): node is Node & { items: Node[] } {
  return node !== undefined && node.type === "array";
}

export function stringValue(node: Node | undefined): string | undefined {
  return node && node.type === "string" ? (node.value as string) : undefined;
}

/**
 * The plain JavaScript value of a node. Objects are ordinary objects; a `"__proto__"` key
 * becomes an own data property (never the prototype), as JSON.parse does.
 */
export function toValue(node: Node | undefined): unknown {
  if (!node) return undefined;
  switch (node.type) {
    case "object": {
      const out: Record<string, unknown> = {};
      for (const p of node.properties!) {
        if (p.key === "__proto__") Object.defineProperty(out, p.key, { value: toValue(p), enumerable: true, writable: true, configurable: true });
        else out[p.key] = toValue(p);
      }
      return out;
    }
    case "array": {
      const items = node.items!;
      const out: unknown[] = [];
      for (let i = 0; i < items.length; i++) out.push(toValue(items[i]));
      return out;
    }
    default:
      return node.value;
  }
}

/** Path segments from the root to this node. */
export function pathOf(node: Node): (string | number)[] {
  const segments: (string | number)[] = [];
  for (let n: Node | undefined = node; n && n.key !== undefined; n = n.parent) segments.push(n.key);
  return segments.reverse();
}

/**
 * AWS's location format, as ValidateStateMachineDefinition prints it:
 * object members joined by "/", array elements as "[i]" on the member that holds them.
 * `/States/Check/Choices[0]/Next`. The root is "/".
 */
export function locationOf(segments: readonly (string | number)[]): string {
  let out = "";
  for (const s of segments) {
    if (typeof s === "number") out += `[${s}]`;
    else out += `/${s}`;
  }
  return out || "/";
}

/** Walk every node below (and including) `node`, depth first. Return false from `visit` to skip children. */
export function walk(node: Node, visit: (n: Node) => boolean | void): void {
  const stack: Node[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (visit(n) === false) continue;
    if (n.properties) for (let i = n.properties.length - 1; i >= 0; i--) stack.push(n.properties[i]);
    else if (n.items) for (let i = n.items.length - 1; i >= 0; i--) stack.push(n.items[i]);
  }
}

const PLACEHOLDER_WHOLE = /^\$\{[^{}]+\}$/;
const PLACEHOLDER_ANY = /\$\{[^{}]+\}/;

/** A deploy-time placeholder standing for the whole value: `"${Timeout}"`. */
export function isPlaceholder(value: unknown): boolean {
  return typeof value === "string" && PLACEHOLDER_WHOLE.test(value);
}

/** A string with a deploy-time placeholder somewhere in it: `"arn:aws:lambda:${AWS::Region}:..."`. */
export function hasPlaceholder(value: unknown): boolean {
  return typeof value === "string" && value.includes("${") && PLACEHOLDER_ANY.test(value);
}

/** True when a value cannot be judged before deploy-time substitution. */
export function isTemplated(node: Node | undefined): boolean {
  return node !== undefined && hasPlaceholder(node.value);
}
