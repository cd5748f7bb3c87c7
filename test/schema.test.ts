/**
 * The compiled schema (src/generated/schema.js, from schemas/asl.schema.json by
 * scripts/build-schema.mjs) and the rules that report its errors: dispatch coverage,
 * plain ESM without ajv at run time, the field matrix of asl-facts §2.2, one diagnostic per
 * fault, and deploy-time placeholders that are never errors.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fields, validators } from "../src/generated/schema.js";
import { lint } from "../src/lint.js";
import { STATE_TYPES } from "../src/model/index.js";

const ROOT = join(__dirname, "..");
const SCHEMA_RULES = new Set(["required-field", "unknown-field", "invalid-value", "choice-rule", "deploy-time-placeholder"]);

function machine(states: Record<string, unknown>, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ StartAt: Object.keys(states)[0], States: states, ...extra }, null, 2);
}

function schemaDiagnostics(text: string, filename = "x.asl.json") {
  return lint(text, { filename }).diagnostics.filter((d) => SCHEMA_RULES.has(d.rule));
}

describe("generated validators", () => {
  it("cover every state type in both query languages, the scopes and the Choice rules", () => {
    for (const type of STATE_TYPES) for (const lang of ["JSONPath", "JSONata"]) expect(validators[`${type}.${lang}`], `${type}.${lang}`).toBeTypeOf("function");
    for (const key of ["root", "branch", "processor", "choiceRule.JSONata", "choiceRule.JSONPath.data", "choiceRule.JSONPath.boolean"]) expect(validators[key], key).toBeTypeOf("function");
  });

  it("are plain ESM code that needs no ajv at run time", () => {
    const code = readFileSync(join(ROOT, "src", "generated", "schema.js"), "utf8");
    expect(code).not.toMatch(/\brequire\(/);
    expect(code).not.toMatch(/from\s+["']ajv/);
  });

  it("follow the field matrix of asl-facts §2.2", () => {
    const has = (type: string, lang: string, key: string) => fields[`${type}.${lang}`].includes(key);
    for (const t of ["Task", "Parallel", "Map", "Pass", "Wait", "Choice", "Succeed"]) expect(has(t, "JSONata", "Output"), t).toBe(true);
    expect(has("Fail", "JSONata", "Output")).toBe(false);
    for (const t of ["Task", "Parallel", "Map", "Pass", "Wait", "Choice"]) for (const l of ["JSONPath", "JSONata"]) expect(has(t, l, "Assign"), `${t}.${l}`).toBe(true);
    for (const t of ["Succeed", "Fail"]) expect(has(t, "JSONPath", "Assign")).toBe(false);
    expect(STATE_TYPES.filter((t) => has(t, "JSONata", "Arguments"))).toEqual(["Task", "Parallel"]);
    expect(STATE_TYPES.filter((t) => has(t, "JSONPath", "ResultPath"))).toEqual(["Pass", "Task", "Parallel", "Map"]);
    expect(STATE_TYPES.filter((t) => has(t, "JSONPath", "ResultSelector"))).toEqual(["Task", "Parallel", "Map"]);
    expect(STATE_TYPES.filter((t) => has(t, "JSONPath", "InputPath"))).toEqual(STATE_TYPES.filter((t) => t !== "Fail"));
    expect(STATE_TYPES.filter((t) => has(t, "JSONPath", "Retry"))).toEqual(["Task", "Parallel", "Map"]);
    for (const t of ["Choice", "Succeed", "Fail"]) expect(has(t, "JSONPath", "Next") || has(t, "JSONPath", "End"), t).toBe(false);
    for (const key of ["Parameters", "ResultSelector", "ResultPath", "InputPath", "OutputPath"]) for (const t of STATE_TYPES) expect(has(t, "JSONata", key), `${t}.JSONata ${key}`).toBe(false);
  });
});

describe("one diagnostic per fault", () => {
  it("a misspelt required field is reported once, as unknown", () => {
    const ds = schemaDiagnostics(machine({ T: { Type: "Task", Resouce: "arn:aws:states:::lambda:invoke", End: true } }));
    expect(ds.map((d) => [d.rule, d.message])).toEqual([["unknown-field", 'Field "Resouce" is not allowed in a Task state. Did you mean "Resource"?']]);
  });

  it("an unknown Type gives only the Type error", () => {
    const ds = schemaDiagnostics(machine({ T: { Type: "Taks", Resource: "x", Foo: 1, TimeoutSeconds: -5, End: true } }));
    expect(ds.map((d) => d.message)).toEqual(['"Type" must be one of Pass, Task, Choice, Wait, Succeed, Fail, Parallel, Map; got "Taks". Did you mean "Task"?']);
  });

  it("a wrong type is not also an enum or range error", () => {
    const ds = schemaDiagnostics(machine({ M: { Type: "Map", ItemProcessor: { ProcessorConfig: { Mode: 5 }, StartAt: "P", States: { P: { Type: "Pass", End: true } } }, MaxConcurrency: "x", End: true } }));
    expect(ds.map((d) => d.location)).toEqual(["/States/M/ItemProcessor/ProcessorConfig/Mode", "/States/M/MaxConcurrency"]);
  });

  it("a JSONPath Choice rule in a JSONata state is one error", () => {
    const ds = schemaDiagnostics(machine({ C: { Type: "Choice", QueryLanguage: "JSONata", Choices: [{ Variable: "$.x", StringEquals: "a", Next: "D" }], Default: "D" }, D: { Type: "Succeed" } }));
    expect(ds.map((d) => [d.rule, d.location])).toEqual([["unknown-field", "/States/C/Choices[0]/Variable"]]);
  });

  it("a misspelt QueryLanguage is checked against the language it means", () => {
    const ds = schemaDiagnostics(machine({ T: { Type: "Task", QueryLanguage: "jsonata", Resource: "arn:aws:states:::lambda:invoke", Arguments: {}, End: true } }));
    expect(ds.map((d) => d.location)).toEqual(["/States/T/QueryLanguage"]);
  });
});

describe("deploy-time placeholders", () => {
  it("are accepted wherever a value is expected, with one INFO each", () => {
    const text = machine({
      W: { Type: "Wait", Seconds: "${Timeout}", Next: "M" },
      M: { Type: "Map", MaxConcurrency: "${N}", ItemProcessor: { StartAt: "P", States: { P: { Type: "Pass", End: true } } }, Next: "T" },
      T: { Type: "Task", Resource: "${LambdaArn}", TimeoutSeconds: "${T}", End: true },
    });
    const ds = schemaDiagnostics(text);
    expect(ds.every((d) => d.severity === "INFO" && d.rule === "deploy-time-placeholder")).toBe(true);
    expect(ds.map((d) => d.location)).toEqual(["/States/W/Seconds", "/States/M/MaxConcurrency", "/States/T/TimeoutSeconds"]);
  });

  it("CloudFormation intrinsic objects are placeholders too", () => {
    const ds = schemaDiagnostics(machine({ T: { Type: "Task", Resource: { "Fn::GetAtt": ["Fn", "Arn"] }, End: true } }));
    expect(ds.map((d) => [d.severity, d.location])).toEqual([["INFO", "/States/T/Resource"]]);
  });
});

describe("quick fixes", () => {
  it("unknown-field removes the member", () => {
    const text = machine({ P: { Type: "Pass", TimeoutSeconds: 5, End: true } });
    const d = lint(text, { filename: "x.asl.json" }).diagnostics.find((x) => x.rule === "unknown-field")!;
    const edit = d.fixes![0].edits[0];
    const fixed = text.slice(0, edit.offset) + edit.newText + text.slice(edit.offset + edit.length);
    expect(JSON.parse(fixed)).toEqual({ StartAt: "P", States: { P: { Type: "Pass", End: true } } });
  });
});
