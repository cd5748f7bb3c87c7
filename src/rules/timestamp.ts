import type { Rule, RuleContext } from "./types.js";
import { get, isObject, type Node, isTemplated } from "../parse/tree.js";
import { replaceValueFix, safeFix } from "../parse/edits.js";
import { statesOfType } from "../model/by-type.js";
import { choiceRules } from "../model/jsonpath-fields.js";
import { quote } from "../expr/names.js";
import { NOT_A_TIMESTAMP } from "../aws/messages.js";
import { operatorNames } from "../aws/choice-operators.js";
import { isJsonataExpression } from "../expr/jsonata.js";

const EXAMPLE = "2016-03-14T01:59:00Z";
const OPERATORS = operatorNames((op) => op.kind === "Timestamp" && !op.path);

export interface TimestampProblem {
  /** What is wrong and what to write instead (no trailing period). */
  message: string;
  /** Part of the string at fault (end exclusive); undefined for the whole value. */
  start?: number;
  end?: number;
  /** A corrected timestamp when the fix is certain. */
  fixed?: string;
}

const isDigit = (c: string | undefined) => c !== undefined && c >= "0" && c <= "9";

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Checks an RFC 3339 `date-time` as Step Functions wants it: `YYYY-MM-DDThh:mm:ss`, optional
 * fractional seconds, then uppercase `Z` or a `+hh:mm`/`-hh:mm` offset. One linear pass.
 */
export function timestampProblem(s: string): TimestampProblem | undefined {
  if (s.length === 0) return { message: "the timestamp is empty" };
  const r = new TimestampReader(s);
  const p = r.date() ?? r.time() ?? r.zone();
  if (p) return p;
  if (r.i < s.length) return r.fail(`unexpected ${quote(s.slice(r.i, r.i + 10))} after the time zone`, r.i, s.length);
  return undefined;
}

/** One pass over a timestamp, part after part; each part returns the first problem it finds. */
class TimestampReader {
  i = 0;

  constructor(private readonly s: string) {}

  fail(message: string, start = this.i, end = this.i + 1, fixed?: string): TimestampProblem {
    return start >= this.s.length ? { message, fixed } : { message, start, end: Math.min(end, this.s.length), fixed };
  }

  /** `n` digits, as a number. */
  private number(n: number, what: string): number | TimestampProblem {
    const s = this.s;
    for (let k = 0; k < n; k++) {
      if (!isDigit(s[this.i + k])) {
        if (this.i + k >= s.length) return this.fail(`the ${what} is missing or incomplete (write ${n} digits)`, 0, s.length);
        return this.fail(`expected the ${n}-digit ${what} at character ${this.i + k + 1}, found ${quote(s[this.i + k])}`, this.i + k, this.i + k + 1);
      }
    }
    const v = Number(s.slice(this.i, this.i + n));
    this.i += n;
    return v;
  }

  private literal(c: string, after: string): TimestampProblem | undefined {
    const s = this.s;
    if (s[this.i] === c) {
      this.i++;
      return undefined;
    }
    if (this.i >= s.length) return this.fail(`the timestamp ends after the ${after}`, 0, s.length);
    return this.fail(`expected ${quote(c)} after the ${after}, found ${quote(s[this.i])}`);
  }

  private range(v: number, start: number, min: number, max: number, what: string): TimestampProblem | undefined {
    return v < min || v > max ? this.fail(`${what} ${this.s.slice(start, start + 2)} is out of range (${String(min).padStart(2, "0")}..${max})`, start, start + 2) : undefined;
  }

