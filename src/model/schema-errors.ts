/**
 * The structure check's second half: the errors of one validator run (src/model/schema.ts picks
 * the validator) turned into findings, one per fault, each on the exact key or value, in words
 * that say what to write instead: unknown fields (misspelt, of the other query language, of
 * another state type), missing fields, wrong values; CloudFormation intrinsics and deploy-time
 * placeholders are accepted and said once. The fixes come from src/model/schema-fixes.ts.
 */
import { validators, nodeValidators, fields, type SchemaError, type SchemaNode } from "../generated/schema.js";
import type { QueryLanguage, State } from "./index.js";
import { STATE_TYPES } from "./index.js";
import { hasPlaceholder, isObject, isPlaceholder, pathOf, prop, toValue, type Node, get, memberOf } from "../parse/tree.js";
import { closest, quote } from "../expr/names.js";
import type { AwsRendering, Finding, ReportOptions } from "../report.js";
import type { Fix } from "../diagnostic.js";
import { jsonataReplacementFix } from "../expr/to-jsonata.js";
import { EXPECTED_STRING, QUERY_LANGUAGE_VALUES, VALUE_CANNOT_BE_EMPTY, minimumValue, notSupported, onlyForLanguage } from "../aws/messages.js";
import { pathTwinFix, pathTwinOf, removeFix } from "./schema-fixes.js";

export type SchemaRuleId = "required-field" | "unknown-field" | "invalid-value" | "choice-rule" | "deploy-time-placeholder";

export interface SchemaFinding extends Finding {
  rule: SchemaRuleId;
}

// ---------------------------------------------------------------------------------------------
// vocabulary

/** JSONPath-only fields and what a JSONata state uses instead (the first one allowed where the field sits). */
const JSONATA_INSTEAD: ReadonlyMap<string, string[]> = new Map([
  ["Parameters", ["Arguments", "ItemSelector", "Output"]],
  ["ResultSelector", ["Output"]],
  ["ResultPath", ["Output", "Assign"]],
  ["OutputPath", ["Output"]],
  ["Result", ["Output"]],
]);
/** JSONata-only fields and what a JSONPath state uses instead. */
const JSONPATH_INSTEAD: ReadonlyMap<string, string[]> = new Map([
  ["Arguments", ["Parameters"]],
  ["Output", ["ResultSelector", "OutputPath", "ResultPath"]],
  ["Items", ["ItemsPath"]],
]);

/** What to add, said after `Field "X" is required in ...`. */
const REQUIRED_HINT: ReadonlyMap<string, string> = new Map([
  ["Resource", 'Add "Resource" with the ARN of the Lambda function, activity or service integration to run.'],
  ["Choices", 'Add "Choices" with at least one Choice rule.'],
  ["Branches", 'Add "Branches" with at least one branch: {"StartAt": ..., "States": {...}}.'],
  ["StartAt", 'Add "StartAt" naming the first state to run.'],
  ["States", 'Add "States" with the states to run.'],
  ["ErrorEquals", 'Add "ErrorEquals" with the error names to match, such as ["States.ALL"].'],
  ["OutputType", 'Add "OutputType": "JSON" or "JSONL".'],
  ["Transformation", 'Add "Transformation": "NONE", "FLATTEN" or "COMPACT" (AWS wants it beside "OutputType").'],
  ["Condition", 'Add "Condition" with a JSONata expression that evaluates to true or false, such as "{% $states.input.ok %}".'],
]);

/** Value errors other rules already explain: `field/keyword` (one fault, one diagnostic). */
const REPORTED_ELSEWHERE = new Set([
  "StartAt/minLength", // missing-transition-target: "StartAt is empty"
]);

