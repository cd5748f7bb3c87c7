/**
 * CloudFormation, SAM and CDK output: the `AWS::StepFunctions::StateMachine` and
 * `AWS::Serverless::StateMachine` resources of a template, each with its definition:
 *
 * - `Definition` (an object, JSON or YAML): linted in place, its intrinsic functions read as
 *   placeholders (SAM turns each into a `${definition_substitution_N}`; CloudFormation resolves
 *   them);
 * - `DefinitionString`: a string, an Fn::Sub, an Fn::Join of pieces (CDK, the SAM transform),
 *   read into a virtual text (virtual.ts);
 * - SAM `DefinitionUri` as a local path: that file, with this resource's type and substitutions;
 * - `DefinitionS3Location`, or `DefinitionUri` in S3: a note that it is not checked offline.
 */
import { dirname, join } from "node:path";
import { LineIndex } from "../parse/lines.js";
import { asMember, makeNode, prop, stringValue, walk, type Node, type Property } from "../parse/tree.js";
import { childEntries, entries, forgetLines, jsonMembers, scalarOf, type Entry } from "./outline.js";
import { parseJson } from "../parse/json.js";
import type { ParseProblem } from "../parse/problems.js";
import { readStringDefinition, readString } from "./virtual.js";
import { VirtualText } from "./segments.js";
import { intrinsicName, longForm, parseTemplate, placeholderFor, referenceOf, type ParsedTemplate } from "./template.js";
import { parseYamlLite } from "./yaml-lite.js";
import { definitionBody, definitionFile } from "./files.js";
import type { DefinitionSource, MachineType, Resolved, SourceHost, SourceKind, SubReference, Substitution, TemplateContext } from "./types.js";

export const STATE_MACHINE_TYPES: Record<string, SourceKind> = Object.assign(Object.create(null), {
  "AWS::StepFunctions::StateMachine": "cloudformation",
  "AWS::Serverless::StateMachine": "sam",
});

/** Does this parsed template declare a state machine resource? */
export function isCloudFormation(root: Node | undefined): boolean {
  const resources = prop(root, "Resources");
  if (!resources || resources.type !== "object") return false;
  return resources.properties!.some((r) => STATE_MACHINE_TYPES[stringValue(prop(r, "Type")) ?? ""] !== undefined);
}

/** What the readers need of a template: its resources' types, its parameters, and the state machine resources parsed. */
export interface TemplateIndex {
  syntax: "json" | "yaml";
  resources: Map<string, string>;
  parameters: Set<string>;
  /** The state machine resources (each the value node of its logical id). */
  machines: Node[];
  problems: ParseProblem[];
}

export function indexOfTree(template: ParsedTemplate): TemplateIndex {
  const resources = prop(template.root, "Resources");
  const types = new Map<string, string>();
  const machines: Node[] = [];
  for (const r of resources?.type === "object" ? resources.properties! : []) {
    types.set(r.key, stringValue(prop(r, "Type")) ?? "");
    if (STATE_MACHINE_TYPES[types.get(r.key)!]) machines.push(r);
  }
  const parameters = new Set((prop(template.root, "Parameters")?.properties ?? []).map((p) => p.key));
  return { syntax: template.syntax, resources: types, parameters, machines, problems: template.problems };
}

/**
 * The index of a YAML template from its outline: only the state machine resources are parsed
 * (see outline.ts); undefined when the outline cannot be read or a slice does not parse alone.
 */
export function indexOfOutline(text: string): TemplateIndex | undefined {
  try {
    return outlineIndex(text);
  } finally {
    forgetLines();
  }
}

function outlineIndex(text: string): TemplateIndex | undefined {
  const top = entries(text);
  const res = top?.find((e) => e.key === "Resources");
  const list = res && childEntries(text, res);
  if (!top || !list) return undefined;
  const types = new Map<string, string>();
  const machines: Node[] = [];
  const problems: ParseProblem[] = [];
  for (const e of list) {
    const type = scalarOf(text, e, "Type") ?? "";
    types.set(e.key, type);
    if (!STATE_MACHINE_TYPES[type]) continue;
    const entry = parseResource(text, e, type) ?? parseEntry(text, e);
    if (!entry) return undefined;
    machines.push(entry.node);
    for (const p of entry.problems) problems.push(p);
  }
  const params = top.find((e) => e.key === "Parameters");
  const parameters = new Set((params ? childEntries(text, params) ?? [] : []).map((e) => e.key));
  return { syntax: "yaml", resources: types, parameters, machines, problems };
}

/**
 * The index of a JSON template from its members (not parsed): only the state machine resources
 * are parsed; undefined when it cannot be read so.
 */
