/**
 * Table-driven accept/reject cases for the JSONPath and intrinsic-function parsers.
 * Every row cites the AWS fact it rests on (tags resolved in shared/reference/asl-facts.md §0).
 * Reject rows assert the exact error range (located by substring + occurrence) and a
 * message fragment.
 */
import { describe, expect, it } from "vitest";
import { parsePath } from "../../src/expr/path.js";
import { checkIntrinsic, parseIntrinsic, STRING_INTRINSICS } from "../../src/expr/intrinsic.js";
import type { ExprError } from "../../src/expr/types.js";

type Kind = "path" | "ref" | "result" | "intrinsic" | "errpath";
type Where = "errors" | "contextErrors" | "warnings";

interface Row {
  kind: Kind;
  input: string;
  cite: string;
  ok: boolean;
  /** Offending text; the expected range is its `nth` occurrence (1-based) in the input. */
  at?: string;
  nth?: number;
  range?: [number, number];
  msg?: string;
  where?: Where;
}

const A = (kind: Kind, input: string, cite: string): Row => ({ kind, input, cite, ok: true });
const R = (kind: Kind, input: string, at: string | [number, number], msg: string, cite: string, extra: Partial<Row> = {}): Row => ({
  kind,
  input,
  cite,
  ok: false,
  msg,
  ...(typeof at === "string" ? { at } : { range: at }),
  ...extra,
});

const nest = (depth: number): string => {
  let s = "$.x";
  for (let i = 0; i < depth; i++) s = `States.Array(${s})`;
  return s;
};
const long = "a".repeat(10_001);

