/**
 * Sources: a file -> the state machine definitions it holds. A standalone definition (JSON or
 * YAML with StartAt and States) is one source; a CloudFormation/SAM/CDK template, a
 * serverless.yml or a Terraform file holds any number, each with where it lives, its workflow
 * type, its substitutions, and a map from the definition's positions back to the file.
 */
import { syntaxFor } from "../parse/index.js";
import { prop, stringValue } from "../parse/tree.js";
import { parseTemplate } from "./template.js";
import { cloudFormationSources, indexOfJsonOutline, indexOfOutline, indexOfTree, isCloudFormation } from "./cloudformation.js";
import { isServerless, serverlessOutline, serverlessSources } from "./serverless.js";
import type { DefinitionSource, SourceHost } from "./types.js";

export * from "./types.js";
export { SegmentMap, VirtualText, placeholdersIn } from "./segments.js";

/** What a file is, judged by its name and a glance at its text (no parse). */
export type FileKind = "terraform" | "definition-or-template";

export function isTerraformFile(path: string): boolean {
  return /\.tf$/i.test(path);
}

/** Is the text (by a cheap look) possibly a template that holds state machines? */
export function mayHoldStateMachines(text: string): boolean {
  return text.includes("AWS::StepFunctions::StateMachine") || text.includes("AWS::Serverless::StateMachine") || (text.includes("stepFunctions") && text.includes("stateMachines"));
}

/** A cheap look for a directory walk: a template or serverless.yml that declares a state machine, or a .tf file with aws_sfn_state_machine. */
export function looksLikeTemplate(text: string, name: string): boolean {
  if (isTerraformFile(name)) return /\bresource\s+"aws_sfn_state_machine"/.test(text);
  return mayHoldStateMachines(text) && /^\s*["']?(Resources|stepFunctions)["']?\s*:/m.test(text);
}

/** Top-level keys that make a JSON or YAML file a template rather than a definition. */
const TEMPLATE_KEYS = ["Resources", "AWSTemplateFormatVersion", "Transform", "stepFunctions", "service", "provider"];

/**
 * The definitions a JSON or YAML file holds. A file that is neither a template nor has
 * StartAt/States is still returned as a definition (so that what is wrong with it is said).
 * A template that holds no state machine gives none.
 */
export function sourcesOf(file: string, text: string, host: SourceHost): DefinitionSource[] {
  const trivial: DefinitionSource = { kind: "asl", template: file, file, fileText: text, body: { kind: "text", text, syntax: syntaxFor(file, text) } };
  if (!mayHoldStateMachines(text)) {
    // no state machine can be in it: a definition (StartAt is the cheap sign, a 1 MB one is not scanned
    // by a regular expression), a template without one (none), or something else, linted as a definition
    if (text.includes("StartAt") || !/^\s*["']?(Resources|AWSTemplateFormatVersion|Transform|stepFunctions|service|provider)["']?\s*:/m.test(text)) return [trivial];
  }
  const syntax = syntaxFor(file, text);
  // a YAML template: its state machine resources alone, when its outline can be read (a YAML parse is slow)
  if (syntax === "yaml" && mayHoldStateMachines(text)) {
    const index = indexOfOutline(text);
    if (index && index.machines.length) return cloudFormationSources(file, text, index, host);
    const sls = serverlessOutline(file, text, host);
    if (sls) return sls;
  }
  // a JSON template (CDK output): its state machine resources alone, found without parsing the rest
  if (syntax === "json" && mayHoldStateMachines(text) && text.includes('"Resources"')) {
    const index = indexOfJsonOutline(text);
    if (index && index.machines.length) return cloudFormationSources(file, text, index, host);
  }
  const template = parseTemplate(text, syntax);
  const root = template.root;
  if (!root || root.type !== "object") return [trivial];
  if (prop(root, "StartAt") || prop(root, "States")) return [trivial];
  if (isCloudFormation(root)) return cloudFormationSources(file, text, indexOfTree(template), host);
  if (isServerless(root)) return serverlessSources(file, text, template, host);
  if (TEMPLATE_KEYS.some((k) => prop(root, k) !== undefined) || stringValue(prop(root, "AWSTemplateFormatVersion"))) return [];
  return [trivial];
}
export { substitute } from "./substitute.js";
