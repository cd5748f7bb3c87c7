import { LineIndex, memberOf, parseDocumentText, pathOf, syntaxFor, walk, type Node, type ParsedDocument, type ParseProblem, type Syntax } from "./parse/index.js";
import type { TemplateContext } from "./sources/types.js";
import { DEFINITION_MAX_CHARS } from "./aws/limits.js";
import { toValue, withRecycledNodes } from "./parse/tree.js";
import { buildMachine, disposeMachine, type Machine } from "./model/index.js";
import { rules as allRules, rulesById } from "./rules/index.js";
import type { MachineType, PeerDefinition, ReportOptions, Rule, RuleContext } from "./rules/types.js";
import { compareDiagnostics, resultOf, upperSnake, type AwsDiagnostic, type Diagnostic, type LintResult, type Severity } from "./diagnostic.js";
import {
  awsDiagnosticOf,
  basisFor,
  diagnosticAt,
  INTERNAL_ERROR,
  internalError,
  jacksonLocation,
  locate,
  nodeLocator,
  settle,
  severityUnder,
  type AwsRendering,
  type Finding,
  type RuleSetting,
} from "./report.js";
import { shareKeys } from "./parse/scan.js";
import { fields } from "./generated/schema.js";
import { NOT_A_JSON_OBJECT, duplicateStateName } from "./aws/messages.js";
import { applySuppressions, type LocationSuppression, type SuppressedDiagnostic } from "./suppress.js";

// every field name of the schema: the keys rules compare with literals (see shareKeys)
for (const names of Object.values(fields)) shareKeys(names);

export type { RuleSetting } from "./report.js";

export interface LintOptions {
  /** File name: picks JSON or YAML, and appears in no diagnostic. */
  filename?: string;
  /** STANDARD (default) or EXPRESS: the limits that apply. */
  type?: MachineType;
  /** Per-rule severity overrides, by rule id. */
  rules?: Record<string, RuleSetting>;
  /** Other definitions of the same run, by state machine name (nested-execution checks). */
  peers?: ReadonlyMap<string, PeerDefinition>;
  /** Examples of the execution input (JSON values): the data-flow rule follows them state by state. */
  inputs?: readonly unknown[];
  /**
   * Suppress findings: the config's `"suppressions"` that apply to this file (see suppress.ts),
   * and the text's `# aslint-disable-next-line` comments (YAML). Absent: nothing is suppressed
   * (the CLI suppresses file by file, over every definition a template holds); `[]`: the
   * comments alone.
   */
  suppressions?: readonly LocationSuppression[];
  /**
   * A definition already parsed inside `text` (a template's inline `Definition` object): this
   * subtree is linted, with the text's offsets and lines. (src/sources reads templates.)
   */
  tree?: { root: Node; syntax: Syntax; problems: ParseProblem[] };
  /** The template around the definition, for the template cross-check rules. */
  template?: TemplateContext;
}

export interface LintOutput extends LintResult {
  /** The findings a suppression silenced (not in `diagnostics`). */
  suppressed?: SuppressedDiagnostic[];
  /** The parsed document and the model, for editor features. Undefined when the text is not an object. */
  doc: ParsedDocument;
  machine?: Machine;
}

/** Syntax problems after which the parsed tree may lack parts of the document. */
const FATAL_SYNTAX = new Set(["invalid-json", "invalid-yaml", "too-deeply-nested"]);

/**
 * Lint a definition. Pure and synchronous: no I/O, no clock, no randomness. Never throws: a
 * failure inside a rule becomes one `internal-error` diagnostic naming it, and the other rules
 * still report.
 */
export function lint(text: string, options: LintOptions = {}): LintResult & Pick<LintOutput, "suppressed"> {
  // the tree dies here: its nodes are recycled for the next lint (see withRecycledNodes)
  return withRecycledNodes(() => {
    const { result, diagnostics, awsOnly, machine, suppressed } = lintDocument(text, options);
    // the model dies here too: emptied, it keeps no young object alive (see disposeMachine)
    if (machine) disposeMachine(machine);
    return { result, diagnostics, ...(awsOnly ? { awsOnly } : {}), ...(suppressed ? { suppressed } : {}) };
  });
}

