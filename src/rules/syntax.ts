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
    description: "The definition is not valid JSON.",
    rationale: "AWS rejects a definition it cannot parse. aslint reports where it breaks and goes on checking what it could read.",
    source: "SFN-MODEL ValidateStateMachineDefinition: INVALID_JSON_DESCRIPTION",
    examples: {
      fail: '{\n  "StartAt": "A",\n  "States": {\n    "A": { "Type": "Pass" "End": true }\n  }\n}',
      pass: '{ "StartAt": "A", "States": { "A": { "Type": "Pass", "End": true } } }',
    },
  }),
  syntaxRule({
    id: "invalid-yaml",
    code: "INVALID_JSON_DESCRIPTION",
    severity: "ERROR",
    description: "The YAML definition cannot be parsed.",
    rationale: "SAM, Serverless and CloudFormation turn YAML into the JSON that AWS receives; a YAML syntax error stops the deployment.",
    examples: {
      fail: "StartAt: A\nStates:\n  A:\n    Type: Pass\n   End: true\n",
      pass: "StartAt: A\nStates:\n  A:\n    Type: Pass\n    End: true\n",
    },
  }),
  syntaxRule({
    id: "duplicate-key",
    code: "INVALID_JSON_DESCRIPTION",
    severity: "ERROR",
    description: "A key appears twice in one object.",
    rationale: "AWS's parser rejects duplicate keys; other tools silently keep the last one, so the definition you read is not the one that runs.",
    examples: {
      fail: '{ "StartAt": "A", "States": { "A": { "Type": "Pass", "Result": "first", "Result": "second", "End": true } } }',
      pass: '{ "StartAt": "A", "States": { "A": { "Type": "Pass", "Result": "second", "End": true } } }',
    },
  }),
  syntaxRule({
    id: "json-comment",
    code: "INVALID_JSON_DESCRIPTION",
    severity: "ERROR",
    description: "A comment in a JSON definition.",
    rationale: "JSON has no comments and AWS rejects the definition. Use the \"Comment\" field of a state or of the machine instead.",
    examples: {
      fail: '{\n  "StartAt": "A", // start here\n  "States": { "A": { "Type": "Succeed" } }\n}',
      pass: '{\n  "Comment": "start here",\n  "StartAt": "A",\n  "States": { "A": { "Type": "Succeed" } }\n}',
    },
  }),
  syntaxRule({
    id: "trailing-comma",
    code: "INVALID_JSON_DESCRIPTION",
    severity: "ERROR",
    description: "A comma after the last member of an object or array.",
    rationale: "JSON does not allow trailing commas; AWS rejects the definition.",
    examples: {
      fail: '{\n  "StartAt": "A",\n  "States": {\n    "A": { "Type": "Succeed", }\n  }\n}',
      pass: '{ "StartAt": "A", "States": { "A": { "Type": "Succeed" } } }',
    },
  }),
  syntaxRule({
    id: "byte-order-mark",
    code: "INVALID_JSON_DESCRIPTION",
    severity: "ERROR",
    description: "The file starts with a byte order mark.",
    rationale: "JSON parsers used by deployment tools (Python's json in SAM, the AWS CLI) reject a leading BOM.",
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
    description: "The file is empty.",
    rationale: "A definition is required (1 to 1,048,576 characters).",
    examples: {
      fail: { definition: () => "\n\n", note: "a file of blank lines only" },
      pass: '{ "StartAt": "A", "States": { "A": { "Type": "Succeed" } } }',
    },
    source: "SFN-MODEL Definition shape",
  }),
  syntaxRule({
    id: "not-text",
    code: "INVALID_JSON_DESCRIPTION",
    severity: "ERROR",
    description: "The file is binary, not text.",
    rationale: "A definition is UTF-8 JSON or YAML text.",
    examples: {
      fail: { definition: () => "\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR\u0000\u0000\u0001", filename: "diagram.asl.json", note: "a PNG image of the workflow saved under a definition's name" },
      pass: { definition: '{ "StartAt": "A", "States": { "A": { "Type": "Succeed" } } }', filename: "diagram.asl.json" },
    },
  }),
  syntaxRule({
    id: "too-deeply-nested",
    code: "TOO_DEEPLY_NESTED",
    severity: "ERROR",
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
    description: "The top level is not a JSON object.",
    rationale: "A definition is an object with \"StartAt\" and \"States\".",
    source: "SPEC Top-level fields",
    examples: { fail: '["StartAt", "States"]', pass: '{ "StartAt": "A", "States": { "A": { "Type": "Succeed" } } }' },
  }),
];
