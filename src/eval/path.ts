/**
 * JSONPath evaluation on data, with the semantics AWS gives the paths of a definition
 * (asl-facts §8): `$` is the state's data, `$$` the context object, `$name` a workflow variable.
 * A definite path (names and indexes only) selects one value or nothing; an indefinite one
 * (wildcard, slice, union, filter, `..`) selects a list, possibly empty.
 *
 * Paths are parsed by src/expr/path.ts; this file only walks the parsed segments. Filters are
 * evaluated by a small interpreter of Jayway's comparison syntax: nothing is ever run as code.
 */
import { parsePathShared, type PathResult, type PathSegment } from "../expr/path.js";
import { isObject, member, type Json } from "./json.js";

/** What a path may read besides the data: the context object and the workflow variables. */
export interface PathEnv {
  context?: Json;
  variables?: Readonly<Record<string, Json>>;
}

export type PathValue = { found: true; value: Json } | { found: false; reason: string };

/** Jayway's normalised form of a path, as AWS quotes it in causes: `$['a'][0]`. */
export function canonicalPath(parsed: Readonly<PathResult>): string {
  let out = parsed.root === "$$" ? "$$" : parsed.root === "variable" ? `$${parsed.variable?.name ?? ""}` : "$";
  for (const s of parsed.segments) {
    const dots = s.deep ? ".." : "";
    switch (s.kind) {
      case "name":
        out += `${dots}['${s.name}']`;
        break;
      case "index":
        out += `${dots}[${s.index}]`;
        break;
      case "wildcard":
        out += `${dots}[*]`;
        break;
      case "slice":
        out += `${dots}[${s.from ?? ""}:${s.to ?? ""}${s.step !== undefined ? `:${s.step}` : ""}]`;
        break;
      case "union":
        out += `${dots}[${s.names ? s.names.map((n) => `'${n}'`).join(",") : (s.indexes ?? []).join(",")}]`;
        break;
      case "filter":
        out += `${dots}[?(${s.expression})]`;
        break;
    }
  }
  return out;
}

function children(v: Json): Json[] {
  if (Array.isArray(v)) return v;
  if (isObject(v)) return Object.keys(v).map((k) => v[k]);
  return [];
}

/** Every value below `v` (not `v` itself), depth first, as Jayway's `..` visits them. */
function descendants(v: Json, out: Json[]): void {
  for (const c of children(v)) {
    out.push(c);
    descendants(c, out);
  }
}

function index(arr: Json[], i: number): Json | undefined {
  const k = i < 0 ? arr.length + i : i;
  return k >= 0 && k < arr.length ? arr[k] : undefined;
}

function applySegment(seg: PathSegment, nodes: Json[], root: Json, env: PathEnv): Json[] {
  let base = nodes;
  if (seg.deep) {
    base = [];
    for (const n of nodes) {
      base.push(n);
      descendants(n, base);
    }
  }
  const out: Json[] = [];
  for (const n of base) {
    switch (seg.kind) {
      case "name":
        if (isObject(n)) {
          const v = member(n, seg.name);
          if (v !== undefined) out.push(v);
        }
        break;
      case "index":
        if (Array.isArray(n)) {
          const v = index(n, seg.index);
          if (v !== undefined) out.push(v);
        }
        break;
      case "wildcard":
        if (!seg.deep || Array.isArray(n) || isObject(n)) out.push(...children(n));
        break;
      case "slice":
        if (Array.isArray(n)) {
          const len = n.length;
          const step = seg.step ?? 1;
          const norm = (x: number | undefined, dflt: number) => (x === undefined ? dflt : x < 0 ? Math.max(len + x, 0) : Math.min(x, len));
          if (step > 0) {
            for (let i = norm(seg.from, 0); i < norm(seg.to, len); i += step) out.push(n[i]);
          } else {
            const from = seg.from === undefined ? len - 1 : Math.min(norm(seg.from, 0), len - 1);
            const to = seg.to === undefined ? -1 : norm(seg.to, 0);
            for (let i = from; i > to; i += step) out.push(n[i]);
          }
        }
        break;
      case "union":
        if (seg.names && isObject(n)) {
          for (const name of seg.names) {
            const v = member(n, name);
            if (v !== undefined) out.push(v);
          }
        } else if (seg.indexes && Array.isArray(n)) {
          for (const i of seg.indexes) {
            const v = index(n, i);
            if (v !== undefined) out.push(v);
          }
        }
        break;
      case "filter": {
        const test = compileFilter(seg.expression);
        for (const c of Array.isArray(n) ? n : isObject(n) ? [n] : []) {
          if (test(c, root, env)) out.push(c);
        }
        break;
      }
    }
  }
  return out;
}

