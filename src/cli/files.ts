import { readdirSync, readFileSync, statSync, existsSync } from "node:fs";
import { join, relative, resolve, sep, dirname, basename } from "node:path";
import { IgnoreFile, globToRegExp, hasGlobChars } from "../glob.js";
import { looksLikeTemplate } from "../sources/index.js";

const ALWAYS = /\.asl(\.(json|ya?ml))?$/i;
const MAYBE = /\.(json|ya?ml|tf)$/i;
const SKIP_DIRS = new Set(["node_modules", ".git", ".hg", ".svn"]);
/** Files larger than this are not sniffed during a directory walk (a definition is at most 1 MB). */
const MAX_SNIFF = 4 * 1024 * 1024;

/** Does this JSON or YAML text look like a definition: StartAt and States at its top level? */
export function looksLikeDefinition(text: string, name: string): boolean {
  if (!text.includes("StartAt") || !text.includes("States")) return false;
  if (/\.json$/i.test(name)) {
    // top-level keys sit at depth 1
    let depth = 0;
    let inString = false;
    let keyStart = -1;
    const found = new Set<string>();
    for (let i = 0; i < text.length && found.size < 2; i++) {
      const c = text[i];
      if (inString) {
        if (c === "\\") i++;
        else if (c === '"') {
          inString = false;
          if (depth === 1 && keyStart >= 0) {
            const key = text.slice(keyStart, i);
            if (key === "StartAt" || key === "States") {
              let j = i + 1;
              while (j < text.length && /\s/.test(text[j])) j++;
              if (text[j] === ":") found.add(key);
            }
          }
        }
      } else if (c === '"') {
        inString = true;
        keyStart = i + 1;
      } else if (c === "{" || c === "[") depth++;
      else if (c === "}" || c === "]") depth--;
    }
    return found.size === 2;
  }
  return /^StartAt\s*:/m.test(text) && /^States\s*:/m.test(text);
}

export interface Discovery {
  files: string[];
  errors: string[];
  /** The argument each file came from. */
  origin: Map<string, string>;
}

/**
 * Expands the CLI's path arguments: files (always linted), directories (walked, honouring
 * .gitignore and skipping node_modules), and quoted globs.
 */
export function discover(args: string[], cwd: string): Discovery {
  const files: string[] = [];
  const errors: string[] = [];
  const seen = new Set<string>();
  const origin = new Map<string, string>();
  let arg = "";
  const add = (f: string) => {
    const abs = resolve(cwd, f);
    if (!seen.has(abs)) {
      seen.add(abs);
      files.push(f);
      origin.set(f, arg);
    }
  };
  for (arg of args) {
    const abs = resolve(cwd, arg);
    let st;
    try {
      st = statSync(abs);
    } catch {
      st = undefined;
    }
    if (st?.isFile()) add(arg);
    else if (st?.isDirectory()) walk(abs, cwd, [], (f) => add(f), false);
    else if (hasGlobChars(arg)) {
      const matches = expandGlob(arg, cwd);
      if (matches.length === 0) errors.push(`No files match the pattern "${arg}".`);
      matches.forEach(add);
    } else errors.push(`Cannot read "${arg}": no such file or directory.`);
  }
  return { files, errors, origin };
}

function walk(dir: string, cwd: string, ignores: { base: string; file: IgnoreFile }[], add: (f: string) => void, globOnly: boolean | RegExp): void {
  const own = join(dir, ".gitignore");
  const stack = existsSync(own) ? [...ignores, { base: dir, file: new IgnoreFile(safeRead(own)) }] : ignores;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const full = join(dir, e.name);
    const isDir = e.isDirectory();
    if (isDir && SKIP_DIRS.has(e.name)) continue;
    if (isIgnored(full, isDir, stack)) continue;
    if (isDir) walk(full, cwd, stack, add, globOnly);
    else if (e.isFile()) {
      const rel = relative(cwd, full) || full;
      if (globOnly instanceof RegExp) {
        if (globOnly.test(rel.split(sep).join("/"))) add(rel);
        continue;
      }
      if (ALWAYS.test(e.name)) add(rel);
      else if (MAYBE.test(e.name)) {
        try {
          if (statSync(full).size > MAX_SNIFF) continue;
        } catch {
          continue;
        }
        const text = safeRead(full);
        // a definition, or a template that declares state machines (CloudFormation, SAM, CDK, Serverless, Terraform)
        if (looksLikeDefinition(text, e.name) || looksLikeTemplate(text, e.name)) add(rel);
      }
    }
  }
}

function isIgnored(full: string, isDir: boolean, stack: { base: string; file: IgnoreFile }[]): boolean {
  let ignored = false;
  for (const { base, file } of stack) {
    const rel = relative(base, full).split(sep).join("/");
    const m = file.match(rel, isDir);
    if (m !== undefined) ignored = m;
  }
  return ignored;
}

function expandGlob(pattern: string, cwd: string): string[] {
  const normal = pattern.split(sep).join("/");
  const parts = normal.split("/");
  const fixed: string[] = [];
  for (const p of parts) {
    if (hasGlobChars(p)) break;
    fixed.push(p);
  }
  const base = resolve(cwd, fixed.join("/") || ".");
  if (!existsSync(base)) return [];
  const re = globToRegExp(relative(cwd, resolve(cwd, normal)).split(sep).join("/"));
  const out: string[] = [];
  walk(base, cwd, [], (f) => out.push(f), re);
  return out;
}

function safeRead(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}

export function displayPath(file: string): string {
  return file.split(sep).join("/");
}

export { dirname, basename };
