/**
 * Task states that start a child execution (`arn:<partition>:states:::states:startExecution`
 * with `.sync`, `.sync:2` or `.waitForTaskToken`), and their arguments as written: shared by
 * the nested-execution-* rules (asl-facts §12 "states:startExecution").
 */
import { get, isObject, type Node } from "../parse/tree.js";
import type { Machine, MachineContext, PeerDefinition, State } from "./index.js";
import { classifyStateMachineArn, classifyTaskResourceShared, stateMachineNameOf, type IntegrationPattern, type TaskResourceInfo } from "../expr/arn.js";
import { perMachine } from "./memo.js";
import { looksLikeJsonataExpression } from "../expr/jsonata.js";
import { contextMember } from "../expr/context-fields.js";
import { PARENT_EXECUTION_ID_KEY } from "../aws/integrations.js";

export interface Arg {
  /** The value node. */
  node: Node;
  /** The key as written (`StateMachineArn` or `StateMachineArn.$`). */
  key: string;
  /** Only known at run time (a `.$` path or a JSONata `{% %}` expression). */
  dynamic: boolean;
}

export interface NestedTask {
  state: State;
  resource: Node;
  pattern: IntegrationPattern;
  language: "JSONPath" | "JSONata";
  /** `Parameters` (JSONPath) or `Arguments` (JSONata). */
  argsField: "Parameters" | "Arguments";
  args?: Node;
  arn?: Arg;
  input?: Arg;
  name?: Arg;
}

/** A string node that holds a JSONata expression (white space around it allowed). */
export function holdsJsonataExpression(node: Node | undefined): boolean {
  return node?.type === "string" && looksLikeJsonataExpression(node.value as string);
}

function arg(args: Node | undefined, name: string, language: NestedTask["language"]): Arg | undefined {
  if (!isObject(args)) return undefined;
  if (language === "JSONPath") {
    const dyn = get(args, `${name}.$`);
    if (dyn) return { node: dyn, key: `${name}.$`, dynamic: true };
  }
  const node = get(args, name);
  if (!node) return undefined;
  return { node, key: name, dynamic: language === "JSONata" && holdsJsonataExpression(node) };
}

/** A Task resource that starts a child execution: the optimized integration `states:startExecution`, with any pattern. */
export function startsExecution(info: TaskResourceInfo): boolean {
  return info.kind === "integration" && info.service?.value === "states" && info.action?.value === "startExecution";
}

/** Every Task of the machine whose Resource starts an execution of a state machine (found once per lint). */
export const nestedTasks: (machine: Machine) => NestedTask[] = perMachine((machine: Machine): NestedTask[] => {
  const out: NestedTask[] = [];
  for (const state of machine.states) {
    if (state.type !== "Task" || !isObject(state.node)) continue;
    const resource = get(state.node, "Resource");
    if (resource?.type !== "string") continue;
    const text = resource.value as string;
    if (!text.includes("startExecution")) continue;
    const info = classifyTaskResourceShared(text);
    if (!startsExecution(info) || !info.pattern) continue;
    const language = state.queryLanguage;
    const argsField = language === "JSONata" ? "Arguments" : "Parameters";
    const args = get(state.node, argsField);
    out.push({
      state,
      resource,
      pattern: info.pattern,
      language,
      argsField,
      args,
      arn: arg(args, "StateMachineArn", language),
      input: arg(args, "Input", language),
      name: arg(args, "Name", language),
    });
  }
  return out;
});

/** The snippet that passes the parent's execution id, per query language. */
export function parentIdMember(language: NestedTask["language"]): { key: string; value: string } {
  return contextMember(PARENT_EXECUTION_ID_KEY, "Execution.Id", language);
}

/**
 * The state machine name a definition file stands for: its file name without the directory
 * and without `.asl.json`, `.asl.yaml`, `.asl.yml`, `.asl`, `.json`, `.yaml`, `.yml` (and a
 * `.express` before them). `workflows/Child.express.asl.json` is `Child`.
 */
export function stateMachineNameOfFile(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.replace(/(\.express)?(\.asl)?\.(json|ya?ml)$/i, "").replace(/(\.express)?\.asl$/i, "");
}

/**
 * The child definition a task starts, when it is linted in the same run (ctx.peers) or is
 * this very machine (a recursive call), found by the state machine name of a literal ARN.
 */
export function findChild(ctx: MachineContext, task: NestedTask): { peer: PeerDefinition; self: boolean } | undefined {
  if (!task.arn || task.arn.dynamic || task.arn.node.type !== "string") return undefined;
  const info = classifyStateMachineArn(task.arn.node.value as string);
  if (info.kind !== "state-machine" && info.kind !== "version" && info.kind !== "alias") return undefined;
  const name = stateMachineNameOf(info);
  if (name === undefined) return undefined;
  const peer = ctx.peers?.get(name);
  if (peer) return { peer, self: false };
  if (ctx.filename && stateMachineNameOfFile(ctx.filename) === name) return { peer: { name, type: ctx.type, machine: ctx.machine }, self: true };
  return undefined;
}
