/** Step Functions error names (asl-facts §5): what a retrier, catcher or Fail state may name. */

/** Every predefined error name: SPEC Appendix A plus AWS's additions (DG-ERR). */
export const KNOWN_ERRORS = [
  "States.ALL",
  "States.TaskFailed",
  "States.Timeout",
  "States.HeartbeatTimeout",
  "States.Permissions",
  "States.ResultPathMatchFailure",
  "States.ParameterPathFailure",
  "States.QueryEvaluationError",
  "States.BranchFailed",
  "States.NoChoiceMatched",
  "States.IntrinsicFailure",
  "States.ExceedToleratedFailureThreshold",
  "States.ItemReaderFailed",
  "States.ResultWriterFailed",
  "States.DataLimitExceeded",
  "States.Runtime",
  "States.Http.Socket",
];

const KNOWN = new Set(KNOWN_ERRORS);
/** HTTP Task errors carry the status code: `States.Http.StatusCode.404`. */
const HTTP_STATUS = /^States\.Http\.StatusCode\.[1-5]\d\d$/;

export function isKnownError(name: string): boolean {
  return KNOWN.has(name) || HTTP_STATUS.test(name);
}

/** Names AWS never lets a retrier or catcher see: the execution fails at once. */
export const UNCATCHABLE = new Set(["States.Runtime", "States.DataLimitExceeded"]);

/** SPEC names that AWS marks "reserved for future use" (it reports these conditions as States.Runtime). */
export const RESERVED = new Set(["States.IntrinsicFailure", "States.NoChoiceMatched", "States.ParameterPathFailure"]);
