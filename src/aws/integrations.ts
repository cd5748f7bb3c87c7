/**
 * Step Functions optimized integrations: which `arn:<partition>:states:::<service>:<action>`
 * Task resources exist and which integration patterns each action supports
 * (asl-facts §12, "Integration-pattern support"). One table, read by the `task-resource` and
 * `express-limits` rules and by editor completion.
 *
 * Patterns: `request-response` (no suffix), `sync` (`.sync`), `sync:2` (`.sync:2`, only
 * `states:startExecution`), `waitForTaskToken` (`.waitForTaskToken`). Every listed action
 * supports request-response.
 *
 * `doubtful` marks a pattern AWS's own documents disagree about (the DG-INTEG summary table
 * against the per-service page or CDK, notes B and E of §12; SageMaker `.sync` on the
 * non-job actions; HTTP Task patterns other than request-response): a Task using it gets a
 * warning, not an error.
 */

/** How a Task waits for its integration: request-response, `.sync`, `.sync:2` or `.waitForTaskToken` (DG-INTEG). */
export type IntegrationPattern = "request-response" | "sync" | "sync:2" | "waitForTaskToken";

export interface IntegrationAction {
  name: string;
  /** Patterns AWS documents for this action (request-response always included). */
  patterns: readonly IntegrationPattern[];
  /** Patterns whose support AWS documents contradict each other: why, per pattern. */
  doubtful?: Partial<Record<IntegrationPattern, string>>;
  /** A remark shown in completion/hover (limits, quirks). */
  note?: string;
}

export interface IntegrationService {
  /** The service part of the resource: `lambda` in `arn:aws:states:::lambda:invoke`. */
  service: string;
  /** The product name, for messages: "AWS Lambda". */
  title: string;
  actions: readonly IntegrationAction[];
  /** The per-service page of the developer guide. */
  docs: string;
}

/** The suffix written after the action for each pattern. */
export const PATTERN_SUFFIX: Readonly<Record<IntegrationPattern, string>> = {
  "request-response": "",
  sync: ".sync",
  "sync:2": ".sync:2",
  waitForTaskToken: ".waitForTaskToken",
};

/** The pattern each suffix names (`.sync` is `sync`); no suffix is request-response. */
export const PATTERN_BY_SUFFIX: ReadonlyMap<string, IntegrationPattern> = new Map(
  (Object.entries(PATTERN_SUFFIX) as [IntegrationPattern, string][]).filter(([, suffix]) => suffix !== "").map(([pattern, suffix]) => [suffix, pattern]),
);

/** The Input key by which a child execution started with states:startExecution names its parent: the console links the two (DG-SFN nested workflows; asl-facts §12). */
export const PARENT_EXECUTION_ID_KEY = "AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID";

/** How messages name a pattern. */
export const PATTERN_LABEL: Readonly<Record<IntegrationPattern, string>> = {
  "request-response": "request-response",
  sync: ".sync",
  "sync:2": ".sync:2",
  waitForTaskToken: ".waitForTaskToken",
};

const DG = "https://docs.aws.amazon.com/step-functions/latest/dg/";
const RR: IntegrationPattern[] = ["request-response"];
const RR_SYNC: IntegrationPattern[] = ["request-response", "sync"];
const RR_WAIT: IntegrationPattern[] = ["request-response", "waitForTaskToken"];

const NOTE_B =
  "AWS documents disagree: the integrations summary table marks Bedrock .waitForTaskToken as supported, but the Bedrock page, and CDK, document no Bedrock action with it (asl-facts §12 note B)";
const NOTE_E =
  'AWS documents disagree: the integrations summary table marks EKS .waitForTaskToken as supported, but the EKS page says "The Wait for a Callback with Task Token integration pattern is not supported" (asl-facts §12 note E)';
const NOTE_SAGEMAKER_SYNC =
  "AWS documents .sync for the five create…Job actions; no AWS example uses .sync with this action, and whether AWS rejects it is unconfirmed (asl-facts §12)";
const NOTE_HTTP = "the HTTP Task documents only request-response; other patterns are not documented (asl-facts §17 item 2)";

const actions = (names: string[], patterns: (name: string) => IntegrationPattern[], extra?: (name: string) => Partial<IntegrationAction>): IntegrationAction[] =>
  names.map((name) => ({ name, patterns: patterns(name), ...(extra ? extra(name) : {}) }));

