// Compiles schemas/asl.schema.json ahead of time into src/generated/schema.js: ajv standalone
// validation code (ESM), one exported validator per dispatch key ("Task.JSONPath", "root",
// "choiceRule.JSONata", ...). The runtime imports only this generated code, never ajv.
import Ajv from "ajv";
import standaloneCode from "ajv/dist/standalone/index.js";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** ajv runtime helpers the standalone code may `require`; inlined so the output is plain ESM. */
const RUNTIME = {
  "ajv/dist/runtime/ucs2length": `function ucs2length(str) {
  const len = str.length;
  let length = 0;
  let pos = 0;
  let value;
  while (pos < len) {
    length++;
    value = str.charCodeAt(pos++);
    if (value >= 0xd800 && value <= 0xdbff && pos < len) {
      value = str.charCodeAt(pos);
      if ((value & 0xfc00) === 0xdc00) pos++;
    }
  }
  return length;
}`,
};

/**
 * Boolean validators over aslint's parsed nodes, one per dispatch key: true exactly when the
 * ajv validator of the same key would accept the node's plain value (`toValue`). They allocate
 * nothing, so the schema check builds a value for ajv only for the rare object that fails.
 * Only the keywords the schema uses are supported, with ajv's semantics; any other keyword
 * stops the build.
 */
const ANNOTATIONS = new Set(["title", "description", "x-name", "$comment", "$id", "$schema", "definitions", "default", "examples"]);

