import { describe, expect, it } from "vitest";
import { closest, isVariableName, osaDistance, variableNameProblem } from "../../src/expr/names.js";

describe("osaDistance", () => {
  it.each([
    ["", "", 0],
    ["abc", "abc", 0],
    ["abc", "abd", 1],
    ["abc", "acb", 1], // adjacent transposition
    ["kitten", "sitting", 3],
    ["ca", "abc", 3], // OSA (not unrestricted Damerau) gives 3
  ])("%j vs %j = %i", (a, b, d) => {
    expect(osaDistance(a, b)).toBe(d);
  });

  it("stops early beyond the limit", () => {
    expect(osaDistance("aaaaaaaaaa", "bbbbbbbbbb", 2)).toBe(3);
  });
});

describe("closest", () => {
  const names = ["States.Format", "States.Array", "States.ArrayRange", "States.UUID"];
  it("suggests near misses", () => {
    expect(closest("States.Formatt", names)).toBe("States.Format");
    expect(closest("States.ArrayRnage", names)).toBe("States.ArrayRange");
  });
  it("prefers a case-insensitive match", () => {
    expect(closest("states.uuid", names)).toBe("States.UUID");
  });
  it("returns undefined when nothing is close", () => {
    expect(closest("Completely.Different", names)).toBeUndefined();
    expect(closest("", names)).toBeUndefined();
    expect(closest("x".repeat(1000), names)).toBeUndefined();
  });
  it("uses a tighter threshold for short names", () => {
    expect(closest("Ix", ["Id", "Input"])).toBe("Id");
    expect(closest("Qz", ["Id"])).toBeUndefined();
  });
});

describe("isVariableName (DG-VARS / SPEC: UAX #31 identifier, ≤ 80, not 'states')", () => {
  it.each([
    ["x", true],
    ["total", true],
    ["myVar_2", true],
    ["größe", true],
    ["变量", true],
    ["a".repeat(80), true],
    ["a".repeat(81), false],
    ["_x", false],
    ["9x", false],
    ["a-b", false],
    ["a b", false],
    ["a$b", false],
    ["states", false],
    ["States", true],
    ["", false],
    ["x.y", false],
    ["x[2]", false],
  ])("%j → %s", (s, ok) => {
    expect(isVariableName(s)).toBe(ok);
    expect(variableNameProblem(s) === undefined).toBe(ok);
  });

  it("counts code points, not UTF-16 units", () => {
    const astral = "𝒜".repeat(80); // ID_Start, outside the BMP
    expect(astral.length).toBe(160);
    expect(isVariableName(astral)).toBe(true);
  });
});
