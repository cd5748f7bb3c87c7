import type { Rule } from "./types.js";
import { get, isObject } from "../parse/tree.js";
import { EXPRESS_MAX_SECONDS, INLINE_MAX_CONCURRENCY } from "../aws/limits.js";
import { mapProcessing, type MapProcessing } from "../model/map.js";
import type { Fix } from "../diagnostic.js";
import { addMemberFix, removeMemberFix, replaceValueFix } from "../parse/edits.js";
import { statesOfType } from "../model/by-type.js";
import { quote } from "../expr/names.js";

/** Fields only a Distributed Map may have. */
const DISTRIBUTED_ONLY = ["ItemReader", "ItemBatcher", "ResultWriter"];
/**
 * Documented for Distributed Maps only, but no AWS rejection of them on an inline Map is
 * on record: a warning, not an error (a false alarm on a definition AWS accepts is a bug).
 */
const DISTRIBUTED_MEANINGFUL = ["Label", "ToleratedFailurePercentage", "ToleratedFailurePercentagePath", "ToleratedFailureCount", "ToleratedFailureCountPath"];

const DISTRIBUTED_KEYS = [...DISTRIBUTED_ONLY, ...DISTRIBUTED_MEANINGFUL];

const DISTRIBUTED_CONFIG = { Mode: "DISTRIBUTED", ExecutionType: "STANDARD" };
/** DISTRIBUTED_CONFIG as the messages show it. */
const CONFIG_TEXT = JSON.stringify(DISTRIBUTED_CONFIG).replace(/,/g, ", ").replace(/:/g, ": ");

/** The fix that turns an inline Map into a Distributed one, when one edit can do it. */
function distributedFix(text: string, mp: MapProcessing): Fix | undefined {
  if (isObject(mp.config) && mp.modeNode) {
    // edit Mode in place (a YAML block mapping's node may include the lines after it)
    const edits = [...replaceValueFix("", mp.modeNode, "DISTRIBUTED").edits];
    if (!get(mp.config, "ExecutionType")) edits.push(...(addMemberFix("", text, mp.config, "ExecutionType", "STANDARD")?.edits ?? []));
    return { title: "Make it a Distributed Map", edits };
  }
  if (isObject(mp.config) && mp.config.properties.length === 0) return replaceValueFix("Make it a Distributed Map", mp.config, DISTRIBUTED_CONFIG);
  if (isObject(mp.config) && get(mp.config, "ExecutionType")) return addMemberFix("Make it a Distributed Map", text, mp.config, "Mode", "DISTRIBUTED");
  if (isObject(mp.processor) && !mp.config) return addMemberFix("Make it a Distributed Map", text, mp.processor, "ProcessorConfig", DISTRIBUTED_CONFIG);
  return undefined;
}

export const mapMode: Rule = {
  meta: {
    id: "map-mode",
    code: "SCHEMA_VALIDATION_FAILED",
    severity: "ERROR",
    description:
      'Inline versus Distributed Map: ItemReader, ItemBatcher, ResultWriter, Label and ToleratedFailure… need "Mode": "DISTRIBUTED"; a Distributed Map needs "ExecutionType"; an inline Map runs at most 40 iterations at once.',
    rationale:
      'A Map without ProcessorConfig.Mode runs inline, and AWS rejects Distributed-only fields there. A Distributed Map starts child workflows, so it must say whether they are STANDARD or EXPRESS executions.',
    source: "SPEC §Map; DG-INLINE (Mode default INLINE, concurrency ≤ 40); DG-DIST; CDK DistributedMap; asl-facts §3.8",
    examples: {
      fail: '{ "StartAt": "M", "States": { "M": { "Type": "Map", "Label": "Items", "ItemProcessor": { "StartAt": "P", "States": { "P": { "Type": "Pass", "End": true } } }, "End": true } } }',
      pass: '{ "StartAt": "M", "States": { "M": { "Type": "Map", "Label": "Items", "ItemProcessor": { "ProcessorConfig": { "Mode": "DISTRIBUTED", "ExecutionType": "STANDARD" }, "StartAt": "P", "States": { "P": { "Type": "Pass", "End": true } } }, "End": true } } }',
    },
  },
  check(ctx) {
    const text = ctx.doc.text;
    for (const state of statesOfType(ctx.machine, "Map")) {
      if (!isObject(state.node)) continue;
      const mp = mapProcessing(state);
      const where = mp.processorKey ?? "ItemProcessor";
      if (mp.mode === "INLINE") {
        const why = mp.modeNode ? `its ProcessorConfig sets "Mode": "INLINE"` : `its ${where} has no "ProcessorConfig", so Mode is INLINE`;
        let modeFix: Fix | undefined;
        let fixed = false;
        for (const key of DISTRIBUTED_KEYS) {
          const severity = DISTRIBUTED_ONLY.includes(key) ? undefined : "WARNING";
          const node = get(state.node, key);
          if (!node) continue;
          if (!fixed) {
            // the fix that makes it a Distributed Map: made once per Map, and only for a Map that needs it
            modeFix = distributedFix(text, mp);
            fixed = true;
          }
          const remove = removeMemberFix(`Remove ${quote(key)}`, text, node);
          if (ctx.type === "EXPRESS") {
            ctx.report(node, `${quote(key)} works only in a Distributed Map, and an Express workflow cannot run one. Remove ${quote(key)}.`, {
              key: true,
              severity,
              fixes: remove ? [remove] : undefined,
            });
            continue;
          }
          ctx.report(
            node,
            `${quote(key)} ${severity ? "has an effect" : "works"} only in a Distributed Map, but Map ${quote(state.name)} runs inline (${why}). ` +
              `Set "ProcessorConfig": ${CONFIG_TEXT} in its ${where}, or remove ${quote(key)}.`,
            { key: true, severity, fixes: [modeFix, remove].filter((f): f is Fix => f !== undefined) },
          );
        }
        const mc = get(state.node, "MaxConcurrency");
        if (mc?.type === "number" && (mc.value as number) > INLINE_MAX_CONCURRENCY) {
          ctx.report(
            mc,
            `An inline Map runs at most ${INLINE_MAX_CONCURRENCY} iterations at a time, so "MaxConcurrency": ${mc.value} acts as ${INLINE_MAX_CONCURRENCY}. Lower it to ${INLINE_MAX_CONCURRENCY}, or use a Distributed Map for more parallelism.`,
            { severity: "INFO", fixes: [replaceValueFix(`Change to ${INLINE_MAX_CONCURRENCY}`, mc, INLINE_MAX_CONCURRENCY)] },
          );
        }
      } else if (mp.mode === "DISTRIBUTED" && isObject(mp.config) && !get(mp.config, "ExecutionType")) {
        const fixes = [
          addMemberFix('Add "ExecutionType": "STANDARD"', text, mp.config, "ExecutionType", "STANDARD"),
          addMemberFix('Add "ExecutionType": "EXPRESS"', text, mp.config, "ExecutionType", "EXPRESS"),
        ].filter((f): f is Fix => f !== undefined);
        ctx.report(
          mp.config,
          `A Distributed Map must say how its child workflows run: add "ExecutionType": "STANDARD" or "EXPRESS" (children under ${EXPRESS_MAX_SECONDS / 60} minutes) to the ProcessorConfig of Map ${quote(state.name)}.`,
          { key: true, fixes },
        );
      }
    }
  },
};
