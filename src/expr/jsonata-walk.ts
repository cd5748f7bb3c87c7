/**
 * The walk of a parsed JSONata expression's tree: the workflow variables it reads (not those it
 * binds itself), its `$states` uses, its function calls, and what Step Functions refuses there
 * (`$$`, the implicit input at the top level, `$eval`, JSONata 2.1 operators).
 */
import type { ExprError } from "./types.js";
import { quote } from "./types.js";
import { JSONATA_FUNCTIONS_BY_NAME, STATES_FIELDS } from "./jsonata-functions.js";
import { checkContextNames } from "./context-fields.js";
import { RESERVED_VARIABLE, closest } from "./names.js";
import type { Token } from "./jsonata-lex.js";

/** A reference to a workflow variable, e.g. `$total`. */
export interface VariableRef {
  name: string;
  start: number;
  end: number;
}

export type StatesField = "input" | "result" | "errorOutput" | "context";

/** A use of the reserved `$states` variable, e.g. `$states.result.Payload`. */
export interface StatesRef {
  /** First field after `$states` (one of STATES_FIELDS when valid); null for a bare `$states`. */
  field: StatesField | (string & {}) | null;
  /** Field names after `$states`, as far as they are plain names (`["result","Payload"]`). */
  path: string[];
  /** Ranges of each name in `path`. */
  segments: { name: string; start: number; end: number }[];
  /** From the `$` of `$states` to the end of the last name in `path`. */
  start: number;
  end: number;
}

/** A function call or function reference, e.g. `$string(...)` or `$map(..., $string)`. */
export interface FunctionRef {
  name: string;
  start: number;
  end: number;
  /** In the JSONata + Step Functions catalogue. */
  known: boolean;
  /** Called with `(...)` (false when passed around as a value). */
  invoked: boolean;
}

export type JsonataIssueCode =
  | "dollar-dollar"
  | "top-level-input"
  | "unsupported-function"
  | "unsupported-operator"
  | "unknown-states-field"
  | "unknown-context-field";

/** Something the JSONata parser accepts but Step Functions rejects or does not support. */
export interface JsonataIssue extends ExprError {
  code: JsonataIssueCode;
}

/** AST depth walked (left-deep operator chains nest one level per operator). */
const MAX_WALK_DEPTH = 2500;

export interface Frame {
  names: Set<string>;
  parent?: Frame;
}

function isBound(frame: Frame | undefined, name: string): boolean {
  for (let f = frame; f; f = f.parent) if (f.names.has(name)) return true;
  return false;
}

/* eslint-disable @typescript-eslint/no-explicit-any */
type AnyNode = any;

export class Walker {
  readonly refs: VariableRef[] = [];
  readonly states: StatesRef[] = [];
  readonly calls: FunctionRef[] = [];
  readonly issues: JsonataIssue[] = [];
  private readonly visited = new Set<AnyNode>();
  private readonly byEnd = new Map<number, Token>();
  private readonly handledStates = new Set<AnyNode>();

  constructor(
    readonly src: string,
    tokens: Token[],
    readonly offset: number,
  ) {
    for (const t of tokens) this.byEnd.set(t.end, t);
  }

  /** Range of a variable node (`$name`) in whole-string offsets. */
  varRange(node: AnyNode): { start: number; end: number } | undefined {
    const p = node?.position;
    if (typeof p !== "number") return undefined;
    const t = this.byEnd.get(p);
    const start = t && (t.kind === "variable" || t.kind === "op") ? t.start : p - String(node.value ?? "").length - 1;
    return { start: Math.max(0, start) + this.offset, end: p + this.offset };
  }

  /** Range of a name node (`a`, `` `a b` ``, `"a"`). */
  nameRange(node: AnyNode): { start: number; end: number } | undefined {
    const p = node?.position;
    if (typeof p !== "number") return undefined;
    const t = this.byEnd.get(p);
    const start = t ? t.start : p - String(node.value ?? "").length;
    return { start: Math.max(0, start) + this.offset, end: p + this.offset };
  }

  /** Range of an operator-like node: just the token that ends at its position. */
  tokenRange(p: unknown): { start: number; end: number } | undefined {
    if (typeof p !== "number") return undefined;
    const t = this.byEnd.get(p);
    return { start: (t ? t.start : Math.max(0, p - 1)) + this.offset, end: p + this.offset };
  }

