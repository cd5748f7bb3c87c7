/**
 * One state run on one input, as Step Functions runs it: the input/output pipeline of its query
 * language, its type's own work (a Task's result, a Choice's next state, a Wait's duration, a
 * Fail's error), Assign, and Retry/Catch on an error. What a Task, Map or Parallel produces
 * comes from the caller (a TestState mock, or `aslint run`'s mocks and sub-executions), so the
 * same code answers TestState and runs whole executions.
 */
import { UNCATCHABLE } from "../aws/errors.js";
import { StatesError, runtimeError } from "../eval/errors.js";
import { applyPathFilter, applyResultPath } from "../eval/io.js";
import { evaluateJsonata, evaluateJsonataValue, type JsonataEnv } from "../eval/jsonata.js";
import { evaluateCondition, evaluateJsonPathRule } from "../eval/choice.js";
import { evaluateTemplate } from "../eval/template.js";
import { evaluatePath } from "../eval/path.js";
import { evaluateIntrinsicText } from "../eval/intrinsic.js";
import { waitDuration, waitSeconds, type WaitDuration } from "../eval/wait.js";
import { isObject, member, newObject, setMember, type Json, type JsonObject } from "../eval/json.js";
import { isJsonataExpression } from "../expr/jsonata.js";
import { RETRY_DEFAULTS } from "../aws/limits.js";

export type QueryLanguage = "JSONPath" | "JSONata";

/** What the state's work produced: a result, or an error. */
export type WorkOutcome = { result: Json } | { error: string; cause: string };

/** Supplies what a state cannot compute from its definition. */
export interface Worker {
  /** A Task's result, given its effective input (after Parameters / Arguments). */
  task(input: Json): Promise<WorkOutcome>;
  /** A Parallel state's result, given the input every branch receives. */
  parallel(input: Json): Promise<WorkOutcome>;
  /** A Map state's result, given the items (after ItemSelector) and the tolerated failures. */
  map(items: Json[], tolerance: Tolerance): Promise<WorkOutcome>;
}

export interface Tolerance {
  count?: number;
  percentage?: number;
}

export interface StateRun {
  name: string;
  state: JsonObject;
  language: QueryLanguage;
  input: Json;
  variables: Record<string, Json>;
  context: JsonObject;
  /** Milliseconds since the epoch: the state's clock (Wait durations, `$now()`). */
  now: number;
  /** Retries made so far, per retrier index. */
  retries: number[];
  uuid?: () => string;
  random?: () => number;
}

/** The inspection data TestState returns, in AWS's member names (values are JSON, serialised later). */
export type Inspection = Record<string, Json>;

export type StateOutcome =
  | { status: "SUCCEEDED"; output: Json; next?: string; variables: Record<string, Json>; wait?: WaitDuration; inspection: Inspection }
  | { status: "FAILED"; error: string; cause: string; inspection: Inspection }
  | { status: "CAUGHT_ERROR"; error: string; cause: string; output: Json; next: string; catchIndex: number; variables: Record<string, Json>; inspection: Inspection }
  | { status: "RETRIABLE"; error: string; cause: string; retryIndex: number; backoffSeconds: number; inspection: Inspection };

function str(v: Json | undefined): string | undefined {
  return typeof v === "string" ? v : undefined;
}

/** Does `ErrorEquals` name this error? (asl-facts §4, §5) */
export function errorMatches(names: Json | undefined, error: string): boolean {
  if (!Array.isArray(names) || UNCATCHABLE.has(error)) return false;
  return names.some((n) => n === error || n === "States.ALL" || (n === "States.TaskFailed" && error !== "States.Timeout"));
}

/** The backoff before retry number `attempt + 1` of a retrier (no jitter: the emulator is deterministic). */
export function backoffSeconds(retrier: JsonObject, attempt: number): number {
  const interval = typeof retrier.IntervalSeconds === "number" ? retrier.IntervalSeconds : RETRY_DEFAULTS.intervalSeconds;
  const rate = typeof retrier.BackoffRate === "number" ? retrier.BackoffRate : RETRY_DEFAULTS.backoffRate;
  let s = interval * Math.pow(rate, attempt);
  if (typeof retrier.MaxDelaySeconds === "number") s = Math.min(s, retrier.MaxDelaySeconds);
  return Math.round(s);
}