const ROWS: Row[] = [
  // ---------------------------------------------------------------- paths: accept
  A("path", "$", "SPEC §Paths: a path is a string beginning with \"$\""),
  A("path", "$.a.b", "SPEC §Paths: dot notation child fields"),
  A("path", "$.detail-type", "DG-PATHS/asl-validator#81: AWS accepts hyphenated dot names (EventBridge detail-type)"),
  A("path", "$['a b']", "DG-PATHS: bracket notation for names with spaces"),
  A("path", "$.detail['flow-name']", "DG-PATHS: bracket notation for names with special characters"),
  A("path", "$.abc.['def ghi']", "DG-INTR/DG-PATHS: AWS's own example uses dot followed by brackets"),
  A("path", "$.[0]", "DG-PATHS: dot followed by bracket index is accepted (anchor false alarm)"),
  A("path", "$[0]", "SPEC §Paths: JSONPath array index"),
  A("path", "$.a[-1]", "SPEC §Paths: Jayway negative index"),
  A("path", "$.a[1:3]", "SPEC §Paths: Paths (non-reference) may use slices"),
  A("path", "$.a[:2]", "SPEC §Paths: slice without start"),
  A("path", "$.a[-2:]", "SPEC §Paths: slice from the end"),
  A("path", "$.a[::2]", "SPEC §Paths: slice with step"),
  A("path", "$.a.*", "SPEC §Paths: wildcard allowed in Paths"),
  A("path", "$.a[*]", "SPEC §Paths: bracket wildcard allowed in Paths"),
  A("path", "$.a[0,1]", "SPEC §Paths: index union allowed in Paths"),
  A("path", "$['a','b']", "SPEC §Paths: name union allowed in Paths"),
  A("path", "$.a[?(@.x == 'y')]", "SPEC §Paths: filters allowed in InputPath/OutputPath/.$ values"),
  A("path", "$.a[?(@.price < 10 && @.a)]", "asl-validator anchor §6.1: && filters are valid Jayway"),
  A("path", "$.a[?(@.isbn)]", "asl-validator#150: @ existence predicates"),
  A("path", "$..book", "SPEC §Paths: recursive descent allowed in Paths"),
  A("path", "$..*", "SPEC §Paths: recursive wildcard"),
  A("path", "$.名前.café", "SPEC §Paths: JSON field names are Unicode"),
  A("path", "$myVar", "DG-VARS: $name references a workflow variable"),
  A("path", "$myVar.a.b", "DG-VARS: variable sub-paths"),
  A("path", "$myVar[0]", "DG-VARS: variable array index"),
  A("path", "$$.Execution.Id", "DG-CTX: $$ context object"),
  A("path", "$$", "DG-CTX: the whole context object"),
  A("path", "$$.Map.Item.Value.deep.x", "DG-CTX: below Map.Item.Value is user data"),
  A("path", "$$.Execution.Input.customer['first name']", "DG-CTX: below Execution.Input is user data"),
  A("path", '$.store.book[?(@.price > 10 || @.category == "fiction")]', "SPEC §Paths: Jayway filter with ||"),
  A("path", "$.a[?(!@.isbn)]", "SPEC §Paths: Jayway negated existence filter"),
  A("path", "$.a[?(@.tags in ['x','y'])]", "SPEC §Paths: Jayway 'in' operator in Paths"),
  A("path", "$.a[?(@.name =~ /foo.*/i)]", "SPEC §Paths: Jayway regex filter in Paths"),
  A("path", "$.a[?(@.price < $.max)]", "SPEC §Paths: filter referencing the root"),
  A("path", "$..book[0]", "SPEC §Paths: recursive descent then index"),
  A("path", "$.a['b']['c']", "DG-PATHS: chained bracket notation"),
  A("path", '$["double quoted"]', "SPEC §Paths: Jayway accepts double-quoted bracket names"),
  A("path", "$.a[ 0 ]", "SPEC §Paths: Jayway allows spaces inside brackets"),
  A("path", "$.a[?(@ > 1)]", "SPEC §Paths: @ alone is the current item"),
  A("path", "$.Ärger_1", "SPEC §Paths: Unicode dot names"),
  A("path", "$.0abc", "SPEC §Paths: Jayway dot names may start with a digit"),
  A("path", "$['it\\'s']", "SPEC §Paths: escaped quote inside a bracket name"),
  A("path", "$.a[?(@.x != null)]", "SPEC §Paths: null literal in filters"),
  A("path", "$.items[?(@.count >= 2)].name", "SPEC §Paths: filter followed by a child"),
  A("path", "$.a[?((@.x == 1) && (@.y == 2))]", "SPEC §Paths: parenthesised filter terms"),
  A("path", "$$.Task.Token", "DG-CTX: Task.Token"),
  A("path", "$$.State.EnteredTime", "DG-CTX: State.EnteredTime"),
  A("path", "$$.StateMachine.Name", "DG-CTX: StateMachine.Name"),
  A("path", "$$.Map.Item.Index", "DG-CTX: Map.Item.Index"),
  A("path", "$$.Execution.RedriveCount", "DG-CTX: Execution.RedriveCount"),
  A("path", "$$.Map.Item.Key", "DG-CTX: Map.Item.Key when iterating an object"),
  // ---------------------------------------------------------------- paths: reject
  R("path", "$.a..", "..", "must be followed by a field name", "SPEC §Paths: '..' needs a member after it"),
  R("path", "$.", ".", "cannot end with \".\"", "SPEC §Paths: empty segment after '.'"),
  R("path", "a.b", "a", 'must start with "$"', "SPEC §Paths: a path begins with \"$\""),
  R("path", "", [0, 0], "cannot be empty", "SPEC §Paths: a path begins with \"$\""),
  R("path", " $.a", " ", "whitespace before", "SPEC §Paths: a path begins with \"$\""),
  R("path", "$.a]", "]", 'Unbalanced "]"', "SPEC §Paths: JSONPath bracket syntax"),
  R("path", "$.a[0", "[", 'Unclosed "["', "SPEC §Paths: JSONPath bracket syntax"),
  R("path", "$['a", "'a", "Unterminated quoted field name", "DG-PATHS: bracket names are quoted"),
  R("path", "$.first name", "first name", "bracket notation", "DG-PATHS: names with spaces need bracket notation"),
  R("path", "$9x", "$9x", "not a valid path", "DG-VARS: variable names start with a letter (ID_Start)"),
  R("path", "$_x", "$_x", "variable name that starts with a letter", "DG-VARS: '_' is not ID_Start"),
  R("path", "$my-var", "-", "variable names may contain only", "DG-VARS: a-b is not a valid variable name"),
  R("path", "$states.x", "$states", "reserved", "SPEC §Variables: 'states' is reserved"),
  R("path", "$$Execution", "E", "add a dot", "DG-CTX: context paths are written $$.Field"),
  R("path", "$.a.length()", "length()", "functions", "DG-PATHS: no JSONPath functions such as length()"),
  R("path", "$.a[?(@.x = 1)]", "=", '"=="', "SPEC §Paths: Jayway filter comparison operators"),
  R("path", "$.a[?(@.x == 1 & @.y)]", "&", '"&&"', "SPEC §Paths: Jayway logical operators"),
  R("path", "$[abc]", "[abc]", "must be quoted", "DG-PATHS: bracket notation uses quoted names"),
  R("path", "$.a[]", "[]", "Empty brackets", "SPEC §Paths: JSONPath bracket syntax"),
  R("path", "$.a...b", "...", "Too many dots", "SPEC §Paths: '.' or '..' only"),
  R("path", "$.a[1.5]", ".", "whole numbers", "SPEC §Paths: array indexes are integers", { nth: 2 }),
  R("path", "$.a[?(@.x == 'y']", "]", "expected an operator", "SPEC §Paths: filters are written [?(...)]"),
  R("path", "$.a[?@.x]", "?", "Filters must be written", "SPEC §Paths: filters are written [?(...)]"),
  R("path", "$.a[?()]", "()", "Empty filter", "SPEC §Paths: filters need a condition"),
  R("path", "$.a[0:1,2]", ",", "cannot be combined", "SPEC §Paths: Jayway slice/union syntax"),
  R("path", "$.a[1:2:3:4]", ":", "at most three parts", "SPEC §Paths: Jayway slice syntax", { nth: 3 }),
  R("path", "$.a[0,]", "]", "Missing index", "SPEC §Paths: Jayway union syntax"),
  R("path", "$.a['x',]", ",", "Expected a quoted field name", "DG-PATHS: bracket name unions are quoted"),
  R("path", "$.a['x' 'y']", [8, 9], 'Expected "]" or ","', "DG-PATHS: bracket name syntax"),
  R("path", "$.a[*", "[", 'Unclosed "["', "SPEC §Paths: JSONPath bracket syntax"),
  R("path", "$.a[?(@.x == 'y)]", "'y)]", "Unterminated string", "SPEC §Paths: filter string literals are quoted"),
  R("path", "$.a[?(@.x == foo)]", "foo", 'refer to fields with "@."', "SPEC §Paths: filter operands"),
  R("path", "$.a[?(@.x ==)]", ")", "expected a value", "SPEC §Paths: filter comparisons need two operands"),
  R("path", "$.a[?(@.x like 'a')]", "like", "Unknown filter operator", "DG-PATHS: no lexical operators beyond Jayway's"),
  R("path", "$.'a'", "'", "brackets", "DG-PATHS: quoted names use bracket notation"),
  R("path", "$ .a", " ", "Unexpected whitespace", "SPEC §Paths: JSONPath has no spaces outside brackets"),
  R("path", "$.a[0]]", "]", 'Unbalanced "]"', "SPEC §Paths: JSONPath bracket syntax", { nth: 2 }),
  R("path", "$.a)", ")", 'Unbalanced ")"', "SPEC §Paths: JSONPath syntax"),
  R("path", "$.a,b", ",", "Unexpected", "SPEC §Paths: JSONPath syntax"),
  R("path", "$.a[-]", "-", "Expected digits", "SPEC §Paths: array indexes are integers"),
  R("path", "$" + "a".repeat(81), [1, 82], "at most 80", "DG-VARS: variable names are at most 80 characters"),
  R("path", "$.a ", " ", "whitespace at the end", "SPEC §Paths: paths have no trailing spaces (warning only)", { where: "warnings" }),
  R("path", "$$.Execution.Idd", "Idd", 'Did you mean "Execution.Id"', "DG-CTX: Execution fields", { where: "contextErrors" }),
  R("path", "$$.Foo", "Foo", "Unknown context object field", "DG-CTX: top-level context fields", { where: "contextErrors" }),
  R("path", "$$.Execution.Id.x", [16, 17], "is a string", "DG-CTX: Execution.Id is an ARN string", { where: "contextErrors" }),
  R("path", "$$.Map.Items", "Items", 'Did you mean "Map.Item"', "DG-CTX: Map.Item", { where: "contextErrors" }),
  R("path", "$$.Task.token", "token", 'Did you mean "Task.Token"', "DG-CTX: Task.Token (case-sensitive)", { where: "contextErrors" }),
  R("path", "$$.State.RetryCounts", "RetryCounts", 'Did you mean "State.RetryCount"', "DG-CTX: State.RetryCount", { where: "contextErrors" }),
  // ---------------------------------------------------------------- reference paths
  A("ref", "$", "SPEC §Reference Paths: '$' is a reference path"),
  A("ref", "$.a.b", "SPEC §Reference Paths: dot notation"),
  A("ref", "$.a[0]", "SPEC §Reference Paths: single index"),
  A("ref", "$.a[-1]", "SPEC §Reference Paths: a single (negative) index selects one node"),
  A("ref", "$['a:b']", "DG-PATHS: reserved characters are fine inside quoted bracket names"),
  A("ref", "$$.Execution.Input", "DG-CTX: ItemsPath may read the context object"),
  A("ref", "$var.items", "SPEC §Variables: variables usable in any JSONPath field except ResultPath"),
  A("ref", "$.detail-type", "DG-PATHS: hyphenated names (AWS accepts them)"),
  A("ref", "$.abc.['def ghi']", "DG-PATHS: bracket notation in reference paths"),
  R("ref", "$.a[1:3]", "[1:3]", "slices", "SPEC §Reference Paths: no ':' (single node only)"),
  R("ref", "$.a.*", ".*", "wildcards", "SPEC §Reference Paths: single node only"),
  R("ref", "$.a[*]", "[*]", "wildcards", "SPEC §Reference Paths: single node only"),
  R("ref", "$.a[0,1]", "[0,1]", "unions", "SPEC §Reference Paths: no ','"),
  R("ref", "$['a','b']", "['a','b']", "unions", "SPEC §Reference Paths: no ','"),
  R("ref", "$.a[?(@.x == 'y')]", "[?(@.x == 'y')]", 'cannot contain filters "[?(...)]"', "SPEC §Reference Paths: no '?' or '@'"),
  R("ref", "$..book", "..", "recursive descent", "SPEC §Reference Paths: single node only"),
  R("ref", "$.a:b", ":", 'cannot contain ":"', "SPEC §Reference Paths: no ':'"),
  R("ref", "$.a@b", "@", 'cannot contain "@"', "SPEC §Reference Paths: no '@'"),
  R("ref", "$.a?b", "?", 'cannot contain "?"', "SPEC §Reference Paths: no '?'"),
  A("result", "$.result", "SPEC §ResultPath: a reference path into the state's data"),
  A("result", "$", "SPEC §ResultPath: '$' replaces the input with the result"),
  R("result", "$$.Execution.Id", "$$", 'cannot start with "$$"', "SPEC §ResultPath: MUST NOT start with $$"),
  R("result", "$myVar", "$myVar", "cannot reference a variable", "SPEC §Variables: ResultPath must not reference a variable"),
  R("result", "$.a[?(@.x)]", "[?(@.x)]", "ResultPath must select a single node", "SPEC §Reference Paths: ResultPath is a reference path"),
  // ---------------------------------------------------------------- intrinsics: accept
  A("intrinsic", "States.Format('Hello {}', $.name)", "DG-INTR: States.Format example"),
  A("intrinsic", "States.Array()", "SPEC App. B: States.Array takes zero or more args"),
  A("intrinsic", "States.Array($.a, 1, 'x', null, true)", "SPEC App. B: literal kinds; DG-INTR: booleans as in JsonMerge"),
  A("intrinsic", "States.Format('a \\{x\\} {}', $.a)", "DG-INTR: escaped braces are not placeholders"),
  A("intrinsic", "States.StringToJson($.s)", "DG-INTR: StringToJson(path)"),
  A("intrinsic", "States.JsonToString($.o)", "DG-INTR: JsonToString takes a path"),
  A("intrinsic", "States.ArrayPartition($.a, 4)", "DG-INTR: ArrayPartition(array, size)"),
  A("intrinsic", "States.ArrayContains($.a, $.v)", "DG-INTR: ArrayContains(array, value)"),
  A("intrinsic", "States.ArrayRange(1, 9, 2)", "DG-INTR: ArrayRange(start, end, step)"),
  A("intrinsic", "States.ArrayRange(0, 999, 1)", "DG-INTR: ArrayRange may generate up to 1,000 elements"),
  A("intrinsic", "States.ArrayRange(10, 1, -1)", "DG-INTR: ArrayRange step may be negative"),
  A("intrinsic", "States.ArrayGetItem($.a, 0)", "DG-INTR: ArrayGetItem(array, index)"),
  A("intrinsic", "States.ArrayLength($.a)", "DG-INTR: ArrayLength(array)"),
  A("intrinsic", "States.ArrayUnique($.a)", "DG-INTR: ArrayUnique(array)"),
  A("intrinsic", "States.Base64Encode($.s)", "DG-INTR: Base64Encode(string)"),
  A("intrinsic", "States.Base64Decode('dGVzdA==')", "DG-INTR: Base64Decode(string)"),
  A("intrinsic", "States.Hash($.x, 'SHA-256')", "DG-INTR: Hash algorithms"),
  A("intrinsic", "States.Hash($.x, 'MD5')", "DG-INTR: Hash algorithm MD5"),
  A("intrinsic", "States.Hash($.x, 'SHA-1')", "DG-INTR: Hash algorithm SHA-1"),
  A("intrinsic", "States.Hash($.x, 'SHA-384')", "DG-INTR: Hash algorithm SHA-384"),
  A("intrinsic", "States.Hash($.x, 'SHA-512')", "DG-INTR: Hash algorithm SHA-512"),
  A("intrinsic", "States.JsonMerge($.a, $.b, false)", "DG-INTR: JsonMerge supports only shallow merge (false)"),
  A("intrinsic", "States.MathRandom(1, 999)", "DG-INTR: MathRandom(start, end)"),
  A("intrinsic", "States.MathRandom(1, 999, 1234)", "DG-INTR: MathRandom optional seed"),
  A("intrinsic", "States.MathAdd($.a, -1)", "DG-INTR: MathAdd with a negative literal"),
  A("intrinsic", "States.MathAdd(2147483647, 0)", "DG-INTR: MathAdd within 32-bit signed range"),
  A("intrinsic", "States.StringSplit($.s, ',')", "DG-INTR: StringSplit(string, delimiters)"),
  A("intrinsic", "States.UUID()", "DG-INTR: UUID takes no arguments"),
  A("intrinsic", "States.ArrayGetItem(States.ArrayPartition($.a, 2), 0)", "DG-INTR: nested intrinsics"),
  A("intrinsic", "States.Format('{}', States.MathAdd(1, 2))", "DG-INTR: nested intrinsic as Format value"),
  A("intrinsic", "States.Format('{} {}', $$.Execution.Id, $var)", "SPEC App. B: context paths and variables as args"),
  A("intrinsic", "States.Array($.a['b c'], $.abc.['def ghi'])", "DG-INTR: bracket-notation paths as arguments"),
  A("intrinsic", "States.Format('it\\'s {}', $.a)", "DG-INTR: \\' escapes a quote"),
  A("intrinsic", "States.Format('back\\\\slash')", "DG-INTR: \\\\ escapes a backslash"),
  A("intrinsic", "States.Array(1.5, -2, 3e2)", "SPEC App. B: numeric literals"),
  A("intrinsic", "States.Array( 1 ,2 )", "SPEC App. B: whitespace between arguments"),
  A("intrinsic", "States.Format('{}',$.a)", "SPEC App. B: no space needed after a comma"),
  A("intrinsic", "States.JsonToString($$.Execution.Input)", "DG-CTX: context path as JsonToString argument"),
  A("intrinsic", "States.Array($.items[?(@.x == 1)])", "SPEC App. B: argument paths are full Paths"),
  A("intrinsic", nest(10), "DG-INTR: up to 10 nested intrinsic functions"),
  A("intrinsic", "States.Format($.template, $.a)", "DG-INTR: template may come from a path"),
  A("intrinsic", "States.ArrayPartition($.a, $.size)", "DG-INTR: chunk size from a path"),
  A("errpath", "States.Format('{}', $.a)", "DG-FAIL: Format allowed in ErrorPath/CausePath"),
  A("errpath", "States.UUID()", "DG-FAIL: UUID allowed in ErrorPath/CausePath"),
  A("errpath", "States.ArrayGetItem($.a, 0)", "DG-FAIL: ArrayGetItem allowed in ErrorPath/CausePath"),
  A("errpath", "States.JsonToString($.e)", "DG-FAIL: JsonToString allowed in ErrorPath/CausePath"),
  A("errpath", "States.Hash($.a, 'MD5')", "DG-FAIL: Hash allowed in ErrorPath/CausePath"),
  A("errpath", "States.Base64Encode($.a)", "DG-FAIL: Base64Encode allowed in ErrorPath/CausePath"),
  A("errpath", "States.Base64Decode($.a)", "DG-FAIL: Base64Decode allowed in ErrorPath/CausePath"),
  // ---------------------------------------------------------------- intrinsics: reject
  R("errpath", "States.Array($.a)", "States.Array", "ErrorPath accepts only", "DG-FAIL: only the 7 string-returning intrinsics"),
  R("errpath", "States.MathAdd(1, 2)", "States.MathAdd", "returns a number", "DG-FAIL: only the 7 string-returning intrinsics"),
  R("intrinsic", "States.Format('{} {}', $.a)", "'{} {}'", "2 placeholders", "SPEC App. B: Format needs one value per {}"),
  R("intrinsic", "States.Format('{}', $.a, $.b)", "$.b", "remove the extra value", "SPEC App. B: Format needs one value per {}"),
  R("intrinsic", "States.Format('a { {}', $.a)", "{", 'Unescaped "{"', "DG-INTR: { must be escaped as \\{"),
  R("intrinsic", "States.Format('a } {}', $.a)", "}", 'Unescaped "}"', "DG-INTR: } must be escaped as \\}"),
  R("intrinsic", "States.MathAdd(1)", "States.MathAdd", "takes 2 arguments", "DG-INTR: MathAdd takes two arguments"),
  R("intrinsic", "States.MathAdd(1, 2, 3)", "3", "remove the extra argument", "DG-INTR: MathAdd takes two arguments"),
  R("intrinsic", "States.MathAdd(2147483648, 1)", "2147483648", "32-bit", "DG-INTR: MathAdd within [-2147483648, 2147483647]"),
  R("intrinsic", "States.MathAdd(-2147483649, 1)", "-2147483649", "32-bit", "DG-INTR: MathAdd within [-2147483648, 2147483647]"),
  R("intrinsic", "States.Hash($.x, 'SHA256')", "'SHA256'", "Did you mean SHA-256", "DG-INTR: Hash algorithm names are exact"),
  R("intrinsic", "States.Hash($.x, 'sha-256')", "'sha-256'", "Did you mean SHA-256", "DG-INTR: Hash algorithm names are case-sensitive"),
  R("intrinsic", "States.Hash($.x)", "States.Hash", "takes 2 arguments", "DG-INTR: Hash(data, algorithm)"),
  R("intrinsic", "States.JsonMerge($.a, $.b, true)", "true", "shallow", "DG-INTR: JsonMerge supports only shallow merge"),
  R("intrinsic", "States.JsonMerge($.a, $.b)", "States.JsonMerge", "takes 3 arguments", "DG-INTR: JsonMerge(obj1, obj2, false)"),
  R("intrinsic", "States.JsonMerge('a', $.b, false)", "'a'", "must be a JSON object", "DG-INTR: JsonMerge merges two JSON objects"),
  R("intrinsic", "States.ArrayRange(1, 5000, 1)", "1, 5000, 1", "1,000", "DG-INTR: ArrayRange generates at most 1,000 elements"),
  R("intrinsic", "States.ArrayRange(1, 10, 0)", "0", "cannot be 0", "DG-INTR: ArrayRange step must not be 0", { nth: 2 }),
  R("intrinsic", "States.ArrayRange(1)", "States.ArrayRange", "takes 3 arguments", "DG-INTR: ArrayRange(start, end, step) (anchor false negative)"),
  R("intrinsic", "States.ArrayPartition($.a, 0)", "0", "positive integer", "DG-INTR: chunk size is a positive integer"),
  R("intrinsic", "States.ArrayPartition($.a, -3)", "-3", "positive integer", "DG-INTR: chunk size is a positive integer"),
  R("intrinsic", "States.JsonToString('x')", "'x'", "takes a path", "SPEC App. B: JsonToString argument MUST be a Path"),
  R("intrinsic", "States.Formatt($.a)", "States.Formatt", "Did you mean States.Format", "DG-INTR: the 18 intrinsic names"),
  R("intrinsic", "states.format($.a)", "states.format", "Did you mean States.Format", "SPEC App. B: names start with States. (case-sensitive)"),
  R("intrinsic", "States.format('x')", "States.format", "Did you mean States.Format", "DG-INTR: intrinsic names are case-sensitive"),
  R("intrinsic", "States.Foo()", "States.Foo", "Unknown intrinsic function", "DG-INTR: the 18 intrinsic names"),
  R("intrinsic", "Format('x')", "Format", 'start with "States."', "SPEC App. B: spec-defined names start with States."),
  R("intrinsic", "States.Format('it's {}', $.a)", [18, 19], "escape it as \\'", "DG-INTR: ' must be escaped inside strings"),
  R("intrinsic", "States.Format('a\\n')", "\\n", "Invalid escape", "DG-INTR: only \\' \\{ \\} \\\\ escapes"),
  R("intrinsic", "States.UUID(1)", "1", "takes no arguments", "DG-INTR: UUID takes no arguments"),
  R("intrinsic", "States.UUID())", ")", 'Unbalanced ")"', "SPEC App. B: intrinsic call syntax", { nth: 2 }),
  R("intrinsic", "States.UUID(", "(", 'Unclosed "("', "SPEC App. B: intrinsic call syntax"),
  R("intrinsic", "States.Array(1,,2)", ",", "Missing argument", "SPEC App. B: comma-separated arguments", { nth: 2 }),
  R("intrinsic", "States.Array(1,)", ",", "trailing comma", "SPEC App. B: comma-separated arguments"),
  R("intrinsic", 'States.Array("x")', '"x"', "single quotes", "SPEC App. B: string literals are single-quoted"),
  R("intrinsic", "States.Array(foo)", "foo", "single quotes", "SPEC App. B: arguments are literals, paths or calls"),
  R("intrinsic", "States.Array(True)", "True", "lower-case", "DG-INTR: boolean literals true/false"),
  R("intrinsic", "States.Array($.a b)", "b", "bracket notation", "DG-INTR: names with spaces need bracket notation"),
  R("intrinsic", "States.Array($.)", ".", "cannot end with", "SPEC §Paths: argument paths must be valid", { nth: 2 }),
  R("intrinsic", "States.Array($.a[?(@.x = 1)])", "=", '"=="', "SPEC §Paths: argument paths must be valid"),
  R("intrinsic", "States.Array($['a)", "'a)", "Unterminated quoted field name", "DG-INTR: bracket-notation paths in arguments"),
  R("intrinsic", "States.StringToJson(States.Array())", "States.Array()", "must be a string", "SPEC App. B: StringToJson takes a string"),
  R("intrinsic", "States.Format($.t, States.Array(1))", "States.Array(1)", "values must be strings", "SPEC App. B: Format values are not arrays/objects"),
  R("intrinsic", "States.Array(.5)", ".", "digit before", "SPEC App. B: numeric literals", { nth: 2 }),
  R("intrinsic", "States.Array(12abc)", "12abc", "not a number", "SPEC App. B: numeric literals"),
  R("intrinsic", " States.UUID()", " ", "whitespace before", "DG-INTR: the value is the intrinsic call"),
  R("intrinsic", "States.UUID", "States.UUID", 'Expected "("', "SPEC App. B: arguments in parentheses"),
  R("intrinsic", "States.MathAdd('1', 2)", "'1'", "must be a number", "DG-INTR: MathAdd takes integers"),
  R("intrinsic", "States.ArrayLength('abc')", "'abc'", "must be an array", "DG-INTR: ArrayLength takes an array"),
  R("intrinsic", `States.Base64Encode('${long}')`, `'${long}'`, "10,000", "DG-INTR: Base64Encode input ≤ 10,000 characters"),
  R("intrinsic", `States.Base64Decode('${long}')`, `'${long}'`, "10,000", "DG-INTR: Base64Decode input ≤ 10,000 characters"),
  R("intrinsic", `States.Hash('${long}', 'MD5')`, `'${long}'`, "10,000", "DG-INTR: Hash input ≤ 10,000 characters"),
  R("intrinsic", nest(11), "States.Array", "at most 10 levels", "DG-INTR: up to 10 nested intrinsic functions", { nth: 11 }),
  R("intrinsic", "States.Array($$.Execution.Idd)", "Idd", 'Did you mean "Execution.Id"', "DG-CTX: Execution fields", { where: "contextErrors" }),
  R("intrinsic", "States.Format()", "States.Format", "at least 1 argument", "SPEC App. B: Format needs a template"),
  R("intrinsic", "States.StringSplit($.s)", "States.StringSplit", "takes 2 arguments", "DG-INTR: StringSplit(string, delimiters)"),
  R("intrinsic", "States.MathRandom(1)", "States.MathRandom", "at least 2 arguments", "DG-INTR: MathRandom(start, end[, seed])"),
  R("intrinsic", "States.MathRandom(1, 2, 3, 4)", "4", "at most 3 arguments", "DG-INTR: MathRandom(start, end[, seed])"),
  R("intrinsic", "States.Array(1) x", "x", "after the closing", "SPEC App. B: the whole value is one call"),
  R("intrinsic", "States.ArrayContains($.a)", "States.ArrayContains", "takes 2 arguments", "DG-INTR: ArrayContains(array, value)"),
  R("intrinsic", "States.ArrayGetItem($.a, 'x')", "'x'", "must be a number", "DG-INTR: ArrayGetItem index is a number"),
  R("intrinsic", "States.Base64Encode(1)", "1", "must be a string", "DG-INTR: Base64Encode takes a string"),
  R("intrinsic", "States.StringSplit($.s, 1)", "1", "must be a string", "DG-INTR: StringSplit delimiters are a string"),
  R("intrinsic", "States.ArrayUnique(null)", "null", "must be an array", "DG-INTR: ArrayUnique takes an array"),
  R("intrinsic", "States.MathAdd(States.UUID(), 1)", "States.UUID()", "must be a number", "DG-INTR: MathAdd takes integers"),
  R("intrinsic", "States.JsonToString(States.StringToJson($.s))", "States.StringToJson($.s)", "takes a path", "SPEC App. B: JsonToString argument MUST be a Path"),
  R("intrinsic", "States.Array(+1)", "+", "plus sign", "SPEC App. B: numeric literals"),
  R("intrinsic", "States.Array('abc)", "'abc)", "Unterminated string", "SPEC App. B: string literals are single-quoted"),
  R("intrinsic", "States.Format('{}' $.a)", "$", 'Expected "," or ")"', "SPEC App. B: comma-separated arguments"),
];

