import { DOLLAR_DOLLAR_NOT_SUPPORTED, UNSUPPORTED_JSONATA_EXPRESSION, topLevelReference } from "../aws/messages.js";
import type { Rule } from "./types.js";
import type { State } from "../model/index.js";
import { get, isArray, isObject } from "../parse/tree.js";
import { JSONATA_FUNCTIONS, isJsonataExpression } from "../expr/jsonata.js";
import { closest, quote } from "../expr/names.js";
import { expressionIndex } from "../model/expressions.js";
import { addMemberFix } from "../parse/edits.js";
import { JSONPATH_ONLY_FIELDS } from "../aws/states.js";

/** Functions the jsonata 2.0 library binds but the catalogue leaves out. */
const EXTRA_FUNCTIONS = new Set(["clone"]);
const FUNCTION_NAMES = JSONATA_FUNCTIONS.filter((f) => !f.unsupported).map((f) => f.name);


function hasJsonPathFields(state: State): boolean {
  const node = state.node;
  if (!isObject(node)) return false;
  // JSONPath-only fields: a state that has one cannot simply switch to JSONata
  for (const p of node.properties) if (JSONPATH_ONLY_FIELDS.has(p.key) || (p.key.endsWith("Path") && p.key !== "Path")) return true;
  const assign = get(node, "Assign");
  if (isObject(assign) && assign.properties.some((p) => p.key.endsWith(".$"))) return true;
  const choices = get(node, "Choices");
  if (isArray(choices) && choices.items.some((r) => isObject(r) && (get(r, "Variable") || get(r, "And") || get(r, "Or") || get(r, "Not")))) return true;
  const catchers = get(node, "Catch");
  if (isArray(catchers) && catchers.items.some((c) => get(c, "ResultPath") !== undefined)) return true;
  for (const sub of ["ItemReader", "ResultWriter"]) if (get(get(node, sub), "Parameters")) return true;
  return false;
}

