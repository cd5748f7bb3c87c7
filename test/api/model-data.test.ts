/** src/aws/api-models.ts is generated from the AWS API models; it must not drift from them. */
import { describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { generate, OUT, MODELS_DIR } from "../../scripts/gen-api-data.mjs";
import { SFN_MODEL, SWF_MODEL } from "../../src/aws/api-models.js";
import { SHARED_PRESENT } from "../shared.js";

describe("model-data", () => {
  it.skipIf(!SHARED_PRESENT)("is what scripts/gen-api-data.mjs makes from the models (run it when this fails)", () => {
    // like the corpus, the models are read in place from ../shared: without them this check cannot run
    expect(existsSync(MODELS_DIR), `${MODELS_DIR} is missing (the AWS models live in ../shared/reference/aws-models)`).toBe(true);
    expect(readFileSync(OUT, "utf8")).toBe(generate());
  });

  it("holds the shapes the checks use", () => {
    expect(SFN_MODEL.shapes.Name).toMatchObject({ min: 1, max: 80 });
    expect(SFN_MODEL.shapes.Arn).toMatchObject({ min: 1, max: 256 });
    expect(SFN_MODEL.shapes.SensitiveData.max).toBe(262144);
    expect(SFN_MODEL.shapes.ClientToken).toMatchObject({ min: 1, max: 64, pattern: "[!-~]+" });
    expect(SFN_MODEL.shapes.TraceHeader).toMatchObject({ max: 256, pattern: "\\p{ASCII}*" });
    expect(SFN_MODEL.shapes.StartExecutionInput.required).toEqual(["stateMachineArn"]);
    expect(SFN_MODEL.shapes.ValidationExceptionReason.enum).toContain("API_DOES_NOT_SUPPORT_LABELED_ARNS");
    expect(SWF_MODEL.shapes.StartWorkflowExecutionInput.required).toEqual(["domain", "workflowId", "workflowType"]);
    expect(SWF_MODEL.shapes.TagList.max).toBe(5);
    expect(SWF_MODEL.shapes.Data.max).toBe(32768);
    expect(SWF_MODEL.shapes.Arn.max).toBe(1600);
    expect(SWF_MODEL.operations.StartWorkflowExecution.errors).toContain("DefaultUndefinedFault");
  });
});