/** The value a path's root names: the data, the context object or a variable. */
function rootValue(parsed: Readonly<PathResult>, data: Json, env: PathEnv): Json | undefined {
  if (parsed.root === "$$") return env.context ?? {};
  if (parsed.root === "variable") {
    const name = parsed.variable?.name ?? "";
    const vars = env.variables ?? {};
    return Object.prototype.hasOwnProperty.call(vars, name) ? vars[name] : undefined;
  }
  return data;
}

/**
 * Evaluates a parsed path. A definite path yields its one value, or `found: false` when a
 * step is missing; an indefinite path yields the list of what it selects (found even when empty).
 */
export function evaluateParsedPath(parsed: Readonly<PathResult>, data: Json, env: PathEnv = {}): PathValue {
  const start = rootValue(parsed, data, env);
  if (start === undefined) return { found: false, reason: `the variable "${parsed.variable?.name ?? ""}" is not defined` };
  let nodes: Json[] = [start];
  for (const seg of parsed.segments) {
    nodes = applySegment(seg, nodes, data, env);
    if (parsed.definite && nodes.length === 0) return { found: false, reason: "no value" };
  }
  if (parsed.definite) return { found: true, value: nodes[0] };
  return { found: true, value: nodes };
}

/** Parses (cached) and evaluates a path; a path that does not parse selects nothing. */
export function evaluatePath(text: string, data: Json, env: PathEnv = {}): PathValue {
  const parsed = parsePathShared(text);
  if (!parsed.ok) return { found: false, reason: parsed.errors[0]?.message ?? "invalid path" };
  return evaluateParsedPath(parsed, data, env);
}

// ---------------------------------------------------------------------------------------
// Filters: a small interpreter of Jayway's comparison syntax (`@.price < 10 && @.tag`).

type Operand = { kind: "literal"; value: Json } | { kind: "path"; rel: boolean; text: string };
type Cond =
  | { kind: "or" | "and"; left: Cond; right: Cond }
  | { kind: "not"; inner: Cond }
  | { kind: "exists"; operand: Operand }
  | { kind: "cmp"; op: string; left: Operand; right: Operand };

type Filter = (node: Json, root: Json, env: PathEnv) => boolean;
const filterCache = new Map<string, Filter>();

function compileFilter(expression: string): Filter {
  let f = filterCache.get(expression);
  if (!f) {
    let cond: Cond | undefined;
    try {
      cond = new FilterReader(expression).read();
    } catch {
      cond = undefined;
    }
    f = cond ? (node, root, env) => testCond(cond!, node, root, env) : () => false;
    if (filterCache.size > 256) filterCache.clear();
    filterCache.set(expression, f);
  }
  return f;
}