class Runner {
  readonly inspection: Inspection = {};
  readonly jsonPath: boolean;
  constructor(
    readonly run: StateRun,
    readonly worker: Worker,
  ) {
    this.jsonPath = run.language === "JSONPath";
  }

  get state(): JsonObject {
    return this.run.state;
  }

  pathEnv() {
    return { context: this.run.context, variables: this.run.variables, uuid: this.run.uuid, random: this.run.random };
  }

  jsonataEnv(extra: { result?: Json; errorOutput?: Json } = {}): JsonataEnv {
    return {
      states: { input: this.run.input, context: this.run.context, ...extra },
      variables: this.run.variables,
      now: this.run.now,
      uuid: this.run.uuid,
      random: this.run.random,
    };
  }

  /** A JSONata-capable field's value: literal, `{% %}` expression, or nested. */
  async jsonataField(field: string, extra: { result?: Json; errorOutput?: Json } = {}): Promise<Json | undefined> {
    const v = member(this.state, field);
    if (v === undefined) return undefined;
    return evaluateJsonataValue(v, this.jsonataEnv(extra), field);
  }

  /** Assign (either language): the new variables, computed from values at state entry. */
  async assign(assign: Json | undefined, dollar: Json, extra: { result?: Json; errorOutput?: Json } = {}): Promise<Record<string, Json>> {
    // a variable named "__proto__" is a variable like any other (setMember), never the object's prototype
    const vars: Record<string, Json> = newObject();
    for (const [k, v] of Object.entries(this.run.variables)) setMember(vars, k, v);
    if (!isObject(assign)) return vars;
    if (this.jsonPath) {
      const values = evaluateTemplate(assign, dollar, this.pathEnv(), "Assign") as JsonObject;
      for (const [k, v] of Object.entries(values)) setMember(vars, k, v);
    } else {
      for (const [k, v] of Object.entries(assign)) setMember(vars, k, await evaluateJsonataValue(v, this.jsonataEnv(extra), "Assign"));
    }
    return vars;
  }

  next(): string | undefined {
    return str(this.state.Next);
  }

  async execute(): Promise<StateOutcome> {
    const type = this.state.Type;
    this.inspection.input = this.run.input;
    try {
      switch (type) {
        case "Pass":
          return await this.pass();
        case "Succeed":
          return await this.succeed();
        case "Fail":
          return await this.fail();
        case "Choice":
          return await this.choice();
        case "Wait":
          return await this.wait();
        case "Task":
        case "Parallel":
        case "Map":
          return await this.work(type);
        default:
          throw runtimeError(`Unknown state type ${JSON.stringify(type)}.`);
      }
    } catch (e) {
      if (e instanceof StatesError) return { status: "FAILED", error: e.error, cause: e.cause, inspection: this.inspection };
      throw e;
    }
  }

  /** InputPath (JSONPath): recorded as afterInputPath. */
  inputPath(): Json {
    const v = applyPathFilter(this.state.InputPath, this.run.input, this.pathEnv(), "InputPath");
    this.inspection.afterInputPath = v;
    return v;
  }

  outputPath(v: Json): Json {
    return applyPathFilter(this.state.OutputPath, v, this.pathEnv(), "OutputPath");
  }

  async pass(): Promise<StateOutcome> {
    if (!this.jsonPath) {
      const output = (await this.jsonataField("Output")) ?? this.run.input;
      const variables = await this.assign(this.state.Assign, null);
      this.inspectVariables(variables);
      return { status: "SUCCEEDED", output, next: this.next(), variables, inspection: this.inspection };
    }
    let result: Json;
    if ("Result" in this.state) {
      // AWS's inspection data of a Pass with Result: the result, no InputPath/Parameters stages
      this.inputPathQuiet();
      result = this.state.Result;
      this.inspection.result = result;
    } else {
      const effective = this.inputPath();
      result = this.state.Parameters !== undefined ? evaluateTemplate(this.state.Parameters, effective, this.pathEnv(), "Parameters") : effective;
      this.inspection.afterParameters = result;
    }
    return this.afterResult(result);
  }

