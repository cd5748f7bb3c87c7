import type { Range } from "./parse/lines.js";

export type Severity = "ERROR" | "WARNING" | "INFO";

/**
 * What a finding's severity rests on (the severity policy, docs/rules.md):
 * - `rejected`: AWS refuses the definition or the request (CreateStateMachine,
 *   ValidateStateMachineDefinition, the API call);
 * - `deploy-rejected`: the deploy tool refuses it before Step Functions sees the definition
 *   (CloudFormation or SAM rejects the template, Terraform's templatefile() fails,
 *   serverless-step-functions refuses to deploy); ValidateStateMachineDefinition never returns it;
 * - `fails-every-run`: AWS accepts it, but the state (or the execution) fails every time it runs;
 * - `aws-warning`: AWS accepts it and ValidateStateMachineDefinition returns a WARNING about it;
 * - `accepted`: AWS accepts it and it may run; aslint warns about a likely bug;
 * - `unknown`: what AWS does with it is not on record;
 * - `unreadable`: `aslint redrive` only: the file is not the AWS CLI output it reads, so no
 *   verdict can be given.
 * Only `rejected`, `deploy-rejected`, `fails-every-run` and `unreadable` may be an ERROR; `accepted` and `unknown`
 * are at most a WARNING (test/severity-policy.test.ts).
 */
export type Basis = "rejected" | "deploy-rejected" | "fails-every-run" | "aws-warning" | "accepted" | "unknown" | "unreadable";

export const BASES: readonly Basis[] = ["rejected", "deploy-rejected", "fails-every-run", "aws-warning", "accepted", "unknown", "unreadable"];

/** The bases that allow an ERROR. */
export function allowsError(basis: Basis): boolean {
  return basis === "rejected" || basis === "deploy-rejected" || basis === "fails-every-run" || basis === "unreadable";
}

/**
 * A finding as AWS's ValidateStateMachineDefinition returns it: AWS's code, message and
 * location convention (docs: ../shared/reference/aws-validation-messages.md §4). Set on the
 * findings AWS itself would return (basis `rejected` or `aws-warning`), for `--format aws`.
 */
export interface AwsDiagnostic {
  severity: "ERROR" | "WARNING";
  code: string;
  message: string;
  /** AWS's slash location; absent where AWS gives none (it omits the member). */
  location?: string;
  /** Source offset of what the location names: AWS lists diagnostics in document order within a phase. */
  offset: number;
  /** AWS's check order: 0 parsing, 1 schema, 2 transition targets, 3 terminal state, 4 reachability. */
  phase: number;
  /** A missing field: AWS names every missing field of one object in one "These fields are required: [...]". */
  required?: string;
}

export type { Edit, Fix } from "./parse/edits.js";
import type { Fix } from "./parse/edits.js";

/** One finding, in the shape every output format and the language server share. */
export interface Diagnostic {
  /** Rule id, kebab-case. */
  rule: string;
  /** AWS's diagnostic code where AWS has one, else the rule id in upper snake case. */
  code: string;
  severity: Severity;
  message: string;
  /** AWS's slash path: `/States/Check/Choices[0]/Next`. */
  location: string;
  /** 0-based LSP range on the key or value at fault. */
  range: Range;
  /** Source offsets of the range (for fixes and code frames; not part of the JSON contract). */
  offset?: number;
  length?: number;
  /** Quick fixes, when the fix is clear (not part of the JSON contract). */
  fixes?: Fix[];
  /** What the severity rests on (not part of the JSON contract). */
  basis?: Basis;
  /** How AWS itself reports this finding, when it does (`--format aws`; not part of the JSON contract). */
  aws?: AwsDiagnostic;
  /** The file the range is in, when it is not the linted definition's (a template cross-check pointing into the template). */
  file?: string;
}

export type Result = "OK" | "FAIL";

export interface LintResult {
  result: Result;
  diagnostics: Diagnostic[];
  /**
   * Findings only AWS reports, besides the `aws` renderings of the diagnostics: AWS's own
   * consequences of a fault aslint reports once (every state unreachable after a StartAt that
   * names no state, a missing terminal state beside a dangling transition). For `--format aws`.
   */
  awsOnly?: AwsDiagnostic[];
}

export function resultOf(diagnostics: readonly Diagnostic[]): Result {
  return diagnostics.some((d) => d.severity === "ERROR") ? "FAIL" : "OK";
}

export function upperSnake(id: string): string {
  return id.replace(/-/g, "_").toUpperCase();
}

/** Orders diagnostics by position, then rule, so output is stable. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}
