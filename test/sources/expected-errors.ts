/** The ERRORs aslint reports on the template corpus, by case, each with the fact that makes it right (shared by the corpus and cfn-lint tests). */
export const EXPECTED_ERRORS: Record<string, { rules: string[]; fact: string }> = {
  "sam-translator-embedded-connectors-sfn-to": {
    rules: ["required-field"],
    fact: "The manifest notes that this translator fixture's Definition has StartAt but no States; the ASL specification requires States (asl-facts §3.1). AWS reports only the missing field (aws-validation-messages.md: StartAt naming a state when States is missing).",
  },
  "samout-embedded-connectors-sfn-to": {
    rules: ["required-field"],
    fact: "The SAM translator's output of the case above: the same definition, StartAt without States.",
  },
  "sam-translator-state-machine-with-api-and-propagate-tags": {
    rules: ["task-resource"],
    fact: "Resource: random-resource is not an ARN; a Task Resource is an activity, Lambda or states:::service ARN (asl-facts, Task Resource forms). Translator test data, never deployed.",
  },
  "samout-state-machine-with-api-and-propagate-tags": {
    rules: ["task-resource"],
    fact: "The SAM translator's output of the case above.",
  },
  "cfn-cfnlint-bad-sub-needed": {
    rules: ["undefined-substitution"],
    fact: "cfn-lint's own 'bad' fixture: Resource is ${definition_substitution_1}, which no DefinitionSubstitutions key defines, so AWS receives the literal text as the Task's Resource and rejects it (CloudFormation DefinitionSubstitutions; asl-facts Task Resource forms).",
  },
};

