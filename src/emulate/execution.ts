/**
 * A whole execution run offline (`aslint run`): state after state from StartAt, Task results
 * from mocks (per state, per invocation, so retries can fail and then succeed), Parallel
 * branches and Map iterations run as sub-executions, Retry and Catch applied, waits not slept
 * but reported. Deterministic: the clock starts at a given time and moves only by waits and
 * retry backoffs; generated names and UUIDs come from a counter. A maximum number of
 * transitions stops a loop.
 */
import { executeState, exceedsTolerance, type StateOutcome, type Worker, type WorkOutcome } from "./state.js";
import { childScopes, languageOf, machineLanguage } from "./definition.js";
import { isObject, member, type Json, type JsonObject } from "../eval/json.js";
import type { QueryLanguage } from "./state.js";

/** One mocked outcome of a state: a result, or an error. */
export type MockResponse = { result: Json } | { error: string; cause?: string };

/** Where mocked outcomes come from: by state name and invocation number (0-based, retries count). */
export interface MockSource {
  /** The response for this invocation; undefined when the state has no mock. */
  response(state: string, invocation: number): MockResponse | undefined;
}

export interface RunOptions {
  mocks: MockSource;
  /** Stop after this many state transitions (default 1000). */
  maxTransitions?: number;
  /** The execution's start, ms since the epoch (default 2024-01-01T00:00:00Z: runs are reproducible). */
  startTime?: number;
  name?: string;
  stateMachineName?: string;
  region?: string;
  account?: string;
  roleArn?: string;
}

export interface Step {
  /** The state's name; inside a Map or Parallel, prefixed by the path to it (`Map[1]/Inner`). */
  state: string;
  type: string;
  status: StateOutcome["status"];
  next?: string;
  error?: string;
  cause?: string;
  /** Seconds the state would have waited (Wait states, and the backoff before a retry). */
  waitedSeconds?: number;
}

export interface ExecutionResult {
  status: "SUCCEEDED" | "FAILED";
  output?: Json;
  error?: string;
  cause?: string;
  /** The states run, in order. */
  path: Step[];
  transitions: number;
  /** Seconds of waiting skipped (Wait states and retry backoffs). */
  waitedSeconds: number;
}

/** A problem with the run itself (no mock, too many transitions), not a failure of the execution. */
export class RunError extends Error {}

export const DEFAULT_MAX_TRANSITIONS = 1000;
export const DEFAULT_START = Date.parse("2024-01-01T00:00:00Z");

interface ScopeRun {
  scope: JsonObject;
  input: Json;
  variables: Record<string, Json>;
  prefix: string;
}

class Execution {
  transitions = 0;
  waited = 0;
  now: number;
  path: Step[] = [];
  invocations = new Map<string, number>();
  counter = 0;
  readonly language: QueryLanguage;
  readonly contextBase: JsonObject;

  constructor(
    readonly machine: JsonObject,
    readonly input: Json,
    readonly options: RunOptions,
  ) {
    this.now = options.startTime ?? DEFAULT_START;
    this.language = machineLanguage(machine);
    const region = options.region ?? "us-east-1";
    const account = options.account ?? "123456789012";
    const smName = options.stateMachineName ?? "StateMachine";
    const name = options.name ?? "aslint-run";
    this.contextBase = {
      Execution: {
        Id: `arn:aws:states:${region}:${account}:execution:${smName}:${name}`,
        Input: input,
        Name: name,
        RoleArn: options.roleArn ?? `arn:aws:iam::${account}:role/StepFunctionsRole`,
        StartTime: new Date(this.now).toISOString(),
        RedriveCount: 0,
      },
      StateMachine: { Id: `arn:aws:states:${region}:${account}:stateMachine:${smName}`, Name: smName },
    };
  }

  uuid = (): string => {
    const n = (++this.counter).toString(16).padStart(12, "0");
    return `00000000-0000-4000-8000-${n}`;
  };

  random = (): number => {
    // a fixed sequence: the same run gives the same numbers
    this.counter++;
    return ((this.counter * 2654435761) % 4294967296) / 4294967296;
  };

  mock(name: string): MockResponse | undefined {
    const n = this.invocations.get(name) ?? 0;
    const r = this.options.mocks.response(name, n);
    if (r) this.invocations.set(name, n + 1);
    return r;
  }

