import { LineIndex } from "../parse/lines.js";
import type { FileResult, FormatOptions } from "./types.js";
import { escapeControls, pictureControls } from "./terminal.js";

const SGR = { red: 31, yellow: 33, blue: 34, gray: 90, bold: 1, green: 32, cyan: 36 } as const;

/**
 * The human format: for each problem `file:line:col  severity  message  rule`, then a code
 * frame with a caret under the range; a summary line at the end.
 */
export function formatStylish(results: FileResult[], options: FormatOptions): string {
  const paint = (style: keyof typeof SGR, s: string) => (options.color ? `\x1b[${SGR[style]}m${s}\x1b[0m` : s);
  let out = "";
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  let failed = 0;
  for (const r of results) {
    if (r.result === "FAIL") failed++;
    if (r.diagnostics.length === 0) continue;
    const lines = r.text !== undefined ? new LineIndex(r.text) : undefined;
    for (const d of r.diagnostics) {
      if (d.severity === "ERROR") errors++;
      else if (d.severity === "WARNING") warnings++;
      else infos++;
      const sev = d.severity === "ERROR" ? paint("red", "error") : d.severity === "WARNING" ? paint("yellow", "warning") : paint("blue", "info");
      const where = `${escapeControls(r.file)}:${d.range.start.line + 1}:${d.range.start.character + 1}`;
      out += `${paint("bold", where)}  ${sev}  ${escapeControls(d.message)}  ${paint("gray", d.rule)}\n`;
      if (lines) out += codeFrame(lines, d.range, paint);
    }
  }
  const total = errors + warnings + infos;
  // paths the command could not read (reported on stderr): the run is not OK
  const unreadable = options.unreadable ? `${options.unreadable} ${options.unreadable === 1 ? "path" : "paths"} could not be read` : "";
  const unread = unreadable && `; ${unreadable}`;
  if (total === 0 && !unreadable) {
    out += paint("green", `✔ ${results.length} ${results.length === 1 ? "file" : "files"} checked: OK`) + "\n";
  } else if (total === 0) {
    out += paint("red", `✖ ${unreadable}; ${results.length} ${results.length === 1 ? "file" : "files"} checked${results.length ? ": OK" : ""}`) + "\n";
  } else {
    const parts = [`${errors} ${errors === 1 ? "error" : "errors"}`, `${warnings} ${warnings === 1 ? "warning" : "warnings"}`];
    if (infos) parts.push(`${infos} info`);
    const summary = `${errors || unread ? "✖" : "⚠"} ${total} ${total === 1 ? "problem" : "problems"} (${parts.join(", ")}) in ${results.length} ${results.length === 1 ? "file" : "files"}; ${failed} FAIL, ${results.length - failed} OK${unread}`;
    out += paint(errors || unread ? "red" : "yellow", summary) + "\n";
  }
  return out;
}

function codeFrame(lines: LineIndex, range: FileResult["diagnostics"][number]["range"], paint: (s: "gray" | "red" | "cyan", t: string) => string): string {
  const line = range.start.line;
  const first = Math.max(0, line - 1);
  const last = Math.min(lines.lineCount - 1, line + 1);
  const width = String(last + 1).length;
  let out = "";
  // a long line (a template's DefinitionString) is shown from a little before the range
  const from = range.start.character > 150 ? range.start.character - 60 : 0;
  for (let l = first; l <= last; l++) {
    const text = pictureControls(from ? "…" + clip(lines.lineText(l).slice(from)) : clip(lines.lineText(l)));
    const marker = l === line ? ">" : " ";
    out += paint("gray", `  ${marker} ${String(l + 1).padStart(width)} | `) + text + "\n";
    if (l === line) {
      const start = range.start.character - from + (from ? 1 : 0);
      const end = (range.end.line === line ? range.end.character : lines.lineText(line).length) - from + (from ? 1 : 0);
      const caret = "^".repeat(Math.max(1, Math.min(end, 200) - start));
      if (start < 200) out += paint("gray", `    ${" ".repeat(width)} | `) + " ".repeat(start) + paint("red", caret) + "\n";
    }
  }
  return out + "\n";
}

function clip(s: string): string {
  return s.length > 200 ? s.slice(0, 200) + "…" : s;
}
