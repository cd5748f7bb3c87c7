/**
 * Lookups keyed by the text of a definition never reach Object.prototype: a key or value
 * named "constructor", "toString" or "__proto__" is a name like any other.
 *
 * - Statically: every `object[key]` and `key in object` in src/ and server/ whose key is a
 *   `string` (not a closed union of literals) and whose object is not an array reads a Map
 *   instead, or an object made with a null prototype, or is listed below with the reason its
 *   key cannot come from the user.
 * - At run time: every name of Object.prototype, put in the place of each key and string value
 *   of the examples, lints without an internal error and gives the same findings (by rule and
 *   severity) as an ordinary name in its place.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { lint } from "../../src/lint.js";
import { fields, nodeValidators, validators } from "../../src/generated/schema.js";
import type { Diagnostic } from "../../src/diagnostic.js";

const root = join(__dirname, "..", "..");

/**
 * Accesses with a string key on a plain object that are safe, by file and source text: the key
 * is never user text (or only an own member can match). Every entry must still match a site.
 */
const ALLOWED: readonly { file: string; code: string; why: string }[] = [
  { file: "src/parse/tree.ts", code: "out[p.key]", why: "a write; the key __proto__ takes the defineProperty branch above it" },
  { file: "src/expr/memo.ts", code: "(v as Record<string, unknown>)[k]", why: "k comes from for-in over v's own enumerable members" },
  { file: "src/lint.ts", code: "settings[id]", why: "a rule id (not user text), read only after Object.hasOwn" },
  { file: "src/requests/request.ts", code: "this.settings[meta.id]", why: "a request rule's id (not user text)" },
  { file: "server/runner.ts", code: "rules[meta.id]", why: "a rule id (not user text), read only after Object.hasOwn" },
  { file: "src/aws/states.ts", code: "STATE_PATH_TWINS[type]", why: "read only after Object.hasOwn" },
  { file: "src/eval/json.ts", code: "obj[key]", why: "member() reads only after hasOwnProperty; setMember() writes, __proto__ through defineProperty" },
  { file: "src/eval/json.ts", code: "(a as JsonObject)[k]", why: "k is one of a's own keys (Object.keys)" },
  { file: "src/eval/json.ts", code: "(b as JsonObject)[k]", why: "read only after hasOwnProperty(b, k)" },
  { file: "src/eval/digest.ts", code: "NODE_NAMES[algorithm]", why: "read only after hasOwnProperty" },
  { file: "src/emulate/mock-schema.ts", code: "shapes[name]", why: "read only after hasOwnProperty (shape names of the AWS API model)" },
  { file: "src/emulate/mock-schema.ts", code: "operations[operation]", why: "read only after Object.hasOwn" },
  { file: "src/emulate/test-state.ts", code: "out[k]", why: "a write of the keys of aslint's own inspection data" },
  { file: "src/sources/references.ts", code: "returns.attributes[ref.attribute]", why: "read only after Object.hasOwn" },
  { file: "src/cli/execute.ts", code: "values[k]", why: "k is one of three option names of aslint's own" },
  { file: "src/requests/request.ts", code: "model.shapes[shapeName]", why: "shape names come from the AWS API model" },
  { file: "src/requests/request.ts", code: "PY_TYPES[wantType]", why: "wantType is a shape type of the AWS API model" },
  { file: "src/requests/request.ts", code: "members[p.key]", why: "read only after Object.hasOwn(members, p.key)" },
  { file: "src/cli/run.ts", code: "out[m[1]]", why: "a write, of a --rule id that matched [a-z0-9-]+ and that a rule list has" },
  { file: "server/settings.ts", code: "out.rules[id]", why: "a write, only for ids rulesById knows" },
  { file: "server/schema.ts", code: "definitions[name]", why: "definition names of aslint's own JSON Schema" },
  { file: "server/schema.ts", code: "definitions[defName]", why: "definition names of aslint's own JSON Schema" },
  { file: "server/schema.ts", code: "definitions[target]", why: "definition names of aslint's own JSON Schema" },
  { file: "server/features/completion.ts", code: "members[f.name]", why: "field names of aslint's own JSON Schema" },
  { file: "server/features/completion.ts", code: "body[f.name]", why: "field names of aslint's own JSON Schema" },
];

