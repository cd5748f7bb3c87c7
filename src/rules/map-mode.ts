import type { Rule } from "./types.js";
import { get, isObject } from "../parse/tree.js";
import { EXPRESS_MAX_SECONDS, INLINE_MAX_CONCURRENCY } from "../aws/limits.js";
import { mapProcessing, type MapProcessing } from "../model/map.js";
import type { Fix } from "../diagnostic.js";
import { addMemberFix, removeMemberFix, replaceValueFix } from "../parse/edits.js";
import { statesOfType } from "../model/by-type.js";
import { quote } from "../expr/names.js";

/**
 * Documented for Distributed Maps only. AWS accepts an ItemReader on a Map without
 * "Mode": "DISTRIBUTED" (MEAS); no AWS answer is on record for ItemBatcher and ResultWriter
 * there, nor a rejection of the others: warnings, not errors (a false alarm on a definition AWS
 * accepts is a bug).
 */
const DISTRIBUTED_KEYS = ["ItemReader", "ItemBatcher", "ResultWriter", "Label", "ToleratedFailurePercentage", "ToleratedFailurePercentagePath", "ToleratedFailureCount", "ToleratedFailureCountPath"];
/** Of those, the ones whose acceptance is not on record. */
const UNKNOWN_INLINE = new Set(["ItemBatcher", "ResultWriter"]);

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
    basis: "rejected",
    findings: [
      { severity: "WARNING", basis: "accepted", what: "ItemReader, Label or ToleratedFailure… on an inline Map (AWS accepts an ItemReader without DISTRIBUTED mode)" },
      { severity: "WARNING", basis: "unknown", what: "ItemBatcher or ResultWriter on an inline Map" },
      { severity: "INFO", basis: "accepted", what: "MaxConcurrency above 40 on an inline Map" },
    ],
    description:
      'Inline versus Distributed Map: a Distributed Map needs "ExecutionType"; ItemReader, ItemBatcher, ResultWriter, Label and ToleratedFailure… on a Map that runs inline are warned about; an inline Map runs at most 40 iterations at once.',
    rationale:
      'A Distributed Map starts child workflows, so it must say whether they are STANDARD or EXPRESS executions. A Map without ProcessorConfig.Mode runs inline, where AWS documents ItemReader, ItemBatcher, ResultWriter, Label and the tolerated failures as Distributed Map fields; AWS accepts an ItemReader there (measured), and no rejection of the others is on record, so these are warnings.',
    source: "MEAS (aws-validation-messages §5: ItemReader without DISTRIBUTED mode is accepted); SPEC §Map; DG-INLINE (Mode default INLINE, concurrency ≤ 40); DG-DIST, LS, CDK (ExecutionType with DISTRIBUTED); asl-facts §3.8",
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
          const basis = UNKNOWN_INLINE.has(key) ? "unknown" : "accepted";
          const node = get(state.node, key);
          if (!node) continue;
          if (!fixed) {
            // the fix that makes it a Distributed Map: made once per Map, and only for a Map that needs it
            modeFix = distributedFix(text, mp);
            fixed = true;
          }
          const remove = removeMemberFix(`Remove ${quote(key)}`, text, node);
          if (ctx.type === "EXPRESS") {
            ctx.report(node, `${quote(key)} is a Distributed Map field, and an Express workflow cannot run a Distributed Map. Remove ${quote(key)}.`, {
              key: true,
              severity: "WARNING",
              basis,
              fixes: remove ? [remove] : undefined,
            });
            continue;
          }
          ctx.report(
            node,
            `${quote(key)} is a Distributed Map field, but Map ${quote(state.name)} runs inline (${why}). ` +
              `Set "ProcessorConfig": ${CONFIG_TEXT} in its ${where}, or remove ${quote(key)}.`,
            { key: true, severity: "WARNING", basis, fixes: [modeFix, remove].filter((f): f is Fix => f !== undefined) },
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
