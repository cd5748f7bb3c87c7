/**
 * The mock formats `aslint run` reads, all turned into one MockSource:
 *
 * - aslint's own: `{ "<state>": <response> | [<response>, ...] }` where a response is
 *   `{"result": <JSON>}` or `{"error": "...", "cause": "..."}`; a list gives one response per
 *   invocation of the state (retries count), the last one repeating.
 * - Step Functions Local's mock configuration file: `StateMachines.<name>.TestCases.<case>`
 *   maps state names to the name of a mocked response; `MockedResponses.<name>` maps
 *   invocation numbers (`"0"`, or a range `"1-2"`) to `{"Return": <JSON>}` or
 *   `{"Throw": {"Error": "...", "Cause": "..."}}`.
 * - A recorded execution: get-execution-history output, whose task results and failures
 *   become the responses of the states that produced them, in order.
 */
import { isObject, MAX_DATA_DEPTH, parseJson, tooDeep, type Json, type JsonObject } from "../eval/json.js";
import type { MockResponse, MockSource } from "./execution.js";

/** A problem with a mock file, said in the user's terms. */
export class MockFormatError extends Error {}

function responseOf(v: Json, where: string): MockResponse {
  if (tooDeep(v)) throw new MockFormatError(`${where}: the response nests objects and arrays deeper than ${MAX_DATA_DEPTH} levels.`);
  if (!isObject(v)) throw new MockFormatError(`${where}: a mocked response is {"result": ...} or {"error": "...", "cause": "..."}.`);
  if ("result" in v) return { result: v.result };
  if (typeof v.error === "string") return { error: v.error, cause: typeof v.cause === "string" ? v.cause : "" };
  throw new MockFormatError(`${where}: a mocked response needs "result", or "error" (with an optional "cause").`);
}

/** A source from lists of responses per state: invocation n takes the n-th, the last one repeats. */
export function listMocks(lists: ReadonlyMap<string, readonly MockResponse[]>): MockSource {
  return {
    response(state, n) {
      const list = lists.get(state);
      if (!list || list.length === 0) return undefined;
      return list[Math.min(n, list.length - 1)];
    },
  };
}

/** aslint's own mock file. */
export function parseMocks(value: Json): MockSource {
  if (!isObject(value)) throw new MockFormatError('A mocks file is a JSON object: {"<state name>": {"result": ...}}.');
  const lists = new Map<string, MockResponse[]>();
  for (const state of Object.keys(value)) {
    const v = value[state];
    const items = Array.isArray(v) ? v : [v];
    lists.set(state, items.map((item, i) => responseOf(item, Array.isArray(v) ? `"${state}"[${i}]` : `"${state}"`)));
  }
  return listMocks(lists);
}

/** Step Functions Local's mock configuration, for one state machine and test case. */
export function parseMockConfig(value: Json, testCase: string, stateMachine?: string): MockSource {
  if (!isObject(value) || !isObject(value.StateMachines) || !isObject(value.MockedResponses)) {
    throw new MockFormatError('A mock configuration file has "StateMachines" and "MockedResponses" objects.');
  }
  const machines = value.StateMachines;
  const names = Object.keys(machines).filter((m) => isObject(machines[m]) && isObject((machines[m] as JsonObject).TestCases) && testCase in ((machines[m] as JsonObject).TestCases as JsonObject));
  const machine = stateMachine ?? (names.length === 1 ? names[0] : undefined);
  if (machine === undefined) {
    if (names.length === 0) throw new MockFormatError(`No state machine of the mock configuration has a test case "${testCase}".`);
    throw new MockFormatError(`Several state machines have a test case "${testCase}" (${names.join(", ")}): name one with --state-machine.`);
  }
  const entry = machines[machine];
  const cases = isObject(entry) && isObject(entry.TestCases) ? entry.TestCases : undefined;
  const tc = cases?.[testCase];
  if (!isObject(tc)) throw new MockFormatError(`The state machine "${machine}" has no test case "${testCase}".`);
  const responses = value.MockedResponses;
  const byState = new Map<string, MockResponse[]>();
  for (const state of Object.keys(tc)) {
    const ref = tc[state];
    if (typeof ref !== "string" || !isObject(responses[ref])) {
      throw new MockFormatError(`Test case "${testCase}" maps "${state}" to ${JSON.stringify(ref)}, which is not a key of MockedResponses.`);
    }
    const numbered = responses[ref] as JsonObject;
    const list: MockResponse[] = [];
    for (const key of Object.keys(numbered)) {
      const m = /^(\d+)(?:-(\d+))?$/.exec(key);
      if (!m) throw new MockFormatError(`MockedResponses "${ref}": "${key}" is not an invocation number or range such as "0" or "1-2".`);
      const from = Number(m[1]);
      const to = m[2] !== undefined ? Number(m[2]) : from;
      if (to < from || to > 10_000) throw new MockFormatError(`MockedResponses "${ref}": the range "${key}" is not valid.`);
      const r = numbered[key];
      if (tooDeep(r)) throw new MockFormatError(`MockedResponses "${ref}"."${key}" nests objects and arrays deeper than ${MAX_DATA_DEPTH} levels.`);
      let response: MockResponse;
      if (isObject(r) && "Return" in r) response = { result: r.Return };
      else if (isObject(r) && isObject(r.Throw) && typeof r.Throw.Error === "string") response = { error: r.Throw.Error, cause: typeof r.Throw.Cause === "string" ? r.Throw.Cause : "" };
      else throw new MockFormatError(`MockedResponses "${ref}"."${key}": write {"Return": ...} or {"Throw": {"Error": "...", "Cause": "..."}}.`);
      for (let i = from; i <= to; i++) list[i] = response;
    }
    for (let i = 0; i < list.length; i++) {
      if (!list[i]) throw new MockFormatError(`MockedResponses "${ref}" has no response for invocation ${i}; number them from 0 without gaps.`);
    }
    byState.set(state, list);
  }
  return listMocks(byState);
}

