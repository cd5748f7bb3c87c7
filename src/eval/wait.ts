/**
 * How long a Wait state waits (asl-facts §3.4): `Seconds` (an integer 0..99999999, or a JSONata
 * expression giving one), `Timestamp` (RFC 3339, honoured to the second), or their `…Path`
 * forms in JSONPath. The emulator never sleeps: it reports the duration.
 */
import { runtimeError } from "./errors.js";
import { typeName, type Json } from "./json.js";
import { WAIT_SECONDS_MAX } from "../aws/limits.js";

/** RFC 3339 date-time, as Choice `IsTimestamp` and Wait `Timestamp` accept it. */
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

/** Milliseconds since the epoch of an RFC 3339 timestamp, or undefined when it is not one. */
export function parseTimestamp(s: unknown): number | undefined {
  if (typeof s !== "string") return undefined;
  const m = RFC3339.exec(s);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, se] = m;
  if (+mo < 1 || +mo > 12 || +d < 1 || +d > 31 || +h > 23 || +mi > 59 || +se > 60) return undefined;
  const t = Date.parse(s.toUpperCase());
  return Number.isNaN(t) ? undefined : t;
}

export interface WaitDuration {
  /** Whole seconds to wait from `now` (0 when the timestamp is past). */
  seconds: number;
  /** The moment the wait ends, as an ISO string. */
  until: string;
}

/** Checks a Seconds value the way the run time does. */
export function waitSeconds(value: Json, field: string): number {
  if (typeof value !== "number" || !Number.isInteger(value)) throw runtimeError(`The value of the field '${field}' must be an integer, got ${typeName(value)} ${JSON.stringify(value)}.`);
  if (value < 0 || value > WAIT_SECONDS_MAX) throw runtimeError(`The value of the field '${field}' must be between 0 and ${WAIT_SECONDS_MAX}, got ${value}.`);
  return value;
}

/** Duration of a wait of `seconds`, or until `timestamp`, from `now` (ms). */
export function waitDuration(now: number, spec: { seconds: number } | { timestamp: Json; field: string }): WaitDuration {
  if ("seconds" in spec) return { seconds: spec.seconds, until: new Date(now + spec.seconds * 1000).toISOString() };
  const t = parseTimestamp(spec.timestamp);
  if (t === undefined) throw runtimeError(`The value of the field '${spec.field}' must be an RFC 3339 timestamp, got ${JSON.stringify(spec.timestamp)}.`);
  const whole = Math.floor(t / 1000) * 1000;
  return { seconds: Math.max(0, Math.ceil((whole - now) / 1000)), until: new Date(whole).toISOString() };
}
