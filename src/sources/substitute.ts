/**
 * `--substitution KEY=VALUE`: the definition filled in exactly as it will be deployed.
 * DefinitionSubstitutions (and Terraform's template variables) replace `${KEY}` as text, so a
 * quoted placeholder stays a string ("${Wait}" becomes "10") and a bare one becomes the value
 * itself (${Wait} becomes 10).
 */
import { walk } from "../parse/tree.js";
import { VirtualText, placeholdersIn, rewrite, type Rewrite, type SegmentMap } from "./segments.js";
import type { DefinitionSource } from "./types.js";

/** A copy of the source with the given placeholders filled in (placeholders the template fills in itself are left). */
export function substitute(source: DefinitionSource, values: ReadonlyMap<string, string>): DefinitionSource {
  const body = source.body;
  if (!body || values.size === 0) return source;
  const resolvedAt = (offset: number) => (source.context?.resolved ?? []).some((r) => offset >= r.offset && offset < r.offset + r.length);
  if (body.kind === "tree") {
    walk(body.root, (n) => {
      if (n.type === "string" && (n.value as string).includes("${") && !resolvedAt(n.offset)) {
        n.value = (n.value as string).replace(/\$\{([^{}]+)\}/g, (all, key: string) => values.get(key.trim()) ?? all);
      }
    });
    return source;
  }
  // a standalone file: its map is the identity
  const map = body.map ?? identity(body.text);
  const text = body.text;
  const edits: Rewrite[] = [];
  for (const p of placeholdersIn(text)) {
    const value = values.get(p.name);
    if (value === undefined || resolvedAt(p.offset)) continue;
    // a placeholder the reader quoted (its quotes stand for no file character) is replaced with its quotes
    const quoted = text[p.offset - 1] === '"' && text[p.offset + p.length] === '"' && map.range(p.offset - 1, 1).length === 0;
    if (quoted) edits.push({ offset: p.offset - 1, length: p.length + 2, text: value });
    else edits.push({ offset: p.offset, length: p.length, text: value });
  }
  if (!edits.length) return source;
  const out = rewrite(text, map, edits);
  const context = source.context && {
    ...source.context,
    resolved: source.context.resolved.map((r) => ({ ...r, offset: out.moved(r.offset), length: out.moved(r.offset + r.length) - out.moved(r.offset) })),
    subReferences: source.context.subReferences.map((r) => ({ ...r, offset: out.moved(r.offset) })),
  };
  return { ...source, body: { ...body, text: out.text, map: out.map }, context };
}

function identity(text: string): SegmentMap {
  const vt = new VirtualText();
  vt.copy(text, 0, text.length);
  return vt.map;
}
