/**
 * AWS's own words: the codes and message texts ValidateStateMachineDefinition (and
 * CreateStateMachine) return, as recorded or measured (../shared/reference/aws-validation-messages.md,
 * section and confidence given with each). `--format aws` prints these instead of aslint's
 * explanations; where AWS's text is not on record, aslint's own message stands in.
 * AWS's caveat: only `result` is contractual; codes and wording may change.
 */

export const SCHEMA_VALIDATION_FAILED = "SCHEMA_VALIDATION_FAILED";
/** Not in AWS's documented list of codes, yet returned (MEAS, §3.7). */
export const UNSUPPORTED_JSONATA_EXPRESSION = "UNSUPPORTED_JSONATA_EXPRESSION";

/**
 * The codes ValidateStateMachineDefinition returns: its documented list (asl-facts §12,
 * ValidateStateMachineDefinition) and the two JSONata codes measured beside it (§3.6, §3.7). A
 * finding AWS reports under no code of its own that is on record goes out as
 * SCHEMA_VALIDATION_FAILED, as the recorded EXPRESS refusals do (§2), never under aslint's rule code.
 */
export const AWS_CODES: ReadonlySet<string> = new Set([
  "NO_DOLLAR",
  "NO_PATH",
  "PASS_RESULT_IS_STATIC",
  "INVALID_JSON_DESCRIPTION",
  "MISSING_DESCRIPTION",
  SCHEMA_VALIDATION_FAILED,
  "INVALID_RESOURCE",
  "MISSING_END_STATE",
  "DUPLICATE_STATE_NAME",
  "INVALID_STATE_NAME",
  "STATE_MACHINE_NAME_EMPTY",
  "STATE_MACHINE_NAME_INVALID",
  "STATE_MACHINE_NAME_TOO_LONG",
  "STATE_MACHINE_NAME_ALREADY_EXISTS",
  "DUPLICATE_LABEL_NAME",
  "INVALID_LABEL_NAME",
  "MISSING_TRANSITION_TARGET",
  "TOO_DEEPLY_NESTED",
  "INVALID_JSONATA_EXPRESSION",
  UNSUPPORTED_JSONATA_EXPRESSION,
]);

export interface AwsText {
  code?: string;
  message: string;
}

/** A definition that is not a JSON object, blank included (REC, §2). */
export const NOT_A_JSON_OBJECT: AwsText = { code: SCHEMA_VALIDATION_FAILED, message: "Definition must be a valid JSON object" };

/** One object's missing fields, in one message (REC, §2; S1). */
export function requiredFields(fields: readonly string[]): string {
  return `These fields are required: [${fields.join(", ")}]`;
}

/** AWS's order of the fields of one "These fields are required" where it is on record (REC: `[States, StartAt]`). */
export const REQUIRED_ORDER: readonly string[] = ["States", "StartAt"];

/** A required member of a sub-object, such as Credentials' RoleArn (REC, §2; S2). */
export function requiredButMissing(field: string): string {
  return `The field '${field}' is required but was missing`;
}

/** A key not allowed where it stands, reported at the object that holds it (PASTE, MEAS; S3). */
export function notSupported(key: string): string {
  return `Field '${key}' is not supported`;
}

/** A field of the other query language on a state, reported at the state (MEAS; S4). */
export function onlyForLanguage(language: string, field: string, other: string): string {
  return `The QueryLanguage is set to '${language}', but field '${field}' is only supported for the '${other}' QueryLanguage`;
}

/** A JSONPath state in a JSONata state machine, at the state (REC, §2; S5). */
export const JSONPATH_IN_JSONATA_MACHINE = "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine";

/** "QueryLanguage" not exactly JSONPath or JSONata, and not a string (MEAS; S6, S7). */
export const QUERY_LANGUAGE_VALUES = "Value should be one of the following: [JSONPath, JSONata]";
export const EXPECTED_STRING = "Expected value of type [STRING]";

