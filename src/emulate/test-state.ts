/**
 * The TestState API, answered offline: the request is the API's input (the AWS CLI's
 * `--cli-input-json` member names, from the API model: definition, roleArn, input,
 * inspectionLevel, revealSecrets, variables, stateName, mock, context, stateConfiguration), the
 * answer the API's output (status, output, error, cause, nextState, inspectionData), or the
 * exception AWS would raise, `{"__type": ..., "message": ...}`, with the messages AWS's recorded
 * answers show (../shared/reference/test-state-recordings).
 *
 * A Task's result comes only from `mock`: nothing is ever called.
 */
import { randomUUID } from "node:crypto";
import { errorMatches, executeState, exceedsTolerance, type StateOutcome, type Worker } from "./state.js";
import { findState, SINGLE_STATE_NAME, type Located } from "./definition.js";
import { checkMockResult } from "./mock-schema.js";
import { isObject, MAX_DATA_DEPTH, member, parseJson, stringify, tooDeep, type Json, type JsonObject } from "../eval/json.js";

export type InspectionLevel = "INFO" | "DEBUG" | "TRACE";

export interface TestStateRequest {
  definition: string;
  roleArn?: string;
  input?: string;
  inspectionLevel?: InspectionLevel;
  revealSecrets?: boolean;
  variables?: string;
  stateName?: string;
  mock?: { result?: string; errorOutput?: { error?: string; cause?: string }; fieldValidationMode?: "STRICT" | "PRESENT" | "NONE" };
  context?: string;
  stateConfiguration?: { retrierRetryCount?: number; errorCausedByState?: string; mapIterationFailureCount?: number; mapItemReaderData?: string };
}

export interface TestStateResponse {
  status: "SUCCEEDED" | "FAILED" | "RETRIABLE" | "CAUGHT_ERROR";
  output?: string;
  error?: string;
  cause?: string;
  nextState?: string;
  inspectionData?: Record<string, Json>;
}

/** An exception AWS raises instead of answering. */
export interface ApiError {
  __type: string;
  message: string;
}

/** A definition diagnostic, as ValidateStateMachineDefinition reports it. */
export interface DefinitionDiagnostic {
  severity: string;
  code: string;
  message: string;
  location?: string;
  /** What the finding rests on (the linter's basis): only `rejected` and `unreadable` ERRORs are AWS refusing the definition; a failure on every run is for the run to show. */
  basis?: string;
}

/** Is this an ERROR AWS gives when it is handed the definition (not a run-time failure the emulator will show)? */
export function rejectsDefinition(d: DefinitionDiagnostic): boolean {
  return d.severity === "ERROR" && (d.basis === undefined || d.basis === "rejected" || d.basis === "unreadable");
}

export interface TestStateOptions {
  /** Checks a whole state machine definition (the CLI and the library pass the linter). */
  validate?: (definition: string) => readonly DefinitionDiagnostic[];
  region?: string;
  /** Account of the generated ARNs (default: the role's account, else 123456789012). */
  account?: string;
  /** The clock, ms since the epoch (default: now). */
  now?: number;
  uuid?: () => string;
}

export type TestStateResult = { ok: true; response: TestStateResponse } | { ok: false; error: ApiError };

const MEMBERS = new Set(["definition", "roleArn", "input", "inspectionLevel", "revealSecrets", "variables", "stateName", "mock", "context", "stateConfiguration"]);
/** Not an AWS exception: the answer needs a call aslint never makes. */
export const OFFLINE = "aslint.CannotRunOffline";
const SUPPORTED_WITHOUT_MOCK = "TestState API does not support Map or Parallel states. Supported state types include: [Task, Wait, Pass, Succeed, Fail, Choice]";

class Rejected extends Error {
  constructor(readonly apiError: ApiError) {
    super(apiError.message);
  }
}

function reject(type: string, message: string): never {
  throw new Rejected({ __type: type, message });
}

function memberError(member: string, constraint: string): never {
  reject("ValidationException", `1 validation error detected: Value at '${member}' failed to satisfy constraint: ${constraint}`);
}

