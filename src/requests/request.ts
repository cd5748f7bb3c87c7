/**
 * What every API request check shares: the request file parsed with positions, a reporter
 * that turns a node into a located diagnostic (the same logic the definition linter uses,
 * from report.ts), and a validator driven by the AWS API model (required members, unknown
 * members, types, lengths, patterns, enums).
 *
 * Codes follow where the request would fail:
 * - `ParamValidationError`: the AWS CLI / SDK refuses it before sending (botocore checks
 *   required and unknown members, types and minimum lengths);
 * - `ValidationException`: the service refuses it (maximum lengths, patterns, enums);
 * - the service's own exception names (`InvalidArn`, `InvalidName`, `InvalidExecutionInput`,
 *   `StateMachineTypeNotSupported`, SWF's `DefaultUndefinedFault`...) for the checks they name.
 */
import { parseDocumentText, pathOf, type Node, type ParsedDocument, type ParseProblem, memberOf } from "../parse/index.js";
import { resultOf, type Basis, type Diagnostic, type Fix, type LintResult, type Severity } from "../diagnostic.js";
import { awsDiagnosticOf, basisFor, diagnosticAt, locate, nodeLocator, settle, severityUnder, type RuleSetting, type SpanOptions } from "../report.js";
import { codePointLength, didYouMean } from "../expr/names.js";
import type { ModelShape, ServiceModel } from "../aws/api-models.js";
import { missingParameter, requestDuplicateKey, requestShape, requestSyntax, unknownParameter, type RequestRule } from "./rules.js";

/** Per-rule severity settings, by rule id (`--rule`, `.aslintrc.json` "rules"), as `lint` takes them. */
export type RuleSettings = Readonly<Record<string, RuleSetting>>;

export interface ReportSpec extends SpanOptions {
  /** Location segments, when not the node's own (a missing member is located at its parent). */
  segments?: readonly (string | number)[];
  rule: RequestRule;
  /** The exception or note code, when not the rule's own. */
  code?: string;
  /** The severity, when not the rule's default; the user's setting of the rule overrides both. */
  severity?: Severity;
  /** The finding's basis, where the rule declares more than one at this severity. */
  basis?: Basis;
  fixes?: Fix[];
}

export class RequestContext {
  readonly diagnostics: Diagnostic[] = [];
  constructor(
    readonly doc: ParsedDocument,
    private readonly settings: RuleSettings = {},
  ) {}

  get text(): string {
    return this.doc.text;
  }

  report(node: Node, message: string, spec: ReportSpec): void {
    const { offset, length } = locate(this.doc, node, spec);
    this.reportAt(offset, length, spec.segments ?? pathOf(node), message, spec);
  }

  /** A report at an explicit source range (parse problems). */
  reportAt(offset: number, length: number, segments: readonly (string | number)[], message: string, spec: ReportSpec): void {
    const { meta } = spec.rule;
    const wanted = spec.severity ?? meta.severity;
    const severity = severityUnder(this.settings[meta.id], wanted);
    if (!severity) return;
    const code = spec.code ?? meta.code;
    const basis = basisFor(meta, wanted, spec.basis);
    // `--format aws` of a request: the refusals, in the API's own codes
    const aws = awsDiagnosticOf(basis, undefined, { code, message, segments, offset });
    this.diagnostics.push(diagnosticAt(this.doc, { rule: meta.id, code, severity, message, offset, length, segments, fixes: spec.fixes, basis, aws }));
  }

  /** A report about a missing member: on the key of the object that should hold it, else its first key. */
  reportMissing(object: Node, message: string, spec: ReportSpec): void {
    const segments = pathOf(object);
    if (memberOf(object)) return this.report(object, message, { ...spec, key: true, segments });
    const first = object.properties?.[0];
    if (first) return this.report(first, message, { ...spec, key: true, segments });
    this.report(object, message, { ...spec, segments });
  }

  finish(): LintResult {
    const diagnostics = settle(this.diagnostics);
    return { result: resultOf(diagnostics), diagnostics };
  }
}

