/**
 * Where a JSONPath state holds paths and payload templates (asl-facts §2.3, §3, §6, §7, §8):
 * shared by invalid-path, payload-template, no-dollar, no-path, intrinsic-placement.
 * Everything is read through the model (`state.node`); nothing re-walks the whole tree.
 */
import type { State } from "../model/index.js";
import type { Fix } from "../diagnostic.js";
import { get, isArray, isObject, type Node, type Property } from "../parse/tree.js";
import { parsePath } from "../expr/path.js";

/**
 * How a field's value is read:
 * - `path`: a full JSONPath path (filters, wildcards, slices allowed): InputPath, OutputPath,
 *   Choice `Variable` and the `…Path` comparison operators;
 * - `reference`: a Reference Path (a single node): ItemsPath and the `…Path` value fields;
 * - `result`: ResultPath (a reference path, no `$$`, no variables);
 * - `error`: Fail ErrorPath/CausePath (a reference path or a string intrinsic function).
 */
export type PathKind = "path" | "reference" | "result" | "error";

export interface PathField {
  state: State;
  /** Field name, as written. */
  field: string;
  /** The value node. */
  node: Node;
  kind: PathKind;
  /** `null` is a legal value (InputPath, OutputPath, ResultPath). */
  nullable: boolean;
}

export interface TemplateSite {
  state: State;
  /** Field name as users know it: "Parameters", "ItemReader.Parameters", "Catch[0].Assign", ... */
  field: string;
  /** The template (usually an object). */
  node: Node;
  /** DG-INTR documents intrinsic functions here (false: JSONPath Assign, ItemReader/ResultWriter Parameters, BatchInput). */
  intrinsicsDocumented: boolean;
  /** An Assign block: keys are variable names. */
  assign: boolean;
}

const IO_TYPES = new Set(["Task", "Pass", "Parallel", "Map", "Choice", "Wait", "Succeed"]);
const RESULT_TYPES = new Set(["Task", "Pass", "Parallel", "Map"]);
const CATCH_TYPES = new Set(["Task", "Parallel", "Map"]);
const ASSIGN_TYPES = new Set(["Task", "Pass", "Parallel", "Map", "Choice", "Wait"]);

/** Reference-path value fields per state type. */
const REFERENCE_FIELDS: Record<string, readonly string[]> = {
  Task: ["TimeoutSecondsPath", "HeartbeatSecondsPath"],
  Wait: ["SecondsPath", "TimestampPath"],
  Map: ["ItemsPath", "MaxConcurrencyPath", "ToleratedFailurePercentagePath", "ToleratedFailureCountPath"],
};

/** The 16 `…Path` comparison operators of JSONPath Choice rules (asl-facts §6). */
export const PATH_OPERATORS: readonly string[] = [
  ...["Equals", "LessThan", "GreaterThan", "LessThanEquals", "GreaterThanEquals"].flatMap((op) => [
    `String${op}Path`,
    `Numeric${op}Path`,
    `Timestamp${op}Path`,
  ]),
  "BooleanEqualsPath",
];

/**
 * Fields that have a `…Path` twin (NO_PATH): per state type, plus the Choice literal
 * operators. `StringMatches` has no twin.
 */
export const PATH_TWINS: Record<string, readonly string[]> = {
  Fail: ["Error", "Cause"],
  Wait: ["Seconds", "Timestamp"],
  Task: ["TimeoutSeconds", "HeartbeatSeconds"],
  Map: ["MaxConcurrency", "ToleratedFailurePercentage", "ToleratedFailureCount"],
};
export const OPERATOR_TWINS: readonly string[] = PATH_OPERATORS.map((op) => op.slice(0, -4));

/** Every Choice rule of a state, nested ones (inside And/Or/Not) included, with whether it is top-level. */
export function choiceRules(state: State): { rule: Node; top: boolean; label: string }[] {
  const out: { rule: Node; top: boolean; label: string }[] = [];
  const choices = get(state.node, "Choices");
  if (!isArray(choices)) return out;
  const stack: { rule: Node; top: boolean; label: string }[] = [];
  for (let i = choices.items.length - 1; i >= 0; i--) stack.push({ rule: choices.items[i], top: true, label: `Choices[${i}]` });
  while (stack.length) {
    const entry = stack.pop()!;
    if (!isObject(entry.rule)) continue;
    out.push(entry);
    const not = get(entry.rule, "Not");
    if (isObject(not)) stack.push({ rule: not, top: false, label: `${entry.label}.Not` });
    for (const op of ["Or", "And"]) {
      const list = get(entry.rule, op);
      if (isArray(list)) for (let i = list.items.length - 1; i >= 0; i--) stack.push({ rule: list.items[i], top: false, label: `${entry.label}.${op}[${i}]` });
    }
  }
  return out;
}

const pathCache = new WeakMap<State, PathField[]>();

