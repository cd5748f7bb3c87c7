/**
 * Turning "this node is wrong" into a located diagnostic: the part shared by the definition
 * linter (lint.ts) and the API request checks (requests/). A node becomes an offset and length
 * (its value, its key, part of a string with escapes mapped, or an explicit range), then
 * AWS's slash location and an LSP range.
 */
import { LineIndex, locationOf, pathOf, stringOffsetMapper, type Node, type ParsedDocument, memberOf } from "./parse/index.js";
import { AWS_CODES, SCHEMA_VALIDATION_FAILED } from "./aws/messages.js";
import { compareDiagnostics, type AwsDiagnostic, type Basis, type Diagnostic, type Fix, type Severity } from "./diagnostic.js";

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
  /** The finding's basis, where the rule declares more than one at this severity (RuleMeta.findings). */
  basis?: Basis;
  /** How AWS reports the finding, where it differs from aslint's code, message or location; `false`: AWS does not. */
  aws?: AwsRendering | false;
  /**
   * A range of the template around the definition instead (template cross-checks): offsets into
   * the template's text, and the path of the template property for `location`.
   */
  template?: { offset: number; length: number; segments: readonly (string | number)[] };
}

/**
 * AWS's rendering of a finding (`--format aws`): by default aslint's code and message at the
 * reported node's location.
 */
export interface AwsRendering {
  code?: string;
  message?: string;
  /** The node AWS's location names (the containing object, the state, the payload object...). */
  at?: Node;
  /** AWS's location as text, where it is not a node's path; `null`: AWS gives none. */
  location?: string | null;
  /** A missing field, listed with the others of the same object in one diagnostic. */
  required?: string;
  /** AWS's check order (AwsDiagnostic.phase); default 1, the schema. */
  phase?: number;
  /** Only AWS reports it: aslint reports the fault once, elsewhere (LintResult.awsOnly). */
  only?: boolean;
}

/** The AWS diagnostic of a finding whose basis AWS reports: `rejected` (ERROR) or `aws-warning` (WARNING). */
export function awsDiagnosticOf(
  basis: Basis,
  rendering: AwsRendering | false | undefined,
  fallback: { code: string; message: string; segments: readonly (string | number)[]; offset: number },
): AwsDiagnostic | undefined {
  if (rendering === false || (basis !== "rejected" && basis !== "aws-warning")) return undefined;
  const r = rendering ?? {};
  const out: AwsDiagnostic = {
    severity: basis === "rejected" ? "ERROR" : "WARNING",
    code: r.code ?? (AWS_CODES.has(fallback.code) ? fallback.code : SCHEMA_VALIDATION_FAILED),
    message: r.message ?? fallback.message,
    offset: r.at ? r.at.offset : fallback.offset,
    phase: r.phase ?? 1,
  };
  if (typeof r.location === "string") out.location = r.location;
  else if (r.location !== null) out.location = locationOf(r.at ? pathOf(r.at) : fallback.segments);
  if (r.required !== undefined) out.required = r.required;
  return out;
}

/** A rule's severity as the user sets it (`--rule ID=...`, `.aslintrc.json` "rules"). */
export type RuleSetting = "off" | "info" | "warn" | "error";

const SETTING_SEVERITY: ReadonlyMap<string, Severity> = new Map([["info", "INFO"], ["warn", "WARNING"], ["error", "ERROR"]]);

/** The severity a report gets under the user's setting of its rule: undefined when the rule is off (a setting that is none of these leaves the rule's own). */
export function severityUnder(setting: RuleSetting | undefined, wanted: Severity): Severity | undefined {
  if (setting === "off") return undefined;
  return (setting && SETTING_SEVERITY.get(setting)) || wanted;
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
    const map = mapperFor(doc, node);
    offset = map(opts.span.start);
    length = Math.max(0, map(opts.span.end) - offset);
    if (opts.span.end > opts.span.start && length === 0) length = 1;
  }
  return { offset, length };
}

/**
 * The offset mapper of the string last located in each document: the reports about one string
 * (a path with thousands of bad segments) come one after another, and making the mapper reads the
 * whole string. Keyed by the document, which lives as long as its lint (nodes are recycled).
 */
const lastMapper = new WeakMap<ParsedDocument, { node: Node; map: (index: number) => number }>();

function mapperFor(doc: ParsedDocument, node: Node): (index: number) => number {
  const last = lastMapper.get(doc);
  if (last && last.node === node) return last.map;
  const map = stringOffsetMapper(doc.text, node);
  lastMapper.set(doc, { node, map });
  return map;
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
  basis?: Basis;
  aws?: AwsDiagnostic;
}

/** A diagnostic with its location and range computed from offsets (kept inside the text). */
export function diagnosticAt(doc: Pick<ParsedDocument, "lines">, spec: DiagnosticSpec): Diagnostic {
  const size = doc.lines.text.length;
  const offset = Math.min(Math.max(0, spec.offset), size);
  const length = Math.min(Math.max(0, spec.length), size - offset);
  return {
    rule: spec.rule,
    code: spec.code,
    severity: spec.severity,
    message: spec.message,
    location: locationOf(spec.segments),
    range: doc.lines.range(offset, length),
    offset,
    length,
    ...(spec.fixes && spec.fixes.length ? { fixes: spec.fixes } : {}),
    ...(spec.basis ? { basis: spec.basis } : {}),
    ...(spec.aws ? { aws: spec.aws } : {}),
  };
}