  issue(code: JsonataIssueCode, message: string, r: { start: number; end: number } | undefined): void {
    if (!r) return;
    const key = `${code}:${r.start}:${r.end}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.issues.push({ code, message, start: r.start, end: r.end });
  }

  /** Dedupe keys (the `?:` / `??` desugaring shares nodes between branches). */
  private readonly seen = new Set<string>();
  /** Set when the AST was deeper than MAX_WALK_DEPTH and parts were not walked. */
  truncated = false;

  walk(node: AnyNode, frame: Frame, top: boolean, depth = 0): void {
    if (node === null || typeof node !== "object") return;
    if (depth > MAX_WALK_DEPTH) {
      this.truncated = true;
      return;
    }
    if (this.visited.has(node)) return;
    this.visited.add(node);
    const d = depth + 1;
    switch (node.type) {
      case "path":
        this.walkPath(node, frame, top, d);
        break;
      case "variable":
        this.walkVariable(node, frame, top);
        break;
      case "name":
        if (top) {
          this.issue(
            "top-level-input",
            `Field ${quote(String(node.value))} is read from the implicit input, which Step Functions does not provide at the top level of an expression. Use $states.input.${String(node.value)} (or a variable) instead.`,
            this.nameRange(node),
          );
        }
        break;
      case "wildcard":
      case "descendant":
        if (top) {
          this.issue(
            "top-level-input",
            `${quote(String(node.value))} reads the implicit input, which Step Functions does not provide at the top level of an expression. Start from $states.input instead.`,
            this.tokenRange(node.position),
          );
        }
        break;
      case "binary":
      case "apply":
        this.walk(node.lhs, frame, top, d);
        this.walk(node.rhs, frame, top, d);
        break;
      case "bind":
        this.walk(node.rhs, frame, top, d);
        if (node.lhs && typeof node.lhs === "object") {
          this.visited.add(node.lhs);
          if (typeof node.lhs.value === "string") frame.names.add(node.lhs.value);
        }
        break;
      case "unary":
        if (node.value === "-") this.walk(node.expression, frame, top, d);
        else if (node.value === "[") for (const e of arr(node.expressions)) this.walk(e, frame, top, d);
        else if (node.value === "{") this.walkPairs(node.lhs, frame, top, d);
        break;
      case "condition":
        this.checkNewOperator(node);
        this.walk(node.condition, frame, top, d);
        this.walk(node.then, frame, top, d);
        this.walk(node.else, frame, top, d);
        break;
      case "block": {
        const inner: Frame = { names: new Set(), parent: frame };
        for (const e of arr(node.expressions)) this.walk(e, inner, top, d);
        break;
      }
      case "function":
      case "partial":
        this.walkCall(node, frame, top, d);
        break;
      case "lambda": {
        const inner: Frame = { names: new Set(), parent: frame };
        for (const a of arr(node.arguments)) {
          if (a && typeof a === "object") {
            this.visited.add(a);
            if (typeof a.value === "string") inner.names.add(a.value);
          }
        }
        this.walk(node.body, inner, top, d);
        break;
      }
      case "transform":
        this.walk(node.pattern, frame, false, d);
        this.walk(node.update, frame, false, d);
        this.walk(node.delete, frame, false, d);
        break;
      case "sort":
        for (const t of arr(node.terms)) this.walk(t?.expression, frame, false, d);
        break;
      case "filter":
        this.walk(node.expr, frame, false, d);
        break;
      default:
        break;
    }
    // Tuple bindings (`@$x`, `#$i`) and attached stages, predicates and group-by.
    if (typeof node.focus === "string") frame.names.add(node.focus);
    if (typeof node.index === "string") frame.names.add(node.index);
    for (const st of arr(node.stages)) this.walkStage(st, frame, d);
    for (const st of arr(node.predicate)) this.walkStage(st, frame, d);
    if (node.group && typeof node.group === "object") this.walkPairs(node.group.lhs, frame, false, d);
  }

  walkStage(st: AnyNode, frame: Frame, d: number): void {
    if (!st || typeof st !== "object") return;
    if (st.type === "index" && typeof st.value === "string") {
      frame.names.add(st.value);
      return;
    }
    if (this.visited.has(st)) return;
    this.visited.add(st);
    this.walk(st.expr, frame, false, d);
  }

  walkPairs(pairs: AnyNode, frame: Frame, top: boolean, d: number): void {
    for (const pair of arr(pairs)) {
      if (!Array.isArray(pair)) continue;
      this.walk(pair[0], frame, top, d);
      this.walk(pair[1], frame, top, d);
    }
  }

  walkPath(node: AnyNode, frame: Frame, top: boolean, d: number): void {
    const steps = arr(node.steps);
    const pathFrame: Frame = { names: new Set(), parent: frame };
    const first = steps[0];
    if (first && first.type === "variable" && first.value === RESERVED_VARIABLE && !isBound(frame, RESERVED_VARIABLE)) {
      this.recordStates(first, steps.slice(1));
      this.handledStates.add(first);
    }
    steps.forEach((step, i) => this.walk(step, pathFrame, i === 0 ? top : false, d));
    if (node.group && typeof node.group === "object") this.walkPairs(node.group.lhs, pathFrame, false, d);
  }

