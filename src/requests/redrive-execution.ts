/**
 * RedriveExecution requests (asl-facts §11, §13): `executionArn` must be the ARN of a
 * Standard execution (not a state machine, not an Express execution); `clientToken` is 1..64
 * printable ASCII characters (`[!-~]+`, from the model).
 */
import { get, type Node } from "../parse/index.js";
import { SFN_MODEL } from "../aws/api-models.js";
import { checkShape, type RequestContext } from "./request.js";
import { executionArnFindings } from "../expr/arn-findings.js";
import { executionArn } from "./rules.js";

export function checkRedriveExecution(ctx: RequestContext, root: Node): void {
  checkShape(ctx, SFN_MODEL, SFN_MODEL.operations.RedriveExecution.input, root);
  const arn = get(root, "executionArn");
  // an empty ARN is below the model's minimum length: request-shape says so, once
  if (arn?.type !== "string" || arn.value === "") return;
  for (const f of executionArnFindings(arn.value as string).findings) {
    ctx.report(arn, f.message, { rule: executionArn, code: f.code, severity: f.severity, span: { start: f.start, end: f.end } });
  }
}
