/**
 * Small value templates rendered as JSON or YAML snippet text (LSP snippet syntax), or as
 * plain text for clients without snippet support.
 */

/** A tab stop: `${n:default}`; `quoted` puts JSON string quotes around it. */
export class Stop {
  constructor(
    readonly n: number,
    readonly def = "",
    readonly quoted = true,
    /** A choice tab stop: `${n|a,b|}` (the default is the first choice without snippets). */
    readonly choices?: string[],
  ) {}
}

export type Tpl = string | number | boolean | null | Stop | Tpl[] | { [key: string]: Tpl };

export function escapeSnippet(s: string): string {
  return s.replace(/[\\$}]/g, (c) => "\\" + c);
}

function stop(s: Stop, snippet: boolean, quote: (t: string) => string): string {
  if (!snippet) return s.quoted ? quote(s.choices?.[0] ?? s.def) : s.choices?.[0] ?? s.def;
  if (s.choices && s.choices.length > 1) {
    const inner = `\${${s.n}|${s.choices.map((c) => c.replace(/[\\$}|,]/g, (x) => "\\" + x)).join(",")}|}`;
    return s.quoted ? `"${inner}"` : inner;
  }
  const inner = s.def ? `\${${s.n}:${escapeSnippet(s.def)}}` : `$${s.n}`;
  return s.quoted ? `"${inner}"` : inner;
}

function lit(s: string, snippet: boolean): string {
  return snippet ? escapeSnippet(s) : s;
}

/** JSON; objects and arrays on one line unless `multiline` (then nested lines start with `indent`). */
export function renderJson(v: Tpl, snippet: boolean, indent = "", multiline = false): string {
  if (v instanceof Stop) return stop(v, snippet, (t) => JSON.stringify(t));
  if (Array.isArray(v)) {
    if (v.length === 0) return "[]";
    if (!multiline) return `[${v.map((x) => renderJson(x, snippet)).join(", ")}]`;
    const inner = indent + "  ";
    return `[\n${v.map((x) => inner + renderJson(x, snippet, inner, true)).join(",\n")}\n${indent}]`;
  }
  if (v !== null && typeof v === "object") {
    const entries = Object.entries(v);
    if (entries.length === 0) return "{}";
    if (!multiline) return `{ ${entries.map(([k, x]) => `${lit(JSON.stringify(k), snippet)}: ${renderJson(x, snippet)}`).join(", ")} }`;
    const inner = indent + "  ";
    return `{\n${entries.map(([k, x]) => `${inner}${lit(JSON.stringify(k), snippet)}: ${renderJson(x, snippet, inner, true)}`).join(",\n")}\n${indent}}`;
  }
  return lit(JSON.stringify(v), snippet);
}

const PLAIN = /^[A-Za-z_][A-Za-z0-9_ .:\-/]*$/;

export function yamlScalar(s: string): string {
  return PLAIN.test(s) && !/: |:$| $|^(true|false|null|yes|no|on|off|~)$/i.test(s) ? s : JSON.stringify(s);
}

/**
 * YAML in block style. The result is what follows `key:`: either ` value` on the same line
 * or a newline and the nested block at `indent + 2`.
 */
export function renderYamlValue(v: Tpl, snippet: boolean, indent: string): string {
  if (v instanceof Stop) return " " + stop(v, snippet, (t) => (t === "" ? '""' : yamlScalar(t)));
  if (Array.isArray(v)) {
    if (v.length === 0) return " []";
    const inner = indent + "  ";
    return v.map((x) => `\n${inner}-${renderYamlItem(x, snippet, inner + "  ")}`).join("");
  }
  if (v !== null && typeof v === "object") {
    const entries = Object.entries(v);
    if (entries.length === 0) return " {}";
    const inner = indent + "  ";
    return entries.map(([k, x]) => `\n${inner}${lit(yamlScalar(k), snippet)}:${renderYamlValue(x, snippet, inner)}`).join("");
  }
  return " " + lit(typeof v === "string" ? yamlScalar(v) : JSON.stringify(v), snippet);
}

/** A sequence item: `- scalar` or `- key: value` with further keys at `indent`. */
function renderYamlItem(v: Tpl, snippet: boolean, indent: string): string {
  if (v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof Stop)) {
    const entries = Object.entries(v);
    if (entries.length === 0) return " {}";
    return entries
      .map(([k, x], i) => `${i === 0 ? " " : `\n${indent}`}${lit(yamlScalar(k), snippet)}:${renderYamlValue(x, snippet, indent)}`)
      .join("");
  }
  return renderYamlValue(v, snippet, indent.slice(2));
}

/** The members of an object as YAML lines at `indent` (the first line without indentation). */
export function renderYamlMembers(members: Record<string, Tpl>, snippet: boolean, indent: string): string {
  return Object.entries(members)
    .map(([k, x], i) => `${i === 0 ? "" : `\n${indent}`}${lit(yamlScalar(k), snippet)}:${renderYamlValue(x, snippet, indent)}`)
    .join("");
}

/** The members of an object as JSON lines at `indent` (the first line without indentation). */
export function renderJsonMembers(members: Record<string, Tpl>, snippet: boolean, indent: string): string {
  return Object.entries(members)
    .map(([k, x], i) => `${i === 0 ? "" : `,\n${indent}`}${lit(JSON.stringify(k), snippet)}: ${renderJson(x, snippet, indent, isBig(x))}`)
    .join("");
}

function isBig(v: Tpl): boolean {
  return v !== null && typeof v === "object" && !(v instanceof Stop) && JSON.stringify(v).length > 60;
}
