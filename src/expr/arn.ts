/**
 * Amazon Resource Names: a parser and classifiers for the ARNs Step Functions reads
 * (asl-facts §11–§12).
 *
 * - `parseArn(s)`: the six fields `arn:partition:service:region:account:resource`, each with
 *   its offsets, and what is wrong with them (unknown partition, a region of another
 *   partition, an account id that is not 12 digits...).
 * - `classifyStateMachineArn(s)`: a Step Functions ARN as StartExecution and friends see it:
 *   unqualified state machine, version (`:N`), alias (`:NAME`), Distributed Map label
 *   (`/label`), activity, execution, Express execution, Map Run.
 * - `classifyTaskResource(s)`: a Task `Resource`: Lambda function (with version or alias),
 *   activity, optimized integration `arn:<p>:states:::<service>:<action>[.sync|.sync:2|
 *   .waitForTaskToken]`, AWS SDK integration `arn:<p>:states:::aws-sdk:<service>:<action>`.
 * - `checkResourceName(name)`: the execution / state machine / activity name rules.
 *
 * Pure functions of a string: offsets are 0-based UTF-16 offsets into it, `end` exclusive.
 * Deploy-time placeholders (`${AWS::Partition}`, `${MachineName}`) are kept whole even
 * when they hold colons, and a field that holds one is not judged.
 */
import { SFN_MODEL } from "../aws/api-models.js";
import { memoize } from "./memo.js";
import { LABEL_MAX, NAME_MAX, NAME_MIN } from "../aws/limits.js";
import { isControlCharacter, NAME_FORBIDDEN_PUNCTUATION } from "../aws/names.js";
import { isPlaceholder } from "../parse/tree.js";

export interface ArnField {
  value: string;
  start: number;
  end: number;
  /** Holds a `${...}` placeholder: its final value is unknown. */
  templated: boolean;
}

export interface ArnIssue {
  message: string;
  start: number;
  end: number;
  severity: "error" | "warning";
}

export interface ParsedArn {
  text: string;
  /** The whole string is one placeholder (`${StateMachineArn}`): nothing to judge. */
  placeholder: boolean;
  /** Every colon-separated field (placeholders kept whole). */
  fields: ArnField[];
  partition?: ArnField;
  service?: ArnField;
  region?: ArnField;
  account?: ArnField;
  /** Everything after the account field: `stateMachine:Name:PROD`. */
  resource?: ArnField;
  /** The colon-separated fields of the resource. */
  resourceParts: ArnField[];
  /** The resource up to the first `:` or `/` (`stateMachine`, `function`, `activity`). */
  resourceType?: ArnField;
  errors: ArnIssue[];
}

/**
 * Partitions and the pattern of their Region names (botocore `partitions.json`,
 * asl-facts §12). Not part of the service models, so listed here.
 */
export const PARTITION_REGIONS: ReadonlyMap<string, RegExp> = new Map([
  ["aws", /^(us|eu|ap|sa|ca|me|af|il|mx)-\w+-\d+$/],
  ["aws-cn", /^cn-\w+-\d+$/],
  ["aws-us-gov", /^us-gov-\w+-\d+$/],
  ["aws-iso", /^us-iso-\w+-\d+$/],
  ["aws-iso-b", /^us-isob-\w+-\d+$/],
  ["aws-iso-e", /^eu-isoe-\w+-\d+$/],
  ["aws-iso-f", /^us-isof-\w+-\d+$/],
  ["aws-eusc", /^eusc-(de)-\w+-\d+$/],
]);

/** Name: execution, state machine and activity names (SFN model shape `Name`). */
export { NAME_MAX, NAME_MIN };
/** Alias names (`CharacterRestrictedName`): letters, digits, `_ - .`, not all digits. */
const ALIAS = SFN_MODEL.shapes.CharacterRestrictedName;
const ALIAS_RE = new RegExp(`^(?:${ALIAS.pattern})$`);


function isTemplated(s: string): boolean {
  return s.includes("${");
}