  async runScope(run: ScopeRun): Promise<{ status: "SUCCEEDED"; output: Json } | { status: "FAILED"; error: string; cause: string }> {
    const states = isObject(run.scope.States) ? run.scope.States : {};
    let name = typeof run.scope.StartAt === "string" ? run.scope.StartAt : "";
    let input = run.input;
    let variables = run.variables;
    const max = this.options.maxTransitions ?? DEFAULT_MAX_TRANSITIONS;
    for (;;) {
      const state = member(states, name);
      if (!isObject(state)) return { status: "FAILED", error: "States.Runtime", cause: `The state '${name}' does not exist.` };
      if (++this.transitions > max) throw new RunError(`Stopped after ${max} state transitions (at "${run.prefix}${name}"): the execution loops, or needs --max-transitions.`);
      const retries: number[] = [];
      let outcome: StateOutcome;
      const language = languageOf(state, this.language);
      for (;;) {
        const context: JsonObject = {
          ...this.contextBase,
          State: { Name: name, EnteredTime: new Date(this.now).toISOString(), RetryCount: retries.reduce((a, b) => a + (b ?? 0), 0) },
        };
        // a callback task's token (asl-facts §9: Task.Token for activities and .waitForTaskToken)
        if (typeof state.Resource === "string" && (state.Resource.endsWith(".waitForTaskToken") || state.Resource.includes(":activity:"))) {
          context.Task = { Token: `token-${this.uuid()}` };
        }
        outcome = await executeState(
          { name, state, language, input, variables, context, now: this.now, retries, uuid: this.uuid, random: this.random },
          this.worker(run, name, state, variables),
        );
        const step: Step = { state: `${run.prefix}${name}`, type: String(state.Type), status: outcome.status };
        if (outcome.status === "RETRIABLE") {
          step.error = outcome.error;
          step.cause = outcome.cause;
          step.waitedSeconds = outcome.backoffSeconds;
          this.path.push(step);
          this.wait(outcome.backoffSeconds);
          retries[outcome.retryIndex] = (retries[outcome.retryIndex] ?? 0) + 1;
          continue;
        }
        if (outcome.status === "SUCCEEDED" && outcome.wait) {
          step.waitedSeconds = outcome.wait.seconds;
          this.wait(outcome.wait.seconds);
        }
        if (outcome.status === "FAILED" || outcome.status === "CAUGHT_ERROR") {
          step.error = outcome.error;
          step.cause = outcome.cause;
        }
        if ((outcome.status === "SUCCEEDED" || outcome.status === "CAUGHT_ERROR") && outcome.next) step.next = outcome.next;
        this.path.push(step);
        break;
      }
      if (outcome.status === "FAILED") return { status: "FAILED", error: outcome.error, cause: outcome.cause };
      input = outcome.output;
      variables = outcome.variables;
      const next = outcome.next;
      if (!next) return { status: "SUCCEEDED", output: input };
      name = next;
    }
  }

  wait(seconds: number): void {
    this.waited += seconds;
    this.now += seconds * 1000;
  }

  worker(run: ScopeRun, name: string, state: JsonObject, variables: Record<string, Json>): Worker {
    const mocked = (): WorkOutcome | undefined => {
      const m = this.mock(name);
      if (!m) return undefined;
      return "error" in m ? { error: m.error, cause: m.cause ?? "" } : { result: m.result };
    };
    return {
      task: async () => {
        const m = mocked();
        if (!m) throw new RunError(`No mock for the Task state "${run.prefix}${name}" (${String(state.Resource)}): aslint never calls AWS. Add a result or an error for it to the mocks.`);
        return m;
      },
      parallel: async (input) => {
        const m = mocked();
        if (m) return m;
        const branches = Array.isArray(state.Branches) ? state.Branches.filter(isObject) : [];
        const results: Json[] = [];
        for (let i = 0; i < branches.length; i++) {
          const r = await this.runScope({ scope: branches[i], input, variables: { ...variables }, prefix: `${run.prefix}${name}[${i}]/` });
          if (r.status === "FAILED") return { error: r.error, cause: r.cause };
          results.push(r.output);
        }
        return { result: results };
      },
      map: async (items, tolerance) => {
        const m = mocked();
        if (m) return m;
        // what aslint does not run offline: reading items from S3, batching them into child
        // executions ({"Items": [...], "BatchInput": ...}), writing results to S3 (the Map's output is then the writer's details)
        for (const field of ["ItemReader", "ItemBatcher", "ResultWriter"] as const) {
          if (state[field] !== undefined) {
            throw new RunError(`The Map state "${run.prefix}${name}" has an ${field}, which aslint cannot run offline: mock the Map state's result.`);
          }
        }
        const processor = childScopes(state).find((s) => s === (state.ItemProcessor ?? state.Iterator));
        if (!processor) return { result: [] };
        const distributed = isObject(processor.ProcessorConfig) && processor.ProcessorConfig.Mode === "DISTRIBUTED";
        const results: Json[] = [];
        let failed = 0;
        let firstError: { error: string; cause: string } | undefined;
        for (let i = 0; i < items.length; i++) {
          const r = await this.runScope({
            scope: processor,
            input: items[i],
            variables: distributed ? {} : { ...variables },
            prefix: `${run.prefix}${name}[${i}]/`,
          });
          if (r.status === "FAILED") {
            failed++;
            firstError ??= { error: r.error, cause: r.cause };
            results.push(null);
            if (!distributed && tolerance.count === undefined && tolerance.percentage === undefined) return firstError;
          } else results.push(r.output);
        }
        if (failed > 0 && exceedsTolerance(failed, items.length, tolerance)) {
          if (!distributed) return firstError!;
          return { error: "States.ExceedToleratedFailureThreshold", cause: `The tolerated failure threshold was exceeded: ${failed} of ${items.length} iterations failed.` };
        }
        return { result: results };
      },
    };
  }
}

/** Runs a whole execution of `machine` on `input`. Throws RunError when the run cannot go on (a missing mock, a loop). */
export async function runExecution(machine: JsonObject, input: Json, options: RunOptions): Promise<ExecutionResult> {
  const ex = new Execution(machine, input, options);
  const r = await ex.runScope({ scope: machine, input, variables: {}, prefix: "" });
  const out: ExecutionResult = { status: r.status, path: ex.path, transitions: ex.transitions, waitedSeconds: ex.waited };
  if (r.status === "SUCCEEDED") out.output = r.output;
  else {
    // a Fail state may name no error or cause: AWS then reports none
    if (r.error) out.error = r.error;
    if (r.cause) out.cause = r.cause;
  }
  return out;
}