/** Every optimized integration, in the order of the developer guide's table. */
export const INTEGRATIONS: readonly IntegrationService[] = [
  {
    service: "apigateway",
    title: "Amazon API Gateway",
    actions: [{ name: "invoke", patterns: RR_WAIT }],
    docs: `${DG}connect-api-gateway.html`,
  },
  {
    service: "athena",
    title: "Amazon Athena",
    actions: actions(["startQueryExecution", "stopQueryExecution", "getQueryExecution", "getQueryResults"], (n) => (n === "startQueryExecution" ? RR_SYNC : RR)),
    docs: `${DG}connect-athena.html`,
  },
  {
    service: "batch",
    title: "AWS Batch",
    actions: [{ name: "submitJob", patterns: RR_SYNC }],
    docs: `${DG}connect-batch.html`,
  },
  {
    service: "bedrock",
    title: "Amazon Bedrock",
    actions: actions(
      ["invokeModel", "createModelCustomizationJob"],
      (n) => (n === "createModelCustomizationJob" ? ["request-response", "sync", "waitForTaskToken"] : RR_WAIT),
      () => ({ doubtful: { waitForTaskToken: NOTE_B } }),
    ),
    docs: `${DG}connect-bedrock.html`,
  },
  {
    service: "bedrockagentcore",
    title: "Amazon Bedrock AgentCore",
    actions: [{ name: "invokeHarness", patterns: RR, note: "The Task is capped at 15 minutes regardless of TimeoutSeconds." }],
    docs: `${DG}connect-bedrockagentcore.html`,
  },
  {
    service: "codebuild",
    title: "AWS CodeBuild",
    actions: actions(
      ["startBuild", "stopBuild", "batchDeleteBuilds", "batchGetReports", "startBuildBatch", "stopBuildBatch", "retryBuildBatch", "deleteBuildBatch"],
      (n) => (["startBuild", "startBuildBatch", "retryBuildBatch"].includes(n) ? RR_SYNC : RR),
    ),
    docs: `${DG}connect-codebuild.html`,
  },
  {
    service: "dynamodb",
    title: "Amazon DynamoDB",
    actions: actions(["getItem", "putItem", "updateItem", "deleteItem"], () => RR),
    docs: `${DG}connect-ddb.html`,
  },
  {
    service: "ecs",
    title: "Amazon ECS/AWS Fargate",
    actions: [{ name: "runTask", patterns: ["request-response", "sync", "waitForTaskToken"] }],
    docs: `${DG}connect-ecs.html`,
  },
  {
    service: "eks",
    title: "Amazon EKS",
    actions: actions(
      ["createCluster", "deleteCluster", "createFargateProfile", "deleteFargateProfile", "createNodegroup", "deleteNodegroup", "runJob", "call"],
      (n) => (n === "call" ? RR_WAIT : ["request-response", "sync", "waitForTaskToken"]),
      () => ({ doubtful: { waitForTaskToken: NOTE_E } }),
    ),
    docs: `${DG}connect-eks.html`,
  },
  {
    service: "elasticmapreduce",
    title: "Amazon EMR",
    actions: actions(
      ["createCluster", "terminateCluster", "addStep", "cancelStep", "setClusterTerminationProtection", "modifyInstanceFleetByName", "modifyInstanceGroupByName"],
      (n) => (["createCluster", "terminateCluster", "addStep"].includes(n) ? RR_SYNC : RR),
    ),
    docs: `${DG}connect-emr.html`,
  },
  {
    service: "emr-containers",
    title: "Amazon EMR on EKS",
    actions: actions(["createVirtualCluster", "deleteVirtualCluster", "startJobRun"], (n) => (n === "createVirtualCluster" ? RR : RR_SYNC)),
    docs: `${DG}connect-emr-eks.html`,
  },
  {
    service: "emr-serverless",
    title: "Amazon EMR Serverless",
    actions: actions(["createApplication", "startApplication", "stopApplication", "deleteApplication", "startJobRun", "cancelJobRun"], () => RR_SYNC),
    docs: `${DG}connect-emr-serverless.html`,
  },
  {
    service: "events",
    title: "Amazon EventBridge",
    actions: [{ name: "putEvents", patterns: RR_WAIT }],
    docs: `${DG}connect-eventbridge.html`,
  },
  {
    service: "glue",
    title: "AWS Glue",
    actions: [{ name: "startJobRun", patterns: RR_SYNC }],
    docs: `${DG}connect-glue.html`,
  },
  {
    service: "databrew",
    title: "AWS Glue DataBrew",
    actions: [{ name: "startJobRun", patterns: RR_SYNC }],
    docs: `${DG}connect-databrew.html`,
  },
  {
    service: "http",
    title: "HTTP Task (third-party APIs)",
    actions: [
      {
        name: "invoke",
        patterns: ["request-response", "sync", "waitForTaskToken"],
        doubtful: { sync: NOTE_HTTP, waitForTaskToken: NOTE_HTTP },
        note: "An HTTP Task runs at most 60 seconds.",
      },
    ],
    docs: `${DG}call-https-apis.html`,
  },
  {
    service: "lambda",
    title: "AWS Lambda",
    actions: [{ name: "invoke", patterns: RR_WAIT }],
    docs: `${DG}connect-lambda.html`,
  },
  {
    service: "mediaconvert",
    title: "AWS Elemental MediaConvert",
    actions: [{ name: "createJob", patterns: RR_SYNC }],
    docs: `${DG}connect-mediaconvert.html`,
  },
  {
    service: "sagemaker",
    title: "Amazon SageMaker AI",
    actions: actions(
      [
        "createEndpoint",
        "createEndpointConfig",
        "createHyperParameterTuningJob",
        "createLabelingJob",
        "createModel",
        "createProcessingJob",
        "createTrainingJob",
        "createTransformJob",
        "updateEndpoint",
      ],
      () => RR_SYNC,
      (n) => (/^create\w+Job$/.test(n) ? {} : { doubtful: { sync: NOTE_SAGEMAKER_SYNC } }),
    ),
    docs: `${DG}connect-sagemaker.html`,
  },
  {
    service: "sns",
    title: "Amazon SNS",
    actions: [{ name: "publish", patterns: RR_WAIT }],
    docs: `${DG}connect-sns.html`,
  },
  {
    service: "sqs",
    title: "Amazon SQS",
    actions: [{ name: "sendMessage", patterns: RR_WAIT }],
    docs: `${DG}connect-sqs.html`,
  },
  {
    service: "states",
    title: "AWS Step Functions",
    actions: [
      {
        name: "startExecution",
        patterns: ["request-response", "sync", "sync:2", "waitForTaskToken"],
        note: ".sync returns the child's output as a JSON string, .sync:2 as parsed JSON.",
      },
    ],
    docs: `${DG}connect-stepfunctions.html`,
  },
];