/** Splits `text[start..end)` at `sep`, keeping `${...}` placeholders whole. */
function split(text: string, start: number, end: number, sep: string): ArnField[] {
  const out: ArnField[] = [];
  let from = start;
  for (let i = start; i < end; i++) {
    const c = text[i];
    if (c === "$" && text[i + 1] === "{") {
      const close = text.indexOf("}", i + 2);
      if (close >= 0 && close < end) {
        i = close;
        continue;
      }
    }
    if (c === sep) {
      out.push(field(text, from, i));
      from = i + 1;
    }
  }
  out.push(field(text, from, end));
  return out;
}

function field(text: string, start: number, end: number): ArnField {
  const value = text.slice(start, end);
  return { value, start, end, templated: isTemplated(value) };
}

function issue(message: string, start: number, end: number, severity: ArnIssue["severity"] = "error"): ArnIssue {
  return { message, start, end: Math.max(end, start), severity };
}

function q(s: string): string {
  return JSON.stringify(s.length > 60 ? s.slice(0, 59) + "…" : s);
}

/** Parses the six ARN fields and checks what holds for every ARN. Never throws. */
export function parseArn(text: string): ParsedArn {
  const parsed: ParsedArn = { text, placeholder: false, fields: [], resourceParts: [], errors: [] };
  if (isPlaceholder(text)) {
    parsed.placeholder = true;
    return parsed;
  }
  const errors = parsed.errors;
  if (text.length === 0) {
    errors.push(issue("The ARN is empty.", 0, 0));
    return parsed;
  }
  const lead = /^\s+/.exec(text);
  if (lead) errors.push(issue("The ARN starts with white space; remove it.", 0, lead[0].length));
  const trail = /\s+$/.exec(text);
  if (trail && trail.index > 0) errors.push(issue("The ARN ends with white space; remove it.", trail.index, text.length));

  const fields = split(text, 0, text.length, ":");
  parsed.fields = fields;
  const [arn, partition, service, region, account] = fields;
  if (arn.value.trim() !== "arn" && !arn.templated) {
    errors.push(issue(`An ARN starts with "arn:"; this one starts with ${q(arn.value)}.`, arn.start, arn.end));
    return parsed;
  }
  if (fields.length < 6) {
    errors.push(
      issue(
        `The ARN has ${fields.length} of the 6 colon-separated fields arn:partition:service:region:account-id:resource.`,
        fields[fields.length - 1].start,
        text.length,
      ),
    );
    return parsed;
  }
  parsed.partition = partition;
  parsed.service = service;
  parsed.region = region;
  parsed.account = account;
  const resourceStart = fields[5].start;
  parsed.resource = field(text, resourceStart, text.length);
  parsed.resourceParts = fields.slice(5);
  const typeEnd = (() => {
    for (let i = resourceStart; i < text.length; i++) if (text[i] === ":" || text[i] === "/") return i;
    return text.length;
  })();
  parsed.resourceType = field(text, resourceStart, typeEnd);

  if (!partition.templated) {
    if (partition.value === "") errors.push(issue("The partition field of the ARN is empty (expected aws, aws-cn, aws-us-gov...).", partition.start, partition.end));
    else if (!PARTITION_REGIONS.has(partition.value)) {
      errors.push(issue(`Unknown partition ${q(partition.value)}: expected one of ${[...PARTITION_REGIONS.keys()].join(", ")}.`, partition.start, partition.end));
    }
  }
  if (!service.templated) {
    if (service.value === "") errors.push(issue("The service field of the ARN is empty.", service.start, service.end));
    else if (!/^[a-z0-9-]+$/.test(service.value)) errors.push(issue(`${q(service.value)} is not a service namespace (lower-case letters, digits and "-").`, service.start, service.end));
  }
  if (region.value !== "" && !region.templated) {
    const pattern = !partition.templated ? PARTITION_REGIONS.get(partition.value) : undefined;
    if (pattern && !pattern.test(region.value)) {
      const owner = [...PARTITION_REGIONS].find(([, p]) => p.test(region.value))?.[0];
      errors.push(
        issue(
          owner
            ? `Region ${q(region.value)} belongs to partition "${owner}", not "${partition.value}".`
            : `${q(region.value)} is not a Region name of partition "${partition.value}" (like us-east-1).`,
          region.start,
          region.end,
        ),
      );
    } else if (!pattern && ![...PARTITION_REGIONS.values()].some((p) => p.test(region.value))) {
      errors.push(issue(`${q(region.value)} is not a Region name (like us-east-1).`, region.start, region.end));
    }
  }
  if (account.value !== "" && !account.templated && !/^\d{12}$/.test(account.value)) {
    errors.push(issue(`The account id must be 12 digits; ${q(account.value)} is not.`, account.start, account.end));
  }
  if (parsed.resource.value === "") errors.push(issue("The resource part of the ARN (after the account id) is empty.", resourceStart, text.length));
  return parsed;
}

