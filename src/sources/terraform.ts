/**
 * Terraform: the `aws_sfn_state_machine` resources of a .tf file, read with tree-sitter's HCL
 * grammar (web-tree-sitter and the grammar's wasm: positions for every token), and the ones of
 * the modules it calls from local folders. `definition` may be:
 *
 * - a heredoc or a quoted string (JSON with `${...}` interpolations, which Terraform fills in);
 * - `jsonencode({...})` of an HCL object: linted in place as a tree, every expression that is
 *   not a literal a placeholder;
 * - `file("...")`: that file as it is;
 * - `templatefile("...", {vars})`, or `data "template_file"` ... `.rendered`: that file, its
 *   `${...}` placeholders filled by the vars (`$${` is a literal `${`);
 * - `var.x` / `local.x` naming one of these.
 *
 * Paths may use `path.module` and variables: a module's variables come from each `module`
 * block that calls it (one definition per call, `via: module.NAME`), else from their defaults.
 */
import { basename, dirname, join, normalize } from "node:path";
import { LineIndex } from "../parse/lines.js";
import { asMember, makeNode, type Node } from "../parse/tree.js";
import { VirtualText, interpolationEnd, placeholdersIn } from "./segments.js";
import { finish } from "./virtual.js";
import { definitionFile, syntaxOfPath } from "./files.js";
import type { DefinitionSource, MachineType, Resolved, SourceHost, Substitution, TemplateContext } from "./types.js";

/** The few web-tree-sitter types used here. */
interface TsNode {
  type: string;
  startIndex: number;
  endIndex: number;
  namedChildren: (TsNode | null)[];
  children: (TsNode | null)[];
  childForFieldName(name: string): TsNode | null;
}
interface TsParser {
  parse(text: string): { rootNode: TsNode; delete(): void } | null;
}

let parser: TsParser | undefined;
let loading: Promise<void> | undefined;

/** Where a wasm file is: beside the bundle (dist/), else in its package. */
function wasmPath(file: string, pkg: string): string {
  const { existsSync } = require("node:fs") as typeof import("node:fs");
  const here = typeof __dirname === "string" ? join(__dirname, file) : file;
  if (existsSync(here)) return here;
  return require.resolve(`${pkg}/${file}`);
}

/** Loads the HCL parser (once; asynchronous because WebAssembly is). */
export function loadTerraform(): Promise<void> {
  loading ??= (async () => {
    const { readFileSync } = require("node:fs") as typeof import("node:fs");
    const ts = require("web-tree-sitter") as { Parser: { init(o: object): Promise<void>; new (): TsParser & { setLanguage(l: unknown): void } }; Language: { load(b: Uint8Array): Promise<unknown> } };
    await ts.Parser.init({ wasmBinary: readFileSync(wasmPath("tree-sitter.wasm", "web-tree-sitter")) });
    const language = await ts.Language.load(readFileSync(wasmPath("tree-sitter-terraform.wasm", "@tree-sitter-grammars/tree-sitter-hcl")));
    const p = new ts.Parser();
    p.setLanguage(language);
    parser = p;
  })();
  return loading;
}

const kids = (n: TsNode | null | undefined): TsNode[] => (n ? (n.namedChildren.filter(Boolean) as TsNode[]) : []);

/** One parsed .tf file. */
interface TfFile {
  path: string;
  text: string;
  blocks: TfBlock[];
}
interface TfBlock {
  type: string;
  labels: string[];
  node: TsNode;
  attributes: Map<string, { key: TsNode; value: TsNode }>;
}

