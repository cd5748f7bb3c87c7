import type { Range } from "./parse/lines.js";

export type Severity = "ERROR" | "WARNING" | "INFO";

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
  /** The file the range is in, when it is not the linted definition's (a template cross-check pointing into the template). */
  file?: string;
}

export type Result = "OK" | "FAIL";

export interface LintResult {
  result: Result;
  diagnostics: Diagnostic[];
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
