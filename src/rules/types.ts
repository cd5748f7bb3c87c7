import type { Basis, Severity } from "../diagnostic.js";
import type { ReportOptions } from "../report.js";
export type { ReportOptions } from "../report.js";
import type { MachineContext, MachineType } from "../model/index.js";
import type { Node } from "../parse/tree.js";
import type { ParsedDocument } from "../parse/index.js";
import type { Finding } from "../report.js";
import type { TemplateContext } from "../sources/types.js";

export type { MachineType, PeerDefinition } from "../model/index.js";

export interface RuleMeta {
  /** kebab-case id, also the fixtures folder name. */
  id: string;
  /** AWS's diagnostic code where AWS has one; defaults to the id in upper snake case. */
  code?: string;
  severity: Severity;
  /**
   * What the default severity rests on: AWS rejects it, it fails every run, AWS warns, AWS
   * accepts it, or AWS's behaviour is unknown (the severity policy; Basis). `source` cites the fact.
   */
  basis: Basis;
  /** Findings the rule reports at another severity (or on another basis), each with its basis. */
  findings?: readonly FindingKind[];
  /** One line: what the rule checks. */
  description: string;
  /** Why it matters: what AWS does with such a definition. */
  rationale: string;
  /** Where the fact comes from (spec section, quota, API model). */
  source?: string;
  /** A definition that fires the rule and one that does not: printed in docs/rules.md, linted by test/examples.test.ts. */
  examples?: { fail: RuleExample; pass: RuleExample };
  /**
   * The rule judges the whole graph (reachability, terminal states): it is skipped when the
   * text could not be parsed completely, since half a document would give false findings.
   */
  wholeDocument?: boolean;
}

/** One kind of finding a rule reports besides its default (docs/rules.md lists them). */
export interface FindingKind {
  severity: Severity;
  basis: Basis;
  /** Which findings, in a few words. */
  what: string;
}

/**
 * A definition a rule's documentation shows: its JSON text, or the text with what it is linted
 * with. Examples are linted by test/examples.test.ts: a fail example fires its rule, a pass
 * example fires neither it nor any ERROR or WARNING.
 */
export type RuleExample = string | ExampleDefinition;

export interface ExampleDefinition {
  /** The text; or, for one too large or too odd to print, a function that builds it (then `note` says what it is). */
  definition: string | (() => string);
  /** What the docs say about the example: the whole of a built one, a line above a printed one. */
  note?: string;
  /** Linted as this workflow type (STANDARD by default). */
  type?: MachineType;
  /** The file name: `.yaml` lints as YAML, and the name is the state machine's name for nested executions. */
  filename?: string;
  /** Other definitions linted in the same run (the children of nested executions). */
  peers?: readonly { filename: string; definition: string; type?: MachineType }[];
}

/** What a rule sees: the model (with the type, file name and peers of this lint) and the parsed document. */
export interface RuleContext extends MachineContext {
  readonly doc: ParsedDocument;
  /** Examples of the execution input, when the lint was given some (`<definition>.input.json`). */
  readonly inputs?: readonly unknown[];
  /** The template the definition sits in (CloudFormation, SAM, Serverless, Terraform), for the template cross-checks. */
  readonly template?: TemplateContext;
  report(node: Node, message: string, options?: ReportOptions): void;
  /** Reports findings a model analysis located (the schema check, path parsers). */
  reportAll(findings: Iterable<Finding>): void;
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): void;
}