const VALUE_KEYWORDS = ["type", "enum", "const", "pattern", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minLength", "maxLength", "minItems", "maxItems"];

// ---------------------------------------------------------------------------------------------
// helpers

function otherLanguage(lang: QueryLanguage): QueryLanguage {
  return lang === "JSONPath" ? "JSONata" : "JSONPath";
}

/** `Task.JSONPath` -> `Task.JSONata`, `catcher.JSONata` -> `catcher.JSONPath`. */
function twinOf(name: string): string | undefined {
  if (name.endsWith(".JSONPath")) return name.slice(0, -9) + ".JSONata";
  if (name.endsWith(".JSONata")) return name.slice(0, -8) + ".JSONPath";
  return undefined;
}

function languageOf(name: string): QueryLanguage | undefined {
  return name.endsWith(".JSONPath") ? "JSONPath" : name.endsWith(".JSONata") ? "JSONata" : undefined;
}

function stateTypeOf(name: string): string | undefined {
  const t = name.split(".")[0];
  return (STATE_TYPES as readonly string[]).includes(t) ? t : undefined;
}

function orList(items: string[]): string {
  const q = items.map(quote);
  return q.length <= 1 ? q.join("") : `${q.slice(0, -1).join(", ")} or ${q[q.length - 1]}`;
}

function andList(items: readonly string[]): string {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** A short rendering of a value for "got ...". */
export function render(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return value.length === 0 ? "an empty array" : "an array";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return quote(value.length > 60 ? value.slice(0, 57) + "..." : value);
  return String(value);
}

function decodePointer(pointer: string): string[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

function nodeAtPath(base: Node, segments: string[]): Node | undefined {
  let node: Node | undefined = base;
  for (const seg of segments) {
    if (!node) return undefined;
    if (node.type === "array") node = node.items![Number(seg)];
    else if (node.type === "object") node = get(node, seg);
    else return undefined;
  }
  return node;
}

/** The name a user knows a value by: `"MaxAttempts"`, `"ErrorEquals[0]"`. */
function fieldName(segments: string[], fallback: string): string {
  let name = "";
  for (let i = segments.length - 1; i >= 0; i--) {
    const s = segments[i];
    if (/^\d+$/.test(s)) name = `[${s}]${name}`;
    else return s + name;
  }
  return fallback + name;
}

const NO_SKIP: ReadonlySet<string> = new Set();

/**
 * Most objects are valid: the node validator says so without building a value for ajv (it
 * accepts exactly what ajv accepts on the node's value; scripts/build-schema.mjs).
 */
export function isValid(schema: string, node: Node): boolean {
  const valid = nodeValidators[schema];
  return valid !== undefined && valid(node);
}

/** Where a validated object sits, for the messages. */
export interface Target {
  /** The object node the validator ran on. */
  node: Node;
  /** Dispatch key of the validator. */
  schema: string;
  /** The state it belongs to, if any. */
  state?: State;
  /** Label of the object when an error is on the object itself: `the state machine`. */
  label: string;
}

/**
 * The findings of one structure check, and the validator runs that make them: each ajv error
 * becomes one finding on the key or value at fault.
 */
export class SchemaReport {
  readonly findings: SchemaFinding[] = [];
  private placeholders = new Set<Node>();

  constructor(
    private readonly text: string,
    private readonly root: Node | undefined,
  ) {}

  /** The keys of an object, made once per object (an object with many unknown keys asks for each). */
  private keysOf(object: Node): ReadonlySet<string> {
    if (this.keys?.object !== object) this.keys = { object, set: new Set(object.properties?.map((p) => p.key) ?? []) };
    return this.keys.set;
  }

  private keys: { object: Node; set: ReadonlySet<string> } | undefined;

  add(rule: SchemaRuleId, node: Node, message: string, options?: ReportOptions): void {
    this.findings.push({ rule, node, message, options });
  }

  removeFix(node: Node, key: string): Fix[] | undefined {
    return removeFix(this.text, node, key);
  }

  /** Accept a deploy-time placeholder instead of reporting it, and say so once. */
  placeholder(node: Node, name: string, whole: boolean): void {
    if (this.placeholders.has(node)) return;
    this.placeholders.add(node);
    const value = node.type === "object" ? JSON.stringify(toValue(node)) : String(node.value);
    const shown = value.length > 60 ? value.slice(0, 57) + "..." : value;
    const message = whole
      ? `${quote(name)} is a deploy-time placeholder (${shown}); it is checked only after substitution.`
      : `${quote(name)} holds a deploy-time placeholder (${shown}); its format is checked only after substitution.`;
    this.add("deploy-time-placeholder", node, message);
  }

  /** A state that sets "QueryLanguage": "JSONPath" in a JSONata state machine (query-language's finding). */
  private downgrades(state: State | undefined): boolean {
    return state !== undefined && get(state.node, "QueryLanguage")?.value === "JSONPath" && get(this.root, "QueryLanguage")?.value === "JSONata";
  }

  /**
   * Runs a validator and reports its errors. `skip` holds keys whose errors were already said
   * (`Next`, or `required:Next` for a missing field). Returns the unknown keys found on the object.
   */
  validate(target: Target, value: () => unknown, skip: ReadonlySet<string> = NO_SKIP): string[] {
    const validator = validators[target.schema];
    if (!validator || isValid(target.schema, target.node) || validator(value())) return [];
    const errors = (validator.errors ?? []).filter((e) => !["if", "anyOf", "oneOf", "not", "allOf", "$ref"].includes(e.keyword));
    const unknownKeys: string[] = [];
    const valueDone = new Set<string>();

    // unknown keys first: they explain some missing fields
    const unknownByObject = new Map<string, string[]>();
    for (const e of errors) {
      if (e.keyword !== "additionalProperties") continue;
      const list = unknownByObject.get(e.instancePath) ?? [];
      list.push(e.params.additionalProperty);
      unknownByObject.set(e.instancePath, list);
      if (e.instancePath === "") unknownKeys.push(e.params.additionalProperty);
    }

    for (const e of errors) {
      const segments = decodePointer(e.instancePath);
      const node = nodeAtPath(target.node, segments);
      if (!node) continue;
      const top = segments.length === 0;
      // {"Ref": ...} / {"Fn::GetAtt": ...}: CloudFormation fills it in at deploy time
      const intrinsic = intrinsicAround(node, target.node);
      if (intrinsic) {
        this.placeholder(intrinsic, fieldName(pathOf(intrinsic).map(String), "value"), true);
        continue;
      }
      switch (e.keyword) {
        case "additionalProperties": {
          const key = e.params.additionalProperty as string;
          if (top && skip.has(key)) break;
          const p = prop(node, key);
          if (!p) break;
          if (hasPlaceholder(key)) break;
          this.unknownField(target, e.parentSchema, p, key, node);
          break;
        }
        case "required": {
          const missing = e.params.missingProperty as string;
          if (top && skip.has(`required:${missing}`)) break;
          const unknown = unknownByObject.get(e.instancePath) ?? [];
          // a misspelt or wrong-language key already says it (AWS says both)
          if (unknown.some((k) => closest(k, [missing]) === missing || (INSTEAD_OF(k) ?? []).includes(missing))) {
            this.add("required-field", node, "", { aws: { only: true, required: missing, at: node } });
            break;
          }
          const where = top ? target.label : (e.parentSchema?.title ?? quote(fieldName(segments, "")));
          const hint = REQUIRED_HINT.get(missing) ?? (missing === "Next" ? 'Add "Next" naming the state to go to when the error is caught.' : "");
          this.add("required-field", node, `Field ${quote(missing)} is required in ${where}.${hint ? " " + hint : ""}`, { ...keyOrSelf(node, target.node), aws: { required: missing, at: node } });
          break;
        }
        default: {
          if (!VALUE_KEYWORDS.includes(e.keyword)) break;
          if (valueDone.has(e.instancePath)) break;
          const name = fieldName(segments, target.state?.name ?? "value");
          if (segments.length && skip.has(segments[0])) break;
          if (REPORTED_ELSEWHERE.has(`${name}/${e.keyword}`)) break;
          valueDone.add(e.instancePath);
          if (isPlaceholder(node.value)) {
            this.placeholder(node, name, true);
            break;
          }
          if (hasPlaceholder(node.value) && ["pattern", "enum", "const", "format"].includes(e.keyword)) {
            this.placeholder(node, name, false);
            break;
          }
          // a path where a number or boolean belongs: the "…Path" twin was meant (no-path's case,
          // but an error here, since AWS rejects the type); say so once, with the rename
          const aws = awsValueMessage(name, e, toValue(node));
          const rename = pathTwinOf(node, e.keyword, target.state);
          if (rename) {
            this.add("invalid-value", node, `${valueMessage(name, e, toValue(node))} To read it from the input, rename the field to ${quote(rename)}.`, {
              fixes: [pathTwinFix(this.text, node, rename)],
              aws,
            });
            break;
          }
          this.add("invalid-value", node, valueMessage(name, e, toValue(node)), { aws });
        }
      }
    }
    return unknownKeys;
  }

  private unknownField(target: Target, objectSchema: SchemaNode | undefined, valueNode: Node, key: string, objectNode: Node): void {
    const fixes = this.removeFix(valueNode, key) ?? [];
    const objectName = objectSchema?.["x-name"] ?? target.schema;
    const title = objectSchema?.title ?? target.label;
    const allowed = fields[objectName] ?? [];
    const type = stateTypeOf(objectName);
    const lang = languageOf(objectName);
    const present = this.keysOf(objectNode);
    // AWS: "Field 'X' is not supported" at the object that holds the key
    let aws: AwsRendering | false = { message: notSupported(key), at: objectNode };
    const say = (message: string) => this.add("unknown-field", valueNode, message, { key: true, fixes, aws });

    if (type && (key === "Next" || key === "End")) {
      if (type === "Choice") {
        return say(
          key === "Next"
            ? 'A Choice state cannot have "Next"; put transitions in "Choices" and "Default".'
            : 'A Choice state cannot have "End": it cannot end the workflow. Route to a Succeed or Fail state through "Choices" or "Default".',
        );
      }
      if (type === "Succeed" || type === "Fail") return say(`A ${type} state ends the workflow: remove ${quote(key)}.`);
    }
    if (objectName.startsWith("choiceRule.") && key === "End") {
      return say('A Choice rule cannot have "End": use "Next" to go to a Succeed or Fail state (a Choice state never ends the workflow itself).');
    }

    // the field of the other query language; in a JSONata state, the mechanical rewrite first
    const rewrite = lang === "JSONata" && type ? jsonataReplacementFix(this.text, type, key, valueNode, present) : undefined;
    if (rewrite) fixes.unshift(rewrite);
    const twin = twinOf(objectName);
    const languageField = (lang !== undefined && twin !== undefined && fields[twin]?.includes(key)) || (lang === "JSONata" && key.endsWith("Path") && allowed.includes(key.slice(0, -4)));
    if (lang && languageField) {
      // a field of the other query language: on a state AWS names the state and both languages
      // (MEAS), unless the state downgrades a JSONata machine to JSONPath (that error alone);
      // inside a state's object it names the field
      if (!type) aws = { at: valueNode };
      else if (this.downgrades(target.state)) aws = false;
      else aws = { message: onlyForLanguage(lang, key, otherLanguage(lang)), at: objectNode };
    }
    if (lang && twin && fields[twin]?.includes(key)) {
      const where = type ? `a ${lang} state` : `${title} of a ${lang} state`;
      return say(`Field ${quote(key)} is not allowed in ${where}; ${languageHint(key, lang, allowed)}.`);
    }
    if (lang === "JSONata" && key.endsWith("Path") && allowed.includes(key.slice(0, -4))) {
      const base = key.slice(0, -4);
      return say(`Field ${quote(key)} is not allowed in a JSONata state; use ${quote(base)} with a JSONata expression instead.`);
    }
    if (key === "QueryLanguage" && (objectName === "branch" || objectName === "processor")) {
      return say(
        `Field "QueryLanguage" is not allowed in ${title}: AWS refuses it there, and the states inside follow the state machine's QueryLanguage, not their ${objectName === "branch" ? "branch's" : "processor's"}. Set "QueryLanguage" on the states themselves, or at the top level.`,
      );
    }
    if (key.endsWith(".$")) {
      const base = key.slice(0, -2);
      const pathField = allowed.includes(base + "Path") ? base + "Path" : undefined;
      return say(
        `Field ${quote(key)} is not allowed in ${title}: the ".$" suffix works only inside payload templates such as "Parameters".` +
          (pathField ? ` Use ${quote(pathField)} instead.` : ""),
      );
    }
    const candidates = allowed.filter((k) => !present.has(k));
    const lower = key.toLowerCase();
    const guess =
      closest(key, candidates) ??
      (key.length >= 4 ? candidates.find((k) => k.toLowerCase().startsWith(lower) || lower.startsWith(k.toLowerCase())) : undefined);
    const where = objectName === "root" ? "at the top level of the state machine" : `in ${title}`;
    let more = guess ? ` Did you mean ${quote(guess)}?` : "";
    if (!guess && type && lang) {
      const owners = STATE_TYPES.filter((t) => fields[`${t}.${lang}`]?.includes(key));
      if (owners.length && owners.length < STATE_TYPES.length) more = ` Only ${andList(owners)} states have it.`;
    } else if (!guess && (objectName === "root" || objectName === "branch" || objectName === "processor")) {
      more = ` It may hold only ${andList(allowed.map(quote))}.`;
    }
    say(`Field ${quote(key)} is not allowed ${where}.${more}`);
  }
}

/** A CloudFormation intrinsic function object: exactly one member, "Ref" or "Fn::...". */
function isIntrinsicObject(node: Node): boolean {
  return isObject(node) && node.properties.length === 1 && (node.properties[0].key === "Ref" || /^Fn::[A-Za-z]+$/.test(node.properties[0].key));
}

/** The intrinsic function object that holds `node` (or is it), below `top`. */
function intrinsicAround(node: Node, top: Node): Node | undefined {
  for (let n: Node | undefined = node; n && n !== top; n = n.parent) if (isIntrinsicObject(n)) return n;
  return undefined;
}

/** Report on the member's key when the object is a member; on the first key of the root object; else on the object. */
export function keyOrSelf(node: Node, root?: Node): ReportOptions & { key?: boolean } {
  if (memberOf(node)) return { key: true };
  if (node === root && !node.parent && node.properties?.length) {
    const first = node.properties[0];
    return { raw: { offset: first.keyOffset, length: first.keyLength } };
  }
  return {};
}

function INSTEAD_OF(key: string): string[] | undefined {
  return JSONATA_INSTEAD.get(key) ?? JSONPATH_INSTEAD.get(key);
}

/** "use X instead" for a field of the other query language. */
function languageHint(key: string, lang: QueryLanguage, allowed: string[]): string {
  if (lang === "JSONata") {
    if (key === "InputPath") return "read the input through $states.input in JSONata expressions instead";
    if (key === "ItemsPath") return 'use "Items" with a JSONata expression, such as "{% $states.input.items %}", instead';
    const options = (JSONATA_INSTEAD.get(key) ?? []).filter((k) => allowed.includes(k));
    if (key === "ResultPath" && options.length === 2) return 'use "Output" to shape the output, or "Assign" to keep the result in a variable, instead';
    if (options.length) return `use ${quote(options[0])} instead`;
    if (key.endsWith("Path") && allowed.includes(key.slice(0, -4))) return `use ${quote(key.slice(0, -4))} with a JSONata expression instead`;
    return "JSONata states shape their data with expressions";
  }
  const options = (JSONPATH_INSTEAD.get(key) ?? []).filter((k) => allowed.includes(k));
  const use = options.length ? `use ${orList(options.slice(0, 2))} instead` : `remove it`;
  return `${use}, or set "QueryLanguage": "${otherLanguage(lang)}" on the state`;
}

/** AWS's words for a value error, where they are on record (aws-validation-messages S6-S9); else aslint's. */
function awsValueMessage(name: string, e: SchemaError, value: unknown): AwsRendering | undefined {
  if (name === "QueryLanguage" && (e.keyword === "enum" || e.keyword === "type")) {
    return { message: typeof value === "string" ? QUERY_LANGUAGE_VALUES : EXPECTED_STRING };
  }
  if (e.keyword === "minimum" && typeof e.params.limit === "number") return { message: minimumValue(e.params.limit) };
  if (e.keyword === "minItems" && e.params.limit === 1) return { message: VALUE_CANNOT_BE_EMPTY };
  return undefined;
}

function valueMessage(name: string, e: SchemaError, value: unknown): string {
  const schema = e.parentSchema ?? {};
  if (e.keyword === "enum") {
    const allowed = (e.params.allowedValues as unknown[]) ?? [];
    const list = allowed.length === 2 ? `${quote(String(allowed[0]))} or ${quote(String(allowed[1]))}` : `one of ${allowed.join(", ")}`;
    const guess = typeof value === "string" ? closest(value, allowed.map(String)) : undefined;
    return `${quote(name)} must be ${list}; got ${render(value)}.${guess ? ` Did you mean ${quote(guess)}?` : ""}`;
  }
  const description = schema.description ?? (e.keyword === "type" ? `of type ${e.params.type}` : String(e.message ?? "valid"));
  let hint = "";
  if (e.keyword === "const" && typeof schema.const === "string" && typeof value !== "string") hint = ` Write it as the string ${quote(schema.const)} (quoted in YAML too).`;
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (typeof value === "string") {
    const trimmed = value.trim();
    if ((types.includes("integer") || types.includes("number")) && trimmed !== "" && !Number.isNaN(Number(trimmed))) hint = " Write the number without quotes.";
    else if (types.includes("boolean") && (trimmed === "true" || trimmed === "false")) hint = " Write true or false without quotes.";
  }
  return `${quote(name)} must be ${description}; got ${render(value)}.${hint}`;
}