  /** JSONPath, from the result after ResultSelector: ResultPath, OutputPath, Assign (`$` is that result). */
  async afterResult(selected: Json): Promise<StateOutcome> {
    this.inspection.afterResultSelector = selected;
    const combined = applyResultPath(this.state.ResultPath, this.run.input, selected);
    this.inspection.afterResultPath = combined;
    const output = this.outputPath(combined);
    const variables = await this.assign(this.state.Assign, selected);
    this.inspectVariables(variables);
    return { status: "SUCCEEDED", output, next: this.next(), variables, inspection: this.inspection };
  }

  /** InputPath still applies (and can fail) where AWS does not report its stage. */
  inputPathQuiet(): Json {
    return applyPathFilter(this.state.InputPath, this.run.input, this.pathEnv(), "InputPath");
  }

  inspectVariables(variables: Record<string, Json>): void {
    if (Object.keys(variables).length > 0) this.inspection.variables = variables;
  }

  async succeed(): Promise<StateOutcome> {
    if (!this.jsonPath) {
      const output = (await this.jsonataField("Output")) ?? this.run.input;
      return { status: "SUCCEEDED", output, variables: this.run.variables, inspection: this.inspection };
    }
    const output = this.outputPath(this.inputPath());
    return { status: "SUCCEEDED", output, variables: this.run.variables, inspection: this.inspection };
  }

  async fail(): Promise<StateOutcome> {
    let error: Json | undefined;
    let cause: Json | undefined;
    if (this.jsonPath) {
      const data = this.inputPath();
      error = this.state.Error;
      cause = this.state.Cause;
      if (typeof this.state.ErrorPath === "string") error = this.pathOrIntrinsic(this.state.ErrorPath, data, "ErrorPath");
      if (typeof this.state.CausePath === "string") cause = this.pathOrIntrinsic(this.state.CausePath, data, "CausePath");
    } else {
      error = await this.jsonataField("Error");
      cause = await this.jsonataField("Cause");
    }
    for (const [field, v] of [["Error", error], ["Cause", cause]] as const) {
      if (v !== undefined && typeof v !== "string") throw runtimeError(`The value of the field '${field}' must be a string, got ${JSON.stringify(v)}.`);
    }
    const out: StateOutcome = { status: "FAILED", error: (error as string | undefined) ?? "", cause: (cause as string | undefined) ?? "", inspection: this.inspection };
    return out;
  }

  pathOrIntrinsic(text: string, data: Json, field: string): Json {
    if (text.startsWith("$")) {
      const r = evaluatePath(text, data, this.pathEnv());
      if (!r.found) throw runtimeError(`The JSONPath '${text}' specified for the field '${field}' could not be found in the input '${JSON.stringify(data)}'`);
      return r.value;
    }
    return evaluateIntrinsicText(text, data, this.pathEnv());
  }

