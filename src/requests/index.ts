/**
 * API request checks: offline, located, with the definition linter's diagnostics and
 * OK/FAIL verdict. `checkRequest(api, text)` reads a request file in the AWS CLI
 * `--cli-input-json` / `--cli-input-yaml` shape (camelCase members).
 */
import type { LintResult } from "../diagnostic.js";
import type { MachineType } from "../rules/types.js";
import { openRequest, type RuleSettings } from "./request.js";
import { checkStartExecution, type DefinitionInput } from "./start-execution.js";
import { checkRedriveExecution } from "./redrive-execution.js";
import { checkStartWorkflowExecution } from "./start-workflow-execution.js";
import { checkListExecutions } from "./list-executions.js";
import type { ApiName } from "./apis.js";

export { APIS, isApiName, type ApiName } from "./apis.js";
export { requestRules, requestRulesById, type RequestRule, type RequestCommand, type ExampleSetup } from "./rules.js";
export type { RuleSettings } from "./request.js";

export interface RequestOptions {
  /** File name: picks JSON or YAML. */
  filename?: string;
  /** StartExecution / StartSyncExecution: the state machine's definition. */
  definition?: DefinitionInput;
  /** StartExecution / StartSyncExecution / ListExecutions: the state machine's type, when known. */
  type?: MachineType;
  /** Per-rule severity settings, by rule id, as `lint` takes them. */
  rules?: RuleSettings;
}

/** Checks an API request. Pure and synchronous: no I/O, no clock. */
export function checkRequest(api: ApiName, text: string, options: RequestOptions = {}): LintResult {
  const { ctx, root } = openRequest(text, options.filename, `${api} request`, options.rules);
  if (root) {
    switch (api) {
      case "StartExecution":
      case "StartSyncExecution":
        checkStartExecution(ctx, root, api, { definition: options.definition, type: options.type });
        break;
      case "RedriveExecution":
        checkRedriveExecution(ctx, root);
        break;
      case "ListExecutions":
        checkListExecutions(ctx, root, options.type);
        break;
      case "StartWorkflowExecution":
        checkStartWorkflowExecution(ctx, root);
        break;
    }
  }
  return ctx.finish();
}

export { checkRedrive, type RedriveCheck, type RedriveOptions, type RedriveStatus, type RerunState } from "./redrive.js";
