/** The library: lint a definition, check an API request; pure and synchronous. */
export { lint, lintDocument, typeFromFilename, type LintOptions, type LintOutput, type RuleSetting } from "./lint.js";
export type { Diagnostic, LintResult, Result, Severity, Fix, Edit } from "./diagnostic.js";
export { rules } from "./rules/index.js";
export type { Rule, RuleMeta, MachineType } from "./rules/types.js";
export { VERSION } from "./version.js";
export { ConfigLookup, ConfigError, settingsFor, suppressionsFor, isIgnored, type Config } from "./config.js";
export type { LocationSuppression, SuppressedDiagnostic } from "./suppress.js";
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
export type { TestStateRequest, TestStateResponse, TestStateResult, TestStateOptions, ApiError } from "./emulate/index.js";
import { testState as testStateOffline, type TestStateOptions, type TestStateResult } from "./emulate/index.js";
import { lint as lintText } from "./lint.js";

/** TestState answered offline; the definition is checked as AWS checks it (InvalidDefinition). */
export function testState(request: unknown, options: TestStateOptions = {}): Promise<TestStateResult> {
  return testStateOffline(request, { validate: (text) => lintText(text).diagnostics, ...options });
}
export { sourcesOf, substitute, type DefinitionSource, type SourceHost, type TemplateContext } from "./sources/index.js";
export { loadTerraform, terraformSources } from "./sources/terraform.js";
export { lintSource, type SourceFileResult } from "./lint-sources.js";