function run(row: Row): { ok: boolean; errors: ExprError[]; contextErrors: ExprError[]; warnings: ExprError[] } {
  switch (row.kind) {
    case "path":
      return parsePath(row.input);
    case "ref":
      return parsePath(row.input, { reference: true });
    case "result":
      return parsePath(row.input, { reference: true, field: "ResultPath" });
    case "intrinsic":
    case "errpath": {
      const r = parseIntrinsic(row.input);
      const opts = row.kind === "errpath" ? { allowed: STRING_INTRINSICS, field: "ErrorPath" } : {};
      const checked = r.ok && r.call ? checkIntrinsic(r.call, opts) : [];
      const errors = [...r.errors, ...checked];
      return { ok: errors.length === 0, errors, contextErrors: r.contextErrors, warnings: r.warnings };
    }
  }
}

function expectedRange(row: Row): [number, number] {
  if (row.range) return row.range;
  const at = row.at!;
  let idx = -1;
  for (let k = 0; k < (row.nth ?? 1); k++) {
    idx = row.input.indexOf(at, idx + 1);
    if (idx < 0) throw new Error(`test table: ${JSON.stringify(at)} (#${row.nth ?? 1}) not found in ${JSON.stringify(row.input)}`);
  }
  return [idx, idx + at.length];
}

const short = (s: string) => (s.length > 70 ? s.slice(0, 67) + "..." : s);

describe("path and intrinsic parsers (table)", () => {
  it("has at least 150 rows, each with a cite", () => {
    expect(ROWS.length).toBeGreaterThanOrEqual(150);
    for (const r of ROWS) expect(r.cite.length).toBeGreaterThan(5);
  });

  for (const row of ROWS) {
    const title = `${row.kind} ${row.ok ? "accepts" : "rejects"} ${JSON.stringify(short(row.input))} [${row.cite}]`;
    it(title, () => {
      const res = run(row);
      if (row.ok) {
        expect(res.errors).toEqual([]);
        expect(res.contextErrors).toEqual([]);
        expect(res.ok).toBe(true);
        return;
      }
      const where = row.where ?? "errors";
      const list = res[where];
      expect(list.length, `expected ${where} for ${row.input}`).toBeGreaterThan(0);
      if (where !== "errors") expect(res.errors).toEqual([]);
      else expect(res.ok).toBe(false);
      const [s, e] = expectedRange(row);
      const first = list[0];
      expect([first.start, first.end], first.message).toEqual([s, e]);
      expect(first.message).toContain(row.msg);
    });
  }
});