class FilterReader {
  pos = 0;
  constructor(readonly t: string) {}
  ws(): void {
    while (this.pos < this.t.length && /\s/.test(this.t[this.pos])) this.pos++;
  }
  read(): Cond {
    const c = this.or();
    this.ws();
    if (this.pos !== this.t.length) throw new Error("trailing text");
    return c;
  }
  /** `a || b` over `and()`, `a && b` over `not()`: left-associative. */
  binary(op: "||" | "&&", operand: () => Cond): Cond {
    let left = operand();
    for (;;) {
      this.ws();
      if (!this.t.startsWith(op, this.pos)) return left;
      this.pos += 2;
      left = { kind: op === "||" ? "or" : "and", left, right: operand() };
    }
  }
  or(): Cond {
    return this.binary("||", () => this.and());
  }
  and(): Cond {
    return this.binary("&&", () => this.not());
  }
  not(): Cond {
    this.ws();
    if (this.t[this.pos] === "!" && this.t[this.pos + 1] !== "=") {
      this.pos++;
      return { kind: "not", inner: this.not() };
    }
    if (this.t[this.pos] === "(") {
      this.pos++;
      const inner = this.or();
      this.ws();
      if (this.t[this.pos] !== ")") throw new Error("expected )");
      this.pos++;
      return inner;
    }
    const left = this.operand();
    this.ws();
    const m = /^(===|!==|==|!=|<=|>=|<|>)/.exec(this.t.slice(this.pos));
    if (!m) return { kind: "exists", operand: left };
    this.pos += m[1].length;
    const right = this.operand();
    return { kind: "cmp", op: m[1].replace("===", "==").replace("!==", "!="), left, right };
  }
  operand(): Operand {
    this.ws();
    const rest = this.t.slice(this.pos);
    const c = rest[0];
    if (c === "@" || c === "$") {
      let i = 1;
      if (c === "$" && rest[1] === "$") i = 2;
      while (i < rest.length) {
        if (rest[i] === "[") {
          let j = i + 1;
          let q: string | undefined;
          while (j < rest.length) {
            const ch = rest[j];
            if (q) {
              if (ch === "\\") j++;
              else if (ch === q) q = undefined;
            } else if (ch === "'" || ch === '"') q = ch;
            else if (ch === "]") break;
            j++;
          }
          i = j + 1;
        } else if (rest[i] === ".") {
          i++;
          while (i < rest.length && !/[\s.[\]()=!<>&|]/.test(rest[i])) i++;
        } else break;
      }
      this.pos += i;
      const text = rest.slice(0, i);
      return { kind: "path", rel: c === "@", text: c === "@" ? `$${text.slice(1)}` : text };
    }
    if (c === "'" || c === '"') {
      let j = 1;
      let s = "";
      while (j < rest.length && rest[j] !== c) {
        if (rest[j] === "\\" && j + 1 < rest.length) j++;
        s += rest[j];
        j++;
      }
      if (j >= rest.length) throw new Error("unclosed string");
      this.pos += j + 1;
      return { kind: "literal", value: s };
    }
    const m = /^(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(rest);
    if (!m) throw new Error("operand expected");
    this.pos += m[1].length;
    return { kind: "literal", value: JSON.parse(m[1]) as Json };
  }
}

function operandValue(o: Operand, node: Json, root: Json, env: PathEnv): Json | undefined {
  if (o.kind === "literal") return o.value;
  const r = evaluatePath(o.text, o.rel ? node : root, env);
  return r.found ? r.value : undefined;
}

function testCond(c: Cond, node: Json, root: Json, env: PathEnv): boolean {
  switch (c.kind) {
    case "or":
      return testCond(c.left, node, root, env) || testCond(c.right, node, root, env);
    case "and":
      return testCond(c.left, node, root, env) && testCond(c.right, node, root, env);
    case "not":
      return !testCond(c.inner, node, root, env);
    case "exists":
      return operandValue(c.operand, node, root, env) !== undefined;
    case "cmp": {
      const a = operandValue(c.left, node, root, env);
      const b = operandValue(c.right, node, root, env);
      if (a === undefined || b === undefined) return c.op === "!=" && !(a === undefined && b === undefined);
      switch (c.op) {
        case "==":
          return JSON.stringify(a) === JSON.stringify(b);
        case "!=":
          return JSON.stringify(a) !== JSON.stringify(b);
      }
      const comparable = (typeof a === "number" && typeof b === "number") || (typeof a === "string" && typeof b === "string");
      if (!comparable) return false;
      switch (c.op) {
        case "<":
          return (a as number) < (b as number);
        case "<=":
          return (a as number) <= (b as number);
        case ">":
          return (a as number) > (b as number);
        default:
          return (a as number) >= (b as number);
      }
    }
  }
}

