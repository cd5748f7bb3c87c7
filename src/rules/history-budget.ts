import type { Rule, RuleContext } from "./types.js";
import { get, isArray, isObject, walk, type Node, memberOf } from "../parse/tree.js";
import type { State } from "../model/index.js";
import { baselineEvents, historyOf, scopeBaseline, scopeEvents, stateEvents } from "../model/history.js";
import { isDistributedMap } from "../model/map.js";
import { loopsOf, type Loop } from "../model/loops.js";
import { statesOfType } from "../model/by-type.js";
import { eachChoiceRule } from "../model/jsonpath-fields.js";
import { quote } from "../expr/names.js";
import { HISTORY_LIMIT, REDRIVE_HISTORY_LIMIT as REDRIVE_LIMIT } from "../aws/limits.js";
import { operatorNames } from "../aws/choice-operators.js";
/** Below this many passes, a loop's budget is worth a warning. */
const FEW_PASSES = 500;
/** Below this many items, an inline Map over input items is worth a warning... */
const FEW_ITEMS = 1_000;
/** ...and below this many, a note (a Map of a few Pass states is not worth one). */
const SOME_ITEMS = 5_000;

const NUMERIC: ReadonlySet<string> = new Set(operatorNames((op) => op.kind === "Numeric"));

/** Does a Choice rule (or its nested And/Or/Not) compare a number: a counter-like condition? */
function countsSomething(rule: Node): boolean {
  return eachChoiceRule(rule, comparesNumber);
}

/** Does this one rule compare a number (the rules nested in it aside)? */
function comparesNumber(rule: Node): boolean {
  for (const p of rule.properties!) {
    if (NUMERIC.has(p.key)) return true;
    if (p.key === "Condition" && p.type === "string" && /[<>]|\$count\(|\$number\(|\+\s*1\b/.test(p.value as string)) return true;
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
    const budget = historyOf(loop.scope);
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
    if (!isObject(state.node) || isDistributedMap(state)) continue;
    const budget = historyOf(state.scope);
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
    basis: "accepted",
    findings: [
      { severity: "WARNING", basis: "accepted", what: "a loop nothing in sight bounds, or a budget of few passes" },
    ],
    wholeDocument: true,
    description: "How many passes of each loop (and items of each inline Map) fit in the 25,000-event history of a Standard execution.",
    rationale:
      "A Standard execution fails when its history reaches 25,000 events, and can be redriven only while it holds fewer than 24,999. Every state adds events (Pass, Choice, Wait, Succeed 2; Fail 1; Task 5, or 6 with .sync/.waitForTaskToken; Parallel 4 plus its branches; inline Map 4 plus 2 per item plus its processor's states; Distributed Map 6, its children keep their own histories; the execution 2; retries 3 per attempt, not counted). aslint adds up a loop's states to estimate the events per pass and says how many passes fit: a note normally, a warning when fewer than 500 passes fit or when nothing bounds the loop (it leaves only through a Catch, or it is made of Pass and Choice states with static values only, so its data never changes), and for an inline Map over input items a note when fewer than 5,000 items fit, a warning when fewer than 1,000. Express workflows have no such limit.",
    source: "DG-QUOTAS (execution history 25,000 events); SFN-MODEL HistoryEventType, RedriveExecution (fewer than 24,999 events); asl-facts §10",
    examples: {
      fail: '{ "StartAt": "Poll", "States": { "Poll": { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": { "FunctionName": "status" }, "Next": "Wait" }, "Wait": { "Type": "Wait", "Seconds": 30, "Next": "Done?" }, "Done?": { "Type": "Choice", "Choices": [{ "Variable": "$.status", "StringEquals": "DONE", "Next": "Done" }], "Default": "Poll" }, "Done": { "Type": "Succeed" } } }',
      pass: '{ "StartAt": "Wait for done", "States": { "Wait for done": { "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "Parameters": { "QueueUrl": "q", "MessageBody": { "token.$": "$$.Task.Token" } }, "HeartbeatSeconds": 3600, "TimeoutSeconds": 86400, "Next": "Done" }, "Done": { "Type": "Succeed" } } }',
    },
  },
  check(ctx) {
    if (ctx.type === "EXPRESS") return;
    checkLoops(ctx);
    checkMaps(ctx);
  },
};
