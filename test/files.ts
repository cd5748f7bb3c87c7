import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** Files under `dir` (recursively, in name order) whose name matches `pattern`; none when `dir` is missing. */
export function filesUnder(dir: string, pattern: RegExp): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...filesUnder(full, pattern));
    else if (pattern.test(name)) out.push(full);
  }
  return out;
}