/** Every path-valued field of a JSONPath state (present in the definition), in source order. */
export function pathFields(state: State): PathField[] {
  const cached = pathCache.get(state);
  if (cached) return cached;
  const out: PathField[] = [];
  const node = state.node;
  const type = state.type ?? "";
  const add = (object: Node | undefined, field: string, kind: PathKind, nullable: boolean, label = field) => {
    const value = get(object, field);
    if (value) out.push({ state, field: label, node: value, kind, nullable });
  };
  if (isObject(node)) {
    if (IO_TYPES.has(type)) {
      add(node, "InputPath", "path", true);
      add(node, "OutputPath", "path", true);
    }
    if (RESULT_TYPES.has(type)) add(node, "ResultPath", "result", true);
    for (const f of REFERENCE_FIELDS[type] ?? []) add(node, f, "reference", false);
    if (type === "Map") {
      add(get(get(node, "ItemReader"), "ReaderConfig"), "MaxItemsPath", "reference", false, "ItemReader.ReaderConfig.MaxItemsPath");
      const batcher = get(node, "ItemBatcher");
      add(batcher, "MaxItemsPerBatchPath", "reference", false, "ItemBatcher.MaxItemsPerBatchPath");
      add(batcher, "MaxInputBytesPerBatchPath", "reference", false, "ItemBatcher.MaxInputBytesPerBatchPath");
    }
    if (type === "Fail") {
      add(node, "ErrorPath", "error", false);
      add(node, "CausePath", "error", false);
    }
    if (CATCH_TYPES.has(type)) {
      const catchers = get(node, "Catch");
      if (isArray(catchers)) catchers.items.forEach((c, i) => add(c, "ResultPath", "result", true, `Catch[${i}].ResultPath`));
    }
    if (type === "Choice") {
      for (const { rule } of choiceRules(state)) {
        add(rule, "Variable", "path", false);
        for (const p of rule.properties ?? []) if (PATH_OPERATORS.includes(p.key)) add(rule, p.key, "path", false);
      }
    }
  }
  out.sort((a, b) => a.node.offset - b.node.offset);
  pathCache.set(state, out);
  return out;
}

const templateCache = new WeakMap<State, TemplateSite[]>();

/** Every payload template (and JSONPath Assign block) of a JSONPath state, in source order. */
export function templateSites(state: State): TemplateSite[] {
  const cached = templateCache.get(state);
  if (cached) return cached;
  const out: TemplateSite[] = [];
  const node = state.node;
  const type = state.type ?? "";
  const add = (object: Node | undefined, field: string, documented: boolean, label = field, assign = false) => {
    const value = get(object, field);
    if (value) out.push({ state, field: label, node: value, intrinsicsDocumented: documented, assign });
  };
  if (isObject(node)) {
    if (type === "Task" || type === "Pass" || type === "Parallel" || type === "Map") add(node, "Parameters", true);
    if (type === "Task" || type === "Parallel" || type === "Map") add(node, "ResultSelector", true);
    if (type === "Task") add(node, "Credentials", true);
    if (type === "Map") {
      add(node, "ItemSelector", true);
      add(get(node, "ItemReader"), "Parameters", false, "ItemReader.Parameters");
      add(get(node, "ResultWriter"), "Parameters", false, "ResultWriter.Parameters");
      add(get(node, "ItemBatcher"), "BatchInput", false, "ItemBatcher.BatchInput");
    }
    if (ASSIGN_TYPES.has(type)) add(node, "Assign", false, "Assign", true);
    if (CATCH_TYPES.has(type)) {
      const catchers = get(node, "Catch");
      if (isArray(catchers)) catchers.items.forEach((c, i) => add(c, "Assign", false, `Catch[${i}].Assign`, true));
    }
    if (type === "Choice") {
      for (const { rule, top, label } of choiceRules(state)) if (top) add(rule, "Assign", false, `${label}.Assign`, true);
    }
  }
  out.sort((a, b) => a.node.offset - b.node.offset);
  templateCache.set(state, out);
  return out;
}

/**
 * Visits every object member of a payload template, nested objects and arrays included,
 * in source order. The values of `.$` keys are not entered (they are expressions, not templates).
 */
export function eachTemplateMember(template: Node, visit: (member: Property, object: Node) => void): void {
  const stack: Node[] = [template];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.properties) {
      for (const p of n.properties) visit(p, n);
      for (let i = n.properties.length - 1; i >= 0; i--) {
        const p = n.properties[i];
        if (!p.key.endsWith(".$")) stack.push(p.value);
      }
    } else if (n.items) {
      for (let i = n.items.length - 1; i >= 0; i--) stack.push(n.items[i]);
    }
  }
}

const CALL_SHAPE = /^\s*[A-Za-z][A-Za-z0-9_.]*\s?\(/;

/** A string shaped like a function call (`States.Format(`, `Foo.Bar(`), leading whitespace allowed. */
export function looksLikeCall(s: string): boolean {
  return CALL_SHAPE.test(s);
}

const STATES_CALL = /^\s*States\.[A-Za-z0-9_.]*\s?\(/;

/** A string shaped like a `States.…(` intrinsic call, leading whitespace allowed. */
export function looksLikeStatesCall(s: string): boolean {
  return STATES_CALL.test(s);
}

/**
 * A string that is surely meant as a path (for NO_DOLLAR / NO_PATH): it parses, and it selects
 * something below the root: `$.x`, `$[0]`, `$$.Execution.Id`, `$var.x`. A lone `"$"`,
 * `"$5.00"`, `"$USD"` or a sentence is not.
 */
export function meantAsPath(s: string): boolean {
  if (s.length < 2 || s[0] !== "$") return false;
  const r = parsePath(s);
  return r.ok && r.segments.length > 0;
}

/** An error range made usable as a report span: never empty when the string is not. */
export function spanOf(e: { start: number; end: number }, length: number): { start: number; end: number } | undefined {
  if (length === 0) return undefined;
  let start = Math.max(0, Math.min(e.start, length));
  let end = Math.max(start, Math.min(e.end, length));
  if (end === start) {
    if (start >= length) start = length - 1;
    end = start + 1;
  }
  return { start, end };
}

/** `"Parameters" of Task state "X"` style label. */
export function siteLabel(state: State, field: string): string {
  return `${JSON.stringify(field)} of ${state.type ?? "the"} state ${JSON.stringify(state.name)}`;
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
