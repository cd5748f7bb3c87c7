/**
 * How many events the states of a machine write to an execution's history (asl-facts §10): the
 * history-budget rule adds them up per loop and per inline Map.
 */
import { get } from "../parse/tree.js";
import { classifyTaskResourceShared } from "../expr/arn.js";
import type { Scope, State } from "./index.js";
import { isDistributedMap, mapProcessing } from "./map.js";
import { perScope, perState } from "./memo.js";

/**
 * Events one pass through a state adds to the history (HistoryEventType in the SFN model):
 * - Pass, Choice, Wait, Succeed: <Type>StateEntered + <Type>StateExited = 2; Fail: FailStateEntered = 1;
 * - Task: TaskStateEntered, TaskScheduled, TaskStarted, TaskSucceeded, TaskStateExited = 5
 *   (Lambda ARN: LambdaFunctionScheduled/Started/Succeeded; activity: ActivityScheduled/Started/
 *   Succeeded); .sync and .waitForTaskToken add TaskSubmitted = 6;
 * - Parallel: Entered, Started, Succeeded, Exited = 4, plus every branch;
 * - inline Map: Entered, Started, Succeeded, Exited = 4, plus per item MapIterationStarted and
 *   MapIterationSucceeded = 2 and the item processor's states;
 * - Distributed Map: Entered, MapStateStarted, MapRunStarted, MapRunSucceeded, MapStateSucceeded,
 *   Exited = 6 (child executions keep their own histories);
 * - the execution: ExecutionStarted + ExecutionSucceeded = 2.
 * Retries add 3 events per attempt (Scheduled, Started, Failed) and are not counted.
 */
export function stateEvents(state: State, items = 1): number {
  if (items !== 1) return computeEvents(state, items);
  return eventsOnce(state);
}

const eventsOnce = perState((state: State): number => computeEvents(state, 1));

function computeEvents(state: State, items: number): number {
  switch (state.type) {
    case "Pass":
    case "Choice":
    case "Wait":
    case "Succeed":
      return 2;
    case "Fail":
      return 1;
    case "Task": {
      const r = get(state.node, "Resource");
      const text = r?.type === "string" ? (r.value as string) : "";
      const info = text ? classifyTaskResourceShared(text) : undefined;
      return info?.pattern === "sync" || info?.pattern === "sync:2" || info?.pattern === "waitForTaskToken" ? 6 : 5;
    }
    case "Parallel":
      return 4 + state.children.reduce((n, s) => n + scopeEvents(s), 0);
    case "Map": {
      if (isDistributedMap(state)) return 6;
      return 4 + items * (2 + state.children.reduce((n, s) => n + scopeEvents(s), 0));
    }
    default:
      return 2;
  }
}

/** Events of one pass through every state of a scope (an upper bound when paths branch). */
export const scopeEvents = perScope((scope: Scope): number => {
  let n = 0;
  for (const s of scope.states) n += stateEvents(s);
  return n;
});

/** What a state adds to the baseline of an inline Map's budget: an inline Map counts 4, without its items. */
export function baselineEvents(s: State): number {
  return s.type === "Map" && !isDistributedMap(s) ? 4 : stateEvents(s);
}

/** Sum of `baselineEvents` over a scope's states (memoised). */
export const scopeBaseline = perScope((scope: Scope): number => {
  let n = 0;
  for (const s of scope.states) n += baselineEvents(s);
  return n;
});

/** The history a scope's states write to: the execution's, or a Distributed Map child's. */
export function historyOf(scope: Scope): { express: boolean; root: Scope } {
  for (let s: Scope | undefined = scope; s; s = s.owner?.scope) {
    if (s.kind === "processor" && s.owner && isDistributedMap(s.owner)) return { express: mapProcessing(s.owner).executionType === "EXPRESS", root: s };
    if (!s.owner) return { express: false, root: s };
  }
  return { express: false, root: scope };
}

