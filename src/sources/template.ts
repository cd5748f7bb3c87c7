/**
 * A template (CloudFormation, SAM, CDK output, serverless.yml) parsed into the engine's node
 * tree, positions kept. YAML short tags are read as CloudFormation's long form: `!Ref X` is the
 * object `{"Ref": "X"}` and `!Sub s` is `{"Fn::Sub": s}`, whose key is the tag itself, so that
 * JSON and YAML templates look alike to the readers. Intrinsic functions are data here, never
 * errors.
 */
import { parseJson } from "../parse/json.js";
import { parseYaml } from "../parse/yaml.js";
import { asMember, makeNode, prop, stringValue, type Node } from "../parse/tree.js";
import type { ParseProblem } from "../parse/problems.js";
import type { Reference } from "./types.js";

export interface ParsedTemplate {
  syntax: "json" | "yaml";
  root: Node | undefined;
  problems: ParseProblem[];
}

/** CloudFormation's short-form tags and the long-form key each stands for. */
const SHORT_TAGS: Record<string, string> = {
  "!Ref": "Ref",
  "!Condition": "Condition",
};
const FN_TAGS = ["GetAtt", "Sub", "Join", "If", "Select", "FindInMap", "ImportValue", "GetAZs", "Base64", "Cidr", "Split", "Equals", "And", "Or", "Not", "Transform", "Length", "ToJsonString"];
for (const f of FN_TAGS) SHORT_TAGS[`!${f}`] = `Fn::${f}`;

/** Keys that make an object an intrinsic function call. */
export function intrinsicName(node: Node | undefined): string | undefined {
  if (!node || node.type !== "object" || node.properties!.length !== 1) return undefined;
  const key = node.properties![0].key;
  return key === "Ref" || key === "Condition" || key.startsWith("Fn::") ? key : undefined;
}

export function parseTemplate(text: string, syntax: "json" | "yaml"): ParsedTemplate {
  if (syntax === "json") {
    const { root, problems } = parseJson(text);
    return { syntax, root, problems };
  }
  const { root, problems } = parseYaml(text, { tagged: longForm });
  return { syntax, root, problems };
}

/** A node with a short-form tag (`!Ref X`) as the long form (`{"Ref": "X"}`), whose key is the tag. */
export function longForm(tag: string, node: Node, tagOffset: number): Node {
  const key = SHORT_TAGS[tag];
  if (!key) return node;
  const call = makeNode("object", tagOffset, node.offset + node.length - tagOffset);
  node.parent = call;
  call.properties!.push(asMember(node, key, tagOffset, tag.length));
  return call;
}

/** What an intrinsic function call refers to: `Ref X`, `GetAtt X.Attr` (either form), a Sub of exactly one `${Name}`. */
export function referenceOf(node: Node | undefined): Reference | undefined {
  const fn = intrinsicName(node);
  if (!fn) return undefined;
  const arg = node!.properties![0];
  if (fn === "Ref") return { fn: "Ref", target: stringValue(arg) };
  if (fn === "Fn::GetAtt") {
    if (arg.type === "string") {
      const s = arg.value as string;
      const dot = s.indexOf(".");
      return dot > 0 ? { fn: "GetAtt", target: s.slice(0, dot), attribute: s.slice(dot + 1) } : { fn: "GetAtt", target: s };
    }
    if (arg.type === "array") return { fn: "GetAtt", target: stringValue(arg.items![0]), attribute: stringValue(arg.items![1]) };
    return { fn: "GetAtt" };
  }
  if (fn === "Fn::Sub" && arg.type === "string") {
    const m = /^\$\{([^}!][^}]*)\}$/.exec(arg.value as string);
    if (m) {
      const dot = m[1].indexOf(".");
      return dot > 0 ? { fn: "GetAtt", target: m[1].slice(0, dot), attribute: m[1].slice(dot + 1) } : { fn: "Ref", target: m[1] };
    }
    return { fn: "Sub" };
  }
  return { fn: fn.replace(/^Fn::/, "") };
}

/** The placeholder text that stands for an intrinsic call in a definition: `${X}`, `${X.Arn}`, `${Fn::If}`. */
export function placeholderFor(node: Node): string {
  const ref = referenceOf(node);
  if (ref?.target && (ref.fn === "Ref" || ref.fn === "GetAtt")) return "${" + ref.target + (ref.attribute ? "." + ref.attribute : "") + "}";
  return "${" + (intrinsicName(node) ?? "value") + "}";
}

/** Follows member names from `node`; undefined as soon as one is missing. */
export function path(node: Node | undefined, ...names: string[]): Node | undefined {
  let n = node;
  for (const name of names) n = prop(n, name);
  return n;
}
