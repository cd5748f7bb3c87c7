/**
 * The input-example convention of the data-flow check: an example of the execution input of a
 * definition `<name>.asl.json` (or `.asl.yaml`, `.json`, `.yaml`) is `<name>.input.json` beside
 * it, or `examples/<name>.input.json` in a folder `examples` beside it. The linter follows each
 * example state by state.
 */
import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { MAX_DATA_DEPTH, tooDeep } from "../eval/json.js";

/** Where the examples of a definition may be. */
export function inputExamplePaths(definition: string): string[] {
  const name = basename(definition).replace(/(\.asl)?\.(json|ya?ml|asl)$/i, "");
  const dir = dirname(definition);
  return [join(dir, `${name}.input.json`), join(dir, "examples", `${name}.input.json`)].filter((p) => p !== definition);
}

/** The input examples of a definition file that exist (unreadable JSON is reported through `warn` and skipped). */
export function inputExamples(definition: string, warn?: (message: string) => void): unknown[] | undefined {
  const out: unknown[] = [];
  for (const path of inputExamplePaths(definition)) {
    if (!existsSync(path)) continue;
    try {
      const value: unknown = JSON.parse(readFileSync(path, "utf8"));
      if (tooDeep(value)) warn?.(`aslint: ignoring the input example ${path}: it nests objects and arrays deeper than ${MAX_DATA_DEPTH} levels\n`);
      else out.push(value);
    } catch (e) {
      warn?.(`aslint: ignoring the input example ${path}: ${(e as Error).message}\n`);
    }
  }
  return out.length > 0 ? out : undefined;
}
