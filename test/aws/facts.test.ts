/**
 * The AWS facts of src/aws/ that the JSON Schema (schemas/asl.schema.json) states again as
 * data: the two must say the same, so that a fact changed in one place fails here until the
 * other follows.
 */
import { describe, expect, it } from "vitest";
import { fields } from "../../src/generated/schema.js";
import { CHOICE_COMBINATORS, CHOICE_OPERATORS, OPERATOR_TWINS, PATH_OPERATORS } from "../../src/aws/choice-operators.js";

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
