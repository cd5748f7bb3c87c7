import type { FileResult, FormatOptions } from "./types.js";

/**
 * Exactly the shape of AWS's ValidateStateMachineDefinition response, one document per file:
 * { result, diagnostics: [{ severity, code, message, location }], truncated }.
 * `severity` ERROR (the API default) returns errors only; WARNING returns errors and warnings.
 * `maxResults` 0 or absent means 100, as in the API. INFO notes are not part of AWS's vocabulary.
 */
export function formatAws(results: FileResult[], options: FormatOptions): string {
  const max = options.maxResults && options.maxResults > 0 ? options.maxResults : 100;
  const minimum = options.severity ?? "ERROR";
  return results
    .map((r) => {
      const kept = r.diagnostics.filter((d) => d.severity === "ERROR" || (minimum === "WARNING" && d.severity === "WARNING"));
      // AWS lists errors before warnings
      kept.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === "ERROR" ? -1 : 1));
      const response = {
        result: r.result,
        diagnostics: kept.slice(0, max).map((d) => ({ severity: d.severity, code: d.code, message: d.message, location: d.location })),
        truncated: kept.length > max,
      };
      return JSON.stringify(response, null, 2) + "\n";
    })
    .join("");
}