/**
 * Parse problems of a request file in the request's words, under the request rules
 * `request-syntax` and `request-duplicate-key` (the parser names them after the definition's
 * syntax rules). Duplicate keys only warn: the CLI keeps the last one.
 */
function problemMessage(p: ParseProblem, what: string): { message: string; rule: RequestRule; severity?: Severity } {
  switch (p.rule) {
    case "empty-definition":
      return { message: `The file is empty. A ${what} file is a JSON or YAML object of the request's members.`, rule: requestSyntax };
    case "not-text":
      return { message: `This file is not text (it holds NUL or other control bytes); it cannot be a ${what} file.`, rule: requestSyntax };
    case "json-comment":
      return { message: "Comments are not allowed in JSON: the AWS CLI cannot read the file. Remove the comment, or write the request in YAML (--cli-input-yaml).", rule: requestSyntax };
    case "trailing-comma":
      return { message: "Trailing comma: JSON does not allow it and the AWS CLI cannot read the file. Remove the comma.", rule: requestSyntax };
    case "duplicate-key": {
      const key = /^Duplicate key ("(?:[^"\\]|\\.)*")/.exec(p.message)?.[1];
      return { message: `Duplicate key${key ? ` ${key}` : ""}: the AWS CLI keeps the last value and ignores the others. Remove one of them.`, rule: requestDuplicateKey };
    }
    default:
      // a limit of aslint's rather than the CLI's (YAML nested past what aslint reads) only warns
      return { message: p.message, rule: requestSyntax, severity: p.severity };
  }
}

/**
 * Parses a request file (JSON as `--cli-input-json` takes it, or YAML as `--cli-input-yaml`).
 * Returns the context and the root object, or the context alone when the file is not an object.
 */
export function openRequest(text: string, filename: string | undefined, what = "request", settings?: RuleSettings): { ctx: RequestContext; root?: Node } {
  const doc = parseDocumentText(text, filename);
  const ctx = new RequestContext(doc, settings);
  const nodeAt = nodeLocator(doc.root);
  for (const p of doc.problems) {
    const { message, rule, severity } = problemMessage(p, what);
    const node = nodeAt(p.offset);
    ctx.reportAt(p.offset, p.length, node ? pathOf(node) : [], message, { rule, severity });
  }
  const root = doc.root;
  if (!root) return { ctx };
  if (root.type !== "object") {
    ctx.report(root, `A ${what} file holds a JSON object of the request's members; this file holds ${root.type === "array" ? "an array" : `a ${root.type}`}.`, {
      rule: requestShape,
      raw: { offset: root.offset, length: Math.min(root.length, 1) },
    });
    return { ctx };
  }
  return { ctx, root };
}

/** Dotted parameter name as botocore prints it: `taskList.name`, `tagList[0]`. */
export function paramName(node: Node): string {
  let out = "";
  for (const s of pathOf(node)) out += typeof s === "number" ? `[${s}]` : out ? `.${s}` : s;
  return out || "input";
}

const PY_TYPES: Record<string, string> = {
  string: "<class 'str'>",
  structure: "<class 'dict'>",
  list: "<class 'list'>, <class 'tuple'>",
  integer: "<class 'int'>",
  long: "<class 'int'>",
  boolean: "<class 'bool'>",
  timestamp: "<class 'datetime.datetime'>, <class 'str'>",
};
const PY_TYPE_OF: Record<string, string> = {
  string: "<class 'str'>",
  number: "<class 'int'>",
  boolean: "<class 'bool'>",
  null: "<class 'NoneType'>",
  object: "<class 'dict'>",
  array: "<class 'list'>",
};

function shortValue(node: Node): string {
  const src = node.type === "object" ? "{...}" : node.type === "array" ? "[...]" : node.type === "null" ? "None" : String(node.value);
  return src.length > 40 ? src.slice(0, 39) + "…" : src;
}


