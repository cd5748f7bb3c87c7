/**
 * The layout of docs/DESIGN.md, enforced: every file of src/ and server/ belongs to a layer, and
 * an import may only point to its own layer or one below it; a rule imports no other rule; no
 * two files import each other, directly or through others.
 */
import { readdirSync, readFileSync, statSync, existsSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(__dirname, "..");

/** Lowest first. A file belongs to the first layer with a matching prefix. */
export const LAYERS: readonly { name: string; paths: readonly string[] }[] = [
  { name: "aws", paths: ["src/aws/", "src/generated/"] },
  { name: "parse", paths: ["src/parse/"] },
  { name: "report", paths: ["src/diagnostic.ts", "src/report.ts", "src/version.ts"] },
  { name: "sources", paths: ["src/sources/"] },
  { name: "expr", paths: ["src/expr/"] },
  { name: "model", paths: ["src/model/"] },
  { name: "eval", paths: ["src/eval/"] },
  { name: "rules", paths: ["src/rules/"] },
  { name: "requests", paths: ["src/requests/"] },
  { name: "emulate", paths: ["src/emulate/"] },
  { name: "engine", paths: ["src/suppress.ts", "src/lint.ts", "src/lint-sources.ts", "src/config.ts", "src/glob.ts", "src/catalogue.ts", "src/index.ts"] },
  { name: "graph", paths: ["src/graph/"] },
  { name: "format", paths: ["src/format/"] },
  { name: "cli", paths: ["src/cli/"] },
  { name: "server", paths: ["server/"] },
];

/** Files of src/rules/ that every rule may import: the rule's own types. */
const RULE_KIT = new Set(["src/rules/types.ts"]);
/** Files of src/rules/ that are not rules: the list of rules, the rule types. */
const NOT_RULES = new Set(["src/rules/index.ts", "src/rules/types.ts"]);

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(root, dir))) {
    const rel = `${dir}/${name}`;
    if (statSync(join(root, rel)).isDirectory()) out.push(...sourceFiles(rel));
    else if (/\.(ts|js|cjs|mjs)$/.test(name) && !name.endsWith(".d.ts")) out.push(rel);
  }
  return out;
}

const SPECIFIER = /(?:^|[\s;])(?:import|export)\s[^;]*?\sfrom\s+["']([^"']+)["']|(?:^|[\s;(=])import\s+["']([^"']+)["']|\b(?:import|require)\(\s*["']([^"']+)["']\s*\)/g;

/** The relative imports of a source text, as written. */
export function importsOf(text: string): string[] {
  // comments may mention imports; strings other than specifiers cannot match the pattern
  const code = text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`])\/\/.*$/gm, "$1");
  const out: string[] = [];
  for (const m of code.matchAll(SPECIFIER)) {
    const spec = m[1] ?? m[2] ?? m[3];
    if (spec.startsWith(".")) out.push(spec);
  }
  return out;
}

/** The repository file a relative specifier names (`./x.js` is `./x.ts`), or undefined. */
function resolve(from: string, spec: string): string | undefined {
  const base = relative(root, join(root, dirname(from), spec)).split("\\").join("/");
  for (const c of [base, base.replace(/\.js$/, ".ts"), `${base}.ts`, `${base}/index.ts`]) {
    if (existsSync(join(root, c)) && statSync(join(root, c)).isFile()) return c;
  }
  return undefined;
}

export function layerOf(file: string): number {
  return LAYERS.findIndex((l) => l.paths.some((p) => (p.endsWith("/") ? file.startsWith(p) : file === p)));
}

export interface Graph {
  files: string[];
  edges: Map<string, string[]>;
}

export function importGraph(dirs: readonly string[] = ["src", "server"]): Graph {
  const files = dirs.flatMap(sourceFiles);
  const edges = new Map<string, string[]>();
  for (const f of files) {
    const targets: string[] = [];
    for (const spec of importsOf(readFileSync(join(root, f), "utf8"))) {
      const to = resolve(f, spec);
      if (to && (to.startsWith("src/") || to.startsWith("server/"))) targets.push(to);
    }
    edges.set(f, targets);
  }
  return { files, edges };
}

/** Every import that breaks the layer order or the rule-to-rule ban, as `from -> to (why)`. */
export function layerViolations(graph: Graph): string[] {
  const out: string[] = [];
  for (const [from, targets] of graph.edges) {
    const lf = layerOf(from);
    if (lf < 0) {
      out.push(`${from}: in no layer (add it to LAYERS and to docs/DESIGN.md)`);
      continue;
    }
    for (const to of targets) {
      const lt = layerOf(to);
      if (lt > lf) out.push(`${from} -> ${to} (${LAYERS[lf].name} imports ${LAYERS[lt].name}, a higher layer)`);
      if (from.startsWith("src/rules/") && to.startsWith("src/rules/") && !NOT_RULES.has(from) && !RULE_KIT.has(to)) {
        out.push(`${from} -> ${to} (a rule imports another rule: move what they share into src/model/)`);
      }
    }
  }
  return out;
}

/** Names of the performance machinery that rules leave to src/model/memo.ts (perState, perScope, perMachine). */
const MACHINERY = /\b(StateCache|MachineMap|Collector|WeakMap)\b/;

/** Every line of a rule file (comments aside) that names a cache slot, a collector or a WeakMap, as `file:line: text`. */
export function machineryUses(files: readonly { file: string; text: string }[]): string[] {
  const out: string[] = [];
  for (const { file, text } of files) {
    if (!file.startsWith("src/rules/")) continue;
    const code = text.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, " ")).replace(/(^|[^:"'`])\/\/.*$/gm, "$1");
    code.split("\n").forEach((line, i) => {
      if (MACHINERY.test(line)) out.push(`${file}:${i + 1}: ${line.trim()}`);
    });
  }
  return out;
}

