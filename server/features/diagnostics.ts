/**
 * Engine findings as LSP diagnostics, and their fixes as quick-fix code actions.
 */
import {
  CodeActionKind,
  DiagnosticSeverity,
  DiagnosticTag,
  type CodeAction,
  type Diagnostic as LspDiagnostic,
  type Range,
  type WorkspaceEdit,
} from "vscode-languageserver";
import type { Diagnostic, Severity } from "../../src/diagnostic.js";
import type { LineIndex } from "../../src/parse/lines.js";

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  ERROR: DiagnosticSeverity.Error,
  WARNING: DiagnosticSeverity.Warning,
  INFO: DiagnosticSeverity.Information,
};

export const SOURCE = "aslint";

export function toLspDiagnostic(d: Diagnostic): LspDiagnostic {
  const out: LspDiagnostic = {
    range: d.range,
    severity: SEVERITY[d.severity],
    code: d.rule,
    source: SOURCE,
    message: d.message,
    data: { awsCode: d.code, location: d.location },
  };
  if (d.rule === "unreachable-state") out.tags = [DiagnosticTag.Unnecessary];
  return out;
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

function overlaps(a: Range, b: Range): boolean {
  const before = (p: Range["start"], q: Range["start"]) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

export interface ActionInput {
  uri: string;
  version: number;
  /** Findings of the current version of the document. */
  diagnostics: readonly Diagnostic[];
  lines: LineIndex;
  /** What the client sent: the diagnostics it shows in the range. */
  context: readonly LspDiagnostic[];
  range: Range;
  versioned: boolean;
}

export function codeActions(input: ActionInput): CodeAction[] {
  const ours = input.context.filter((d) => d.source === SOURCE);
  const matched: { engine: Diagnostic; lsp: LspDiagnostic }[] = [];
  for (const d of input.diagnostics) {
    if (!d.fixes?.length) continue;
    const lsp = ours.find((c) => c.code === d.rule && c.message === d.message && sameRange(c.range, d.range));
    if (lsp) matched.push({ engine: d, lsp });
    else if (input.context.length === 0 && overlaps(d.range, input.range)) matched.push({ engine: d, lsp: toLspDiagnostic(d) });
  }
  const actions: CodeAction[] = [];
  for (const { engine, lsp } of matched) {
    const fixes = engine.fixes!;
    for (const fix of fixes) {
      const edits = fix.edits.map((e) => ({ range: input.lines.range(e.offset, e.length), newText: e.newText }));
      const edit: WorkspaceEdit = input.versioned
        ? { documentChanges: [{ textDocument: { uri: input.uri, version: input.version }, edits }] }
        : { changes: { [input.uri]: edits } };
      actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [lsp], edit, ...(fixes.length === 1 ? { isPreferred: true } : {}) });
    }
  }
  return actions;
}