  /** `YYYY-MM-DD`, an existing day, and the "T" after it. */
  date(): TimestampProblem | undefined {
    const s = this.s;
    const year = this.number(4, "year");
    if (typeof year !== "number") return year;
    let p = this.literal("-", "year");
    if (p) return p;
    const monthAt = this.i;
    const month = this.number(2, "month");
    if (typeof month !== "number") return month;
    if ((p = this.literal("-", "month"))) return p;
    const dayAt = this.i;
    const day = this.number(2, "day");
    if (typeof day !== "number") return day;
    if ((p = this.range(month, monthAt, 1, 12, "month"))) return p;
    if (day < 1 || day > daysIn(year, month)) return this.fail(`day ${s.slice(dayAt, dayAt + 2)} does not exist in ${s.slice(0, 7)}`, dayAt, dayAt + 2);
    const i = this.i;
    if (i >= s.length) return this.fail("a date alone is not a timestamp (add a time and a time zone)", 0, s.length, `${s}T00:00:00Z`);
    if (s[i] !== "T") {
      const fixedOk = s[i] === "t" || s[i] === " " ? normalized(s.slice(0, i) + "T" + s.slice(i + 1)) : undefined;
      if (s[i] === "t") return this.fail('the date and time must be separated by an uppercase "T"', i, i + 1, fixedOk);
      if (s[i] === " ") return this.fail('the date and time must be separated by "T", not a space', i, i + 1, fixedOk);
      return this.fail(`expected "T" between the date and the time, found ${quote(s[i])}`);
    }
    this.i++;
    return undefined;
  }

  /** `hh:mm:ss` in range (a leap second at 23:59 only), and fractional seconds. */
  time(): TimestampProblem | undefined {
    const s = this.s;
    const hourAt = this.i;
    const hour = this.number(2, "hour");
    if (typeof hour !== "number") return hour;
    let p = this.literal(":", "hour");
    if (p) return p;
    const minuteAt = this.i;
    const minute = this.number(2, "minute");
    if (typeof minute !== "number") return minute;
    const i = this.i;
    if (s[i] !== ":") {
      if (i >= s.length || s[i] === "Z" || s[i] === "z" || s[i] === "+" || s[i] === "-")
        return this.fail("the seconds are missing (write hh:mm:ss)", hourAt, i, normalized(`${s.slice(0, i)}:00${s.slice(i)}`));
      return this.fail(`expected ":" after the minute, found ${quote(s[i])}`);
    }
    this.i++;
    const secondAt = this.i;
    const second = this.number(2, "second");
    if (typeof second !== "number") return second;
    if ((p = this.range(hour, hourAt, 0, 23, "hour"))) return p;
    if ((p = this.range(minute, minuteAt, 0, 59, "minute"))) return p;
    // a leap second (60) is only ever inserted at 23:59 UTC
    if (second > 60 || (second === 60 && !(hour === 23 && minute === 59))) return this.range(second, secondAt, 0, 59, "second");
    if (s[this.i] === ".") {
      this.i++;
      if (!isDigit(s[this.i])) return this.fail('a "." after the seconds must be followed by digits (fractional seconds)', this.i - 1, this.i);
      while (isDigit(s[this.i])) this.i++;
    } else if (s[this.i] === ",") {
      return this.fail('fractional seconds need a ".", not a ","', this.i, this.i + 1, isTimestampAfter(s, this.i, "."));
    }
    return undefined;
  }

  /** "Z" or a `+hh:mm`/`-hh:mm` offset in range. */
  zone(): TimestampProblem | undefined {
    const s = this.s;
    if (this.i >= s.length) {
      return this.fail('the time zone is missing ("Z" for UTC, or an offset such as "+01:00")', 0, s.length, s + "Z");
    }
    const c = s[this.i];
    if (c === "Z") {
      this.i++;
      return undefined;
    }
    if (c === "z") return this.fail('the time zone designator must be an uppercase "Z"', this.i, this.i + 1, isTimestampAfter(s, this.i, "Z"));
    if (c !== "+" && c !== "-") return this.fail(`expected "Z" or an offset such as "+01:00" after the time, found ${quote(c)}`);
    this.i++;
    const offsetAt = this.i;
    const oh = this.number(2, "offset hour");
    if (typeof oh !== "number") return oh;
    const i = this.i;
    if (s[i] !== ":") {
      if (isDigit(s[i]) && isDigit(s[i + 1]) && i + 2 === s.length)
        return this.fail("the offset needs a colon between hours and minutes", offsetAt - 1, s.length, s.slice(0, i) + ":" + s.slice(i));
      if (i >= s.length) return this.fail("the offset needs minutes (+hh:mm)", offsetAt - 1, s.length, s + ":00");
      return this.fail(`expected ":" in the offset, found ${quote(s[i])}`);
    }
    this.i++;
    const omAt = this.i;
    const om = this.number(2, "offset minute");
    if (typeof om !== "number") return om;
    return this.range(oh, offsetAt, 0, 23, "offset hour") ?? this.range(om, omAt, 0, 59, "offset minute");
  }
}

