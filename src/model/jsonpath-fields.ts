/**
 * Where a JSONPath state holds paths and payload templates (asl-facts §2.3, §3, §6, §7, §8):
 * shared by invalid-path, payload-template, no-dollar, no-path, intrinsic-placement.
 * Everything is read through the model (`state.node`); nothing re-walks the whole tree.
 */
import type { State } from "./index.js";
import type { Fix } from "../diagnostic.js";
import { get, has, isArray, isObject, type Node, type Property } from "../parse/tree.js";
import { Collector } from "./collector.js";
import { parsePathShared } from "../expr/path.js";
import { StateCache } from "./memo.js";

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
  /** Where the field is, as users know it: "ResultPath", "Catch[0].ResultPath", "ItemReader.ReaderConfig.MaxItemsPath". */
  field: string;
  /** The field's own name: the last part of `field` ("ResultPath", "MaxItemsPath"). */
  name: string;
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
const REFERENCE_FIELDS: ReadonlyMap<string, readonly string[]> = new Map([
  ["Task", ["TimeoutSecondsPath", "HeartbeatSecondsPath"]],
  ["Wait", ["SecondsPath", "TimestampPath"]],
  ["Map", ["ItemsPath", "MaxConcurrencyPath", "ToleratedFailurePercentagePath", "ToleratedFailureCountPath"]],
]);

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
export const PATH_TWINS: ReadonlyMap<string, readonly string[]> = new Map([
  ["Fail", ["Error", "Cause"]],
  ["Wait", ["Seconds", "Timestamp"]],
  ["Task", ["TimeoutSeconds", "HeartbeatSeconds"]],
  ["Map", ["MaxConcurrency", "ToleratedFailurePercentage", "ToleratedFailureCount"]],
]);
export const OPERATOR_TWINS: readonly string[] = PATH_OPERATORS.map((op) => op.slice(0, -4));
const PATH_OPERATOR_SET: ReadonlySet<string> = new Set(PATH_OPERATORS);

/**
 * Every Choice rule of a state, nested ones (inside And/Or/Not) included, with whether it is
 * top-level and the position in `Choices` of the top-level rule it belongs to. (No label string per
 * rule: only top-level rules are ever named, as `Choices[i]`, and a string built for each rule of
 * every lint outlived it, held by the pretenured entries through young collections.)
 */
export function choiceRules(state: State): readonly ChoiceRuleEntry[] {
  return rulesCache.get(state, findChoiceRules);
}

type ChoiceRuleEntry = { rule: Node; top: boolean; choice: number };
const NO_RULES: readonly ChoiceRuleEntry[] = [];
const COMBINATORS = ["Or", "And"] as const;
/** Scratch of `findChoiceRules`: the walk's stack, and the rules found. */
const ruleStack: ChoiceRuleEntry[] = [];
const rulesFound = new Collector<ChoiceRuleEntry>();

function findChoiceRules(state: State): readonly ChoiceRuleEntry[] {
  const choices = get(state.node, "Choices");
  if (!isArray(choices)) return NO_RULES;
  const stack = ruleStack;
  const out = rulesFound;
  for (let i = choices.items.length - 1; i >= 0; i--) stack.push({ rule: choices.items[i], top: true, choice: i });
  while (stack.length) {
    const entry = stack.pop()!;
    if (!isObject(entry.rule)) continue;
    out.push(entry);
    const not = get(entry.rule, "Not");
    if (isObject(not)) stack.push({ rule: not, top: false, choice: entry.choice });
    for (const op of COMBINATORS) {
      const list = get(entry.rule, op);
      if (isArray(list)) for (let i = list.items.length - 1; i >= 0; i--) stack.push({ rule: list.items[i], top: false, choice: entry.choice });
    }
  }
  return out.take(NO_RULES);
}

const rulesCache = new StateCache<readonly ChoiceRuleEntry[]>();

/** Source order (of the value nodes). */
const bySource = (a: { node: Node }, b: { node: Node }): number => a.node.offset - b.node.offset;

const NO_PATHS: readonly PathField[] = [];
const pathCache = new StateCache<readonly PathField[]>();

function addPath(out: Collector<PathField>, state: State, object: Node | undefined, field: string, kind: PathKind, nullable: boolean, label = field): void {
  const value = get(object, field);
  if (value) out.push({ state, field: label, name: field, node: value, kind, nullable });
}

/** Every path-valued field of a JSONPath state (present in the definition), in source order. */
export function pathFields(state: State): readonly PathField[] {
  if (!isObject(state.node)) return NO_PATHS;
  return pathCache.get(state, findPathFields);
}

const pathsFound = new Collector<PathField>();

