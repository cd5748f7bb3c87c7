/**
 * State types and the fields each may have (asl-facts §2.2, §3; SPEC §States). Which fields a
 * state of each type and query language may have is the JSON Schema's (schemas/asl.schema.json,
 * compiled to src/generated/schema.js; test/schema.test.ts holds it to the field matrix of
 * asl-facts §2.2): the sets below are read from it, not written again.
 */
import { fields } from "../generated/schema.js";

/** The eight state types, in the SPEC's order. */
export const STATE_TYPES = ["Pass", "Task", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map"] as const;
export type StateType = (typeof STATE_TYPES)[number];

/** The state types whose JSONPath (or JSONata) form may have `field`, from the schema. */
export function typesWithField(field: string, language: "JSONPath" | "JSONata" = "JSONPath"): ReadonlySet<string> {
  return new Set(STATE_TYPES.filter((t) => (fields[`${t}.${language}` as keyof typeof fields] as readonly string[]).includes(field)));
}

/** State types that must have `Next` or `"End": true` (all but Choice, Succeed and Fail). */
export const NEEDS_TRANSITION: ReadonlySet<string> = typesWithField("Next");

/** State types that may have `Retry` and `Catch` (Task, Parallel, Map: asl-facts §4). */
export const HANDLER_TYPES: ReadonlySet<string> = typesWithField("Catch");

/**
 * Fields a JSONPath state may have and a JSONata state may not (asl-facts §2.3): InputPath,
 * OutputPath, Parameters, ResultSelector, ResultPath, Result, ItemsPath and every `…Path` twin.
 */
export const JSONPATH_ONLY_FIELDS: ReadonlySet<string> = new Set(
  STATE_TYPES.flatMap((t) => {
    const jsonata = fields[`${t}.JSONata`] as readonly string[];
    return (fields[`${t}.JSONPath`] as readonly string[]).filter((f) => !jsonata.includes(f));
  }),
);

/** State types with a result, which JSONata reads as `$states.result` in their `Output` and `Assign` (asl-facts §2.6). */
export const RESULT_STATE_TYPES: ReadonlySet<string> = new Set(["Task", "Parallel", "Map"]);

/**
 * Fields that a JSONPath state may instead read from its input through a `…Path` twin
 * (`Seconds` / `SecondsPath`), of which it may give only one (asl-facts §2.3, §3.2, §3.4, §3.6,
 * §3.8; SPEC: MUST NOT both be present). By state type; the Map's nested objects below.
 * (The Choice comparison operators have twins too: aws/choice-operators.ts.)
 */
const STATE_PATH_TWINS: Readonly<Record<string, readonly string[]>> = {
  Fail: ["Error", "Cause"],
  Wait: ["Seconds", "Timestamp"],
  Task: ["TimeoutSeconds", "HeartbeatSeconds"],
  Map: ["MaxConcurrency", "ToleratedFailurePercentage", "ToleratedFailureCount"],
};

/** The twins in a Map's `ItemReader.ReaderConfig`. */
export const READER_CONFIG_PATH_TWINS: readonly string[] = ["MaxItems"];
/** The twins in a Map's `ItemBatcher`. */
export const ITEM_BATCHER_PATH_TWINS: readonly string[] = ["MaxItemsPerBatch", "MaxInputBytesPerBatch"];

/** A Wait state waits for exactly one of these (asl-facts §3.4). */
export const WAIT_DURATIONS: readonly string[] = ["Seconds", "Timestamp", "SecondsPath", "TimestampPath"];

const NO_TWINS: readonly string[] = [];

/** The fields of a state type that have a `…Path` twin (none for an unknown type, whatever its name). */
export function pathTwinsOf(type: string | undefined): readonly string[] {
  return type !== undefined && Object.hasOwn(STATE_PATH_TWINS, type) ? STATE_PATH_TWINS[type] : NO_TWINS;
}

/** Every field of a state that has a `…Path` twin, of every state type, in the table's order. */
export const ALL_STATE_PATH_TWINS: readonly string[] = Object.values(STATE_PATH_TWINS).flat();
