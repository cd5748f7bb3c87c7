/**
 * What every answer of the engine must satisfy, whatever the text: the fuzz campaign's
 * invariants (docs/robustness.md). Each check returns the violations it found (empty: none).
 */
import { lint, type LintOptions } from "../../src/lint.js";
import { LineIndex } from "../../src/parse/lines.js";
import type { Basis, Diagnostic, LintResult } from "../../src/diagnostic.js";
import { rulesById } from "../../src/rules/index.js";
import { requestRulesById } from "../../src/requests/index.js";
import type { RuleMeta } from "../../src/rules/types.js";

/** The campaign's size: FUZZ=long for the long campaign (`npm run fuzz`), else the short one that CI runs. */
export const LONG = process.env.FUZZ === "long";
/** Runs of a property: the short campaign's count, times FUZZ_SCALE (default 1; the long campaign 40). */
export function runs(short: number): number {
  const scale = Number(process.env.FUZZ_SCALE ?? (LONG ? 40 : 1));
  return Math.max(1, Math.round(short * (Number.isFinite(scale) ? scale : 1)));
}
/** The seed: FUZZ_SEED, else a fixed one (the short campaign is deterministic). */
export const SEED = Number(process.env.FUZZ_SEED ?? 20261206);

/**
 * CPU time one lint may take: generous (CI machines are shared), and what a hang blows past at
 * once. The fuzz inputs are at most a few hundred KB.
 */
export function budgetMs(text: string): number {
  return 4000 + (20 * text.length) / 1024;
}

/** Counters of a campaign, printed at the end of each fuzz file (docs/robustness.md takes them from there). */
export const tally = { inputs: 0, lints: 0, worstMs: 0, worstPerMb: 0, violations: 0 };

/** CPU time (user and system) since `since`, in milliseconds. */
export const cpuMs = (since: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
};

/** The bases a rule declares (its default and its other kinds of finding). */
function basesOf(meta: RuleMeta): Basis[] {
  return [meta.basis, ...(meta.findings ?? []).map((k) => k.basis)];
}

/**
 * Ranges inside the text, on the line their offset is on, never inside a line break; the verdict
 * that the severities give; a rule that exists, and a basis it declares (with AWS's rendering only
 * on the bases AWS reports); AWS-only findings inside the text.
 */
export function checkResult(text: string, result: LintResult, where: string, verdictOwn = true): string[] {
  const bad: string[] = [];
  if (result.result !== "OK" && result.result !== "FAIL") bad.push(`${where}: result ${String(result.result)}`);
  const errors = result.diagnostics.some((d) => d.severity === "ERROR");
  // (a redrive check's verdict also follows its history and its status: verdictOwn false)
  if (verdictOwn ? (result.result === "FAIL") !== errors : errors && result.result !== "FAIL") bad.push(`${where}: result ${result.result} with${errors ? "" : "out"} an ERROR`);
  const lines = new LineIndex(text);
  for (const d of result.diagnostics) bad.push(...checkDiagnostic(text, lines, d, where));
  for (const a of result.awsOnly ?? []) {
    if (!Number.isInteger(a.offset) || a.offset < 0 || a.offset > text.length) bad.push(`${where}: AWS-only ${a.code} at offset ${a.offset} outside the text (${text.length})`);
  }
  return bad;
}

