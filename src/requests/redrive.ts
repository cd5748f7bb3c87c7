/**
 * Can this execution be redriven? Reads the output of `aws stepfunctions describe-execution`
 * (and optionally `get-execution-history`) and answers REDRIVABLE or NOT_REDRIVABLE with every
 * reason that applies, worded like AWS's `redriveStatusReason` (SFN model, DescribeExecution;
 * RedriveExecution documentation; asl-facts §10, §13):
 * - status SUCCEEDED or RUNNING (or PENDING_REDRIVE: a redrive is already under way);
 * - more than 14 days since the execution stopped (the redrivable period);
 * - open longer than one year (the maximum execution time);
 * - 24,999 or more history events (a redrive appends ExecutionRedriven and at least one more);
 * - started before RedriveExecution was launched (2023-11-15);
 * - an EXPRESS execution (RedriveExecution does not support them).
 * When redrivable and the history is given, it lists what a redrive re-runs: the states that
 * failed, were aborted or timed out, and for Map and Parallel only the failed iterations and
 * branches. Pure: the time is passed in (`now`).
 */
import { REDRIVE_HISTORY_LIMIT } from "../aws/limits.js";
import { STATE_TYPES } from "../aws/states.js";
import { get, isArray, isObject, type Node, memberOf } from "../parse/index.js";
import type { Diagnostic, LintResult } from "../diagnostic.js";
import { classifyStateMachineArn } from "../expr/arn.js";
import { SFN_MODEL } from "../aws/api-models.js";
import { num, openRequest, type RequestContext, type RuleSettings } from "./request.js";
import { awsReasonStands, iso, parseTime, reasonsOf, redrivableUntil, type ExecutionFacts } from "./redrive-reasons.js";
import { redriveInput, redriveRerun, redriveStatus } from "./rules.js";
import { checkMapRun, isMapRunOutput, type MapRunPlan, type ParentVerdict } from "./redrive-map-run.js";
import { checkListing, isListingOutput, type ListedExecution } from "./redrive-listing.js";

export type { MapRunPlan, MapRunCounts } from "./redrive-map-run.js";
export type { ListedExecution } from "./redrive-listing.js";

export type RedriveStatus = "REDRIVABLE" | "NOT_REDRIVABLE" | "REDRIVABLE_BY_MAP_RUN";

export interface RerunState {
  state: string;
  type: string;
  /** Error name of the failure, when the history has one. */
  error?: string;
  /** Map: the iterations a redrive runs again (failed or aborted). */
  iterations?: number[];
  /** Map: iterations that had not started. */
  notStarted?: number;
  /** How many open instances (a state inside a Map iteration can fail in several). */
  count: number;
}

export interface RedriveCheck {
  /** What the file is: describe-execution output, describe-map-run output, or list-executions output. */
  kind: "execution" | "map-run" | "listing";
  status: RedriveStatus | "UNKNOWN";
  /** Reasons it is not redrivable, in AWS's words. */
  reasons: string[];
  /** What a redrive re-runs (with the history, when redrivable). */
  rerun?: RerunState[];
  /** describe-map-run: what a redrive of the parent would run again. */
  mapRun?: MapRunPlan;
  /** list-executions: one verdict per listed execution. */
  executions?: ListedExecution[];
  describe: LintResult;
  history?: LintResult;
}

export interface RedriveOptions {
  filename?: string;
  history?: { text: string; filename?: string };
  /** The time to judge at (the CLI's --now, default the current time). */
  now: Date;
  /** Per-rule severity settings, by rule id, as `lint` takes them. */
  rules?: RuleSettings;
  /** With describe-map-run output: the describe-execution output of its parent execution. */
  parent?: { text: string; filename?: string };
}

export { MAX_OPEN_DAYS, REDRIVABLE_DAYS, REDRIVE_LAUNCH, parseTime } from "./redrive-reasons.js";

const STATUSES: readonly string[] = SFN_MODEL.shapes.ExecutionStatus.enum;