  async choice(): Promise<StateOutcome> {
    const rules = Array.isArray(this.state.Choices) ? (this.state.Choices as JsonObject[]) : [];
    if (this.jsonPath) {
      const data = this.inputPath();
      for (const rule of rules) {
        if (evaluateJsonPathRule(rule, data, this.pathEnv())) {
          const variables = await this.assign(rule.Assign, data);
          this.inspectVariables(variables);
          return { status: "SUCCEEDED", output: this.outputPath(data), next: str(rule.Next), variables, inspection: this.inspection };
        }
      }
      if (typeof this.state.Default !== "string") return this.noMatch();
      const variables = await this.assign(this.state.Assign, data);
      this.inspectVariables(variables);
      return { status: "SUCCEEDED", output: this.outputPath(data), next: this.state.Default, variables, inspection: this.inspection };
    }
    for (const rule of rules) {
      if (await evaluateCondition(rule.Condition, this.jsonataEnv())) {
        const output = rule.Output !== undefined ? await evaluateJsonataValue(rule.Output, this.jsonataEnv(), "Output") : this.run.input;
        const variables = await this.assign(rule.Assign, null);
        this.inspectVariables(variables);
        return { status: "SUCCEEDED", output, next: str(rule.Next), variables, inspection: this.inspection };
      }
    }
    if (typeof this.state.Default !== "string") return this.noMatch();
    const output = (await this.jsonataField("Output")) ?? this.run.input;
    const variables = await this.assign(this.state.Assign, null);
    this.inspectVariables(variables);
    return { status: "SUCCEEDED", output, next: this.state.Default, variables, inspection: this.inspection };
  }

  noMatch(): StateOutcome {
    return { status: "FAILED", error: "States.NoChoiceMatched", cause: "No Matches!", inspection: this.inspection };
  }

  async wait(): Promise<StateOutcome> {
    let duration: WaitDuration;
    let data: Json = this.run.input;
    if (this.jsonPath) {
      data = this.inputPath();
      if (typeof this.state.SecondsPath === "string") {
        duration = waitDuration(this.run.now, { seconds: waitSeconds(this.pathOrIntrinsic(this.state.SecondsPath, data, "SecondsPath"), "SecondsPath") });
      } else if (typeof this.state.TimestampPath === "string") {
        duration = waitDuration(this.run.now, { timestamp: this.pathOrIntrinsic(this.state.TimestampPath, data, "TimestampPath"), field: "TimestampPath" });
      } else if (this.state.Timestamp !== undefined) {
        duration = waitDuration(this.run.now, { timestamp: this.state.Timestamp, field: "Timestamp" });
      } else {
        duration = waitDuration(this.run.now, { seconds: waitSeconds(this.state.Seconds ?? null, "Seconds") });
      }
    } else if (this.state.Timestamp !== undefined) {
      duration = waitDuration(this.run.now, { timestamp: (await this.jsonataField("Timestamp")) ?? null, field: "Timestamp" });
    } else {
      duration = waitDuration(this.run.now, { seconds: waitSeconds((await this.jsonataField("Seconds")) ?? null, "Seconds") });
    }
    const output = this.jsonPath ? this.outputPath(data) : ((await this.jsonataField("Output")) ?? this.run.input);
    const variables = await this.assign(this.state.Assign, data);
    this.inspectVariables(variables);
    return { status: "SUCCEEDED", output, next: this.next(), variables, wait: duration, inspection: this.inspection };
  }

  /** Task, Parallel, Map: input processing, the work, then result processing or error handling. */
  async work(type: "Task" | "Parallel" | "Map"): Promise<StateOutcome> {
    try {
      return await this.workUnhandled(type);
    } catch (e) {
      // a JSONata failure (States.QueryEvaluationError) may be retried or caught; States.Runtime never is
      if (e instanceof StatesError) return this.handle(e.error, e.cause);
      throw e;
    }
  }

  async workUnhandled(type: "Task" | "Parallel" | "Map"): Promise<StateOutcome> {
    let effective: Json;
    let items: Json[] | undefined;
    let tolerance: Tolerance = {};
    if (this.jsonPath) {
      const data = this.inputPath();
      if (type === "Map") {
        items = this.mapItemsJsonPath(data);
        tolerance = this.toleranceJsonPath(data);
        effective = items;
      } else {
        effective = this.state.Parameters !== undefined ? evaluateTemplate(this.state.Parameters, data, this.pathEnv(), "Parameters") : data;
        this.inspection.afterParameters = effective;
      }
    } else if (type === "Map") {
      items = await this.mapItemsJsonata();
      tolerance = await this.toleranceJsonata();
      effective = items;
    } else {
      const args = await this.jsonataField("Arguments");
      effective = args === undefined ? this.run.input : args;
      if (args !== undefined) this.inspection.afterArguments = args;
    }
    const outcome = type === "Task" ? await this.worker.task(effective) : type === "Parallel" ? await this.worker.parallel(effective) : await this.worker.map(items ?? [], tolerance);
    if ("error" in outcome) return this.handle(outcome.error, outcome.cause);
    // AWS reports a Map's result only through its output (recorded TestState responses)
    if (type !== "Map") this.inspection.result = outcome.result;
    return this.succeedWith(outcome.result);
  }