function checkShape(req: unknown): TestStateRequest {
  if (!isObject(req as Json)) reject("ValidationException", "The request must be a JSON object of TestState members.");
  const r = req as JsonObject;
  for (const k of Object.keys(r)) {
    if (!MEMBERS.has(k)) reject("ValidationException", `Unknown member '${k}': TestState takes ${[...MEMBERS].join(", ")}.`);
  }
  if (typeof r.definition !== "string" || r.definition.length === 0) memberError("definition", "Member must not be null");
  for (const k of ["roleArn", "input", "variables", "stateName", "context"]) {
    const v = member(r, k);
    if (v !== undefined && typeof v !== "string") memberError(k, "Member must be a string");
  }
  if (r.inspectionLevel !== undefined && !["INFO", "DEBUG", "TRACE"].includes(r.inspectionLevel as string)) {
    memberError("inspectionLevel", "Member must satisfy enum value set: [INFO, DEBUG, TRACE]");
  }
  if (r.revealSecrets !== undefined && typeof r.revealSecrets !== "boolean") memberError("revealSecrets", "Member must be a boolean");
  if (r.mock !== undefined) {
    if (!isObject(r.mock)) memberError("mock", "Member must be a structure");
    const m = r.mock;
    if (m.result !== undefined && typeof m.result !== "string") memberError("mock.result", "Member must be a string");
    if (m.errorOutput !== undefined && !isObject(m.errorOutput)) memberError("mock.errorOutput", "Member must be a structure");
    if (m.fieldValidationMode !== undefined && !["STRICT", "PRESENT", "NONE"].includes(m.fieldValidationMode as string)) {
      memberError("mock.fieldValidationMode", "Member must satisfy enum value set: [STRICT, PRESENT, NONE]");
    }
  }
  if (r.stateConfiguration !== undefined && !isObject(r.stateConfiguration)) memberError("stateConfiguration", "Member must be a structure");
  return r as unknown as TestStateRequest;
}

function jsonMember(text: string | undefined, what: string, type: string, dflt: Json): Json {
  if (text === undefined) return dflt;
  const p = parseJson(text);
  if (!p.ok) reject(type, `${what} is not valid JSON: ${p.message}`);
  if (tooDeep(p.value)) reject(type, `${what} nests objects and arrays deeper than ${MAX_DATA_DEPTH} levels.`);
  return p.value;
}

/** The diagnostics AWS would refuse the definition for, as InvalidDefinition says them. */
function checkDefinition(text: string, located: Located, options: TestStateOptions): void {
  if (!options.validate) return;
  const whole = located.single ? JSON.stringify({ StartAt: SINGLE_STATE_NAME, States: { [SINGLE_STATE_NAME]: located.state } }) : text;
  let errors = options.validate(whole).filter(rejectsDefinition);
  // a single state may name states that are not there: it is tested alone
  if (located.single) errors = errors.filter((d) => d.code !== "MISSING_TRANSITION_TARGET" && d.code !== "MISSING_END_STATE");
  if (errors.length === 0) return;
  reject("InvalidDefinition", `Invalid State Machine Definition: '${errors.map((d) => `${d.code}: ${d.message} at ${d.location ?? "null"}`).join(", ")}'`);
}

function accountOf(roleArn: string | undefined): string | undefined {
  const m = roleArn ? /^arn:[^:]+:iam::(\d{12}):/.exec(roleArn) : null;
  return m ? m[1] : undefined;
}

