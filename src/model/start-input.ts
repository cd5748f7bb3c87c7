/**
 * Runs an execution input through the first state's paths (InputPath, then the `.$` paths of
 * Parameters, or a Map's ItemsPath), the way Step Functions does when the execution starts,
 * and tells which path selects nothing: at run time that is a `States.Runtime` failure of the
 * very first state. Used by StartExecution/StartSyncExecution requests with `--definition`
 * and by the nested-execution rule (a parent's literal `Input` against the child's StartAt).
 *
 * Only definite JSONPath paths (names and non-negative indexes) are judged, never JSONata;
 * the selection is made with jsonpath-plus (`eval: false`), and a walk over the input's node
 * tree finds where the path stops, so the diagnostic can point into the input.
 * A value that is only known at run time (a `"key.$"` member, a `{% %}` expression) stops the
 * check: nothing is reported past it.
 */
import type * as JsonPathPlus from "jsonpath-plus";
import { get, isObject, type Node } from "../parse/tree.js";
import { parsePath, type PathSegment } from "../expr/path.js";
import { looksLikeJsonataExpression } from "../expr/jsonata.js";

export interface InputPathIssue {
  /** The definition node holding the path (the InputPath value, a Parameters member value...). */
  pathNode: Node;
  /** `InputPath`, `ItemsPath` or `Parameters` member key (`id.$`). */
  field: string;
  path: string;
  /** The deepest input node the path reached before selecting nothing. */
  reached: Node;
  /** What is missing, for messages: `"order"`, `[3]`. */
  missing: string;
  message: string;
}

export interface StartInputOptions {
  /** How the input was written: a literal request input, or a payload template of a parent state. */
  template?: "JSONPath" | "JSONata";
  /** Name of the first state, for messages. */
  stateName?: string;
}

type Step = { status: "found"; node: Node } | { status: "missing"; node: Node; missing: string; at: number } | { status: "unknown" };

function isDynamic(node: Node, template: StartInputOptions["template"]): boolean {
  return template === "JSONata" && node.type === "string" && looksLikeJsonataExpression(node.value as string);
}

/** Follows definite segments through the input tree. */
function walk(input: Node, segments: readonly PathSegment[], template: StartInputOptions["template"]): Step {
  let node = input;
  for (let at = 0; at < segments.length; at++) {
    const seg = segments[at];
    if (isDynamic(node, template)) return { status: "unknown" };
    if (seg.kind === "name") {
      if (node.type !== "object") return { status: "missing", node, missing: JSON.stringify(seg.name), at };
      let next: Node | undefined;
      for (const p of node.properties!) {
        if (p.key === seg.name) next = p;
        else if (template === "JSONPath" && p.key === `${seg.name}.$`) return { status: "unknown" };
      }
      if (!next) return { status: "missing", node, missing: JSON.stringify(seg.name), at };
      node = next;
    } else if (seg.kind === "index") {
      if (seg.index < 0) return { status: "unknown" };
      if (node.type !== "array") return { status: "missing", node, missing: `[${seg.index}]`, at };
      const next = node.items![seg.index];
      if (!next) return { status: "missing", node, missing: `[${seg.index}]`, at };
      node = next;
    } else return { status: "unknown" };
  }
  if (isDynamic(node, template)) return { status: "unknown" };
  return { status: "found", node };
}

