/**
 * The fixes the structure check offers with its findings (src/model/schema.ts dispatches the
 * validators, src/model/schema-errors.ts turns their errors into findings): remove an unknown
 * member, rename a misspelt "Type", pick the state type meant, rename a field to its "…Path"
 * twin when it holds a path.
 */
import type { Fix } from "../diagnostic.js";
import { memberOf, prop, type Node, type Property } from "../parse/tree.js";
import { removeMemberFix, renameKeyFix, replaceValueFix } from "../parse/edits.js";
import { quote } from "../expr/names.js";
import { meantAsPath } from "./jsonpath-fields.js";
import { ITEM_BATCHER_PATH_TWINS, pathTwinsOf, READER_CONFIG_PATH_TWINS } from "../aws/states.js";
import { OPERATOR_TWINS } from "../aws/choice-operators.js";
import type { State } from "./index.js";

/** Removes the member `key` whose value is `node`. */
export function removeFix(text: string, node: Node, key: string): Fix[] | undefined {
  const fix = removeMemberFix(`Remove ${quote(key)}`, text, node);
  return fix ? [fix] : undefined;
}

/** Renames a key that was meant as "Type" (quoted as the key was, when it was in double quotes). */
export function renameToTypeFix(text: string, near: Property): Fix {
  return { title: 'Rename to "Type"', edits: [{ offset: near.keyOffset, length: near.keyLength, newText: text[near.keyOffset] === '"' ? '"Type"' : "Type" }] };
}

/** Replaces an unknown state type with the one it most likely means. */
export function stateTypeFix(typeNode: Node, guess: string): Fix {
  return replaceValueFix(`Change to ${quote(guess)}`, typeNode, guess);
}

/** The "…Path" field to use when a path-looking string stands where a non-string value belongs. */
export function pathTwinOf(node: Node, keyword: string, state: State | undefined): string | undefined {
  if (keyword !== "type" || typeof node.value !== "string" || !memberOf(node) || !meantAsPath(node.value)) return undefined;
  if (!state || state.queryLanguage !== "JSONPath") return undefined;
  const key = node.key as string;
  const twins = [...pathTwinsOf(state.type), ...OPERATOR_TWINS, ...READER_CONFIG_PATH_TWINS, ...ITEM_BATCHER_PATH_TWINS];
  return twins.includes(key) && !prop(node.parent, key + "Path") ? key + "Path" : undefined;
}

/** Renames the member whose value is `node` to its "…Path" twin. */
export function pathTwinFix(text: string, node: Node, twin: string): Fix {
  return renameKeyFix(text, memberOf(node)!, twin);
}
