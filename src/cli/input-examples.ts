/**
 * The input-example convention of the data-flow check: `<name>.input.json` beside a definition
 * `<name>.asl.json` (or `.asl.yaml`, `.json`, `.yaml`) holds an example of the execution input,
 * which the linter follows state by state.
 */
import { existsSync, readFileSync } from "node:fs";

/** The example file's path for a definition's path. */
export function inputExamplePath(definition: string): string {
  return definition.replace(/(\.asl)?\.(json|ya?ml|asl)$/i, "") + ".input.json";
}

/** The input examples of a definition file: none, or the one its `.input.json` holds (unreadable JSON is reported through `warn`). */
export function inputExamples(definition: string, warn?: (message: string) => void): unknown[] | undefined {
  const path = inputExamplePath(definition);
  if (path === definition || !existsSync(path)) return undefined;
  try {
    return [JSON.parse(readFileSync(path, "utf8"))];
  } catch (e) {
    warn?.(`aslint: ignoring the input example ${path}: ${(e as Error).message}\n`);
    return undefined;
  }
}
