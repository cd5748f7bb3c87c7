/**
 * How a Map state runs its items (asl-facts §3.8): inline, or as a Distributed Map whose items
 * run as child executions. Read from `ItemProcessor.ProcessorConfig.Mode` (or the deprecated
 * `Iterator`); every rule and analysis that asks "is this Map distributed" asks here.
 */
import { get, prop, stringValue, type Node } from "../parse/tree.js";
import type { MachineType, Scope, State } from "./index.js";
import { perState } from "./memo.js";

export interface MapProcessing {
  /** `ItemProcessor`, or the deprecated `Iterator`. */
  processorKey?: string;
  processor?: Node;
  config?: Node;
  modeNode?: Node;
  /** INLINE when ProcessorConfig.Mode is missing; undefined when Mode is not a known string. */
  mode?: "INLINE" | "DISTRIBUTED";
  /** How a Distributed Map's child executions run: `ProcessorConfig.ExecutionType`, when it is a known string. */
  executionType?: MachineType;
}

/** How a Map state runs its items, read from `ItemProcessor.ProcessorConfig.Mode` (found once per lint). */
export const mapProcessing: (state: State) => MapProcessing = perState(readProcessing);

function readProcessing(state: State): MapProcessing {
  const processor = prop(state.node, "ItemProcessor") ?? prop(state.node, "Iterator");
  const config = get(processor, "ProcessorConfig");
  const modeNode = get(config, "Mode");
  const m = modeNode === undefined ? "INLINE" : stringValue(modeNode);
  const et = stringValue(get(config, "ExecutionType"));
  return {
    processorKey: processor?.key,
    processor,
    config,
    modeNode,
    mode: m === "INLINE" || m === "DISTRIBUTED" ? m : undefined,
    executionType: et === "STANDARD" || et === "EXPRESS" ? et : undefined,
  };
}

/** A Map state whose items run as child executions. */
export function isDistributedMap(state: State): boolean {
  return state.type === "Map" && mapProcessing(state).mode === "DISTRIBUTED";
}

/** The item processor of a Distributed Map: its states run in child executions. */
export function isDistributedProcessor(scope: Scope): boolean {
  return scope.kind === "processor" && scope.owner !== undefined && isDistributedMap(scope.owner);
}