/** The input as a plain value, without the members only known at run time. */
function staticValue(node: Node, template: StartInputOptions["template"]): unknown {
  switch (node.type) {
    case "object": {
      const out: Record<string, unknown> = Object.create(null);
      for (const p of node.properties!) {
        if (template === "JSONPath" && p.key.endsWith(".$")) continue;
        Object.defineProperty(out, p.key, { value: staticValue(p, template), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    case "array":
      return node.items!.map((i) => staticValue(i, template));
    default:
      return node.value;
  }
}

let jsonPathPlus: typeof JsonPathPlus | undefined;

/** Does jsonpath-plus agree that the path selects nothing? (Loaded on first use: few definitions start child executions.) */
function selectsNothing(path: string, input: Node, template: StartInputOptions["template"]): boolean {
  const { JSONPath } = (jsonPathPlus ??= require("jsonpath-plus") as typeof JsonPathPlus);
  try {
    const found = JSONPath({ path, json: staticValue(input, template) as object, eval: false, wrap: true });
    return Array.isArray(found) && found.length === 0;
  } catch {
    return false;
  }
}

interface Evaluated {
  /** The effective input after InputPath, as a node; undefined when unknown. */
  node?: Node;
  /** InputPath is null: the state sees `{}`. */
  empty?: boolean;
}

/**
 * Checks a (literal) execution input against the state the execution starts with.
 * `state` is the state's object node in the definition.
 */
export function checkStartInput(state: Node, stateType: string | undefined, input: Node, opts: StartInputOptions = {}): InputPathIssue[] {
  const issues: InputPathIssue[] = [];
  if (!isObject(state)) return issues;
  if (get(state, "QueryLanguage")?.value === "JSONata") return issues;
  const name = opts.stateName ? JSON.stringify(opts.stateName) : "the first state";
  const template = opts.template;

  const evaluate = (pathNode: Node, field: string, from: Evaluated): Evaluated | "stop" => {
    if (pathNode.type !== "string") return {};
    const path = pathNode.value as string;
    if (!path.startsWith("$") || path.startsWith("$$")) return {};
    const parsed = parsePath(path);
    if (!parsed.ok || parsed.root !== "$" || !parsed.definite) return {};
    if (from.empty) {
      if (parsed.segments.length === 0) return {};
      issues.push({
        pathNode,
        field,
        path,
        reached: input,
        missing: describe(parsed.segments[0]),
        message: `${field} of ${name} reads ${JSON.stringify(path)}, but InputPath is null, so the state's input is {}: the path selects nothing and the execution fails at once with States.Runtime.`,
      });
      return "stop";
    }
    if (!from.node) return {};
    const step = walk(from.node, parsed.segments, template);
    if (step.status === "unknown") return {};
    if (step.status === "found") return { node: step.node };
    if (!selectsNothing(path, from.node, template)) return {};
    const inside = step.at > 0 ? ` at ${render(parsed.segments.slice(0, step.at))}` : "";
    const where = from.node === input ? "this input" : "the state's input after InputPath";
    issues.push({
      pathNode,
      field,
      path,
      reached: step.node,
      missing: step.missing,
      message: `${field} of ${name} is ${JSON.stringify(path)}, which selects nothing in ${where} (no ${step.missing}${inside}): the execution fails at once with States.Runtime.`,
    });
    return "stop";
  };

  let current: Evaluated = { node: input };
  const inputPath = get(state, "InputPath");
  if (inputPath) {
    if (inputPath.type === "null") current = { empty: true };
    else {
      const r = evaluate(inputPath, "InputPath", current);
      if (r === "stop") return issues;
      current = r;
    }
  }
  if (stateType === "Map") {
    const itemsPath = get(state, "ItemsPath");
    if (itemsPath) evaluate(itemsPath, "ItemsPath", current);
    return issues;
  }
  if (stateType === "Pass" || stateType === "Task" || stateType === "Parallel") {
    const params = get(state, "Parameters");
    if (params) visitTemplate(params, (key, valueNode) => void evaluate(valueNode, `Parameters field ${JSON.stringify(key)}`, current));
  }
  return issues;
}

/** Calls `visit` for every `"key.$"` member of a JSONPath payload template. */
function visitTemplate(node: Node, visit: (key: string, value: Node) => void): void {
  if (node.type === "object") {
    for (const p of node.properties!) {
      if (p.key.endsWith(".$")) visit(p.key, p);
      else visitTemplate(p, visit);
    }
  } else if (node.type === "array") for (const item of node.items!) visitTemplate(item, visit);
}

function describe(seg: PathSegment): string {
  return seg.kind === "name" ? JSON.stringify(seg.name) : seg.kind === "index" ? `[${seg.index}]` : "match";
}

/** Renders path segments (names and indexes) back to a path: `$.order.items[0]`. */
function render(segments: readonly PathSegment[]): string {
  let out = "$";
  for (const seg of segments) {
    if (seg.kind === "name") out += /^[A-Za-z_][\w-]*$/.test(seg.name) ? `.${seg.name}` : `[${JSON.stringify(seg.name)}]`;
    else if (seg.kind === "index") out += `[${seg.index}]`;
  }
  return out;
}
