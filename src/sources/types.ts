import type { Node } from "../parse/tree.js";
import type { LineIndex } from "../parse/lines.js";
import type { ParseProblem } from "../parse/problems.js";
import type { Severity } from "../diagnostic.js";
import type { SegmentMap } from "./segments.js";

export type MachineType = "STANDARD" | "EXPRESS";

/** What kind of file holds a state machine. */
export type SourceKind = "asl" | "cloudformation" | "sam" | "serverless" | "terraform";

/** Reading the files a template names (SAM DefinitionUri, Terraform file(), modules), injected by the caller. */
export interface SourceHost {
  /** The text of a file (path as given, relative paths from the working directory), or undefined when it cannot be read. */
  readFile(path: string): string | undefined;
  /** Names of the entries of a directory ([] when it cannot be read). */
  listDir?(path: string): string[];
}

/** A value of the template that stands for something only known at deploy time. */
export interface Reference {
  /** `Ref`, `GetAtt`, `Sub` (a `${Name}` inside Fn::Sub), or another intrinsic function / interpolation. */
  fn: string;
  /** Logical id (or parameter, pseudo parameter, variable) it names, when it names one. */
  target?: string;
  /** GetAtt's attribute. */
  attribute?: string;
}

/** A range of the linted text (virtual or template offsets) whose placeholders the template tool itself fills in. */
export interface Resolved {
  offset: number;
  length: number;
  reference?: Reference;
}

/** One entry of `DefinitionSubstitutions` (or of Terraform `templatefile()` / `template_file` vars). */
export interface Substitution {
  key: string;
  /** The key's range in the template text. */
  keyOffset: number;
  keyLength: number;
  /** What the value refers to, when it is `!Ref X`, `!GetAtt X.Attr` or a Sub of one name. */
  reference?: Reference;
  /** The value when it is a plain scalar. */
  literal?: string | number | boolean;
}

/** A `${Name}` inside an Fn::Sub string of the definition, and the names Fn::Sub may use there. */
export interface SubReference {
  /** Range of the name in the linted text. */
  offset: number;
  length: number;
  name: string;
  /** Variables of the `[string, {vars}]` form. */
  variables: ReadonlySet<string>;
}

/**
 * What a template tells about one of its definitions, for the template cross-check rules: the
 * substitutions it defines, which placeholders it fills in itself, its resources.
 */
export interface TemplateContext {
  kind: SourceKind;
  /** The template file (display path) and its text and lines: template-side findings land there. */
  file: string;
  text: string;
  lines: LineIndex;
  /** Logical id / Serverless key / Terraform address of the state machine. */
  name?: string;
  /** Range of the property that holds the definition (`Definition`, `DefinitionUri`, `definition`), in the template. */
  property?: { name: string; offset: number; length: number };
  /**
   * How placeholders the template does not fill in itself are replaced before AWS sees the
   * definition: `DefinitionSubstitutions` (CloudFormation and SAM), `templatefile` (Terraform
   * templatefile() and template_file vars); undefined when nothing replaces them.
   */
  substitutionMode?: "DefinitionSubstitutions" | "templatefile";
  substitutions: ReadonlyMap<string, Substitution>;
  /** Where the substitutions are defined (the key's range in the template), for "defined and never used". */
  substitutionsAt?: { offset: number; length: number };
  resolved: readonly Resolved[];
  subReferences: readonly SubReference[];
  /** Names the template tool reads besides the `${Name}` placeholders (Terraform: inside `${expression}` and `%{ if }` directives): a variable named there is used. */
  usedNames?: ReadonlySet<string>;
  /** Offsets (in the linted text) of the string nodes that stand for a bare placeholder (`"Seconds": ${Wait}`, read as a string). */
  bare?: ReadonlySet<number>;
  /** Logical ids of the template's resources, with their types. */
  resources: ReadonlyMap<string, string>;
  /** Names of the template's parameters. */
  parameters: ReadonlySet<string>;
}

/** What is linted for one definition. */
export type DefinitionBody =
  /** A text: the definition file itself, or a virtual text read out of the template with its map. */
  | { kind: "text"; text: string; map?: SegmentMap; syntax: "json" | "yaml" }
  /** A subtree of the template (an inline `Definition` object): its offsets are the template's. */
  | { kind: "tree"; root: Node; syntax: "json" | "yaml"; problems: ParseProblem[] };

/** A note about a definition that could not be read (S3 location, a missing file, a form not understood). */
export interface SourceNote {
  rule: "definition-not-found";
  severity: Severity;
  message: string;
  /** Where, in the template. */
  offset: number;
  length: number;
}

/** One state machine definition and where it lives. */
export interface DefinitionSource {
  kind: SourceKind;
  /** The file the resource is declared in (display path as given). */
  template: string;
  /** Logical id, Serverless key or Terraform address; undefined for a standalone definition file. */
  name?: string;
  /** The module call a Terraform resource is reached through (`module.X`), when there is one. */
  via?: string;
  /** Workflow type as the template states it; undefined when it does not. */
  type?: MachineType;
  /** The file whose text holds the definition (diagnostics land there) and that text. */
  file: string;
  fileText: string;
  /** Undefined when the definition cannot be read: see `note`. */
  body?: DefinitionBody;
  note?: SourceNote;
  context?: TemplateContext;
}