/** Lint, and keep the parsed document and model (the language server reuses them). */
export function lintDocument(text: string, options: LintOptions = {}): LintOutput {
  const diagnostics: Diagnostic[] = [];
  let doc: ParsedDocument;
  try {
    doc = options.tree
      ? { text, syntax: options.tree.syntax, root: options.tree.root, problems: options.tree.problems, lines: new LineIndex(text), size: definitionSize(options.tree.root, text) }
      : parseDocumentText(text, options.filename);
  } catch (e) {
    const lines = new LineIndex(text);
    diagnostics.push(...failure(options, lines, text, "the parser", e));
    return finish({ text, syntax: options.tree?.syntax ?? syntaxFor(options.filename, text), root: undefined, problems: [], lines }, diagnostics, [], options);
  }
  try {
    return check(doc, options, diagnostics);
  } catch (e) {
    // outside any one rule (locating the parse problems, sorting): the findings so far stand
    const kept = diagnostics.filter((d) => d && d.range);
    kept.push(...failure(options, doc.lines, text, "the engine", e));
    // suppressions still apply to what was found
    return finish(doc, kept, [], options);
  }
}

/** The `internal-error` diagnostic of a stage or rule that threw, under the user's setting of that rule (none when it is off). */
function failure(options: LintOptions, lines: LineIndex, text: string, failed: string, e: unknown): Diagnostic[] {
  const severity = severityUnder(ownSetting(options.rules, INTERNAL_ERROR), "ERROR");
  return severity ? [internalError(lines, text, failed, e, severity)] : [];
}

/** The caller's setting of a rule: only the object's own members count (never one it inherits). */
function ownSetting(settings: LintOptions["rules"], id: string): RuleSetting | undefined {
  return settings && Object.hasOwn(settings, id) ? settings[id] : undefined;
}

