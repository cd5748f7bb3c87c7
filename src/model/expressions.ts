/**
 * Where a definition holds expressions and variables: the shared index behind the
 * query-language, jsonata-expression, states-variable and variable rules (asl-facts §2, §7).
 *
 * Built once per machine (cached) from the model, never from a blind walk of the tree: only
 * the fields that take expressions in the state's query language are read, so payload data
 * is never mistaken for structure.
 *
 * - JSONata states: every string in an expression-capable field (at any depth) is classified
 *   as an expression (`{% … %}`, parsed once here), a badly delimited expression, or a literal.
 * - JSONPath states: `.$` values, `…Path` fields, InputPath/OutputPath and Choice `Variable`
 *   give the variable reads; strings that are wholly `{% … %}` are noted (they are literals).
 * - Every `Assign` object (state, Catch, Choice rule), with the edge it applies to.
 */
import type { Machine, State } from "./index.js";
import { get, isArray, isObject, type Node, type Property } from "../parse/tree.js";
import { isJsonataExpression, parseJsonataShared, type JsonataResult } from "../expr/jsonata.js";
import { parsePathShared, type PathResult } from "../expr/path.js";
import { parsePayloadValueShared, type IntrinsicArg } from "../expr/intrinsic.js";
import type { ExprError } from "../expr/types.js";
import { perMachine } from "./memo.js";
import { eachChoiceRule } from "./jsonpath-fields.js";
import { RESULT_STATE_TYPES } from "../aws/states.js";

/** Which `$states` fields besides input/context a field may read (asl-facts §2.6). */
export type ExprRole = "input" | "result" | "error";

/** A field of a JSONata state whose strings may be `{% … %}` expressions. */
export interface ExprField {
  state: State;
  /** The field's value node (a string, or an object/array holding strings). */
  node: Node;
  /** How the field is written in messages: `Arguments`, `Catch[0].Output`, `Choices[1].Condition`. */
  label: string;
  /** The field name itself: `Output`, `Assign`, `Arguments`, `Condition`, `ItemSelector`, ... */
  name: string;
  role: ExprRole;
  /** Where it sits: on the state, in a Catch, in a Choice rule. */
  where: "state" | "catch" | "rule";
}

export interface ExprString {
  field: ExprField;
  /** The string node. */
  node: Node;
  value: string;
  /** The parse of a string that is wholly `{% … %}`. */
  parsed?: JsonataResult;
  /** A string that starts or ends like an expression but is not delimited properly. */
  delimiter?: ExprError;
}

/** A wholly `{% … %}` string in a JSONPath state, where it is a literal. */
export interface LiteralExpression {
  state: State;
  node: Node;
  label: string;
}

/** An `Assign` object and the transition it applies to. */
export interface AssignSite {
  state: State;
  /** The Assign object node. */
  node: Node;
  where: "state" | "catch" | "rule";
  /** The Catcher or Choice rule holding it (undefined for the state's own Assign). */
  holder?: Node;
  /** Names assigned, with their members (`.$` suffix stripped in JSONPath states). */
  names: { name: string; property: Property }[];
}

/** A read of a workflow variable. */
export interface VariableRead {
  state: State;
  /** The string node holding the reference. */
  node: Node;
  name: string;
  /** Indexes into the decoded string. */
  start: number;
  end: number;
  /** Read in a JSONata expression (false: in a JSONPath path or intrinsic). */
  jsonata: boolean;
  /** A JSONata function name used as a value (`$count`): a read only when a variable of that name exists. */
  functionName?: boolean;
  /** For JSONPath: the whole path text, for "did you mean $.x" hints. */
  path?: string;
}

export interface ExpressionIndex {
  fields: ExprField[];
  strings: ExprString[];
  literals: LiteralExpression[];
  assigns: AssignSite[];
  reads: VariableRead[];
}

/** The machine's expression index, built once per lint. */
export const expressionIndex: (machine: Machine) => ExpressionIndex = perMachine(build);

/** Top-level fields of a JSONata state that take expressions (besides Output/Assign). */
const JSONATA_STATE_FIELDS = [
  "Arguments",
  "Items",
  "ItemSelector",
  "TimeoutSeconds",
  "HeartbeatSeconds",
  "Seconds",
  "Timestamp",
  "Error",
  "Cause",
  "MaxConcurrency",
  "ToleratedFailurePercentage",
  "ToleratedFailureCount",
  "Credentials",
];
/** Fields of the Map sub-objects that take expressions in JSONata. */
const JSONATA_NESTED_FIELDS: [string, string[]][] = [
  ["ItemReader", ["Arguments", "ReaderConfig.MaxItems"]],
  ["ResultWriter", ["Arguments"]],
  ["ItemBatcher", ["MaxItemsPerBatch", "MaxInputBytesPerBatch", "BatchInput"]],
];

