/** The library: lint a definition, check an API request; pure and synchronous. */
export { lint, lintDocument, typeFromFilename, type LintOptions, type LintOutput, type RuleSetting } from "./lint.js";
export type { Diagnostic, LintResult, Result, Severity, Fix, Edit } from "./diagnostic.js";
export { rules } from "./rules/index.js";
export type { Rule, RuleMeta, MachineType } from "./rules/types.js";
export { VERSION } from "./version.js";
export { checkRequest, checkRedrive, APIS, type ApiName, type RequestOptions, type RedriveCheck, type RedriveOptions, type RedriveStatus } from "./requests/index.js";
/** Empties the caches of parsed expressions that lints share: for measuring a first lint, and for hosts that want the memory back. */
export { clearMemos as clearCaches } from "./expr/memo.js";
