import type { Rule, RuleContext } from "./types.js";
import { get, isObject, prop, type Node } from "../parse/tree.js";
import type { State } from "../model/index.js";
import { removeMemberFix } from "../parse/edits.js";
import { quote } from "../expr/names.js";
import { ITEM_BATCHER_PATH_TWINS, pathTwinsOf, READER_CONFIG_PATH_TWINS, WAIT_DURATIONS } from "../aws/states.js";

/** Each field with its "…Path" twin: a pair of which at most one may be given. */
const twinPairs = (fields: readonly string[]): string[][] => fields.map((f) => [f, `${f}Path`]);

/** Groups of fields of which at most one may be given, per state type. */
const STATE_GROUPS: ReadonlyMap<string, string[][]> = new Map([
  ["Wait", [[...WAIT_DURATIONS]]],
  ["Task", twinPairs(pathTwinsOf("Task"))],
  ["Fail", twinPairs(pathTwinsOf("Fail"))],
  [
    "Map",
    [
      ["ItemProcessor", "Iterator"],
      ["ItemSelector", "Parameters"],
      ...twinPairs(pathTwinsOf("Map")),
    ],
  ],
]);

/** The groups that still apply in a JSONata state, where the "…Path" fields and Map "Parameters" are not allowed at all. */
const JSONATA_GROUPS: ReadonlyMap<string, string[][]> = new Map(
  [...STATE_GROUPS].map(([type, groups]) => [type, groups.map((g) => g.filter((k) => !k.endsWith("Path") && k !== "Parameters")).filter((g) => g.length > 1)]),
);

/** Deprecated names in a group: always the member reported and removed. */
const DEPRECATED = new Set(["Iterator", "Parameters"]);

const READER_CONFIG_GROUPS = twinPairs(READER_CONFIG_PATH_TWINS);
const ITEM_BATCHER_GROUPS = twinPairs(ITEM_BATCHER_PATH_TWINS);

/** Why two members of a group clash, in the user's words. */
function hint(first: string, second: string): string {
  const pair = (a: string, b: string) => (first === a && second === b) || (first === b && second === a);
  if (pair("ItemProcessor", "Iterator")) return '"Iterator" is the deprecated name of "ItemProcessor"; keep "ItemProcessor" and remove "Iterator".';
  if (pair("ItemSelector", "Parameters")) return '"Parameters" is the deprecated name of "ItemSelector" in a Map state; keep "ItemSelector" and remove "Parameters".';
  if (first.endsWith("Path") !== second.endsWith("Path")) {
    const literal = first.endsWith("Path") ? second : first;
    const path = first.endsWith("Path") ? first : second;
    return `Keep one: ${quote(literal)} for a fixed value, or ${quote(path)} to read it from the state input.`;
  }
  if (WAIT_DURATIONS.includes(first) && WAIT_DURATIONS.includes(second))
    return 'A Wait state takes exactly one of "Seconds", "Timestamp", "SecondsPath" and "TimestampPath"; keep one.';
  return `Keep one of them and remove the other.`;
}

/** `where`: the state, and which of its objects (the state itself, its ReaderConfig or ItemBatcher). */
function whereOf(state: State, part: "state" | "ReaderConfig" | "ItemBatcher"): string {
  return part === "state" ? `${state.type} state ${quote(state.name)}` : `The ${part} of Map ${quote(state.name)}`;
}

function checkGroups(ctx: RuleContext, object: Node | undefined, groups: string[][], state: State, part: "state" | "ReaderConfig" | "ItemBatcher"): void {
  if (!isObject(object)) return;
  for (const group of groups) {
    let count = 0;
    for (const key of group) if (prop(object, key)) count++;
    if (count < 2) continue;
    // members in source order; a repeated key counts once (duplicate keys are another rule's finding)
    const seen = new Set<string>();
    const present = object.properties.filter((p) => group.includes(p.key) && !seen.has(p.key) && (seen.add(p.key), true));
    if (present.length < 2) continue;
    // a deprecated synonym is the one to remove, wherever it sits
    const deprecated = present.find((p) => DEPRECATED.has(p.key));
    const first = deprecated ? present.find((p) => p !== deprecated)! : present[0];
    // AWS names the value field of a value/…Path pair, wherever it stands (MEAS, MaxConcurrency)
    const value = group.length === 2 ? present.find((q) => !q.key.endsWith("Path")) : undefined;
    for (const p of present.filter((q) => q !== first)) {
      const fix = removeMemberFix(`Remove ${quote(p.key)}`, ctx.doc.text, p);
      ctx.report(p, `${whereOf(state, part)} has both ${quote(first.key)} and ${quote(p.key)}, which are mutually exclusive. ${hint(first.key, p.key)}`, {
        key: true,
        fixes: fix ? [fix] : undefined,
        aws: value ? { at: value } : undefined,
      });
    }
  }
}

export const exclusiveFields: Rule = {
  meta: {
    id: "exclusive-fields",
    code: "SCHEMA_VALIDATION_FAILED",
    severity: "ERROR",
    basis: "rejected",
    description:
      "Fields that exclude each other: a value and its …Path form (Seconds/SecondsPath, TimeoutSeconds/TimeoutSecondsPath, Error/ErrorPath, MaxItems/MaxItemsPath, ...), the four Wait durations, Iterator/ItemProcessor and Parameters/ItemSelector in a Map.",
    rationale:
      "A field and its …Path variant say the same thing twice, one fixed and one read from the input; a Wait state waits for exactly one duration; a Map has one processor and one item selector. AWS rejects a state that gives both.",
    source: "SPEC §Wait, §Task, §Fail, §Map (MUST NOT combine); MEAS floci-test (MaxConcurrency with MaxConcurrencyPath refused, at MaxConcurrency); asl-facts §3.2, §3.4, §3.6, §3.8",
    examples: {
      fail: '{ "StartAt": "W", "States": { "W": { "Type": "Wait", "Seconds": 10, "SecondsPath": "$.delay", "End": true } } }',
      pass: '{ "StartAt": "W", "States": { "W": { "Type": "Wait", "SecondsPath": "$.delay", "End": true } } }',
    },
  },
  check(ctx) {
    for (const state of ctx.machine.states) {
      if (!state.type || !isObject(state.node)) continue;
      const groups = STATE_GROUPS.get(state.type);
      if (!groups) continue;
      // in a JSONata state the "…Path" fields (and Map "Parameters") are not allowed at all:
      // unknown-field reports them, so a clash with their twin is not a second finding
      const jsonata = state.queryLanguage === "JSONata";
      checkGroups(ctx, state.node, jsonata ? JSONATA_GROUPS.get(state.type)! : groups, state, "state");
      if (state.type === "Map") {
        checkGroups(ctx, get(get(state.node, "ItemReader"), "ReaderConfig"), READER_CONFIG_GROUPS, state, "ReaderConfig");
        checkGroups(ctx, get(state.node, "ItemBatcher"), ITEM_BATCHER_GROUPS, state, "ItemBatcher");
      }
    }
  },
};