/**
 * Reads both files (readDescribe, readHistory), lists every reason RedriveExecution would
 * refuse the execution (reasonsNotRedrivable), gives the verdict, and for a redrivable one
 * notes until when and what a redrive re-runs (noteRedrivable, planRerun).
 */
export function checkRedrive(text: string, options: RedriveOptions): RedriveCheck {
  const { ctx, root } = openRequest(text, options.filename, "describe-execution output", options.rules);
  if (root && isListingOutput(root)) {
    const executions = checkListing(ctx, root, options.now.getTime());
    const describe = ctx.finish();
    const ok = executions.length > 0 && executions.every((e) => e.redriveStatus === "REDRIVABLE");
    describe.result = ok ? "OK" : "FAIL";
    return { kind: "listing", status: ok ? "REDRIVABLE" : executions.length ? "NOT_REDRIVABLE" : "UNKNOWN", reasons: [], executions, describe };
  }
  if (root && isMapRunOutput(root)) {
    let parent: ParentVerdict | undefined;
    if (options.parent) {
      const p = checkRedrive(options.parent.text, { now: options.now, rules: options.rules, filename: options.parent.filename });
      const arn = p.kind === "execution" ? readExecutionArn(options.parent.text, options.parent.filename) : undefined;
      parent = { status: p.status, reasons: p.reasons, executionArn: arn, file: options.parent.filename };
    }
    const m = checkMapRun(ctx, root, parent);
    const describe = ctx.finish();
    describe.result = m.status === "REDRIVABLE" ? "OK" : "FAIL";
    return { kind: "map-run", status: m.status as RedriveStatus | "UNKNOWN", reasons: m.reasons, ...(m.plan ? { mapRun: m.plan } : {}), describe };
  }
  const out: RedriveCheck = { kind: "execution", status: "UNKNOWN", reasons: [], describe: { result: "OK", diagnostics: [] } };
  let history: History | undefined;
  let historyCtx: RequestContext | undefined;
  if (options.history) {
    const h = openRequest(options.history.text, options.history.filename, "get-execution-history output", options.rules);
    historyCtx = h.ctx;
    const facts = h.root && readHistory(h.ctx, h.root);
    if (facts) history = { ...facts, ctx: h.ctx };
  }
  const execution = root && readDescribe(ctx, root);
  if (execution) {
    const now = options.now.getTime();
    out.reasons = reasonsNotRedrivable(ctx, execution, history, now);
    out.status = verdict(execution, out.reasons);
    if (out.status === "REDRIVABLE") out.rerun = noteRedrivable(ctx, execution, history);
  }
  out.describe = ctx.finish();
  // the verdict is the result: FAIL whenever RedriveExecution would be refused
  if (execution) out.describe.result = out.status === "REDRIVABLE" ? "OK" : "FAIL";
  if (historyCtx) out.history = historyCtx.finish();
  return out;
}

/** The executionArn a describe-execution output names (for pairing a Map Run with its parent). */
function readExecutionArn(text: string, filename: string | undefined): string | undefined {
  const { root } = openRequest(text, filename);
  const arn = get(root, "executionArn")?.value;
  return typeof arn === "string" ? arn : undefined;
}

/** What the describe-execution output says, once its members are checked. */
interface Execution {
  root: Node;
  arnNode: Node;
  statusNode: Node;
  startNode: Node;
  stopNode?: Node;
  status: string;
  arn: ReturnType<typeof classifyStateMachineArn>;
  express: boolean;
  start: number;
  /** NaN without a stopDate. */
  stop: number;
}

/** The history's facts and the context that reports on its file. */
type History = HistoryFacts & { ctx: RequestContext };