/** UTF-16 index of the code point number `n` (for ranges past a length limit). */
export function indexOfCodePoint(s: string, n: number): number {
  let count = 0;
  for (let i = 0; i < s.length; i++) {
    if (count === n) return i;
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    count++;
  }
  return s.length;
}

export interface ShapeCheckOptions {
  /** Members (dotted names) whose value constraints the caller checks itself. */
  custom?: ReadonlySet<string>;
  /** Members (dotted names) the caller checks entirely (type included). */
  skip?: ReadonlySet<string>;
}

/**
 * Validates a node against a model shape, as botocore (client side) and the service's
 * model validation would. Returns false when the node has the wrong type.
 */
export function checkShape(ctx: RequestContext, model: ServiceModel, shapeName: string, node: Node, opts: ShapeCheckOptions = {}): boolean {
  const shape: ModelShape | undefined = model.shapes[shapeName];
  if (!shape) return true;
  const name = paramName(node);
  const dotted = pathOf(node).length ? name : "";
  if (opts.skip?.has(dotted)) return true;
  const wantType = shape.type;
  const typeOk =
    (wantType === "structure" && node.type === "object") ||
    (wantType === "list" && node.type === "array") ||
    (wantType === "string" && node.type === "string") ||
    ((wantType === "integer" || wantType === "long") && node.type === "number" && Number.isInteger(node.value)) ||
    (wantType === "boolean" && node.type === "boolean") ||
    (wantType === "timestamp" && (node.type === "string" || node.type === "number"));
  if (!typeOk) {
    ctx.report(
      node,
      `Invalid type for parameter ${name}, value: ${shortValue(node)}, type: ${PY_TYPE_OF[node.type]}, valid types: ${PY_TYPES[wantType] ?? wantType}.`,
      { rule: requestShape },
    );
    return false;
  }
  const custom = opts.custom?.has(dotted) ?? false;
  if (wantType === "structure") checkStructure(ctx, model, shape, node, name, opts);
  else if (wantType === "list") checkList(ctx, model, shape, node, name, custom, opts);
  else if ((wantType === "integer" || wantType === "long") && !custom) checkIntegerRange(ctx, shape, node, name);
  else if (wantType === "string" && !custom) checkString(ctx, shape, node, name);
  return true;
}

/** A structure: no unknown member, every required one, each member's shape. */
function checkStructure(ctx: RequestContext, model: ServiceModel, shape: ModelShape, node: Node, name: string, opts: ShapeCheckOptions): void {
  const members = shape.members ?? {};
  const names = Object.keys(members);
  for (const p of node.properties!) {
    if (!Object.prototype.hasOwnProperty.call(members, p.key)) {
      ctx.report(
        p,
        `Unknown parameter in ${name}: "${p.key}", must be one of: ${names.join(", ")}.${didYouMean(p.key, names)}`,
        { rule: unknownParameter, key: true },
      );
    }
  }
  for (const req of shape.required ?? []) {
    if (!node.properties!.some((p) => p.key === req)) {
      ctx.reportMissing(node, `Missing required parameter in ${name}: "${req}".`, { rule: missingParameter });
    }
  }
  for (const p of node.properties!) {
    if (!Object.hasOwn(members, p.key)) continue;
    const m = members[p.key];
    checkShape(ctx, model, typeof m === "string" ? m : m.shape, p, opts);
  }
}

/** A list: its length (the maximum unless the caller checks it), each item's shape. */
function checkList(ctx: RequestContext, model: ServiceModel, shape: ModelShape, node: Node, name: string, custom: boolean, opts: ShapeCheckOptions): void {
  const items = node.items!;
  if (shape.min !== undefined && items.length < shape.min) {
    ctx.report(node, `Invalid length for parameter ${name}, value: ${items.length}, valid min length: ${shape.min}.`, { rule: requestShape });
  }
  if (!custom && shape.max !== undefined && items.length > shape.max) {
    ctx.report(items[shape.max], `${name} holds ${items.length} items; at most ${shape.max} are allowed (member must have length less than or equal to ${shape.max}).`, {
      rule: requestShape,
      code: "ValidationException",
    });
  }
  if (shape.member) for (const item of items) checkShape(ctx, model, shape.member, item, opts);
}

