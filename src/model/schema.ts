/**
 * The structure check: runs the validators compiled ahead of time from schemas/asl.schema.json
 * (src/generated/schema.js, built by scripts/build-schema.mjs) on each object of the model,
 * dispatched by hand (root, branch, processor, `${Type}.${QueryLanguage}` for states, the
 * right Choice-rule schema for each rule's keys). src/model/schema-errors.ts turns each ajv
 * error into one finding on the exact key or value at fault, with the fixes of
 * src/model/schema-fixes.ts. The findings are computed once per machine and reported by
 * five rules: required-field, unknown-field, invalid-value, choice-rule, deploy-time-placeholder.
 */
import { fields } from "../generated/schema.js";
import type { Machine, QueryLanguage, State } from "./index.js";
import { STATE_TYPES } from "./index.js";
import { get, isArray, isObject, isPlaceholder, prop, toValue, type Node, type Property } from "../parse/tree.js";
import { closest, quote } from "../expr/names.js";
import { CHOICE_COMBINATORS, OPERATOR_NAMES as OPERATORS } from "../aws/choice-operators.js";
import { MachineMap } from "./memo.js";
import { TYPE_VALUES, notSupported } from "../aws/messages.js";
import { SchemaReport, isValid, keyOrSelf, render, type SchemaFinding, type SchemaRuleId } from "./schema-errors.js";
import { renameToTypeFix, stateTypeFix } from "./schema-fixes.js";

export type { SchemaFinding, SchemaRuleId } from "./schema-errors.js";

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

const KNOWN_TYPES: ReadonlySet<string> = new Set(STATE_TYPES);
/** Dispatch keys and labels of the state schemas: `Task.JSONPath`, `a Task state`. */
const STATE_SCHEMA: ReadonlyMap<string, Record<QueryLanguage, string>> = new Map(STATE_TYPES.map((t) => [t, { JSONPath: `${t}.JSONPath`, JSONata: `${t}.JSONata` }]));
const STATE_LABEL: ReadonlyMap<string, string> = new Map(STATE_TYPES.map((t) => [t, `a ${t} state`]));

// ---------------------------------------------------------------------------------------------
// helpers

