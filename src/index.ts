/** The library: lint a definition, check an API request; pure and synchronous. */
export { lint, lintDocument, typeFromFilename, type LintOptions, type LintOutput, type RuleSetting } from "./lint.js";
export type { Diagnostic, LintResult, Result, Severity, Fix, Edit } from "./diagnostic.js";
export { rules } from "./rules/index.js";
export type { Rule, RuleMeta, MachineType } from "./rules/types.js";
export { VERSION } from "./version.js";
export {
  checkRequest,
  checkRedrive,
  APIS,
  requestRules,
  requestRulesById,
  type ApiName,
  type RequestOptions,
  type RequestRule,
  type RedriveCheck,
  type RedriveOptions,
  type RedriveStatus,
} from "./requests/index.js";