/** Declarations whose value has no prototype: src/generated/schema.js makes its tables so (checked below). */
const NULL_PROTOTYPE_MODULES = [/src\/generated\/schema\.d\.ts$/];

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(root, dir))) {
    const rel = `${dir}/${name}`;
    if (statSync(join(root, rel)).isDirectory()) {
      if (rel !== "src/generated") out.push(...sourceFiles(rel));
    } else if (name.endsWith(".ts") && !name.endsWith(".d.ts")) out.push(join(root, rel));
  }
  return out;
}

function isNullPrototypeInit(init: ts.Expression | undefined): boolean {
  if (!init) return false;
  const text = init.getText().replace(/\s+/g, "");
  return text.startsWith("Object.create(null)") || text.startsWith("Object.assign(Object.create(null),");
}

/** `object[key]` and `key in object` sites whose key is any string and whose object is a plain one. */
function plainObjectLookups(): { file: string; line: number; code: string }[] {
  const config = ts.readConfigFile(join(root, "tsconfig.json"), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  const files = [...sourceFiles("src"), ...sourceFiles("server")];
  const program = ts.createProgram(files, { ...parsed.options, noEmit: true });
  const checker = program.getTypeChecker();
  const anyString = (t: ts.Type): boolean =>
    t.isUnion() ? t.types.some(anyString) : (t.flags & (ts.TypeFlags.String | ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.TemplateLiteral | ts.TypeFlags.StringMapping)) !== 0;
  const arrayLike = (t: ts.Type): boolean =>
    checker.isArrayLikeType(t) || (t.flags & ts.TypeFlags.StringLike) !== 0 || /^(Readonly)?(Int|Uint|Float)\d+(Clamped)?Array\b/.test(checker.typeToString(t));
  const safeObject = (e: ts.Expression): boolean => {
    const symbol = checker.getSymbolAtLocation(ts.isParenthesizedExpression(e) ? e.expression : e);
    const target = symbol && symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    for (const d of target?.declarations ?? []) {
      if (NULL_PROTOTYPE_MODULES.some((m) => m.test(d.getSourceFile().fileName))) return true;
      if (ts.isVariableDeclaration(d) && isNullPrototypeInit(d.initializer)) return true;
    }
    return false;
  };
  const found: { file: string; line: number; code: string }[] = [];
  for (const f of files) {
    const sf = program.getSourceFile(f)!;
    const visit = (node: ts.Node): void => {
      let object: ts.Expression | undefined;
      let key: ts.Expression | undefined;
      if (ts.isElementAccessExpression(node)) [object, key] = [node.expression, node.argumentExpression];
      else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.InKeyword) [object, key] = [node.right, node.left];
      if (object && key && anyString(checker.getTypeAtLocation(key)) && !arrayLike(checker.getTypeAtLocation(object)) && !safeObject(object)) {
        const code = ts.isElementAccessExpression(node) ? node.getText() : `${key.getText()} in ${object.getText()}`;
        found.push({ file: relative(root, f).split("\\").join("/"), line: sf.getLineAndCharacterOfPosition(node.getStart()).line + 1, code });
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return found;
}

describe("prototype safety", () => {
  it("no lookup keyed by a string reads a plain object, except the listed ones", () => {
    const sites = plainObjectLookups();
    const unexplained = sites.filter((s) => !ALLOWED.some((a) => a.file === s.file && a.code === s.code));
    expect(unexplained.map((s) => `${s.file}:${s.line}: ${s.code}`), "use a Map or an object made with Object.create(null)").toEqual([]);
    const stale = ALLOWED.filter((a) => !sites.some((s) => s.file === a.file && s.code === a.code));
    expect(stale, "entries of ALLOWED that match no site any more").toEqual([]);
  }, 120_000);

  it("the compiled schema's tables have no prototype", () => {
    for (const table of [validators, nodeValidators, fields]) {
      expect(Object.getPrototypeOf(table)).toBe(null);
      expect((table as Record<string, unknown>).constructor).toBeUndefined();
    }
  });

  // the members that are functions of every kind (constructor, method, accessor) and the setter-backed one
  const NAMES = ["constructor", "toString", "hasOwnProperty", "isPrototypeOf", "__defineGetter__", "__proto__"];
  const examples = readdirSync(join(root, "examples")).filter((f) => /\.asl\.(json|ya?ml)$/.test(f));
  const shape = (ds: Diagnostic[]) => ds.map((d) => `${d.severity} ${d.rule}`).sort();

  for (const file of examples) {
    it(`${file}: Object.prototype names as keys and values`, () => {
      const text = readFileSync(join(root, "examples", file), "utf8");
      const yaml = !file.endsWith(".json");
      // whole keys and strings, and the words inside them (ARN parts, service and function names)
      const tokens = [...new Set([...(text.match(yaml ? /[A-Za-z][\w.]*(?=:)|"(?:[^"\\]|\\.)*"/g : /"(?:[^"\\]|\\.)*"/g) ?? []), ...(text.match(/\b[a-z][a-z]{2,}\b/gi) ?? [])])];
      const failures: string[] = [];
      for (const token of tokens) {
        for (const name of NAMES) {
          const put = (n: string) => (token.startsWith('"') ? text.split(token).join(JSON.stringify(n)) : text.replace(new RegExp(`\\b${token}\\b`, "g"), n));
          const odd = lint(put(name), { filename: file });
          const plain = lint(put(`${name}q`), { filename: file });
          const bad = odd.diagnostics.filter((d) => d.rule === "internal-error" || /native code|\[object /.test(d.message));
          if (bad.length) failures.push(`${token} -> ${name}: ${bad[0].message}`);
          else if (shape(odd.diagnostics).join() !== shape(plain.diagnostics).join()) failures.push(`${token} -> ${name}: ${shape(odd.diagnostics).join()} vs ${shape(plain.diagnostics).join()}`);
        }
      }
      expect(failures.slice(0, 10)).toEqual([]);
    });
  }
});

describe("prototype names in templates", () => {
  const host = { readFile: () => undefined };
  const template = (type: string) =>
    [
      'AWSTemplateFormatVersion: "2010-09-09"',
      "Resources:",
      "  Thing:",
      `    Type: ${type}`,
      "  Machine:",
      "    Type: AWS::StepFunctions::StateMachine",
      "    Properties:",
      "      Definition:",
      "        StartAt: A",
      "        States:",
      "          A:",
      "            Type: Task",
      "            Resource: !GetAtt Thing.Arn",
      "            End: true",
      "",
    ].join("\n");

  for (const name of ["constructor", "toString", "__proto__", "hasOwnProperty"]) {
    it(`a resource of Type ${name} is no state machine, and a reference to it lints`, async () => {
      const { sourcesOf } = await import("../../src/sources/index.js");
      const { lintSource } = await import("../../src/lint-sources.js");
      const sources = sourcesOf("t.yaml", template(name), host);
      // the state machine alone, not the resource whose type is a prototype member's name
      expect(sources.map((s) => s.name)).toEqual(["Machine"]);
      const results = sources.flatMap((s) => lintSource(s));
      // the reference's type is unknown, as for any other unknown resource type
      const plain = sourcesOf("t.yaml", template(`${name}q`), host).flatMap((s) => lintSource(s));
      expect(results.map((r) => r.diagnostics.map((d) => d.rule))).toEqual(plain.map((r) => r.diagnostics.map((d) => d.rule)));
    });
  }
});
