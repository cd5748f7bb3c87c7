/**
 * One node shape for JSON and YAML documents. Every node knows where it sits in the
 * source text (offset and length, in UTF-16 code units) and in its parent, so a rule can
 * point at the exact key or value at fault and the engine can build AWS's slash location.
 */
export type NodeType = "object" | "array" | "string" | "number" | "boolean" | "null";

export interface Property {
  key: string;
  /** Offset and length of the key token (with quotes in JSON). */
  keyOffset: number;
  keyLength: number;
  value: Node;
}

export interface Node {
  type: NodeType;
  offset: number;
  length: number;
  /** Scalar value; undefined for objects and arrays. */
  value: string | number | boolean | null | undefined;
  /** Object members in source order (duplicates included). */
  properties?: Property[];
  /** Array elements. */
  items?: Node[];
  parent?: Node;
  /** Name (object member) or index (array element) of this node in its parent. */
  key?: string | number;
  /** For object members: the property this node is the value of. */
  property?: Property;
  /** Lookup index built on first use for objects. */
  index?: Map<string, Property>;
}

export function makeNode(type: NodeType, offset: number, length: number, value?: Node["value"]): Node {
  const node: Node = { type, offset, length, value };
  if (type === "object") node.properties = [];
  else if (type === "array") node.items = [];
  return node;
}

/** The member `name` of an object node (the last one when a key is repeated, as JSON.parse does). */
export function prop(node: Node | undefined, name: string): Property | undefined {
  if (!node || node.type !== "object") return undefined;
  let index = node.index;
  if (!index) {
    index = new Map();
    for (const p of node.properties!) index.set(p.key, p);
    node.index = index;
  }
  return index.get(name);
}

/** The value node of member `name` of an object node. */
export function get(node: Node | undefined, name: string): Node | undefined {
  return prop(node, name)?.value;
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

/** The plain JavaScript value of a node (objects get a null prototype-free copy). */
export function toValue(node: Node | undefined): unknown {
  if (!node) return undefined;
  switch (node.type) {
    case "object": {
      const out: Record<string, unknown> = {};
      for (const p of node.properties!) {
        Object.defineProperty(out, p.key, { value: toValue(p.value), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    case "array":
      return node.items!.map(toValue);
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
    if (n.properties) for (let i = n.properties.length - 1; i >= 0; i--) stack.push(n.properties[i].value);
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
