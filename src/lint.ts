import { parseDocumentText, pathOf, type Node, type ParsedDocument } from "./parse/index.js";
import { withRecycledNodes } from "./parse/tree.js";
import { buildMachine, disposeMachine, type Machine } from "./model/index.js";
import { rules as allRules, rulesById } from "./rules/index.js";
import type { MachineType, PeerDefinition, ReportOptions, Rule, RuleContext } from "./rules/types.js";
import { resultOf, upperSnake, type Diagnostic, type LintResult, type Severity } from "./diagnostic.js";
import { diagnosticAt, locate, nodeAt, settle, severityUnder, type Finding, type RuleSetting } from "./report.js";
import { shareKeys } from "./parse/scan.js";
import { fields } from "./generated/schema.js";

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
}

export interface LintOutput extends LintResult {
  /** The parsed document and the model, for editor features. Undefined when the text is not an object. */
  doc: ParsedDocument;
  machine?: Machine;
}

/** Syntax problems after which the parsed tree may lack parts of the document. */
const FATAL_SYNTAX = new Set(["invalid-json", "invalid-yaml", "too-deeply-nested"]);

/** Lint a definition. Pure and synchronous: no I/O, no clock, no randomness. */
export function lint(text: string, options: LintOptions = {}): LintResult {
  // the tree dies here: its nodes are recycled for the next lint (see withRecycledNodes)
  return withRecycledNodes(() => {
    const { result, diagnostics, machine } = lintDocument(text, options);
    // the model dies here too: emptied, it keeps no young object alive (see disposeMachine)
    if (machine) disposeMachine(machine);
    return { result, diagnostics };
  });
}

/** Lint, and keep the parsed document and model (the language server reuses them). */
export function lintDocument(text: string, options: LintOptions = {}): LintOutput {
  const doc = parseDocumentText(text, options.filename);
  const diagnostics: Diagnostic[] = [];
  const settings = options.rules ?? {};

  const severityFor = (rule: Rule, wanted: Severity): Severity | undefined => severityUnder(settings[rule.meta.id], wanted);

  const push = (rule: Rule, offset: number, length: number, segments: (string | number)[], message: string, opts: ReportOptions = {}) => {
    const severity = severityFor(rule, opts.severity ?? rule.meta.severity);
    if (!severity) return;
    diagnostics.push(
      diagnosticAt(doc, { rule: rule.meta.id, code: opts.code ?? rule.meta.code ?? upperSnake(rule.meta.id), severity, message, offset, length, segments, fixes: opts.fixes }),
    );
  };

  for (const problem of doc.problems) {
    const rule = rulesById.get(problem.rule)!;
    const node = nodeAt(doc.root, problem.offset);
    push(rule, problem.offset, problem.length, node ? pathOf(node) : [], problem.message);
  }

  const root = doc.root;
  if (!root) {
    return finish(doc, diagnostics);
  }
  if (root.type !== "object") {
    push(rulesById.get("not-an-object")!, root.offset, Math.min(root.length, 1), [], `The definition must be a JSON object with "StartAt" and "States"; this file holds ${article(root.type)}.`);
    return finish(doc, diagnostics);
  }

  // YAML recovers from a syntax error by guessing structure (an indented key becomes a state);
  // judging that guess would only add false findings, so YAML stops at its syntax error
  if (doc.syntax === "yaml" && doc.problems.some((p) => p.rule === "invalid-yaml")) return finish(doc, diagnostics);

  const machine = buildMachine(root);
  const broken = doc.problems.some((p) => FATAL_SYNTAX.has(p.rule));
  for (const rule of allRules) {
    if (settings[rule.meta.id] === "off") continue;
    if (broken && rule.meta.wholeDocument) continue;
    const ctx: RuleContext = {
      machine,
      doc,
      type: options.type ?? typeFromFilename(options.filename) ?? "STANDARD",
      filename: options.filename,
      peers: options.peers,
      report(node: Node, message: string, opts: ReportOptions = {}) {
        const { offset, length } = locate(doc, node, opts);
        push(rule, offset, length, pathOf(node), message, opts);
      },
      reportAll(findings: Iterable<Finding>) {
        for (const f of findings) this.report(f.node, f.message, f.options);
      },
    };
    rule.check(ctx);
  }
  return finish(doc, diagnostics, machine);
}

function finish(doc: ParsedDocument, diagnostics: Diagnostic[], machine?: Machine): LintOutput {
  // sorted by position; one fault, one diagnostic: exact repeats dropped
  const unique = settle(diagnostics);
  return { result: resultOf(unique), diagnostics: unique, doc, machine };
}

/** `*.express.asl.json` (or `.yaml`/`.yml`) is an EXPRESS definition unless a type is given. */
export function typeFromFilename(filename: string | undefined): MachineType | undefined {
  return filename && /\.express\.asl\.(json|ya?ml)$/i.test(filename) ? "EXPRESS" : undefined;
}

function article(type: string): string {
  return type === "array" || type === "object" ? `an ${type}` : type === "null" ? "null" : `a ${type}`;
}