/** The context object TestState gives a state (recorded responses: `State.Name` is "StateName"). */
function contextObject(req: TestStateRequest, input: Json, located: Located, options: TestStateOptions, now: number): JsonObject {
  const type = String(located.state.Type);
  const region = options.region ?? "us-east-1";
  const account = options.account ?? accountOf(req.roleArn) ?? "123456789012";
  const uuid = options.uuid ?? randomUUID;
  const machine = uuid();
  const execution = uuid();
  const time = new Date(now).toISOString();
  const state: JsonObject = { Name: SINGLE_STATE_NAME, EnteredTime: time };
  if (type === "Task" || type === "Map" || type === "Parallel") state.RetryCount = req.stateConfiguration?.retrierRetryCount ?? 0;
  const resource = located.state.Resource;
  const callback = typeof resource === "string" && (resource.endsWith(".waitForTaskToken") || resource.includes(":activity:"));
  return {
    ...(callback ? { Task: { Token: uuid() } } : {}),
    Execution: {
      Id: `arn:aws:states:${region}:${account}:express:${machine}:${execution}`,
      Input: input,
      Name: execution,
      RoleArn: req.roleArn ?? null,
      StartTime: time,
    },
    StateMachine: { Id: `arn:aws:states:${region}:${account}:stateMachine:${machine}`, Name: machine },
    State: state,
  };
}

function mockWorker(req: TestStateRequest, mockResult: Json | undefined): Worker {
  const mock = req.mock;
  const failure = mock?.errorOutput ? { error: mock.errorOutput.error ?? "", cause: mock.errorOutput.cause ?? "" } : undefined;
  const outcome = () => (failure ? failure : { result: mockResult as Json });
  const failedItems = req.stateConfiguration?.mapIterationFailureCount ?? 0;
  return {
    task: async () => outcome(),
    parallel: async () => outcome(),
    map: async (items, tolerance) => {
      if (failure) return failure;
      const total = Array.isArray(mockResult) ? mockResult.length : items.length;
      if (exceedsTolerance(failedItems, total, tolerance)) {
        return { error: "States.ExceedToleratedFailureThreshold", cause: `The specified tolerated failure threshold was exceeded: ${failedItems} of ${total} Map iterations failed.` };
      }
      return { result: mockResult as Json };
    },
  };
}

function checkMock(req: TestStateRequest, located: Located): Json | undefined {
  const mock = req.mock;
  const type = located.state.Type;
  const failures = req.stateConfiguration?.mapIterationFailureCount;
  if (mock === undefined) {
    if (failures !== undefined) reject("ValidationException", "TestState does not support MapIterationFailureCount when a mock is not specified.");
    if (type === "Map" || type === "Parallel") reject("InvalidDefinition", SUPPORTED_WITHOUT_MOCK);
    if (type === "Task" && req.roleArn === undefined) reject("ValidationException", "RoleArn must be specified when testing a Task state");
    if (req.context !== undefined) reject("ValidationException", "TestState does not support Context when a mock is not specified.");
    if (type === "Task") {
      reject(
        OFFLINE,
        `The Task state calls ${JSON.stringify(located.state.Resource)}, which cannot be run offline: aslint never calls AWS. Give the result it should return with "mock": {"result": "<JSON text>"}, or an error with "mock": {"errorOutput": {"error": "...", "cause": "..."}}.`,
      );
    }
    return undefined;
  }
  if (type !== "Task" && type !== "Map" && type !== "Parallel") reject("ValidationException", `State type '${String(type)}' is not supported when a mock is specified`);
  if (mock.errorOutput !== undefined) {
    if (typeof mock.errorOutput.error !== "string") reject("ValidationException", "The field 'error' is required when mock.errorOutput is specified.");
    return undefined;
  }
  if (mock.result === undefined) reject("ValidationException", "A test mock should have one of the following fields: [result, errorOutput].");
  const result = jsonMember(mock.result, "The mocked result", "ValidationException", null);
  if (type === "Parallel") {
    if (!Array.isArray(result)) reject("ValidationException", "Mocked result must be an array.");
    const branches = Array.isArray(located.state.Branches) ? located.state.Branches.length : 0;
    if (result.length !== branches) reject("ValidationException", "Mocked result must contain the same number of items as number of Parallel branches.");
  } else if (type === "Map") {
    if (located.state.ResultWriter !== undefined) {
      if (!isObject(result)) reject("ValidationException", "Mocked result must be a JSON object.");
    } else if (!Array.isArray(result)) reject("ValidationException", "Mocked result must be an array.");
    if (failures !== undefined && Array.isArray(result) && failures > result.length) {
      reject("ValidationException", "Map iteration failure count must be less than or equal to the number of Map iterations");
    }
  } else if (mock.fieldValidationMode !== "NONE") {
    const problem = checkMockResult(located.state.Resource, result, mock.fieldValidationMode ?? "STRICT");
    if (problem) reject("ValidationException", `Mock result schema validation error: ${problem}`);
  }
  return result;
}