  async succeedWith(result: Json): Promise<StateOutcome> {
    if (this.jsonPath) {
      return this.afterResult(this.state.ResultSelector !== undefined ? evaluateTemplate(this.state.ResultSelector, result, this.pathEnv(), "ResultSelector") : result);
    }
    const output = (await this.jsonataField("Output", { result })) ?? result;
    const variables = await this.assign(this.state.Assign, null, { result });
    this.inspectVariables(variables);
    return { status: "SUCCEEDED", output, next: this.next(), variables, inspection: this.inspection };
  }

  /** Retry first, then Catch (asl-facts §4). */
  async handle(error: string, cause: string): Promise<StateOutcome> {
    const retriers = Array.isArray(this.state.Retry) ? (this.state.Retry as JsonObject[]) : [];
    for (let i = 0; i < retriers.length; i++) {
      const r = retriers[i];
      if (!errorMatches(r.ErrorEquals, error)) continue;
      const max = typeof r.MaxAttempts === "number" ? r.MaxAttempts : RETRY_DEFAULTS.maxAttempts;
      const done = this.run.retries[i] ?? 0;
      if (done < max) {
        const backoff = backoffSeconds(r, done);
        this.inspection.errorDetails = { retryIndex: i, retryBackoffIntervalSeconds: backoff };
        return { status: "RETRIABLE", error, cause, retryIndex: i, backoffSeconds: backoff, inspection: this.inspection };
      }
      break;
    }
    const catchers = Array.isArray(this.state.Catch) ? (this.state.Catch as JsonObject[]) : [];
    for (let i = 0; i < catchers.length; i++) {
      const c = catchers[i];
      if (!errorMatches(c.ErrorEquals, error)) continue;
      const errorOutput: JsonObject = newObject();
      setMember(errorOutput, "Error", error);
      setMember(errorOutput, "Cause", cause);
      this.inspection.errorDetails = { catchIndex: i };
      try {
        let output: Json;
        let variables: Record<string, Json>;
        if (this.jsonPath) {
          output = applyResultPath(c.ResultPath, this.run.input, errorOutput);
          variables = await this.assign(c.Assign, errorOutput);
        } else {
          output = c.Output !== undefined ? await evaluateJsonataValue(c.Output, this.jsonataEnv({ errorOutput }), "Output") : errorOutput;
          variables = await this.assign(c.Assign, null, { errorOutput });
        }
        this.inspectVariables(variables);
        return { status: "CAUGHT_ERROR", error, cause, output, next: str(c.Next) ?? "", catchIndex: i, variables, inspection: this.inspection };
      } catch (e) {
        if (e instanceof StatesError) return { status: "FAILED", error: e.error, cause: e.cause, inspection: this.inspection };
        throw e;
      }
    }
    return { status: "FAILED", error, cause, inspection: this.inspection };
  }

  // ---- Map

  mapItemsJsonPath(data: Json): Json[] {
    const raw = this.state.ItemsPath !== undefined ? applyPathFilter(this.state.ItemsPath, data, this.pathEnv(), "InputPath") : data;
    this.inspection.afterItemsPath = raw;
    const items = this.itemsOf(raw, "ItemsPath");
    const selector = this.state.ItemSelector ?? this.state.Parameters;
    if (selector === undefined) return items;
    const selected = items.map((value, index) => {
      const context = { ...this.run.context, Map: { Item: { Index: index, Value: value } } } as JsonObject;
      return evaluateTemplate(selector, data, { ...this.pathEnv(), context }, "ItemSelector");
    });
    this.inspection.afterItemSelector = selected;
    return selected;
  }

