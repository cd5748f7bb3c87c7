/**
 * The node validators (src/generated/schema.js `nodeValidators`) must agree exactly with the
 * ajv validators run on the node's plain value: the schema check skips ajv when a node
 * validator says an object is valid. Checked on every object of the fixtures and the corpus,
 * against every dispatch key, and on generated variants of them (wrong types, edge numbers,
 * missing and unknown members, placeholders).
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { nodeValidators, validators } from "../src/generated/schema.js";
import { parseDocumentText, toValue, walk, type Node } from "../src/parse/index.js";
import { filesUnder } from "./files.js";
import { CORPUS } from "./shared.js";

const ROOT = join(__dirname, "..");
const KEYS = Object.keys(validators);


/** Every object node of a text (JSON or YAML by name). */
function objectsOf(text: string, filename: string): Node[] {
  const root = parseDocumentText(text, filename).root;
  const out: Node[] = [];
  if (root) walk(root, (n) => void (n.type === "object" && out.push(n)));
  return out;
}

/** A repeated key in an object at or below the node (the node validator then checks every copy, ajv the last). */
function hasDuplicates(node: Node): boolean {
  let found = false;
  walk(node, (n) => {
    if (found) return false;
    if (n.properties && new Set(n.properties.map((p) => p.key)).size !== n.properties.length) found = true;
  });
  return found;
}

/**
 * Keys whose verdicts differ, with the value: empty when they agree everywhere. With a repeated
 * key the node validator may reject what ajv accepts (ajv then decides); it never accepts what
 * ajv rejects.
 */
function disagreements(node: Node): string[] {
  const value = toValue(node);
  const duplicates = hasDuplicates(node);
  const out: string[] = [];
  for (const key of KEYS) {
    const fast = nodeValidators[key](node);
    const ajv = validators[key](value);
    if (fast !== ajv && !(duplicates && !fast)) out.push(`${key}: node ${fast}, ajv ${ajv}: ${JSON.stringify(value).slice(0, 300)}`);
  }
  return out;
}

const REPLACEMENTS: unknown[] = [
  "",
  "x",
  "$.a",
  "{% $states.input %}",
  "${Placeholder}",
  "FULL",
  "JSONata",
  "JSONPath",
  "1.0",
  "2016-03-14T01:59:00Z",
  0,
  -0,
  1,
  -1,
  1.5,
  2,
  99999999,
  100000000,
  31622401,
  1e300,
  true,
  false,
  null,
  [],
  [1],
  ["States.ALL"],
  [{}],
  {},
  { a: 1 },
  { StartAt: "A", States: {} },
];

/** Variants of an object's JSON text: each member's value replaced, each member removed, a member added. */
function variants(value: Record<string, unknown>): string[] {
  const out: string[] = [];
  const keys = Object.keys(value);
  for (const k of keys) {
    for (const r of REPLACEMENTS) out.push(JSON.stringify({ ...value, [k]: r }));
    const rest = { ...value };
    delete rest[k];
    out.push(JSON.stringify(rest));
  }
  out.push(JSON.stringify({ ...value, Unknown: 1 }));
  out.push(JSON.stringify({ ...value, "x.$": "$.a" }));
  // duplicate key: JSON.parse keeps the last one
  if (keys.length) out.push(JSON.stringify(value).replace(/^\{/, `{${JSON.stringify(keys[0])}: 5, `));
  return out;
}

describe("node validators", () => {
  const sources = [...filesUnder(join(ROOT, "fixtures"), /\.(json|ya?ml|asl)$/i), ...filesUnder(CORPUS, /\.(json|ya?ml|asl)$/i)];

  it("agree with ajv on every object of the fixtures and the corpus", () => {
    const bad: string[] = [];
    let count = 0;
    for (const file of sources) {
      let text: string;
      try {
        text = readFileSync(file, "utf8");
      } catch {
        continue;
      }
      for (const node of objectsOf(text, file)) {
        count++;
        bad.push(...disagreements(node));
      }
    }
    expect(count).toBeGreaterThan(1000);
    expect(bad.slice(0, 20)).toEqual([]);
  });

  it("agree with ajv on variants of the fixtures' states and rules", () => {
    const bad: string[] = [];
    const seen = new Set<string>();
    let count = 0;
    for (const file of filesUnder(join(ROOT, "fixtures"), /\.(json|ya?ml|asl)$/i).filter((f) => f.endsWith(".json"))) {
      for (const node of objectsOf(readFileSync(file, "utf8"), file)) {
        // states, Choice rules, retriers, catchers, scopes, ItemReader...: objects with a few members
        const value = toValue(node) as Record<string, unknown>;
        const keys = Object.keys(value);
        if (keys.length === 0 || keys.length > 12) continue;
        const shape = keys.sort().join(",");
        if (seen.has(shape)) continue;
        seen.add(shape);
        for (const text of variants(value)) {
          const root = parseDocumentText(text, "v.json").root!;
          count++;
          bad.push(...disagreements(root));
        }
      }
    }
    expect(count).toBeGreaterThan(1000);
    expect(bad.slice(0, 20)).toEqual([]);
  });

  it("agree with ajv on YAML scalars", () => {
    const yaml = ["Type: Task\nResource: x\nTimeoutSeconds: .inf\nEnd: true", "Type: Wait\nSeconds: 0x10\nEnd: true", "Type: Pass\nEnd: yes", "Type: Pass\nEnd: ~", "Type: Wait\nSeconds: 1e3\nNext: A"];
    const bad: string[] = [];
    for (const text of yaml) {
      const root = parseDocumentText(text, "v.yaml").root!;
      bad.push(...disagreements(root));
    }
    expect(bad).toEqual([]);
  });
});