function nodeValidatorCode(schema, keys) {
  const defs = schema.definitions;
  /** Function bodies, deduplicated: body -> name. */
  const bodies = new Map();
  const out = [];
  const patterns = new Map();
  /** Definition name -> function name, or null when it accepts everything. */
  const defFns = new Map();
  const named = (body) => {
    let fn = bodies.get(body);
    if (!fn) {
      fn = `n${bodies.size}`;
      bodies.set(body, fn);
      out.push(`function ${fn}(n) { ${body} }`);
    }
    return fn;
  };
  const defFn = (name) => {
    if (!defFns.has(name)) {
      if (!defs[name]) throw new Error(`build-schema: unknown definition ${name}`);
      defFns.set(name, undefined); // no recursion through $ref in this schema: say so if that changes
      const body = bodyOf(defs[name]);
      defFns.set(name, body === null ? null : named(body));
    }
    const fn = defFns.get(name);
    if (fn === undefined) throw new Error(`build-schema: recursive $ref to ${name}`);
    return fn;
  };
  /** The function checking a subschema, or null when it accepts every value. */
  const sub = (s) => {
    if (s.$ref) {
      const m = /^#\/definitions\/(.+)$/.exec(s.$ref);
      if (!m || Object.keys(s).some((k) => k !== "$ref" && !ANNOTATIONS.has(k))) throw new Error(`build-schema: unsupported $ref ${JSON.stringify(s)}`);
      return defFn(m[1]);
    }
    const body = bodyOf(s);
    return body === null ? null : named(body);
  };
  const lit = (v) => {
    if (v !== null && typeof v === "object") throw new Error(`build-schema: non-primitive enum/const ${JSON.stringify(v)}`);
    return JSON.stringify(v);
  };
  const TYPE = {
    object: 'n.type === "object"',
    array: 'n.type === "array"',
    string: 'typeof x === "string"',
    boolean: 'typeof x === "boolean"',
    null: "x === null",
    number: 'typeof x === "number" && isFinite(x)',
    integer: 'typeof x === "number" && Number.isInteger(x)',
  };
  const SUPPORTED = ["type", "enum", "const", "pattern", "minLength", "maxLength", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minItems", "maxItems", "items", "properties", "required", "additionalProperties"];
  /** The body of a function `(n) => boolean` for the schema, or null when it accepts every value. */
  function bodyOf(s) {
    const lines = [];
    for (const k of Object.keys(s)) {
      if (ANNOTATIONS.has(k)) continue;
      if (!SUPPORTED.includes(k)) throw new Error(`build-schema: the node validators do not support the keyword ${k}`);
    }
    if (s.$ref) {
      const fn = sub(s);
      return fn === null ? null : `return ${fn}(n);`;
    }
    if (s.type !== undefined) {
      const types = Array.isArray(s.type) ? s.type : [s.type];
      lines.push(`if (!(${types.map((t) => `(${TYPE[t] ?? (() => { throw new Error(`build-schema: type ${t}`); })()})`).join(" || ")})) return false;`);
    }
    if (s.enum !== undefined) lines.push(`if (!(${s.enum.map((v) => `x === ${lit(v)}`).join(" || ")})) return false;`);
    if (s.const !== undefined) lines.push(`if (x !== ${lit(s.const)}) return false;`);
    if (s.pattern !== undefined) {
      let p = patterns.get(s.pattern);
      if (!p) patterns.set(s.pattern, (p = `np${patterns.size}`));
      lines.push(`if (typeof x === "string" && !${p}.test(x)) return false;`);
    }
    if (s.minLength !== undefined) lines.push(`if (typeof x === "string" && ucs2length(x) < ${s.minLength}) return false;`);
    if (s.maxLength !== undefined) lines.push(`if (typeof x === "string" && ucs2length(x) > ${s.maxLength}) return false;`);
    const num = [];
    if (s.minimum !== undefined) num.push(`x < ${s.minimum}`);
    if (s.maximum !== undefined) num.push(`x > ${s.maximum}`);
    if (s.exclusiveMinimum !== undefined) num.push(`x <= ${s.exclusiveMinimum}`);
    if (s.exclusiveMaximum !== undefined) num.push(`x >= ${s.exclusiveMaximum}`);
    if (num.length) lines.push(`if (typeof x === "number" && isFinite(x) && (${num.join(" || ")})) return false;`);
    if (s.minItems !== undefined) lines.push(`if (n.type === "array" && n.items.length < ${s.minItems}) return false;`);
    if (s.maxItems !== undefined) lines.push(`if (n.type === "array" && n.items.length > ${s.maxItems}) return false;`);
    if (s.items !== undefined) {
      if (Array.isArray(s.items) || typeof s.items !== "object") throw new Error("build-schema: only a single `items` schema is supported");
      const fn = sub(s.items);
      if (fn !== null) lines.push(`if (n.type === "array") for (const i of n.items) if (!${fn}(i)) return false;`);
    }
    if (s.properties !== undefined || s.required !== undefined || s.additionalProperties !== undefined) {
      const ap = s.additionalProperties;
      if (ap !== undefined && typeof ap !== "boolean") throw new Error("build-schema: only a boolean additionalProperties is supported");
      const props = s.properties ?? {};
      const required = s.required ?? [];
      const body = [];
      required.forEach((r, i) => body.push(`let r${i} = false;`));
      // members that need no check and are not required share one case
      const free = [];
      const cases = [];
      for (const [key, ps] of Object.entries(props)) {
        const ri = required.indexOf(key);
        const fn = sub(ps);
        if (fn === null && ri < 0) free.push(key);
        else cases.push(`case ${JSON.stringify(key)}: ${fn === null ? "" : `if (!${fn}(c)) return false; `}${ri >= 0 ? `r${ri} = true; ` : ""}break;`);
      }
      for (const r of required) if (!(r in props)) cases.push(`case ${JSON.stringify(r)}: r${required.indexOf(r)} = true; break;`);
      if (free.length) cases.push(`${free.map((k) => `case ${JSON.stringify(k)}:`).join(" ")} break;`);
      // the members are the value nodes, each with its key
      body.push("for (const c of n.properties) {");
      // a scalar without a value: ajv would see `undefined` (a missing member); let ajv decide
      body.push('if (c.value === undefined && c.type !== "object" && c.type !== "array") return false;');
      body.push(`switch (c.key) { ${cases.join(" ")} default: ${ap === false ? "return false;" : "break;"} }`);
      body.push("}");
      if (required.length) body.push(`if (!(${required.map((_, i) => `r${i}`).join(" && ")})) return false;`);
      lines.push(`if (n.type === "object") { ${body.join(" ")} }`);
    }
    if (lines.length === 0) return null;
    const code = lines.join(" ");
    // the scalar value, as toValue gives it (undefined for objects and arrays)
    const x = /\bx\b/.test(code) ? 'const x = n.type === "object" || n.type === "array" ? undefined : n.value; ' : "";
    return `${x}${code} return true;`;
  }
  // src/model/schema.ts hands ajv these members cut short ({} for an object): the node validators
  // see them whole, which is the same only while their schemas look no deeper than the type
  const shallow = (s, where) => {
    if (!s || Object.keys(s).some((k) => !ANNOTATIONS.has(k) && k !== "type") || s.type !== "object") throw new Error(`build-schema: ${where} must be a plain {"type": "object"} (src/model/schema.ts cuts it short)`);
  };
  for (const k of ["root", "branch", "processor"]) shallow(defs[k].properties.States, `${k}.States`);
  for (const l of ["JSONPath", "JSONata"]) {
    shallow(defs[`Parallel.${l}`].properties.Branches.items, `Parallel.${l}.Branches items`);
    for (const f of ["ItemProcessor", "Iterator"]) if (defs[`Map.${l}`].properties[f]) shallow(defs[`Map.${l}`].properties[f], `Map.${l}.${f}`);
  }
  const boolean = defs["choiceRule.JSONPath.boolean"].properties;
  shallow(boolean.And.items, "And items");
  shallow(boolean.Or.items, "Or items");
  shallow(boolean.Not, "Not");
  // ajv reads members as `data[key]`: a key inherited from Object.prototype would read the prototype
  const walkProps = (s) => {
    if (!s || typeof s !== "object") return;
    for (const [k, v] of Object.entries(s)) {
      if (k === "properties" && v && typeof v === "object" && !Array.isArray(v)) for (const key of Object.keys(v)) if (key in Object.prototype) throw new Error(`build-schema: property name ${key}`);
      walkProps(v);
    }
  };
  walkProps(defs);
  const table = keys.map((k) => `  ${JSON.stringify(k)}: ${defFn(k) ?? "() => true"},`).join("\n");
  const regexes = [...patterns].map(([src, name]) => `const ${name} = new RegExp(${JSON.stringify(src)}, "u");`).join("\n");
  const ucs2 = `const ucs2length = ${RUNTIME["ajv/dist/runtime/ucs2length"].replace(/^function ucs2length/, "function")};`;
  return `${regexes}\n${ucs2}\n${out.join("\n")}\n\n/** Node validators by dispatch key: true when the ajv validator would accept the node's value. */\nexport const nodeValidators = ${nullPrototype(`{\n${table}\n}`)};\n`;
}

/**
 * An object literal's code made into an object without a prototype: the tables are looked up
 * by keys built from the definition's text, and a key such as "constructor" must find nothing.
 */
function nullPrototype(literal) {
  return `Object.assign(Object.create(null), ${literal})`;
}

export async function buildSchemas({ out = join(root, "src", "generated") } = {}) {
  const schema = JSON.parse(readFileSync(join(root, "schemas", "asl.schema.json"), "utf8"));
  const ajv = new Ajv({
    allErrors: true,
    // errors carry the failing schema and its parent: the titles and descriptions make the messages
    verbose: true,
    strict: true,
    allowUnionTypes: true,
    code: { source: true, esm: true, lines: false },
  });
  // "x-name": the definition's own name, an annotation read back from errors' parentSchema
  ajv.addVocabulary(["x-name"]);
  ajv.addSchema(schema);

  const defs = schema.definitions;
  // the dispatch keys: state schemas, the Type check, Choice rules and the scope objects
  const keys = Object.keys(defs).filter((name) => /^([A-Z][a-z]+\.(JSONPath|JSONata)|stateHead|choiceRule\..+|root|branch|processor)$/.test(name));
  // allowed keys of every named object schema (for "use X instead" and "Did you mean" hints)
  const fields = Object.fromEntries(
    Object.entries(defs)
      .filter(([, d]) => d["x-name"] && d.properties)
      .map(([name, d]) => [name, Object.keys(d.properties)]),
  );
  const ident = (name) => "v_" + name.replace(/[^A-Za-z0-9_]/g, "_");
  const exportsMap = Object.fromEntries(keys.map((k) => [ident(k), `${schema.$id}#/definitions/${k}`]));
  let code = standaloneCode(ajv, exportsMap);

  // turn the runtime requires into inlined functions
  code = code.replace(/require\("([^"]+)"\)(\.default)?/g, (_, mod) => {
    const src = RUNTIME[mod];
    if (!src) throw new Error(`build-schema: the standalone code needs ${mod}; inline it in RUNTIME`);
    return `(${src})`;
  });
  if (/\brequire\(/.test(code)) throw new Error("build-schema: a require() is left in the generated code");

  const table = keys.map((k) => `  ${JSON.stringify(k)}: ${ident(k)},`).join("\n");
  const header = "// Generated by scripts/build-schema.mjs from schemas/asl.schema.json. Do not edit.\n";
  const js = `${header}${code.replace(/^"use strict";/, "")}\n\n/** Validators by dispatch key. */\nexport const validators = ${nullPrototype(`{\n${table}\n}`)};\n\n/** Allowed keys of every named object schema. */\nexport const fields = ${nullPrototype(JSON.stringify(fields))};\n\n${nodeValidatorCode(schema, keys)}`;
  const dts = `${header}
export interface SchemaError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, any>;
  message?: string;
  /** verbose: the keyword's value, the schema holding it, and the data that failed */
  schema?: unknown;
  parentSchema?: SchemaNode;
  data?: unknown;
}

export interface SchemaNode {
  title?: string;
  description?: string;
  "x-name"?: string;
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  required?: string[];
  enum?: unknown[];
  [keyword: string]: unknown;
}

export interface Validator {
  (data: unknown): boolean;
  errors?: SchemaError[] | null;
  schema?: SchemaNode;
}

/** Null prototype, as nodeValidators and fields: a key such as "constructor" finds nothing. */
export declare const validators: Record<string, Validator>;

/** The shape of a parsed node the node validators read (src/parse/tree.ts Node). */
export interface ValidatedNode {
  type: string;
  value?: unknown;
  /** Object members: the value nodes, each with its key. */
  properties?: (ValidatedNode & { key: string })[];
  items?: ValidatedNode[];
}

/** Per dispatch key: true exactly when the ajv validator would accept the node's plain value. */
export declare const nodeValidators: Record<string, (node: ValidatedNode) => boolean>;

/** Allowed keys of every named object schema, by definition name ("Task.JSONata", "retrier", ...). */
export declare const fields: Record<string, string[]>;
`;
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, "schema.js"), js);
  writeFileSync(join(out, "schema.d.ts"), dts);
  return { validators: keys.length };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { validators } = await buildSchemas();
  console.log(`schema: ${validators} validators`);
}
