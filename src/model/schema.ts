/**
 * The structure check: runs the validators compiled ahead of time from schemas/asl.schema.json
 * (src/generated/schema.js, built by scripts/build-schema.mjs) on each object of the model,
 * dispatched by hand (root, branch, processor, `${Type}.${QueryLanguage}` for states, the
 * right Choice-rule schema for each rule's keys), and turns each ajv error into one finding on
 * the exact key or value at fault. The findings are computed once per machine and reported by
 * five rules: required-field, unknown-field, invalid-value, choice-rule, deploy-time-placeholder.
 */
import { validators, nodeValidators, fields, type SchemaError, type SchemaNode } from "../generated/schema.js";
import type { Fix } from "../diagnostic.js";
import type { Machine, QueryLanguage, State } from "./index.js";
import { STATE_TYPES } from "./index.js";
import { get, hasPlaceholder, isArray, isObject, isPlaceholder, pathOf, prop, toValue, type Node, type Property, memberOf } from "../parse/tree.js";
import { closest, quote } from "../expr/names.js";
import type { AwsRendering, Finding, ReportOptions } from "../report.js";
import { removeMemberFix } from "../parse/edits.js";
import { jsonataReplacementFix } from "../expr/to-jsonata.js";
import { meantAsPath } from "./jsonpath-fields.js";
import { ITEM_BATCHER_PATH_TWINS, pathTwinsOf, READER_CONFIG_PATH_TWINS } from "../aws/states.js";
import { CHOICE_COMBINATORS, OPERATOR_NAMES as OPERATORS, OPERATOR_TWINS } from "../aws/choice-operators.js";
import { renameKeyFix } from "../parse/edits.js";
import { MachineMap } from "./memo.js";
import { EXPECTED_STRING, QUERY_LANGUAGE_VALUES, TYPE_VALUES, VALUE_CANNOT_BE_EMPTY, minimumValue, notSupported, onlyForLanguage } from "../aws/messages.js";

export type SchemaRuleId = "required-field" | "unknown-field" | "invalid-value" | "choice-rule" | "deploy-time-placeholder";

export interface SchemaFinding extends Finding {
  rule: SchemaRuleId;
}

const cache = new MachineMap<SchemaFinding[]>();

/** The findings of the structure check that belong to one of the schema rules (the check runs once per machine). */
export function* schemaFindings(machine: Machine, text: string, rule: SchemaRuleId): Iterable<SchemaFinding> {
  let findings = cache.get(machine);
  if (!findings) {
    findings = new SchemaCheck(text).run(machine);
    cache.set(machine, findings);
  }
  for (const f of findings) if (f.rule === rule) yield f;
}

// ---------------------------------------------------------------------------------------------
// vocabulary

const COMBINATORS: readonly string[] = CHOICE_COMBINATORS;
/** JSONPath Choice-rule vocabulary: not allowed in JSONata rules. */
const JSONPATH_RULE_KEYS = new Set(["Variable", ...COMBINATORS, ...OPERATORS]);

const TYPE_LIST = STATE_TYPES.join(", ");

const LANGUAGES = ["JSONPath", "JSONata"];

/** JSONPath-only fields and what a JSONata state uses instead (the first one allowed where the field sits). */
const JSONATA_INSTEAD: Record<string, string[]> = {
  Parameters: ["Arguments", "ItemSelector", "Output"],
  ResultSelector: ["Output"],
  ResultPath: ["Output", "Assign"],
  OutputPath: ["Output"],
  Result: ["Output"],
};
/** JSONata-only fields and what a JSONPath state uses instead. */
const JSONPATH_INSTEAD: Record<string, string[]> = {
  Arguments: ["Parameters"],
  Output: ["ResultSelector", "OutputPath", "ResultPath"],
  Items: ["ItemsPath"],
};