export function indexOfJsonOutline(text: string): TemplateIndex | undefined {
  let start = 0;
  while (start < text.length && /\s/.test(text[start])) start++;
  // one pass: the top level, and the members of Resources and Parameters on the way
  const top = jsonMembers(text, start, (key) => key === "Resources" || key === "Parameters");
  const list = top?.find((m) => m.key === "Resources")?.members;
  if (!top || !list) return undefined;
  const types = new Map<string, string>();
  const machines: Node[] = [];
  const problems: ParseProblem[] = [];
  const TYPE = /"Type"\s*:\s*"(AWS::[^"\\]*)"/g;
  for (const r of list) {
    // the resource's type, by a look for its "Type" (read exactly for a state machine)
    TYPE.lastIndex = r.valueStart;
    const m = TYPE.exec(text);
    let value = m && m.index < r.valueEnd ? m[1] : "";
    if (STATE_MACHINE_TYPES[value] || value === "") {
      const type = jsonMembers(text, r.valueStart)?.find((x) => x.key === "Type");
      value = type && text.charCodeAt(type.valueStart) === 34 ? text.slice(type.valueStart + 1, type.valueEnd - 1) : "";
    }
    types.set(r.key, value);
    if (!STATE_MACHINE_TYPES[value]) continue;
    const parsed = parseJson(text.slice(r.valueStart, r.valueEnd));
    if (!parsed.root || parsed.problems.some((p) => p.rule !== "duplicate-key")) return undefined;
    const shift = r.valueStart;
    walk(parsed.root, (n) => {
      n.offset += shift;
      if (n.keyOffset >= 0) n.keyOffset += shift;
    });
    machines.push(asMember(parsed.root, r.key, r.keyOffset, r.keyLength));
    for (const p of parsed.problems) problems.push({ ...p, offset: p.offset + shift });
  }
  const params = top.find((m) => m.key === "Parameters");
  const parameters = new Set((params?.members ?? []).map((m) => m.key));
  return { syntax: "json", resources: types, parameters, machines, problems };
}

/** The properties of a state machine resource the readers use: only these are parsed. */
const READ = new Set(["Definition", "DefinitionString", "DefinitionUri", "DefinitionS3Location", "DefinitionSubstitutions", "StateMachineType", "Type"]);

/**
 * A state machine resource with only the properties the readers use, each parsed alone (a
 * resource's Policies, Events and Tags are most of its text). Undefined when its outline cannot
 * be read.
 */
function parseResource(text: string, e: Entry, type: string): { node: Property; problems: ParseProblem[] } | undefined {
  const parts = childEntries(text, e);
  const propsEntry = parts?.find((x) => x.key === "Properties");
  const props = propsEntry ? childEntries(text, propsEntry) : [];
  if (!parts || !props) return undefined;
  const resource = asMember(makeNode("object", e.start, e.end - e.start), e.key, e.keyOffset, e.keyLength);
  const typeEntry = parts.find((x) => x.key === "Type")!;
  const typeNode = asMember(makeNode("string", typeEntry.keyOffset, typeEntry.end - typeEntry.keyOffset, type), "Type", typeEntry.keyOffset, typeEntry.keyLength);
  typeNode.parent = resource;
  resource.properties!.push(typeNode);
  const problems: ParseProblem[] = [];
  if (propsEntry) {
    const properties = asMember(makeNode("object", propsEntry.start, propsEntry.end - propsEntry.start), "Properties", propsEntry.keyOffset, propsEntry.keyLength);
    properties.parent = resource;
    resource.properties!.push(properties);
    for (const p of props) {
      if (!READ.has(p.key)) continue;
      const parsed = parseEntry(text, p);
      if (!parsed) return undefined;
      parsed.node.parent = properties;
      properties.properties!.push(parsed.node);
      for (const p of parsed.problems) problems.push(p);
    }
  }
  return { node: resource, problems };
}

/** One entry of a YAML text, parsed alone, with the text's offsets; undefined when it does not parse alone. */
export function parseEntry(text: string, e: Entry): { node: Property; problems: ParseProblem[] } | undefined {
  // the small reader first (a few microseconds); the yaml package for what it does not take
  const lite = parseYamlLite(text, e.start, e.end, longForm);
  if (lite?.type === "object" && lite.properties!.length === 1) {
    const node = lite.properties![0];
    node.parent = undefined;
    return { node, problems: [] };
  }
  const parsed = parseTemplate(text.slice(e.start, e.end), "yaml");
  if (parsed.problems.some((p) => p.rule === "invalid-yaml") || parsed.root?.type !== "object" || parsed.root.properties!.length !== 1) return undefined;
  const shift = e.start;
  walk(parsed.root, (n) => {
    n.offset += shift;
    if (n.keyOffset >= 0) n.keyOffset += shift;
  });
  const node = parsed.root.properties![0];
  node.parent = undefined;
  return { node, problems: parsed.problems.map((p) => ({ ...p, offset: p.offset + shift })) };
}

