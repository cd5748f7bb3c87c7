/**
 * Where a JSONPath state holds paths and payload templates (asl-facts §2.3, §3, §6, §7, §8):
 * shared by invalid-path, payload-template, no-dollar, no-path, intrinsic-placement.
 * Everything is read through the model (`state.node`); nothing re-walks the whole tree.
 */
import type { State } from "./index.js";
import { get, has, isArray, isObject, type Node, type Property } from "../parse/tree.js";
import { Collector } from "./collector.js";
import { parsePathShared } from "../expr/path.js";
import { perState } from "./memo.js";
import { PATH_OPERATORS } from "../aws/choice-operators.js";
import { pathTwinsOf, typesWithField } from "../aws/states.js";

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

/** The state types with each field (from the schema: aws/states.ts). */
const IO_TYPES = typesWithField("InputPath");
const RESULT_TYPES = typesWithField("ResultPath");
const CATCH_TYPES = typesWithField("Catch");
const ASSIGN_TYPES = typesWithField("Assign");
const PARAMETERS_TYPES = typesWithField("Parameters");
const RESULT_SELECTOR_TYPES = typesWithField("ResultSelector");

const withPath = (fields: readonly string[]) => fields.map((f) => `${f}Path`);
/** Reference-path value fields per state type: the `…Path` twins (Fail's are "error" fields), and a Map's ItemsPath. */
const REFERENCE_FIELDS: ReadonlyMap<string, readonly string[]> = new Map([
  ["Task", withPath(pathTwinsOf("Task"))],
  ["Wait", withPath(pathTwinsOf("Wait"))],
  ["Map", ["ItemsPath", ...withPath(pathTwinsOf("Map"))]],
]);
const PATH_OPERATOR_SET: ReadonlySet<string> = new Set(PATH_OPERATORS);

/**
 * Every Choice rule of a state, nested ones (inside And/Or/Not) included, with whether it is
 * top-level and the position in `Choices` of the top-level rule it belongs to. (No label string per
 * rule: only top-level rules are ever named, as `Choices[i]`, and a string built for each rule of
 * every lint outlived it, held by the pretenured entries through young collections.)
 */
export function choiceRules(state: State): readonly ChoiceRuleEntry[] {
  return rulesOf(state);
}

type ChoiceRuleEntry = { rule: Node; top: boolean; choice: number };
const NO_RULES: readonly ChoiceRuleEntry[] = [];
/** Scratch of `eachChoiceRule`: one stack for every walk (each pops back to where it started, so a walk may nest). */
const ruleStack: Node[] = [];

/**
 * Visits a Choice rule and every rule nested in it, depth first: a rule, then the rules of its
 * `And`, of its `Or`, then its `Not` (what is not an object is passed over). The one walk of
 * And/Or/Not for every analysis and rule. Stops, and returns true, as soon as `visit` returns
 * true. `arg` is passed on to `visit`, so a caller can make its visitor once rather than a
 * closure per walk.
 */
export function eachChoiceRule<A>(rule: Node, visit: (rule: Node, arg: A) => boolean | void, arg: A): boolean;
export function eachChoiceRule(rule: Node, visit: (rule: Node) => boolean | void): boolean;
export function eachChoiceRule<A>(rule: Node, visit: (rule: Node, arg?: A) => boolean | void, arg?: A): boolean {
  const stack = ruleStack;
  const base = stack.length;
  stack.push(rule);
  while (stack.length > base) {
    const r = stack.pop()!;
    if (!isObject(r)) continue;
    if (visit(r, arg) === true) {
      stack.length = base;
      return true;
    }
    const not = get(r, "Not");
    if (isObject(not)) stack.push(not);
    const or = get(r, "Or");
    if (isArray(or)) for (let i = or.items.length - 1; i >= 0; i--) stack.push(or.items[i]);
    const and = get(r, "And");
    if (isArray(and)) for (let i = and.items.length - 1; i >= 0; i--) stack.push(and.items[i]);
  }
  return false;
}

const rulesFound = new Collector<ChoiceRuleEntry>();
/** The top-level rule `findChoiceRules` walks, and its position in `Choices`. */
let topRule: Node | undefined;
let topChoice = 0;