/** The import cycles, each as the files around it. */
export function cycles(graph: Graph): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 1 | 2>();
  const stack: string[] = [];
  const visit = (f: string) => {
    state.set(f, 1);
    stack.push(f);
    for (const to of graph.edges.get(f) ?? []) {
      if (state.get(to) === 1) found.push(stack.slice(stack.indexOf(to)).concat(to));
      else if (!state.has(to)) visit(to);
    }
    stack.pop();
    state.set(f, 2);
  };
  for (const f of graph.files) if (!state.has(f)) visit(f);
  return found;
}

describe("architecture", () => {
  const graph = importGraph();

  it("reads the imports of every source file", () => {
    expect(graph.files.length).toBeGreaterThan(100);
    expect(graph.edges.get("src/lint.ts")).toContain("src/parse/index.ts");
  });

  it("imports run downhill and no rule imports another rule", () => {
    expect(layerViolations(graph)).toEqual([]);
  });

  it("has no import cycle", () => {
    expect(cycles(graph).map((c) => c.join(" -> "))).toEqual([]);
  });

  it("no rule names a cache slot, a collector or a WeakMap (rules use perState, perScope, perMachine)", () => {
    const rules = graph.files.filter((f) => f.startsWith("src/rules/")).map((file) => ({ file, text: readFileSync(join(root, file), "utf8") }));
    expect(rules.length).toBeGreaterThan(40);
    expect(machineryUses(rules)).toEqual([]);
  });

  it("the checks catch what they are for", () => {
    const bad: Graph = {
      files: ["src/parse/a.ts", "src/rules/x.ts", "src/rules/y.ts", "src/model/m.ts", "src/model/n.ts", "src/elsewhere.ts"],
      edges: new Map([
        ["src/parse/a.ts", ["src/model/m.ts"]],
        ["src/rules/x.ts", ["src/rules/y.ts", "src/rules/types.ts"]],
        ["src/rules/y.ts", []],
        ["src/model/m.ts", ["src/model/n.ts"]],
        ["src/model/n.ts", ["src/model/m.ts"]],
        ["src/elsewhere.ts", []],
      ]),
    };
    expect(layerViolations(bad)).toEqual([
      "src/parse/a.ts -> src/model/m.ts (parse imports model, a higher layer)",
      "src/rules/x.ts -> src/rules/y.ts (a rule imports another rule: move what they share into src/model/)",
      "src/elsewhere.ts: in no layer (add it to LAYERS and to docs/DESIGN.md)",
    ]);
    expect(cycles(bad)).toEqual([["src/model/m.ts", "src/model/n.ts", "src/model/m.ts"]]);
    expect(
      machineryUses([
        { file: "src/rules/x.ts", text: 'import { StateCache } from "../model/memo.js";\n// a Collector in a comment\nconst seen = new WeakMap<object, number>();' },
        { file: "src/model/m.ts", text: "const c = new Collector<number>();" },
      ]),
    ).toEqual(['src/rules/x.ts:1: import { StateCache } from "../model/memo.js";', "src/rules/x.ts:3: const seen = new WeakMap<object, number>();"]);
    expect(importsOf('import type { A } from "./a.js";\nexport { b } from "../b.js";\nconst c = require("./c.cjs");\n// import x from "./no.js"\nimport "./side.js";').sort()).toEqual([
      "../b.js",
      "./a.js",
      "./c.cjs",
      "./side.js",
    ]);
  });
});