/** Fields of a JSONPath state where a string is a literal (a `{% … %}` there is a mistake). */
const JSONPATH_LITERAL_FIELDS = ["Parameters", "ResultSelector", "ItemSelector", "Result", "Assign", "Error", "Cause", "Credentials"];
const JSONPATH_LITERAL_NESTED: [string, string[]][] = [
  ["ItemReader", ["Parameters"]],
  ["ResultWriter", ["Parameters"]],
  ["ItemBatcher", ["BatchInput"]],
];

/** JSONPath payload templates: `.$` keys hold paths or intrinsic functions. */
const PAYLOAD_FIELDS = ["Parameters", "ResultSelector", "ItemSelector", "Credentials", "Assign"];
const PAYLOAD_NESTED: [string, string[]][] = [
  ["ItemReader", ["Parameters"]],
  ["ResultWriter", ["Parameters"]],
  ["ItemBatcher", ["BatchInput"]],
];
/** JSONPath fields whose value is a path (variables allowed; ResultPath is not: SPEC). */
const PATH_FIELDS = [
  "InputPath",
  "OutputPath",
  "ItemsPath",
  "TimeoutSecondsPath",
  "HeartbeatSecondsPath",
  "SecondsPath",
  "TimestampPath",
  "MaxConcurrencyPath",
  "ToleratedFailureCountPath",
  "ToleratedFailurePercentagePath",
];
const PATH_NESTED: [string, string[]][] = [
  ["ItemReader", ["ReaderConfig.MaxItemsPath"]],
  ["ItemBatcher", ["MaxItemsPerBatchPath", "MaxInputBytesPerBatchPath"]],
];
/** Path or intrinsic function. */
const PATH_OR_INTRINSIC_FIELDS = ["ErrorPath", "CausePath"];



function build(machine: Machine): ExpressionIndex {
  const index: ExpressionIndex = { fields: [], strings: [], literals: [], assigns: [], reads: [] };
  for (const state of machine.states) {
    if (!isObject(state.node)) continue;
    if (state.queryLanguage === "JSONata") jsonataState(state, index);
    else jsonPathState(state, index);
  }
  // the scratch slots would otherwise keep the last state's nodes, and through them the document, alive
  slots.fill(undefined);
  return index;
}

/**
 * The members of a state that the index reads, found in one pass over the state's members
 * (the last one when a key repeats, as `get` does) into slots numbered by `SLOT`.
 */
const SLOT = new Map<string, number>();
function slotOf(name: string): number {
  let i = SLOT.get(name);
  if (i === undefined) SLOT.set(name, (i = SLOT.size));
  return i;
}
for (const name of [
  "Output",
  "Assign",
  "Catch",
  "Choices",
  ...JSONATA_STATE_FIELDS,
  ...JSONPATH_LITERAL_FIELDS,
  ...PATH_FIELDS,
  ...PATH_OR_INTRINSIC_FIELDS,
  ...PAYLOAD_FIELDS,
  ...[JSONATA_NESTED_FIELDS, JSONPATH_LITERAL_NESTED, PAYLOAD_NESTED, PATH_NESTED].flatMap((list) => list.map(([parent]) => parent)),
]) {
  slotOf(name);
}
const S_OUTPUT = slotOf("Output");
const S_ASSIGN = slotOf("Assign");
const S_CATCH = slotOf("Catch");
const S_CHOICES = slotOf("Choices");

/** A field list with its slots: `[slot, name]`. */
const slotted = (names: readonly string[]): [number, string][] => names.map((n) => [slotOf(n), n]);
/** A nested field list with slots and split paths: `[slot of parent, [[path, label, last name]]]`. */
const nested = (list: readonly [string, string[]][]): [number, [string[], string, string][]][] =>
  list.map(([parent, names]) => [slotOf(parent), names.map((n) => [n.split("."), `${parent}.${n}`, n.split(".").pop()!] as [string[], string, string])]);

const JSONATA_STATE = slotted(JSONATA_STATE_FIELDS);
const JSONATA_NESTED = nested(JSONATA_NESTED_FIELDS);
const LITERAL = slotted(JSONPATH_LITERAL_FIELDS);
const LITERAL_NESTED = nested(JSONPATH_LITERAL_NESTED);
const PATHS = slotted(PATH_FIELDS);
const PATHS_NESTED = nested(PATH_NESTED);
const PATH_OR_INTRINSIC = slotted(PATH_OR_INTRINSIC_FIELDS);
const PAYLOAD = slotted(PAYLOAD_FIELDS);
const PAYLOAD_NESTED_SLOTS = nested(PAYLOAD_NESTED);