/** Checks what a describe-execution output must hold; undefined when it cannot be judged. */
function readDescribe(ctx: RequestContext, root: Node): Execution | undefined {
  const field = (name: string, type: "string" | "time"): Node | undefined => {
    const node = get(root, name);
    if (!node) return undefined;
    if (type === "string" && node.type !== "string") {
      ctx.report(node, `${name} should be a string in describe-execution output.`, { rule: redriveInput });
      return undefined;
    }
    if (type === "time" && Number.isNaN(parseTime(node.value))) {
      ctx.report(node, `${name} is not a time: expected ISO 8601 with a zone ("2024-05-01T10:00:00.000000+00:00") or epoch seconds.`, { rule: redriveInput });
      return undefined;
    }
    return node;
  };
  const missing = ["executionArn", "status", "startDate"].filter((m) => !get(root, m));
  if (missing.length) {
    ctx.reportMissing(root, `This is not describe-execution output: ${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} missing. Save the output of "aws stepfunctions describe-execution --execution-arn <arn>".`, {
      rule: redriveInput,
    });
  }
  const arnNode = field("executionArn", "string");
  const statusNode = field("status", "string");
  const startNode = field("startDate", "time");
  const stopNode = field("stopDate", "time");
  const status = statusNode?.value as string | undefined;
  if (statusNode && !STATUSES.includes(status!)) {
    ctx.report(statusNode, `Unknown execution status ${JSON.stringify(status)} (expected one of ${STATUSES.join(", ")}).`, { rule: redriveInput });
  }
  // a stopDate that is there but not a time: the redrivable period cannot be judged
  if (!arnNode || !statusNode || !startNode || !STATUSES.includes(status!) || (get(root, "stopDate") && !stopNode)) return undefined;
  const arn = classifyStateMachineArn(arnNode.value as string);
  return {
    root,
    arnNode,
    statusNode,
    startNode,
    stopNode,
    status: status!,
    arn,
    express: arn.kind === "express-execution",
    start: parseTime(startNode.value),
    stop: stopNode ? parseTime(stopNode.value) : NaN,
  };
}

function factsOf(e: Execution): ExecutionFacts {
  return { status: e.status, start: e.start, stop: e.stop, express: e.express, mapRunChild: get(e.root, "mapRunArn") !== undefined };
}

/** Every reason RedriveExecution would refuse the execution, each reported on the member it rests on. */
function reasonsNotRedrivable(ctx: RequestContext, e: Execution, history: History | undefined, now: number): string[] {
  const reasons: string[] = [];
  const notRedrivable = (node: Node, reason: string, detail: string, span?: { start: number; end: number }) => {
    reasons.push(reason);
    ctx.report(node, `${reason} ${detail}`.trim(), { rule: redriveStatus, span });
  };
  const typeSpan = e.arn.arn.resourceType ? { start: e.arn.arn.resourceType.start, end: e.arn.arn.resourceType.end } : undefined;
  for (const r of reasonsOf(factsOf(e), now)) {
    const node = r.member === "status" ? e.statusNode : r.member === "executionArn" ? e.arnNode : r.member === "startDate" ? e.startNode : e.stopNode!;
    notRedrivable(node, r.reason, r.detail, r.member === "executionArn" ? typeSpan : undefined);
  }
  if (!e.express && e.arn.kind !== "execution" && e.arn.kind !== "labelled-execution" && e.arn.kind !== "placeholder") {
    ctx.report(e.arnNode, "executionArn is not an execution ARN (arn:<partition>:states:<region>:<account>:execution:<state machine>:<name>).", { rule: redriveInput, code: "InvalidArn" });
  }
  if (history && history.count >= REDRIVE_HISTORY_LIMIT) {
    reasons.push("Execution history event limit exceeded.");
    history.ctx.report(history.eventsNode, `Execution history event limit exceeded. The history holds ${num(history.count)} events; a redrive needs fewer than ${num(REDRIVE_HISTORY_LIMIT)} (it appends ExecutionRedriven and at least one more event to the same history, which stops at 25,000).`, {
      rule: redriveStatus,
      key: Boolean(memberOf(history.eventsNode)),
    });
  }

  // what AWS itself said when the output was taken
  const awsStatus = get(e.root, "redriveStatus");
  const awsReason = get(e.root, "redriveStatusReason");
  if (awsStatus?.value === "NOT_REDRIVABLE" && typeof awsReason?.value === "string") {
    const said = (awsReason.value as string).trim();
    if (said && !reasons.some((r) => r.replace(/\.$/, "") === said.replace(/\.$/, ""))) {
      // AWS's own verdict stands unless this output shows it no longer applies
      const stands = awsReasonStands(said, e.status);
      if (stands) notRedrivable(awsReason, said.endsWith(".") ? said : `${said}.`, stands);
      else ctx.report(awsReason, `AWS reported NOT_REDRIVABLE for another status: ${JSON.stringify(said)}; the status in this output is ${e.status}.`, { rule: redriveStatus, code: "REDRIVE_STATUS", severity: "INFO" });
    }
  }
  return reasons;
}

