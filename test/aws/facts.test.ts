/**
 * The AWS facts of src/aws/ that the JSON Schema (schemas/asl.schema.json) states again as
 * data: the two must say the same, so that a fact changed in one place fails here until the
 * other follows.
 */
import { describe, expect, it } from "vitest";
import { fields } from "../../src/generated/schema.js";
import { CHOICE_COMBINATORS, CHOICE_OPERATORS, OPERATOR_TWINS, PATH_OPERATORS } from "../../src/aws/choice-operators.js";
import { ALL_STATE_PATH_TWINS, HANDLER_TYPES, JSONPATH_ONLY_FIELDS, ITEM_BATCHER_PATH_TWINS, NEEDS_TRANSITION, pathTwinsOf, READER_CONFIG_PATH_TWINS, STATE_TYPES, WAIT_DURATIONS } from "../../src/aws/states.js";
import { lint } from "../../src/lint.js";
import { PAYLOAD_MAX_BYTES, TIMEOUT_SECONDS_MAX } from "../../src/aws/limits.js";
import schemaJson from "../../schemas/asl.schema.json";
import { SFN_MODEL } from "../../src/aws/api-models.js";

const RULE_FIELDS = new Set(["Variable", "Next", "Assign", "Comment"]);

describe("Choice operators (aws/choice-operators.ts)", () => {
  it("are the schema's data-test operators, 39 in all, 16 of them taking a path", () => {
    const names = CHOICE_OPERATORS.map((op) => op.name);
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual(fields["choiceRule.JSONPath.data"].filter((f) => !RULE_FIELDS.has(f)).sort());
    expect(names).toHaveLength(39);
    expect(PATH_OPERATORS).toHaveLength(16);
    expect(OPERATOR_TWINS).toHaveLength(16);
  });

  it("pair each literal operator with its …Path twin, both ways", () => {
    const byName = new Map(CHOICE_OPERATORS.map((op) => [op.name, op]));
    for (const op of CHOICE_OPERATORS) {
      if (op.twin === undefined) continue;
      const twin = byName.get(op.twin)!;
      expect(twin.twin).toBe(op.name);
      expect(twin.kind).toBe(op.kind);
      expect(twin.path).toBe(!op.path);
      expect(op.path ? op.name : twin.name).toBe((op.path ? twin.name : op.name) + "Path");
    }
    expect(byName.get("StringMatches")?.twin).toBeUndefined();
    expect(byName.get("IsPresent")).toEqual({ name: "IsPresent", kind: "TypeTest", path: false });
  });

  it("the combinators are the schema's Boolean rule fields", () => {
    expect([...CHOICE_COMBINATORS].sort()).toEqual(fields["choiceRule.JSONPath.boolean"].filter((f) => !RULE_FIELDS.has(f)).sort());
  });
});

describe("state types and their fields (aws/states.ts)", () => {
  it("read from the schema: which types need a transition, which may have Retry and Catch", () => {
    expect([...NEEDS_TRANSITION].sort()).toEqual(["Map", "Parallel", "Pass", "Task", "Wait"]);
    expect([...HANDLER_TYPES].sort()).toEqual(["Map", "Parallel", "Task"]);
  });

  it("the JSONPath-only fields are those of asl-facts §2.3", () => {
    expect([...JSONPATH_ONLY_FIELDS].filter((f) => !f.endsWith("Path") || f === "InputPath" || f === "OutputPath" || f === "ResultPath" || f === "ItemsPath").sort()).toEqual(
      ["InputPath", "ItemsPath", "OutputPath", "Parameters", "Result", "ResultPath", "ResultSelector"],
    );
    for (const f of ALL_STATE_PATH_TWINS) expect(JSONPATH_ONLY_FIELDS.has(`${f}Path`), f).toBe(true);
  });

  it("list every field with a …Path twin that the schema has, and nothing else (Result and ResultPath are no pair)", () => {
    const schemaPairs = (def: string) => {
      const f = fields[def as keyof typeof fields] as readonly string[];
      return f.filter((k) => f.includes(`${k}Path`) && k !== "Result").sort();
    };
    for (const t of STATE_TYPES) expect([...pathTwinsOf(t)].sort(), t).toEqual(schemaPairs(`${t}.JSONPath`));
    expect([...READER_CONFIG_PATH_TWINS]).toEqual(schemaPairs("readerConfig.JSONPath"));
    expect([...ITEM_BATCHER_PATH_TWINS].sort()).toEqual(schemaPairs("itemBatcher.JSONPath"));
    expect(ALL_STATE_PATH_TWINS).toHaveLength(9);
    expect([...WAIT_DURATIONS].sort()).toEqual(fields["Wait.JSONPath"].filter((f) => /^(Seconds|Timestamp)/.test(f)).sort());
  });

  it("a type or key named like an Object.prototype member is no entry of any table", () => {
    for (const name of ["constructor", "toString", "__proto__", "hasOwnProperty"]) expect(pathTwinsOf(name)).toEqual([]);
    for (const name of Object.getOwnPropertyNames(Object.prototype)) {
      const type = JSON.stringify({ StartAt: "A", States: { A: { Type: name, Error: "$.x", End: true } } });
      expect(lint(type).diagnostics.map((d) => d.rule)).toContain("invalid-value");
      const key = JSON.stringify({ StartAt: "C", States: { C: { Type: "Choice", QueryLanguage: "JSONata", Choices: [{ [name]: [], Next: "D" }], Default: "D" }, D: { Type: "Succeed" } } });
      expect(lint(key).diagnostics.map((d) => d.rule)).toContain("unknown-field");
    }
  });
});

describe("limits (aws/limits.ts) that the schema states as ranges", () => {
  const definitions = (schemaJson as unknown as { definitions: Record<string, { maximum?: number }> }).definitions;
  it("the largest timeout and heartbeat, the largest batch", () => {
    expect(definitions.timeoutSeconds.maximum).toBe(TIMEOUT_SECONDS_MAX);
    expect(definitions.timeoutSecondsJSONata.maximum).toBe(TIMEOUT_SECONDS_MAX);
    expect(definitions.maxInputBytesPerBatch.maximum).toBe(PAYLOAD_MAX_BYTES);
    // the API model's bound on an execution's input is the same 256 KiB
    expect(SFN_MODEL.shapes.SensitiveData.max).toBe(PAYLOAD_MAX_BYTES);
  });
});
