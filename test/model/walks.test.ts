/**
 * The walks of model/jsonpath-fields.ts: `eachChoiceRule` visits a Choice rule and the rules
 * nested in its And, Or and Not, in that order, and stops when asked; `choiceRules` lists them per
 * state with their top-level rule; `eachTemplateMember` visits a payload template's members, not
 * entering `.$` values, and stops when asked (`hasDollarKey` is one such walk).
 */
import { describe, expect, it } from "vitest";
import { parseJson } from "../../src/parse/json.js";
import { buildMachine } from "../../src/model/index.js";
import { choiceRules, eachChoiceRule, eachTemplateMember, hasDollarKey } from "../../src/model/jsonpath-fields.js";
import { get, type Node } from "../../src/parse/tree.js";

const definition = {
  StartAt: "C",
  States: {
    C: {
      Type: "Choice",
      Choices: [
        { Not: { Variable: "$.n", IsPresent: true, Comment: "c" }, Or: [{ Variable: "$.o", IsNull: true }], And: [{ Variable: "$.a1", IsNull: true }, { Not: { Variable: "$.a2", IsNull: true } }], Comment: "a", Next: "D" },
        "not a rule",
        { Variable: "$.x", NumericEquals: 1, Next: "D" },
      ],
      Default: "D",
    },
    D: { Type: "Succeed" },
  },
};

function setup() {
  const root = parseJson(JSON.stringify(definition)).root!;
  const machine = buildMachine(root);
  const state = machine.states.find((s) => s.name === "C")!;
  const choices = get(state.node, "Choices")!.items!;
  return { state, choices };
}

const labelOf = (rule: Node) => (get(rule, "Variable")?.value as string | undefined) ?? (get(rule, "Comment")?.value as string);

describe("eachChoiceRule", () => {
  it("visits a rule, then its And, Or and Not rules, depth first; what is not an object is passed over", () => {
    const { choices } = setup();
    const seen: string[] = [];
    for (const rule of choices) expect(eachChoiceRule(rule, (r) => void seen.push(labelOf(r)))).toBe(false);
    expect(seen).toEqual(["a", "$.a1", undefined, "$.a2", "$.o", "$.n", "$.x"]);
  });

  it("stops at the first rule for which the visitor returns true, and passes its argument on", () => {
    const { choices } = setup();
    const seen: string[] = [];
    const found = eachChoiceRule(choices[0], (r, into: string[]) => into.push(labelOf(r)) === 3, seen);
    expect(found).toBe(true);
    expect(seen).toEqual(["a", "$.a1", undefined]);
    // the walk left nothing behind: the next one starts afresh
    const next: string[] = [];
    eachChoiceRule(choices[2], (r) => void next.push(labelOf(r)));
    expect(next).toEqual(["$.x"]);
  });
});

describe("choiceRules", () => {
  it("lists every rule of a state with its top-level rule's position", () => {
    const { state } = setup();
    expect(choiceRules(state).map((e) => [labelOf(e.rule), e.top, e.choice])).toEqual([
      ["a", true, 0],
      ["$.a1", false, 0],
      [undefined, false, 0],
      ["$.a2", false, 0],
      ["$.o", false, 0],
      ["$.n", false, 0],
      ["$.x", true, 2],
    ]);
  });
});

describe("eachTemplateMember", () => {
  const template = () => parseJson(JSON.stringify({ a: { "b.$": "$.x", c: [{ d: 1 }, 2] }, "e.$": "States.Format('{}', $.y)", f: { g: true } })).root!;

  it("visits every member in source order, without entering the values of .$ keys", () => {
    const keys: string[] = [];
    expect(eachTemplateMember(template(), (m) => void keys.push(m.key))).toBe(false);
    expect(keys).toEqual(["a", "e.$", "f", "b.$", "c", "d", "g"]);
  });

  it("stops at the first member for which the visitor returns true", () => {
    const keys: string[] = [];
    expect(eachTemplateMember(template(), (m, _o, into: string[]) => into.push(m.key) === 4, keys)).toBe(true);
    expect(keys).toEqual(["a", "e.$", "f", "b.$"]);
    expect(hasDollarKey(template())).toBe(true);
    expect(hasDollarKey(parseJson('{ "a": { "b": ["$.c"] } }').root!)).toBe(false);
  });
});
