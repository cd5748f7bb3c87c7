/**
 * SWF StartWorkflowExecution requests (asl-facts §14, SWF model):
 * - lengths, enums and the 5-tag limit from the model;
 * - `domain`, `workflowId`, `taskList.name`, `workflowType.name`/`version`: no `:` `/` `|`,
 *   no control characters, not the literal `arn`;
 * - `executionStartToCloseTimeout`: seconds (digits), not `NONE`, at most one year;
 *   `taskStartToCloseTimeout`: seconds or `NONE`;
 * - `taskPriority`: an integer in Java's int range, written as a string;
 * - `taskList`, `childPolicy` and both timeouts have no default unless the workflow type was
 *   registered with one: a WARNING (DefaultUndefinedFault), since the registration is not
 *   visible offline;
 * - `lambdaRole`: an IAM role ARN.
 */
import { get, type Node } from "../parse/index.js";
import { parseArn } from "../expr/arn.js";
import { SWF_MODEL } from "../aws/api-models.js";
import { checkShape, num, type RequestContext } from "./request.js";
import { swfDefaultUndefined, swfLambdaRole, swfName, swfTaskPriority, swfTimeout } from "./rules.js";

/** One year in seconds: SWF's maximum execution duration (SWF-DG limits). */
const ONE_YEAR_SECONDS = 31_536_000;
const INT_MIN = -2_147_483_648;
const INT_MAX = 2_147_483_647;

const NAME_FIELDS: [string[], string][] = [
  [["domain"], "domain"],
  [["workflowId"], "workflowId"],
  [["taskList", "name"], "taskList.name"],
  [["workflowType", "name"], "workflowType.name"],
  [["workflowType", "version"], "workflowType.version"],
];

function at(root: Node, path: string[]): Node | undefined {
  let n: Node | undefined = root;
  for (const p of path) n = get(n, p);
  return n;
}

export function checkStartWorkflowExecution(ctx: RequestContext, root: Node): void {
  checkShape(ctx, SWF_MODEL, SWF_MODEL.operations.StartWorkflowExecution.input, root);

  for (const [path, label] of NAME_FIELDS) {
    const node = at(root, path);
    if (node?.type !== "string") continue;
    const value = node.value as string;
    if (value === "arn") {
      ctx.report(node, `${label} must not be the literal string "arn".`, { rule: swfName });
      continue;
    }
    const bad = /[:/|\u0000-\u001f\u007f-\u009f]/.exec(value);
    if (bad) {
      const cp = bad[0].charCodeAt(0);
      const what = cp < 0x20 || cp >= 0x7f ? `control character U+${cp.toString(16).toUpperCase().padStart(4, "0")}` : JSON.stringify(bad[0]);
      const register = path[0] === "workflowType" ? " (RegisterWorkflowType never accepts such a type, so none can exist)" : "";
      ctx.report(node, `${label} contains ${what}: SWF names must not contain ":" "/" "|" or control characters${register}.`, {
        rule: swfName,
        code: path[0] === "workflowType" ? "UnknownResourceFault" : "ValidationException",
        span: { start: bad.index, end: bad.index + 1 },
      });
    }
  }

  const exec = get(root, "executionStartToCloseTimeout");
  if (exec?.type === "string") {
    const v = exec.value as string;
    if (v === "NONE") {
      ctx.report(exec, 'executionStartToCloseTimeout cannot be "NONE" (unlike other SWF timeouts): an execution runs at most one year (31536000 seconds). Give a number of seconds.', {
        rule: swfTimeout,
      });
    } else if (!/^\d+$/.test(v)) {
      ctx.report(exec, `executionStartToCloseTimeout is a whole number of seconds written as a string ("3600"); ${JSON.stringify(v)} is not.`, { rule: swfTimeout });
    } else if (Number(v) > ONE_YEAR_SECONDS) {
      ctx.report(exec, `executionStartToCloseTimeout is ${num(Number(v))} seconds; SWF executions run at most one year (${num(ONE_YEAR_SECONDS)} seconds).`, { rule: swfTimeout });
    }
  }
  const task = get(root, "taskStartToCloseTimeout");
  if (task?.type === "string") {
    const v = task.value as string;
    if (v !== "NONE" && !/^\d+$/.test(v)) {
      ctx.report(task, `taskStartToCloseTimeout is a whole number of seconds written as a string, or "NONE" for no limit; ${JSON.stringify(v)} is neither.`, { rule: swfTimeout });
    }
  }

  const priority = get(root, "taskPriority");
  if (priority?.type === "string") {
    const v = priority.value as string;
    if (!/^[+-]?\d+$/.test(v)) {
      ctx.report(priority, `taskPriority is an integer written as a string ("10", "-5"); ${JSON.stringify(v)} is not.`, { rule: swfTaskPriority });
    } else if (Number(v) < INT_MIN || Number(v) > INT_MAX) {
      ctx.report(priority, `taskPriority ${v} is outside Java's int range (${INT_MIN} to ${INT_MAX}).`, { rule: swfTaskPriority });
    }
  }

  const role = get(root, "lambdaRole");
  if (role?.type === "string") {
    const arn = parseArn(role.value as string);
    if (!arn.placeholder) {
      const bad = arn.errors[0];
      if (bad) ctx.report(role, `lambdaRole: ${bad.message}`, { rule: swfLambdaRole, span: { start: bad.start, end: bad.end } });
      else if (arn.service && (arn.service.value !== "iam" || arn.resourceType?.value !== "role") && !arn.service.templated) {
        ctx.report(role, "lambdaRole is an IAM role ARN (arn:aws:iam::<account>:role/<name>); Lambda tasks of this execution fail with ScheduleLambdaFunctionFailed otherwise.", {
          rule: swfLambdaRole,
        });
      }
    }
  }

  const missing = ["taskList", "executionStartToCloseTimeout", "taskStartToCloseTimeout", "childPolicy"].filter((m) => !get(root, m));
  if (missing.length) {
    const list = missing.length === 1 ? missing[0] : `${missing.slice(0, -1).join(", ")} and ${missing[missing.length - 1]}`;
    ctx.reportMissing(
      root,
      `${list} ${missing.length === 1 ? "is" : "are"} not given: StartWorkflowExecution fails with DefaultUndefinedFault unless the workflow type was registered with ${missing.length === 1 ? "a default" : "defaults"} (RegisterWorkflowType default${missing.length === 1 ? "" : "s"} ${missing.map((m) => "default" + m[0].toUpperCase() + m.slice(1)).join(", ")}). aslint cannot see the registration offline; give ${missing.length === 1 ? "it" : "them"} here to be sure.`,
      { rule: swfDefaultUndefined },
    );
  }
}