/** Requires Region and account fields (resources that live in an account and Region). */
function requireRegionAccount(arn: ParsedArn, what: string, errors: ArnIssue[]): void {
  if (arn.region && arn.region.value === "") errors.push(issue(`${what} names a Region; the Region field is empty.`, arn.region.start, arn.region.end));
  if (arn.account && arn.account.value === "") errors.push(issue(`${what} names an account; the account id field is empty.`, arn.account.start, arn.account.end));
}

// ---------------------------------------------------------------------------------------
// Names

export interface NameIssue extends ArnIssue {
  kind: "empty" | "length" | "character" | "logging";
}

/** Why a code point cannot be in a name, or undefined when it can. */
function forbidden(cp: number, ch: string): string | undefined {
  if (isControlCharacter(cp)) return `control character U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
  if (/^\s$/u.test(ch)) return cp === 0x20 ? "a space" : `white space U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
  if (NAME_FORBIDDEN_PUNCTUATION.has(ch)) return q(ch);
  if (cp === 0xfffe || cp === 0xffff || cp === 0x10ffff) return `the non-character U+${cp.toString(16).toUpperCase()}`;
  if (cp >= 0xd800 && cp <= 0xdfff) return `a lone surrogate U+${cp.toString(16).toUpperCase()}`;
  return undefined;
}

/**
 * The rules for execution, state machine and activity names (SFN model `Name`, DG-QUOTAS):
 * NAME_MIN..NAME_MAX characters; no white space, NAME_FORBIDDEN_PUNCTUATION (aws/names.ts),
 * control characters, U+FFFE/U+FFFF, surrogates or U+10FFFF. A valid name with characters other than
 * `0-9 A-Z a-z - _` gets a warning: CloudWatch Logs logging needs those only.
 * Placeholders (`${...}`) are skipped.
 */
export function checkResourceName(name: string, what = "name"): NameIssue[] {
  const out: NameIssue[] = [];
  if (name.length === 0) {
    out.push({ kind: "empty", message: `The ${what} is empty; it needs ${NAME_MIN} to ${NAME_MAX} characters.`, start: 0, end: 0, severity: "error" });
    return out;
  }
  // judge the text outside placeholders
  const masked = name.replace(/\$\{[^{}]*\}/g, (m) => "x".repeat(m.length));
  const templated = masked !== name;
  let count = 0;
  let cutAt = -1;
  let first: { index: number; length: number; why: string } | undefined;
  let others = 0;
  let logging: { index: number; length: number; ch: string } | undefined;
  for (let i = 0; i < masked.length; ) {
    const cp = masked.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    const len = ch.length;
    count++;
    if (count === NAME_MAX + 1) cutAt = i;
    const why = forbidden(cp, ch);
    if (why) {
      if (!first) first = { index: i, length: len, why };
      else others++;
    } else if (!logging && !/[0-9A-Za-z_-]/.test(ch)) logging = { index: i, length: len, ch };
    i += len;
  }
  if (first) {
    const more = others ? ` (and ${others} more forbidden ${others === 1 ? "character" : "characters"})` : "";
    out.push({
      kind: "character",
      message: `The ${what} contains ${first.why}${more}. Names must not contain white space, < > { } [ ] ? * " # % \\ ^ | ~ \` $ & , ; : / or control characters.`,
      start: first.index,
      end: first.index + first.length,
      severity: "error",
    });
  }
  if (cutAt >= 0 && !templated) {
    out.push({
      kind: "length",
      message: `The ${what} is ${count} characters long; at most ${NAME_MAX} are allowed.`,
      start: cutAt,
      end: name.length,
      severity: "error",
    });
  }
  if (!first && logging) {
    out.push({
      kind: "logging",
      message: `The ${what} contains ${q(logging.ch)}: valid, but CloudWatch Logs logging needs names of only 0-9, A-Z, a-z, "-" and "_".`,
      start: logging.index,
      end: logging.index + logging.length,
      severity: "warning",
    });
  }
  return out;
}

