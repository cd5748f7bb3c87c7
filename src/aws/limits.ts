/**
 * Step Functions limits and quotas, one definition each, with the source it rests on
 * (asl-facts.md §10-§12 names the documents: SPEC, SFN-MODEL, DG-QUOTAS, DG-DIST, DG-INLINE).
 */
import { SFN_MODEL } from "./api-models.js";

/** A definition is at most 1,048,576 characters (SFN-MODEL Definition 1..1048576; DG-QUOTAS, 1 MB, hard). */
export const DEFINITION_MAX_CHARS = 1_048_576;

/** Objects and arrays may nest at most 1,000 levels (AWS's TOO_DEEPLY_NESTED; asl-facts §10). */
export const MAX_NESTING_DEPTH = 1000;

/** State names: 1 to 80 characters (SPEC §States; SFN-MODEL StateName 1..80; DG-QUOTAS). */
export const STATE_NAME_MAX = 80;

/** Workflow variable names: at most 80 code points (DG-VARIABLES; asl-facts §7). */
export const VARIABLE_NAME_MAX = 80;

/** Execution and state machine names: 1 to 80 characters (SFN-MODEL Name). */
export const NAME_MIN = SFN_MODEL.shapes.Name.min!;
export const NAME_MAX = SFN_MODEL.shapes.Name.max!;

/** Distributed Map labels: at most 40 characters (DG-DIST, asl-facts §11). */
export const LABEL_MAX = 40;

/** An inline Map runs at most 40 iterations at once (DG-INLINE). */
export const INLINE_MAX_CONCURRENCY = 40;

/** A Distributed Map runs at most 10,000 child executions at once, the default when MaxConcurrency is 0 (DG-DIST; asl-facts §3.8, §10). */
export const DISTRIBUTED_MAX_CONCURRENCY = 10_000;

/**
 * TimeoutSeconds and HeartbeatSeconds: 1 to 99,999,999 seconds, and a Task without them times out
 * after that long (asl-facts §3.2; the schema's `timeoutSeconds`).
 */
export const TIMEOUT_SECONDS_MAX = 99_999_999;

/** What a retrier does when it leaves a field out: MaxAttempts 3, IntervalSeconds 1, BackoffRate 2.0 (asl-facts §4, Retriers). */
export const RETRY_DEFAULTS = { maxAttempts: 3, intervalSeconds: 1, backoffRate: 2 } as const;

/** A Wait state's Seconds (or what SecondsPath selects): an integer from 0 to 99,999,999 (asl-facts §3.4). */
export const WAIT_SECONDS_MAX = 99_999_999;

/** Express executions run at most 5 minutes (DG-QUOTAS, asl-facts §10). */
export const EXPRESS_MAX_SECONDS = 300;

/** A Standard execution fails when its history reaches 25,000 events (DG-QUOTAS). */
export const HISTORY_LIMIT = 25_000;

/** A redrive needs fewer than 24,999 events in the history (RedriveExecution; DG-REDRIVE). */
export const REDRIVE_HISTORY_LIMIT = 24_999;

/** Payloads (state input and output, task results, execution input) are at most 256 KiB (DG-QUOTAS). */
export const PAYLOAD_MAX_BYTES = 262_144;

/** The values an Assign sets, together, are at most 256 KiB (DG-VARIABLES). */
export const ASSIGN_MAX_BYTES = 256 * 1024;

/** A Map Run can be redriven at most 1,000 times (DG-QUOTAS: Map Run redrives, hard; asl-facts §10). */
export const MAP_RUN_REDRIVES_MAX = 1000;