/** Rule id of the diagnostic that stands for a failure inside aslint: a bug, never a finding about the text. */
export const INTERNAL_ERROR = "internal-error";

/**
 * The one ERROR that replaces a check that failed inside aslint (`failed`: the rule, or the
 * stage, that threw): the engine never throws, and the other checks still report. At the
 * start of the text, since the failure says nothing about any place in it.
 */
export function internalError(lines: LineIndex | undefined, text: string, failed: string, error: unknown, severity: Severity = "ERROR"): Diagnostic {
  const what = describeError(error);
  return {
    rule: INTERNAL_ERROR,
    code: "INTERNAL_ERROR",
    severity,
    message: `aslint failed inside ${failed} (${what.length > 200 ? what.slice(0, 197) + "..." : what}), so that check is missing from these results; the other checks ran. This is a bug in aslint: please report it with the definition that caused it.`,
    location: "/",
    range: (lines ?? new LineIndex(text)).range(0, 0),
    offset: 0,
    length: 0,
    basis: "internal",
  };
}

/** What was thrown, in a few words; never throws itself (a thrown object may have no prototype). */
function describeError(error: unknown): string {
  try {
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  } catch {
    return "an unprintable value was thrown";
  }
}

/** Sorts by position and drops exact repeats (one fault, one diagnostic). Sorts in place. */
export function settle(diagnostics: Diagnostic[]): Diagnostic[] {
  diagnostics.sort(compareDiagnostics);
  return diagnostics.filter(
    (d, i) => i === 0 || !(d.rule === diagnostics[i - 1].rule && d.message === diagnostics[i - 1].message && d.offset === diagnostics[i - 1].offset),
  );
}

/**
 * `nodeAt` for many offsets in one tree (every parse problem of a broken text): a node with
 * many children, in source order as parsers make them, is searched by bisection instead of a
 * scan (a scan per problem was quadratic in a text of a hundred thousand broken members).
 */
export function nodeLocator(root: Node | undefined): (offset: number) => Node | undefined {
  const ordered = new Map<Node, boolean>();
  const start = (c: Node): number => (memberOf(c) && c.keyOffset >= 0 && c.keyOffset < c.offset ? c.keyOffset : c.offset);
  const inOrder = (children: readonly Node[]): boolean => {
    for (let i = 1; i < children.length; i++) {
      const prev = children[i - 1];
      if (start(children[i]) < Math.max(prev.offset + prev.length, memberOf(prev) ? prev.keyOffset + prev.keyLength : 0)) return false;
    }
    return true;
  };
  return (offset) => {
    let node = root;
    if (!node || offset < node.offset || offset > node.offset + node.length) return undefined;
    for (;;) {
      const children: readonly Node[] = node.properties ?? node.items ?? [];
      let sorted = children.length > 16 ? ordered.get(node) : false;
      if (sorted === undefined) ordered.set(node, (sorted = inOrder(children)));
      let next: Node | undefined;
      if (!sorted) {
        // as nodeAt: the first child that holds the offset in its value, or in its key
        for (const child of children) {
          if (offset >= child.offset && offset < child.offset + child.length) {
            next = child;
            break;
          }
          if (memberOf(child) && offset >= child.keyOffset && offset < child.keyOffset + child.keyLength) return child;
        }
      } else {
        // the last child that starts at or before the offset is the only one that can hold it
        let lo = 0;
        let hi = children.length - 1;
        let at = -1;
        while (lo <= hi) {
          const mid = (lo + hi) >> 1;
          if (start(children[mid]) <= offset) {
            at = mid;
            lo = mid + 1;
          } else hi = mid - 1;
        }
        const child = at >= 0 ? children[at] : undefined;
        if (child && offset >= child.offset && offset < child.offset + child.length) next = child;
        else if (child && memberOf(child) && offset >= child.keyOffset && offset < child.keyOffset + child.keyLength) return child;
      }
      if (!next) return node;
      node = next;
    }
  };
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

/** A rule's metadata as far as the severity policy reads it. */
export interface BasisMeta {
  severity: Severity;
  basis: Basis;
  findings?: readonly { severity: Severity; basis: Basis }[];
}

/**
 * The basis of a finding: the one it names, else the one its rule declares for the severity it
 * is reported at (the default, or a finding kind); `unknown` when the rule declares none
 * (test/severity-policy.test.ts fails on such a finding).
 */
export function basisFor(meta: BasisMeta, wanted: Severity, explicit?: Basis): Basis {
  if (explicit) return explicit;
  if (wanted === meta.severity) return meta.basis;
  return meta.findings?.find((k) => k.severity === wanted)?.basis ?? "unknown";
}

/** Jackson's location text for a parse error (AWS's INVALID_JSON_DESCRIPTION location): the definition, line and column. */
export function jacksonLocation(doc: ParsedDocument, offset: number): string {
  const MAX = 500;
  const text = doc.text;
  const shown = text.length > MAX ? `"${text.slice(0, MAX)}"[truncated ${text.length - MAX} chars]` : `"${text}"`;
  const pos = doc.lines.range(offset, 0).start;
  // Jackson reports the column after the character it stopped at, counting from 1
  return `[Source: (String)${shown}; line: ${pos.line + 1}, column: ${pos.character + 2}]`;
}
