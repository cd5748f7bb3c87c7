/**
 * What a path in a definition means: the object kinds and fields along it. Completion and
 * hover both ask "what is at this path?"; the answer is read from the tree (the type of a
 * state, its query language), so it works while the user is still typing.
 */
import { get, stringValue, type Node } from "../src/parse/tree.js";
import type { QueryLanguage } from "../src/model/index.js";
import { choiceRuleDef, fieldOf, stateDef } from "./schema.js";
import type { Segment } from "./cursor.js";

export type ObjectKind = "scope" | "state" | "catcher" | "retrier" | "choiceRule" | "other";

export interface StateInfo {
  name: string;
  node?: Node;
  type?: string;
  ql: QueryLanguage;
}

/** An object whose fields the schema describes. */
export interface ObjectRole {
  role: "object";
  kind: ObjectKind;
  /** Schema definition name (`Task.JSONPath`, `root`, `catcher.JSONata`, ...). */
  def: string;
  node?: Node;
  ql: QueryLanguage;
  /** The object holding StartAt/States that this object belongs to. */
  scope?: Node;
  state?: StateInfo;
  /** Choice rules: a top-level rule (has Next) or one nested in And/Or/Not. */
  top?: boolean;
}

export type Role =
  | ObjectRole
  /** The `States` object: its keys are state names. */
  | { role: "states"; scope: Node; node?: Node; ql: QueryLanguage }
  /** A value naming a state: StartAt, Next, Default, a Choice rule's or a catcher's Next. */
  | { role: "transition"; field: string; scope: Node; state?: StateInfo; ql: QueryLanguage }
  /** The value of a field of an object (not a transition). */
  | { role: "value"; field: string; owner: ObjectRole; ql: QueryLanguage }
  /** An element of ErrorEquals. */
  | { role: "errorName"; ql: QueryLanguage }
  /** Anything inside a payload-like field (Parameters, Arguments, Output, Assign, ...): keys ending in `.$` and expressions. */
  | { role: "payload"; field: string; key?: string; owner: ObjectRole; ql: QueryLanguage }
  /** An array field of an object, before an index. */
  | { role: "array"; field: string; owner: ObjectRole; itemDef?: string; ql: QueryLanguage }
  | { role: "unknown"; ql: QueryLanguage };

/** Fields whose content is free JSON (payload templates, JSONata values). */
const PAYLOAD = new Set(["Parameters", "ResultSelector", "ItemSelector", "Arguments", "Output", "Assign", "Result", "BatchInput", "Credentials", "Condition", "Items"]);

function languageOf(node: Node | undefined, fallback: QueryLanguage): QueryLanguage {
  const v = stringValue(get(node, "QueryLanguage"));
  return v === "JSONata" || v === "JSONPath" ? v : fallback;
}

export function rootRole(root: Node | undefined): ObjectRole {
  const ql = languageOf(root, "JSONPath");
  return { role: "object", kind: "scope", def: "root", node: root, ql, scope: root };
}

/** The role of the value at `path` (or, with `key`, of the object at `path` whose key is typed). */
export function roleAt(root: Node | undefined, path: readonly Segment[]): Role {
  const machineQl = languageOf(root, "JSONPath");
  let role: Role = rootRole(root);
  let node: Node | undefined = root;
  for (const seg of path) {
    const child: Node | undefined = node === undefined ? undefined : typeof seg === "number" ? node.items?.[seg] : get(node, seg);
    role = step(role, seg, child, machineQl);
    node = child;
    if (role.role === "unknown") break;
  }
  return role;
}

function step(role: Role, seg: Segment, child: Node | undefined, machineQl: QueryLanguage): Role {
  const ql = role.ql;
  switch (role.role) {
    case "object": {
      if (typeof seg !== "string") return { role: "unknown", ql };
      if (role.kind === "scope") {
        if (seg === "States") return { role: "states", scope: role.node!, node: child, ql: machineQl };
        if (seg === "StartAt") return { role: "transition", field: "StartAt", scope: role.node!, ql };
      }
      if ((seg === "Next" && role.kind !== "scope") || (seg === "Default" && role.kind === "state")) {
        return { role: "transition", field: seg, scope: role.scope!, state: role.state, ql };
      }
      if (role.kind === "state") {
        if (seg === "Branches") return { role: "array", field: seg, owner: role, itemDef: "branch", ql };
        if (seg === "ItemProcessor" || seg === "Iterator") return { role: "object", kind: "scope", def: "processor", node: child, ql: machineQl, scope: child };
        if (seg === "Choices") return { role: "array", field: seg, owner: role, itemDef: choiceRuleDef(ql), ql };
      }
      if (role.kind === "choiceRule") {
        if (seg === "And" || seg === "Or") return { role: "array", field: seg, owner: role, itemDef: choiceRuleDef(ql), ql };
        if (seg === "Not") return { role: "object", kind: "choiceRule", def: choiceRuleDef(ql), node: child, ql, scope: role.scope, state: role.state, top: false };
      }
      if (seg === "ErrorEquals") return { role: "array", field: seg, owner: role, ql };
      const info = fieldOf(role.def, seg);
      if (PAYLOAD.has(seg) && !(role.def.startsWith("credentials") && seg === "RoleArn")) return { role: "payload", field: seg, owner: role, ql };
      if (info?.objectDef) return { role: "object", kind: "other", def: info.objectDef, node: child, ql, scope: role.scope, state: role.state };
      if (info?.itemDef) return { role: "array", field: seg, owner: role, itemDef: info.itemDef, ql };
      return { role: "value", field: seg, owner: role, ql };
    }
    case "states": {
      if (typeof seg !== "string") return { role: "unknown", ql };
      const stateQl = languageOf(child, machineQl);
      const type = stringValue(get(child, "Type"));
      const state: StateInfo = { name: seg, node: child, type, ql: stateQl };
      return { role: "object", kind: "state", def: stateDef(type, stateQl), node: child, ql: stateQl, scope: role.scope, state };
    }
    case "array": {
      if (typeof seg !== "number") return { role: "unknown", ql };
      if (role.field === "ErrorEquals") return { role: "errorName", ql };
      const def = role.itemDef;
      if (!def) return { role: "unknown", ql };
      if (def === "branch") return { role: "object", kind: "scope", def, node: child, ql: machineQl, scope: child };
      const kind: ObjectKind = def.startsWith("catcher") ? "catcher" : def === "retrier" ? "retrier" : def.startsWith("choiceRule") ? "choiceRule" : "other";
      return {
        role: "object",
        kind,
        def,
        node: child,
        ql,
        scope: role.owner.scope,
        state: role.owner.state,
        top: kind === "choiceRule" ? role.owner.kind === "state" : undefined,
      };
    }
    case "payload":
      return { role: "payload", field: role.field, key: typeof seg === "string" ? seg : role.key, owner: role.owner, ql };
    default:
      return { role: "unknown", ql };
  }
}
