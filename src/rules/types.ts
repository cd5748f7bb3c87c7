import type { Fix, Severity } from "../diagnostic.js";
import type { Machine } from "../model/index.js";
import type { Node } from "../parse/tree.js";
import type { ParsedDocument } from "../parse/index.js";

export type MachineType = "STANDARD" | "EXPRESS";

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

export interface ReportOptions {
  /** Point at the member's key instead of its value. */
  key?: boolean;
  /** Only part of a string value: indexes into the decoded string, end exclusive. */
  span?: { start: number; end: number };
  /** An explicit source range (offsets into the text), when no node fits. */
  raw?: { offset: number; length: number };
  severity?: Severity;
  code?: string;
  fixes?: Fix[];
}

/** What a rule sees: the model, the parsed document and the options of this lint. */
export interface RuleContext {
  readonly machine: Machine;
  readonly doc: ParsedDocument;
  readonly type: MachineType;
  readonly filename?: string;
  /** Other definitions in the same run, by state machine name (for nested-execution checks). */
  readonly peers?: ReadonlyMap<string, PeerDefinition>;
  report(node: Node, message: string, options?: ReportOptions): void;
}

export interface PeerDefinition {
  name: string;
  type: MachineType;
  machine?: Machine;
  filename?: string;
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): void;
}
