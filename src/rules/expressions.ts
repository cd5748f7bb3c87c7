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
import type { Machine, State } from "../model/index.js";
import { get, isArray, isObject, walk, type Node, type Property } from "../parse/tree.js";
import { isJsonataExpression, parseJsonata, type JsonataResult } from "../expr/jsonata.js";
import { parsePath, type PathResult } from "../expr/path.js";
import { parsePayloadValue, type IntrinsicArg } from "../expr/intrinsic.js";
import type { ExprError } from "../expr/types.js";

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

const cache = new WeakMap<Machine, ExpressionIndex>();

export function expressionIndex(machine: Machine): ExpressionIndex {
  let index = cache.get(machine);
  if (!index) {
    index = build(machine);
    cache.set(machine, index);
  }
  return index;
}

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

const RESULT_TYPES = new Set(["Task", "Parallel", "Map"]);

function dig(node: Node | undefined, dotted: string): Node | undefined {
  let n = node;
  for (const part of dotted.split(".")) n = get(n, part);
  return n;
}

function build(machine: Machine): ExpressionIndex {
  const index: ExpressionIndex = { fields: [], strings: [], literals: [], assigns: [], reads: [] };
  for (const state of machine.states) {
    if (!isObject(state.node)) continue;
    if (state.queryLanguage === "JSONata") jsonataState(state, index);
    else jsonPathState(state, index);
  }
  return index;
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
  const node = state.node;
  const hasResult = state.type !== undefined && RESULT_TYPES.has(state.type);
  const add = (value: Node | undefined, label: string, name: string, role: ExprRole, where: ExprField["where"]) => {
    if (!value) return;
    const field: ExprField = { state, node: value, label, name, role, where };
    index.fields.push(field);
    collectStrings(field, index);
  };
  add(get(node, "Output"), "Output", "Output", hasResult ? "result" : "input", "state");
  const assign = get(node, "Assign");
  if (isObject(assign)) add(assign, "Assign", "Assign", hasResult ? "result" : "input", "state");
  assignSite(state, assign, "state", undefined, index);
  for (const name of JSONATA_STATE_FIELDS) add(get(node, name), name, name, "input", "state");
  for (const [parent, names] of JSONATA_NESTED_FIELDS) {
    const p = get(node, parent);
    if (!isObject(p)) continue;
    for (const n of names) add(dig(p, n), `${parent}.${n}`, n.split(".").pop()!, "input", "state");
  }
  const catchers = get(node, "Catch");
  if (isArray(catchers)) {
    catchers.items.forEach((c, i) => {
      if (!isObject(c)) return;
      add(get(c, "Output"), `Catch[${i}].Output`, "Output", "error", "catch");
      const a = get(c, "Assign");
      if (isObject(a)) add(a, `Catch[${i}].Assign`, "Assign", "error", "catch");
      assignSite(state, a, "catch", c, index);
    });
  }
  const choices = get(node, "Choices");
  if (isArray(choices)) {
    choices.items.forEach((r, i) => {
      if (!isObject(r)) return;
      add(get(r, "Condition"), `Choices[${i}].Condition`, "Condition", "input", "rule");
      add(get(r, "Output"), `Choices[${i}].Output`, "Output", "input", "rule");
      const a = get(r, "Assign");
      if (isObject(a)) add(a, `Choices[${i}].Assign`, "Assign", "input", "rule");
      assignSite(state, a, "rule", r, index);
    });
  }
}

/** True when a string starts or ends like a JSONata expression (ignoring outer whitespace). */
function looksDelimited(s: string): boolean {
  return /^\s*\{%/.test(s) || /%\}\s*$/.test(s);
}

function collectStrings(field: ExprField, index: ExpressionIndex): void {
  walk(field.node, (n) => {
    if (n.type !== "string") return;
    const value = n.value as string;
    if (isJsonataExpression(value)) {
      const parsed = parseJsonata(value);
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
  });
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
  const node = state.node;
  // literals that look like JSONata
  const literal = (value: Node | undefined, label: string) => {
    if (!value) return;
    walk(value, (n) => {
      if (n.property && n.property.key.endsWith(".$")) return false;
      if (n.type === "string" && isJsonataExpression(n.value)) index.literals.push({ state, node: n, label });
    });
  };
  for (const name of JSONPATH_LITERAL_FIELDS) literal(get(node, name), name);
  for (const [parent, names] of JSONPATH_LITERAL_NESTED) for (const n of names) literal(dig(get(node, parent), n), `${parent}.${n}`);

  // variable reads
  const readPath = (value: Node | undefined) => {
    if (!value || value.type !== "string") return;
    const text = value.value as string;
    if (!text.startsWith("$") || text.startsWith("$$")) return;
    pathRead(state, value, text, parsePath(text), index);
  };
  const readPayloadValue = (value: Node | undefined) => {
    if (!value || value.type !== "string") return;
    const text = value.value as string;
    const v = parsePayloadValue(text);
    if (v.kind === "path") pathRead(state, value, text, v.path, index);
    else if (v.kind === "intrinsic" && v.intrinsic.call) for (const a of v.intrinsic.call.args) intrinsicReads(state, value, a, index, 0);
  };
  const readTemplate = (value: Node | undefined) => {
    if (!value) return;
    walk(value, (n) => {
      if (n.type === "string" && n.property && n.property.key.endsWith(".$")) readPayloadValue(n);
    });
  };
  for (const name of PATH_FIELDS) readPath(get(node, name));
  for (const [parent, names] of PATH_NESTED) for (const n of names) readPath(dig(get(node, parent), n));
  for (const name of PATH_OR_INTRINSIC_FIELDS) readPayloadValue(get(node, name));
  for (const name of PAYLOAD_FIELDS) readTemplate(get(node, name));
  for (const [parent, names] of PAYLOAD_NESTED) for (const n of names) readTemplate(dig(get(node, parent), n));

  assignSite(state, get(node, "Assign"), "state", undefined, index);
  const catchers = get(node, "Catch");
  if (isArray(catchers)) {
    for (const c of catchers.items) {
      if (!isObject(c)) continue;
      readTemplate(get(c, "Assign"));
      assignSite(state, get(c, "Assign"), "catch", c, index);
    }
  }
  const choices = get(node, "Choices");
  if (isArray(choices)) {
    for (const r of choices.items) {
      if (!isObject(r)) continue;
      choiceRuleReads(state, r, index, readPath, 0);
      readTemplate(get(r, "Assign"));
      assignSite(state, get(r, "Assign"), "rule", r, index);
    }
  }
}

function choiceRuleReads(state: State, rule: Node, index: ExpressionIndex, readPath: (n: Node | undefined) => void, depth: number): void {
  if (depth > 64 || !isObject(rule)) return;
  for (const p of rule.properties) {
    if (p.key === "Variable" || (p.key.endsWith("Path") && p.key !== "Path")) readPath(p.value);
    else if ((p.key === "And" || p.key === "Or") && isArray(p.value)) for (const r of p.value.items) choiceRuleReads(state, r, index, readPath, depth + 1);
    else if (p.key === "Not") choiceRuleReads(state, p.value, index, readPath, depth + 1);
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