export const INTEGRATIONS_BY_SERVICE: ReadonlyMap<string, IntegrationService> = new Map(INTEGRATIONS.map((s) => [s.service, s]));

/** The AWS SDK integration: `arn:<p>:states:::aws-sdk:<service>:<apiAction>`. */
export const SDK_SERVICE = "aws-sdk";
/** AWS SDK integrations support request-response and `.waitForTaskToken`, never `.sync`. */
export const SDK_PATTERNS: readonly IntegrationPattern[] = ["request-response", "waitForTaskToken"];

/**
 * Resources of the Distributed Map `ItemReader` / `ResultWriter`, which are not Task
 * resources (asl-facts §3.8, §12): a Task reaches S3 through `aws-sdk:s3:<action>`.
 */
export const MAP_IO_RESOURCES: ReadonlySet<string> = new Set(["s3:getObject", "s3:listObjectsV2", "s3:putObject"]);

/** The action of a service, or undefined. */
export function integrationAction(service: string, action: string): IntegrationAction | undefined {
  return INTEGRATIONS_BY_SERVICE.get(service)?.actions.find((a) => a.name === action);
}

/** A pattern AWS supports for the action without doubt. */
export function supportsPattern(action: IntegrationAction, pattern: IntegrationPattern): boolean {
  return action.patterns.includes(pattern) && !action.doubtful?.[pattern];
}

/** Every Task resource string of the table, for completion: `arn:aws:states:::lambda:invoke.waitForTaskToken`... */
export function integrationResources(partition = "aws"): string[] {
  const out: string[] = [];
  for (const s of INTEGRATIONS) {
    for (const a of s.actions) {
      for (const p of a.patterns) {
        if (a.doubtful?.[p]) continue;
        out.push(`arn:${partition}:states:::${s.service}:${a.name}${PATTERN_SUFFIX[p]}`);
      }
    }
  }
  return out;
}

/** "request-response and .waitForTaskToken" for messages. */
export function describePatterns(patterns: readonly IntegrationPattern[]): string {
  const labels = patterns.map((p) => PATTERN_LABEL[p]);
  if (labels.length <= 1) return labels.join("");
  return `${labels.slice(0, -1).join(", ")} and ${labels[labels.length - 1]}`;
}