function parseTf(path: string, text: string): TfFile {
  if (!parser) throw new Error("loadTerraform() must be awaited before reading Terraform files");
  const tree = parser.parse(text);
  const blocks: TfBlock[] = [];
  const body = kids(tree?.rootNode).find((n) => n.type === "body");
  for (const b of kids(body)) {
    if (b.type !== "block") continue;
    const parts = kids(b);
    const type = parts[0] ? text.slice(parts[0].startIndex, parts[0].endIndex) : "";
    const labels: string[] = [];
    for (const p of parts.slice(1)) {
      if (p.type === "string_lit") labels.push(text.slice(p.startIndex + 1, p.endIndex - 1));
      else if (p.type === "identifier") labels.push(text.slice(p.startIndex, p.endIndex));
    }
    blocks.push({ type, labels, node: b, attributes: attributesOf(kids(b).find((n) => n.type === "body"), text) });
  }
  return { path, text, blocks };
}

function attributesOf(body: TsNode | undefined, text: string): Map<string, { key: TsNode; value: TsNode }> {
  const out = new Map<string, { key: TsNode; value: TsNode }>();
  for (const a of kids(body)) {
    if (a.type !== "attribute") continue;
    const [key, value] = kids(a);
    if (key && value) out.set(text.slice(key.startIndex, key.endIndex), { key, value });
  }
  return out;
}

/** The innermost node of an expression (`expression` wraps everything). */
function unwrap(n: TsNode): TsNode {
  let x = n;
  while ((x.type === "expression" || x.type === "literal_value" || x.type === "collection_value" || x.type === "template_expr") && kids(x).length === 1) x = kids(x)[0];
  return x;
}

const HCL_ESCAPES: Record<string, string> = Object.assign(Object.create(null), { n: "\n", r: "\r", t: "\t", '"': '"', "\\": "\\" });

/** Values of the variables a file is read with: strings, or a whole expression left unknown. */
type Scope = { dir: string; vars: Map<string, TsValue>; file: TfFile; module: TfFile[]; root?: string };
/** A value known here: a string, or an expression node of some file. */
type TsValue = { kind: "string"; value: string } | { kind: "expr"; node: TsNode; file: TfFile; scope?: Scope };

/**
 * A string template (quoted or heredoc) into `out`: literal parts decoded (`$${` and `%%{` are
 * the literal `${` and `%{`), each interpolation a placeholder recorded as filled in by Terraform.
 */