/** The query language a "QueryLanguage" value means: itself, or the closest one to a misspelling. */
function guessLanguage(node: Node | undefined): QueryLanguage | undefined {
  if (!node || typeof node.value !== "string") return undefined;
  const v = node.value;
  if (v === "JSONPath" || v === "JSONata") return v;
  return closest(v, LANGUAGES) as QueryLanguage | undefined;
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

const NO_KEYS: string[] = [];

function ruleLabelOf(parent: string | undefined): string {
  return parent ? `a Choice rule inside ${quote(parent)}` : "a Choice rule";
}

const objectsOnly = (child: Node): unknown => (isArray(child) ? child.items.map((i) => (isObject(i) ? {} : toValue(i))) : undefined);

function has(node: Node, key: string): boolean {
  return prop(node, key) !== undefined;
}

// ---------------------------------------------------------------------------------------------

class SchemaCheck {
  private report!: SchemaReport;

  constructor(private readonly text: string) {}

  private root: Node | undefined;

  run(machine: Machine): SchemaFinding[] {
    this.root = machine.root;
    this.report = new SchemaReport(this.text, machine.root);
    for (const scope of machine.scopes) {
      const schema = scope.kind;
      if (isValid(schema, scope.node)) continue;
      const value = () => shallowValue(scope.node, (key, child) => (key === "States" && isObject(child) ? {} : undefined));
      const label = scope.kind === "root" ? "the state machine" : scope.kind === "branch" ? "a Parallel branch" : "an item processor";
      this.report.validate({ node: scope.node, schema, label }, value);
    }
    for (const state of machine.states) this.checkState(state);
    return this.report.findings;
  }

  // ----- states

  private checkState(state: State): void {
    const node = state.node;
    const report = this.report;
    if (!isObject(node)) {
      if (isPlaceholder(node.value)) return report.placeholder(node, state.name, true);
      report.add("invalid-value", node, `State ${quote(state.name)} must be an object with a "Type" field; got ${render(toValue(node))}.`);
      return;
    }
    const typeNode = get(node, "Type");
    if (!typeNode) return this.missingType(state, node);
    const known = typeof typeNode.value === "string" && KNOWN_TYPES.has(typeNode.value);
    if (!known && isPlaceholder(typeNode.value)) return report.placeholder(typeNode, "Type", true);
    if (!known) {
      const guess = typeof typeNode.value === "string" ? closest(typeNode.value, STATE_TYPES) : undefined;
      report.add("invalid-value", typeNode, `"Type" must be one of ${TYPE_LIST}; got ${render(toValue(typeNode))}.${guess ? ` Did you mean ${quote(guess)}?` : ""}`, {
        fixes: guess ? [stateTypeFix(typeNode, guess)] : undefined,
        aws: { message: TYPE_VALUES },
      });
      return;
    }
    const type = typeNode.value as string;
    const lang = this.languageOf(state);
    const schema = STATE_SCHEMA.get(type)![lang];
    const unknown = isValid(schema, node)
      ? NO_KEYS
      : report.validate({ node, schema, state, label: STATE_LABEL.get(type)! }, () =>
          shallowValue(node, (key, child) => {
            if (type === "Parallel" && key === "Branches") return objectsOnly(child);
            if (type === "Map" && (key === "ItemProcessor" || key === "Iterator") && isObject(child)) return {};
            return undefined;
          }),
        );
    // "exactly one of ItemProcessor/Iterator" is exclusive-fields' business; none at all is a missing field
    if (type === "Map" && !has(node, "ItemProcessor") && !has(node, "Iterator") && !unknown.some((k) => closest(k, ["ItemProcessor", "Iterator"]))) {
      report.add("required-field", node, 'Field "ItemProcessor" is required in a Map state. Add "ItemProcessor" with "StartAt" and "States": the workflow to run for each item.', {
        key: true,
        aws: { required: "ItemProcessor", at: node },
      });
    }
    if (type === "Choice") {
      const choices = get(node, "Choices");
      if (isArray(choices)) for (const rule of choices.items) if (isObject(rule)) this.checkRule(state, rule, lang, undefined);
    }
  }

  /** A state without "Type": a misspelt key that means it, or none at all. */
  private missingType(state: State, node: Node): void {
    const near = node.properties!.find((p) => p.key !== "Type" && closest(p.key, ["Type"]) === "Type");
    if (near) {
      this.report.add("required-field", near, `State ${quote(state.name)} has no "Type": did you mean "Type" instead of ${quote(near.key)}? Field names are case-sensitive.`, {
        key: true,
        fixes: [renameToTypeFix(this.text, near)],
        aws: { required: "Type", at: node },
      });
      // AWS says both: "Type" is missing, and the misspelt key is not supported
      this.report.add("unknown-field", near, "", { aws: { only: true, message: notSupported(near.key), at: node } });
    } else {
      this.report.add("required-field", node, `Field "Type" is required in a state: add "Type" with one of ${TYPE_LIST}.`, { key: true, aws: { required: "Type", at: node } });
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

  // ----- Choice rules: the schema is picked from the keys the rule has

  /** `parent`: the combinator (And/Or/Not) this rule sits in; undefined for a top-level rule. */
  private checkRule(state: State, rule: Node, lang: QueryLanguage, parent: string | undefined, depth = 0): void {
    if (depth > 64) return;
    const props = rule.properties!;
    if (lang === "JSONata") {
      if (props.some((p) => JSONPATH_RULE_KEYS.has(p.key))) this.jsonPathKeysInJsonataRule(state, rule, parent);
      else if (!isValid("choiceRule.JSONata", rule)) this.report.validate({ node: rule, schema: "choiceRule.JSONata", state, label: ruleLabelOf(parent) }, () => toValue(rule));
      return;
    }
    if (has(rule, "Next") === !parent && this.validJsonPathRule(state, rule, parent, depth)) return;
    const combinators = props.filter((p) => COMBINATORS.includes(p.key));
    const tests = props.filter((p) => p.key === "Variable" || OPERATORS.has(p.key));
    const skip = this.nextInRule(rule, parent);
    if (combinators.length) this.booleanRule(state, rule, parent, depth, combinators, tests, skip);
    else if (!tests.length) this.ruleWithoutTest(state, rule, parent, skip);
    else this.comparisonRule(state, rule, parent, tests, skip);
  }

  /**
   * The usual JSONPath rules, valid as they stand: a comparison, or one combinator whose rules
   * are checked in turn. False when the rule needs the full check.
   */
  private validJsonPathRule(state: State, rule: Node, parent: string | undefined, depth: number): boolean {
    let operators = 0;
    let combinators = 0;
    let combinator: Property | undefined;
    for (const p of rule.properties!) {
      if (OPERATORS.has(p.key)) operators++;
      else if (p.key === "And" || p.key === "Or" || p.key === "Not") {
        combinators++;
        combinator = p;
      }
    }
    if (combinators === 0 && operators === 1 && isValid("choiceRule.JSONPath.data", rule)) return true;
    if (combinators === 1 && operators === 0 && isValid("choiceRule.JSONPath.boolean", rule)) {
      this.innerRules(state, combinator!, depth);
      return true;
    }
    return false;
  }

  /** The rules inside a combinator ("And" and "Or" hold a list, "Not" one rule). */
  private innerRules(state: State, c: Property, depth: number): void {
    if (isArray(c)) for (const r of c.items) if (isObject(r)) this.checkRule(state, r, "JSONPath", c.key, depth + 1);
    if (c.key === "Not" && isObject(c)) this.checkRule(state, c, "JSONPath", "Not", depth + 1);
  }

  /** A JSONata rule that holds JSONPath keys ("Variable", an operator, a combinator). */
  private jsonPathKeysInJsonataRule(state: State, rule: Node, parent: string | undefined): void {
    const foreign = rule.properties!.filter((p) => JSONPATH_RULE_KEYS.has(p.key));
    const skip = new Set(foreign.map((p) => p.key));
    const first = foreign[0];
    this.report.add(
      "unknown-field",
      first,
      `Field ${quote(first.key)} is not allowed in a JSONata state; ${has(rule, "Condition") ? "remove it and keep" : "use"} "Condition" with a JSONata expression instead, such as "{% $states.input.status = 'done' %}".`,
      { key: true, fixes: this.report.removeFix(first, first.key) },
    );
    skip.add("required:Condition");
    this.report.validate({ node: rule, schema: "choiceRule.JSONata", state, label: ruleLabelOf(parent) }, () => toValue(rule), skip);
  }

  /** "Next" on an inner rule is reported here; a missing "Next" on a top-level rule once the rest is known. The keys the validator must not report again. */
  private nextInRule(rule: Node, parent: string | undefined): Set<string> {
    const skip = new Set<string>();
    if (parent) {
      const next = prop(rule, "Next");
      if (next) {
        this.report.add("choice-rule", next, `"Next" is not allowed in ${ruleLabelOf(parent)}: only the top-level rules in "Choices" have "Next". Remove it; the top-level rule around it says where to go.`, {
          key: true,
          fixes: this.report.removeFix(next, "Next"),
        });
        skip.add("Next");
      }
    } else if (!has(rule, "Next")) {
      skip.add("required:Next"); // said below, once the rest is known
    }
    return skip;
  }

  /** A rule with "And", "Or" or "Not": one of them, and no comparison beside it. */
  private booleanRule(state: State, rule: Node, parent: string | undefined, depth: number, combinators: Property[], tests: Property[], skip: Set<string>): void {
    for (const extra of combinators.slice(1)) {
      this.report.add("choice-rule", extra, `A Choice rule can have only one of "And", "Or" and "Not"; this one already has ${quote(combinators[0].key)}. Nest ${quote(extra.key)} in its own rule inside ${quote(combinators[0].key)}.`, { key: true });
      skip.add(extra.key);
    }
    if (tests.length) {
      const t = tests[0];
      this.report.add(
        "choice-rule",
        t,
        `${quote(t.key)} cannot sit beside ${quote(combinators[0].key)} in one Choice rule. Move the comparison into a rule inside ${quote(combinators[0].key)}.`,
        { key: true },
      );
      for (const x of tests) skip.add(x.key);
    }
    const value = () => shallowValue(rule, (key, child) => (key === "And" || key === "Or" ? objectsOnly(child) : key === "Not" && isObject(child) ? {} : undefined));
    const unknown = this.report.validate({ node: rule, schema: "choiceRule.JSONPath.boolean", state, label: ruleLabelOf(parent) }, value, skip);
    if (!parent && !has(rule, "Next")) this.missingRuleNext(rule, unknown);
    for (const c of combinators) if (!skip.has(c.key)) this.innerRules(state, c, depth);
  }

  /** A JSONPath rule with neither "Variable" nor an operator nor a combinator. */
  private ruleWithoutTest(state: State, rule: Node, parent: string | undefined, skip: Set<string>): void {
    const condition = prop(rule, "Condition");
    if (condition) {
      this.report.add(
        "unknown-field",
        condition,
        'Field "Condition" is not allowed in a JSONPath state; use "Variable" with a comparison operator, or set "QueryLanguage": "JSONata" on the state.',
        { key: true },
      );
      return;
    }
    // no condition at all: unless a typo explains it, say what a rule needs
    const keys = rule.properties!.map((p) => p.key);
    const unknown = keys.filter((k) => !fields["choiceRule.JSONPath.data"].includes(k) && !fields["choiceRule.JSONPath.boolean"].includes(k));
    if (unknown.length) {
      this.report.validate({ node: rule, schema: "choiceRule.JSONPath.data", state, label: ruleLabelOf(parent) }, () => toValue(rule), new Set([...skip, "required:Variable"]));
    } else {
      this.report.add("choice-rule", rule, `This Choice rule has no condition. Add "Variable" with one comparison operator (such as "StringEquals" or "IsPresent"), or "And", "Or" or "Not".`, keyOrSelf(rule));
    }
    if (!parent && !has(rule, "Next") && !unknown.some((k) => closest(k, ["Next"]) === "Next")) this.missingRuleNext(rule, []);
  }

  /** A JSONPath rule with "Variable" and operators: one operator. */
  private comparisonRule(state: State, rule: Node, parent: string | undefined, tests: Property[], skip: Set<string>): void {
    const operators = tests.filter((p) => p.key !== "Variable");
    for (const extra of operators.slice(1)) {
      this.report.add(
        "choice-rule",
        extra,
        `Each Choice rule can have only one comparison operator; ${quote(extra.key)} is a second one beside ${quote(operators[0].key)}. Put each comparison in its own rule and combine them with "And" or "Or".`,
        { key: true },
      );
      skip.add(extra.key);
    }
    const unknown = this.report.validate({ node: rule, schema: "choiceRule.JSONPath.data", state, label: ruleLabelOf(parent) }, () => toValue(rule), skip);
    if (!operators.length && !unknown.length) {
      const variable = prop(rule, "Variable")!;
      this.report.add("choice-rule", variable, `This Choice rule has "Variable" but no comparison operator. Add one, such as "StringEquals", "NumericEquals", "BooleanEquals" or "IsPresent".`, { key: true });
    }
    if (!parent && !has(rule, "Next")) this.missingRuleNext(rule, unknown);
  }

  private missingRuleNext(rule: Node, unknown: string[]): void {
    if (unknown.some((k) => k === "End" || closest(k, ["Next"]) === "Next")) return;
    this.report.add("required-field", rule, 'Field "Next" is required in a Choice rule: name the state to go to when the rule matches.', { ...keyOrSelf(rule), aws: { required: "Next", at: rule } });
  }
}
