import type { Rule, RuleContext } from "./types.js";
import { get, isArray, isObject, walk, type Node, memberOf } from "../parse/tree.js";
import type { Scope, State } from "../model/index.js";
import { classifyTaskResourceShared } from "../expr/arn.js";
import { loopsOf, type Loop } from "./loops.js";
import { quote, statesOfType } from "./util.js";
import { StateCache } from "./state-cache.js";

/** A Standard execution fails when its history reaches 25,000 events (DG-QUOTAS). */
export const HISTORY_LIMIT = 25_000;
/** A redrive needs fewer than 24,999 events (RedriveExecution). */
export const REDRIVE_LIMIT = 24_999;
/** Below this many passes, a loop's budget is worth a warning. */
const FEW_PASSES = 500;
/** Below this many items, an inline Map over input items is worth a warning... */
const FEW_ITEMS = 1_000;
/** ...and below this many, a note (a Map of a few Pass states is not worth one). */
const SOME_ITEMS = 5_000;

/**
 * Events one pass through a state adds to the history (HistoryEventType in the SFN model):
 * - Pass, Choice, Wait, Succeed: <Type>StateEntered + <Type>StateExited = 2; Fail: FailStateEntered = 1;
 * - Task: TaskStateEntered, TaskScheduled, TaskStarted, TaskSucceeded, TaskStateExited = 5
 *   (Lambda ARN: LambdaFunctionScheduled/Started/Succeeded; activity: ActivityScheduled/Started/
 *   Succeeded); .sync and .waitForTaskToken add TaskSubmitted = 6;
 * - Parallel: Entered, Started, Succeeded, Exited = 4, plus every branch;
 * - inline Map: Entered, Started, Succeeded, Exited = 4, plus per item MapIterationStarted and
 *   MapIterationSucceeded = 2 and the item processor's states;
 * - Distributed Map: Entered, MapStateStarted, MapRunStarted, MapRunSucceeded, MapStateSucceeded,
 *   Exited = 6 (child executions keep their own histories);
 * - the execution: ExecutionStarted + ExecutionSucceeded = 2.
 * Retries add 3 events per attempt (Scheduled, Started, Failed) and are not counted.
 */
export function stateEvents(state: State, items = 1): number {
  if (items !== 1) return computeEvents(state, items);
  return memo.get(state, computeOnce);
}

const memo = new StateCache<number>();
const computeOnce = (state: State): number => computeEvents(state, 1);

function computeEvents(state: State, items: number): number {
  switch (state.type) {
    case "Pass":
    case "Choice":
    case "Wait":
    case "Succeed":
      return 2;
    case "Fail":
      return 1;
    case "Task": {
      const r = get(state.node, "Resource");
      const text = r?.type === "string" ? (r.value as string) : "";
      const info = text ? classifyTaskResourceShared(text) : undefined;
      return info?.pattern === "sync" || info?.pattern === "sync:2" || info?.pattern === "waitForTaskToken" ? 6 : 5;
    }
    case "Parallel":
      return 4 + state.children.reduce((n, s) => n + scopeEvents(s), 0);
    case "Map": {
      if (isDistributed(state)) return 6;
      return 4 + items * (2 + state.children.reduce((n, s) => n + scopeEvents(s), 0));
    }
    default:
      return 2;
  }
}

/** Events of one pass through every state of a scope (an upper bound when paths branch). */
export function scopeEvents(scope: Scope): number {
  let n = scopeMemo.get(scope);
  if (n === undefined) {
    n = 0;
    for (const s of scope.states) n += stateEvents(s);
    scopeMemo.set(scope, n);
  }
  return n;
}

const scopeMemo = new WeakMap<Scope, number>();

/** What a state adds to the baseline of an inline Map's budget: an inline Map counts 4, without its items. */
function baselineEvents(s: State): number {
  return s.type === "Map" && !isDistributed(s) ? 4 : stateEvents(s);
}