function check(doc: ParsedDocument, options: LintOptions, diagnostics: Diagnostic[]): LintOutput {
  const template = options.template;
  const awsOnly: AwsDiagnostic[] = [];
  const settingOf = (rule: Rule): RuleSetting | undefined => ownSetting(options.rules, rule.meta.id);

  const severityFor = (rule: Rule, wanted: Severity): Severity | undefined => severityUnder(settingOf(rule), wanted);

  const push = (rule: Rule, offset: number, length: number, segments: (string | number)[], message: string, opts: ReportOptions = {}) => {
    const wanted = opts.severity ?? rule.meta.severity;
    const severity = severityFor(rule, wanted);
    if (!severity) return;
    const code = opts.code ?? rule.meta.code ?? upperSnake(rule.meta.id);
    // the basis decides whether AWS itself reports the finding, whatever the user's severity
    const basis = basisFor(rule.meta, wanted, opts.basis);
    const aws = awsDiagnosticOf(basis, opts.aws, { code, message, segments, offset });
    if (opts.aws && opts.aws.only) {
      if (aws) awsOnly.push(aws);
      return;
    }
    const spec = { rule: rule.meta.id, code, severity, message, offset, length, segments, fixes: opts.fixes, basis, aws };
    // a template cross-check may point into the template (an unused substitution's key)
    if (opts.template && template) {
      const at = { ...spec, ...opts.template, segments: opts.template.segments, fixes: undefined, aws: undefined };
      diagnostics.push({ ...diagnosticAt({ lines: template.lines }, at), file: template.file });
    } else diagnostics.push(diagnosticAt(doc, spec));
  };

  const cascade = cascadeOf(doc);
  const nodeAt = nodeLocator(doc.root);
  for (const problem of doc.problems) {
    if (cascade.has(problem)) continue;
    const rule = rulesById.get(problem.rule)!;
    const node = nodeAt(problem.offset);
    const segments = node ? pathOf(node) : [];
    if (problem.rule === "duplicate-key" && !isStateName(node)) {
      // a state named twice is AWS's DUPLICATE_STATE_NAME; what AWS does with another repeated key is not on record
      const key = /^Duplicate key ("(?:[^"\\]|\\.)*")/.exec(problem.message)?.[1] ?? "";
      const message = `Duplicate key ${key}: a JSON parser keeps one of the values (most keep the last), so the definition that runs may not be the one you read. Remove or rename one of them.`;
      push(rule, problem.offset, problem.length, segments, message, { severity: "WARNING" });
      continue;
    }
    push(rule, problem.offset, problem.length, segments, problem.message, { severity: problem.severity, aws: syntaxRendering(doc, problem.rule, problem.offset, problem.message, node) });
  }

  const root = doc.root;
  if (!root) {
    return finish(doc, diagnostics, awsOnly, options);
  }
  if (root.type !== "object") {
    push(rulesById.get("not-an-object")!, root.offset, Math.min(root.length, 1), [], `The definition must be a JSON object with "StartAt" and "States"; this file holds ${article(root.type)}.`, {
      aws: NOT_AN_OBJECT,
    });
    return finish(doc, diagnostics, awsOnly, options);
  }

  // YAML recovers from a syntax error by guessing structure (an indented key becomes a state);
  // judging that guess would only add false findings, so YAML stops at its syntax error
  if (doc.syntax === "yaml" && doc.problems.some((p) => p.rule === "invalid-yaml")) return finish(doc, diagnostics, awsOnly, options);

  let machine: Machine;
  try {
    machine = buildMachine(root);
  } catch (e) {
    diagnostics.push(...failure(options, doc.lines, doc.text, "the model builder", e));
    return finish(doc, diagnostics, awsOnly, options);
  }
  const broken = doc.problems.some((p) => FATAL_SYNTAX.has(p.rule));
  for (const rule of allRules) {
    if (settingOf(rule) === "off") continue;
    if (broken && rule.meta.wholeDocument) continue;
    const ctx: RuleContext = {
      machine,
      doc,
      type: options.type ?? typeFromFilename(options.filename) ?? "STANDARD",
      filename: options.filename,
      peers: options.peers,
      inputs: options.inputs,
      template,
      report(node: Node, message: string, opts: ReportOptions = {}) {
        const { offset, length } = locate(doc, node, opts);
        push(rule, offset, length, pathOf(node), message, opts);
      },
      reportAll(findings: Iterable<Finding>) {
        for (const f of findings) this.report(f.node, f.message, f.options);
      },
    };
    try {
      rule.check(ctx);
    } catch (e) {
      diagnostics.push(...failure(options, doc.lines, doc.text, `the rule "${rule.meta.id}"`, e));
    }
  }
  return finish(doc, diagnostics, awsOnly, options, machine);
}

/**
 * The length of the JSON text a tree stands for (a template's Definition object, as
 * CloudFormation sends it). Written as JSON it is at most about three times its source, so in
 * a template far below the quota it is not computed: the template's own length stands for it.
 */
function definitionSize(root: Node, text: string): number | undefined {
  if (text.length * 3 < DEFINITION_MAX_CHARS) return undefined;
  return JSON.stringify(toValue(root))?.length ?? 0;
}

function finish(doc: ParsedDocument, diagnostics: Diagnostic[], awsOnly: AwsDiagnostic[], options: LintOptions, machine?: Machine): LintOutput {
  // sorted by position; one fault, one diagnostic: exact repeats dropped
  const unique = settle(diagnostics);
  // AWS's parser stops at the first error, and so does its answer: that error alone
  const parseError = unique.find((d) => d.aws?.phase === 0);
  if (parseError) {
    for (const d of unique) if (d !== parseError && d.aws) delete d.aws;
    awsOnly.length = 0;
  }
  const { diagnostics: kept, suppressed } = options.suppressions === undefined ? { diagnostics: unique, suppressed: [] } : applySuppressions(unique, {
    text: doc.text,
    lines: doc.lines,
    filename: options.filename,
    syntax: doc.syntax,
    suppressions: options.suppressions,
    setting: ownSetting(options.rules, "unused-suppression"),
    knownRules: rulesById,
  });
  if (kept !== unique) kept.sort(compareDiagnostics);
  const out: LintOutput = { result: resultOf(kept), diagnostics: kept, doc, machine };
  if (awsOnly.length) out.awsOnly = awsOnly;
  if (suppressed.length) out.suppressed = suppressed;
  return out;
}

