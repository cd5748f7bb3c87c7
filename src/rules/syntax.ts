import type { Rule } from "./types.js";

/**
 * Findings of the parsing layer. They are reported by the parser, not by a check over the
 * model; they are rules so that they have metadata, a place in the catalogue and can be
 * configured like any other.
 */
function syntaxRule(meta: Rule["meta"]): Rule {
  return { meta, check() {} };
}

export const syntaxRules: Rule[] = [
  syntaxRule({
    id: "invalid-json",
    code: "INVALID_JSON_DESCRIPTION",
    severity: "ERROR",
    basis: "rejected",
    description: "The definition is not valid JSON.",
    rationale: "AWS rejects a definition it cannot parse. aslint reports where it breaks and goes on checking what it could read.",
    source: "REC (aws-validation-messages §2, §3.5: INVALID_JSON_DESCRIPTION, Jackson's message and location); SFN-MODEL ValidateStateMachineDefinition",
    examples: {
      fail: '{\n  "StartAt": "A",\n  "States": {\n    "A": { "Type": "Pass" "End": true }\n  }\n}',
      pass: '{ "StartAt": "A", "States": { "A": { "Type": "Pass", "End": true } } }',
    },
  }),
  syntaxRule({
    id: "invalid-yaml",
    code: "INVALID_JSON_DESCRIPTION",
    severity: "ERROR",
    basis: "rejected",
    description: "The YAML definition cannot be parsed.",
    rationale: "SAM, Serverless and CloudFormation turn YAML into the JSON that AWS receives; a YAML syntax error stops the deployment.",
    source: "YAML 1.2; the deployment tools convert YAML to the JSON definition AWS receives",
    examples: {
      fail: "StartAt: A\nStates:\n  A:\n    Type: Pass\n   End: true\n",
      pass: "StartAt: A\nStates:\n  A:\n    Type: Pass\n    End: true\n",
    },
  }),
  syntaxRule({
    id: "duplicate-key",
    code: "INVALID_JSON_DESCRIPTION",
    severity: "ERROR",
    basis: "rejected",
    findings: [
      { severity: "WARNING", basis: "unknown", what: "a key repeated outside a States object: tools keep the last value; whether AWS refuses it is not on record" },
    ],
    description: "A key appears twice in one object.",
    rationale:
      "A state named twice in one States object is AWS's DUPLICATE_STATE_NAME: state names must be unique. Another repeated key is a warning: JSON parsers keep one of the values (most keep the last), so the definition that runs is not the one you read, but whether AWS refuses it is not on record.",
    source: "SPEC §States (state names MUST be unique); SFN-MODEL DUPLICATE_STATE_NAME; statelint#39 (the console refuses a repeated state name); other keys: no AWS record (unknown)",
    examples: {
      fail: '{ "StartAt": "A", "States": { "A": { "Type": "Pass", "Result": "first", "Result": "second", "End": true } } }',
      pass: '{ "StartAt": "A", "States": { "A": { "Type": "Pass", "Result": "second", "End": true } } }',
    },
  }),
  syntaxRule({
    id: "json-comment",
    code: "INVALID_JSON_DESCRIPTION",
    severity: "ERROR",
    basis: "rejected",
    description: "A comment in a JSON definition.",
    rationale: "JSON has no comments and AWS rejects the definition. Use the \"Comment\" field of a state or of the machine instead.",
    source: "RFC 8259 (no comments); AWS parses the definition as strict JSON (INVALID_JSON_DESCRIPTION, aws-validation-messages §3.5)",
    examples: {
      fail: '{\n  "StartAt": "A", // start here\n  "States": { "A": { "Type": "Succeed" } }\n}',
      pass: '{\n  "Comment": "start here",\n  "StartAt": "A",\n  "States": { "A": { "Type": "Succeed" } }\n}',
    },
  }),
  syntaxRule({
    id: "trailing-comma",
    code: "INVALID_JSON_DESCRIPTION",
    severity: "ERROR",
    basis: "rejected",
    description: "A comma after the last member of an object or array.",
    rationale: "JSON does not allow trailing commas; AWS rejects the definition.",
    source: "RFC 8259; AWS parses the definition as strict JSON (INVALID_JSON_DESCRIPTION, aws-validation-messages §3.5)",
    examples: {
      fail: '{\n  "StartAt": "A",\n  "States": {\n    "A": { "Type": "Succeed", }\n  }\n}',
      pass: '{ "StartAt": "A", "States": { "A": { "Type": "Succeed" } } }',
    },
  }),
  syntaxRule({
    id: "byte-order-mark",
    code: "INVALID_JSON_DESCRIPTION",
    severity: "ERROR",
    basis: "rejected",
    description: "The file starts with a byte order mark.",
    rationale: "JSON parsers used by deployment tools (Python's json in SAM, the AWS CLI) reject a leading BOM.",
    source: "RFC 8259 §8.1 (no byte order mark in JSON text); Python json.loads refuses it",
    examples: {
      fail: {
        definition: () => '\uFEFF{ "StartAt": "A", "States": { "A": { "Type": "Succeed" } } }',
        note: 'the definition `{ "StartAt": "A", "States": { "A": { "Type": "Succeed" } } }` saved with a byte order mark (U+FEFF) before the `{`',
      },
      pass: '{ "StartAt": "A", "States": { "A": { "Type": "Succeed" } } }',
    },
  }),
  syntaxRule({
    id: "empty-definition",
    code: "MISSING_DESCRIPTION",
    severity: "ERROR",
    basis: "rejected",
    description: "The file is empty.",
    rationale: "A definition is required (1 to 1,048,576 characters): AWS refuses an empty one, and answers a blank one with \"Definition must be a valid JSON object\".",
    examples: {
      fail: { definition: () => "\n\n", note: "a file of blank lines only" },
      pass: '{ "StartAt": "A", "States": { "A": { "Type": "Succeed" } } }',
    },
    source: "REC (aws-validation-messages §2: a blank definition is not a JSON object); SFN-MODEL Definition shape (length 1..1,048,576)",
  }),
  syntaxRule({
    id: "not-text",
    code: "INVALID_JSON_DESCRIPTION",
    severity: "ERROR",
    basis: "rejected",
    description: "The file is binary, not text.",
    rationale: "A definition is UTF-8 JSON or YAML text.",
    source: "SFN-MODEL Definition (a string); RFC 8259",
    examples: {
      fail: { definition: () => "\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR\u0000\u0000\u0001", filename: "diagram.asl.json", note: "a PNG image of the workflow saved under a definition's name" },
      pass: { definition: '{ "StartAt": "A", "States": { "A": { "Type": "Succeed" } } }', filename: "diagram.asl.json" },
    },
  }),
  syntaxRule({
    id: "too-deeply-nested",
    code: "TOO_DEEPLY_NESTED",
    severity: "ERROR",
    basis: "rejected",
    findings: [
      {
        severity: "WARNING",
        basis: "internal",
        what: "YAML nested deeper than the 400 levels aslint reads (AWS takes up to 1,000 in the JSON it becomes): the file is not checked",
      },
    ],
    description: "Objects and arrays nest deeper than 1,000 levels.",
    rationale: "AWS's JSON parser has a nesting limit (ValidateStateMachineDefinition code TOO_DEEPLY_NESTED); deep nesting also breaks tools that read the definition.",
    source: "SFN-MODEL ValidateStateMachineDefinition: TOO_DEEPLY_NESTED (the depth is the Jackson parser's default limit)",
    examples: {
      fail: {
        definition: () => `{ "StartAt": "A", "States": { "A": { "Type": "Pass", "Result": ${"[".repeat(998)}${"]".repeat(998)}, "End": true } } }`,
        note: 'a Pass state whose "Result" is 998 arrays nested in each other (`[[[…]]]`): 1,001 levels with the three objects around them',
      },
      pass: {
        definition: () => `{ "StartAt": "A", "States": { "A": { "Type": "Pass", "Result": ${"[".repeat(997)}${"]".repeat(997)}, "End": true } } }`,
        note: 'the same with 997 arrays: 1,000 levels, the most AWS accepts',
      },
    },
  }),
  syntaxRule({
    id: "not-an-object",
    code: "SCHEMA_VALIDATION_FAILED",
    severity: "ERROR",
    basis: "rejected",
    description: "The top level is not a JSON object.",
    rationale: "A definition is an object with \"StartAt\" and \"States\"; AWS answers anything else with \"Definition must be a valid JSON object\".",
    source: "REC (aws-validation-messages §2); SPEC Top-level fields",
    examples: { fail: '["StartAt", "States"]', pass: '{ "StartAt": "A", "States": { "A": { "Type": "Succeed" } } }' },
  }),
];
