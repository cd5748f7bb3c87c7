import { noPath as awsNoPath } from "../aws/messages.js";
import type { Rule, RuleContext } from "./types.js";
import { get, prop, type Node } from "../parse/tree.js";
import type { State } from "../model/index.js";
import { quote } from "../expr/names.js";
import { choiceRules, meantAsPath } from "../model/jsonpath-fields.js";
import { ITEM_BATCHER_PATH_TWINS, pathTwinsOf, READER_CONFIG_PATH_TWINS } from "../aws/states.js";
import { OPERATOR_TWINS, operatorNames } from "../aws/choice-operators.js";
import { renameKeyFix } from "../parse/edits.js";

/** Fields that take a path or an intrinsic function in their …Path form: Fail's Error and Cause. */
const INTRINSIC_TWINS: ReadonlySet<string> = new Set(pathTwinsOf("Fail"));

/** Twins whose plain field takes a string, so a path there is accepted as literal text. */
const STRING_FIELDS: ReadonlySet<string> = new Set([
  ...INTRINSIC_TWINS,
  "Timestamp",
  ...operatorNames((op) => !op.path && (op.kind === "String" || op.kind === "Timestamp")),
]);

const CALL = /^States\.[A-Za-z0-9_.]*\(/;

const OPERATOR_TWIN_SET: ReadonlySet<string> = new Set(OPERATOR_TWINS);

/** `where`: the state the field sits on, or a Choice rule. */
function check(ctx: RuleContext, object: Node | undefined, field: string, where: State | "rule"): void {
  const member = prop(object, field);
  if (!member || member.type !== "string") return;
  // where a number or boolean belongs, a string is a type error: invalid-value reports it, with the rename
  if (!STRING_FIELDS.has(field)) return;
  const text = member.value as string;
  const path = meantAsPath(text);
  const call = !path && INTRINSIC_TWINS.has(field) && CALL.test(text);
  if (!path && !call) return;
  const twin = field + "Path";
  if (prop(object, twin)) return; // both given: exclusive-fields reports it
  const what = path ? "a path" : "an intrinsic function";
  ctx.report(
    member,
    `The value of ${quote(field)} looks like ${what}, but ${quote(field)} takes a fixed value: ${where === "rule" ? "this Choice rule" : `${where.type ?? ""} state ${quote(where.name)}`} would use the text ${quote(text)} as it is. Rename the field to ${quote(twin)} to read the value from the input.`,
    { key: true, fixes: [renameKeyFix(ctx.doc.text, member, twin)], aws: path ? { message: awsNoPath(field) } : undefined },
  );
}

export const noPath: Rule = {
  meta: {
    id: "no-path",
    code: "NO_PATH",
    severity: "WARNING",
    basis: "aws-warning",
    description:
      'A field with a "…Path" twin (Fail Error/Cause, Wait Seconds/Timestamp, Task TimeoutSeconds/HeartbeatSeconds, Map MaxConcurrency/ToleratedFailure…/MaxItems/MaxItemsPerBatch/MaxInputBytesPerBatch, Choice comparison operators) whose value looks like a path.',
    rationale:
      'Only the "…Path" form reads the state input; "Error": "$.code" fails with the error name "$.code" itself. AWS\'s ValidateStateMachineDefinition warns about this (NO_PATH).',
    source: "DOC (API_ValidateStateMachineDefinition example: NO_PATH warning, at the field); asl-facts §8 [SFN-MODEL ValidateStateMachineDefinition NO_PATH], §3.2, §3.4, §3.6, §3.8, §6",
    examples: {
      fail: '{ "StartAt": "F", "States": { "F": { "Type": "Fail", "Error": "$.errorCode" } } }',
      pass: '{ "StartAt": "F", "States": { "F": { "Type": "Fail", "ErrorPath": "$.errorCode", "Cause": "$5.00 limit exceeded" } } }',
    },
  },
  check(ctx) {
    for (const state of ctx.machine.states) {
      if (state.queryLanguage !== "JSONPath" || state.node.type !== "object") continue;
      const type = state.type ?? "";
      for (const f of pathTwinsOf(type)) check(ctx, state.node, f, state);
      if (type === "Map") {
        const reader = get(get(state.node, "ItemReader"), "ReaderConfig");
        for (const f of READER_CONFIG_PATH_TWINS) check(ctx, reader, f, state);
        const batcher = get(state.node, "ItemBatcher");
        for (const f of ITEM_BATCHER_PATH_TWINS) check(ctx, batcher, f, state);
      }
      if (type === "Choice") {
        for (const { rule } of choiceRules(state)) {
          for (const p of rule.properties!) if (OPERATOR_TWIN_SET.has(p.key)) check(ctx, rule, p.key, "rule");
        }
      }
    }
  },
};
