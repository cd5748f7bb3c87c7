import type { Rule, RuleContext } from "./types.js";
import { get, has, isObject, isTemplated, stringValue, memberOf, type Node } from "../parse/tree.js";
import type { Fix } from "../diagnostic.js";
import { removeMemberFix } from "../parse/edits.js";
import { statesOfType } from "../model/by-type.js";
import { closest, quote } from "../expr/names.js";
import { ITEM_BATCHER_PATH_TWINS } from "../aws/states.js";

/** An ItemBatcher needs one of these: a batch size, or the path to one. */
const BATCH_SIZES = ITEM_BATCHER_PATH_TWINS.flatMap((f) => [f, `${f}Path`]);

/** The resources of ItemReader and ResultWriter (DG-ITEMREADER; DG-DIST; asl-facts §3.8). */
const READER_ACTIONS = ["getObject", "listObjectsV2"];
const WRITER_ACTIONS = ["putObject"];

/** The S3 action of `arn:<partition>:states:::s3:<action>`, or undefined. */
function s3Action(resource: string): string | undefined {
  return /^arn:[^:]+:states:::s3:([^:]+)$/.exec(resource)?.[1];
}

export const distributedMap: Rule = {
  meta: {
    id: "distributed-map",
    code: "SCHEMA_VALIDATION_FAILED",
    severity: "ERROR",
    basis: "rejected",
    findings: [
      { severity: "WARNING", basis: "accepted", what: "ItemsPath beside ItemReader: AWS accepts it and runs the Map" },
      { severity: "WARNING", basis: "unknown", what: "an ItemBatcher with BatchInput but no batch size (CDK accepts it, the spec requires a size)" },
    ],
    description:
      "Distributed Map settings that contradict each other: an ItemBatcher without a batch size, ReaderConfig combinations AWS rejects, an empty ResultWriter or one with a Resource and no bucket; a warning on ItemsPath beside ItemReader.",
    rationale:
      "A batcher needs a size; LOAD_AND_FLATTEN needs the file format, GIVEN headers need the header list, an S3 inventory manifest has its own format; a ResultWriter must say where or how to write. With an ItemReader the items come from S3: AWS accepts an ItemsPath beside it and runs the Map, but documents ItemsPath for items taken from the state input only, so that is a warning.",
    source: "SPEC §Map (ItemBatcher, ResultWriter); DG-DIST; DG-ITEMREADER; CDK DistributedMap/ItemBatcher; MEAS floci-test (ResultWriter {} and ResultWriter Resource without Parameters are refused, at the ResultWriter); REC and published samples (issue 21: ItemsPath with ItemReader accepted and executed); asl-facts §3.8, §17.6",
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
          `Map ${name} reads its items with "ItemReader" and also has "ItemsPath". AWS accepts this, but documents ItemsPath only for items taken from the state input;` +
            ` to pick an array inside a JSON file, use "ItemsPointer" in the ReaderConfig.`,
          { key: true, severity: "WARNING", fixes: fixes(removeMemberFix('Remove "ItemsPath"', text, itemsPath)) },
        );
      }

      const batcher = get(state.node, "ItemBatcher");
      if (isObject(batcher) && !BATCH_SIZES.some((k) => has(batcher, k))) {
        const onlyInput = has(batcher, "BatchInput");
        ctx.report(
          batcher,
          `The ItemBatcher of Map ${name} sets no batch size. Add "MaxItemsPerBatch" and/or "MaxInputBytesPerBatch" (or their …Path forms).` +
            (onlyInput ? " (AWS's CDK accepts BatchInput alone, but the spec requires a size.)" : ""),
          onlyInput ? { key: true, severity: "WARNING", basis: "unknown" } : { key: true, aws: { at: batcher } },
        );
      }

      checkIoResource(ctx, get(reader, "Resource"), "ItemReader", READER_ACTIONS, name);
      checkIoResource(ctx, get(get(state.node, "ResultWriter"), "Resource"), "ResultWriter", WRITER_ACTIONS, name);

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
            { key: true, fixes: fixes(removeMemberFix('Remove "ResultWriter"', text, writer)), aws: { at: writer } },
          );
        } else if (has(writer, "Resource")) {
          const argsKey = state.queryLanguage === "JSONata" ? "Arguments" : "Parameters";
          if (!has(writer, "Parameters") && !has(writer, "Arguments")) {
            ctx.report(
              get(writer, "Resource")!,
              `The ResultWriter of Map ${name} has a "Resource" but no ${quote(argsKey)} to say where to write: add ${quote(argsKey)} with "Bucket" and "Prefix".`,
              { key: true, aws: { at: writer } },
            );
          }
        } else {
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

/** An ItemReader or ResultWriter Resource other than the S3 actions AWS runs there (MEAS: refused, at the Resource). */
function checkIoResource(ctx: RuleContext, resource: Node | undefined, part: string, actions: readonly string[], map: string): void {
  if (resource?.type !== "string" || isTemplated(resource)) return;
  const text = resource.value as string;
  const action = s3Action(text);
  if (action !== undefined && actions.includes(action)) return;
  const forms = actions.map((a) => quote(`arn:aws:states:::s3:${a}`)).join(" or ");
  const guess = action !== undefined && actions.length > 1 ? closest(action, [...actions]) : undefined;
  ctx.report(resource, `${quote(text)} is not a resource the ${part} of Map ${map} can use: use ${forms}.${guess ? ` Did you mean ${quote(`s3:${guess}`)}?` : ""}`);
}
