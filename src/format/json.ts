import type { FileResult } from "./types.js";

/**
 * The stable machine-readable contract:
 * {"version":1,"results":[{"file","result","diagnostics":[{"rule","code","severity","message","location","range"}]}]}
 */
export function formatJson(results: FileResult[]): string {
  return (
    JSON.stringify({
      version: 1,
      results: results.map((r) => ({
        file: r.file,
        result: r.result,
        ...(r.extra ?? {}),
        diagnostics: r.diagnostics.map((d) => ({
          rule: d.rule,
          code: d.code,
          severity: d.severity,
          message: d.message,
          location: d.location,
          range: d.range,
        })),
      })),
    }) + "\n"
  );
}
