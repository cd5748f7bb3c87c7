import { readdirSync, readFileSync, statSync, existsSync, openSync, fstatSync, closeSync, constants, type Stats } from "node:fs";
import { join, relative, resolve, sep, dirname, basename } from "node:path";
import { IgnoreFile, globToRegExp, hasGlobChars } from "../glob.js";
import { looksLikeTemplate } from "../sources/index.js";
import { escapeControls } from "../format/terminal.js";
import { kindOf } from "../config.js";

const ALWAYS = /\.asl(\.(json|ya?ml))?$/i;
const MAYBE = /\.(json|ya?ml|tf)$/i;
const SKIP_DIRS = new Set(["node_modules", ".git", ".hg", ".svn"]);
/** Files larger than this are not sniffed during a directory walk (a definition is at most 1 MB). */
const MAX_SNIFF = 4 * 1024 * 1024;

/**
 * Does this JSON or YAML text look like a definition: StartAt and States at its top level (with
 * `either`, one of them is enough: a definition that misses the other is still one, to be told
 * what is wrong with it)?
 */
export function looksLikeDefinition(text: string, name: string, either = false): boolean {
  if (either ? !text.includes("StartAt") && !text.includes("States") : !text.includes("StartAt") || !text.includes("States")) return false;
  if (/\.json$/i.test(name) || (!/\.ya?ml$/i.test(name) && /^\uFEFF?\s*\{/.test(text))) {
    // top-level keys sit at depth 1
    let depth = 0;
    let inString = false;
    let keyStart = -1;
    const found = new Set<string>();
    for (let i = 0; i < text.length && found.size < (either ? 1 : 2); i++) {
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
    return found.size === (either ? 1 : 2);
  }
  const startAt = /^["']?StartAt["']?\s*:/m.test(text);
  const states = /^["']?States["']?\s*:/m.test(text);
  return either ? startAt || states : startAt && states;
}

/**
 * Does the file hold something to lint: a definition (by its name, `*.asl.json` and the like, or
 * by its content)? The one test of a file's content, for a directory walk and for the files the
 * command line names (`named`: one of StartAt and States is enough), so that a pre-commit hook
 * that passes every JSON and YAML file lints only definitions. Templates that hold state
 * machines are found here too.
 */
export function holdsDefinition(text: string, name: string, named = false): boolean {
  if (ALWAYS.test(name)) return true;
  // a definition, or a template that declares state machines (CloudFormation, SAM, CDK, Serverless, Terraform)
  return looksLikeDefinition(text, name, named) || looksLikeTemplate(text, name);
}

export interface Discovery {
  files: string[];
  /** Paths that could not be read, each a sentence for stderr. */
  errors: string[];
  /** The files named on the command line (not found by a walk or a glob). */
  named: Set<string>;
  /** The argument each file came from. */
  origin: Map<string, string>;
}

/** Leaves a file or a whole directory out of walks and globs (the config's "ignores"). */
export type IgnoreTest = (absolutePath: string, isDirectory: boolean) => boolean;

/** A path as a message shows it: quoted, its control characters escaped. */
export function quotePath(path: string): string {
  return `"${escapeControls(path)}"`;
}

/** Why a path could not be opened or read, in words. */
export function readProblem(e: unknown, path = ""): string {
  const err = e as NodeJS.ErrnoException;
  switch (err?.code) {
    case "ENOENT":
      // Node.js decodes file names as UTF-8: a name that is not cannot be opened by it
      return path.includes("\ufffd") ? "no such file or directory (its name may not be valid UTF-8, which Node.js cannot open)" : "no such file or directory";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "ELOOP":
      return "too many levels of symbolic links (a symbolic link loop?)";
    case "ENOTDIR":
      return "a part of the path is not a directory";
    case "EISDIR":
      return "it is a directory";
    case "ENAMETOOLONG":
      return "the name is too long";
    case "EMFILE":
    case "ENFILE":
      return "too many open files";
    case "EIO":
      return "input/output error";
    default:
      return err?.code ?? (err instanceof Error ? err.message : String(e));
  }
}

/** An error whose message says why a file could not be read. */
export class ReadError extends Error {}

/**
 * Reads a regular file as UTF-8. A FIFO, a device or a directory is refused, not read: opening
 * does not block (O_NONBLOCK), and the open file is checked before a byte is read.
 */
export function readTextFile(path: string): string {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw new ReadError(readProblem(e, path));
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new ReadError(`not a regular file: ${kindOf(st)}`);
    return readFileSync(fd, "utf8");
  } catch (e) {
    throw e instanceof ReadError ? e : new ReadError(readProblem(e, path));
  } finally {
    closeSync(fd);
  }
}

/**
 * Expands the CLI's path arguments: files (always linted), directories (walked, honouring
 * .gitignore and skipping node_modules), and quoted globs.
 */
export function discover(args: string[], cwd: string, ignored: IgnoreTest = () => false): Discovery {
  const files: string[] = [];
  const errors: string[] = [];
  const named = new Set<string>();
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
    let problem: unknown;
    try {
      st = statSync(abs);
    } catch (e) {
      st = undefined;
      problem = e;
    }
    if (st?.isFile()) {
      add(arg);
      named.add(arg);
    } else if (st?.isDirectory()) walk(abs, cwd, [], (f) => add(f), false, errors, ignored);
    else if (st) errors.push(`Cannot read ${quotePath(arg)}: not a regular file: ${kindOf(st)}.`);
    else if (hasGlobChars(arg)) {
      const matches = expandGlob(arg, cwd, errors, ignored);
      if (matches.length === 0) errors.push(`No files match the pattern ${quotePath(arg)}.`);
      matches.forEach(add);
    } else errors.push(`Cannot read ${quotePath(arg)}: ${readProblem(problem, arg)}.`);
  }
  return { files, errors, named, origin };
}

function walk(dir: string, cwd: string, ignores: { base: string; file: IgnoreFile }[], add: (f: string) => void, globOnly: boolean | RegExp, errors: string[], ignored: IgnoreTest): void {
  const own = join(dir, ".gitignore");
  const stack = existsSync(own) ? [...ignores, { base: dir, file: new IgnoreFile(safeRead(own)) }] : ignores;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    // a directory that cannot be listed may hold definitions: the run must not say OK
    errors.push(`Cannot read the directory ${quotePath(relative(cwd, dir) || ".")}: ${readProblem(e, dir)}.`);
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const full = join(dir, e.name);
    const isDir = e.isDirectory();
    if (isDir && SKIP_DIRS.has(e.name)) continue;
    if (isIgnored(full, isDir, stack) || ignored(full, isDir)) continue;
    if (isDir) walk(full, cwd, stack, add, globOnly, errors, ignored);
    else if (e.isFile()) {
      const rel = relative(cwd, full) || full;
      if (globOnly instanceof RegExp) {
        if (globOnly.test(rel.split(sep).join("/"))) add(rel);
        continue;
      }
      if (ALWAYS.test(e.name)) add(rel);
      else if (MAYBE.test(e.name)) {
        let text: string;
        try {
          if (statSync(full).size > MAX_SNIFF) continue;
          text = readFileSync(full, "utf8");
        } catch (err) {
          // it may be a definition: say so rather than pass over it
          errors.push(`Cannot read ${quotePath(rel)}: ${readProblem(err, full)}.`);
          continue;
        }
        if (holdsDefinition(text, e.name)) add(rel);
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

function expandGlob(pattern: string, cwd: string, errors: string[], ignored: IgnoreTest): string[] {
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
  walk(base, cwd, [], (f) => out.push(f), re, errors, ignored);
  return out;
}

function safeRead(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}

/** The root of the repository a directory is in (the nearest parent with a .git), or undefined. */
export function repositoryRoot(dir: string): string | undefined {
  let at = resolve(dir);
  for (;;) {
    if (existsSync(join(at, ".git"))) return at;
    const parent = dirname(at);
    if (parent === at) return undefined;
    at = parent;
  }
}

export function displayPath(file: string): string {
  return file.split(sep).join("/");
}

export { dirname, basename };
