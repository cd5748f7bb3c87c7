/**
 * Shared knowledge about Step Functions error names (asl-facts §5) and a walk over the
 * retriers and catchers of a state. Used by retry-catch and unmatched-error.
 */
import { get, isArray, isObject, type Node } from "../parse/tree.js";
import { Collector } from "./collector.js";
import type { State } from "../model/index.js";
import { StateCache } from "./state-cache.js";

/** Every predefined error name: SPEC Appendix A plus AWS's additions (DG-ERR). */
export const KNOWN_ERRORS = [
  "States.ALL",
  "States.TaskFailed",
  "States.Timeout",
  "States.HeartbeatTimeout",
  "States.Permissions",
  "States.ResultPathMatchFailure",
  "States.ParameterPathFailure",
  "States.QueryEvaluationError",
  "States.BranchFailed",
  "States.NoChoiceMatched",
  "States.IntrinsicFailure",
  "States.ExceedToleratedFailureThreshold",
  "States.ItemReaderFailed",
  "States.ResultWriterFailed",
  "States.DataLimitExceeded",
  "States.Runtime",
  "States.Http.Socket",
];

const KNOWN = new Set(KNOWN_ERRORS);
/** HTTP Task errors carry the status code: `States.Http.StatusCode.404`. */
const HTTP_STATUS = /^States\.Http\.StatusCode\.[1-5]\d\d$/;

export function isKnownError(name: string): boolean {
  return KNOWN.has(name) || HTTP_STATUS.test(name);
}

/** Names AWS never lets a retrier or catcher see: the execution fails at once. */
export const UNCATCHABLE = new Set(["States.Runtime", "States.DataLimitExceeded"]);

/** SPEC names that AWS marks "reserved for future use" (it reports these conditions as States.Runtime). */
export const RESERVED = new Set(["States.IntrinsicFailure", "States.NoChoiceMatched", "States.ParameterPathFailure"]);

export type HandlerKind = "Retry" | "Catch";

export interface Handler {
  kind: HandlerKind;
  /** Position in the Retry or Catch array. */
  index: number;
  /** Number of elements of that array. */
  count: number;
  node: Node;
  errorEquals?: Node & { items: Node[] };
  /** The string elements of ErrorEquals (read-only: may be the ErrorEquals array itself). */
  names: readonly Node[];
}

/** The retriers and catchers of a Task, Parallel or Map state (other types cannot have them: the schema says so). */
export function handlersOf(state: State): readonly Handler[] {
  if (state.type !== "Task" && state.type !== "Parallel" && state.type !== "Map") return NONE;
  if (!isObject(state.node)) return NONE;
  return cache.get(state, findHandlers);
}

const KINDS = ["Retry", "Catch"] as const;
const found = new Collector<Handler>();

function findHandlers(state: State): readonly Handler[] {
  for (const kind of KINDS) {
    const list = get(state.node, kind);
    if (!isArray(list)) continue;
    for (let index = 0; index < list.items.length; index++) {
      const node = list.items[index];
      if (!isObject(node)) continue;
      const ee = get(node, "ErrorEquals");
      const errorEquals = isArray(ee) ? ee : undefined;
      found.push({ kind, index, count: list.items.length, node, errorEquals, names: errorEquals ? stringElements(errorEquals.items) : NO_NAMES });
    }
  }
  return found.take(NONE);
}

const NO_NAMES: readonly Node[] = [];

/** The string elements of ErrorEquals: usually all of them (then the array itself, read-only). */
function stringElements(items: Node[]): readonly Node[] {
  for (const n of items) if (n.type !== "string") return items.filter((x) => x.type === "string");
  return items;
}

const NONE: readonly Handler[] = [];
/** Three rules read the handlers of every state: found once. */
const cache = new StateCache<readonly Handler[]>();

export function handlerLabel(h: Handler): string {
  return `${h.kind}[${h.index}]`;
}
