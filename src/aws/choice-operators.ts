/**
 * The comparison operators of JSONPath Choice rules, one table (asl-facts §6; SPEC §JSONPath
 * Choice Rules; the LS schema for the value types): 17 literal operators (String ×5 and
 * StringMatches, Numeric ×5, BooleanEquals, Timestamp ×5), a `…Path` twin of each but
 * StringMatches (16), whose value is a path, and 6 type tests: 39 in all. A rule holds
 * `Variable` and exactly one of them, or one of the combinators `And`, `Or`, `Not`.
 * (schemas/asl.schema.json lists the same names; test/aws/facts.test.ts keeps the two equal.)
 */

/** What an operator compares: the kind of the literal it takes, or a type test (whose value is a boolean). */
export type OperatorKind = "String" | "Numeric" | "Boolean" | "Timestamp" | "TypeTest";

export interface ChoiceOperator {
  name: string;
  kind: OperatorKind;
  /** The value is a path to compare with (`StringEqualsPath`), not a literal. */
  path: boolean;
  /** The other one of a literal operator and its `…Path` twin (`StringEquals` ↔ `StringEqualsPath`). */
  twin?: string;
}

/** The five comparisons String, Numeric and Timestamp each have. */
const COMPARISONS = ["Equals", "LessThan", "GreaterThan", "LessThanEquals", "GreaterThanEquals"] as const;

function comparison(kind: OperatorKind, name: string): ChoiceOperator[] {
  return [
    { name, kind, path: false, twin: `${name}Path` },
    { name: `${name}Path`, kind, path: true, twin: name },
  ];
}

/** Every comparison operator, by kind: String, Numeric, Boolean, Timestamp, then the type tests. */
export const CHOICE_OPERATORS: readonly ChoiceOperator[] = [
  ...COMPARISONS.flatMap((c) => comparison("String", `String${c}`)),
  { name: "StringMatches", kind: "String", path: false },
  ...COMPARISONS.flatMap((c) => comparison("Numeric", `Numeric${c}`)),
  ...comparison("Boolean", "BooleanEquals"),
  ...COMPARISONS.flatMap((c) => comparison("Timestamp", `Timestamp${c}`)),
  ...["IsNull", "IsPresent", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp"].map((name): ChoiceOperator => ({ name, kind: "TypeTest", path: false })),
];

/** The operators that join Choice rules: `And` and `Or` hold a non-empty array of rules, `Not` one rule. */
export const CHOICE_COMBINATORS = ["And", "Or", "Not"] as const;

/** The names of the operators that match `test`, in table order. */
export function operatorNames(test: (op: ChoiceOperator) => boolean): string[] {
  return CHOICE_OPERATORS.filter(test).map((op) => op.name);
}

/** Every operator's name. */
export const OPERATOR_NAMES: ReadonlySet<string> = new Set(operatorNames(() => true));

/** The 16 `…Path` operators: their value is a path (asl-facts §6). */
export const PATH_OPERATORS: readonly string[] = operatorNames((op) => op.path);

/** The literal operators that have a `…Path` twin (all but StringMatches and the type tests). */
export const OPERATOR_TWINS: readonly string[] = operatorNames((op) => !op.path && op.twin !== undefined);
