import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import type { MachineType } from "./rules/types.js";
import type { RuleSetting } from "./lint.js";
import { globToRegExp } from "./glob.js";

/**
 * The project's configuration: `.aslintrc.json` in the working directory or a parent.
 *
 * {
 *   "type": "STANDARD",
 *   "rules": { "no-terminal-path": "off" },
 *   "overrides": [{ "files": ["workflows/express/**"], "type": "EXPRESS" }]
 * }
 */
export interface Config {
  type?: MachineType;
  rules?: Record<string, RuleSetting>;
  overrides?: { files: string[]; type?: MachineType; rules?: Record<string, RuleSetting> }[];
  /** Directory the config file sits in (override globs are relative to it). */
  base?: string;
}

export const CONFIG_FILE = ".aslintrc.json";

export function findConfig(startDir: string): string | undefined {
  let dir = resolve(startDir);
  for (;;) {
    const candidate = join(dir, CONFIG_FILE);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

const SETTINGS = new Set(["off", "info", "warn", "error"]);

/** Reads and checks a config file; throws an Error with a one-line reason when it is wrong. */
export function loadConfig(path: string): Config {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new Error(`Cannot read config ${path}: ${(e as Error).message}`);
  }
  const config = validateConfig(raw, path);
  config.base = dirname(resolve(path));
  return config;
}

export function validateConfig(raw: unknown, where = "config"): Config {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) throw new Error(`${where}: the config must be a JSON object.`);
  const c = raw as Record<string, unknown>;
  for (const key of Object.keys(c)) {
    if (!["type", "rules", "overrides", "$schema"].includes(key)) throw new Error(`${where}: unknown key "${key}" (expected type, rules, overrides).`);
  }
  checkType(c.type, where);
  checkRules(c.rules, where);
  if (c.overrides !== undefined) {
    if (!Array.isArray(c.overrides)) throw new Error(`${where}: "overrides" must be an array.`);
    for (const o of c.overrides) {
      if (!o || typeof o !== "object" || !Array.isArray(o.files)) throw new Error(`${where}: each override needs "files": [globs].`);
      checkType(o.type, where);
      checkRules(o.rules, where);
    }
  }
  return c as Config;
}

function checkType(t: unknown, where: string) {
  if (t !== undefined && t !== "STANDARD" && t !== "EXPRESS") throw new Error(`${where}: "type" must be "STANDARD" or "EXPRESS".`);
}

function checkRules(r: unknown, where: string) {
  if (r === undefined) return;
  if (!r || typeof r !== "object" || Array.isArray(r)) throw new Error(`${where}: "rules" must be an object of rule id to off|info|warn|error.`);
  for (const [id, v] of Object.entries(r)) {
    if (!SETTINGS.has(v as string)) throw new Error(`${where}: rule "${id}" must be off, info, warn or error.`);
  }
}

/** The type and rule settings that apply to one file. */
export function settingsFor(config: Config | undefined, file: string | undefined): { type?: MachineType; rules: Record<string, RuleSetting> } {
  const rules: Record<string, RuleSetting> = { ...(config?.rules ?? {}) };
  let type = config?.type;
  if (config?.overrides && file) {
    const rel = relative(config.base ?? process.cwd(), resolve(file)).split(sep).join("/");
    for (const o of config.overrides) {
      if (o.files.some((g) => globToRegExp(g).test(rel))) {
        if (o.type) type = o.type;
        Object.assign(rules, o.rules ?? {});
      }
    }
  }
  return { type, rules };
}