/** Shifts name issues found in a field to offsets of the whole ARN. */
function nameIssues(f: ArnField, what: string): ArnIssue[] {
  if (f.templated && isPlaceholder(f.value)) return [];
  return checkResourceName(f.value, what).map((i) => ({
    message: i.message,
    start: f.start + i.start,
    end: f.start + i.end,
    severity: i.severity,
  }));
}

// ---------------------------------------------------------------------------------------
// Step Functions ARNs

export type StatesArnKind =
  | "placeholder"
  | "invalid"
  | "not-states"
  | "state-machine"
  | "version"
  | "alias"
  | "labelled"
  | "activity"
  | "execution"
  | "express-execution"
  | "labelled-execution"
  | "map-run"
  | "integration"
  | "other";

export interface StatesArnInfo {
  arn: ParsedArn;
  kind: StatesArnKind;
  stateMachineName?: ArnField;
  /** Version number or alias name after `stateMachine:<name>:`. */
  qualifier?: ArnField;
  /** Distributed Map label after `/`. */
  label?: ArnField;
  executionName?: ArnField;
  activityName?: ArnField;
  /** Every problem: the ARN's own (`arn.errors`) and its names'. */
  errors: ArnIssue[];
}

/**
 * Classifies a Step Functions ARN (state machine, version, alias, Distributed Map label,
 * activity, execution, Express execution, Map Run) and checks its names. The caller decides
 * which kinds it accepts.
 */
export function classifyStateMachineArn(text: string): StatesArnInfo {
  const arn = parseArn(text);
  const info: StatesArnInfo = { arn, kind: "invalid", errors: [...arn.errors] };
  if (arn.placeholder) {
    info.kind = "placeholder";
    return info;
  }
  if (!arn.resource || !arn.service || !arn.resourceType) return info;
  if (!arn.service.templated && arn.service.value !== "states") {
    info.kind = "not-states";
    return info;
  }
  const errors = info.errors;
  const type = arn.resourceType.value;
  const parts = arn.resourceParts;
  if (arn.region?.value === "" && arn.account?.value === "") {
    info.kind = "integration";
    return info;
  }
  switch (type) {
    case "stateMachine":
      requireRegionAccount(arn, "A state machine ARN", errors);
      stateMachineParts(text, info);
      return info;
    case "activity": {
      requireRegionAccount(arn, "An activity ARN", errors);
      info.kind = "activity";
      const name = parts.length > 1 ? field(text, parts[1].start, text.length) : undefined;
      if (!name) errors.push(issue('The ARN ends after "activity"; add ":" and the activity name.', arn.resourceType.end, text.length));
      else {
        info.activityName = name;
        errors.push(...nameIssues(name, "activity name"));
      }
      return info;
    }
    case "execution":
    case "express":
      requireRegionAccount(arn, "An execution ARN", errors);
      executionParts(text, info, type === "express");
      return info;
    case "mapRun":
      requireRegionAccount(arn, "A Map Run ARN", errors);
      info.kind = "map-run";
      return info;
    default:
      info.kind = "other";
      return info;
  }
}

/** The resource of a state machine ARN: stateMachine:<name>[/<label>][:<qualifier>]. */
function stateMachineParts(text: string, info: StatesArnInfo): void {
  const { arn, errors } = info;
  const parts = arn.resourceParts;
  const head = parts[1];
  if (!head) {
    errors.push(issue('The ARN ends after "stateMachine"; add ":" and the state machine name.', arn.resourceType!.end, text.length));
    return;
  }
  const slash = split(text, head.start, head.end, "/");
  const name = slash[0];
  info.stateMachineName = name;
  errors.push(...nameIssues(name, "state machine name"));
  if (slash.length > 1) {
    const label = field(text, slash[1].start, head.end);
    info.label = label;
    info.kind = "labelled";
    if (!label.templated) {
      if (label.value === "") errors.push(issue("The Distributed Map label after / is empty.", label.start, label.end));
      else if (label.value.length > LABEL_MAX) errors.push(issue(`The Distributed Map label is ${label.value.length} characters long; at most ${LABEL_MAX} are allowed.`, label.start + LABEL_MAX, label.end));
    }
    if (parts.length > 2) errors.push(issue("A labelled state machine ARN ends with the label; remove what follows it.", parts[2].start - 1, text.length));
    return;
  }
  if (parts.length === 2) {
    info.kind = "state-machine";
    return;
  }
  const qualifier = parts[2];
  info.qualifier = qualifier;
  if (parts.length > 3) errors.push(issue("A state machine ARN has at most one qualifier (a version number or an alias name) after the name.", parts[3].start - 1, text.length));
  stateMachineQualifier(info, qualifier);
}