function checkDiagnostic(text: string, lines: LineIndex, d: Diagnostic, where: string): string[] {
  const bad: string[] = [];
  const at = `${where}: ${d.rule} "${d.message.slice(0, 80)}"`;
  if (d.rule === "internal-error") bad.push(`${at}: internal error`);
  const meta = rulesById.get(d.rule)?.meta ?? requestRulesById.get(d.rule)?.meta;
  if (!meta) bad.push(`${at}: no such rule`);
  else if (!d.basis || !basesOf(meta).includes(d.basis)) bad.push(`${at}: basis ${d.basis ?? "(none)"}, which the rule does not declare`);
  if (d.aws && d.basis !== "rejected" && d.basis !== "aws-warning") bad.push(`${at}: an AWS rendering on basis ${d.basis}`);
  if (!["ERROR", "WARNING", "INFO"].includes(d.severity)) bad.push(`${at}: severity ${d.severity}`);
  if (typeof d.message !== "string" || d.message.length === 0 || /\[native code\]|\[object /.test(d.message)) bad.push(`${at}: message`);
  const { offset, length } = d;
  if (offset === undefined || length === undefined) return bad;
  if (!Number.isInteger(offset) || !Number.isInteger(length) || offset < 0 || length < 0 || offset + length > text.length) {
    bad.push(`${at}: offset ${offset} + length ${length} outside the text (${text.length})`);
    return bad;
  }
  const { start, end } = d.range;
  for (const [name, p] of [["start", start], ["end", end]] as const) {
    if (p.line < 0 || p.line >= lines.lineCount) {
      bad.push(`${at}: ${name} line ${p.line} of ${lines.lineCount}`);
      continue;
    }
    const lineLength = lines.lineText(p.line).length;
    if (p.character < 0 || p.character > lineLength) bad.push(`${at}: ${name} ${p.line}:${p.character} past the end of its line (${lineLength})`);
  }
  if (start.line > end.line || (start.line === end.line && start.character > end.character)) bad.push(`${at}: range ends before it starts`);
  // the range is where the offsets are (a CR or LF of a line break counts as its line's end)
  const want = lines.range(offset, length);
  if (JSON.stringify(want) !== JSON.stringify(d.range)) bad.push(`${at}: range ${JSON.stringify(d.range)} for offsets ${offset}+${length} (${JSON.stringify(want)})`);
  const startOffset = lines.offset(start);
  if (startOffset > offset || offset - startOffset > 1) bad.push(`${at}: range start maps back to ${startOffset}, not ${offset}`);
  return bad;
}

/** Lints and checks every invariant of one text: no throw, within the budget, well-formed, the same answer twice. */
export function checkLint(text: string, options: LintOptions, where: string): { violations: string[]; result?: LintResult } {
  tally.inputs++;
  let result: LintResult;
  const c0 = process.cpuUsage();
  try {
    result = lint(text, options);
  } catch (e) {
    tally.violations++;
    return { violations: [`${where}: lint threw ${(e as Error)?.stack ?? e}`] };
  }
  const ms = cpuMs(c0);
  tally.lints++;
  tally.worstMs = Math.max(tally.worstMs, ms);
  if (text.length >= 10_000) tally.worstPerMb = Math.max(tally.worstPerMb, (ms * 1_048_576) / text.length);
  const violations = checkResult(text, result, where);
  if (ms > budgetMs(text)) violations.push(`${where}: ${ms.toFixed(0)} ms of CPU for ${text.length} characters (budget ${budgetMs(text).toFixed(0)} ms)`);
  let again: LintResult | undefined;
  try {
    again = lint(text, options);
  } catch (e) {
    violations.push(`${where}: the second lint threw ${(e as Error)?.message}`);
  }
  tally.lints++;
  if (again && JSON.stringify(again) !== JSON.stringify(result)) violations.push(`${where}: the same text gave another answer the second time`);
  tally.violations += violations.length;
  return { violations, result };
}

/** The findings that JSON and YAML forms of one definition share: rule, severity and location, positions aside. */
export function shape(result: LintResult): string[] {
  return result.diagnostics.map((d) => `${d.severity} ${d.rule} ${d.location}`).sort();
}

/** A failure message for fast-check: the violations and the text (shortened). */
export function explain(violations: string[], text: string): string {
  const shown = text.length > 600 ? `${text.slice(0, 600)}... (${text.length} characters)` : text;
  return `${violations.slice(0, 5).join("\n")}\n--- text ---\n${JSON.stringify(shown)}`;
}