export function cloudFormationSources(file: string, text: string, index: TemplateIndex, host: SourceHost): DefinitionSource[] {
  const lines = new LineIndex(text);
  const resourceTypes = index.resources;
  const parameters = index.parameters;
  const template = { syntax: index.syntax, problems: index.problems };
  const out: DefinitionSource[] = [];
  for (const resource of index.machines as Property[]) {
    const kind = STATE_MACHINE_TYPES[resourceTypes.get(resource.key)!];
    if (!kind) continue;
    const props = prop(resource, "Properties");
    const typeNode = prop(props, kind === "sam" ? "Type" : "StateMachineType");
    const stated = stringValue(typeNode)?.toUpperCase();
    const type: MachineType | undefined = stated === "EXPRESS" || stated === "STANDARD" ? stated : undefined;
    const substitutionsNode = prop(props, "DefinitionSubstitutions");
    const context: TemplateContext = {
      kind,
      file,
      text,
      lines,
      name: resource.key,
      substitutionMode: "DefinitionSubstitutions",
      substitutions: readSubstitutions(substitutionsNode),
      substitutionsAt: substitutionsNode && substitutionsNode.keyOffset >= 0 ? { offset: substitutionsNode.keyOffset, length: substitutionsNode.keyLength } : undefined,
      resolved: [],
      subReferences: [],
      resources: resourceTypes,
      parameters,
    };
    const base = { kind, template: file, name: resource.key, type, file, fileText: text, context };
    const at = (n: Node) => ({ offset: n.keyOffset >= 0 ? n.keyOffset : n.offset, length: n.keyOffset >= 0 ? n.keyLength : n.length });
    const definition = prop(props, "Definition");
    const definitionString = prop(props, "DefinitionString");
    const uri = prop(props, "DefinitionUri");
    const s3 = prop(props, "DefinitionS3Location");
    if (definition) {
      context.property = { name: "Definition", ...at(definition) };
      if (definition.type === "object" && !intrinsicName(definition)) {
        const { resolved, subReferences } = inlineDefinition(text, definition, template.syntax);
        context.resolved = resolved;
        context.subReferences = subReferences;
        out.push({ ...base, body: { kind: "tree", root: definition, syntax: template.syntax, problems: problemsIn(template.problems, definition) } });
      } else out.push({ ...base, note: unreadable(definition, "Definition is built by an intrinsic function", "INFO") });
    } else if (definitionString) {
      context.property = { name: "DefinitionString", ...at(definitionString) };
      const read = readStringDefinition(text, definitionString, template.syntax);
      if (read?.placeholdersOnly) {
        // `!Ref DefParam`, `!ImportValue SharedDef`, a Join of such values: the whole definition comes at deploy time
        const fns = [...new Set(read.resolved.map((r) => (r.reference ? `Fn::${r.reference.fn}`.replace("Fn::Ref", "Ref") : undefined)).filter(Boolean))];
        out.push({ ...base, note: unreadable(definitionString, `DefinitionString is only values filled in at deploy time${fns.length ? ` (${fns.join(", ")})` : ""}, which aslint cannot read`, "INFO") });
      } else if (read) {
        context.resolved = read.resolved;
        context.subReferences = read.subReferences;
        out.push({ ...base, body: { kind: "text", text: read.text, map: read.map, syntax: "json" } });
      } else out.push({ ...base, note: unreadable(definitionString, `DefinitionString is built by ${intrinsicName(definitionString) ?? "a value"} that aslint cannot read`, "INFO") });
    } else if (uri && uri.type === "string" && !/^s3:\/\//i.test(uri.value as string)) {
      context.property = { name: "DefinitionUri", ...at(uri) };
      const path = definitionFile(host, join(dirname(file), uri.value as string));
      const read = path ? definitionBody(path) : undefined;
      if (path && read) {
        out.push({ ...base, file: path.path, fileText: read.fileText, body: read.body, note: path.note ? { ...path.note, offset: uri.offset, length: uri.length } : undefined });
      } else {
        out.push({ ...base, note: { rule: "definition-not-found", severity: "WARNING", message: `DefinitionUri names "${uri.value}", which cannot be read here (relative to the template's folder): sam build and sam deploy fail without it. Check the path.`, offset: uri.offset, length: uri.length } });
      }
    } else if (uri || s3) {
      const n = (uri ?? s3)!;
      context.property = { name: uri ? "DefinitionUri" : "DefinitionS3Location", ...at(n) };
      out.push({ ...base, note: unreadable(n, `The definition is in S3 (${uri ? "DefinitionUri" : "DefinitionS3Location"})`, "INFO") });
    } else {
      // each type's own properties (AWS::StepFunctions::StateMachine has no DefinitionUri)
      const fields = kind === "sam" ? "Definition or DefinitionUri" : "Definition, DefinitionString or DefinitionS3Location";
      out.push({ ...base, note: unreadable(props ?? resource, `The state machine has none of ${fields}`, "ERROR") });
    }
  }
  return out;
}