/** REDRIVABLE with no reason; an Express Distributed Map child whose only reason is being Express is redriven through its Map Run. */
function verdict(e: Execution, reasons: readonly string[]): RedriveStatus {
  if (reasons.length === 0) return "REDRIVABLE";
  const mapRunChild = e.express && get(e.root, "mapRunArn") && e.status !== "SUCCEEDED" && e.status !== "RUNNING";
  return mapRunChild && reasons.length === 1 ? "REDRIVABLE_BY_MAP_RUN" : "NOT_REDRIVABLE";
}

/** Notes on a redrivable execution: until when, and what a redrive re-runs (with the history). */
function noteRedrivable(ctx: RequestContext, e: Execution, history: History | undefined): RerunState[] | undefined {
  const { stop } = e;
  const until = redrivableUntil(factsOf(e));
  ctx.report(e.statusNode, `REDRIVABLE: the execution is ${e.status}${Number.isNaN(stop) ? "" : `, stopped ${iso(stop)}`}; it can be redriven until ${iso(until)}${history ? ` and its history holds ${num(history.count)} events` : ""}. RedriveExecution continues from the unsuccessful states with the same input and definition.`, {
    rule: redriveStatus,
    code: "REDRIVE_STATUS",
    severity: "INFO",
  });
  if (history) return planRerun(history.ctx, history);
  ctx.report(e.arnNode, `Without --history (the output of get-execution-history), the history event count (a redrive needs fewer than ${num(REDRIVE_HISTORY_LIMIT)}) and the states a redrive re-runs are not checked.`, {
    rule: redriveStatus,
    code: "REDRIVE_STATUS",
    severity: "INFO",
  });
  return undefined;
}

// ---------------------------------------------------------------------------------------
// History

interface HistoryEvent {
  node: Node;
  id: number;
  type: string;
  /** State name of StateEntered/StateExited and Map iteration events. */
  name?: string;
  nameNode?: Node;
  index?: number;
  error?: string;
  length?: number;
}

interface HistoryFacts {
  eventsNode: Node;
  events: HistoryEvent[];
  count: number;
}

const DETAIL_KEYS = [
  "stateEnteredEventDetails",
  "stateExitedEventDetails",
  "mapIterationStartedEventDetails",
  "mapIterationSucceededEventDetails",
  "mapIterationFailedEventDetails",
  "mapIterationAbortedEventDetails",
];
/** Failure details of a state's own work (execution-level failures name no state). */
const ERROR_KEYS = [
  "taskFailedEventDetails",
  "taskTimedOutEventDetails",
  "taskStartFailedEventDetails",
  "taskSubmitFailedEventDetails",
  "activityFailedEventDetails",
  "activityTimedOutEventDetails",
  "activityScheduleFailedEventDetails",
  "lambdaFunctionFailedEventDetails",
  "lambdaFunctionTimedOutEventDetails",
  "lambdaFunctionScheduleFailedEventDetails",
  "lambdaFunctionStartFailedEventDetails",
  "evaluationFailedEventDetails",
  "mapRunFailedEventDetails",
];
const EVENT_TYPES: readonly string[] = SFN_MODEL.shapes.HistoryEventType.enum;