  recordStates(varNode: AnyNode, rest: AnyNode[]): void {
    const r = this.varRange(varNode);
    if (!r) return;
    const path: string[] = [];
    const segments: { name: string; start: number; end: number }[] = [];
    let end = r.end;
    for (const step of rest) {
      if (!step || step.type !== "name" || typeof step.value !== "string") break;
      const nr = this.nameRange(step);
      if (!nr) break;
      path.push(step.value);
      segments.push({ name: step.value, start: nr.start, end: nr.end });
      end = nr.end;
      if (step.stages || step.predicate || step.group || step.focus || step.index) break;
    }
    const field = path.length ? path[0] : null;
    if (this.seen.has(`states:${r.start}`)) return;
    this.seen.add(`states:${r.start}`);
    this.states.push({ field, path, segments, start: r.start, end });
    if (field !== null && !STATES_FIELDS.includes(field)) {
      const s = closest(field, STATES_FIELDS);
      this.issue(
        "unknown-states-field",
        `$states has no field ${quote(field)}; it has ${STATES_FIELDS.join(", ")}.${s ? ` Did you mean $states.${s}?` : ""}`,
        segments[0],
      );
    }
    if (field === "context" && path.length > 1) {
      const problem = checkContextNames(path.slice(1), "$states.context");
      if (problem) this.issue("unknown-context-field", problem.message, segments[problem.index + 1]);
    }
  }

  walkVariable(node: AnyNode, frame: Frame, top: boolean): void {
    const name = node.value;
    if (typeof name !== "string") return;
    const r = this.varRange(node);
    if (name === "$") {
      this.issue("dollar-dollar", '"$$" is not allowed in Step Functions JSONata expressions. Read the state input with $states.input and the context object with $states.context.', r);
      return;
    }
    if (name === "") {
      if (top) {
        this.issue(
          "top-level-input",
          '"$" at the top level of an expression refers to an implicit input that Step Functions does not provide. Use $states.input instead.',
          r,
        );
      }
      return;
    }
    if (isBound(frame, name)) return;
    if (name === RESERVED_VARIABLE) {
      if (!this.handledStates.has(node)) this.recordStates(node, []);
      return;
    }
    if (!r) return;
    if (JSONATA_FUNCTIONS_BY_NAME.has(name)) {
      if (!this.seen.has(`call:${r.start}`)) {
        this.seen.add(`call:${r.start}`);
        this.calls.push({ name, start: r.start, end: r.end, known: true, invoked: false });
      }
      return;
    }
    const key = `ref:${r.start}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.refs.push({ name, start: r.start, end: r.end });
  }

  walkCall(node: AnyNode, frame: Frame, top: boolean, d: number): void {
    const proc = node.procedure;
    if (proc && proc.type === "variable" && typeof proc.value === "string" && !proc.predicate && !proc.stages) {
      this.visited.add(proc);
      const name: string = proc.value;
      if (name === "$" || name === "") {
        this.walkVariable(proc, frame, top);
      } else if (!isBound(frame, name)) {
        const r = this.varRange(proc);
        if (r) {
          const info = JSONATA_FUNCTIONS_BY_NAME.get(name);
          this.seen.add(`call:${r.start}`);
          this.calls.push({ name, start: r.start, end: r.end, known: info !== undefined, invoked: true });
          if (info?.unsupported) this.issue("unsupported-function", info.unsupported, r);
        }
      }
    } else {
      this.walk(proc, frame, top, d);
    }
    for (const a of arr(node.arguments)) this.walk(a, frame, top, d);
  }

  checkNewOperator(node: AnyNode): void {
    const p = node.position;
    if (typeof p !== "number") return;
    const op = this.src.slice(p - 2, p);
    if (op === "?:" || op === "??") {
      const what = op === "??" ? 'The coalescing operator "??"' : 'The default operator "?:"';
      const alt = op === "??" ? "$exists(a) ? a : b" : "a ? a : b";
      this.issue(
        "unsupported-operator",
        `${what} needs JSONata 2.1, but Step Functions runs JSONata 2.0.6; write ${quote(alt)} instead.`,
        { start: p - 2 + this.offset, end: p + this.offset },
      );
    }
  }
}

function arr(v: unknown): AnyNode[] {
  return Array.isArray(v) ? v : [];
}
/* eslint-enable @typescript-eslint/no-explicit-any */