/** An integer or long within the shape's range. */
function checkIntegerRange(ctx: RequestContext, shape: ModelShape, node: Node, name: string): void {
  const value = node.value as number;
  if ((shape.min !== undefined && value < shape.min) || (shape.max !== undefined && value > shape.max)) {
    const range = shape.max !== undefined ? `${num(shape.min ?? 0)} to ${num(shape.max)}` : `at least ${num(shape.min!)}`;
    ctx.report(node, `${name} must be ${range}; ${value} is not (member must have value ${shape.max !== undefined && value > shape.max ? `less than or equal to ${shape.max}` : `greater than or equal to ${shape.min}`}).`, {
      rule: requestShape,
      code: "ValidationException",
    });
  }
}

/** A string: its length in code points, its enum, its pattern. */
function checkString(ctx: RequestContext, shape: ModelShape, node: Node, name: string): void {
  const value = node.value as string;
  const len = codePointLength(value);
  if (shape.min !== undefined && len < shape.min) {
    ctx.report(node, `Invalid length for parameter ${name}, value: ${len}, valid min length: ${shape.min}.`, { rule: requestShape });
  } else if (shape.max !== undefined && len > shape.max) {
    const cut = indexOfCodePoint(value, shape.max);
    ctx.report(node, `${name} is ${len.toLocaleString("en-US")} characters long; at most ${shape.max.toLocaleString("en-US")} are allowed (member must have length less than or equal to ${shape.max}).`, {
      rule: requestShape,
      code: "ValidationException",
      span: { start: cut, end: value.length },
    });
  }
  if (shape.enum && !shape.enum.includes(value)) {
    ctx.report(node, `${name} must be one of ${shape.enum.join(", ")}; ${JSON.stringify(value)} is not (member must satisfy enum value set).${didYouMean(value, shape.enum)}`, {
      rule: requestShape,
      code: "ValidationException",
    });
  }
  if (shape.pattern) {
    const re = new RegExp(`^(?:${shape.pattern})$`, "u");
    if (!re.test(value)) {
      const bad = firstOutside(value, shape.pattern);
      ctx.report(node, `${name} does not match the pattern ${shape.pattern}${bad ? `: ${bad.what}` : ""} (member must satisfy regular expression pattern).`, {
        rule: requestShape,
        code: "ValidationException",
        span: bad ? { start: bad.index, end: bad.index + bad.length } : undefined,
      });
    }
  }
}

/** For a character-class pattern (`\p{ASCII}*`, `[!-~]+`), the first character outside it. */
function firstOutside(value: string, pattern: string): { index: number; length: number; what: string } | undefined {
  const m = /^(\\p\{[A-Za-z_]+\}|\[[^\]]+\])[*+]$/.exec(pattern);
  if (!m) return undefined;
  const one = new RegExp(`^${m[1]}$`, "u");
  for (let i = 0; i < value.length; ) {
    const cp = value.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    if (!one.test(ch)) {
      const what = cp < 0x20 || cp === 0x7f ? `control character U+${cp.toString(16).toUpperCase().padStart(4, "0")}` : cp === 0x20 ? "a space" : JSON.stringify(ch);
      return { index: i, length: ch.length, what: `${what} is not allowed` };
    }
    i += ch.length;
  }
  return undefined;
}

/** Size of a string in UTF-8 bytes (lone surrogates count 3, as a replacement character). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** UTF-16 index of the first character that does not fit in `limit` UTF-8 bytes. */
export function utf8Cut(s: string, limit: number): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let size = c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
    const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff;
    if (pair) size = 4;
    if (n + size > limit) return i;
    n += size;
    if (pair) i++;
  }
  return s.length;
}

/** Formats a number with thousands separators. */
export function num(n: number): string {
  return n.toLocaleString("en-US");
}