function addChoiceRule(rule: Node): void {
  rulesFound.push({ rule, top: rule === topRule, choice: topChoice });
}

function findChoiceRules(state: State): readonly ChoiceRuleEntry[] {
  const choices = get(state.node, "Choices");
  if (!isArray(choices)) return NO_RULES;
  for (let i = 0; i < choices.items.length; i++) {
    topRule = choices.items[i];
    topChoice = i;
    eachChoiceRule(topRule, addChoiceRule);
  }
  topRule = undefined;
  return rulesFound.take(NO_RULES);
}

const rulesOf = perState(findChoiceRules);

/** Source order (of the value nodes). */
const bySource = (a: { node: Node }, b: { node: Node }): number => a.node.offset - b.node.offset;

/**
 * A list per state, in source order, that `find` collects once per lint (an exact-size array, see
 * Collector); empty for a state that is not an object.
 */
function perStateList<T extends { node: Node }>(find: (state: State, out: Collector<T>, type: string) => void): (state: State) => readonly T[] {
  const found = new Collector<T>();
  const none: readonly T[] = [];
  const listOf = perState((state: State): readonly T[] => {
    find(state, found, state.type ?? "");
    return found.take(none, bySource);
  });
  return (state) => (isObject(state.node) ? listOf(state) : none);
}

function addPath(out: Collector<PathField>, state: State, object: Node | undefined, field: string, kind: PathKind, nullable: boolean, label = field): void {
  const value = get(object, field);
  if (value) out.push({ state, field: label, name: field, node: value, kind, nullable });
}

/** Every path-valued field of a JSONPath state (present in the definition), in source order. */
export const pathFields = perStateList(findPathFields);

function findPathFields(state: State, out: Collector<PathField>, type: string): void {
  const node = state.node;
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
}

function addTemplate(out: Collector<TemplateSite>, state: State, object: Node | undefined, field: string, documented: boolean, label = field, assign = false): void {
  const value = get(object, field);
  if (value) out.push({ state, field: label, node: value, intrinsicsDocumented: documented, assign });
}

/** Every payload template (and JSONPath Assign block) of a JSONPath state, in source order. */
export const templateSites = perStateList(findTemplateSites);

function findTemplateSites(state: State, out: Collector<TemplateSite>, type: string): void {
  const node = state.node;
  if (PARAMETERS_TYPES.has(type)) addTemplate(out, state, node, "Parameters", true);
  if (RESULT_SELECTOR_TYPES.has(type)) addTemplate(out, state, node, "ResultSelector", true);
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
}

const templateStack: Node[] = [];

/** Does a template have a member whose key ends in ".$" (at any depth, as `eachTemplateMember` visits them)? */
export function hasDollarKey(template: Node): boolean {
  return eachTemplateMember(template, isDollarMember);
}

const isDollarMember = (member: Property): boolean => member.key.endsWith(".$");

/**
 * Visits every object member of a payload template, nested objects and arrays included,
 * in source order. The values of `.$` keys are not entered (they are expressions, not templates).
 * `arg` is passed on to `visit`, so a rule can make its visitor once per lint rather than a
 * closure per template. Stops, and returns true, as soon as `visit` returns true.
 */
export function eachTemplateMember<A>(template: Node, visit: (member: Property, object: Node, arg: A) => boolean | void, arg: A): boolean;
export function eachTemplateMember(template: Node, visit: (member: Property, object: Node) => boolean | void): boolean;
export function eachTemplateMember<A>(template: Node, visit: (member: Property, object: Node, arg?: A) => boolean | void, arg?: A): boolean {
  if (!template.properties && !template.items) return false;
  // one stack for every walk: each pops back to where it started (so a nested walk is safe)
  const stack = templateStack;
  const base = stack.length;
  stack.push(template);
  while (stack.length > base) {
    const n = stack.pop()!;
    if (n.properties) {
      for (const p of n.properties) {
        if (visit(p, n, arg) === true) {
          stack.length = base;
          return true;
        }
      }
      for (let i = n.properties.length - 1; i >= 0; i--) {
        const p = n.properties[i];
        if (!p.key.endsWith(".$")) stack.push(p);
      }
    } else if (n.items) {
      for (let i = n.items.length - 1; i >= 0; i--) stack.push(n.items[i]);
    }
  }
  return false;
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
