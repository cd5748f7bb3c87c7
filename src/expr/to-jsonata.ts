/**
 * Mechanical rewrites from JSONPath fields to their JSONata replacements, for quick fixes.
 * Only what translates without judgement: definite paths (names and indexes) and payload
 * templates whose `.$` values are such paths. Anything else (filters, intrinsic functions,
 * ResultPath merging) returns undefined, and no fix is offered.
 */
import { replaceMemberFix } from "../parse/edits.js";
import { parsePathShared } from "./path.js";
import type { Node } from "../parse/tree.js";
import type { Fix } from "../diagnostic.js";
import { ALL_STATE_PATH_TWINS } from "../aws/states.js";

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * `$.a.b[0]` -> `$states.input.a.b[0]`, `$$.Execution.Id` -> `$states.context.Execution.Id`;
 * `base` replaces the `$` root (e.g. `$states.result` for a Task's OutputPath).
 */
export function pathToJsonata(path: string, base = "$states.input"): string | undefined {
  const parsed = parsePathShared(path);
  if (!parsed.ok || parsed.root === "variable") return undefined;
  let out = parsed.root === "$$" ? "$states.context" : base;
  for (const seg of parsed.segments) {
    if (seg.deep) return undefined;
    if (seg.kind === "name") out += IDENTIFIER.test(seg.name) ? `.${seg.name}` : `.\`${seg.name.replace(/`/g, "")}\``;
    else if (seg.kind === "index") out += `[${seg.index}]`;
    else return undefined;
  }
  return out;
}

/** A JSONPath payload template as a JSONata `Arguments`/`ItemSelector` value, when mechanical. */
export function templateToJsonata(node: Node): unknown {
  switch (node.type) {
    case "object": {
      const out: Record<string, unknown> = {};
      for (const p of node.properties!) {
        if (p.key.endsWith(".$")) {
          if (p.type !== "string") return undefined;
          const expr = pathToJsonata(p.value as string);
          if (expr === undefined) return undefined;
          out[p.key.slice(0, -2)] = `{% ${expr} %}`;
        } else {
          const v = templateToJsonata(p);
          if (v === undefined) return undefined;
          out[p.key] = v;
        }
      }
      return out;
    }
    case "array": {
      const out: unknown[] = [];
      for (const item of node.items!) {
        const v = templateToJsonata(item);
        if (v === undefined) return undefined;
        out.push(v);
      }
      return out;
    }
    default:
      return node.value;
  }
}

/** The `…Path` fields of a state that a JSONata state writes as their twin with an expression (and ItemsPath, as Items). */
const PATH_TWINS: ReadonlySet<string> = new Set([...ALL_STATE_PATH_TWINS.map((f) => `${f}Path`), "ItemsPath"]);

/**
 * The quick fix that turns a JSONPath-only field of a JSONata state into its JSONata
 * replacement, when the mapping is mechanical; undefined otherwise.
 */
export function jsonataReplacementFix(text: string, stateType: string | undefined, key: string, node: Node, siblings: ReadonlySet<string>): Fix | undefined {
  if (PATH_TWINS.has(key)) {
    const base = key.slice(0, -4);
    if (siblings.has(base) || node.type !== "string") return undefined;
    const expr = pathToJsonata(node.value as string);
    return expr === undefined ? undefined : replaceMemberFix(`Replace with "${base}": "{% ${expr} %}"`, text, node, base, `{% ${expr} %}`);
  }
  if (key === "Parameters" && (stateType === "Task" || stateType === "Parallel" || stateType === "Map")) {
    const target = stateType === "Map" ? "ItemSelector" : "Arguments";
    if (siblings.has(target)) return undefined;
    const value = templateToJsonata(node);
    return value === undefined ? undefined : replaceMemberFix(`Replace with "${target}"`, text, node, target, value);
  }
  if (key === "OutputPath" && node.type === "string" && !siblings.has("Output") && !siblings.has("ResultPath") && !siblings.has("ResultSelector") && !siblings.has("Result")) {
    // a Task, Parallel or Map outputs its result; the other states pass their input on
    const produces = stateType === "Task" || stateType === "Parallel" || stateType === "Map";
    const expr = pathToJsonata(node.value as string, produces ? "$states.result" : "$states.input");
    return expr === undefined ? undefined : replaceMemberFix(`Replace with "Output": "{% ${expr} %}"`, text, node, "Output", `{% ${expr} %}`);
  }
  return undefined;
}
