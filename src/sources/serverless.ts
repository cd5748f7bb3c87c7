/**
 * Serverless Framework (serverless-step-functions): `stepFunctions.stateMachines.<key>` of a
 * serverless.yml / .yaml / .json, with `definition` inline (CloudFormation intrinsics allowed
 * anywhere, Serverless variables such as `${self:...}` and `${opt:...}` in strings) or as
 * `${file(path)}` / `${file(path):key}`, and `type: express`.
 */
import { dirname, join } from "node:path";
import { LineIndex } from "../parse/lines.js";
import { prop, stringValue, walk, type Node } from "../parse/tree.js";
import { inlineDefinition, parseEntry } from "./cloudformation.js";
import { childEntries, entries, forgetLines, scalarOf } from "./outline.js";
import { definitionBody, definitionFile, syntaxOfPath } from "./files.js";
import { parseTemplate, type ParsedTemplate } from "./template.js";
import type { DefinitionSource, MachineType, SourceHost, TemplateContext } from "./types.js";

export function isServerless(root: Node | undefined): boolean {
  const machines = prop(prop(root, "stepFunctions"), "stateMachines");
  return machines !== undefined && machines.type === "object";
}

/** `#{AWS::Region}`: the serverless-pseudo-parameters form, which the plugin rewrites to Fn::Sub's `${AWS::Region}` (same length). */
function pseudoParameters(root: Node): void {
  walk(root, (n) => {
    if (n.type === "string" && (n.value as string).includes("#{")) n.value = (n.value as string).replace(/#\{([^}]*)\}/g, "$${$1}");
  });
}

export function serverlessSources(file: string, text: string, template: ParsedTemplate, host: SourceHost): DefinitionSource[] {
  const root = template.root!;
  // the resources an intrinsic may name: the CloudFormation ones, and the functions (the plugin maps `hello` to its logical id)
  const resources = new Map<string, string>();
  for (const r of prop(prop(root, "resources"), "Resources")?.properties ?? []) resources.set(r.key, stringValue(prop(r, "Type")) ?? "");
  for (const f of prop(root, "functions")?.properties ?? []) resources.set(f.key, "AWS::Lambda::Function");
  return machineSources(file, text, prop(prop(root, "stepFunctions"), "stateMachines")!, resources, template, host);
}

/** serverless.yml read from its outline (only `stepFunctions` parsed); undefined when the outline cannot be read. */
export function serverlessOutline(file: string, text: string, host: SourceHost): DefinitionSource[] | undefined {
  try {
    return outlineSources(file, text, host);
  } finally {
    forgetLines();
  }
}

function outlineSources(file: string, text: string, host: SourceHost): DefinitionSource[] | undefined {
  const top = entries(text);
  const sf = top?.find((e) => e.key === "stepFunctions");
  if (!top || !sf) return undefined;
  const parsed = parseEntry(text, sf);
  const machines = prop(parsed?.node, "stateMachines");
  if (!parsed || !machines || machines.type !== "object") return undefined;
  const resources = new Map<string, string>();
  const fns = top.find((e) => e.key === "functions");
  for (const f of (fns && childEntries(text, fns)) ?? []) resources.set(f.key, "AWS::Lambda::Function");
  const res = top.find((e) => e.key === "resources");
  const inner = res && childEntries(text, res)?.find((e) => e.key === "Resources");
  for (const r of (inner && childEntries(text, inner)) ?? []) resources.set(r.key, scalarOf(text, r, "Type") ?? "");
  return machineSources(file, text, machines, resources, { syntax: "yaml", problems: parsed.problems }, host);
}

function machineSources(file: string, text: string, machines: Node, resources: Map<string, string>, template: Pick<ParsedTemplate, "syntax" | "problems">, host: SourceHost): DefinitionSource[] {
  const lines = new LineIndex(text);
  const out: DefinitionSource[] = [];
  for (const machine of machines.properties!) {
    const stated = stringValue(prop(machine, "type"))?.toUpperCase();
    const type: MachineType | undefined = stated === "EXPRESS" || stated === "STANDARD" ? stated : undefined;
    const definition = prop(machine, "definition");
    const context: TemplateContext = { kind: "serverless", file, text, lines, name: machine.key, substitutions: new Map(), resolved: [], subReferences: [], resources, parameters: new Set() };
    const base = { kind: "serverless" as const, template: file, name: machine.key, type, file, fileText: text, context };
    if (!definition) {
      out.push({ ...base, note: { rule: "definition-not-found", severity: "ERROR", message: `State machine "${machine.key}" has no "definition": serverless-step-functions needs one.`, offset: machine.keyOffset, length: machine.keyLength } });
      continue;
    }
    context.property = { name: "definition", offset: definition.keyOffset, length: definition.keyLength };
    if (definition.type === "object") {
      const read = inlineDefinition(text, definition, template.syntax);
      context.resolved = read.resolved;
      pseudoParameters(definition);
      out.push({ ...base, body: { kind: "tree", root: definition, syntax: template.syntax, problems: template.problems.filter((p) => p.offset >= definition.offset && p.offset < definition.offset + definition.length) } });
      continue;
    }
    const ref = /^\$\{file\(([^)]+)\)(?::([^}]+))?\}$/.exec(stringValue(definition)?.trim() ?? "");
    if (!ref) {
      out.push({ ...base, note: { rule: "definition-not-found", severity: "INFO", message: `The definition of "${machine.key}" is a value aslint cannot read (${JSON.stringify(stringValue(definition) ?? definition.type)}): not checked offline.`, offset: definition.offset, length: definition.length } });
      continue;
    }
    const found = definitionFile(host, join(dirname(file), ref[1].trim().replace(/^["']|["']$/g, "")));
    const note = found?.note ? { ...found.note, offset: definition.offset, length: definition.length } : undefined;
    if (found && !ref[2]) {
      const read = definitionBody(found);
      out.push({ ...base, file: found.path, fileText: read.fileText, body: read.body, note });
      continue;
    }
    if (found && ref[2]) {
      // ${file(x.yml):key}: the member `key` of that file
      const fileText = found.text;
      const inner = parseTemplate(fileText, syntaxOfPath(found.path));
      const sub = ref[2].split(".").reduce<Node | undefined>((n, k) => prop(n, k.trim()), inner.root);
      if (sub && sub.type === "object") {
        inlineDefinition(fileText, sub, inner.syntax);
        out.push({ ...base, file: found.path, fileText, body: { kind: "tree", root: sub, syntax: inner.syntax, problems: [] }, context: { ...context, resolved: [] }, note });
        continue;
      }
    }
    out.push({ ...base, note: { rule: "definition-not-found", severity: "WARNING", message: `The definition of "${machine.key}" names ${ref[0]}, which cannot be read here (relative to serverless.yml's folder). Check the path.`, offset: definition.offset, length: definition.length } });
  }
  return out;
}
