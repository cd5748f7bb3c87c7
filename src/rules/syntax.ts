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
    examples: { fail: '{ "StartAt": "A", "States": { "A": { "Type": "Pass" "End": true } } }', pass: '{ "StartAt": "A", "States": { "A": { "Type": "Pass", "End": true } } }' },
  }),
  syntaxRule({
    id: "invalid-yaml",
    code: "INVALID_JSON_DESCRIPTION",
    severity: "ERROR",
    description: "The YAML definition cannot be parsed.",
    rationale: "SAM, Serverless and CloudFormation turn YAML into the JSON that AWS receives; a YAML syntax error stops the deployment.",
  }),
  syntaxRule({
    id: "duplicate-key",
    code: "INVALID_JSON_DESCRIPTION",
    severity: "ERROR",
    description: "A key appears twice in one object.",
    rationale: "AWS's parser rejects duplicate keys; other tools silently keep the last one, so the definition you read is not the one that runs.",
    examples: { fail: '{ "Type": "Pass", "Next": "A", "Next": "B" }', pass: '{ "Type": "Pass", "Next": "B" }' },
  }),
  syntaxRule({
    id: "json-comment",
    code: "INVALID_JSON_DESCRIPTION",
    severity: "ERROR",
    description: "A comment in a JSON definition.",
    rationale: "JSON has no comments and AWS rejects the definition. Use the \"Comment\" field of a state or of the machine instead.",
    examples: { fail: '{ "StartAt": "A", // first\n "States": {} }', pass: '{ "Comment": "first", "StartAt": "A", "States": {} }' },
  }),
  syntaxRule({
    id: "trailing-comma",
    code: "INVALID_JSON_DESCRIPTION",
    severity: "ERROR",
    description: "A comma after the last member of an object or array.",
    rationale: "JSON does not allow trailing commas; AWS rejects the definition.",
    examples: { fail: '{ "Type": "Succeed", }', pass: '{ "Type": "Succeed" }' },
  }),
  syntaxRule({
    id: "byte-order-mark",
    code: "INVALID_JSON_DESCRIPTION",
    severity: "ERROR",
    description: "The file starts with a byte order mark.",
    rationale: "JSON parsers used by deployment tools (Python's json in SAM, the AWS CLI) reject a leading BOM.",
  }),
  syntaxRule({
    id: "empty-definition",
    code: "MISSING_DESCRIPTION",
    severity: "ERROR",
    description: "The file is empty.",
    rationale: "A definition is required (1 to 1,048,576 characters).",
    source: "SFN-MODEL Definition shape",
  }),
  syntaxRule({
    id: "not-text",
    code: "INVALID_JSON_DESCRIPTION",
    severity: "ERROR",
    description: "The file is binary, not text.",
    rationale: "A definition is UTF-8 JSON or YAML text.",
  }),
  syntaxRule({
    id: "too-deeply-nested",
    code: "TOO_DEEPLY_NESTED",
    severity: "ERROR",
    description: "Objects and arrays nest deeper than 1,000 levels.",
    rationale: "AWS's JSON parser has a nesting limit (ValidateStateMachineDefinition code TOO_DEEPLY_NESTED); deep nesting also breaks tools that read the definition.",
    source: "SFN-MODEL ValidateStateMachineDefinition: TOO_DEEPLY_NESTED (the depth is the Jackson parser's default limit)",
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