/** Sum of `baselineEvents` over a scope's states (memoised). */
function scopeBaseline(scope: Scope): number {
  let n = baselineMemo.get(scope);
  if (n === undefined) {
    n = 0;
    for (const s of scope.states) n += baselineEvents(s);
    baselineMemo.set(scope, n);
  }
  return n;
}

const baselineMemo = new WeakMap<Scope, number>();

function isDistributed(state: State): boolean {
  return distributed.get(state, findDistributed);
}

/** Asked for every Map many times (budgets, events, baselines): found once. */
const distributed = new StateCache<boolean>();

function findDistributed(state: State): boolean {
  const processor = get(state.node, "ItemProcessor") ?? get(state.node, "Iterator");
  return get(get(processor, "ProcessorConfig"), "Mode")?.value === "DISTRIBUTED";
}

/** The history a scope's states write to: the execution's, or a Distributed Map child's. */
function budgetOf(scope: Scope): { express: boolean; root: Scope } {
  for (let s: Scope | undefined = scope; s; s = s.owner?.scope) {
    if (s.kind === "processor" && s.owner && isDistributed(s.owner)) {
      const type = get(get(s.node, "ProcessorConfig"), "ExecutionType")?.value;
      return { express: type === "EXPRESS", root: s };
    }
    if (!s.owner) return { express: false, root: s };
  }
  return { express: false, root: scope };
}

const NUMERIC = /^Numeric(Equals|LessThan|GreaterThan|LessThanEquals|GreaterThanEquals)(Path)?$/;

