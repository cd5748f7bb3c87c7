/**
 * Payload templates (asl-facts §8): `Parameters`, `ResultSelector`, Map `ItemSelector`, and the
 * JSONPath `Assign`. A key ending in `.$` takes the value of a path (`$…`, `$$…`, `$var…`) or
 * of an intrinsic function, and loses its suffix; every other value is copied as written.
 */
import { evaluateIntrinsicText, type IntrinsicEnv } from "./intrinsic.js";
import { runtimeError } from "./errors.js";
import { evaluatePath } from "./path.js";
import { isObject, newObject, setMember, type Json } from "./json.js";

/** The value of one `.$` member: a path or an intrinsic function, read on `data`. */
export function dollarValue(key: string, text: Json, data: Json, env: IntrinsicEnv, field: string): Json {
  if (typeof text !== "string") throw runtimeError(`The value for the field '${key}' must be a valid JSONPath or a valid intrinsic function call (in ${field}).`);
  if (text.startsWith("$")) {
    const r = evaluatePath(text, data, env);
    if (!r.found) {
      const source = text.startsWith("$$") ? env.context ?? {} : data;
      throw runtimeError(`The JSONPath '${text}' specified for the field '${key}' could not be found in the input '${JSON.stringify(source)}'`);
    }
    return r.value;
  }
  return evaluateIntrinsicText(text, data, env);
}

/** Evaluates a payload template on `data`. */
export function evaluateTemplate(template: Json, data: Json, env: IntrinsicEnv, field: string): Json {
  if (Array.isArray(template)) return template.map((t) => evaluateTemplate(t, data, env, field));
  if (!isObject(template)) return template;
  const out = newObject();
  for (const key of Object.keys(template)) {
    const value = template[key];
    if (key.endsWith(".$") && key.length > 2) setMember(out, key.slice(0, -2), dollarValue(key, value, data, env, field));
    else setMember(out, key, evaluateTemplate(value, data, env, field));
  }
  return out;
}