function readHistory(ctx: RequestContext, root: Node): HistoryFacts | undefined {
  const eventsNode = get(root, "events");
  if (!isArray(eventsNode)) {
    ctx.reportMissing(root, 'This is not get-execution-history output: it has no "events" array. Save the output of "aws stepfunctions get-execution-history --execution-arn <arn>".', {
      rule: redriveInput,
    });
    return undefined;
  }
  const next = get(root, "nextToken");
  if (next && next.type === "string") {
    ctx.report(next, "The history has a nextToken: it is only one page. Save the whole history (the AWS CLI pages through it unless --max-items is given), or the event count and the states to re-run are incomplete.", {
      rule: redriveInput,
      severity: "WARNING",
      key: true,
    });
  }
  const events: HistoryEvent[] = [];
  for (const item of eventsNode.items) {
    if (!isObject(item)) continue;
    const id = get(item, "id")?.value;
    const type = get(item, "type")?.value;
    if (typeof id !== "number" || typeof type !== "string") continue;
    if (!EVENT_TYPES.includes(type)) {
      ctx.report(get(item, "type")!, `Unknown history event type ${JSON.stringify(type)}.`, { rule: redriveInput, severity: "INFO" });
    }
    const ev: HistoryEvent = { node: item, id, type };
    for (const k of DETAIL_KEYS) {
      const d = get(item, k);
      if (!d) continue;
      const n = get(d, "name");
      if (n?.type === "string") {
        ev.name = n.value as string;
        ev.nameNode = n;
      }
      const idx = get(d, "index")?.value;
      if (typeof idx === "number") ev.index = idx;
    }
    for (const k of ERROR_KEYS) {
      const e = get(get(item, k), "error")?.value;
      if (typeof e === "string") ev.error = e;
    }
    const len = get(get(item, "mapStateStartedEventDetails"), "length")?.value;
    if (typeof len === "number") ev.length = len;
    events.push(ev);
  }
  events.sort((a, b) => a.id - b.id);
  const maxId = events.length ? events[events.length - 1].id : 0;
  return { eventsNode, events, count: Math.max(events.length, maxId) };
}

const STATE_EVENT = new RegExp(`^(${STATE_TYPES.join("|")})State(Entered|Exited)$`);
const FAILURE = /(Failed|TimedOut|Aborted)$/;

interface OpenState {
  type: string;
  /** Entered events without their Exited yet (several: instances in Map iterations). */
  entered: HistoryEvent[];
}

/** What the events of the last attempt (after the last ExecutionRedriven) tell about its states. */
interface Attempt {
  /** Every state entered, by name; `order` lists them as first entered. */
  states: Map<string, OpenState>;
  order: string[];
  /** Map iterations by Map state name: index → last status. */
  iterations: Map<string, Map<number, string>>;
  /** Map state name → items (MapStateStarted length). */
  mapLength: Map<string, number>;
  /** The first error of each state. */
  errors: Map<string, string>;
  /** "failed" or "was aborted", for states whose own failure event came without an error. */
  ended: Map<string, string>;
}

/** Walks the last attempt's events: opens and closes states, follows Map iterations, attributes errors. */
function readAttempt(history: HistoryFacts): Attempt {
  let from = 0;
  history.events.forEach((e, i) => {
    if (e.type === "ExecutionRedriven") from = i + 1;
  });
  const a: Attempt = { states: new Map(), order: [], iterations: new Map(), mapLength: new Map(), errors: new Map(), ended: new Map() };
  const { states, order } = a;
  let lastMapStarted: string | undefined;
  for (const e of history.events.slice(from)) {
    const end = /^(Task|Wait|Parallel|Map)State(Failed|Aborted)$/.exec(e.type);
    if (end) {
      for (let i = order.length - 1; i >= 0; i--) {
        const o = states.get(order[i])!;
        if (o.type === end[1] && o.entered.length) {
          a.ended.set(order[i], end[2] === "Failed" ? "failed" : "was aborted");
          break;
        }
      }
    }
    const m = STATE_EVENT.exec(e.type);
    if (m && e.name !== undefined) {
      let o = states.get(e.name);
      if (!o) {
        o = { type: m[1], entered: [] };
        states.set(e.name, o);
        order.push(e.name);
      }
      if (m[2] === "Entered") {
        o.entered.push(e);
        if (m[1] === "Map") lastMapStarted = e.name;
      } else o.entered.shift();
      continue;
    }
    if (e.type === "MapStateStarted" && lastMapStarted !== undefined && e.length !== undefined) a.mapLength.set(lastMapStarted, e.length);
    if (e.type.startsWith("MapIteration") && e.name !== undefined && e.index !== undefined) {
      let it = a.iterations.get(e.name);
      if (!it) a.iterations.set(e.name, (it = new Map()));
      it.set(e.index, e.type.slice("MapIteration".length));
    }
    if (FAILURE.test(e.type) && e.error) {
      // attribute the error to the innermost open state entered before it
      for (let i = order.length - 1; i >= 0; i--) {
        const o = states.get(order[i])!;
        if (o.entered.length && o.entered[o.entered.length - 1].id < e.id) {
          if (!a.errors.has(order[i])) a.errors.set(order[i], e.error);
          break;
        }
      }
    }
  }
  return a;
}