/**
 * JSON syntax errors that only follow from the one before: the parser read nothing between them
 * (`{not json` breaks once, not at every word). One fault, one diagnostic.
 */
function cascadeOf(doc: ParsedDocument): Set<ParseProblem> {
  const out = new Set<ParseProblem>();
  const errors = doc.problems.filter((p) => p.rule === "invalid-json");
  if (errors.length < 2 || !doc.root) return out;
  // where the parser read something: every key and every scalar value
  const starts: number[] = [];
  walk(doc.root, (n) => {
    if (memberOf(n)) starts.push(n.keyOffset);
    if (n.type !== "object" && n.type !== "array") starts.push(n.offset);
  });
  starts.sort((a, b) => a - b);
  let previous = errors[0];
  for (const e of errors.slice(1)) {
    const from = previous.offset + previous.length;
    // the first read position at or after the previous error's end
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid] < from) lo = mid + 1;
      else hi = mid;
    }
    if (e.offset <= previous.offset || lo === starts.length || starts[lo] >= e.offset) out.add(e);
    else previous = e;
  }
  return out;
}

/**
 * A member of a scope's States object: a state, named by its key. The object holding "States"
 * must be a scope (the root, a Parallel branch, an ItemProcessor or Iterator): a "States" key
 * inside Parameters, Result or an Assign is data.
 */
function isStateName(node: Node | undefined): boolean {
  const states = node?.parent;
  if (node === undefined || states === undefined || memberOf(node) === undefined || memberOf(states)?.key !== "States") return false;
  const scope = states.parent;
  if (scope === undefined) return false;
  if (scope.parent === undefined) return true;
  const field = memberOf(scope)?.key;
  if (field === "ItemProcessor" || field === "Iterator") return true;
  return scope.parent.type === "array" && memberOf(scope.parent)?.key === "Branches";
}

/** AWS's answer to a definition that is not a JSON object: empty, blank, an array, a string... (REC, aws-validation-messages §2). */
const NOT_AN_OBJECT: AwsRendering = { ...NOT_A_JSON_OBJECT, location: null, phase: 0 };

/**
 * How AWS reports a syntax problem: Jackson stops at it (INVALID_JSON_DESCRIPTION, its own
 * location text); a blank definition is not a JSON object; a state name given twice in one
 * States object is AWS's DUPLICATE_STATE_NAME (its parser sees both).
 */
function syntaxRendering(doc: ParsedDocument, rule: string, offset: number, message: string, node: Node | undefined): AwsRendering | undefined {
  switch (rule) {
    case "empty-definition":
      return NOT_AN_OBJECT;
    case "duplicate-key":
      return node && typeof node.key === "string" ? { code: "DUPLICATE_STATE_NAME", message: duplicateStateName(node.key), at: node } : undefined;
    case "too-deeply-nested":
      return { phase: 0 };
    case "definition-size":
      // a YAML alias that expands past the quota: reported as the definition-size rule reports a long text
      return undefined;
    default: {
      const location = jacksonLocation(doc, offset);
      return { code: "INVALID_JSON_DESCRIPTION", message: `${message}\n at ${location}`, location, phase: 0 };
    }
  }
}

/** `*.express.asl.json` (or `.yaml`/`.yml`) is an EXPRESS definition unless a type is given. */
export function typeFromFilename(filename: string | undefined): MachineType | undefined {
  return filename && /\.express\.asl\.(json|ya?ml)$/i.test(filename) ? "EXPRESS" : undefined;
}

function article(type: string): string {
  return type === "array" || type === "object" ? `an ${type}` : type === "null" ? "null" : `a ${type}`;
}
