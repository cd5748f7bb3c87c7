// The worst shapes found for each family of rules and parsers (issue 23 and their kin): the
// inputs on which a lint used to grow faster than the text. Each family makes a definition of
// a given size from one repeated part; the bench lints it at 100 KB and 1 MB and reports the
// growth per doubling of the text (run.mjs, scenario "adversarial").
//
// Same key, same size => same text (no randomness).

const J = (o) => JSON.stringify(o, null, 1);
const states = (n, f) => {
  const s = {};
  for (let i = 0; i < n; i++) s[`S${i}`] = f(i);
  return s;
};
const pass = { Type: "Pass", End: true };

/**
 * [key, what it stresses, make(n) -> text]. `n` is the count of the repeated part; `fit` picks the
 * largest n whose text fits the size asked for.
 */
export const ADVERSARIAL = [
  ["missing-targets", "missing-transition-target, unreachable-state: Next to near-miss names (Did you mean)", (n) => J({ StartAt: "S0", States: states(n, (i) => ({ Type: "Pass", Next: `Stat${i}` })) })],
  ["unknown-fields", "unknown-field and the schema check: one state with many unknown fields", (n) => J({ StartAt: "A", States: { A: { ...pass, ...Object.fromEntries(Array.from({ length: n }, (_, i) => [`Resul${i}`, i])) } } })],
  ["paths-many", "payload-template, invalid-path: one Parameters object with many .$ paths", (n) => J({ StartAt: "A", States: { A: { ...pass, Parameters: Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}.$`, `$.a.b[${i}].c..d`])) } } })],
  ["descent", "invalid-path: a ResultPath of recursive descents (one finding per segment)", (n) => J({ StartAt: "A", States: { A: { ...pass, ResultPath: "$" + "..a".repeat(n) } } })],
  ["intrinsics", "intrinsic functions: many nested calls", (n) => J({ StartAt: "A", States: { A: { ...pass, Parameters: Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}.$`, `States.Format('{} {}', States.ArrayGetItem($.a, ${i}), States.MathAdd($.b, 1))`])) } } })],
  ["jsonata-many", "jsonata-expression, variables: many JSONata expressions", (n) => J({ StartAt: "A", QueryLanguage: "JSONata", States: { A: { ...pass, Assign: Object.fromEntries(Array.from({ length: n }, (_, i) => [`v${i}`, `{% $states.input.a[${i}] & $string($v${i ? i - 1 : 0}) %}`])) } } })],
  ["variables-many", "undefined-variable, unused-variable, variable-scope: a chain of states each assigning a variable", (n) =>
    J({ StartAt: "S0", QueryLanguage: "JSONata", States: states(n, (i) => ({ Type: "Pass", Assign: { [`v${i}`]: `{% $v${Math.max(0, i - 1)} %}` }, ...(i < n - 1 ? { Next: `S${i + 1}` } : { End: true }) })) })],
  ["choices-many", "choice-rule, timestamp, no-path: one Choice state with many rules", (n) => J({ StartAt: "C", States: { C: { Type: "Choice", Choices: Array.from({ length: n }, (_, i) => ({ Variable: `$.v${i}`, StringEquals: `x${i}`, Next: "E" })), Default: "E" }, E: { Type: "Succeed" } } })],
  ["handlers-many", "retry-catch, unmatched-error: many retriers and catchers", (n) =>
    J({ StartAt: "T", States: { T: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", End: true, Retry: Array.from({ length: n }, (_, i) => ({ ErrorEquals: [`E${i}`], MaxAttempts: 1 })), Catch: Array.from({ length: n }, (_, i) => ({ ErrorEquals: [`E${i}`], Next: "F" })) }, F: { Type: "Fail" } } })],
  ["long-strings", "every string check: two strings of half the text each", (n) => J({ StartAt: "A", Comment: "x".repeat(n), States: { A: { ...pass, Result: "y".repeat(n) } } })],
  ["dup-keys", "JSON parser, duplicate-key: one key repeated", (n) => J({ StartAt: "A", States: { A: pass } }).replace('"StartAt"', Array.from({ length: n }, () => '"StartAt": "A"').join(",") + ', "StartAt"')],
  ["json-garbage", "JSON parser (recovering): members without values", (n) => "{" + '"a":,'.repeat(n)],
  ["json-crlf-garbage", "JSON parser (recovering), ranges: broken arrays on CRLF lines", (n) => "{\r\n" + '"a": [1,,2],\r\n'.repeat(n)],
  ["json-deep", "JSON parser: unclosed arrays", (n) => "[".repeat(n)],
  ["yaml-chain", "YAML parser: a long chain of flow-style states", (n) => {
    let s = "StartAt: S0\nStates:\n";
    for (let i = 0; i < n; i++) s += `  S${i}: {Type: Pass, ${i < n - 1 ? `Next: S${i + 1}` : "End: true"}}\n`;
    return s;
  }],
  ["yaml-aliases", "YAML aliases: many states that are one aliased node", (n) => {
    let s = "x: &r {Type: Pass, End: true}\nStartAt: S0\nStates:\n";
    for (let i = 0; i < n; i++) s += `  S${i}: *r\n`;
    return s;
  }],
  ["yaml-dup-keys", "YAML parser, duplicate-key: a block mapping that repeats its keys", (n) => {
    let s = "StartAt: A\nStates:\n  A: {Type: Pass, End: true}\nX:\n";
    for (let i = 0; i < n; i++) s += `  k${i % 50}: ${i}\n`;
    return s;
  }],
  ["yaml-deep-flow", "YAML parser: unclosed flow sequences", (n) => "[".repeat(n)],
  ["yaml-deep-block", "YAML parser: block sequences nested on one line", (n) => "StartAt: A\nStates:\n  A:\n    Type: Pass\n    End: true\n    Result:\n      " + "- ".repeat(n) + "1\n"],
];

/** The text of one family at (at most) `bytes` characters, and its file name. */
export function adversarialDefinition(key, bytes) {
  const family = ADVERSARIAL.find((f) => f[0] === key);
  if (!family) throw new Error(`unknown adversarial family ${key}`);
  const make = family[2];
  // the largest n whose text fits: doubling, then bisection
  let lo = 1;
  let hi = 2;
  while (make(hi).length <= bytes) {
    lo = hi;
    hi *= 2;
  }
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (make(mid).length <= bytes) lo = mid;
    else hi = mid;
  }
  return { key, stresses: family[1], text: make(lo), filename: key.startsWith("yaml") ? `${key}.asl.yaml` : `${key}.asl.json` };
}