/** The history's task outcomes, per state, in the order they happened; and the execution's input. */
export function mocksFromHistory(value: Json): { mocks: MockSource; input?: Json; states: string[] } {
  const events = isObject(value) && Array.isArray(value.events) ? value.events.filter(isObject) : undefined;
  if (!events) throw new MockFormatError('A history file is get-execution-history output: {"events": [...]}.');
  const byId = new Map<number, JsonObject>();
  for (const e of events) if (typeof e.id === "number") byId.set(e.id, e);
  const stateOf = (e: JsonObject): string | undefined => {
    let cur: JsonObject | undefined = e;
    for (let guard = 0; cur && guard < 100_000; guard++) {
      if (typeof cur.type === "string" && cur.type.endsWith("StateEntered") && isObject(cur.stateEnteredEventDetails)) {
        const n = cur.stateEnteredEventDetails.name;
        return typeof n === "string" ? n : undefined;
      }
      cur = typeof cur.previousEventId === "number" ? byId.get(cur.previousEventId) : undefined;
    }
    return undefined;
  };
  const lists = new Map<string, MockResponse[]>();
  let input: Json | undefined;
  const add = (e: JsonObject, r: MockResponse) => {
    const state = stateOf(e);
    if (state === undefined) return;
    const list = lists.get(state) ?? [];
    list.push(r);
    lists.set(state, list);
  };
  for (const e of events) {
    const type = e.type;
    if (type === "ExecutionStarted" && isObject(e.executionStartedEventDetails) && typeof e.executionStartedEventDetails.input === "string") {
      const p = parseJson(e.executionStartedEventDetails.input);
      if (p.ok && tooDeep(p.value)) throw new MockFormatError(`The history's execution input nests objects and arrays deeper than ${MAX_DATA_DEPTH} levels.`);
      if (p.ok) input = p.value;
    } else if (type === "TaskSucceeded" || type === "ActivitySucceeded" || type === "LambdaFunctionSucceeded") {
      const d = (e.taskSucceededEventDetails ?? e.activitySucceededEventDetails ?? e.lambdaFunctionSucceededEventDetails) as JsonObject | undefined;
      const text = d && typeof d.output === "string" ? d.output : "null";
      const p = parseJson(text);
      if (p.ok && tooDeep(p.value)) throw new MockFormatError(`The history's event ${String(e.id)} has an output nested deeper than ${MAX_DATA_DEPTH} levels.`);
      add(e, { result: p.ok ? p.value : text });
    } else if (/^(Task|Activity|LambdaFunction)(Failed|TimedOut|StartFailed|SubmitFailed|ScheduleFailed)$/.test(String(type))) {
      const key = Object.keys(e).find((k) => k.endsWith("EventDetails"));
      const d = key && isObject(e[key]) ? (e[key] as JsonObject) : {};
      const timedOut = String(type).endsWith("TimedOut");
      add(e, { error: typeof d.error === "string" ? d.error : timedOut ? "States.Timeout" : "States.TaskFailed", cause: typeof d.cause === "string" ? d.cause : "" });
    }
  }
  return { mocks: listMocks(lists), input, states: [...lists.keys()] };
}