/** Does a Choice rule (or its nested And/Or/Not) compare a number: a counter-like condition? */
function countsSomething(rule: Node): boolean {
  if (!isObject(rule)) return false;
  for (const p of rule.properties) {
    if (NUMERIC.test(p.key)) return true;
    if (p.key === "Condition" && p.type === "string" && /[<>]|\$count\(|\$number\(|\+\s*1\b/.test(p.value as string)) return true;
    if ((p.key === "And" || p.key === "Or") && isArray(p) && p.items.some(countsSomething)) return true;
    if (p.key === "Not" && countsSomething(p)) return true;
  }
  return false;
}

/** How the loop can end: a counter-like Choice exit, any Choice exit (or a terminal state), only a Catch, or nothing. */
function exitsOf(loop: Loop): "counter" | "condition" | "catch" | "none" {
  const inside = new Set(loop.states);
  let exit: "counter" | "condition" | "catch" | "none" = "none";
  for (const s of loop.states) {
    if (s.terminal) exit = "condition";
    for (const e of s.out) {
      if (e.to && inside.has(e.to)) continue;
      if (e.kind === "Catch") {
        if (exit === "none") exit = "catch";
        continue;
      }
      if (s.type !== "Choice") continue;
      const choices = get(s.node, "Choices");
      if (e.kind === "Default") {
        // leaving by Default: the rules that stay in the loop are the condition
        if (isArray(choices) && choices.items.some(countsSomething)) return "counter";
        exit = "condition";
      } else if (e.kind === "Choice") {
        const rule = e.node.parent;
        if (rule && countsSomething(rule)) return "counter";
        exit = "condition";
      }
    }
  }
  return exit;
}

/**
 * Can anything in the loop change the data its Choice reads: a Task or Wait (the outside world),
 * a Parallel/Map, or a state that computes from its data (a `.$` path, a JSONata `{% %}`
 * expression, an InputPath/OutputPath/ItemsPath)? A loop of Pass and Choice states with static
 * values only sees the same data on every pass.
 */
function canProgress(states: readonly State[]): boolean {
  for (const s of states) {
    if (s.type !== "Pass" && s.type !== "Choice") return true;
    let dynamic = false;
    walk(s.node, (n) => {
      if (dynamic) return false;
      const key = memberOf(n)?.key;
      if (key !== undefined && (key.endsWith(".$") || key === "InputPath" || key === "OutputPath" || key === "ItemsPath")) dynamic = true;
      else if (n.type === "string" && (n.value as string).includes("{%")) dynamic = true;
    });
    if (dynamic) return true;
  }
  return false;
}

function waitSeconds(loop: Loop): number {
  let total = 0;
  for (const s of loop.states) {
    if (s.type !== "Wait") continue;
    const v = get(s.node, "Seconds")?.value;
    if (typeof v === "number") total += v;
  }
  return total;
}

function duration(seconds: number): string {
  if (seconds < 120) return `${Math.round(seconds)} seconds`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} minutes`;
  if (seconds < 172800) return `${Math.round(seconds / 3600)} hours`;
  return `${Math.round(seconds / 86400)} days`;
}

/** `x.toLocaleString("en-US")`, without Intl for integers (the common case). */
function n(x: number): string {
  if (!Number.isSafeInteger(x) || Object.is(x, -0)) return x.toLocaleString("en-US");
  const digits = String(Math.abs(x));
  let out = "";
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ",";
    out += digits[i];
  }
  return x < 0 ? `-${out}` : out;
}

function checkLoops(ctx: RuleContext): void {
  for (const loop of loopsOf(ctx.machine)) {
    const budget = budgetOf(loop.scope);
    if (budget.express) continue;
    let perPass = 0;
    let inRoot = 0;
    for (const s of loop.states) {
      const e = stateEvents(s);
      perPass += e;
      if (s.scope === budget.root) inRoot += e;
    }
    // the root scope's states outside the loop (integer sums: exact in any order)
    const baseline = 2 + scopeEvents(budget.root) - inRoot;
    const passes = Math.max(0, Math.floor((HISTORY_LIMIT - baseline) / perPass));
    const redrivable = Math.max(0, Math.floor((REDRIVE_LIMIT - 1 - baseline) / perPass));
    const exits = exitsOf(loop);
    if (exits === "none") continue; // no-terminal-path reports loops with no way out
    const names = loop.states.slice(0, 4).map((s) => quote(s.name)).join(" → ") + (loop.states.length > 4 ? ` → … (${loop.states.length} states)` : "");
    const wait = waitSeconds(loop);
    const time = wait > 0 ? ` With its Wait of ${n(wait)} seconds, that is about ${duration(wait * passes)}.` : "";
    const head = `Loop ${names} adds up to ${n(perPass)} history events per pass: about ${n(passes)} passes fit in the ${n(HISTORY_LIMIT)}-event history of a Standard execution (it fails when the history is full), and after about ${n(redrivable)} the execution can no longer be redriven (${n(REDRIVE_LIMIT)} events).${time}`;
    const at = loop.states[0];
    if (exits === "catch") {
      ctx.report(at.node, `${head} Nothing in sight bounds it: it leaves only through a Catch, when something fails. Add a Choice that ends the loop (a counter) or move the repeated work to a child execution or a Distributed Map.`, { key: true, severity: "WARNING" });
    } else if (exits === "condition" && !canProgress(loop.states)) {
      ctx.report(at.node, `${head} Nothing in sight bounds it: no Choice in the loop counts passes, and no state in it changes the data the Choice reads, so a pass that does not leave never will. Change the data in the loop (a Task, a path or an expression) or add a counter.`, { key: true, severity: "WARNING" });
    } else if (passes < FEW_PASSES) {
      ctx.report(at.node, `${head} That is few: move the repeated work to a child execution (states:startExecution) or a Distributed Map, or continue in a new execution.`, { key: true, severity: "WARNING" });
    } else {
      ctx.report(at.node, head, { key: true, severity: "INFO" });
    }
  }
}

/** Inline Maps whose items come from the input: the item count is not bounded by the definition. */
function checkMaps(ctx: RuleContext): void {
  for (const state of statesOfType(ctx.machine, "Map")) {
    if (!isObject(state.node) || isDistributed(state)) continue;
    const budget = budgetOf(state.scope);
    if (budget.express) continue;
    const itemsPath = get(state.node, "ItemsPath");
    const items = get(state.node, "Items");
    if (items && (items.type === "array" || (items.type === "string" && !/\$states\.input|\$[a-zA-Z_]/.test(items.value as string)))) continue; // literal items
    if (itemsPath && itemsPath.type === "string" && !(itemsPath.value as string).startsWith("$")) continue;
    const perItem = 2 + state.children.reduce((sum, s) => sum + scopeEvents(s), 0);
    // the root scope's states other than this Map
    const baseline = 2 + 4 + scopeBaseline(budget.root) - (state.scope === budget.root ? baselineEvents(state) : 0);
    const fit = Math.max(0, Math.floor((HISTORY_LIMIT - baseline) / perItem));
    const at = itemsPath ?? items ?? state.node;
    const message = `Inline Map ${quote(state.name)} writes every item into this execution's history: about ${n(perItem)} events per item, so about ${n(fit)} items fill the ${n(HISTORY_LIMIT)}-event history (the execution then fails, and cannot be redriven once it passes ${n(REDRIVE_LIMIT)}). Nothing in the definition bounds the number of items it reads from the input.`;
    if (fit >= SOME_ITEMS) continue;
    if (fit < FEW_ITEMS) {
      ctx.report(at, `${message} For large inputs use a Distributed Map ("ProcessorConfig": { "Mode": "DISTRIBUTED" }: each item runs as a child execution with its own history) or a child execution per batch.`, { key: true, severity: "WARNING" });
    } else {
      ctx.report(at, message, { key: true, severity: "INFO" });
    }
  }
}

