/** The ERRORs aslint reports on the template corpus, by case, each with the fact that makes it right (shared by the corpus and cfn-lint tests). */
export const EXPECTED_ERRORS: Record<string, { rules: string[]; fact: string }> = {
  "sam-translator-embedded-connectors-sfn-to": {
    rules: ["missing-transition-target", "required-field"],
    fact: "The manifest notes that this translator fixture's Definition has StartAt but no States; the ASL specification requires States (asl-facts §3.1), so StartAt names no state.",
  },
  "samout-embedded-connectors-sfn-to": {
    rules: ["missing-transition-target", "required-field"],
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
  "sam-translator-state-machine-with-sam-policy-templates": {
    rules: ["task-token"],
    fact: "sqs:sendMessage.waitForTaskToken without $$.Task.Token in the message: no worker can ever answer, so the task waits until it times out every time (DG-INTEG, Wait for a Callback with Task Token). Translator test data.",
  },
  "samout-state-machine-with-sam-policy-templates": {
    rules: ["task-token"],
    fact: "The SAM translator's output of the case above.",
  },
  "sam-wfc-distributed-batch-import": {
    rules: ["distributed-map"],
    fact: "ItemsPath beside ItemReader: in Distributed mode ItemsPath selects items from the state input only, not from what ItemReader reads (asl-facts §3.8, DG-DIST; CDK's DistributedMap rejects the pair).",
  },
  "cfn-cfnlint-bad-sub-needed": {
    rules: ["undefined-substitution"],
    fact: "cfn-lint's own 'bad' fixture: Resource is ${definition_substitution_1}, which no DefinitionSubstitutions key defines, so AWS receives the literal text as the Task's Resource and rejects it (CloudFormation DefinitionSubstitutions; asl-facts Task Resource forms).",
  },
};

