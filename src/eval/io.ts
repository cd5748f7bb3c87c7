/**
 * The JSONPath input/output pipeline of a state (asl-facts §8, §2.2): InputPath, ResultPath
 * and OutputPath. Parameters and ResultSelector are payload templates (template.ts); the
 * JSONata side (Arguments, Output) is jsonata.ts.
 */
import { parsePathShared } from "../expr/path.js";
import { runtimeError } from "./errors.js";
import { clone, isObject, newObject, setMember, type Json, type JsonObject } from "./json.js";
import { canonicalPath, evaluateParsedPath, type PathEnv } from "./path.js";

function selectOrFail(path: string, data: Json, env: PathEnv, field: string): Json {
  const parsed = parsePathShared(path);
  if (!parsed.ok) throw runtimeError(`Invalid path '${path}' for the field '${field}': ${parsed.errors[0]?.message ?? "it does not parse"}`);
  const r = evaluateParsedPath(parsed, data, env);
  if (!r.found) throw runtimeError(`Invalid path '${path}' : No results for path: ${canonicalPath(parsed)}`);
  return r.value;
}

/** InputPath or OutputPath: absent selects everything, `null` gives `{}` (asl-facts §8). */
export function applyPathFilter(path: Json | undefined, data: Json, env: PathEnv, field: "InputPath" | "OutputPath"): Json {
  if (path === undefined) return data;
  if (path === null) return {};
  if (typeof path !== "string") throw runtimeError(`The field '${field}' must be a path or null.`);
  return selectOrFail(path, data, env, field);
}

/**
 * ResultPath: places `result` into a copy of the state's raw input. Absent is `$` (the result
 * replaces the input), `null` discards the result. Missing objects on the way are created; a
 * step through a value that is not an object fails the state.
 */
export function applyResultPath(path: Json | undefined, input: Json, result: Json): Json {
  if (path === undefined || path === "$") return result;
  if (path === null) return input;
  if (typeof path !== "string") throw runtimeError("The field 'ResultPath' must be a reference path or null.");
  const parsed = parsePathShared(path, { reference: true, field: "ResultPath" });
  if (!parsed.ok || parsed.root !== "$") throw runtimeError(`Invalid ResultPath '${path}': ${parsed.errors[0]?.message ?? "it must start with $"}`);
  const cannot = () => runtimeError(`Unable to apply ResultPath '${path}' to input '${JSON.stringify(input)}'`);
  const root: Json = clone(input);
  if (parsed.segments.length === 0) return result;
  if (!isObject(root) && !Array.isArray(root)) throw cannot();
  let node: JsonObject | Json[] = root as JsonObject | Json[];
  parsed.segments.forEach((seg, i) => {
    const last = i === parsed.segments.length - 1;
    if (seg.kind === "name") {
      if (!isObject(node)) throw cannot();
      if (last) {
        setMember(node, seg.name, result);
        return;
      }
      let next: Json | undefined = Object.prototype.hasOwnProperty.call(node, seg.name) ? node[seg.name] : undefined;
      if (next === undefined || next === null) {
        next = newObject();
        setMember(node, seg.name, next);
      }
      if (!isObject(next) && !Array.isArray(next)) throw cannot();
      node = next;
    } else if (seg.kind === "index") {
      if (!Array.isArray(node)) throw cannot();
      const k = seg.index < 0 ? node.length + seg.index : seg.index;
      if (k < 0 || k >= node.length) throw cannot();
      if (last) {
        node[k] = result;
        return;
      }
      const next = node[k];
      if (!isObject(next) && !Array.isArray(next)) throw cannot();
      node = next;
    } else {
      throw cannot();
    }
  });
  return root;
}
