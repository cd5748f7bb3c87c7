import type { Rule } from "./types.js";
import { syntaxRules } from "./syntax.js";
import { missingTransitionTarget } from "./missing-transition-target.js";
import { unreachableState } from "./unreachable-state.js";
import { missingEndState } from "./missing-end-state.js";
import { noTerminalPath } from "./no-terminal-path.js";
import { duplicateStateName } from "./duplicate-state-name.js";
import { stateName } from "./state-name.js";
import { definitionSize } from "./definition-size.js";
import { nextOrEnd } from "./next-or-end.js";
import { exclusiveFields } from "./exclusive-fields.js";
import { waitDuration } from "./wait-duration.js";
import { timestamp } from "./timestamp.js";
import { retryCatch } from "./retry-catch.js";
import { unmatchedError } from "./unmatched-error.js";
import { retryMaxDelay } from "./retry-max-delay.js";
import { heartbeatTimeout } from "./heartbeat-timeout.js";
import { mapMode } from "./map-mode.js";
import { distributedMap } from "./distributed-map.js";
import { mapLabel } from "./map-label.js";
import { duplicateLabel } from "./duplicate-label.js";
import { requiredField } from "./required-field.js";
import { unknownField } from "./unknown-field.js";
import { invalidValue } from "./invalid-value.js";
import { choiceRule } from "./choice-rules.js";
import { deployTimePlaceholder } from "./deploy-time-placeholder.js";

import { nestedExecutionArn } from "./nested-execution-arn.js";
import { nestedExecutionParentId } from "./nested-execution-parent-id.js";
import { nestedExecutionTaskToken } from "./nested-execution-task-token.js";
import { nestedExecutionName } from "./nested-execution-name.js";
import { nestedExecutionExpress } from "./nested-execution-express.js";
import { nestedExecutionChild } from "./nested-execution-child.js";
import { historyBudget } from "./history-budget.js";
import { invalidPath } from "./invalid-path.js";
import { payloadTemplate } from "./payload-template.js";
import { intrinsicPlacement } from "./intrinsic-placement.js";
import { noDollar } from "./no-dollar.js";
import { noPath } from "./no-path.js";
import { passResultIsStatic } from "./pass-result-is-static.js";
import { taskResource } from "./task-resource.js";
import { taskToken } from "./task-token.js";
import { expressLimits } from "./express-limits.js";
import { queryLanguage } from "./query-language.js";
import { jsonataExpression } from "./jsonata-expression.js";
import { statesVariable } from "./states-variable.js";
import { assignName } from "./assign-name.js";
import { assignSize } from "./assign-size.js";
import { undefinedVariable } from "./undefined-variable.js";
import { unusedVariable } from "./unused-variable.js";
import { variableScope } from "./variable-scope.js";
import { dataFlow } from "./data-flow.js";
import { undefinedSubstitution } from "./undefined-substitution.js";
import { unusedSubstitution } from "./unused-substitution.js";
import { subReference } from "./sub-reference.js";
import { referenceType } from "./reference-type.js";
import { definitionNotFound } from "./definition-not-found.js";
/** Every rule, in the order they run. Adding a rule: its file, one line here, its fixtures. */
export const rules: Rule[] = [
  ...syntaxRules,
  definitionSize,
  requiredField,
  unknownField,
  invalidValue,
  choiceRule,
  deployTimePlaceholder,
  missingTransitionTarget,
  nextOrEnd,
  missingEndState,
  unreachableState,
  noTerminalPath,
  duplicateStateName,
  stateName,
  exclusiveFields,
  waitDuration,
  timestamp,
  retryCatch,
  unmatchedError,
  retryMaxDelay,
  heartbeatTimeout,
  mapMode,
  distributedMap,
  mapLabel,
  duplicateLabel,
  nestedExecutionArn,
  nestedExecutionParentId,
  nestedExecutionTaskToken,
  nestedExecutionName,
  nestedExecutionExpress,
  nestedExecutionChild,
  historyBudget,
  invalidPath,
  payloadTemplate,
  intrinsicPlacement,
  noDollar,
  noPath,
  passResultIsStatic,
  dataFlow,
  taskResource,
  taskToken,
  expressLimits,
  queryLanguage,
  jsonataExpression,
  statesVariable,
  assignName,
  assignSize,
  undefinedVariable,
  unusedVariable,
  variableScope,
  undefinedSubstitution,
  unusedSubstitution,
  subReference,
  referenceType,
  definitionNotFound,
];

export const rulesById: ReadonlyMap<string, Rule> = new Map(rules.map((r) => [r.meta.id, r]));
