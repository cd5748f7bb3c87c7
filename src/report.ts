/**
 * Turning "this node is wrong" into a located diagnostic: the part shared by the definition
 * linter (lint.ts) and the API request checks (requests/). A node becomes an offset and length
 * (its value, its key, part of a string with escapes mapped, or an explicit range), then
 * AWS's slash location and an LSP range.
 */
import { locationOf, stringOffsetMapper, type Node, type ParsedDocument, memberOf } from "./parse/index.js";
import { compareDiagnostics, type Diagnostic, type Fix, type Severity } from "./diagnostic.js";

/** How a report about a node is located, and what it may change of the rule's defaults. */
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

/** A rule's severity as the user sets it (`--rule ID=...`, `.aslintrc.json` "rules"). */
export type RuleSetting = "off" | "info" | "warn" | "error";

const SETTING_SEVERITY: Record<Exclude<RuleSetting, "off">, Severity> = { info: "INFO", warn: "WARNING", error: "ERROR" };

/** The severity a report gets under the user's setting of its rule: undefined when the rule is off. */
export function severityUnder(setting: RuleSetting | undefined, wanted: Severity): Severity | undefined {
  if (setting === "off") return undefined;
  return setting ? SETTING_SEVERITY[setting] : wanted;
}

/** A located finding that a model analysis hands to a rule to report. */
export interface Finding {
  node: Node;
  message: string;
  options?: ReportOptions;
}

export type SpanOptions = Pick<ReportOptions, "key" | "span" | "raw">;

/** Source offset and length a report about `node` covers. */
export function locate(doc: ParsedDocument, node: Node, opts: SpanOptions = {}): { offset: number; length: number } {
  let offset = node.offset;
  let length = node.length;
  if (opts.raw) {
    offset = opts.raw.offset;
    length = opts.raw.length;
  } else if (opts.key && memberOf(node)) {
    offset = node.keyOffset;
    length = node.keyLength;
  } else if (opts.span && node.type === "string") {
    const map = stringOffsetMapper(doc.text, node);
    offset = map(opts.span.start);
    length = Math.max(0, map(opts.span.end) - offset);
    if (opts.span.end > opts.span.start && length === 0) length = 1;
  }
  return { offset, length };
}

export interface DiagnosticSpec {
  rule: string;
  code: string;
  severity: Severity;
  message: string;
  offset: number;
  length: number;
  segments: readonly (string | number)[];
  fixes?: Fix[];
}

/** A diagnostic with its location and range computed from offsets. */
export function diagnosticAt(doc: ParsedDocument, spec: DiagnosticSpec): Diagnostic {
  return {
    rule: spec.rule,
    code: spec.code,
    severity: spec.severity,
    message: spec.message,
    location: locationOf(spec.segments),
    range: doc.lines.range(spec.offset, spec.length),
    offset: spec.offset,
    length: spec.length,
    ...(spec.fixes && spec.fixes.length ? { fixes: spec.fixes } : {}),
  };
}

/** Sorts by position and drops exact repeats (one fault, one diagnostic). Sorts in place. */
export function settle(diagnostics: Diagnostic[]): Diagnostic[] {
  diagnostics.sort(compareDiagnostics);
  return diagnostics.filter(
    (d, i) => i === 0 || !(d.rule === diagnostics[i - 1].rule && d.message === diagnostics[i - 1].message && d.offset === diagnostics[i - 1].offset),
  );
}

/** The deepest node whose span contains the offset (for locating parse problems). */
export function nodeAt(root: Node | undefined, offset: number): Node | undefined {
  let node = root;
  if (!node || offset < node.offset || offset > node.offset + node.length) return undefined;
  for (;;) {
    const children: readonly Node[] = node.properties ?? node.items ?? [];
    let next: Node | undefined;
    for (const child of children) {
      if (offset >= child.offset && offset < child.offset + child.length) {
        next = child;
        break;
      }
      if (memberOf(child) && offset >= child.keyOffset && offset < child.keyOffset + child.keyLength) {
        return child;
      }
    }
    if (!next) return node;
    node = next;
  }
}
