import type { Rule, RuleContext } from "./types.js";
import type { Scope, State } from "../model/index.js";
import { get, isArray, isObject as isObjectNode, stringValue, toValue, type Node } from "../parse/tree.js";
import { parsePathShared } from "../expr/path.js";
import { parsePayloadValueShared } from "../expr/intrinsic.js";
import { quote } from "../expr/names.js";
import { evaluateIntrinsicText } from "../eval/intrinsic.js";
import { StatesError } from "../eval/errors.js";
import { isObject, member, newObject, setMember, tooDeep, type Json, type JsonObject } from "../eval/json.js";
import { applyResultPath } from "../eval/io.js";
import { evaluateJsonPathRule } from "../eval/choice.js";
import { perState } from "../model/memo.js";

/**
 * The data-flow check: each state's input is propagated from the machine's input, state after
 * state, through the JSONPath pipeline (InputPath, Parameters, Result, ResultSelector,
 * ResultPath, OutputPath, Assign), so that a path that selects nothing, an intrinsic function
 * that fails on the values it gets, or a Choice rule comparing the wrong type is found before
 * the run.
 *
 * Two propagations: one with the execution input unknown, where a failure happens whatever the
 * input is (the data was built by the definition itself: a Pass Result, Parameters, a
 * ResultSelector) and is an ERROR when every visit of the state fails; one per input example
 * (`<name>.input.json` or `examples/<name>.input.json` beside the file, given to lint as `inputs`), whose findings are
 * WARNINGs: they hold for that input. What a Task, Map or Parallel returns is unknown, and so is
 * everything after a JSONata state: nothing unknown is ever reported.
 */

/** A value the propagation cannot know (an input without example, a Task's result, the context). */
const UNKNOWN = "\u0000aslint:unknown\u0000";
/** Distinct inputs followed per state, so loops end. */
const MAX_VISITS = 4;
/** Map items followed into the processor. */
const MAX_ITEMS = 3;
/** States followed per propagation, whatever the definition's size. */
const MAX_STEPS = 5000;

type Resolved = { kind: "found"; value: Json } | { kind: "missing"; missing: string; at: Json } | { kind: "unknown" };

interface Env {
  vars: Record<string, Json>;
}

/** No variables (shared: an Env's variables are never changed, `assign` makes new ones). */
const NO_VARS: Env = { vars: Object.freeze(newObject()) };

function noVariables(env: Env): boolean {
  if (env === NO_VARS) return true;
  for (const _ in env.vars) return false;
  return true;
}

function hasUnknown(v: Json): boolean {
  if (v === UNKNOWN) return true;
  if (Array.isArray(v)) return v.some(hasUnknown);
  if (isObject(v)) return Object.values(v).some(hasUnknown);
  return false;
}

/** A definite path read on data that may hold unknown parts. */
function resolve(text: string, data: Json, env: Env): Resolved {
  const parsed = parsePathShared(text);
  if (!parsed.ok || !parsed.definite || parsed.root === "$$") return { kind: "unknown" };
  let cur: Json;
  if (parsed.root === "variable") {
    const name = parsed.variable?.name ?? "";
    const value = member(env.vars, name);
    if (value === undefined) return { kind: "unknown" };
    cur = value;
  } else cur = data;
  for (const seg of parsed.segments) {
    if (cur === UNKNOWN) return { kind: "unknown" };
    if (seg.kind === "name") {
      const next = isObject(cur) ? member(cur, seg.name) : undefined;
      if (next !== undefined) cur = next;
      else return { kind: "missing", missing: seg.name, at: cur };
    } else if (seg.kind === "index") {
      if (!Array.isArray(cur)) return { kind: "missing", missing: `[${seg.index}]`, at: cur };
      const i = seg.index < 0 ? cur.length + seg.index : seg.index;
      if (hasUnknown(cur)) return { kind: "unknown" };
      if (i < 0 || i >= cur.length) return { kind: "missing", missing: `[${seg.index}]`, at: cur };
      cur = cur[i];
    } else return { kind: "unknown" };
  }
  return { kind: "found", value: cur };
}