function isTimestampAfter(s: string, at: number, replacement: string): string | undefined {
  return normalized(s.slice(0, at) + replacement + s.slice(at + 1));
}

/** `s` with a lowercase "t"/"z" or a space separator made right, when that makes it valid. */
function normalized(s: string): string | undefined {
  let t = s;
  if (t[10] === "t" || t[10] === " ") t = t.slice(0, 10) + "T" + t.slice(11);
  if (t.endsWith("z")) t = t.slice(0, -1) + "Z";
  return timestampProblem(t) === undefined ? t : undefined;
}

/** AWS's words for any value that is not a timestamp (REC, aws-validation-messages §2). */
const AWS = { message: NOT_A_TIMESTAMP };

/** `jsonata`: the field is evaluated as JSONata, so a {% … %} string is an expression, not a timestamp. */
function checkValue(ctx: RuleContext, node: Node | undefined, what: string, jsonata: boolean): void {
  if (!node || node.type !== "string" || isTemplated(node)) return;
  const s = node.value as string;
  const expression: boolean = isJsonataExpression(s as unknown);
  if (jsonata && expression) return;
  if (expression) {
    // a JSONPath state does not evaluate JSONata: AWS checks the text as a timestamp and refuses it
    ctx.report(node, `${what} is not evaluated as JSONata in a JSONPath state: AWS reads ${quote(s.length > 60 ? s.slice(0, 57) + "..." : s)} as a timestamp and refuses it. Write an RFC 3339 timestamp such as ${quote(EXAMPLE)}, use "TimestampPath", or set "QueryLanguage": "JSONata" on the state.`, { aws: AWS });
    return;
  }
  const problem = timestampProblem(s);
  if (!problem) return;
  const fixed = problem.fixed;
  ctx.report(
    node,
    `${what} ${quote(s.length > 60 ? s.slice(0, 57) + "..." : s)} is not an RFC 3339 timestamp: ${problem.message}. ` +
      (fixed ? `Write ${quote(fixed)}.` : `Write it like ${quote(EXAMPLE)} (uppercase "T", and "Z" or an offset such as "+01:00").`),
    {
      span: problem.start !== undefined && problem.end !== undefined ? { start: problem.start, end: problem.end } : undefined,
      fixes: fixed ? [safeFix(replaceValueFix(`Change to ${quote(fixed)}`, node, fixed))] : undefined,
      aws: AWS,
    },
  );
}

function checkChoiceRule(ctx: RuleContext, rule: Node): void {
  for (const op of OPERATORS) {
    const v = get(rule, op);
    if (v) checkValue(ctx, v, `${op} value`, false);
  }
}

export const timestamp: Rule = {
  meta: {
    id: "timestamp",
    code: "SCHEMA_VALIDATION_FAILED",
    severity: "ERROR",
    basis: "rejected",
    description: 'A Wait "Timestamp" or a Choice Timestamp… comparison value that is not a strict RFC 3339 timestamp.',
    rationale:
      'Step Functions reads timestamps as RFC 3339 with an uppercase "T" between date and time and an uppercase "Z" (or a numeric offset) for the time zone, e.g. 2016-03-14T01:59:00Z. Anything else is rejected when the definition is created, including a {% … %} expression in a JSONPath state, where JSONata is not evaluated.',
    source: "REC (aws-validation-messages §2: \"String does not match RFC3339 timestamp\", also for {% … %} in a JSONPath state and for a literal in a JSONata one; nanoseconds accepted); SPEC §Timestamps, §Wait, §Choice Rules; asl-facts §1, §3.4, §6",
    examples: {
      fail: '{ "StartAt": "W", "States": { "W": { "Type": "Wait", "Timestamp": "2016-03-14 01:59:00", "End": true } } }',
      pass: '{ "StartAt": "W", "States": { "W": { "Type": "Wait", "Timestamp": "2016-03-14T01:59:00Z", "End": true } } }',
    },
  },
  check(ctx) {
    for (const state of statesOfType(ctx.machine, "Wait")) {
      if (isObject(state.node)) checkValue(ctx, get(state.node, "Timestamp"), "Timestamp", state.queryLanguage === "JSONata");
    }
    for (const state of statesOfType(ctx.machine, "Choice")) {
      for (const { rule } of choiceRules(state)) checkChoiceRule(ctx, rule);
    }
  },
};
