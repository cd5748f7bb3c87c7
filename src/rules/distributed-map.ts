import type { Rule } from "./types.js";
import { get, has, isObject, stringValue, memberOf } from "../parse/tree.js";
import type { Fix } from "../diagnostic.js";
import { removeMemberFix } from "../parse/edits.js";
import { statesOfType } from "../model/by-type.js";
import { quote } from "../expr/names.js";
import { ITEM_BATCHER_PATH_TWINS } from "../aws/states.js";

/** An ItemBatcher needs one of these: a batch size, or the path to one. */
const BATCH_SIZES = ITEM_BATCHER_PATH_TWINS.flatMap((f) => [f, `${f}Path`]);

export const distributedMap: Rule = {
  meta: {
    id: "distributed-map",
    code: "SCHEMA_VALIDATION_FAILED",
    severity: "ERROR",
    description:
      "Distributed Map settings that contradict each other: ItemsPath with ItemReader, an ItemBatcher without a batch size, ReaderConfig combinations AWS rejects, an empty ResultWriter.",
    rationale:
      "With an ItemReader the items come from S3, not from the state input; a batcher needs a size; LOAD_AND_FLATTEN needs the file format, GIVEN headers need the header list, an S3 inventory manifest has its own format; a ResultWriter must say where or how to write.",
    source: "SPEC §Map (ItemBatcher, ResultWriter); DG-DIST; DG-ITEMREADER; CDK DistributedMap/ItemBatcher; asl-facts §3.8, §17.6",
    examples: {
      fail: '{ "StartAt": "M", "States": { "M": { "Type": "Map", "ItemBatcher": {}, "ItemProcessor": { "ProcessorConfig": { "Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS" }, "StartAt": "P", "States": { "P": { "Type": "Pass", "End": true } } }, "End": true } } }',
      pass: '{ "StartAt": "M", "States": { "M": { "Type": "Map", "ItemBatcher": { "MaxItemsPerBatch": 100 }, "ItemProcessor": { "ProcessorConfig": { "Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS" }, "StartAt": "P", "States": { "P": { "Type": "Pass", "End": true } } }, "End": true } } }',
    },
  },
  check(ctx) {
    const text = ctx.doc.text;
    const fixes = (...f: (Fix | undefined)[]) => f.filter((x): x is Fix => x !== undefined);
    for (const state of statesOfType(ctx.machine, "Map")) {
      if (!isObject(state.node)) continue;
      const name = quote(state.name);
      const reader = get(state.node, "ItemReader");

      const itemsPath = get(state.node, "ItemsPath");
      if (reader && itemsPath) {
        ctx.report(
          itemsPath,
          `Map ${name} reads its items with "ItemReader", so "ItemsPath" has nothing to select from the state input. Remove "ItemsPath"` +
            ` (to pick an array inside a JSON file, use "ItemsPointer" in the ReaderConfig).`,
          { key: true, fixes: fixes(removeMemberFix('Remove "ItemsPath"', text, itemsPath)) },
        );
      }

      const batcher = get(state.node, "ItemBatcher");
      if (isObject(batcher) && !BATCH_SIZES.some((k) => has(batcher, k))) {
        const onlyInput = has(batcher, "BatchInput");
        ctx.report(
          batcher,
          `The ItemBatcher of Map ${name} sets no batch size. Add "MaxItemsPerBatch" and/or "MaxInputBytesPerBatch" (or their …Path forms).` +
            (onlyInput ? " (AWS's CDK accepts BatchInput alone, but the spec requires a size.)" : ""),
          { key: true, severity: onlyInput ? "WARNING" : undefined },
        );
      }

      const config = get(reader, "ReaderConfig");
      if (isObject(config)) {
        const transformation = get(config, "Transformation");
        if (stringValue(transformation) === "LOAD_AND_FLATTEN" && !has(config, "InputType")) {
          ctx.report(
            transformation!,
            `"Transformation": "LOAD_AND_FLATTEN" reads every object listed by the reader, so the ReaderConfig of Map ${name} must say their format: add "InputType" ("CSV", "JSON", "JSONL" or "PARQUET").`,
          );
        }
        const headerLocation = get(config, "CSVHeaderLocation");
        if (stringValue(headerLocation) === "GIVEN" && !has(config, "CSVHeaders")) {
          ctx.report(
            headerLocation!,
            `"CSVHeaderLocation": "GIVEN" means the column names are listed in the definition: add "CSVHeaders" (an array of names) to the ReaderConfig of Map ${name}, or use "FIRST_ROW".`,
          );
        }
        const inputType = get(config, "InputType");
        if (stringValue(get(config, "ManifestType")) === "S3_INVENTORY" && inputType) {
          ctx.report(
            inputType,
            `An S3 inventory manifest ("ManifestType": "S3_INVENTORY") has its own format: remove "InputType" from the ReaderConfig of Map ${name}.`,
            { key: true, fixes: fixes(removeMemberFix('Remove "InputType"', text, inputType)) },
          );
        }
      }

      const writer = get(state.node, "ResultWriter");
      if (isObject(writer)) {
        if (writer.properties.length === 0) {
          ctx.report(
            writer,
            `The ResultWriter of Map ${name} is empty. Give "WriterConfig" ({"OutputType": "JSON", "Transformation": "NONE"}) and/or "Resource": "arn:aws:states:::s3:putObject" with the bucket and prefix, or remove it.`,
            { key: true, fixes: fixes(removeMemberFix('Remove "ResultWriter"', text, writer)) },
          );
        } else if (!has(writer, "Resource")) {
          const args = get(writer, "Parameters") ?? get(writer, "Arguments");
          if (args) {
            ctx.report(
              args,
              `The ResultWriter of Map ${name} has ${quote(memberOf(args)!.key)} but no "Resource" to pass them to. Add "Resource": "arn:aws:states:::s3:putObject".`,
              { key: true },
            );
          }
        }
      }
    }
  },
};