/** The qualifier after a state machine's name: a version number or an alias name. */
function stateMachineQualifier(info: StatesArnInfo, qualifier: ArnField): void {
  const errors = info.errors;
  if (qualifier.templated) {
    info.kind = "alias";
    return;
  }
  if (/^\d+$/.test(qualifier.value)) {
    info.kind = "version";
    if (/^0+$/.test(qualifier.value)) errors.push(issue("Version numbers start at 1; no version 0 exists.", qualifier.start, qualifier.end));
    return;
  }
  info.kind = "alias";
  if (qualifier.value === "") errors.push(issue('The qualifier after ":" is empty; give a version number or an alias name, or remove the ":".', qualifier.start - 1, qualifier.end));
  else if (qualifier.value.length > (ALIAS.max ?? Infinity)) errors.push(issue(`The alias name is ${qualifier.value.length} characters long; at most ${ALIAS.max} are allowed.`, qualifier.start + ALIAS.max, qualifier.end));
  else if (!ALIAS_RE.test(qualifier.value)) {
    const bad = /[^a-zA-Z0-9_.-]/.exec(qualifier.value);
    errors.push(
      issue(
        `${q(qualifier.value)} is neither a version number nor an alias name: alias names hold only letters, digits, "_", "-" and ".".`,
        qualifier.start + (bad ? bad.index : 0),
        bad ? qualifier.start + bad.index + 1 : qualifier.end,
      ),
    );
  }
}

/** The resource of an execution ARN: execution:<sm>[/<label>]:<name or id>, express:<sm>[/<label>]:<name or id>:<express id>. */
function executionParts(text: string, info: StatesArnInfo, express: boolean): void {
  const { arn, errors } = info;
  const parts = arn.resourceParts;
  const head = parts[1];
  const slash = head ? split(text, head.start, head.end, "/") : [];
  info.stateMachineName = slash[0];
  if (slash.length > 1) info.label = field(text, slash[1].start, head!.end);
  info.executionName = parts[2];
  const labelled = slash.length > 1;
  info.kind = express ? "express-execution" : labelled ? "labelled-execution" : "execution";
  const wanted = express ? 4 : 3;
  if (parts.length < wanted) {
    errors.push(
      issue(
        express
          ? "An Express execution ARN reads express:<state machine>:<execution name>:<id>; fields are missing."
          : "An execution ARN reads execution:<state machine name>:<execution name>; fields are missing.",
        parts[parts.length - 1].start,
        text.length,
      ),
    );
    return;
  }
  if (parts.length > wanted) errors.push(issue("The execution ARN has more fields than expected.", parts[wanted].start - 1, text.length));
  if (slash[0]) errors.push(...nameIssues(slash[0], "state machine name"));
  if (info.executionName && !labelled) errors.push(...nameIssues(info.executionName, "execution name"));
}

// ---------------------------------------------------------------------------------------
// Task resources

import { PATTERN_BY_SUFFIX, type IntegrationPattern } from "../aws/integrations.js";
export type { IntegrationPattern };

export type TaskResourceKind = "placeholder" | "invalid" | "lambda" | "activity" | "integration" | "sdk" | "states-other" | "other";