function serialise(inspection: Record<string, Json>): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const [k, v] of Object.entries(inspection)) {
    out[k] = k === "errorDetails" || k === "maxConcurrency" || k === "toleratedFailureCount" || k === "toleratedFailurePercentage" ? v : stringify(v);
  }
  return out;
}

function responseOf(outcome: StateOutcome, level: InspectionLevel): TestStateResponse {
  const r: TestStateResponse = { status: outcome.status };
  if (outcome.status === "SUCCEEDED" || outcome.status === "CAUGHT_ERROR") r.output = stringify(outcome.output);
  if (outcome.status !== "SUCCEEDED") {
    if (outcome.error) r.error = outcome.error;
    if (outcome.cause) r.cause = outcome.cause;
  }
  if ((outcome.status === "SUCCEEDED" || outcome.status === "CAUGHT_ERROR") && outcome.next) r.nextState = outcome.next;
  if (level !== "INFO") r.inspectionData = serialise(outcome.inspection);
  return r;
}

/** Answers a TestState request offline. */
export async function testState(request: unknown, options: TestStateOptions = {}): Promise<TestStateResult> {
  try {
    const req = checkShape(request);
    const mock = req.mock;
    if (mock && mock.result !== undefined && mock.errorOutput !== undefined) {
      reject("ValidationException", "A test mock should have only one of the following fields: [result, errorOutput].");
    }
    if (mock && req.revealSecrets) reject("ValidationException", "TestState does not support RevealSecrets when a mock is specified.");
    const parsed = parseJson(req.definition);
    if (!parsed.ok || !isObject(parsed.value)) {
      reject("InvalidDefinition", `Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: ${parsed.ok ? "The definition must be a JSON object" : parsed.message} at null'`);
    }
    if (tooDeep(parsed.value)) reject("InvalidDefinition", `Invalid State Machine Definition: 'TOO_DEEPLY_NESTED: The definition nests objects and arrays deeper than ${MAX_DATA_DEPTH} levels at null'`);
    const located = findState(parsed.value as JsonObject, req.stateName);
    if (!located) {
      if (req.stateName === undefined) reject("InvalidDefinition", "Invalid State Machine Definition: 'The definition is a state machine: name the state to test with stateName'");
      reject("ValidationException", `State '${req.stateName}' not found in the definition.`);
    }
    checkDefinition(req.definition, located, options);
    const input = jsonMember(req.input, "The input", "InvalidExecutionInput", {});
    const variables = jsonMember(req.variables, "The variables", "ValidationException", {});
    if (!isObject(variables)) reject("ValidationException", "The variables must be a JSON object.");
    const mockResult = checkMock(req, located);
    const now = options.now ?? Date.now();
    const context = req.context !== undefined ? jsonMember(req.context, "The context", "ValidationException", {}) : contextObject(req, input, located, options, now);
    if (!isObject(context)) reject("ValidationException", "The context must be a JSON object.");
    const retries: number[] = [];
    const retrierCount = req.stateConfiguration?.retrierRetryCount;
    if (retrierCount !== undefined && mock?.errorOutput && Array.isArray(located.state.Retry)) {
      // the count applies to the retrier that handles the mocked error
      const error = mock.errorOutput.error ?? "";
      const index = (located.state.Retry as JsonObject[]).findIndex((r) => errorMatches(r.ErrorEquals, error));
      if (index >= 0) retries[index] = retrierCount;
    }
    const outcome = await executeState(
      { name: located.name, state: located.state, language: located.language, input, variables: { ...(variables as JsonObject) }, context, now, retries, uuid: options.uuid },
      mockWorker(req, mockResult),
    );
    return { ok: true, response: responseOf(outcome, req.inspectionLevel ?? "INFO") };
  } catch (e) {
    if (e instanceof Rejected) return { ok: false, error: e.apiError };
    throw e;
  }
}