function readTemplate(file: TfFile, n: TsNode, out: VirtualText, resolved: Resolved[]): void {
  const text = file.text;
  const t = n.type === "template_expr" ? kids(n)[0] ?? n : n;
  const parts = kids(t).filter((k) => k.type === "template_interpolation" || k.type === "template_directive");
  let from: number;
  let to: number;
  let quoted = true;
  let strip = 0;
  if (t.type === "heredoc_template") {
    quoted = false;
    const ids = kids(t).filter((k) => k.type === "heredoc_identifier");
    const open = ids[0];
    const close = ids[ids.length - 1];
    from = text.indexOf("\n", open.endIndex) + 1;
    to = close.startIndex;
    while (to > from && text[to - 1] !== "\n") to--;
    if (text.slice(t.startIndex, t.startIndex + 3) === "<<-") {
      // an indented heredoc loses the smallest indentation of its lines
      strip = Infinity;
      for (const line of text.slice(from, to).split("\n")) if (line.trim()) strip = Math.min(strip, line.length - line.trimStart().length);
      if (!Number.isFinite(strip)) strip = 0;
    }
  } else {
    from = t.startIndex + 1;
    to = t.endIndex - 1;
  }
  const literal = (a: number, b: number) => {
    let i = a;
    let run = a;
    const flush = (k: number) => {
      if (k > run) out.copy(text, run, k - run);
    };
    while (i < b) {
      const c = text[i];
      if (strip && (i === from || text[i - 1] === "\n")) {
        flush(i);
        let k = 0;
        while (k < strip && i < b && (text[i] === " " || text[i] === "\t")) {
          i++;
          k++;
        }
        run = i;
        continue;
      }
      if ((c === "$" || c === "%") && text[i + 1] === c && text[i + 2] === "{") {
        flush(i);
        out.put(c + "{", i, 3);
        i += 3;
        run = i;
        continue;
      }
      if (quoted && c === "\\") {
        flush(i);
        const e = text[i + 1];
        if (e === "u" || e === "U") {
          const width = e === "u" ? 4 : 8;
          const code = parseInt(text.slice(i + 2, i + 2 + width), 16);
          out.put(Number.isNaN(code) ? "" : String.fromCodePoint(code), i, 2 + width);
          i += 2 + width;
        } else {
          out.put(HCL_ESCAPES[e] ?? e ?? "", i, 2);
          i += 2;
        }
        run = i;
        continue;
      }
      i++;
    }
    flush(b);
  };
  let at = from;
  for (const p of parts) {
    if (p.startIndex < from || p.endIndex > to) continue;
    literal(at, p.startIndex);
    if (p.type === "template_interpolation") {
      const inner = text.slice(p.startIndex + 2, p.endIndex - 1).replace(/^~|~$/g, "").trim();
      const placeholder = "${" + inner.replace(/["\\\r\n\t]/g, "_") + "}";
      resolved.push({ offset: out.length, length: placeholder.length, reference: { fn: "interpolation", target: inner } });
      out.put(placeholder, p.startIndex, p.endIndex - p.startIndex);
    }
    // a directive (%{ if }, %{ for }) is Terraform's: its text is not part of the definition
    at = p.endIndex;
  }
  literal(at, to);
}

/** An HCL expression as a node tree (for jsonencode): literals as they are, every other expression a placeholder. */
function hclToNode(file: TfFile, expr: TsNode, resolved: Resolved[]): Node {
  const text = file.text;
  const n = unwrap(expr);
  switch (n.type) {
    case "object": {
      const obj = makeNode("object", n.startIndex, n.endIndex - n.startIndex);
      for (const elem of kids(n)) {
        if (elem.type !== "object_elem") continue;
        const k = elem.childForFieldName("key");
        const v = elem.childForFieldName("val");
        if (!k || !v) continue;
        const kn = unwrap(k);
        let key: string;
        if (kn.type === "string_lit") key = decodeQuoted(text, kn.startIndex, kn.endIndex);
        else if (kn.type === "variable_expr" || kn.type === "identifier") key = text.slice(kn.startIndex, kn.endIndex);
        else key = text.slice(k.startIndex, k.endIndex).replace(/^\(|\)$/g, "");
        const value = hclToNode(file, v, resolved);
        value.parent = obj;
        obj.properties!.push(asMember(value, key, k.startIndex, k.endIndex - k.startIndex));
      }
      return obj;
    }
    case "tuple": {
      const arr = makeNode("array", n.startIndex, n.endIndex - n.startIndex);
      for (const e of kids(n)) {
        if (e.type !== "expression") continue;
        const item = hclToNode(file, e, resolved);
        item.parent = arr;
        item.key = arr.items!.length;
        arr.items!.push(item);
      }
      return arr;
    }
    case "numeric_lit":
      return makeNode("number", n.startIndex, n.endIndex - n.startIndex, Number(text.slice(n.startIndex, n.endIndex)));
    case "bool_lit":
      return makeNode("boolean", n.startIndex, n.endIndex - n.startIndex, text.slice(n.startIndex, n.endIndex) === "true");
    case "null_lit":
      return makeNode("null", n.startIndex, n.endIndex - n.startIndex, null);
    case "string_lit":
      return makeNode("string", n.startIndex, n.endIndex - n.startIndex, decodeQuoted(text, n.startIndex, n.endIndex));
    case "quoted_template": {
      const vt = new VirtualText();
      const inner: Resolved[] = [];
      readTemplate(file, n, vt, inner);
      if (inner.length) resolved.push({ offset: n.startIndex, length: n.endIndex - n.startIndex, reference: inner[0].reference });
      return makeNode("string", n.startIndex, n.endIndex - n.startIndex, vt.text);
    }
    default: {
      const source = text.slice(n.startIndex, n.endIndex).trim();
      resolved.push({ offset: n.startIndex, length: n.endIndex - n.startIndex, reference: { fn: "expression", target: source } });
      return makeNode("string", n.startIndex, n.endIndex - n.startIndex, "${" + source.replace(/[{}"\\\r\n\t]/g, "_") + "}");
    }
  }
}

function decodeQuoted(text: string, start: number, end: number): string {
  return text.slice(start + 1, end - 1).replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g, (_, e: string) => (e.length > 1 ? String.fromCodePoint(parseInt(e.slice(1), 16)) : HCL_ESCAPES[e] ?? e));
}

/** A path expression's value: string templates with path.module, path.root, var.x and local.x; undefined when not known here. */
function evalString(scope: Scope, expr: TsNode, depth = 0): string | undefined {
  if (depth > 8) return undefined;
  const text = scope.file.text;
  const n = unwrap(expr);
  if (n.type === "string_lit") return decodeQuoted(text, n.startIndex, n.endIndex);
  if (n.type === "quoted_template") {
    let out = "";
    let at = n.startIndex + 1;
    for (const p of kids(n)) {
      if (p.type !== "template_interpolation") continue;
      out += text.slice(at, p.startIndex);
      const inner = kids(p).find((k) => k.type === "expression");
      const v = inner ? evalString(scope, inner, depth + 1) : undefined;
      if (v === undefined) return undefined;
      out += v;
      at = p.endIndex;
    }
    return out + text.slice(at, n.endIndex - 1);
  }
  const source = text.slice(n.startIndex, n.endIndex).replace(/\s+/g, "");
  if (source === "path.module") return scope.dir;
  if (source === "path.root" || source === "path.cwd") return scope.root ?? scope.dir;
  const v = /^var\.([\w-]+)$/.exec(source);
  if (v) {
    const value = scope.vars.get(v[1]);
    if (value?.kind === "string") return value.value;
    if (value?.kind === "expr") return evalString(value.scope ?? { ...scope, file: value.file }, value.node, depth + 1);
    return undefined;
  }
  const l = /^local\.([\w-]+)$/.exec(source);
  if (l) {
    for (const f of scope.module) for (const b of f.blocks) if (b.type === "locals" && b.attributes.has(l[1])) return evalString({ ...scope, file: f }, b.attributes.get(l[1])!.value, depth + 1);
  }
  return undefined;
}

/** The .tf files of a folder (a Terraform module). */
function moduleFiles(host: SourceHost, dir: string, cache: Map<string, TfFile>): TfFile[] {
  const names = (host.listDir?.(dir) ?? []).filter((n) => /\.tf$/i.test(n)).sort();
  const out: TfFile[] = [];
  for (const name of names) {
    const path = join(dir, name);
    let f = cache.get(path);
    if (!f) {
      const text = host.readFile(path);
      if (text === undefined) continue;
      f = parseTf(path, text);
      cache.set(path, f);
    }
    out.push(f);
  }
  return out;
}

/** The variables' defaults of a module. */
function defaults(module: TfFile[]): Map<string, TsValue> {
  const vars = new Map<string, TsValue>();
  for (const f of module) {
    for (const b of f.blocks) {
      if (b.type !== "variable" || !b.labels[0]) continue;
      const d = b.attributes.get("default");
      if (d) vars.set(b.labels[0], { kind: "expr", node: d.value, file: f });
    }
  }
  return vars;
}

/** `module` blocks of `files` whose local source is `dir`. */
function callsOf(files: TfFile[], fromDir: string, dir: string): { file: TfFile; block: TfBlock }[] {
  const out: { file: TfFile; block: TfBlock }[] = [];
  for (const f of files) {
    for (const b of f.blocks) {
      if (b.type !== "module") continue;
      const src = b.attributes.get("source");
      const path = src ? evalString({ dir: fromDir, vars: new Map(), file: f, module: files }, src.value) : undefined;
      if (path && /^\.\.?\//.test(path) && normalize(join(fromDir, path)) === normalize(dir)) out.push({ file: f, block: b });
    }
  }
  return out;
}

export function terraformSources(file: string, text: string, host: SourceHost): DefinitionSource[] {
  const cache = new Map<string, TfFile>();
  const dir = dirname(file);
  const self = parseTf(join(dir, basename(file)), text);
  cache.set(self.path, self);
  const module = moduleFiles(host, dir, cache);
  if (!module.some((f) => f.path === self.path)) module.push(self);
  const out: DefinitionSource[] = [];
  const machines = self.blocks.filter((b) => b.type === "resource" && b.labels[0] === "aws_sfn_state_machine");
  if (machines.length) {
    // the calls of this module from the folders above it give its variables
    const calls: { via: string; vars: Map<string, TsValue>; root: string }[] = [];
    let up = dir;
    for (let level = 0; level < 3; level++) {
      const parent = dirname(up);
      if (parent === up) break;
      up = parent;
      const files = moduleFiles(host, up, cache);
      for (const call of callsOf(files, up, dir)) {
        const vars = defaults(module);
        const callerScope: Scope = { dir: up, vars: new Map(), file: call.file, module: files };
        for (const [k, a] of call.block.attributes) if (k !== "source") vars.set(k, { kind: "expr", node: a.value, file: call.file, scope: callerScope });
        calls.push({ via: `module.${call.block.labels[0]}`, vars, root: up });
      }
      if (calls.length) break;
    }
    const instances: { via?: string; vars: Map<string, TsValue>; root?: string }[] = calls.length ? calls : [{ via: undefined, vars: defaults(module) }];
    for (const machine of machines) {
      for (const instance of instances) {
        const scope: Scope = { dir, vars: instance.vars, file: self, module, root: instance.root };
        out.push(machineSource(self, machine, scope, host, instance.via, file));
      }
    }
  }
  // machines of the modules this file calls from local folders
  for (const b of self.blocks) {
    if (b.type !== "module") continue;
    const src = b.attributes.get("source");
    const path = src ? evalString({ dir, vars: defaults(module), file: self, module }, src.value) : undefined;
    if (!path || !/^\.\.?\//.test(path)) continue;
    const childDir = join(dir, path);
    const child = moduleFiles(host, childDir, cache);
    const vars = defaults(child);
    const callerScope: Scope = { dir, vars: defaults(module), file: self, module };
    for (const [k, a] of b.attributes) if (k !== "source") vars.set(k, { kind: "expr", node: a.value, file: self, scope: callerScope });
    for (const f of child) {
      for (const m of f.blocks.filter((x) => x.type === "resource" && x.labels[0] === "aws_sfn_state_machine")) {
        out.push(machineSource(f, m, { dir: childDir, vars, file: f, module: child, root: dir }, host, `module.${b.labels[0]}`, f.path));
      }
    }
  }
  shareTemplateVariables(out);
  return out;
}

/**
 * One templatefile() / template_file reached several times (a module called once per state
 * machine, each call naming its own definition file) has one vars map: a variable any of the
 * definitions uses is used. Each source gets the names all of them use; the first one alone
 * reports the variables none uses (the others would repeat it at the same key).
 */
function shareTemplateVariables(sources: DefinitionSource[]): void {
  const groups = new Map<string, DefinitionSource[]>();
  for (const s of sources) {
    const c = s.context;
    if (c?.substitutionMode !== "templatefile" || !c.substitutionsAt) continue;
    const key = `${c.file}\u0000${c.substitutionsAt.offset}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const used = new Set<string>();
    for (const s of group) {
      for (const n of s.context!.usedNames ?? []) used.add(n);
      if (s.body?.kind === "text") for (const p of placeholdersIn(s.body.text)) used.add(p.name);
    }
    const all = new Set([...used, ...group[0].context!.substitutions.keys()]);
    group.forEach((s, i) => (s.context = { ...s.context!, usedNames: i === 0 ? used : all }));
  }
}

function machineSource(tf: TfFile, machine: TfBlock, scope: Scope, host: SourceHost, via: string | undefined, displayFile: string): DefinitionSource {
  const text = tf.text;
  const name = `aws_sfn_state_machine.${machine.labels[1] ?? ""}`;
  const typeAttr = machine.attributes.get("type");
  const stated = typeAttr ? evalString(scope, typeAttr.value)?.toUpperCase() : undefined;
  const type: MachineType | undefined = stated === "EXPRESS" || stated === "STANDARD" ? stated : undefined;
  const context: TemplateContext = { kind: "terraform", file: displayFile, text, lines: new LineIndex(text), name, substitutions: new Map(), resolved: [], subReferences: [], resources: new Map(), parameters: new Set() };
  const base = { kind: "terraform" as const, template: displayFile, name, via, type, file: displayFile, fileText: text, context };
  const definition = machine.attributes.get("definition");
  if (!definition) {
    const at = machine.node;
    return { ...base, note: { rule: "definition-not-found", severity: "ERROR", message: `${name} has no "definition": Terraform requires one.`, offset: at.startIndex, length: Math.min(8, at.endIndex - at.startIndex) } };
  }
  context.property = { name: "definition", offset: definition.key.startIndex, length: definition.key.endIndex - definition.key.startIndex };
  const note = (message: string, severity: "INFO" | "WARNING" = "INFO"): DefinitionSource => ({
    ...base,
    note: { rule: "definition-not-found", severity, message, offset: definition.value.startIndex, length: definition.value.endIndex - definition.value.startIndex },
  });
  return readDefinitionExpr(tf, definition.value, scope, host, base, context, note, 0);
}

type Base = Omit<DefinitionSource, "body" | "note">;

function readDefinitionExpr(tf: TfFile, expr: TsNode, scope: Scope, host: SourceHost, base: Base, context: TemplateContext, note: (m: string, s?: "INFO" | "WARNING") => DefinitionSource, depth: number): DefinitionSource {
  const text = tf.text;
  const n = unwrap(expr);
  const source = text.slice(n.startIndex, n.endIndex).replace(/\s+/g, "");
  if (depth > 6) return note(`The definition is built by ${source}, which aslint cannot follow: not checked offline.`);
  if (n.type === "heredoc_template" || n.type === "quoted_template" || n.type === "string_lit") {
    const vt = new VirtualText();
    const resolved: Resolved[] = [];
    readTemplate(tf, n, vt, resolved);
    const read = finish(vt, resolved, []);
    return { ...base, file: tf.path === base.template ? base.file : tf.path, fileText: text, context: { ...context, resolved: read.resolved }, body: { kind: "text", text: read.text, map: read.map, syntax: "json" } };
  }
  if (n.type === "function_call") {
    const fname = text.slice(kids(n)[0].startIndex, kids(n)[0].endIndex);
    const args = kids(kids(n).find((k) => k.type === "function_arguments")).filter((k) => k.type === "expression");
    if (fname === "jsonencode" && args[0]) {
      const resolved: Resolved[] = [];
      const root = hclToNode(tf, args[0], resolved);
      resolved.sort((a, b) => a.offset - b.offset);
      return { ...base, fileText: text, context: { ...context, resolved }, body: { kind: "tree", root, syntax: "json", problems: [] } };
    }
    if ((fname === "file" || fname === "templatefile") && args[0]) {
      return fileDefinition(tf, args[0], fname === "templatefile" ? args[1] : undefined, scope, host, base, context, note);
    }
    return note(`The definition is built by ${fname}(), which aslint cannot read: not checked offline.`);
  }
  const rendered = /^data\.template_file\.([\w-]+)\.rendered$/.exec(source);
  if (rendered) {
    for (const f of scope.module) {
      for (const b of f.blocks) {
        if (b.type !== "data" || b.labels[0] !== "template_file" || b.labels[1] !== rendered[1]) continue;
        const template = b.attributes.get("template");
        if (!template) break;
        const inner = unwrap(template.value);
        const vars = b.attributes.get("vars")?.value;
        // template = file("...") (the usual form) or an inline string
        if (inner.type === "function_call") {
          const fname = f.text.slice(kids(inner)[0].startIndex, kids(inner)[0].endIndex);
          const args = kids(kids(inner).find((k) => k.type === "function_arguments")).filter((k) => k.type === "expression");
          if (fname === "file" && args[0]) return fileDefinition(f, args[0], vars ?? null, { ...scope, file: f }, host, { ...base }, context, note);
        }
        return readDefinitionExpr(f, template.value, { ...scope, file: f }, host, base, context, note, depth + 1);
      }
    }
    return note(`The definition is ${source}, whose data "template_file" block is not in this module: not checked offline.`);
  }
  const v = /^var\.([\w-]+)$/.exec(source);
  if (v) {
    const value = scope.vars.get(v[1]);
    if (value?.kind === "expr") return readDefinitionExpr(value.file, value.node, value.scope ?? scope, host, base, context, note, depth + 1);
    return note(`The definition is var.${v[1]}, whose value is not known here: not checked offline.`);
  }
  const l = /^local\.([\w-]+)$/.exec(source);
  if (l) {
    for (const f of scope.module) for (const b of f.blocks) if (b.type === "locals" && b.attributes.has(l[1])) return readDefinitionExpr(f, b.attributes.get(l[1])!.value, { ...scope, file: f }, host, base, context, note, depth + 1);
  }
  return note(`The definition is ${source}, which aslint cannot read: not checked offline.`);
}

/**
 * A JSON template file of templatefile() / template_file as the text to lint: `$${` and `%%{`
 * are a literal `${` and `%{`; a `${...}` that is not a bare variable name is an expression
 * Terraform evaluates (`${jsonencode(names)}`): a placeholder filled in (resolved), not a
 * variable to look up. `%{ if }` / `%{ endif }` directives become blanks, so the text is the
 * rendering where each condition holds; other directives (`%{ for }`, `%{ else }`) give the
 * directive names found instead (the text cannot be read as one rendering).
 */
function readTemplateFile(fileText: string): (ReturnType<typeof finish> & { usedNames: Set<string> }) | string {
  const vt = new VirtualText();
  const resolved: Resolved[] = [];
  // the names an expression or a directive reads (its strings left out): the variables it uses
  const usedNames = new Set<string>();
  const use = (expr: string) => {
    for (const m of expr.replace(/"(?:[^"\\]|\\.)*"/g, "").matchAll(/[A-Za-z_][\w-]*/g)) usedNames.add(m[0]);
  };
  const unread = new Set<string>();
  let run = 0;
  const marks = /[$%]\{/g;
  for (let m = marks.exec(fileText); m; m = marks.exec(fileText)) {
    const i = m.index;
    if (i > 0 && fileText[i - 1] === fileText[i]) {
      // $${ / %%{: the literal ${ / %{
      vt.copy(fileText, run, i - 1 - run);
      vt.put(fileText[i] + "{", i - 1, 3);
      run = i + 2;
      continue;
    }
    const close = interpolationEnd(fileText, i + 2);
    if (close < 0) continue;
    const end = close + 1;
    const inner = fileText.slice(i + 2, close).replace(/^\s*~|~\s*$/g, "").trim();
    if (fileText[i] === "%") {
      const keyword = /^[a-z]+/.exec(inner)?.[0] ?? inner;
      if (keyword !== "if" && keyword !== "endif") unread.add(`%{ ${keyword} }`);
      vt.copy(fileText, run, i - run);
      vt.put(" ".repeat(end - i), i, end - i);
      use(inner);
    } else {
      vt.copy(fileText, run, end - run);
      if (!/^[A-Za-z_][\w-]*$/.test(inner)) {
        use(inner);
        resolved.push({ offset: vt.length - (end - i), length: end - i, reference: { fn: "interpolation", target: inner } });
      }
    }
    run = end;
    marks.lastIndex = end;
  }
  if (unread.size) return [...unread].join(", ");
  vt.copy(fileText, run, fileText.length - run);
  return { ...finish(vt, resolved, []), usedNames };
}

/**
 * file() and templatefile(): the file named (relative to the working folder in Terraform; here
 * to the module's folder, where `path.module` paths lead). With template variables (templatefile,
 * template_file vars; `null` for template_file without vars), its `${...}` are placeholders the
 * variables fill in.
 */
function fileDefinition(tf: TfFile, pathExpr: TsNode, varsExpr: TsNode | null | undefined, scope: Scope, host: SourceHost, base: Base, context: TemplateContext, note: (m: string, s?: "INFO" | "WARNING") => DefinitionSource): DefinitionSource {
  const path = evalString(scope, pathExpr);
  if (path === undefined) return note(`The definition file's path (${tf.text.slice(pathExpr.startIndex, pathExpr.endIndex)}) depends on values not known here: not checked offline.`);
  // Terraform reads a relative path from the folder it runs in (the root module); path.module and path.root are given from there too
  const fromRoot = /\bpath\.(module|root|cwd)\b/.test(tf.text.slice(pathExpr.startIndex, pathExpr.endIndex));
  const full = /^([a-zA-Z]:)?[\\/]/.test(path) || fromRoot ? path : join(scope.root ?? scope.dir, path);
  const found = definitionFile(host, normalize(full));
  if (!found) return note(`The definition file "${path}" cannot be read here: terraform plan fails without it. Check the path.`, "WARNING");
  const fileText = found.text;
  const syntax = syntaxOfPath(found.path);
  const templated = varsExpr !== undefined;
  const substitutions = new Map<string, Substitution>();
  let substitutionsAt: TemplateContext["substitutionsAt"];
  if (varsExpr) {
    const obj = unwrap(varsExpr);
    substitutionsAt = { offset: varsExpr.startIndex, length: Math.min(1, varsExpr.endIndex - varsExpr.startIndex) };
    if (obj.type === "object") {
      for (const elem of kids(obj)) {
        const k = elem.childForFieldName("key");
        if (!k) continue;
        const kn = unwrap(k);
        const key = kn.type === "string_lit" ? decodeQuoted(tf.text, kn.startIndex, kn.endIndex) : tf.text.slice(k.startIndex, k.endIndex);
        substitutions.set(key, { key, keyOffset: k.startIndex, keyLength: k.endIndex - k.startIndex });
      }
    } else substitutionsAt = undefined;
  }
  let body: DefinitionSource["body"];
  let resolved: Resolved[] = [];
  let usedNames: Set<string> | undefined;
  if (templated && syntax === "json") {
    const read = readTemplateFile(fileText);
    if (typeof read === "string") return note(`The definition file "${path}" uses Terraform template directives (${read}), which aslint does not read: not checked offline.`);
    body = { kind: "text", text: read.text, map: read.map, syntax };
    resolved = read.resolved;
    usedNames = read.usedNames;
  } else body = { kind: "text", text: fileText, syntax };
  const ctx: TemplateContext = {
    ...context,
    // the variables are in the file that calls templatefile() or declares the template_file
    file: tf.path,
    text: tf.text,
    lines: tf.text === context.text ? context.lines : new LineIndex(tf.text),
    substitutionMode: varsExpr ? "templatefile" : undefined,
    substitutions,
    substitutionsAt,
    resolved,
    usedNames,
  };
  const caseNote = found.note ? { ...found.note, offset: pathExpr.startIndex, length: pathExpr.endIndex - pathExpr.startIndex } : undefined;
  return { ...base, file: found.path, fileText, body, context: ctx, note: caseNote };
}