export const jsonataExpression: Rule = {
  meta: {
    id: "jsonata-expression",
    code: "INVALID_JSONATA_EXPRESSION",
    severity: "ERROR",
    basis: "rejected",
    findings: [
      { severity: "ERROR", basis: "fails-every-run", what: "a function Step Functions does not support ($eval)" },
      { severity: "WARNING", basis: "accepted", what: "a string that only looks like an expression (whitespace around {% %}: AWS passes it on as text), a {% %} string in a JSONPath state, a function that is not JSONata's" },
      { severity: "WARNING", basis: "unknown", what: "an operator Step Functions may not support" },
    ],
    description:
      "JSONata expressions ({% … %}) must be delimited exactly, parse, and keep to what Step Functions supports: no $$, no implicit input at the top level, no $eval; warnings on white space around {% %} (a literal to AWS) and on unknown functions.",
    rationale:
      'AWS rejects an expression that does not parse when the state machine is created (INVALID_JSONATA_EXPRESSION, with the JSONata parser\'s message), and $$ and reads of an implicit input at the top level of an expression (UNSUPPORTED_JSONATA_EXPRESSION). AWS\'s guide calls an improperly opened or closed expression a validation error; but with white space around an exact {% … %} AWS keeps the string as literal text, unevaluated (recorded), so that is a warning, as is a {% … %} string in a JSONPath state (not evaluated at all: almost always a missing "QueryLanguage": "JSONata"). An unknown function fails only when it is called.',
    source: "MEAS floci #2745, #2670 and floci-test (aws-validation-messages §3.6, §3.7: codes, the parser's messages, at the field); REC (issue 21 and the TestState recording test_state_with_variables_empty_variables: \" {% $states.input %} \" is kept as literal text); DG-JSONATA (improper opening or closing is a validation error); SPEC §Expressions, §JSONata Restrictions; DG-JSONATA (JSONata 2.0.6, $eval unsupported); asl-facts §2.5",
    examples: {
      fail: '{ "QueryLanguage": "JSONata", "StartAt": "A", "States": { "A": { "Type": "Pass", "Output": "{% $sum($states.input.items %}", "End": true } } }',
      pass: '{ "QueryLanguage": "JSONata", "StartAt": "A", "States": { "A": { "Type": "Pass", "Output": "{% $sum($states.input.items) %}", "End": true } } }',
    },
  },
  check(ctx) {
    const index = expressionIndex(ctx.machine);
    for (const s of index.strings) {
      if (s.delimiter) {
        // whitespace around a whole {% … %}: AWS accepts the string as a literal, unevaluated
        // (recorded TestState answer, test_state_with_variables_empty_variables: " {% states.input %} ")
        const literal = isJsonataExpression(s.value.trim());
        const message = literal ? `${s.delimiter.message} As written, AWS keeps the whole string as literal text and does not evaluate it.` : s.delimiter.message;
        ctx.report(s.node, message, { span: { start: s.delimiter.start, end: s.delimiter.end }, ...(literal ? { severity: "WARNING", basis: "accepted" } : {}) });
        continue;
      }
      const parsed = s.parsed;
      if (!parsed) continue;
      for (const e of parsed.errors) {
        // jsonata's S0201 text is "Syntax error: <token>": say what the token is
        const token = s.value.slice(e.start, e.end);
        const message = e.code === "S0201" && token ? `JSONata syntax error: unexpected ${quote(token)} here; check the operator or value before it.` : e.message;
        ctx.report(s.node, message, { span: { start: e.start, end: e.end }, aws: e.raw !== undefined ? { message: e.raw } : undefined });
      }
      if (!parsed.ok) continue;
      for (const issue of parsed.issues) {
        switch (issue.code) {
          case "dollar-dollar":
            ctx.report(s.node, issue.message, { span: { start: issue.start, end: issue.end }, aws: { code: UNSUPPORTED_JSONATA_EXPRESSION, message: DOLLAR_DOLLAR_NOT_SUPPORTED } });
            break;
          case "top-level-input": {
            const name = s.value.slice(issue.start, issue.end);
            ctx.report(s.node, issue.message, { span: { start: issue.start, end: issue.end }, aws: { code: UNSUPPORTED_JSONATA_EXPRESSION, message: topLevelReference(name) } });
            break;
          }
          case "unsupported-function":
            ctx.report(s.node, issue.message, { span: { start: issue.start, end: issue.end }, basis: "fails-every-run" });
            break;
          case "unsupported-operator":
            ctx.report(s.node, issue.message, { span: { start: issue.start, end: issue.end }, severity: "WARNING", basis: "unknown" });
            break;
          default:
            break; // $states fields: states-variable
        }
      }
      for (const call of parsed.calls) {
        if (call.known || !call.invoked || EXTRA_FUNCTIONS.has(call.name)) continue;
        const near = closest(call.name, FUNCTION_NAMES);
        ctx.report(
          s.node,
          `$${call.name} is not a JSONata function nor one Step Functions adds, so calling it fails at run time.${near ? ` Did you mean $${near}?` : ""}`,
          // AWS parses expressions at create time but resolves functions only when it evaluates
          // them: the definition is accepted, the execution fails. A warning, not a FAIL verdict.
          { span: { start: call.start, end: call.end }, severity: "WARNING", basis: "accepted" },
        );
      }
    }

    if (ctx.machine.queryLanguage === "JSONata") return; // a JSONPath state there is query-language's finding
    const fixable = new Map<State, boolean>();
    for (const lit of index.literals) {
      let ok = fixable.get(lit.state);
      if (ok === undefined) {
        ok = !hasJsonPathFields(lit.state);
        fixable.set(lit.state, ok);
      }
      const fix = ok ? addMemberFix('Add "QueryLanguage": "JSONata" to the state', ctx.doc.text, lit.state.node, "QueryLanguage", "JSONata") : undefined;
      const what = ok
        ? 'Add "QueryLanguage": "JSONata" to the state to evaluate it'
        : 'To evaluate it, rewrite the state in JSONata (its JSONPath fields become Arguments, Output and Assign) and add "QueryLanguage": "JSONata"; or use a JSONPath value (a "key.$" path) here';
      ctx.report(
        lit.node,
        `State ${quote(lit.state.name)} uses JSONPath, so this {% … %} in ${quote(lit.label)} is not evaluated: it is passed on as a literal string. ${what}.`,
        { severity: "WARNING", basis: "accepted", code: "JSONATA_EXPRESSION", fixes: fix ? [fix] : [] },
      );
    }
  },
};