  async mapItemsJsonata(): Promise<Json[]> {
    const raw = this.state.Items !== undefined ? await evaluateJsonataValue(this.state.Items, this.jsonataEnv(), "Items") : this.run.input;
    const items = this.itemsOf(raw, "Items");
    const selector = this.state.ItemSelector;
    if (selector === undefined) return items;
    const out: Json[] = [];
    for (let index = 0; index < items.length; index++) {
      const context = { ...this.run.context, Map: { Item: { Index: index, Value: items[index] } } } as JsonObject;
      out.push(await evaluateJsonataValue(selector, { ...this.jsonataEnv(), states: { input: this.run.input, context } }, "ItemSelector"));
    }
    this.inspection.afterItemSelector = out;
    return out;
  }

  /** A Map iterates an array, or the values of an object (asl-facts §3.8). */
  itemsOf(raw: Json, field: string): Json[] {
    if (Array.isArray(raw)) return raw;
    if (isObject(raw)) return Object.values(raw);
    throw runtimeError(`The value of the field '${field}' must be an array or an object, got ${JSON.stringify(raw)}.`);
  }

  numberField(name: string, data: Json): number | undefined {
    const direct = member(this.state, name);
    if (typeof direct === "number") return direct;
    const path = member(this.state, `${name}Path`);
    if (typeof path === "string") {
      const v = this.pathOrIntrinsic(path, data, `${name}Path`);
      if (typeof v !== "number") throw runtimeError(`The value of the field '${name}Path' must be a number, got ${JSON.stringify(v)}.`);
      return v;
    }
    return undefined;
  }

  toleranceJsonPath(data: Json): Tolerance {
    const max = this.numberField("MaxConcurrency", data);
    this.inspection.maxConcurrency = max ?? 0;
    const t: Tolerance = {};
    const count = this.numberField("ToleratedFailureCount", data);
    const percentage = this.numberField("ToleratedFailurePercentage", data);
    if (count !== undefined) this.inspection.toleratedFailureCount = t.count = count;
    if (percentage !== undefined) this.inspection.toleratedFailurePercentage = t.percentage = percentage;
    return t;
  }

  async toleranceJsonata(): Promise<Tolerance> {
    const num = async (name: string): Promise<number | undefined> => {
      const raw = member(this.state, name);
      if (raw === undefined) return undefined;
      const v = isJsonataExpression(raw) ? await evaluateJsonata(raw as string, this.jsonataEnv(), name) : raw;
      if (typeof v !== "number") throw runtimeError(`The value of the field '${name}' must be a number, got ${JSON.stringify(v)}.`);
      return v;
    };
    this.inspection.maxConcurrency = (await num("MaxConcurrency")) ?? 0;
    const t: Tolerance = {};
    const count = await num("ToleratedFailureCount");
    const percentage = await num("ToleratedFailurePercentage");
    if (count !== undefined) this.inspection.toleratedFailureCount = t.count = count;
    if (percentage !== undefined) this.inspection.toleratedFailurePercentage = t.percentage = percentage;
    return t;
  }
}

/** Runs one state. Never throws a StatesError: a failure is an outcome. */
export function executeState(run: StateRun, worker: Worker): Promise<StateOutcome> {
  return new Runner(run, worker).execute();
}

/** Would this many failed items break the Map's tolerance? (asl-facts §3.8) */
export function exceedsTolerance(failed: number, total: number, t: Tolerance): boolean {
  if (failed === 0) return false;
  const byCount = t.count !== undefined && failed > t.count;
  const byPercentage = t.percentage !== undefined && total > 0 && (failed / total) * 100 > t.percentage;
  if (t.count === undefined && t.percentage === undefined) return true;
  if (t.count !== undefined && t.percentage !== undefined) return byCount || byPercentage;
  return t.count !== undefined ? byCount : byPercentage;
}
