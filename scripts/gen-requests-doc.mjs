// Writes docs/requests.md: the prose below with the example files and the real output of each
// command, run with the built CLI (dist/aslint.cjs). test/api/requests-doc.test.ts re-runs every
// command shown and fails when the page is stale.
//
//   node scripts/build.mjs && node scripts/gen-requests-doc.mjs
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { requestRulesById } = createRequire(import.meta.url)(join(root, "dist", "index.cjs"));

/** A link to a request rule's page in docs/rules.md; the rule must exist. */
function rule(id) {
  if (!requestRulesById.has(id)) throw new Error(`no request rule "${id}"`);
  return `[\`${id}\`](rules.md#${id})`;
}
const R = "examples/requests";
const doc = [];
const w = (s) => doc.push(s);

function run(cmd, pretty) {
  const p = spawnSync(process.execPath, ["dist/aslint.cjs", ...cmd.split(" ")], { cwd: root, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  let out = p.stdout + p.stderr;
  if (pretty) out = JSON.stringify(JSON.parse(p.stdout), null, 2) + "\n";
  return { out: out.replace(/\n+$/, ""), code: p.status };
}

function block(cmd, opts = {}) {
  const { out, code } = run(cmd, opts.pretty);
  const shown = opts.shown ?? `aslint ${cmd}`;
  const note = opts.pretty ? "(one line, shown here pretty-printed)\n" : "";
  return "```console\n$ " + shown + "\n" + note + out + "\n$ echo $?\n" + code + "\n```\n";
}

function file(path, lang) {
  return "`" + path + "`:\n\n```" + lang + "\n" + readFileSync(join(root, path), "utf8").replace(/\s+$/, "") + "\n```\n";
}

w(`# Checking API requests: \`aslint request\` and \`aslint redrive\`

A definition that lints clean can still fail the moment it runs: a state machine ARN with a
Distributed Map label, an execution name with a space, an input that is not JSON, a first state
that reads a path the input does not have, a redrive two weeks too late. aslint checks these
requests offline, before they are sent, with the definition linter's located diagnostics,
output formats (\`--format stylish|json|aws|sarif|github\`) and exit codes (0 every file OK,
1 a file FAILs, 2 usage error or unreadable file).

Request files hold the request's members in the shape the AWS CLI reads with
\`--cli-input-json\` (or \`--cli-input-yaml\`): camelCase names (\`stateMachineArn\`, \`name\`,
\`input\`, \`traceHeader\`...), as JSON or YAML. The library does the same with
\`checkRequest(api, text, { filename, definition, type })\` and
\`checkRedrive(text, { history, now })\` from the package's entry point.

Every check is a request rule, with its page in [rules.md](rules.md#request-rules) (linked
below), its AWS code and its default severity; \`aslint --list-rules\` lists them after the
definition rules. Change a rule's severity as for definitions: \`--rule ID=off|info|warn|error\`
(repeatable), \`"rules"\` in \`.aslintrc.json\`, or \`{ rules }\` in the library's options. A file
the AWS CLI cannot read is ${rule("request-syntax")} (a duplicate member only warns:
${rule("request-duplicate-key")}); members the API does not have or lacks are
${rule("unknown-parameter")} and ${rule("missing-parameter")}; a value outside the API model
(type, length, pattern, enum) is ${rule("request-shape")}.

Diagnostic codes say where the request would fail:

| code | meaning |
| --- | --- |
| \`ParamValidationError\` | the AWS CLI / SDK refuses the request before sending it (unknown or missing member, wrong type, below a minimum length, unreadable file) |
| \`ValidationException\` | the service refuses a value outside the API model's constraints (maximum length, pattern, enum), or a labelled ARN (reason \`API_DOES_NOT_SUPPORT_LABELED_ARNS\`) |
| \`InvalidArn\`, \`InvalidName\`, \`InvalidExecutionInput\`, \`StateMachineTypeNotSupported\`, \`ExecutionNotRedrivable\` | the Step Functions exception the call would get |
| \`States.Runtime\` | the call succeeds but the execution fails at once in its first state |
| \`DefaultUndefinedFault\`, \`UnknownResourceFault\` | SWF's faults |
| upper-snake codes (\`STATE_MACHINE_ARN\`, \`EXECUTION_NAME\`, \`REDRIVE_STATUS\`...) | notes and warnings that are not AWS errors |

Lengths, patterns, enums and required members come from the AWS API models (botocore's
\`stepfunctions\` and \`swf\` service models), compiled into \`src/aws/api-models.ts\` by
\`node scripts/gen-api-data.mjs\`; a test fails when that file is stale.

## \`aslint request --api StartExecution\`

What is checked:

- \`stateMachineArn\` (${rule("state-machine-arn")}): the partition, Region (per partition) and 12-digit account; the kind of ARN
  and what StartExecution does with it: an unqualified ARN runs the latest revision, a version ARN
  (\`:7\`) runs that version, an alias ARN (\`:PROD\`) runs what the alias routes to. A Distributed Map
  label (\`…:stateMachine:Name/Label\`) is refused with \`ValidationException\`; execution, activity,
  Map Run and integration ARNs with \`InvalidArn\`. At most 256 characters.
- \`name\` (${rule("execution-name")}): 1 to 80 characters, none of white space, \`\` < > { } [ ] ? * " # % \\ ^ | ~ \` $ & , ; : / \`\`,
  control characters (U+0000–001F, U+007F–009F), U+FFFE/U+FFFF, surrogates, U+10FFFF
  (\`InvalidName\`, the range on the first offending character). A warning when the name has other
  characters than \`0-9 A-Z a-z - _\`: CloudWatch Logs logging needs those only.
- \`input\` (${rule("execution-input")}): a string holding JSON text (\`InvalidExecutionInput\`, located where the JSON breaks
  inside the string, escapes included), at most 262,144 bytes in UTF-8.
- \`traceHeader\`: at most 256 ASCII characters. Unknown members are named, with a suggestion.

A valid request:

`.replace("{R}", R))
w(file(`${R}/start-execution.json`, "json"))
w("\n" + block(`request --api StartExecution ${R}/start-execution.json`) + "\n")
w("A broken one:\n\n" + file(`${R}/start-execution-broken.json`, "json") + "\n" + block(`request --api StartExecution ${R}/start-execution-broken.json`) + "\n")
w("YAML, as `--cli-input-yaml` reads it:\n\n" + file(`${R}/start-execution.yaml`, "yaml") + "\n" + block(`request --api StartExecution ${R}/start-execution.yaml`) + "\n")
w(`### \`--definition\`: the input against the first state

With \`--definition FILE\`, the input (or \`{}\` when there is none, as Step Functions does) is run
through the first state's \`InputPath\`, then the \`.$\` paths of its \`Parameters\` (or a Map's
\`ItemsPath\`), with jsonpath-plus (\`eval: false\`). A definite path that selects nothing is a
\`States.Runtime\` failure of the very first state (${rule("start-input-path")}): reported before the execution starts, located
in the input where the path stops. JSONata states and paths with wildcards or filters are not
evaluated.

`)
w(file(`${R}/order-intake.asl.json`, "json") + "\n" + file(`${R}/start-execution-no-customer.json`, "json") + "\n")
w(block(`request --api StartExecution --definition ${R}/order-intake.asl.json ${R}/start-execution-no-customer.json`) + "\n")
w("`--format json` gives the definition linter's contract, with the exception names as codes:\n\n")
w(block(`request --api StartExecution --format json ${R}/start-execution-broken.json`, { pretty: true }) + "\n")
w("With `--rule`, a rule's severity changes (here a bad name only warns, and unknown members are not reported):\n\n")
w(block(`request --api StartExecution --rule execution-name=warn --rule unknown-parameter=off ${R}/start-execution-broken.json`) + "\n")
w(`## \`aslint request --api StartSyncExecution\`

The same checks as StartExecution, plus \`includedData\` (\`ALL_DATA\` or \`METADATA_ONLY\`), and the
state machine must be EXPRESS (\`StateMachineTypeNotSupported\` otherwise: ${rule("sync-execution-type")}). The type comes from
\`--type\`, else from \`--definition\`'s file name (\`*.express.asl.json\` is EXPRESS) or the
\`.aslintrc.json\` \`type\`/\`overrides\` for that file, else STANDARD.

`)
w(file(`${R}/start-sync-execution.json`, "json") + "\n")
w(block(`request --api StartSyncExecution --definition ${R}/quote.express.asl.json ${R}/start-sync-execution.json`) + "\n")
w("Against a STANDARD definition (the input does not fit it either):\n\n" + block(`request --api StartSyncExecution --definition ${R}/order-intake.asl.json ${R}/start-sync-execution.json`) + "\n")
w(`## \`aslint request --api RedriveExecution\`

\`executionArn\` must be the ARN of a Standard execution (${rule("execution-arn")}): a state machine ARN is \`InvalidArn\`, an
Express execution (\`…:express:…\`) cannot be redriven (\`ExecutionNotRedrivable\`; Express children
of a Distributed Map are rerun by redriving the parent). \`clientToken\`: 1 to 64 printable ASCII
characters (\`[!-~]+\`).

`)
w(file(`${R}/redrive-execution.json`, "json") + "\n" + file(`${R}/redrive-execution-broken.json`, "json") + "\n")
w(block(`request --api RedriveExecution ${R}/redrive-execution.json ${R}/redrive-execution-broken.json`) + "\n")
w(`## \`aslint request --api ListExecutions\`

ListExecutions lists the executions of a state machine, of one version or of one alias
(\`stateMachineArn\`, ${rule("state-machine-arn")}: a version ARN \`:7\` or an alias ARN \`:PROD\` lists what it started), or
the child executions of a Map Run (\`mapRunArn\`), never both (${rule("list-executions-target")}: \`ValidationException\`). A
\`statusFilter\` of \`PENDING_REDRIVE\` needs \`mapRunArn\`. The executions of an EXPRESS state machine are
not listed (\`StateMachineTypeNotSupported\`): the type comes from \`--type\`, or from \`--definition\`'s
file name or \`.aslintrc.json\`. \`maxResults\` is 0 to 1,000 (0: the default page of 100);
\`statusFilter\` and \`redriveFilter\` take the model's values (${rule("request-shape")}). The output, saved, is
what \`aslint redrive\` reads to judge every listed execution (below).

`)
w(file(`${R}/list-executions.json`, "json") + "\n" + file(`${R}/list-executions-broken.json`, "json") + "\n")
w(block(`request --api ListExecutions ${R}/list-executions.json ${R}/list-executions-broken.json`) + "\n")
w("Against an EXPRESS state machine:\n\n" + block(`request --api list-executions --definition ${R}/quote.express.asl.json ${R}/list-executions.json`) + "\n")
w(`## \`aslint request --api StartWorkflowExecution\` (SWF)

- \`domain\`, \`workflowId\`, \`taskList.name\`, \`workflowType.name\`/\`version\`: lengths from the model
  (1..256, version 1..64), ${rule("swf-name")}: no \`:\` \`/\` \`|\` or control characters, not the literal \`arn\`;
- \`executionStartToCloseTimeout\` (${rule("swf-timeout")}): seconds as a string, not \`NONE\`, at most one year (31,536,000);
  \`taskStartToCloseTimeout\`: seconds or \`NONE\`; both at most 8 characters;
- \`taskPriority\` (${rule("swf-task-priority")}): an integer (as a string) within Java's int range;
- \`childPolicy\`: \`TERMINATE\`, \`REQUEST_CANCEL\` or \`ABANDON\`; \`tagList\`: at most 5 tags of at most
  256 characters; \`input\` at most 32,768 characters; \`lambdaRole\` an IAM role ARN (1..1600, ${rule("swf-lambda-role")});
- \`taskList\`, \`childPolicy\` and the two timeouts have no default unless the workflow type was
  registered with one: a WARNING (\`DefaultUndefinedFault\`, ${rule("swf-default-undefined")}), since the registration cannot be
  seen offline.

`)
w(file(`${R}/start-workflow-execution.json`, "json") + "\n")
w(block(`request --api start-workflow-execution ${R}/start-workflow-execution.json`) + "\n")
w("(API names are also accepted as the AWS CLI spells them: `start-execution`, `start-sync-execution`, `redrive-execution`, `list-executions`, `start-workflow-execution`.)\n\n")
w(file(`${R}/start-workflow-execution-broken.json`, "json") + "\n" + block(`request --api StartWorkflowExecution ${R}/start-workflow-execution-broken.json`) + "\n")
w(`## \`aslint redrive\`

\`\`\`
aslint redrive <describe-execution.json | describe-map-run.json | list-executions.json>... [--history <get-execution-history.json>] [--now <ISO time>]
\`\`\`

Reads the saved output of \`aws stepfunctions describe-execution\` (and, optionally,
\`get-execution-history\` for the same execution) and answers REDRIVABLE (exit 0) or
NOT_REDRIVABLE (exit 1) with every reason that applies, in the words of AWS's
\`redriveStatusReason\` (${rule("redrive-status")}):

| reason | when |
| --- | --- |
| \`Execution is RUNNING and cannot be redriven.\` / \`Execution is SUCCEEDED and cannot be redriven.\` | \`status\` (also \`PENDING_REDRIVE\`) |
| \`Execution redrivable period exceeded.\` | more than 14 days since \`stopDate\` |
| \`Execution has exceeded the max execution time.\` | more than one year since \`startDate\` |
| \`Execution history event limit exceeded.\` | the history holds 24,999 events or more (a redrive appends \`ExecutionRedriven\` and at least one more event) |
| \`Execution was started before the launch of RedriveExecution.\` | \`startDate\` before 2023-11-15 |
| \`Execution is of an EXPRESS state machine and cannot be redriven.\` | an \`…:express:…\` execution ARN (\`REDRIVABLE_BY_MAP_RUN\` when it is a Distributed Map child) |

A NOT_REDRIVABLE reason AWS itself reported in the output (\`redriveStatus\`,
\`redriveStatusReason\`) stands: one aslint cannot check offline (the state machine being deleted,
the history event count without \`--history\`), and one that can only have got worse since (a
history only grows, time only passes); only a reason about a status the output no longer shows is
a note. When redrivable and the history is given, aslint lists what
a redrive would run again (${rule("redrive-rerun")}): the states entered and never exited in the last attempt (failed,
aborted, timed out), and for a Map only its failed or aborted iterations, for a Parallel only its
failed branches. \`--now\` sets the time to judge at (default: the current time, the only clock
aslint reads); dates may be ISO 8601 with a zone, as AWS CLI v2 prints them, or epoch seconds.
With \`--format json\` each result carries \`"redriveStatus"\`, \`"redriveStatusReason"\` and the
\`"rerun"\` plan. A file that is not such output (a member missing, a date that is not a time, a
history saved in pages) is ${rule("redrive-input")}. \`--rule\` and \`.aslintrc.json\` change these
rules' severities too; the verdict and the exit code stay.

`)
w(file(`${R}/describe-execution-failed.json`, "json") + "\n")
w(block(`redrive ${R}/describe-execution-failed.json --history ${R}/get-execution-history.json --now 2024-05-06T09:00:00Z`) + "\n")
w("Three weeks later:\n\n" + block(`redrive --format json ${R}/describe-execution-failed.json --now 2024-05-26T09:00:00Z`, { pretty: true }) + "\n")
w("A succeeded execution from before the launch of RedriveExecution:\n\n" + block(`redrive ${R}/describe-execution-not-redrivable.json --now 2024-05-06T09:00:00Z`) + "\n")
w(`### A Map Run: \`describe-map-run\` output

A Map Run is not redriven on its own: RedriveExecution on its parent execution (the map run's
\`executionArn\`) redrives it, and reruns the child executions that failed, timed out or were
aborted, except those that cannot be redriven (\`failuresNotRedrivable\`); a Map Run is redriven at
most 1,000 times. Given \`aws stepfunctions describe-map-run\` output, \`aslint redrive\` says so, counts
what a redrive would run again (child executions and items, from \`executionCounts\` and
\`itemCounts\`), and gives the parent's verdict when the parent's describe-execution output is named
too (paired by \`executionArn\`); alone, the verdict is UNKNOWN (exit 1).

`)
w(file(`${R}/describe-map-run.json`, "json") + "\n")
w(block(`redrive ${R}/describe-map-run.json ${R}/describe-execution-failed.json --now 2024-05-06T09:00:00Z`) + "\n")
w(`### Executions listed by \`list-executions\`

The output of \`aws stepfunctions list-executions\` (as run with \`--status-filter FAILED\` or
\`--redrive-filter NOT_REDRIVEN\`) gets a verdict per listed execution, from what the listing holds:
status, start and stop dates, the kind of ARN. What only describe-execution can tell (the history
event count, a state machine being deleted) is said once. Exit 0 when every listed execution is
REDRIVABLE. \`--format json\` gives \`"executions"\`, one result each; stylish prints a table.

`)
w(file(`${R}/list-executions-failed.json`, "json") + "\n")
w(block(`redrive ${R}/list-executions-failed.json --now 2024-05-06T09:00:00Z`) + "\n")
w(`## Nested executions and the history budget (definition rules)

A Task whose Resource is \`arn:<partition>:states:::states:startExecution\` (with \`.sync\`,
\`.sync:2\` or \`.waitForTaskToken\`) makes a StartExecution request at run time; the definition
linter checks it with the same ARN and name rules:

| rule | severity | what |
| --- | --- | --- |
| \`nested-execution-arn\` | ERROR | \`StateMachineArn\` missing, or a literal ARN StartExecution refuses (label, execution, activity, malformed) |
| \`nested-execution-parent-id\` | WARNING | \`Input\` lacks \`"AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$": "$$.Execution.Id"\` (JSONata: \`"{% $states.context.Execution.Id %}"\`); quick fix adds it |
| \`nested-execution-task-token\` | WARNING | \`.waitForTaskToken\` without \`$$.Task.Token\` (\`$states.context.Task.Token\`) in \`Input\` (AWS accepts it; the parent waits until it times out) |
| \`nested-execution-name\` | ERROR / WARNING | a literal \`Name\` that is not a valid execution name; a fixed name on a task in a loop or a Map processor (ExecutionAlreadyExists) |
| \`nested-execution-express\` | ERROR | \`.sync\`, \`.sync:2\`, \`.waitForTaskToken\` in an EXPRESS state machine: AWS refuses it (quick fix removes the suffix) |
| \`nested-execution-child\` | ERROR / WARNING / INFO | with the child in the same run: its type against the pattern, and its first state's paths against a literal \`Input\` |
| \`history-budget\` | INFO / WARNING | how many passes of each loop (and items of an inline Map over input items) fit in the 25,000-event history, and when a redrive would no longer be possible |

**Children in the same run.** When several files are linted together, each definition is a state
machine named after its file: the file name without its directory and without \`.asl.json\`,
\`.asl.yaml\`, \`.asl.yml\`, \`.asl\`, \`.json\`, \`.yaml\`, \`.yml\` (and a \`.express\` before them), so
\`workflows/Invoice.express.asl.json\` is \`Invoice\`. A task whose literal \`StateMachineArn\` names
\`…:stateMachine:Invoice\` (unqualified, version or alias) is checked against that file. A
definition that starts itself (a recursive call) is checked against itself.

`)
w(file(`${R}/nested/Orders.asl.json`, "json") + "\n" + file(`${R}/nested/Invoice.express.asl.json`, "json") + "\n")
w("Alone, the parent is checked on its own:\n\n" + block(`${R}/nested/Orders.asl.json`, { shown: `aslint ${R}/nested/Orders.asl.json` }) + "\n")
w("Together with its child:\n\n" + block(`${R}/nested/Orders.asl.json ${R}/nested/Invoice.express.asl.json`) + "\n")
w("With the child known, the fixed-`Name` warning goes (the child is EXPRESS, and Express executions may reuse names), and the child's first state is checked against the `Input` the task builds.\n\n")
w(`**History budget.** Events per state (from the history event types of the API model): Pass,
Choice, Wait, Succeed 2; Fail 1; Task 5 (6 with \`.sync\`/\`.waitForTaskToken\`); Parallel 4 plus its
branches; inline Map 4 plus 2 per item plus its processor; Distributed Map 6 (children keep their
own histories); the execution 2; retries (3 per attempt) are not counted. A loop gets a note with
the passes that fit; a warning when fewer than 500 fit, or when nothing bounds it (it leaves only
through a Catch, or it is made of Pass and Choice states with static values, so its data never
changes). An inline Map over input items gets a note when fewer than 5,000 items fit, a warning
under 1,000. Express workflows have no such limit.
`)

writeFileSync(join(root, "docs", "requests.md"), doc.join(""));
console.log("wrote docs/requests.md");