function findPathFields(state: State): readonly PathField[] {
  const node = state.node;
  const out = pathsFound;
  const type = state.type ?? "";
  if (IO_TYPES.has(type)) {
    addPath(out, state, node, "InputPath", "path", true);
    addPath(out, state, node, "OutputPath", "path", true);
  }
  if (RESULT_TYPES.has(type)) addPath(out, state, node, "ResultPath", "result", true);
  const reference = REFERENCE_FIELDS.get(type);
  if (reference) for (const f of reference) addPath(out, state, node, f, "reference", false);
  if (type === "Map") {
    addPath(out, state, get(get(node, "ItemReader"), "ReaderConfig"), "MaxItemsPath", "reference", false, "ItemReader.ReaderConfig.MaxItemsPath");
    const batcher = get(node, "ItemBatcher");
    addPath(out, state, batcher, "MaxItemsPerBatchPath", "reference", false, "ItemBatcher.MaxItemsPerBatchPath");
    addPath(out, state, batcher, "MaxInputBytesPerBatchPath", "reference", false, "ItemBatcher.MaxInputBytesPerBatchPath");
  }
  if (type === "Fail") {
    addPath(out, state, node, "ErrorPath", "error", false);
    addPath(out, state, node, "CausePath", "error", false);
  }
  if (CATCH_TYPES.has(type)) {
    const catchers = get(node, "Catch");
    if (isArray(catchers)) for (let i = 0; i < catchers.items.length; i++) if (has(catchers.items[i], "ResultPath")) addPath(out, state, catchers.items[i], "ResultPath", "result", true, `Catch[${i}].ResultPath`);
  }
  if (type === "Choice") {
    for (const { rule } of choiceRules(state)) {
      addPath(out, state, rule, "Variable", "path", false);
      for (const p of rule.properties ?? []) if (PATH_OPERATOR_SET.has(p.key)) addPath(out, state, rule, p.key, "path", false);
    }
  }
  return out.take(NO_PATHS, bySource);
}

const NO_TEMPLATES: readonly TemplateSite[] = [];
const templateCache = new StateCache<readonly TemplateSite[]>();

function addTemplate(out: Collector<TemplateSite>, state: State, object: Node | undefined, field: string, documented: boolean, label = field, assign = false): void {
  const value = get(object, field);
  if (value) out.push({ state, field: label, node: value, intrinsicsDocumented: documented, assign });
}

/** Every payload template (and JSONPath Assign block) of a JSONPath state, in source order. */
export function templateSites(state: State): readonly TemplateSite[] {
  if (!isObject(state.node)) return NO_TEMPLATES;
  return templateCache.get(state, findTemplateSites);
}

const sitesFound = new Collector<TemplateSite>();

function findTemplateSites(state: State): readonly TemplateSite[] {
  const node = state.node;
  const out = sitesFound;
  const type = state.type ?? "";
  if (type === "Task" || type === "Pass" || type === "Parallel" || type === "Map") addTemplate(out, state, node, "Parameters", true);
  if (type === "Task" || type === "Parallel" || type === "Map") addTemplate(out, state, node, "ResultSelector", true);
  if (type === "Task") addTemplate(out, state, node, "Credentials", true);
  if (type === "Map") {
    addTemplate(out, state, node, "ItemSelector", true);
    addTemplate(out, state, get(node, "ItemReader"), "Parameters", false, "ItemReader.Parameters");
    addTemplate(out, state, get(node, "ResultWriter"), "Parameters", false, "ResultWriter.Parameters");
    addTemplate(out, state, get(node, "ItemBatcher"), "BatchInput", false, "ItemBatcher.BatchInput");
  }
  if (ASSIGN_TYPES.has(type)) addTemplate(out, state, node, "Assign", false, "Assign", true);
  if (CATCH_TYPES.has(type)) {
    const catchers = get(node, "Catch");
    if (isArray(catchers)) for (let i = 0; i < catchers.items.length; i++) if (has(catchers.items[i], "Assign")) addTemplate(out, state, catchers.items[i], "Assign", false, `Catch[${i}].Assign`, true);
  }
  if (type === "Choice") {
    for (const { rule, top, choice } of choiceRules(state)) if (top) addTemplate(out, state, rule, "Assign", false, `Choices[${choice}].Assign`, true);
  }
  return out.take(NO_TEMPLATES, bySource);
}

const templateStack: Node[] = [];

/** Does a template have a member whose key ends in ".$" (at any depth, as `eachTemplateMember` visits them)? */
export function hasDollarKey(template: Node): boolean {
  if (!template.properties && !template.items) return false;
  const stack = templateStack;
  const base = stack.length;
  stack.push(template);
  while (stack.length > base) {
    const n = stack.pop()!;
    if (n.properties) {
      for (const p of n.properties) {
        if (p.key.endsWith(".$")) {
          stack.length = base;
          return true;
        }
        stack.push(p);
      }
    } else if (n.items) {
      for (const item of n.items) stack.push(item);
    }
  }
  return false;
}

/**
 * Visits every object member of a payload template, nested objects and arrays included,
 * in source order. The values of `.$` keys are not entered (they are expressions, not templates).
 * `arg` is passed on to `visit`, so a rule can make its visitor once per lint rather than a
 * closure per template.
 */
export function eachTemplateMember<A>(template: Node, visit: (member: Property, object: Node, arg: A) => void, arg: A): void;
export function eachTemplateMember(template: Node, visit: (member: Property, object: Node) => void): void;
export function eachTemplateMember<A>(template: Node, visit: (member: Property, object: Node, arg?: A) => void, arg?: A): void {
  if (!template.properties && !template.items) return;
  // one stack for every walk: each pops back to where it started (so a nested walk is safe)
  const stack = templateStack;
  const base = stack.length;
  stack.push(template);
  while (stack.length > base) {
    const n = stack.pop()!;
    if (n.properties) {
      for (const p of n.properties) visit(p, n, arg);
      for (let i = n.properties.length - 1; i >= 0; i--) {
        const p = n.properties[i];
        if (!p.key.endsWith(".$")) stack.push(p);
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
  const r = parsePathShared(s);
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