export const historyBudget: Rule = {
  meta: {
    id: "history-budget",
    severity: "INFO",
    wholeDocument: true,
    description: "How many passes of each loop (and items of each inline Map) fit in the 25,000-event history of a Standard execution.",
    rationale:
      "A Standard execution fails when its history reaches 25,000 events, and can be redriven only while it holds fewer than 24,999. Every state adds events (Pass, Choice, Wait, Succeed 2; Fail 1; Task 5, or 6 with .sync/.waitForTaskToken; Parallel 4 plus its branches; inline Map 4 plus 2 per item plus its processor's states; Distributed Map 6, its children keep their own histories; the execution 2; retries 3 per attempt, not counted). aslint adds up a loop's states to estimate the events per pass and says how many passes fit: a note normally, a warning when fewer than 500 passes fit or when nothing bounds the loop (it leaves only through a Catch, or it is made of Pass and Choice states with static values only, so its data never changes), and for an inline Map over input items a note when fewer than 5,000 items fit, a warning when fewer than 1,000. Express workflows have no such limit.",
    source: "DG-QUOTAS (execution history 25,000 events); SFN-MODEL HistoryEventType, RedriveExecution (fewer than 24,999 events); asl-facts §10",
    examples: {
      fail: '{ "StartAt": "Check", "States": { "Check": { "Type": "Choice", "Choices": [{ "Variable": "$.ready", "BooleanEquals": true, "Next": "Done" }], "Default": "Not yet" }, "Not yet": { "Type": "Pass", "Next": "Check" }, "Done": { "Type": "Succeed" } } }',
      pass: '{ "StartAt": "Poll", "States": { "Poll": { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": { "FunctionName": "status" }, "Next": "Wait" }, "Wait": { "Type": "Wait", "Seconds": 30, "Next": "Done?" }, "Done?": { "Type": "Choice", "Choices": [{ "Variable": "$.status", "StringEquals": "DONE", "Next": "Done" }], "Default": "Poll" }, "Done": { "Type": "Succeed" } } }',
    },
  },
  check(ctx) {
    if (ctx.type === "EXPRESS") return;
    checkLoops(ctx);
    checkMaps(ctx);
  },
};