/** An unknown state Type, at the field (REC, §2): AWS's own order of the types. */
export const TYPE_VALUES = "The field 'Type' should have one of these values: [Task, Wait, Pass, Succeed, Fail, Choice, Parallel, Map]";

/** An empty array AWS refuses, such as Parallel "Branches": [] (REC, S8). */
export const VALUE_CANNOT_BE_EMPTY = "Value cannot be empty";

/** A number below its minimum, such as Map "MaxConcurrency": -1 (MEAS; S9). */
export function minimumValue(limit: number): string {
  return `Minimum value is ${limit}`;
}

/** A ".$" value that is neither a path nor an intrinsic function, at the payload object (REC, §2; S10). */
export function invalidDollarValue(key: string): string {
  return `The value for the field '${key}' must be a valid JSONPath or a valid intrinsic function call`;
}

/** A Task Resource that is not an ARN (PASTE; S12). */
export const NOT_A_RESOURCE_ARN = "Value is not a valid resource ARN";

/** An integration resource AWS does not know, such as arn:aws:states:::dynamodb:query (REC, §2). */
export function resourceNotRecognized(resource: string): string {
  return `The resource provided ${resource} is not recognized. The value is not a valid resource ARN, or the resource is not available in this region.`;
}

/** A timestamp AWS cannot read (REC, §2). */
export const NOT_A_TIMESTAMP = "String does not match RFC3339 timestamp";

/** Express workflows (REC, §2): the .waitForTaskToken message ends in a space, as AWS writes it. */
export const EXPRESS_WAIT_FOR_TASK_TOKEN = "Express state machine does not support '.waitForTaskToken' service integration ";
export const EXPRESS_SYNC = "Express state machine does not support '.sync' service integration";
export const EXPRESS_ACTIVITY = "Express state machine does not support Activity ARN";

/** AWS's words for an integration pattern an Express workflow cannot use; not on record for .sync:2. */
export function expressPattern(pattern: string | undefined): AwsText | undefined {
  if (pattern === "waitForTaskToken") return { code: SCHEMA_VALIDATION_FAILED, message: EXPRESS_WAIT_FOR_TASK_TOKEN };
  if (pattern === "sync") return { code: SCHEMA_VALIDATION_FAILED, message: EXPRESS_SYNC };
  return undefined;
}

/** A transition to a state that does not exist: 'Next' for every transition field (PASTE, MEAS; M1). */
export function missingTarget(target: string): string {
  return `Missing 'Next' target: ${target}`;
}

/** A state no transition reaches: double quotes, a final period (PASTE, MEAS; M2). */
export function notReachable(state: string): string {
  return `State "${state}" is not reachable.`;
}

/** No terminal state at the top level: AWS gives no location (MEAS, §3.3). */
export const NO_TERMINAL_STATE = "Workflow has no terminal state";

/** A state name used twice (SFL, §3.4). */
export function duplicateStateName(state: string): string {
  return `Duplicate State name: ${state}`;
}

/** JSONata that reads what Step Functions does not provide (MEAS, §3.7). */
export const DOLLAR_DOLLAR_NOT_SUPPORTED = "Reference to '$$' is not supported.";
export function topLevelReference(name: string): string {
  return `Reference to '${name}' at the top level is not supported.`;
}
export function statesFieldDoesNotExist(field: string): string {
  return `Field '$states.${field}' does not exist.`;
}

/** ValidateStateMachineDefinition's warnings (DOC, §3.8). */
export function noDollar(key: string): string {
  return `The value of '${key}' looks like a JSONPath. Instead of '${key}', use '${key}.$' to evaluate it as a JSONPath at runtime.`;
}
export function noPath(field: string): string {
  return `The value of '${field}' looks like a JSONPath. Instead of '${field}', use '${field}Path' to evaluate it as a JSONPath at runtime.`;
}
export function passResultIsStatic(key: string): string {
  return `The value of '${key}' will not evaluate as a JSONPath or Intrinsic Function at runtime. Instead of 'Result', use 'Parameters' to evaluate it as a JSONPath or Intrinsic Function at runtime.`;
}
