import type { FileResult } from "./types.js";

const LEVEL = { ERROR: "error", WARNING: "warning", INFO: "notice" } as const;

function escapeData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/** GitHub Actions workflow commands: one annotation per diagnostic. */
export function formatGithub(results: FileResult[]): string {
  let out = "";
  for (const r of results) {
    for (const d of r.diagnostics) {
      const { start, end } = d.range;
      out += `::${LEVEL[d.severity]} file=${escapeProperty(r.file)},line=${start.line + 1},col=${start.character + 1},endLine=${end.line + 1},endColumn=${end.character + 1},title=${escapeProperty(`aslint ${d.rule}`)}::${escapeData(d.message)}\n`;
    }
  }
  return out;
}
