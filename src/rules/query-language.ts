import type { Rule } from "./types.js";
import { get, type Node, memberOf } from "../parse/tree.js";
import { removeMemberFix } from "../parse/edits.js";
import { quote } from "../expr/names.js";
import { JSONPATH_IN_JSONATA_MACHINE } from "../aws/messages.js";

export const queryLanguage: Rule = {
  meta: {
    id: "query-language",
    code: "SCHEMA_VALIDATION_FAILED",
    severity: "ERROR",
    basis: "rejected",
    description: 'A state machine with "QueryLanguage": "JSONata" at the top level cannot hold JSONPath states.',
    rationale:
      'States of a JSONPath state machine may opt into JSONata one by one, but not the other way round: AWS rejects a "QueryLanguage": "JSONPath" state anywhere in a JSONata state machine ("\'QueryLanguage\' can not be \'JSONPath\' if set to \'JSONata\' for whole state machine").',
    source: "REC (aws-validation-messages §2, S5: the message, at the state); DG-STRUCT (cannot revert a JSONata state machine to a mix of JSONata and JSONPath states); CDK QueryLanguage docs; asl-facts §2.1",
    examples: {
      fail: '{ "QueryLanguage": "JSONata", "StartAt": "A", "States": { "A": { "Type": "Pass", "QueryLanguage": "JSONPath", "End": true } } }',
      pass: '{ "StartAt": "A", "States": { "A": { "Type": "Pass", "QueryLanguage": "JSONata", "Output": "{% $states.input %}", "End": true } } }',
    },
  },
  check(ctx) {
    const machine = ctx.machine;
    if (get(machine.root, "QueryLanguage")?.value !== "JSONata") return;
    const flag = (value: Node, what: string, state: Node) => {
      const text = ctx.doc.text;
      // removeMemberFix takes a YAML member's whole line, which is wrong inside a flow mapping `{ … }`
      const flowYaml = memberOf(value) !== undefined && text[value.keyOffset] !== '"' && text[value.parent?.offset ?? 0] === "{";
      const fix = flowYaml ? undefined : removeMemberFix('Remove "QueryLanguage": "JSONPath" (use the machine\'s JSONata)', text, value);
      ctx.report(
        value,
        `${what} sets "QueryLanguage": "JSONPath", but the state machine is JSONata ("QueryLanguage": "JSONata" at the top level), and AWS does not allow JSONPath states in a JSONata state machine. Remove this line and write the fields in JSONata (Arguments, Output, Assign, {% … %} expressions), or make the top level "JSONPath" and set "QueryLanguage": "JSONata" on the states that use it.`,
        { fixes: fix ? [fix] : [], aws: { message: JSONPATH_IN_JSONATA_MACHINE, at: state } },
      );
    };
    // (a "QueryLanguage" on a Parallel branch or an item processor is unknown-field's: AWS refuses it there)
    for (const state of machine.states) {
      const ql = get(state.node, "QueryLanguage");
      if (ql?.value === "JSONPath") flag(ql, `State ${quote(state.name)}`, state.node);
    }
  },
};
