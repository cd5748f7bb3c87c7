import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";

export const root = join(__dirname, "..", "..");

/** The definitions under examples/ (`examples/…`), in a stable order. */
export function exampleDefinitions(dir = join(root, "examples")): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...exampleDefinitions(full));
    else if (/\.asl\.(json|ya?ml)$/.test(name)) out.push(relative(root, full).split("\\").join("/"));
  }
  return out;
}
