import { readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import type { MachineType } from "./rules/types.js";
import type { RuleSetting } from "./report.js";
import { rules, rulesById } from "./rules/index.js";
import { requestRules, requestRulesById } from "./requests/index.js";
import { globToRegExp } from "./glob.js";
import { closest } from "./expr/names.js";
import { UNUSED_SUPPRESSION, type LocationSuppression } from "./suppress.js";

/**
 * The project's configuration, `.aslintrc.json`. One lookup serves the CLI and the language
 * server: each file gets the nearest `.aslintrc.json` in its directory or above, merged over
 * those further up until one says `"root": true` (the nearer file wins key by key).
 *
 * {
 *   "$schema": "./node_modules/aslint/schemas/aslintrc.schema.json",
 *   "root": true,
 *   "extends": "../shared/aslint.json",
 *   "type": "STANDARD",
 *   "rules": { "no-terminal-path": "off" },
 *   "overrides": [{ "files": ["workflows/express/**"], "type": "EXPRESS" }],
 *   "ignores": ["build/**", "**\/*.generated.asl.json"],
 *   "suppressions": [{ "files": "legacy/*.asl.json", "location": "/States/Fetch", "rule": "retry-catch", "reason": "..." }]
 * }
 *
 * Globs are relative to the directory of the file that is looked up (`extends` brings settings,
 * and the globs of an extended file are read relative to the file that extends it).
 */
export interface Config {
  type?: MachineType;
  rules?: Record<string, RuleSetting>;
  overrides?: Override[];
  /** Globs of files never linted, each relative to its `base`. */
  ignores?: Glob[];
  suppressions?: ConfigSuppression[];
  /** Directory the config file sits in (globs without their own base are relative to it). */
  base?: string;
  /** The config files this config was read from: itself, what it extends, the files further up. */
  sources?: string[];
  /** `"root": true`: the lookup stops here. */
  root?: boolean;
}

export interface Override {
  files: string[];
  type?: MachineType;
  rules?: Record<string, RuleSetting>;
  base?: string;
  /** For every file: a nearer config's own "type" and "rules", kept in order after the overrides of the configs farther up, so that they win over those (mergeConfigs). */
  all?: boolean;
}

export interface Glob {
  pattern: string;
  base: string;
}

/** A `"suppressions"` entry, with where it was written (an unused one is reported there). */
export interface ConfigSuppression extends LocationSuppression {
  files: string[];
  reason?: string;
  base: string;
  /** The config file that holds it and the entry's path in it (`["suppressions", 0]`). */
  source: { file: string; path: (string | number)[] };
}

export const CONFIG_FILE = ".aslintrc.json";

/** The keys a config file may have, in the order the schema lists them. */
export const CONFIG_KEYS = ["$schema", "root", "extends", "type", "rules", "overrides", "ignores", "suppressions"] as const;
const OVERRIDE_KEYS = ["files", "type", "rules"];
const SUPPRESSION_KEYS = ["files", "location", "rule", "rules", "reason"];
const SETTINGS = ["off", "info", "warn", "error"];

/** An error in a config file: the message names the file and the key. */
export class ConfigError extends Error {}

/** Every rule id a config (or `--rule`) may set: definition rules, request rules, unused-suppression. */
export function isKnownRule(id: string): boolean {
  return rulesById.has(id) || requestRulesById.has(id) || id === UNUSED_SUPPRESSION.id;
}

function allRuleIds(): string[] {
  return [...rules.map((r) => r.meta.id), ...requestRules.map((r) => r.meta.id), UNUSED_SUPPRESSION.id];
}

/** The nearest `.aslintrc.json` in `startDir` or above (without reading it). */
export function findConfig(startDir: string): string | undefined {
  let dir = resolve(startDir);
  for (;;) {
    const candidate = join(dir, CONFIG_FILE);
    if (isFile(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** How a config file appears in a message: its absolute path, which says which of several it is. */
function shown(path: string): string {
  return path;
}

/** What kind of thing a path is when it is not a regular file, in words. */
export function kindOf(st: { isDirectory(): boolean; isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean }): string {
  if (st.isDirectory()) return "a directory";
  if (st.isFIFO()) return "a FIFO (named pipe)";
  if (st.isCharacterDevice()) return "a character device";
  if (st.isBlockDevice()) return "a block device";
  if (st.isSocket()) return "a socket";
  return "not a regular file";
}

/** Reads a JSON file that must be a regular file (a FIFO in its place would block). */
function readJson(path: string, what: string): unknown {
  let st;
  try {
    st = statSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ConfigError(`Cannot read ${what} "${shown(path)}": ${code === "ENOENT" ? "no such file" : code === "EACCES" || code === "EPERM" ? "permission denied" : (code ?? (e as Error).message)}.`);
  }
  if (!st.isFile()) throw new ConfigError(`Cannot read ${what} "${shown(path)}": not a regular file: ${kindOf(st)}.`);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new ConfigError(`Cannot read ${what} "${shown(path)}": ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    throw new ConfigError(`${shown(path)}: not valid JSON: ${(e as Error).message}.`);
  }
}

/**
 * Reads one config file with what it extends (not the files further up); throws a ConfigError
 * naming the file and the key when something in it is wrong.
 */
export function loadConfig(path: string, chain: readonly string[] = []): Config {
  const abs = resolve(path);
  if (chain.includes(abs)) throw new ConfigError(`${shown(chain[chain.length - 1])}: "extends" makes a loop: ${[...chain, abs].map(shown).join(" -> ")}.`);
  const raw = readJson(abs, chain.length ? "the config it extends," : "config");
  const where = shown(abs);
  const own = validateConfig(raw, where, dirname(abs), abs);
  const c = raw as Record<string, unknown>;
  const extended = c.extends === undefined ? [] : typeof c.extends === "string" ? [c.extends] : (c.extends as string[]);
  let merged: Config = { base: dirname(abs), sources: [] };
  for (const spec of extended) {
    const target = resolveExtends(spec, abs, where);
    const parent = loadConfig(target, [...chain, abs]);
    // an extended file's globs read as the extending file's
    merged = mergeConfigs(merged, rebase(parent, dirname(abs)));
  }
  merged = mergeConfigs(merged, own);
  merged.base = dirname(abs);
  merged.root = own.root;
  merged.sources = [abs, ...(merged.sources ?? []).filter((s) => s !== abs)];
  return merged;
}

function resolveExtends(spec: string, from: string, where: string): string {
  if (spec.startsWith(".") || isAbsolute(spec)) return resolve(dirname(from), spec);
  // a package's file: "my-aslint-config/aslint.json"
  try {
    return createRequire(from).resolve(spec);
  } catch {
    throw new ConfigError(`${where}: "extends": cannot find "${spec}" (a path relative to the config, or a package file such as "my-config/aslint.json").`);
  }
}

function rebase(config: Config, base: string): Config {
  return {
    ...config,
    overrides: config.overrides?.map((o) => ({ ...o, base })),
    ignores: config.ignores?.map((g) => ({ ...g, base })),
    suppressions: config.suppressions?.map((s) => ({ ...s, base })),
  };
}

/**
 * `near` over `far`: type and rules win, lists add up (far's first). Near's own type and rules
 * also win over far's overrides: they follow them in the overrides, as an entry for every file.
 */
export function mergeConfigs(far: Config, near: Config): Config {
  const nearOwn: Override[] = near.rules || near.type ? [{ files: [], all: true, rules: near.rules, type: near.type }] : [];
  return {
    type: near.type ?? far.type,
    rules: { ...(far.rules ?? {}), ...(near.rules ?? {}) },
    overrides: [...(far.overrides ?? []), ...nearOwn, ...(near.overrides ?? [])],
    ignores: [...(far.ignores ?? []), ...(near.ignores ?? [])],
    suppressions: [...(far.suppressions ?? []), ...(near.suppressions ?? [])],
    base: near.base ?? far.base,
    sources: [...(near.sources ?? []), ...(far.sources ?? [])],
    root: near.root,
  };
}

const list = (xs: readonly string[]) => xs.map((x) => JSON.stringify(x)).join(", ");

/**
 * Checks a parsed config; throws a ConfigError naming `where` and the key at fault. Unknown keys,
 * unknown rule ids and bad severities are errors (a typo must not pass for a setting).
 */
export function validateConfig(raw: unknown, where = "config", base = process.cwd(), file = join(base, CONFIG_FILE)): Config {
  const fail = (key: string, message: string): never => {
    throw new ConfigError(`${where}: ${key ? `${key}: ` : ""}${message}`);
  };
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) fail("", "the config must be a JSON object.");
  const c = raw as Record<string, unknown>;
  for (const key of Object.keys(c)) {
    if (!(CONFIG_KEYS as readonly string[]).includes(key)) {
      const guess = closest(key, CONFIG_KEYS);
      fail(JSON.stringify(key), `unknown key${guess ? `; did you mean ${JSON.stringify(guess)}?` : ""} (a config has ${list(CONFIG_KEYS)}).`);
    }
  }
  if (c.root !== undefined && typeof c.root !== "boolean") fail('"root"', "must be true or false.");
  if (c.extends !== undefined && typeof c.extends !== "string" && !(Array.isArray(c.extends) && c.extends.every((e) => typeof e === "string"))) {
    fail('"extends"', "must be a path or a list of paths.");
  }
  const config: Config = { base, root: c.root === true };
  config.type = checkType(c.type, '"type"', fail);
  config.rules = checkRules(c.rules, '"rules"', fail);
  if (c.overrides !== undefined) {
    config.overrides = entries(c.overrides, "overrides", "an override", OVERRIDE_KEYS, fail).map(({ entry, at }) => ({
      files: checkGlobs(entry.files, `${at}."files"`, fail, true),
      type: checkType(entry.type, `${at}."type"`, fail),
      rules: checkRules(entry.rules, `${at}."rules"`, fail),
      base,
    }));
  }
  if (c.ignores !== undefined) config.ignores = checkGlobs(c.ignores, '"ignores"', fail, false).map((pattern) => ({ pattern, base }));
  if (c.suppressions !== undefined) {
    config.suppressions = entries(c.suppressions, "suppressions", "a suppression", SUPPRESSION_KEYS, fail).map(({ entry, at, i }) => {
      if (typeof entry.location !== "string" || !entry.location.startsWith("/")) fail(`${at}."location"`, 'must be a path such as "/States/Fetch/Next" (AWS\'s location) or a JSON pointer.');
      if (entry.rule !== undefined && entry.rules !== undefined) fail(at, 'has both "rule" and "rules"; use one.');
      const ids = entry.rule !== undefined ? [entry.rule] : entry.rules;
      if (!Array.isArray(ids) || ids.length === 0 || !ids.every((r) => typeof r === "string")) fail(`${at}."rule"`, "names the rule to suppress (or \"rules\": a list of them).");
      for (const id of ids as string[]) if (!isKnownRule(id)) fail(`${at}."rule"`, unknownRule(id));
      if (entry.reason !== undefined && typeof entry.reason !== "string") fail(`${at}."reason"`, "must be a string.");
      return {
        files: checkGlobs(entry.files, `${at}."files"`, fail, true),
        location: entry.location as string,
        rules: ids as string[],
        ...(entry.reason !== undefined ? { reason: entry.reason as string } : {}),
        base,
        source: { file, path: ["suppressions", i] },
      };
    });
  }
  return config;
}

/** The objects of a list key (`"overrides"`, `"suppressions"`), each with no key but `keys`. */
function entries(value: unknown, name: string, what: string, keys: readonly string[], fail: Fail): { entry: Record<string, unknown>; at: string; i: number }[] {
  if (!Array.isArray(value)) fail(`"${name}"`, `must be a list of { ${keys.join(", ")} }.`);
  return (value as unknown[]).map((o, i) => {
    const at = `"${name}"[${i}]`;
    if (!o || typeof o !== "object" || Array.isArray(o)) fail(at, `must be an object { ${keys.join(", ")} }.`);
    const entry = o as Record<string, unknown>;
    for (const key of Object.keys(entry)) if (!keys.includes(key)) fail(`${at}.${JSON.stringify(key)}`, `unknown key (${what} has ${list(keys)}).`);
    return { entry, at, i };
  });
}

function unknownRule(id: string): string {
  const guess = closest(id, allRuleIds());
  return `unknown rule ${JSON.stringify(id)}${guess ? `; did you mean ${JSON.stringify(guess)}?` : " (aslint --list-rules lists them)."}`;
}

type Fail = (key: string, message: string) => never;

function checkType(t: unknown, key: string, fail: Fail): MachineType | undefined {
  if (t === undefined) return undefined;
  if (t !== "STANDARD" && t !== "EXPRESS") fail(key, `must be "STANDARD" or "EXPRESS", not ${JSON.stringify(t)}.`);
  return t as MachineType;
}

function checkRules(r: unknown, key: string, fail: Fail): Record<string, RuleSetting> | undefined {
  if (r === undefined) return undefined;
  if (!r || typeof r !== "object" || Array.isArray(r)) fail(key, "must be an object of rule id to off, info, warn or error.");
  for (const [id, v] of Object.entries(r as object)) {
    if (!isKnownRule(id)) fail(`${key}.${JSON.stringify(id)}`, unknownRule(id));
    if (!SETTINGS.includes(v as string)) fail(`${key}.${JSON.stringify(id)}`, `${JSON.stringify(v)} is not a severity: use off, info, warn or error.`);
  }
  return r as Record<string, RuleSetting>;
}

function checkGlobs(g: unknown, key: string, fail: Fail, oneAllowed: boolean): string[] {
  if (oneAllowed && typeof g === "string") return [g];
  if (!Array.isArray(g) || !g.every((x) => typeof x === "string" && x !== "")) fail(key, `must be a list of globs${oneAllowed ? " (or one glob)" : ""}, relative to the config's directory.`);
  return g as string[];
}

const globCache = new Map<string, RegExp>();

/**
 * Does a glob of a config match the file? Globs are relative to `base` (`**` for any depth); a
 * glob that matches a directory covers the files under it (`build`, `build/`, `legacy/**`).
 */
function globMatches(pattern: string, base: string, file: string): boolean {
  const rel = relative(base, resolve(file)).split(sep).join("/");
  if (rel === "" || rel === ".." || rel.startsWith("../") || isAbsolute(rel)) return false;
  let re = globCache.get(pattern);
  if (!re) {
    re = globToRegExp(pattern.replace(/^\.\//, "").replace(/\/+$/, ""));
    globCache.set(pattern, re);
  }
  if (re.test(rel)) return true;
  for (let i = rel.lastIndexOf("/"); i > 0; i = rel.lastIndexOf("/", i - 1)) if (re.test(rel.slice(0, i))) return true;
  return false;
}

/** The type and rule settings that apply to one file. */
export function settingsFor(config: Config | undefined, file: string | undefined): { type?: MachineType; rules: Record<string, RuleSetting> } {
  const rules: Record<string, RuleSetting> = { ...(config?.rules ?? {}) };
  let type = config?.type;
  if (config?.overrides && file) {
    for (const o of config.overrides) {
      if (o.all || o.files.some((g) => globMatches(g, o.base ?? config.base ?? process.cwd(), file))) {
        if (o.type) type = o.type;
        Object.assign(rules, o.rules ?? {});
      }
    }
  }
  return { type, rules };
}

/** Is the file one the config's `"ignores"` leave out? */
export function isIgnored(config: Config | undefined, file: string): boolean {
  return (config?.ignores ?? []).some((g) => globMatches(g.pattern, g.base, file));
}

/** The `"suppressions"` entries whose files match this file. */
export function suppressionsFor(config: Config | undefined, file: string | undefined): ConfigSuppression[] {
  if (!config?.suppressions || !file) return [];
  return config.suppressions.filter((s) => s.files.some((g) => globMatches(g, s.base, file)));
}

/**
 * The one lookup of the CLI and the language server: for a file, the nearest `.aslintrc.json`
 * merged over those above it up to one with `"root": true`; or, when `explicit` is given
 * (`--config FILE`), that file for every file. Files are read once and kept by directory.
 */
export class ConfigLookup {
  private readonly byDir = new Map<string, Config | undefined>();
  private readonly files = new Map<string, Config>();
  private explicitConfig?: Config;

  constructor(private readonly explicit?: string) {}

  /** Forgets what was read (a config file changed). */
  clear(): void {
    this.byDir.clear();
    this.files.clear();
    this.explicitConfig = undefined;
  }

  /** The config for a file (absolute or relative to the working directory); throws a ConfigError. */
  forFile(file: string): Config | undefined {
    return this.forDirectory(dirname(resolve(file)));
  }

  /** The config for files in a directory (standard input: the working directory). */
  forDirectory(dir: string): Config | undefined {
    if (this.explicit !== undefined) return (this.explicitConfig ??= loadConfig(this.explicit));
    const abs = resolve(dir);
    if (this.byDir.has(abs)) return this.byDir.get(abs);
    const own = join(abs, CONFIG_FILE);
    let config: Config | undefined;
    const parent = dirname(abs);
    if (isFile(own)) {
      let c = this.files.get(own);
      if (!c) {
        c = loadConfig(own);
        this.files.set(own, c);
      }
      const above = c.root || parent === abs ? undefined : this.forDirectory(parent);
      config = above ? { ...mergeConfigs(above, c), base: c.base, root: true } : c;
    } else config = parent === abs ? undefined : this.forDirectory(parent);
    this.byDir.set(abs, config);
    return config;
  }
}

/**
 * The JSON Schema of `.aslintrc.json` (schemas/aslintrc.schema.json, shipped in the package so
 * that editors complete and check the file), from the rules' metadata.
 */
export function configSchema(): Record<string, unknown> {
  const all = [...rules.map((r) => r.meta), ...requestRules.map((r) => r.meta), UNUSED_SUPPRESSION];
  const severity = { enum: SETTINGS, description: "off, info (INFO), warn (WARNING) or error (ERROR)." };
  const ruleSettings = {
    type: "object",
    description: "Rule severities by rule id (aslint --list-rules).",
    properties: Object.fromEntries([...all].sort((a, b) => a.id.localeCompare(b.id)).map((m) => [m.id, { ...severity, description: `${m.description} Default: ${m.severity}.` }])),
    additionalProperties: false,
  };
  const type = { enum: ["STANDARD", "EXPRESS"], description: "The workflow type whose limits apply (default STANDARD; *.express.asl.json is EXPRESS)." };
  const globs = (what: string) => ({
    description: `Globs (relative to this file's directory) of the files ${what}.`,
    oneOf: [{ type: "string", minLength: 1 }, { type: "array", items: { type: "string", minLength: 1 } }],
  });
  const ids = all.map((m) => m.id).sort();
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    title: "aslint configuration (.aslintrc.json)",
    type: "object",
    additionalProperties: false,
    properties: {
      $schema: { type: "string" },
      root: { type: "boolean", description: "Stop here: .aslintrc.json files in the directories above are not read." },
      extends: {
        description: "Config files whose settings this one starts from: paths relative to this file, or package files (\"my-config/aslint.json\").",
        oneOf: [{ type: "string" }, { type: "array", items: { type: "string" } }],
      },
      type,
      rules: ruleSettings,
      overrides: {
        type: "array",
        description: "Settings for some files; later entries win.",
        items: {
          type: "object",
          additionalProperties: false,
          required: ["files"],
          properties: { files: globs("this override applies to"), type, rules: ruleSettings },
        },
      },
      ignores: { type: "array", description: "Globs (relative to this file's directory) of files never linted.", items: { type: "string", minLength: 1 } },
      suppressions: {
        type: "array",
        description: "Findings to live with, by file, location and rule; one that suppresses nothing is reported (unused-suppression).",
        items: {
          type: "object",
          additionalProperties: false,
          required: ["files", "location"],
          oneOf: [{ required: ["rule"] }, { required: ["rules"] }],
          properties: {
            files: globs("this suppression applies to"),
            location: { type: "string", pattern: "^/", description: 'AWS\'s location ("/States/Fetch/Next", "/States/Check/Choices[0]") or a JSON pointer; it covers everything under it.' },
            rule: { enum: ids, description: "The rule to suppress." },
            rules: { type: "array", minItems: 1, items: { enum: ids }, description: "The rules to suppress." },
            reason: { type: "string", description: "Why the finding is accepted." },
          },
        },
      },
    },
  };
}
