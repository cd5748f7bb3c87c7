/**
 * The retriers and catchers of a state, found once per lint (retry-catch, retry-max-delay and
 * unmatched-error read them). The error names themselves are facts: aws/errors.ts.
 */
import { get, isArray, isObject, type Node } from "../parse/tree.js";
import { Collector } from "./collector.js";
import type { State } from "./index.js";
import { perState } from "./memo.js";
import { HANDLER_TYPES } from "../aws/states.js";

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
  if (state.type === undefined || !HANDLER_TYPES.has(state.type)) return NONE;
  if (!isObject(state.node)) return NONE;
  return handlersFound(state);
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
const handlersFound = perState(findHandlers);

export function handlerLabel(h: Handler): string {
  return `${h.kind}[${h.index}]`;
}
