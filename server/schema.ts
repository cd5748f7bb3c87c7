/**
 * The fields each object of a definition may have, read from the project's JSON Schema
 * (`schemas/asl.schema.json`, bundled at build time by esbuild). One table for completion
 * and hover, so the editor offers exactly the fields the checks accept.
 *
 * Definitions are named `<Type>.<QueryLanguage>` for states (`Task.JSONata`), and
 * `root`, `branch`, `processor`, `retrier`, `catcher.<QL>`, `choiceRule.JSONPath.data`, ...
 * for the other objects.
 */
import schemaJson from "../schemas/asl.schema.json";
import type { QueryLanguage } from "../src/model/index.js";
import { STATE_TYPES as ASL_STATE_TYPES, type StateType } from "../src/aws/states.js";

interface SchemaNode {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  description?: string;
  properties?: Record<string, SchemaNode>;
  required?: string[];
  items?: SchemaNode;
  minimum?: number;
  maximum?: number;
}

const definitions: Record<string, SchemaNode> = ((schemaJson as { definitions?: Record<string, SchemaNode> }).definitions ?? {}) as Record<string, SchemaNode>;

export type ValueKind = "string" | "number" | "integer" | "boolean" | "object" | "array" | "null" | "any";

export interface FieldInfo {
  name: string;
  required: boolean;
  /** What the value must look like, from the schema: `an integer from 1 to 99999999`. */
  description?: string;
  /** Allowed values when the schema lists them. */
  values?: string[];
  /** The main JSON type of the value. */
  kind: ValueKind;
  /** The schema definition of the value, when it is an object the table knows (`itemReader.JSONPath`). */
  objectDef?: string;
  /** The definition of the array's elements (`retrier`, `catcher.JSONata`). */
  itemDef?: string;
}

function refName(ref: string): string {
  return ref.slice(ref.lastIndexOf("/") + 1);
}

function resolve(node: SchemaNode | undefined, depth = 0): { node?: SchemaNode; name?: string } {
  let name: string | undefined;
  let n = node;
  while (n && n.$ref && depth++ < 20) {
    name = refName(n.$ref);
    n = definitions[name];
  }
  return { node: n, name };
}

function kindOf(node: SchemaNode | undefined): ValueKind {
  if (!node) return "any";
  const t = Array.isArray(node.type) ? node.type.find((x) => x !== "null" && x !== "string") ?? node.type[0] : node.type;
  if (t === "string" || t === "number" || t === "integer" || t === "boolean" || t === "object" || t === "array" || t === "null") return t;
  if (node.enum && node.enum.every((v) => typeof v === "string")) return "string";
  if (typeof node.const === "string") return "string";
  if (node.properties) return "object";
  return "any";
}

const cache = new Map<string, FieldInfo[]>();

/** The fields of a schema definition, in schema order. Empty when the definition is unknown. */
export function fieldsOf(defName: string): FieldInfo[] {
  const hit = cache.get(defName);
  if (hit) return hit;
  const def = definitions[defName];
  const out: FieldInfo[] = [];
  if (def?.properties) {
    const required = new Set(def.required ?? []);
    for (const [name, raw] of Object.entries(def.properties)) {
      const { node, name: target } = resolve(raw);
      const info: FieldInfo = { name, required: required.has(name), description: node?.description ?? raw.description, kind: kindOf(node) };
      const values = node?.enum ?? (node?.const !== undefined ? [node.const] : undefined);
      if (values && values.every((v) => typeof v === "string")) info.values = values as string[];
      if (target && definitions[target]?.properties) info.objectDef = target;
      const items = node?.items ? resolve(node.items) : undefined;
      if (items?.name && items.node?.properties) info.itemDef = items.name;
      out.push(info);
    }
  }
  cache.set(defName, out);
  return out;
}

export function fieldOf(defName: string, field: string): FieldInfo | undefined {
  return fieldsOf(defName).find((f) => f.name === field);
}

export function hasDefinition(defName: string): boolean {
  return definitions[defName]?.properties !== undefined;
}

/** The state types as the editor offers them: Task, the most used, first. */
export const STATE_TYPES: readonly StateType[] = ["Task", ...ASL_STATE_TYPES.filter((t) => t !== "Task")];

/** The definition for a state of this type and query language (`stateHead` when the type is unknown). */
export function stateDef(type: string | undefined, ql: QueryLanguage): string {
  const name = `${type}.${ql}`;
  return type && hasDefinition(name) ? name : "stateHead";
}

/** State types that need `Next` or `"End": true` (the schema cannot say "one of"). */
export { NEEDS_TRANSITION } from "../src/aws/states.js";

export function choiceRuleDef(ql: QueryLanguage): string {
  return ql === "JSONata" ? "choiceRule.JSONata" : "choiceRule.JSONPath.data";
}

/** Fields of a JSONPath Choice rule: data test and Boolean combinators together. */
export function choiceRuleFields(ql: QueryLanguage, top: boolean): FieldInfo[] {
  if (ql === "JSONata") return fieldsOf("choiceRule.JSONata").filter((f) => top || (f.name !== "Next" && f.name !== "Assign" && f.name !== "Output"));
  const data = fieldsOf("choiceRule.JSONPath.data");
  const bool = fieldsOf("choiceRule.JSONPath.boolean");
  const seen = new Set<string>();
  const out: FieldInfo[] = [];
  for (const f of [...data, ...bool]) {
    if (seen.has(f.name)) continue;
    seen.add(f.name);
    if (!top && (f.name === "Next" || f.name === "Assign")) continue;
    // "Variable" is required for a data test, but a rule may be a Boolean combinator instead
    out.push({ ...f, required: top && f.name === "Next" });
  }
  return out;
}
