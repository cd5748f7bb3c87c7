/**
 * TestState's `fieldValidationMode` (API model MockResponseValidationMode): a mocked result is
 * checked against the output shape of the API the Task calls. STRICT: required fields present and
 * present fields well typed; PRESENT: present fields well typed; fields outside the API's shape
 * are accepted (recorded: `{"random": "json"}` for events:putEvents succeeds). Step Functions
 * hands service results over with PascalCase member names.
 *
 * Offline, only the APIs whose models aslint carries can be checked: Step Functions'
 * (`states:startExecution` and its `.sync` forms, and `aws-sdk:sfn:*` for those operations).
 * Any other resource is accepted as it is (docs/test-state.md lists the recordings this leaves).
 */
import { SFN_MODEL, type ModelShape, type ServiceModel } from "../aws/api-models.js";
import { isObject, type Json } from "../eval/json.js";

/** StartExecution's output shape (asl-facts §13: out `executionArn` R, `startDate` R), missing from the generated subset. */
const START_EXECUTION_OUTPUT: ModelShape = { type: "structure", required: ["executionArn", "startDate"], members: { executionArn: "Arn", startDate: "Timestamp" } };

function shapeOf(name: string): ModelShape | undefined {
  if (name === "StartExecutionOutput") return START_EXECUTION_OUTPUT;
  const shapes = (SFN_MODEL as ServiceModel).shapes;
  return Object.prototype.hasOwnProperty.call(shapes, name) ? shapes[name] : undefined;
}

/** The output shape a Task's resource returns, when aslint has its model. */
function outputShape(resource: Json | undefined): string | undefined {
  if (typeof resource !== "string") return undefined;
  const m = /^arn:[^:]+:states:::(states|aws-sdk:sfn):([A-Za-z]+)(\.sync(?::2)?|\.waitForTaskToken)?$/.exec(resource);
  if (!m) return undefined;
  const [, service, action, suffix] = m;
  if (suffix === ".waitForTaskToken") return undefined;
  if (service === "states" && action === "startExecution") return suffix ? "DescribeExecutionOutput" : "StartExecutionOutput";
  const op = (SFN_MODEL as ServiceModel).operations[action[0].toUpperCase() + action.slice(1)];
  return suffix ? undefined : op?.output ?? (action === "startExecution" ? "StartExecutionOutput" : undefined);
}

const pascal = (s: string) => s[0].toUpperCase() + s.slice(1);

function check(value: Json, shapeName: string, field: string, strict: boolean, depth: number): string | undefined {
  const shape = shapeOf(shapeName);
  if (!shape || depth > 32) return undefined;
  switch (shape.type) {
    case "structure": {
      if (!isObject(value)) return `Field '${field}' must be an object`;
      if (strict) for (const r of shape.required ?? []) if (!(pascal(r) in value)) return `Required field '${pascal(r)}' is missing`;
      for (const [member, target] of Object.entries(shape.members ?? {})) {
        const key = pascal(member);
        if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
        const problem = check(value[key], typeof target === "string" ? target : target.shape, key, strict, depth + 1);
        if (problem) return problem;
      }
      return undefined;
    }
    case "list":
      if (!Array.isArray(value)) return `Field '${field}' must be an array`;
      for (const item of value) {
        const problem = shape.member ? check(item, shape.member, field, strict, depth + 1) : undefined;
        if (problem) return problem;
      }
      return undefined;
    case "string":
    case "timestamp":
      if (typeof value !== "string") return `Field '${field}' must be a string`;
      if (shape.enum && !shape.enum.includes(value)) return `Field '${field}' is not an expected value`;
      if (shape.min !== undefined && value.length < shape.min) return `Field '${field}' is smaller than the minimum length`;
      if (shape.max !== undefined && value.length > shape.max) return `Field '${field}' exceeds the maximum length`;
      return undefined;
    case "integer":
    case "long":
    case "float":
    case "double":
      if (typeof value !== "number") return `Field '${field}' must be a number`;
      if (shape.min !== undefined && value < shape.min) return `Field '${field}' is less than the minimum value`;
      if (shape.max !== undefined && value > shape.max) return `Field '${field}' exceeds the maximum value`;
      return undefined;
    case "boolean":
      return typeof value === "boolean" ? undefined : `Field '${field}' must be a boolean`;
    default:
      return undefined;
  }
}

/** The problem TestState reports for a mocked result, or undefined when it fits (or no model is known). */
export function checkMockResult(resource: Json | undefined, result: Json, mode: "STRICT" | "PRESENT"): string | undefined {
  const shape = outputShape(resource);
  return shape ? check(result, shape, "result", mode === "STRICT", 0) : undefined;
}