/** What to add, said after `Field "X" is required in ...`. */
const REQUIRED_HINT: Record<string, string> = {
  Resource: 'Add "Resource" with the ARN of the Lambda function, activity or service integration to run.',
  Choices: 'Add "Choices" with at least one Choice rule.',
  Branches: 'Add "Branches" with at least one branch: {"StartAt": ..., "States": {...}}.',
  StartAt: 'Add "StartAt" naming the first state to run.',
  States: 'Add "States" with the states to run.',
  ErrorEquals: 'Add "ErrorEquals" with the error names to match, such as ["States.ALL"].',
  OutputType: 'Add "OutputType": "JSON" or "JSONL".',
  Transformation: 'Add "Transformation": "NONE", "FLATTEN" or "COMPACT" (AWS wants it beside "OutputType").',
  Condition: 'Add "Condition" with a JSONata expression that evaluates to true or false, such as "{% $states.input.ok %}".',
};

/** Value errors other rules already explain: `field/keyword` (one fault, one diagnostic). */
const REPORTED_ELSEWHERE = new Set([
  "StartAt/minLength", // missing-transition-target: "StartAt is empty"
]);

const VALUE_KEYWORDS = ["type", "enum", "const", "pattern", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minLength", "maxLength", "minItems", "maxItems"];

const KNOWN_TYPES: ReadonlySet<string> = new Set(STATE_TYPES);
/** Dispatch keys and labels of the state schemas: `Task.JSONPath`, `a Task state`. */
const STATE_SCHEMA: Record<string, Record<QueryLanguage, string>> = Object.fromEntries(STATE_TYPES.map((t) => [t, { JSONPath: `${t}.JSONPath`, JSONata: `${t}.JSONata` }]));
const STATE_LABEL: Record<string, string> = Object.fromEntries(STATE_TYPES.map((t) => [t, `a ${t} state`]));

// ---------------------------------------------------------------------------------------------
// helpers

/** The query language a "QueryLanguage" value means: itself, or the closest one to a misspelling. */
function guessLanguage(node: Node | undefined): QueryLanguage | undefined {
  if (!node || typeof node.value !== "string") return undefined;
  const v = node.value;
  if (v === "JSONPath" || v === "JSONata") return v;
  return closest(v, LANGUAGES) as QueryLanguage | undefined;
}

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
function render(value: unknown): string {
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

/** A copy of an object node's value in which the listed members are cut short (they are validated on their own). */
function shallowValue(node: Node, cut: (key: string, child: Node) => unknown): unknown {
  if (!isObject(node)) return toValue(node);
  const out: Record<string, unknown> = {};
  for (const p of node.properties) {
    const v = cut(p.key, p);
    Object.defineProperty(out, p.key, { value: v === undefined ? toValue(p) : v, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

const NO_SKIP: ReadonlySet<string> = new Set();
const NO_KEYS: string[] = [];

/**
 * Most objects are valid: the node validator says so without building a value for ajv (it
 * accepts exactly what ajv accepts on the node's value; scripts/build-schema.mjs).
 */
function isValid(schema: string, node: Node): boolean {
  const valid = nodeValidators[schema];
  return valid !== undefined && valid(node);
}

function ruleLabelOf(parent: string | undefined): string {
  return parent ? `a Choice rule inside ${quote(parent)}` : "a Choice rule";
}

const objectsOnly = (child: Node): unknown => (isArray(child) ? child.items.map((i) => (isObject(i) ? {} : toValue(i))) : undefined);

// ---------------------------------------------------------------------------------------------

/** Where a validated object sits, for the messages. */
interface Target {
  /** The object node the validator ran on. */
  node: Node;
  /** Dispatch key of the validator. */
  schema: string;
  /** The state it belongs to, if any. */
  state?: State;
  /** Label of the object when an error is on the object itself: `the state machine`. */
  label: string;
}

class SchemaCheck {
  private findings: SchemaFinding[] = [];
  private placeholders = new Set<Node>();

  constructor(private readonly text: string) {}

  private root: Node | undefined;

  run(machine: Machine): SchemaFinding[] {
    this.root = machine.root;
    for (const scope of machine.scopes) {
      const schema = scope.kind;
      if (isValid(schema, scope.node)) continue;
      const value = () => shallowValue(scope.node, (key, child) => (key === "States" && isObject(child) ? {} : undefined));
      const label = scope.kind === "root" ? "the state machine" : scope.kind === "branch" ? "a Parallel branch" : "an item processor";
      this.validate({ node: scope.node, schema, label }, value);
    }
    for (const state of machine.states) this.checkState(state);
    return this.findings;
  }

  private add(rule: SchemaRuleId, node: Node, message: string, options?: ReportOptions): void {
    this.findings.push({ rule, node, message, options });
  }

  private removeFix(node: Node, key: string): Fix[] | undefined {
    const fix = removeMemberFix(`Remove ${quote(key)}`, this.text, node);
    return fix ? [fix] : undefined;
  }

  /** Accept a deploy-time placeholder instead of reporting it, and say so once. */
  private placeholder(node: Node, name: string, whole: boolean): void {
    if (this.placeholders.has(node)) return;
    this.placeholders.add(node);
    const value = node.type === "object" ? JSON.stringify(toValue(node)) : String(node.value);
    const shown = value.length > 60 ? value.slice(0, 57) + "..." : value;
    const message = whole
      ? `${quote(name)} is a deploy-time placeholder (${shown}); it is checked only after substitution.`
      : `${quote(name)} holds a deploy-time placeholder (${shown}); its format is checked only after substitution.`;
    this.add("deploy-time-placeholder", node, message);
  }

  // ----- states

  private checkState(state: State): void {
    const node = state.node;
    if (!isObject(node)) {
      if (isPlaceholder(node.value)) return this.placeholder(node, state.name, true);
      this.add("invalid-value", node, `State ${quote(state.name)} must be an object with a "Type" field; got ${render(toValue(node))}.`);
      return;
    }
    const typeNode = get(node, "Type");
    if (!typeNode) {
      const near = node.properties.find((p) => p.key !== "Type" && closest(p.key, ["Type"]) === "Type");
      if (near) {
        this.add("required-field", near, `State ${quote(state.name)} has no "Type": did you mean "Type" instead of ${quote(near.key)}? Field names are case-sensitive.`, {
          key: true,
          fixes: [{ title: 'Rename to "Type"', edits: [{ offset: near.keyOffset, length: near.keyLength, newText: this.text[near.keyOffset] === '"' ? '"Type"' : "Type" }] }],
          aws: { required: "Type", at: node },
        });
        // AWS says both: "Type" is missing, and the misspelt key is not supported
        this.add("unknown-field", near, "", { aws: { only: true, message: notSupported(near.key), at: node } });
      } else {
        this.add("required-field", node, `Field "Type" is required in a state: add "Type" with one of ${TYPE_LIST}.`, { key: true, aws: { required: "Type", at: node } });
      }
      return;
    }
    const known = typeof typeNode.value === "string" && KNOWN_TYPES.has(typeNode.value);
    if (!known && isPlaceholder(typeNode.value)) return this.placeholder(typeNode, "Type", true);
    if (!known) {
      const guess = typeof typeNode.value === "string" ? closest(typeNode.value, STATE_TYPES) : undefined;
      this.add("invalid-value", typeNode, `"Type" must be one of ${TYPE_LIST}; got ${render(toValue(typeNode))}.${guess ? ` Did you mean ${quote(guess)}?` : ""}`, {
        fixes: guess ? [{ title: `Change to ${quote(guess)}`, edits: [{ offset: typeNode.offset, length: typeNode.length, newText: JSON.stringify(guess) }] }] : undefined,
        aws: { message: TYPE_VALUES },
      });
      return;
    }
    const type = typeNode.value as string;
    const lang = this.languageOf(state);
    const schema = STATE_SCHEMA[type][lang];
    const unknown = isValid(schema, node)
      ? NO_KEYS
      : this.validate({ node, schema, state, label: STATE_LABEL[type] }, () =>
          shallowValue(node, (key, child) => {
            if (type === "Parallel" && key === "Branches") return objectsOnly(child);
            if (type === "Map" && (key === "ItemProcessor" || key === "Iterator") && isObject(child)) return {};
            return undefined;
          }),
        );
    // "exactly one of ItemProcessor/Iterator" is exclusive-fields' business; none at all is a missing field
    if (type === "Map" && !has(node, "ItemProcessor") && !has(node, "Iterator") && !unknown.some((k) => closest(k, ["ItemProcessor", "Iterator"]))) {
      this.add("required-field", node, 'Field "ItemProcessor" is required in a Map state. Add "ItemProcessor" with "StartAt" and "States": the workflow to run for each item.', {
        key: true,
        aws: { required: "ItemProcessor", at: node },
      });
    }
    if (type === "Choice") {
      const choices = get(node, "Choices");
      if (isArray(choices)) for (const rule of choices.items) if (isObject(rule)) this.checkRule(state, rule, lang, undefined);
    }
  }

  /**
   * The state's query language. A misspelt "QueryLanguage" is an enum error of its own; the
   * fields are checked against the language it most likely means, not against the default.
   */
  private languageOf(state: State): QueryLanguage {
    const own = guessLanguage(get(state.node, "QueryLanguage"));
    if (own) return own;
    if (this.rootLanguage === null) this.rootLanguage = guessLanguage(get(this.root, "QueryLanguage"));
    return this.rootLanguage ?? state.queryLanguage;
  }

  /** The machine's language as `languageOf` reads it (null: not looked up yet). */
  private rootLanguage: QueryLanguage | undefined | null = null;

  /** A state that sets "QueryLanguage": "JSONPath" in a JSONata state machine (query-language's finding). */
  private downgrades(state: State | undefined): boolean {
    return state !== undefined && get(state.node, "QueryLanguage")?.value === "JSONPath" && get(this.root, "QueryLanguage")?.value === "JSONata";
  }

  // ----- Choice rules: the schema is picked from the keys the rule has

  /** `parent`: the combinator (And/Or/Not) this rule sits in; undefined for a top-level rule. */
  private checkRule(state: State, rule: Node, lang: QueryLanguage, parent: string | undefined, depth = 0): void {
    if (depth > 64) return;
    const props = rule.properties!;

    if (lang === "JSONata") {
      if (!props.some((p) => JSONPATH_RULE_KEYS.has(p.key))) {
        if (!isValid("choiceRule.JSONata", rule)) this.validate({ node: rule, schema: "choiceRule.JSONata", state, label: ruleLabelOf(parent) }, () => toValue(rule));
        return;
      }
    } else if (has(rule, "Next") === !parent) {
      // the usual rules, valid as they stand: a comparison, or one combinator whose rules are checked in turn
      let operators = 0;
      let combinators = 0;
      let combinator: Property | undefined;
      for (const p of props) {
        if (OPERATORS.has(p.key)) operators++;
        else if (p.key === "And" || p.key === "Or" || p.key === "Not") {
          combinators++;
          combinator = p;
        }
      }
      if (combinators === 0 && operators === 1 && isValid("choiceRule.JSONPath.data", rule)) return;
      if (combinators === 1 && operators === 0 && isValid("choiceRule.JSONPath.boolean", rule)) {
        const c = combinator!;
        if (isArray(c)) for (const r of c.items) if (isObject(r)) this.checkRule(state, r, lang, c.key, depth + 1);
        if (c.key === "Not" && isObject(c)) this.checkRule(state, c, lang, "Not", depth + 1);
        return;
      }
    }
    const ruleLabel = ruleLabelOf(parent);

    if (lang === "JSONata") {
      const foreign = props.filter((p) => JSONPATH_RULE_KEYS.has(p.key));
      const skip = new Set(foreign.map((p) => p.key));
      if (foreign.length) {
        const first = foreign[0];
        this.add(
          "unknown-field",
          first,
          `Field ${quote(first.key)} is not allowed in a JSONata state; ${has(rule, "Condition") ? "remove it and keep" : "use"} "Condition" with a JSONata expression instead, such as "{% $states.input.status = 'done' %}".`,
          { key: true, fixes: this.removeFix(first, first.key) },
        );
        skip.add("required:Condition");
      }
      this.validate({ node: rule, schema: "choiceRule.JSONata", state, label: ruleLabel }, () => toValue(rule), skip);
      return;
    }

    const combinators = props.filter((p) => COMBINATORS.includes(p.key));
    const tests = props.filter((p) => p.key === "Variable" || OPERATORS.has(p.key));
    const skip = new Set<string>();
    if (parent) {
      const next = prop(rule, "Next");
      if (next) {
        this.add("choice-rule", next, `"Next" is not allowed in ${ruleLabel}: only the top-level rules in "Choices" have "Next". Remove it; the top-level rule around it says where to go.`, {
          key: true,
          fixes: this.removeFix(next, "Next"),
        });
        skip.add("Next");
      }
    } else if (!has(rule, "Next")) {
      skip.add("required:Next"); // said below, once the rest is known
    }

    if (combinators.length) {
      for (const extra of combinators.slice(1)) {
        this.add("choice-rule", extra, `A Choice rule can have only one of "And", "Or" and "Not"; this one already has ${quote(combinators[0].key)}. Nest ${quote(extra.key)} in its own rule inside ${quote(combinators[0].key)}.`, { key: true });
        skip.add(extra.key);
      }
      if (tests.length) {
        const t = tests[0];
        this.add(
          "choice-rule",
          t,
          `${quote(t.key)} cannot sit beside ${quote(combinators[0].key)} in one Choice rule. Move the comparison into a rule inside ${quote(combinators[0].key)}.`,
          { key: true },
        );
        for (const x of tests) skip.add(x.key);
      }
      const value = () => shallowValue(rule, (key, child) => (key === "And" || key === "Or" ? objectsOnly(child) : key === "Not" && isObject(child) ? {} : undefined));
      const unknown = this.validate({ node: rule, schema: "choiceRule.JSONPath.boolean", state, label: ruleLabel }, value, skip);
      if (!parent && !has(rule, "Next")) this.missingRuleNext(rule, unknown);
      for (const c of combinators) {
        if (skip.has(c.key)) continue;
        if (isArray(c)) for (const r of c.items) if (isObject(r)) this.checkRule(state, r, lang, c.key, depth + 1);
        if (c.key === "Not" && isObject(c)) this.checkRule(state, c, lang, "Not", depth + 1);
      }
      return;
    }

    const condition = prop(rule, "Condition");
    if (!tests.length) {
      if (condition) {
        this.add(
          "unknown-field",
          condition,
          'Field "Condition" is not allowed in a JSONPath state; use "Variable" with a comparison operator, or set "QueryLanguage": "JSONata" on the state.',
          { key: true },
        );
        return;
      }
      // no condition at all: unless a typo explains it, say what a rule needs
      const keys = props.map((p) => p.key);
      const unknown = keys.filter((k) => !fields["choiceRule.JSONPath.data"].includes(k) && !fields["choiceRule.JSONPath.boolean"].includes(k));
      if (unknown.length) {
        this.validate({ node: rule, schema: "choiceRule.JSONPath.data", state, label: ruleLabel }, () => toValue(rule), new Set([...skip, "required:Variable"]));
      } else {
        this.add("choice-rule", rule, `This Choice rule has no condition. Add "Variable" with one comparison operator (such as "StringEquals" or "IsPresent"), or "And", "Or" or "Not".`, keyOrSelf(rule));
      }
      if (!parent && !has(rule, "Next") && !unknown.some((k) => closest(k, ["Next"]) === "Next")) this.missingRuleNext(rule, []);
      return;
    }

    const operators = tests.filter((p) => p.key !== "Variable");
    for (const extra of operators.slice(1)) {
      this.add(
        "choice-rule",
        extra,
        `Each Choice rule can have only one comparison operator; ${quote(extra.key)} is a second one beside ${quote(operators[0].key)}. Put each comparison in its own rule and combine them with "And" or "Or".`,
        { key: true },
      );
      skip.add(extra.key);
    }
    const unknown = this.validate({ node: rule, schema: "choiceRule.JSONPath.data", state, label: ruleLabel }, () => toValue(rule), skip);
    if (!operators.length && !unknown.length) {
      const variable = prop(rule, "Variable")!;
      this.add("choice-rule", variable, `This Choice rule has "Variable" but no comparison operator. Add one, such as "StringEquals", "NumericEquals", "BooleanEquals" or "IsPresent".`, { key: true });
    }
    if (!parent && !has(rule, "Next")) this.missingRuleNext(rule, unknown);
  }

  private missingRuleNext(rule: Node, unknown: string[]): void {
    if (unknown.some((k) => k === "End" || closest(k, ["Next"]) === "Next")) return;
    this.add("required-field", rule, 'Field "Next" is required in a Choice rule: name the state to go to when the rule matches.', { ...keyOrSelf(rule), aws: { required: "Next", at: rule } });
  }

  // ----- ajv errors to findings

  /**
   * Runs a validator and reports its errors. `skip` holds keys whose errors were already said
   * (`Next`, or `required:Next` for a missing field). Returns the unknown keys found on the object.
   */
  private validate(target: Target, value: () => unknown, skip: ReadonlySet<string> = NO_SKIP): string[] {
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
          const hint = REQUIRED_HINT[missing] ?? (missing === "Next" ? 'Add "Next" naming the state to go to when the error is caught.' : "");
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
              fixes: [renameKeyFix(this.text, memberOf(node)!, rename)],
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
    const present = new Set(objectNode.properties?.map((p) => p.key) ?? []);
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

function has(node: Node, key: string): boolean {
  return prop(node, key) !== undefined;
}

/** Report on the member's key when the object is a member; on the first key of the root object; else on the object. */
function keyOrSelf(node: Node, root?: Node): ReportOptions & { key?: boolean } {
  if (memberOf(node)) return { key: true };
  if (node === root && !node.parent && node.properties?.length) {
    const first = node.properties[0];
    return { raw: { offset: first.keyOffset, length: first.keyLength } };
  }
  return {};
}

/** `table[key]` when the table has the key itself (a key such as "constructor" is not Object.prototype's). */
function own<T>(table: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

function INSTEAD_OF(key: string): string[] | undefined {
  return own(JSONATA_INSTEAD, key) ?? own(JSONPATH_INSTEAD, key);
}

/** "use X instead" for a field of the other query language. */
function languageHint(key: string, lang: QueryLanguage, allowed: string[]): string {
  if (lang === "JSONata") {
    if (key === "InputPath") return "read the input through $states.input in JSONata expressions instead";
    if (key === "ItemsPath") return 'use "Items" with a JSONata expression, such as "{% $states.input.items %}", instead';
    const options = (own(JSONATA_INSTEAD, key) ?? []).filter((k) => allowed.includes(k));
    if (key === "ResultPath" && options.length === 2) return 'use "Output" to shape the output, or "Assign" to keep the result in a variable, instead';
    if (options.length) return `use ${quote(options[0])} instead`;
    if (key.endsWith("Path") && allowed.includes(key.slice(0, -4))) return `use ${quote(key.slice(0, -4))} with a JSONata expression instead`;
    return "JSONata states shape their data with expressions";
  }
  const options = (own(JSONPATH_INSTEAD, key) ?? []).filter((k) => allowed.includes(k));
  const use = options.length ? `use ${orList(options.slice(0, 2))} instead` : `remove it`;
  return `${use}, or set "QueryLanguage": "${otherLanguage(lang)}" on the state`;
}

/** The "…Path" field to use when a path-looking string stands where a non-string value belongs. */
function pathTwinOf(node: Node, keyword: string, state: State | undefined): string | undefined {
  if (keyword !== "type" || typeof node.value !== "string" || !memberOf(node) || !meantAsPath(node.value)) return undefined;
  if (!state || state.queryLanguage !== "JSONPath") return undefined;
  const key = node.key as string;
  const twins = [...pathTwinsOf(state.type), ...OPERATOR_TWINS, ...READER_CONFIG_PATH_TWINS, ...ITEM_BATCHER_PATH_TWINS];
  return twins.includes(key) && !prop(node.parent, key + "Path") ? key + "Path" : undefined;
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