export interface TaskResourceInfo {
  arn: ParsedArn;
  kind: TaskResourceKind;
  /** Optimized integration service (`lambda`, `states`, `dynamodb`...) or `aws-sdk`. */
  service?: ArnField;
  /** AWS SDK integrations: the SDK service id (`s3`, `ec2`...). */
  sdkService?: ArnField;
  /** The action, without the pattern suffix (`startExecution`). */
  action?: ArnField;
  pattern?: IntegrationPattern;
  /** The suffix as written (`.sync:2`), when there is one. */
  suffix?: ArnField;
  /** Lambda: function name and qualifier. */
  functionName?: ArnField;
  qualifier?: ArnField;
  qualifierKind?: "latest" | "version" | "alias";
  activityName?: ArnField;
  errors: ArnIssue[];
}


/**
 * Classifies a Task `Resource`: Lambda function ARN (optionally with a version or alias),
 * activity ARN, optimized integration or AWS SDK integration with its pattern suffix.
 * Which service/action/pattern combinations exist is for the caller (asl-facts §12 table).
 */
export function classifyTaskResource(text: string): TaskResourceInfo {
  const arn = parseArn(text);
  const info: TaskResourceInfo = { arn, kind: "invalid", errors: [...arn.errors] };
  if (arn.placeholder) {
    info.kind = "placeholder";
    return info;
  }
  if (!arn.resource || !arn.service || !arn.region || !arn.account) return info;
  const errors = info.errors;
  if (arn.service.templated) {
    info.kind = "other";
    return info;
  }
  if (arn.service.value === "lambda") {
    info.kind = "lambda";
    requireRegionAccount(arn, "A Lambda function ARN", errors);
    lambdaResource(text, info);
    return info;
  }
  if (arn.service.value !== "states") {
    info.kind = "other";
    return info;
  }
  const regionEmpty = arn.region.value === "";
  const accountEmpty = arn.account.value === "";
  if (regionEmpty && accountEmpty) {
    integrationResource(text, info);
    return info;
  }
  if (arn.resourceType?.value === "activity") {
    const c = classifyStateMachineArn(text);
    info.kind = "activity";
    info.activityName = c.activityName;
    info.errors = c.errors;
    return info;
  }
  info.kind = "states-other";
  if (regionEmpty !== accountEmpty) {
    const f = regionEmpty ? arn.account : arn.region;
    errors.push(issue("An optimized integration leaves both Region and account empty (arn:aws:states:::<service>:<action>); an activity ARN gives both.", f.start, f.end));
  }
  return info;
}

/** A Lambda function ARN: function:<name>[:<version or alias>]. */
function lambdaResource(text: string, info: TaskResourceInfo): void {
  const { arn, errors } = info;
  const parts = arn.resourceParts;
  if (!arn.resourceType?.templated && arn.resourceType?.value !== "function") {
    errors.push(issue(`A Lambda ARN for a Task reads function:<name>[:<version or alias>]; this one has ${q(arn.resourceType?.value ?? "")}.`, arn.resource!.start, arn.resource!.end));
    return;
  }
  const name = parts[1];
  if (!name || name.value === "") {
    errors.push(issue("The function name is missing after function:.", arn.resource!.end, text.length));
    return;
  }
  info.functionName = name;
  if (!name.templated) {
    const bad = /[^a-zA-Z0-9_-]/.exec(name.value);
    if (bad) errors.push(issue(`Lambda function names hold only letters, digits, "-" and "_"; found ${q(bad[0])}.`, name.start + bad.index, name.start + bad.index + 1));
    else if (name.value.length > 64) errors.push(issue(`The function name is ${name.value.length} characters long; Lambda allows at most 64.`, name.start + 64, name.end));
  }
  if (parts.length > 2) {
    const qual = parts[2];
    info.qualifier = qual;
    if (parts.length > 3) errors.push(issue("A function ARN has at most one qualifier (a version or an alias).", parts[3].start - 1, text.length));
    if (qual.templated) info.qualifierKind = "alias";
    else if (qual.value === "$LATEST") info.qualifierKind = "latest";
    else if (/^\d+$/.test(qual.value)) info.qualifierKind = "version";
    else {
      info.qualifierKind = "alias";
      const bad = /[^a-zA-Z0-9_-]/.exec(qual.value);
      if (qual.value === "") errors.push(issue('The qualifier after ":" is empty; give a version number or an alias name, or remove the ":".', qual.start - 1, qual.end));
      else if (bad) errors.push(issue(`${q(qual.value)} is neither a version number, $LATEST nor an alias name (letters, digits, "-" and "_").`, qual.start + bad.index, qual.start + bad.index + 1));
      else if (qual.value.length > 128) errors.push(issue(`The alias name is ${qual.value.length} characters long; Lambda allows at most 128.`, qual.start + 128, qual.end));
    }
  }
}