/** The plan of one open state, and the sentence that says what of a Map or Parallel runs again. */
function rerunOf(name: string, o: OpenState, a: Attempt): { item: RerunState; detail: string } {
  const item: RerunState = { state: name, type: o.type, count: o.entered.length };
  const err = a.errors.get(name);
  if (err) item.error = err;
  if (o.type === "Parallel") return { item, detail: " Only the branches that failed or were aborted run again; the others keep their results." };
  if (o.type !== "Map") return { item, detail: "" };
  const it = a.iterations.get(name);
  if (!it || !it.size) return { item, detail: " A Distributed Map's Map Run is redriven: only its unsuccessful child executions run again." };
  const again = [...it.entries()].filter(([, s]) => s === "Failed" || s === "Aborted" || s === "Started").map(([i]) => i).sort((x, y) => x - y);
  item.iterations = again;
  const length = a.mapLength.get(name);
  if (length !== undefined && length > it.size) item.notStarted = length - it.size;
  const shown = again.length > 20 ? `${again.slice(0, 20).join(", ")}, …` : again.join(", ");
  const detail = ` Only its failed or aborted iterations run again: ${again.length ? `index ${shown}` : "none"}${length !== undefined ? ` of ${num(length)}` : ""}${item.notStarted ? `, plus ${num(item.notStarted)} that had not started` : ""}; the ${num(it.size - again.length)} that succeeded are kept.`;
  return { item, detail };
}

/** The states a redrive would run again: entered in the last attempt and never exited. */
function planRerun(ctx: RequestContext, history: HistoryFacts): RerunState[] {
  const attempt = readAttempt(history);
  const plan: RerunState[] = [];
  for (const name of attempt.order) {
    const o = attempt.states.get(name)!;
    if (!o.entered.length) continue;
    const { item, detail } = rerunOf(name, o, attempt);
    const node = o.entered[0].nameNode ?? o.entered[0].node;
    const many = item.count > 1 ? ` (open in ${item.count} instances, e.g. Map iterations)` : "";
    const how = item.error ? `, which failed with ${item.error}` : `, which ${attempt.ended.get(name) ?? "did not finish"}`;
    ctx.report(node, `A redrive re-runs ${o.type} state ${JSON.stringify(name)}${many}${how}.${detail}`, { rule: redriveRerun });
    plan.push(item);
  }
  return plan;
}

/** The diagnostics of both files, for callers that want them together. */
export function allDiagnostics(check: RedriveCheck): Diagnostic[] {
  return [...check.describe.diagnostics, ...(check.history?.diagnostics ?? [])];
}

/** What `aslint redrive` was given: describe-execution, describe-map-run or list-executions output, and the execution it names. */
export function redriveFileFacts(text: string, filename?: string): { kind: RedriveCheck["kind"] | "unreadable"; executionArn?: string } {
  const { root } = openRequest(text, filename);
  if (!root) return { kind: "unreadable" };
  const arn = get(root, "executionArn")?.value;
  const kind = isListingOutput(root) ? "listing" : isMapRunOutput(root) ? "map-run" : "execution";
  return typeof arn === "string" ? { kind, executionArn: arn } : { kind };
}