function shown(v: Json): string {
  const s = JSON.stringify(v, (_k, x) => (x === UNKNOWN ? "…" : x));
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

/** A failure of the state: stop following this input (thrown, so no stack trace is taken). */
class Stop {}

interface Finding {
  node: Node;
  message: string;
  certain: boolean;
  /** The state being run when it was found. */
  state: State | undefined;
}

class Propagation {
  steps = 0;
  truncated = false;
  /** The known inputs each state was followed with (their JSON text), by state index. */
  visits: (string[] | undefined)[] = [];
  /** 1 for a state followed with nothing known (no data, no variables), by state index. */
  blind: Uint8Array;
  /** 1 for a state passed over (followed with nothing known, and it builds nothing): nothing in it can fail for certain. */
  passedOver: Uint8Array;
  /** The state being run. */
  current: State | undefined;
  /** While above 0, a failure stops the state but is not reported: it may not happen (an earlier Choice rule may match first). */
  suppress = 0;
  constructor(
    readonly certain: boolean,
    readonly findings: Map<Node, Finding>,
    readonly passed: Set<Node>,
    states: number,
  ) {
    this.blind = new Uint8Array(states);
    this.passedOver = new Uint8Array(states);
  }

  fail(node: Node, message: string): never {
    if (this.suppress === 0 && !this.findings.has(node)) this.findings.set(node, { node, message, certain: this.certain, state: this.current });
    throw new Stop();
  }

  note(node: Node, message: string): void {
    if (!this.findings.has(node)) this.findings.set(node, { node, message, certain: false, state: this.current });
  }

  ok(node: Node | undefined): void {
    if (node) this.passed.add(node);
  }

  /** The message of a path that selects nothing; `why` says what fails on it (a Choice rule). */
  missingMessage(text: string, r: { missing: string; at: Json }, field: string, why = ""): string {
    const where = isObject(r.at) ? `the data there is ${shown(r.at)}, with no ${quote(r.missing)}` : `the data there is ${shown(r.at)}`;
    if (this.certain) {
      return `${quote(text)} in ${field} selects nothing whatever the execution input: ${where}, built by the definition itself. The state fails with States.Runtime${why} every time it runs; fix the path or what the states before it output.`;
    }
    return `${quote(text)} in ${field} selects nothing with the machine's input example: ${where}. The state would fail with States.Runtime${why}; fix the path, or the example if it is not realistic.`;
  }

  /** A path field that must select something (InputPath, OutputPath, ItemsPath, ...). */
  path(node: Node | undefined, data: Json, env: Env, field: string): Json {
    const text = stringValue(node);
    if (text === undefined || !node) return data;
    const r = resolve(text, data, env);
    if (r.kind === "missing") this.fail(node, this.missingMessage(text, r, field));
    this.ok(node);
    return r.kind === "found" ? r.value : UNKNOWN;
  }

  /** A payload template evaluated on data that may hold unknown parts. */
  template(node: Node, data: Json, env: Env, field: string): Json {
    if (isArray(node)) return node.items.map((n) => this.template(n, data, env, field));
    if (!isObjectNode(node)) return toValue(node) as Json;
    const out = newObject();
    for (const p of node.properties) {
      if (p.key.endsWith(".$") && p.key.length > 2 && p.type === "string") {
        setMember(out, p.key.slice(0, -2), this.dollar(p, p.value as string, data, env, field));
      } else setMember(out, p.key, this.template(p, data, env, field));
    }
    return out;
  }

  dollar(node: Node, text: string, data: Json, env: Env, field: string): Json {
    if (text.startsWith("$")) {
      const r = resolve(text, data, env);
      if (r.kind === "missing") this.fail(node, this.missingMessage(text, r, `${field} (${quote(String(node.key))})`));
      this.ok(node);
      return r.kind === "found" ? r.value : UNKNOWN;
    }
    const pv = parsePayloadValueShared(text);
    if (pv.kind !== "intrinsic" || !pv.intrinsic.ok || this.certain) return UNKNOWN;
    if (hasUnknown(data) || (!noVariables(env) && Object.values(env.vars).some(hasUnknown))) {
      // only arguments all known can be judged: evaluate when the data it reads is whole
      return UNKNOWN;
    }
    try {
      const v = evaluateIntrinsicText(text, data, { variables: env.vars, uuid: () => UNKNOWN, random: () => 0 });
      this.ok(node);
      return v;
    } catch (e) {
      if (!(e instanceof StatesError) || /\$\$/.test(text)) return UNKNOWN;
      this.fail(node, `${quote(text)} in ${field} fails with the machine's input example: ${e.cause.replace(/\.$/, "")}. The state would fail with States.Runtime.`);
    }
  }

  seen(state: State, data: Json, env: Env): boolean {
    const i = state.index;
    const noVars = noVariables(env);
    const blind = data === UNKNOWN && noVars;
    if (blind && this.blind[i] === 1) return true;
    const list = this.visits[i];
    const key = blind ? "" : JSON.stringify(noVars ? data : [data, env.vars]);
    if (!blind && list !== undefined && list.includes(key)) return true;
    if ((list?.length ?? 0) + this.blind[i] >= MAX_VISITS) {
      this.truncated = true;
      return true;
    }
    if (blind) this.blind[i] = 1;
    else if (list === undefined) this.visits[i] = [key];
    else list.push(key);
    return false;
  }

  /** Follows a scope from its StartAt with this input. */
  scope(scope: Scope, input: Json, env: Env): void {
    const start = stringValue(scope.startAt);
    const outer = this.current;
    const work: [State, Json, Env][] = [];
    const first = start !== undefined ? scope.byName.get(start) : undefined;
    if (first) work.push([first, input, env]);
    while (work.length > 0) {
      if (++this.steps > MAX_STEPS) {
        this.truncated = true;
        break;
      }
      const [state, data, e] = work.pop()!;
      if (this.seen(state, data, e)) continue;
      let next: [string, Json, Env][];
      this.current = state;
      try {
        next = this.state(state, data, e);
      } catch (err) {
        if (err instanceof Stop) continue;
        throw err;
      }
      for (const [name, d, ne] of next) {
        const s = scope.byName.get(name);
        if (s) work.push([s, d, ne]);
      }
    }
    this.current = outer;
  }

  assign(node: Node | undefined, dollar: Json, env: Env): Env {
    if (!node || !isObjectNode(node)) return env;
    // what "$" is in a JSONPath Assign is documented per state type only loosely: judged with examples only
    if (this.certain) this.suppress++;
    let values: Json;
    try {
      values = this.template(node, dollar, env, "Assign");
    } catch (err) {
      if (!(err instanceof Stop) || !this.certain) throw err;
      values = {};
    } finally {
      if (this.certain) this.suppress--;
    }
    // a variable named "__proto__" is a variable like any other (setMember), never the object's prototype
    const vars: Record<string, Json> = newObject();
    for (const [k, v] of Object.entries(env.vars)) setMember(vars, k, v);
    if (isObject(values)) for (const [k, v] of Object.entries(values)) setMember(vars, k, v);
    return { vars };
  }

  /** Runs one JSONPath state abstractly; returns the transitions with their data. */
  state(state: State, input: Json, env: Env): [string, Json, Env][] {
    const n = state.node;
    const unknownAfter = () => unknownAfterOf(state);
    if (state.queryLanguage !== "JSONPath" || !isObjectNode(n)) return unknownAfter();
    if (input === UNKNOWN && noVariables(env) && state.type !== "Choice" && !buildsDataOf(state)) {
      // nothing known comes in and the state builds nothing: every path in it reads unknown data,
      // nothing fails and unknown data goes on (a Choice is followed in full: its rules may Assign)
      this.passedOver[state.index] = 1;
      if (state.type === "Map" || state.type === "Parallel") for (const child of state.children) this.scope(child, UNKNOWN, NO_VARS);
      return unknownAfter();
    }
    // the state's fields in one pass (a state is visited up to MAX_VISITS times per propagation)
    const f: Record<string, Node | undefined> = Object.create(null);
    for (const p of n.properties) f[p.key] = p;
    const type = state.type;
    const effective = this.path(f.InputPath, input, env, "InputPath");
    const nextName = stringValue(f.Next);
    const go = (out: Json, vars: Env): [string, Json, Env][] => (nextName ? [[nextName, out, vars]] : []);
    switch (type) {
      case "Pass": {
        const result = f.Result !== undefined ? (toValue(f.Result) as Json) : f.Parameters ? this.template(f.Parameters!, effective, env, "Parameters") : effective;
        const combined = this.resultPath(f.ResultPath, input, result);
        const out = this.path(f.OutputPath, combined, env, "OutputPath");
        return go(out, this.assign(f.Assign, result, env));
      }
      case "Wait": {
        for (const f of ["SecondsPath", "TimestampPath"]) this.path(get(n, f), effective, env, f);
        return go(this.path(f.OutputPath, effective, env, "OutputPath"), this.assign(f.Assign, effective, env));
      }
      case "Succeed":
        this.path(f.OutputPath, effective, env, "OutputPath");
        return [];
      case "Fail":
        for (const f of ["ErrorPath", "CausePath"]) {
          const v = get(n, f);
          if (stringValue(v)?.startsWith("$")) this.path(v, effective, env, f);
        }
        return [];
      case "Choice":
        return this.choice(state, effective, env);
      case "Task":
      case "Parallel":
      case "Map": {
        let result: Json = UNKNOWN;
        if (type === "Map") {
          // items read from S3 (ItemReader) are unknown; ItemsPath then applies to what was read
          const items = f.ItemReader ? UNKNOWN : f.ItemsPath ? this.path(f.ItemsPath, effective, env, "ItemsPath") : effective;
          for (const child of state.children) {
            const list = Array.isArray(items) ? items.slice(0, MAX_ITEMS) : [UNKNOWN];
            const selector = f.ItemSelector ?? f.Parameters;
            for (const item of list) {
              // the item reaches the processor through ItemSelector, which may read $$.Map.Item, and
              // with an ItemBatcher a child gets {"Items": [...], "BatchInput": ...}, not the item
              const iterationInput = selector || f.ItemBatcher ? UNKNOWN : item;
              this.scope(child, iterationInput, NO_VARS);
            }
          }
        } else {
          const params = f.Parameters;
          // on unknown data without variables, every path of the template is unknown: nothing to judge
          const blind = effective === UNKNOWN && Object.keys(env.vars).length === 0 && type === "Task";
          const args = params && !blind ? this.template(params, effective, env, "Parameters") : effective;
          if (type === "Parallel") for (const child of state.children) this.scope(child, args, NO_VARS);
        }
        const selector = f.ResultSelector;
        if (selector) result = this.template(selector, result, env, "ResultSelector");
        const out: [string, Json, Env][] = [];
        const catchers = f.Catch;
        if (isArray(catchers)) {
          for (const c of catchers.items) {
            const target = stringValue(get(c, "Next"));
            if (!target) continue;
            const errorOutput: JsonObject = { Error: UNKNOWN, Cause: UNKNOWN };
            try {
              out.push([target, this.resultPath(get(c, "ResultPath"), input, errorOutput), NO_VARS]);
            } catch (err) {
              if (!(err instanceof Stop)) throw err;
            }
          }
        }
        const combined = this.resultPath(f.ResultPath, input, result);
        const output = this.path(f.OutputPath, combined, env, "OutputPath");
        out.push(...go(output, this.assign(f.Assign, result, env)));
        return out;
      }
      default:
        return [];
    }
  }

  resultPath(node: Node | undefined, input: Json, result: Json): Json {
    if (node === undefined) return result;
    if (node.type === "null") return input;
    const text = stringValue(node);
    if (text === undefined) return UNKNOWN;
    if (text === "$") return result;
    if (!isObject(input) && !Array.isArray(input)) return UNKNOWN;
    try {
      return applyResultPath(text, input, result);
    } catch {
      // an unknown part on the way, or a step through a value: not judged here
      return UNKNOWN;
    }
  }

  choice(state: State, data: Json, env: Env): [string, Json, Env][] {
    const n = state.node;
    const out = this.path(get(n, "OutputPath"), data, env, "OutputPath");
    const next: [string, Json, Env][] = [];
    const rules = get(n, "Choices");
    if (isArray(rules)) {
      let undecided = false;
      for (const rule of rules.items) {
        const target = stringValue(get(rule, "Next"));
        let verdict: boolean | undefined;
        // after a rule that may match, a later rule's failure may never happen
        if (undecided) this.suppress++;
        try {
          verdict = this.rule(rule, data, env);
        } catch (err) {
          if (!(err instanceof Stop) || !undecided) throw err;
          verdict = undefined;
        } finally {
          if (undecided) this.suppress--;
        }
        if (verdict === false || !target) continue;
        next.push([target, out, this.assign(get(rule, "Assign"), data, env)]);
        if (verdict === true) return next;
        undecided = true;
      }
    }
    const dflt = stringValue(get(n, "Default"));
    if (dflt) next.push([dflt, out, this.assign(get(n, "Assign"), data, env)]);
    return next;
  }

  /** A JSONPath Choice rule: true, false, or undefined when it reads unknown data. */
  rule(rule: Node, data: Json, env: Env): boolean | undefined {
    for (const combinator of ["And", "Or"] as const) {
      const list = get(rule, combinator);
      if (!isArray(list)) continue;
      // in order, stopping where the answer is settled, as Step Functions does (an And whose
      // IsPresent guard is false never reads the path after it); after an undecided sub-rule, a
      // later one's failure may never happen, so it is not reported
      const settles = combinator === "Or";
      let undecided = false;
      try {
        for (const r of list.items) {
          if (undecided) this.suppress++;
          let v: boolean | undefined;
          try {
            v = this.rule(r, data, env);
          } finally {
            if (undecided) this.suppress--;
          }
          if (v === settles) return settles;
          if (v === undefined) undecided = true;
        }
      } catch (err) {
        if (!(err instanceof Stop) || !undecided) throw err;
        return undefined;
      }
      return undecided ? undefined : !settles;
    }
    const not = get(rule, "Not");
    if (not) {
      const v = this.rule(not, data, env);
      return v === undefined ? undefined : !v;
    }
    const variable = get(rule, "Variable");
    const text = stringValue(variable);
    if (!variable || text === undefined) return undefined;
    const value = toValue(rule) as JsonObject;
    const r = resolve(text, data, env);
    if (r.kind === "unknown") {
      this.ok(variable);
      return undefined;
    }
    if (r.kind === "missing") {
      if ("IsPresent" in value) return value.IsPresent === false;
      this.fail(variable, this.missingMessage(text, r, "Variable", " (a Choice rule on a missing value)"));
    }
    this.ok(variable);
    const v = (r as { value: Json }).value;
    if (hasUnknown(v)) return undefined;
    const op = Object.keys(value).find((k) => k !== "Variable" && k !== "Next" && k !== "Comment" && k !== "Assign");
    if (!op) return undefined;
    const operand = member(value, op) ?? null;
    const concrete: JsonObject = newObject();
    setMember(concrete, "Variable", "$");
    if (op.endsWith("Path") && typeof operand === "string") {
      const other = resolve(operand, data, env);
      if (other.kind !== "found" || hasUnknown(other.value)) return undefined;
      setMember(concrete, op.slice(0, -4), other.value);
    } else setMember(concrete, op, operand);
    const family = /^(String|Numeric|Boolean|Timestamp)/.exec(op)?.[1];
    const wrong = family && ((family === "String" || family === "Timestamp") && typeof v !== "string" ? true : family === "Numeric" && typeof v !== "number" ? true : family === "Boolean" && typeof v !== "boolean");
    if (wrong && !this.certain) {
      const kind = family === "Numeric" ? "numbers" : family === "Boolean" ? "booleans" : family === "String" ? "strings" : "timestamps";
      this.note(get(rule, op) ?? rule, `With the machine's input example, ${quote(text)} is ${v === null ? "null" : Array.isArray(v) ? "an array" : typeof v === "object" ? "an object" : `a ${typeof v}`} here, and ${op} compares ${kind}: this rule does not match it. Check the path, or test the type first (IsNumeric, IsString, ...).`);
    }
    try {
      return evaluateJsonPathRule(concrete, v, { variables: env.vars });
    } catch {
      return undefined;
    }
  }
}

/** Fields through which a state's data becomes known whatever the input (the others pass unknown data on). */
const BUILDERS = ["Result", "ResultSelector", "Catch", "Assign", "ItemSelector"];

/** Every transition of a state, with nothing known after it (never changed: shared by the visits). */
const unknownAfterOf = perState((state: State): [string, Json, Env][] => state.out.filter((e) => e.from === state).map((e) => [e.target, UNKNOWN, NO_VARS]));

/** Can this state make known data out of unknown input? If no state can, nothing is certain. */
const buildsDataOf = perState(buildsData);

function buildsData(state: State): boolean {
  const n = state.node;
  if (state.queryLanguage !== "JSONPath" || !isObjectNode(n)) return false;
  for (const p of n.properties) {
    if (BUILDERS.includes(p.key)) return true;
    if (p.key === "Parameters" && state.type !== "Task") return true;
    if ((p.key === "InputPath" || p.key === "OutputPath") && p.type === "null") return true;
  }
  return false;
}

/** The machine's top scope followed with each input: none known (certain failures), then each example. */
function findings(ctx: RuleContext): Finding[] {
  const machine = ctx.machine;
  const found = new Map<Node, Finding>();
  const passed = new Set<Node>();
  const certainRun = new Propagation(true, found, passed, machine.states.length);
  if (machine.states.some(buildsDataOf)) certainRun.scope(machine.top, UNKNOWN, NO_VARS);
  // a certain finding needs every visit to fail there, and the whole graph followed
  for (const [node, f] of [...found]) {
    if (passed.has(node) || certainRun.truncated || (f.state && certainRun.passedOver[f.state.index] === 1)) found.delete(node);
  }
  for (const input of ctx.inputs ?? []) {
    // data is followed recursively: an example nested deeper than any payload AWS takes is not followed
    if (tooDeep(input)) continue;
    const run = new Propagation(false, found, new Set(), machine.states.length);
    run.scope(machine.top, input as Json, NO_VARS);
  }
  return [...found.values()];
}

export const dataFlow: Rule = {
  meta: {
    id: "data-flow",
    code: "DATA_FLOW",
    severity: "WARNING",
    basis: "accepted",
    findings: [{ severity: "ERROR", basis: "fails-every-run", what: "a failure that is certain: every visit of the state fails, whatever the input (the data comes from the definition itself)" }],
    description:
      "Data flow: a path that selects nothing in the data a state receives, an intrinsic function that fails on it, a Choice rule comparing the wrong type; from the machine's input examples (<name>.input.json or examples/<name>.input.json beside <name>.asl.json), or whatever the input when the definition builds the data itself.",
    rationale:
      "A definition AWS accepts still fails at run time when a path finds nothing (States.Runtime) or an intrinsic function gets a value of the wrong type. When the data comes from the definition itself (a Pass Result or Parameters, a ResultSelector), the failure is certain and reported as an ERROR; with the input example it is a WARNING, true for that input.",
    source: "asl-facts §8 (paths and payload templates; a failing path is States.Runtime, §5), §6 (Choice rules: a type mismatch is false), §3.1 (Pass Result)",
    examples: {
      fail: '{ "StartAt": "Defaults", "States": { "Defaults": { "Type": "Pass", "Result": { "retries": 3 }, "Next": "Use" }, "Use": { "Type": "Pass", "InputPath": "$.config", "End": true } } }',
      pass: '{ "StartAt": "Defaults", "States": { "Defaults": { "Type": "Pass", "Result": { "retries": 3 }, "ResultPath": "$.config", "Next": "Use" }, "Use": { "Type": "Pass", "InputPath": "$.config", "End": true } } }',
    },
  },
  check(ctx) {
    for (const f of findings(ctx)) {
      ctx.report(f.node, f.message, { severity: f.certain ? "ERROR" : "WARNING" });
    }
  },
};