/** Scratch slots of the state being indexed (the index is built synchronously, one state at a time). */
const slots: (Node | undefined)[] = new Array(SLOT.size).fill(undefined);

function pick(node: Node & { properties: Property[] }): (Node | undefined)[] {
  slots.fill(undefined);
  for (const p of node.properties) {
    const i = SLOT.get(p.key);
    if (i !== undefined) slots[i] = p;
  }
  return slots;
}

function digPath(node: Node | undefined, path: readonly string[]): Node | undefined {
  let n = node;
  for (const part of path) n = get(n, part);
  return n;
}

function assignSite(state: State, node: Node | undefined, where: AssignSite["where"], holder: Node | undefined, index: ExpressionIndex): void {
  if (!isObject(node)) return;
  const jsonPath = state.queryLanguage === "JSONPath";
  const names = node.properties.map((p) => ({ name: jsonPath && p.key.endsWith(".$") ? p.key.slice(0, -2) : p.key, property: p }));
  index.assigns.push({ state, node, where, holder, names });
}

// ---------------------------------------------------------------------------------------------
// JSONata states

function jsonataState(state: State, index: ExpressionIndex): void {
  const node = state.node as Node & { properties: Property[] };
  // `f` is the shared scratch array: nothing below picks again
  const f = pick(node);
  const assign = f[S_ASSIGN];
  const hasResult = state.type !== undefined && RESULT_STATE_TYPES.has(state.type);
  add(state, index, f[S_OUTPUT], "Output", "Output", hasResult ? "result" : "input", "state");
  if (isObject(assign)) add(state, index, assign, "Assign", "Assign", hasResult ? "result" : "input", "state");
  assignSite(state, assign, "state", undefined, index);
  for (let k = 0; k < JSONATA_STATE.length; k++) {
    const value = f[JSONATA_STATE[k][0]];
    if (value) add(state, index, value, JSONATA_STATE[k][1], JSONATA_STATE[k][1], "input", "state");
  }
  for (let k = 0; k < JSONATA_NESTED.length; k++) {
    const p = f[JSONATA_NESTED[k][0]];
    if (!isObject(p)) continue;
    for (const nested of JSONATA_NESTED[k][1]) add(state, index, digPath(p, nested[0]), nested[1], nested[2], "input", "state");
  }
  const catchers = f[S_CATCH];
  const choices = f[S_CHOICES];
  if (isArray(catchers)) {
    catchers.items.forEach((c, i) => {
      if (!isObject(c)) return;
      add(state, index, get(c, "Output"), `Catch[${i}].Output`, "Output", "error", "catch");
      const a = get(c, "Assign");
      if (isObject(a)) add(state, index, a, `Catch[${i}].Assign`, "Assign", "error", "catch");
      assignSite(state, a, "catch", c, index);
    });
  }
  if (isArray(choices)) {
    choices.items.forEach((r, i) => {
      if (!isObject(r)) return;
      add(state, index, get(r, "Condition"), `Choices[${i}].Condition`, "Condition", "input", "rule");
      add(state, index, get(r, "Output"), `Choices[${i}].Output`, "Output", "input", "rule");
      const a = get(r, "Assign");
      if (isObject(a)) add(state, index, a, `Choices[${i}].Assign`, "Assign", "input", "rule");
      assignSite(state, a, "rule", r, index);
    });
  }
}

function add(state: State, index: ExpressionIndex, value: Node | undefined, label: string, name: string, role: ExprRole, where: ExprField["where"]): void {
  if (!value) return;
  const field: ExprField = { state, node: value, label, name, role, where };
  index.fields.push(field);
  collectStrings(field, index);
}

/** True when a string starts or ends like a JSONata expression (ignoring outer whitespace). */
function looksDelimited(s: string): boolean {
  return s.includes("%") && (/^\s*\{%/.test(s) || /%\}\s*$/.test(s));
}

/** Traversal stack shared by the walks below (each pops back to where it started). */
const stack: Node[] = [];

function collectStrings(field: ExprField, index: ExpressionIndex): void {
  const root = field.node;
  if (root.type === "string") return collectString(field, root, index);
  if (root.type !== "object" && root.type !== "array") return;
  // depth first, in source order
  const base = stack.length;
  stack.push(root);
  while (stack.length > base) {
    const n = stack.pop()!;
    if (n.type === "string") collectString(field, n, index);
    else if (n.properties) for (let i = n.properties.length - 1; i >= 0; i--) stack.push(n.properties[i]);
    else if (n.items) for (let i = n.items.length - 1; i >= 0; i--) stack.push(n.items[i]);
  }
}

