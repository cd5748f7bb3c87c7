import { readdirSync, readFileSync, statSync, existsSync, openSync, fstatSync, closeSync, constants, type Stats } from "node:fs";
import { join, relative, resolve, sep, dirname, basename } from "node:path";
import { IgnoreFile, globToRegExp, hasGlobChars } from "../glob.js";
import { escapeControls } from "../format/terminal.js";

const ALWAYS = /\.asl(\.(json|ya?ml))?$/i;
const MAYBE = /\.(json|ya?ml)$/i;
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
  /** Paths that could not be read, each a sentence for stderr. */
  errors: string[];
}

/** A path as a message shows it: quoted, its control characters escaped. */
export function quotePath(path: string): string {
  return `"${escapeControls(path)}"`;
}

/** What kind of thing a path is when it is not a regular file. */
function kindOf(st: Stats): string {
  if (st.isDirectory()) return "a directory";
  if (st.isFIFO()) return "a FIFO (named pipe)";
  if (st.isCharacterDevice()) return "a character device";
  if (st.isBlockDevice()) return "a block device";
  if (st.isSocket()) return "a socket";
  return "not a regular file";
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

/**
 * Reads a configuration file (config.ts's loadConfig) only when it is a regular file: a FIFO
 * in its place would block the run. Throws an Error with a one-line reason.
 */
export function loadConfigFile<T>(path: string, load: (path: string) => T): T {
  let st: Stats;
  try {
    st = statSync(path);
  } catch (e) {
    throw new Error(`Cannot read config ${quotePath(path)}: ${readProblem(e, path)}.`);
  }
  if (!st.isFile()) throw new Error(`Cannot read config ${quotePath(path)}: not a regular file: ${kindOf(st)}.`);
  return load(path);
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
export function discover(args: string[], cwd: string): Discovery {
  const files: string[] = [];
  const errors: string[] = [];
  const seen = new Set<string>();
  const add = (f: string) => {
    const abs = resolve(cwd, f);
    if (!seen.has(abs)) {
      seen.add(abs);
      files.push(f);
    }
  };
  for (const arg of args) {
    const abs = resolve(cwd, arg);
    let st;
    let problem: unknown;
    try {
      st = statSync(abs);
    } catch (e) {
      st = undefined;
      problem = e;
    }
    if (st?.isFile()) add(arg);
    else if (st?.isDirectory()) walk(abs, cwd, [], (f) => add(f), false, errors);
    else if (st) errors.push(`Cannot read ${quotePath(arg)}: not a regular file: ${kindOf(st)}.`);
    else if (hasGlobChars(arg)) {
      const matches = expandGlob(arg, cwd, errors);
      if (matches.length === 0) errors.push(`No files match the pattern ${quotePath(arg)}.`);
      matches.forEach(add);
    } else errors.push(`Cannot read ${quotePath(arg)}: ${readProblem(problem, arg)}.`);
  }
  return { files, errors };
}

function walk(dir: string, cwd: string, ignores: { base: string; file: IgnoreFile }[], add: (f: string) => void, globOnly: boolean | RegExp, errors: string[]): void {
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
    if (isIgnored(full, isDir, stack)) continue;
    if (isDir) walk(full, cwd, stack, add, globOnly, errors);
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
        if (looksLikeDefinition(text, e.name)) add(rel);
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

function expandGlob(pattern: string, cwd: string, errors: string[]): string[] {
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
  walk(base, cwd, [], (f) => out.push(f), re, errors);
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
