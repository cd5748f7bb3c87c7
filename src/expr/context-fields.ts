/**
 * The Step Functions context object (JSONPath `$$.…`, JSONata `$states.context.…`),
 * asl-facts §9 [DG-CTX]. Flat table keyed by dotted path; completion and hover use it.
 */
import { closest as closestName } from "./names.js";

export type ContextFieldType = "object" | "string" | "number" | "any";

export interface ContextFieldInfo {
  /** Dotted path below the context root, e.g. "Execution.Id". */
  path: string;
  type: ContextFieldType;
  description: string;
  /** True when arbitrary user data lives below this field (no further checking). */
  open?: boolean;
}

export const CONTEXT_FIELDS: readonly ContextFieldInfo[] = [
  { path: "Execution", type: "object", description: "Information about the current execution." },
  { path: "Execution.Id", type: "string", description: "The execution ARN." },
  { path: "Execution.Input", type: "any", open: true, description: "The original input of the execution." },
  { path: "Execution.Name", type: "string", description: "The execution name." },
  { path: "Execution.RoleArn", type: "string", description: "The ARN of the IAM role the execution runs with." },
  { path: "Execution.StartTime", type: "string", description: "When the execution started (ISO 8601)." },
  { path: "Execution.RedriveCount", type: "number", description: "How many times the execution has been redriven." },
  { path: "Execution.RedriveTime", type: "string", description: "When the execution was last redriven (ISO 8601); only present after a redrive." },
  { path: "State", type: "object", description: "Information about the current state." },
  { path: "State.EnteredTime", type: "string", description: "When the current state was entered (ISO 8601)." },
  { path: "State.Name", type: "string", description: "The name of the current state." },
  { path: "State.RetryCount", type: "number", description: "How many times the current state has been retried." },
  { path: "StateMachine", type: "object", description: "Information about the state machine." },
  { path: "StateMachine.Id", type: "string", description: "The state machine ARN." },
  { path: "StateMachine.Name", type: "string", description: "The state machine name." },
  { path: "Task", type: "object", description: "Information about the current task." },
  { path: "Task.Token", type: "string", description: "The task token, for activities and .waitForTaskToken (callback) tasks." },
  { path: "Map", type: "object", description: "Information about the current Map iteration (Map ItemSelector only)." },
  { path: "Map.Item", type: "object", description: "The item being processed by the current Map iteration." },
  { path: "Map.Item.Index", type: "number", description: "Zero-based index of the current item." },
  { path: "Map.Item.Value", type: "any", open: true, description: "The value of the current item." },
  { path: "Map.Item.Key", type: "string", description: "The property name of the current item when the Map iterates over a JSON object." },
  { path: "Map.Item.Source", type: "string", description: "Where the item came from: STATE_DATA, S3://bucket or S3://bucket/key." },
];

/**
 * A payload member that passes a context field, in a state of `language`:
 * `"TaskToken.$": "$$.Task.Token"` (JSONPath) or `"TaskToken": "{% $states.context.Task.Token %}"` (JSONata).
 */
export function contextMember(key: string, path: string, language: "JSONPath" | "JSONata"): { key: string; value: string } {
  return language === "JSONata" ? { key, value: `{% $states.context.${path} %}` } : { key: `${key}.$`, value: `$$.${path}` };
}

const BY_PATH = new Map<string, ContextFieldInfo>(CONTEXT_FIELDS.map((f) => [f.path, f]));

export function contextField(path: readonly string[]): ContextFieldInfo | undefined {
  return BY_PATH.get(path.join("."));
}

/** Known direct children of a context path (`[]` = the context root). */
export function contextChildren(parent: readonly string[]): ContextFieldInfo[] {
  return [...(CHILDREN.get(parent.join(".")) ?? [])];
}

/** Direct children by parent path ("" = the context root), in table order. */
const CHILDREN = new Map<string, ContextFieldInfo[]>();
for (const f of CONTEXT_FIELDS) {
  const cut = f.path.lastIndexOf(".");
  const parent = cut < 0 ? "" : f.path.slice(0, cut);
  const list = CHILDREN.get(parent);
  if (list) list.push(f);
  else CHILDREN.set(parent, [f]);
}

export interface ContextProblem {
  /** Index into the list of names that is at fault. */
  index: number;
  message: string;
}

/**
 * Checks a list of context-object field names (the part after `$$` / `$states.context`).
 * Returns the first problem, or undefined. Names below open fields are not checked.
 * `rootLabel` is how the root is written in messages ("$$" or "$states.context").
 */
export function checkContextNames(names: readonly string[], rootLabel = "$$"): ContextProblem | undefined {
  const walked: string[] = [];
  let key = "";
  for (let i = 0; i < names.length; i++) {
    const parent = BY_PATH.get(key);
    if (walked.length > 0 && parent === undefined) return undefined;
    if (parent?.open) return undefined;
    if (parent && parent.type !== "object") {
      return {
        index: i,
        message: `${rootLabel}.${walked.join(".")} is a ${parent.type}; it has no field ${JSON.stringify(names[i])}. Remove ".${names[i]}".`,
      };
    }
    const next = key === "" ? names[i] : `${key}.${names[i]}`;
    if (!BY_PATH.has(next)) {
      const known = (CHILDREN.get(key) ?? []).map((c) => c.path.split(".").pop()!);
      const where = walked.length === 0 ? "the context object" : `${rootLabel}.${walked.join(".")}`;
      const close = closestName(names[i], known);
      const hint = close ? ` Did you mean "${[...walked, close].join(".")}"?` : "";
      return {
        index: i,
        message: `Unknown context object field ${JSON.stringify(names[i])} in ${where}.${hint} Known fields: ${known.join(", ")}.`,
      };
    }
    walked.push(names[i]);
    key = next;
  }
  return undefined;
}