function collectString(field: ExprField, n: Node, index: ExpressionIndex): void {
  const value = n.value as string;
  if (isJsonataExpression(value)) {
    const parsed = parseJsonataShared(value);
    index.strings.push({ field, node: n, value, parsed });
    if (parsed.ok) {
      for (const r of parsed.refs) index.reads.push({ state: field.state, node: n, name: r.name, start: r.start, end: r.end, jsonata: true });
      // `$count` not called: the built-in function, unless a workflow variable of that name shadows it
      for (const c of parsed.calls) {
        if (c.known && !c.invoked) index.reads.push({ state: field.state, node: n, name: c.name, start: c.start, end: c.end, jsonata: true, functionName: true });
      }
    }
  } else if (looksDelimited(value)) {
    index.strings.push({ field, node: n, value, delimiter: delimiterProblem(value) });
  }
}

function delimiterProblem(s: string): ExprError {
  const lead = s.length - s.trimStart().length;
  const trail = s.length - s.trimEnd().length;
  const t = s.trim();
  if (t.length >= 4 && t.startsWith("{%") && t.endsWith("%}") && (lead > 0 || trail > 0)) {
    if (lead > 0) return { message: 'Remove the whitespace before "{%": a JSONata expression must start with "{%" and end with "%}", with nothing outside them.', start: 0, end: lead };
    return { message: 'Remove the whitespace after "%}": a JSONata expression must start with "{%" and end with "%}", with nothing outside them.', start: s.length - trail, end: s.length };
  }
  if (/^\s*\{%/.test(s)) {
    const close = s.lastIndexOf("%}");
    if (close >= 2 + lead && s.slice(close + 2).trim().length > 0) {
      return {
        message: `This string starts like a JSONata expression but has text after "%}". Write the whole value inside one {% … %} (join strings with "&"), or remove "{%" to keep it a literal string.`,
        start: close + 2,
        end: s.length,
      };
    }
    return {
      message: 'This JSONata expression is not closed: end the string with "%}", or remove "{%" to keep it a literal string.',
      start: lead,
      end: lead + 2,
    };
  }
  // ends with %} but does not start with {%
  const close = s.lastIndexOf("%}");
  const open = s.indexOf("{%");
  if (open > 0) {
    return {
      message: `Text before "{%" makes this neither a literal nor a JSONata expression: the expression must be the whole string. Write it as {% 'text' & … %}, or remove "%}" to keep it a literal string.`,
      start: 0,
      end: open,
    };
  }
  return {
    message: 'This string ends with "%}" but does not start with "{%": a JSONata expression must be written as {% … %}. Add "{%" at the start, or remove "%}" to keep it a literal string.',
    start: close,
    end: close + 2,
  };
}

// ---------------------------------------------------------------------------------------------
// JSONPath states

function jsonPathState(state: State, index: ExpressionIndex): void {
  const node = state.node as Node & { properties: Property[] };
  // `f` is the shared scratch array: nothing below picks again
  const f = pick(node);
  const assign = f[S_ASSIGN];
  const catchers = f[S_CATCH];
  const choices = f[S_CHOICES];

  // literals that look like JSONata
  for (let k = 0; k < LITERAL.length; k++) literal(state, f[LITERAL[k][0]], LITERAL[k][1], index);
  for (let k = 0; k < LITERAL_NESTED.length; k++) {
    const p = f[LITERAL_NESTED[k][0]];
    if (p) for (const nested of LITERAL_NESTED[k][1]) literal(state, digPath(p, nested[0]), nested[1], index);
  }

  // variable reads
  for (let k = 0; k < PATHS.length; k++) readPath(state, f[PATHS[k][0]], index);
  for (let k = 0; k < PATHS_NESTED.length; k++) {
    const p = f[PATHS_NESTED[k][0]];
    if (p) for (const nested of PATHS_NESTED[k][1]) readPath(state, digPath(p, nested[0]), index);
  }
  for (let k = 0; k < PATH_OR_INTRINSIC.length; k++) readPayloadValue(state, f[PATH_OR_INTRINSIC[k][0]], index);
  for (let k = 0; k < PAYLOAD.length; k++) readTemplate(state, f[PAYLOAD[k][0]], index);
  for (let k = 0; k < PAYLOAD_NESTED_SLOTS.length; k++) {
    const p = f[PAYLOAD_NESTED_SLOTS[k][0]];
    if (p) for (const nested of PAYLOAD_NESTED_SLOTS[k][1]) readTemplate(state, digPath(p, nested[0]), index);
  }

  assignSite(state, assign, "state", undefined, index);
  if (isArray(catchers)) {
    for (const c of catchers.items) {
      if (!isObject(c)) continue;
      readTemplate(state, get(c, "Assign"), index);
      assignSite(state, get(c, "Assign"), "catch", c, index);
    }
  }
  if (isArray(choices)) {
    ruleReads.state = state;
    ruleReads.index = index;
    for (const r of choices.items) {
      if (!isObject(r)) continue;
      eachChoiceRule(r, choiceRuleReads, ruleReads);
      readTemplate(state, get(r, "Assign"), index);
      assignSite(state, get(r, "Assign"), "rule", r, index);
    }
    ruleReads.state = ruleReads.index = undefined; // nothing kept past the lint
  }
}

/** Strings of a JSONPath literal field that are wholly `{% … %}` (the values of `.$` keys are not literals). */
function literal(state: State, value: Node | undefined, label: string, index: ExpressionIndex): void {
  if (!value) return;
  if (value.type === "string") {
    if (isJsonataExpression(value.value)) index.literals.push({ state, node: value, label });
    return;
  }
  // depth first, in source order; the values of `.$` keys are skipped
  const base = stack.length;
  stack.push(value);
  while (stack.length > base) {
    const n = stack.pop()!;
    if (typeof n.key === "string" && n.key.endsWith(".$")) continue;
    if (n.type === "string") {
      if (isJsonataExpression(n.value)) index.literals.push({ state, node: n, label });
    } else if (n.properties) for (let i = n.properties.length - 1; i >= 0; i--) stack.push(n.properties[i]);
    else if (n.items) for (let i = n.items.length - 1; i >= 0; i--) stack.push(n.items[i]);
  }
}

function readPath(state: State, value: Node | undefined, index: ExpressionIndex): void {
  if (!value || value.type !== "string") return;
  const text = value.value as string;
  if (!text.startsWith("$") || text.startsWith("$$")) return;
  pathRead(state, value, text, parsePathShared(text), index);
}

function readPayloadValue(state: State, value: Node | undefined, index: ExpressionIndex): void {
  if (!value || value.type !== "string") return;
  const text = value.value as string;
  const v = parsePayloadValueShared(text);
  if (v.kind === "path") pathRead(state, value, text, v.path, index);
  else if (v.kind === "intrinsic" && v.intrinsic.call) for (const a of v.intrinsic.call.args) intrinsicReads(state, value, a, index, 0);
}

/** The `.$` values of a payload template (at any depth). */
function readTemplate(state: State, value: Node | undefined, index: ExpressionIndex): void {
  if (!value || (value.type !== "object" && value.type !== "array")) return; // a scalar's own key is the field name, never ".$"
  // depth first, in source order
  const base = stack.length;
  stack.push(value);
  while (stack.length > base) {
    const n = stack.pop()!;
    if (n.type === "string") {
      if (typeof n.key === "string" && n.key.endsWith(".$")) readPayloadValue(state, n, index);
    } else if (n.properties) for (let i = n.properties.length - 1; i >= 0; i--) stack.push(n.properties[i]);
    else if (n.items) for (let i = n.items.length - 1; i >= 0; i--) stack.push(n.items[i]);
  }
}

/** The state and index `choiceRuleReads` adds to while a Choice state is read (one object, reused: no closure per rule). */
interface RuleReads {
  state?: State;
  index?: ExpressionIndex;
}
const ruleReads: RuleReads = { state: undefined, index: undefined };

/** The paths a Choice rule reads: `Variable` and the `…Path` operators (`eachChoiceRule` visits the rules nested in it). */
function choiceRuleReads(rule: Node, at: RuleReads): void {
  for (const p of rule.properties!) {
    if (p.key === "Variable" || (p.key.endsWith("Path") && p.key !== "Path")) readPath(at.state!, p, at.index!);
  }
}

function pathRead(state: State, node: Node, text: string, path: PathResult, index: ExpressionIndex): void {
  if (path.root !== "variable" || !path.variable) return;
  const v = path.variable;
  index.reads.push({ state, node, name: v.name, start: v.start, end: v.end, jsonata: false, path: text });
}

function intrinsicReads(state: State, node: Node, arg: IntrinsicArg, index: ExpressionIndex, depth: number): void {
  if (depth > 32) return;
  if (arg.kind === "path") pathRead(state, node, arg.text, arg.path, index);
  else if (arg.kind === "call") for (const a of arg.args) intrinsicReads(state, node, a, index, depth + 1);
}