function unreadable(n: Node, why: string, severity: "INFO" | "ERROR" | "WARNING"): DefinitionSource["note"] {
  const offset = n.keyOffset >= 0 ? n.keyOffset : n.offset;
  const length = n.keyOffset >= 0 ? n.keyLength : Math.min(n.length, 1);
  const message = severity === "ERROR" ? `${why}: CloudFormation rejects a state machine without a definition. Add one of them.` : `${why}: not checked offline.`;
  return { rule: "definition-not-found", severity, message, offset, length };
}

/** The parse problems inside a subtree (the template's others are not the definition's). */
function problemsIn(problems: ParseProblem[], node: Node): ParseProblem[] {
  return problems.filter((p) => p.offset >= node.offset && p.offset < node.offset + node.length);
}

export function readSubstitutions(node: Node | undefined): Map<string, Substitution> {
  const map = new Map<string, Substitution>();
  if (!node || node.type !== "object" || intrinsicName(node)) return map;
  for (const p of node.properties!) {
    const literal = p.type === "string" || p.type === "number" || p.type === "boolean" ? (p.value as string | number | boolean) : undefined;
    map.set(p.key, { key: p.key, keyOffset: p.keyOffset, keyLength: p.keyLength, reference: referenceOf(p), literal });
  }
  return map;
}

/**
 * Makes an inline Definition object lintable in place: each intrinsic function call in it
 * becomes a string node `${...}` over the call's range (a value filled in at deploy time), an
 * Fn::Sub becomes its string. The object itself becomes a root (no parent, no key), so that
 * locations are paths inside the definition.
 */
export function inlineDefinition(text: string, definition: Node, syntax: "json" | "yaml"): { resolved: Resolved[]; subReferences: SubReference[] } {
  const resolved: Resolved[] = [];
  const subReferences: SubReference[] = [];
  const replace = (old: Node, by: Node) => {
    const parent = old.parent!;
    by.parent = parent;
    by.key = old.key;
    by.keyOffset = old.keyOffset;
    by.keyLength = old.keyLength;
    if (parent.properties) parent.properties[parent.properties.indexOf(old as never)] = by as never;
    else if (parent.items) parent.items[parent.items.indexOf(old)] = by;
    parent.index = undefined;
  };
  const calls: Node[] = [];
  walk(definition, (n) => {
    if (n !== definition && intrinsicName(n)) {
      calls.push(n);
      return false;
    }
  });
  for (const call of calls) {
    const fn = intrinsicName(call)!;
    const arg = call.properties![0];
    const subString = fn === "Fn::Sub" ? (arg.type === "string" ? arg : arg.type === "array" && arg.items![0]?.type === "string" ? arg.items![0] : undefined) : undefined;
    if (subString) {
      const vars = arg.type === "array" && arg.items![1]?.type === "object" ? new Set(arg.items![1].properties!.map((p) => p.key)) : new Set<string>();
      const vt: VirtualText = readString(text, subString, syntax);
      const value = subString.value as string;
      for (let i = value.indexOf("${"); i >= 0; i = value.indexOf("${", i + 2)) {
        const close = value.indexOf("}", i);
        if (close < 0) break;
        if (value[i + 2] === "!") continue;
        const r = vt.map.range(i + 2, close - i - 2);
        subReferences.push({ offset: r.offset, length: r.length, name: value.slice(i + 2, close).trim(), variables: vars });
      }
      const node = makeNode("string", subString.offset, subString.length, value.replace(/\$\{!/g, "${"));
      replace(call, node);
      resolved.push({ offset: call.offset, length: call.length, reference: referenceOf(call) });
      continue;
    }
    const node = makeNode("string", call.offset, call.length, placeholderFor(call));
    replace(call, node);
    resolved.push({ offset: call.offset, length: call.length, reference: referenceOf(call) });
  }
  definition.parent = undefined;
  definition.key = undefined;
  definition.keyOffset = -1;
  definition.keyLength = 0;
  resolved.sort((a, b) => a.offset - b.offset);
  return { resolved, subReferences };
}