/** An integration: arn:<p>:states:::<service>:<action>[.suffix], or arn:<p>:states:::aws-sdk:<svc>:<action>[.suffix]. */
function integrationResource(text: string, info: TaskResourceInfo): void {
  const errors = info.errors;
  const parts = info.arn.resourceParts;
  const svc = parts[0];
  info.service = svc;
  const sdk = svc.value === "aws-sdk";
  info.kind = "integration";
  if (sdk) {
    info.kind = "sdk";
    info.sdkService = parts[1];
    if (!parts[1] || parts[1].value === "") {
      errors.push(issue("An AWS SDK integration reads aws-sdk:<service>:<action>; the service is missing.", svc.end, text.length));
      return;
    }
    if (!parts[1].templated && !/^[a-z0-9][a-z0-9.-]*$/.test(parts[1].value)) {
      errors.push(issue(`${q(parts[1].value)} is not an SDK service id (lower case, like s3 or dynamodb).`, parts[1].start, parts[1].end));
    }
  } else if (svc.value === "" || (!svc.templated && !/^[a-z0-9][a-z0-9-]*$/.test(svc.value))) {
    errors.push(issue(`${q(svc.value)} is not an integration service name (lower case, like lambda or sqs).`, svc.start, svc.end));
  }
  const actionIndex = sdk ? 2 : 1;
  const actionField = parts[actionIndex];
  if (!actionField || actionField.value === "") {
    errors.push(issue(`The action is missing: an integration resource reads ${sdk ? "aws-sdk:<service>:<action>" : "<service>:<action>"}.`, actionField?.start ?? text.length, text.length));
    return;
  }
  integrationAction(text, info, actionField, parts.slice(actionIndex + 1));
}

/** The action of an integration and its pattern suffix: action[.suffix][:2], and what follows them (`rest`). */
function integrationAction(text: string, info: TaskResourceInfo, actionField: ArnField, rest: ArnField[]): void {
  const errors = info.errors;
  const dot = actionField.value.indexOf(".");
  const action = dot >= 0 ? field(text, actionField.start, actionField.start + dot) : actionField;
  info.action = action;
  if (action.value === "") errors.push(issue("The action name is empty.", action.start, action.end));
  else if (!action.templated && !/^[A-Za-z][A-Za-z0-9]*$/.test(action.value)) {
    errors.push(issue(`${q(action.value)} is not an action name (camelCase API name, like startExecution).`, action.start, action.end));
  }
  let suffixEnd = actionField.end;
  let suffixText = dot >= 0 ? actionField.value.slice(dot) : "";
  if (suffixText === ".sync" && rest[0]?.value === "2") {
    suffixText = ".sync:2";
    suffixEnd = rest[0].end;
    rest.shift();
  }
  if (dot >= 0) {
    info.suffix = field(text, actionField.start + dot, suffixEnd);
    const pattern = PATTERN_BY_SUFFIX.get(suffixText);
    if (pattern) info.pattern = pattern;
    else errors.push(issue(`Unknown integration pattern ${q(suffixText)}: use ${[...PATTERN_BY_SUFFIX.keys()].join(", ")}, or no suffix for request-response.`, actionField.start + dot, suffixEnd));
  } else info.pattern = "request-response";
  if (rest.length) errors.push(issue("Unexpected text after the action and its pattern suffix.", rest[0].start - 1, text.length));
}

/** The state machine name of an ARN (for matching definitions in the same run), when literal. */
export function stateMachineNameOf(info: StatesArnInfo): string | undefined {
  const n = info.stateMachineName;
  return n && !n.templated ? n.value : undefined;
}

/** `classifyTaskResource`, cached by string: the rules call this. The result is shared and frozen. */
export const classifyTaskResourceShared: (text: string) => Readonly<TaskResourceInfo> = memoize(classifyTaskResource, 1024);
