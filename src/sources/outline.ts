/**
 * The block outline of a YAML template, from its lines alone: the top-level keys and, inside a
 * block, the keys of its mapping, each with the text range of its entry. A YAML parse costs
 * about a microsecond per character, and a SAM template is mostly IAM roles and functions: the
 * readers parse only the entries that matter (the state machine resources, serverless.yml's
 * stepFunctions) and read the other resources' `Type` from their lines. Returns undefined for
 * anything that is not plain block style (flow style, anchors, directives, documents): the
 * caller then parses the whole text.
 */

export interface Entry {
  key: string;
  keyOffset: number;
  keyLength: number;
  /** The entry's text: from the start of its key's line to the end of its last line. */
  start: number;
  end: number;
}

const KEY = /^([ ]*)(?:"([^"\\]*)"|'([^']*)'|([^\s#'"{[\]},&*!|>%@`-][^:#]*?|-[^\s:#][^:#]*?))[ \t]*:(?:[ \t]|$)/;

/** The mapping entries at the block's first indentation, for text [start, end); undefined when the block is not plain block style. */
export function entries(text: string, start = 0, end = text.length): Entry[] | undefined {
  const out: Entry[] = [];
  let indent = -1;
  let i = start;
  let current: Entry | undefined;
  let lastContent = start;
  while (i < end) {
    let lineEnd = text.indexOf("\n", i);
    if (lineEnd < 0 || lineEnd > end) lineEnd = end;
    const line = text.slice(i, lineEnd);
    const trimmed = line.trimStart();
    const spaces = line.length - trimmed.length;
    if (trimmed === "" || trimmed === "\r" || trimmed.startsWith("#") || (indent < 0 && start === 0 && (trimmed.startsWith("---") || trimmed.startsWith("%")))) {
      if (trimmed.startsWith("%") || (trimmed.startsWith("---") && out.length > 0)) return undefined;
      i = lineEnd + 1;
      continue;
    }
    if (line.includes("\t") && /^\s*\t/.test(line)) return undefined;
    if (indent < 0) indent = spaces;
    if (spaces < indent) return undefined;
    if (spaces === indent) {
      const m = KEY.exec(line);
      if (!m || trimmed.startsWith("- ")) return undefined;
      // anchors, aliases and merge keys tie entries together: parse the whole text
      const value = line.slice(m[0].length).trim();
      if (value.startsWith("&") || value.startsWith("*") || m[4] === "<<") return undefined;
      if (current) current.end = lastContent;
      const key = m[2] ?? m[3] ?? m[4];
      const keyOffset = i + spaces;
      current = { key, keyOffset, keyLength: m[0].trimEnd().length - spaces - 1, start: i, end: lineEnd };
      out.push(current);
    }
    lastContent = lineEnd;
    i = lineEnd + 1;
  }
  if (current) current.end = lastContent;
  return out;
}

/** The scalar value of `key:` on its own line in an entry (a resource's `Type: AWS::...`), or undefined. */
export function scalarOf(text: string, entry: Entry, key: string): string | undefined {
  const inner = childEntries(text, entry);
  const e = inner?.find((x) => x.key === key);
  if (!e) return undefined;
  const rest = text.slice(e.keyOffset + e.keyLength + 1, text.indexOf("\n", e.keyOffset) < 0 ? e.end : Math.min(e.end, text.indexOf("\n", e.keyOffset))).trim();
  const value = rest.replace(/\s+#.*$/, "");
  const m = /^"([^"\\]*)"$|^'([^']*)'$|^([^\s'"{[&*!|>][^#]*)$/.exec(value);
  return m ? (m[1] ?? m[2] ?? m[3]).trim() : undefined;
}

/** The entries of an entry's value block (the lines after its key's line). */
export function childEntries(text: string, entry: Entry): Entry[] | undefined {
  const nl = text.indexOf("\n", entry.keyOffset);
  if (nl < 0 || nl >= entry.end) return [];
  return entries(text, nl + 1, entry.end);
}
