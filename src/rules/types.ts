import type { Severity } from "../diagnostic.js";
import type { ReportOptions } from "../report.js";
export type { ReportOptions } from "../report.js";
import type { MachineContext } from "../model/index.js";
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
  /** One line: what the rule checks. */
  description: string;
  /** Why it matters: what AWS does with such a definition. */
  rationale: string;
  /** Where the fact comes from (spec section, quota, API model). */
  source?: string;
  examples?: { fail: string; pass: string };
  /**
   * The rule judges the whole graph (reachability, terminal states): it is skipped when the
   * text could not be parsed completely, since half a document would give false findings.
   */
  wholeDocument?: boolean;
}


/** What a rule sees: the model (with the type, file name and peers of this lint) and the parsed document. */
export interface RuleContext extends MachineContext {
  readonly doc: ParsedDocument;
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
