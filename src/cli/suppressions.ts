/**
 * The bulk suppressions file, for adopting aslint in a repository that already has findings
 * (after ESLint's bulk suppressions): `aslint --suppress-all` records every ERROR and WARNING of
 * the files it lints in `aslint-suppressions.json`; later runs leave those out and report only
 * new findings; `--prune-suppressions` drops the entries that no longer occur.
 *
 * Entries are keyed by file (relative to the suppressions file's directory), rule and location
 * (AWS's slash path, `/States/Fetch/Next`), with a count: editing another state, or moving a
 * state within the file, does not touch them. When a location has more findings of a rule than
 * its count, all of them are reported, as ESLint does.
 *
 * {
 *   "version": 1,
 *   "files": { "workflows/order.asl.json": { "retry-catch": { "/States/Charge/Retry[0]/ErrorEquals[0]": 1 } } }
 * }
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, relative, resolve, sep } from "node:path";
import { compareDiagnostics, type Diagnostic } from "../diagnostic.js";
import { parseDocumentText, prop, type Node } from "../parse/index.js";
import { unusedAt } from "../suppress.js";
import { severityUnder, type RuleSetting } from "../report.js";
import type { ConfigSuppression } from "../config.js";
import type { FileResult } from "../format/index.js";
import { displayPath } from "./files.js";

export const SUPPRESSIONS_FILE = "aslint-suppressions.json";

type Counts = Map<string, Map<string, number>>; // rule -> location -> count

export class BulkSuppressions {
  /** file key -> rule -> location -> count */
  readonly files = new Map<string, Counts>();
  /** The text the file had when read (to locate unused entries), if it existed. */
  private text?: string;
  /** Counts used by this run, same keys. */
  private readonly used = new Map<string, Map<string, Map<string, number>>>();
  /** Files linted in this run. */
  private readonly linted = new Set<string>();

  constructor(readonly path: string) {}

  /** Reads the file if it exists; throws an Error naming the file (relative to `cwd`, the run's directory) and what is wrong. */
  static read(path: string, cwd: string): BulkSuppressions {
    const bulk = new BulkSuppressions(path);
    if (!existsSync(path)) return bulk;
    const where = displayPath(relative(cwd, path) || path);
    let data: unknown;
    try {
      bulk.text = readFileSync(path, "utf8");
      data = JSON.parse(bulk.text);
    } catch (e) {
      throw new Error(`Cannot read the suppressions file "${where}": ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.`);
    }
    const bad = (what: string): never => {
      throw new Error(`${where}: ${what} (expected {"version": 1, "files": {FILE: {RULE: {LOCATION: COUNT}}}}; aslint --suppress-all writes it).`);
    };
    if (!data || typeof data !== "object" || Array.isArray(data)) bad("not a JSON object");
    const d = data as Record<string, unknown>;
    if (d.version !== 1) bad(`"version" must be 1`);
    if (!d.files || typeof d.files !== "object" || Array.isArray(d.files)) bad(`"files" must be an object`);
    for (const [file, rules] of Object.entries(d.files as object)) {
      if (!rules || typeof rules !== "object" || Array.isArray(rules)) bad(`"files".${JSON.stringify(file)} must be an object of rules`);
      const counts: Counts = new Map();
      for (const [rule, locations] of Object.entries(rules as object)) {
        if (!locations || typeof locations !== "object" || Array.isArray(locations)) bad(`${JSON.stringify(file)}.${JSON.stringify(rule)} must be an object of locations`);
        const byLocation = new Map<string, number>();
        for (const [location, count] of Object.entries(locations as object)) {
          if (!Number.isInteger(count) || (count as number) < 1) bad(`${JSON.stringify(file)}.${JSON.stringify(rule)}.${JSON.stringify(location)} must be a count (a whole number from 1)`);
          byLocation.set(location, count as number);
        }
        counts.set(rule, byLocation);
      }
      bulk.files.set(file, counts);
    }
    return bulk;
  }

  /** The key of a file: its path relative to the suppressions file's directory, with "/". */
  keyOf(file: string): string {
    return relative(dirname(resolve(this.path)), resolve(file)).split(sep).join("/");
  }

  /**
   * Records the file's ERROR and WARNING findings (of `only` rules, else of every rule) in place
   * of what the file had for them.
   */
  record(file: string, diagnostics: readonly Diagnostic[], only?: ReadonlySet<string>): void {
    const key = this.keyOf(file);
    const counts: Counts = new Map();
    const old = this.files.get(key);
    if (old && only) for (const [rule, locations] of old) if (!only.has(rule)) counts.set(rule, new Map(locations));
    for (const d of diagnostics) {
      if (d.severity === "INFO" || (only && !only.has(d.rule))) continue;
      const locations = counts.get(d.rule) ?? new Map<string, number>();
      counts.set(d.rule, locations);
      locations.set(d.location, (locations.get(d.location) ?? 0) + 1);
    }
    if (counts.size) this.files.set(key, counts);
    else this.files.delete(key);
  }

  /**
   * Leaves out the findings the file has entries for: all of a rule's findings at a location
   * when they are no more than its count, none when they are more (then each is reported).
   */
  apply(file: string, diagnostics: Diagnostic[]): { kept: Diagnostic[]; suppressed: Diagnostic[] } {
    const key = this.keyOf(file);
    this.linted.add(key);
    const counts = this.files.get(key);
    if (!counts) return { kept: diagnostics, suppressed: [] };
    const found = new Map<string, Diagnostic[]>();
    for (const d of diagnostics) {
      if (d.severity === "INFO" || !counts.get(d.rule)?.has(d.location)) continue;
      const k = `${d.rule}\u0000${d.location}`;
      found.set(k, [...(found.get(k) ?? []), d]);
    }
    const suppressed = new Set<Diagnostic>();
    const used = this.used.get(key) ?? new Map<string, Map<string, number>>();
    this.used.set(key, used);
    for (const list of found.values()) {
      const { rule, location } = list[0];
      if (list.length > counts.get(rule)!.get(location)!) continue;
      for (const d of list) suppressed.add(d);
      const u = used.get(rule) ?? new Map<string, number>();
      used.set(rule, u);
      u.set(location, list.length);
    }
    return { kept: diagnostics.filter((d) => !suppressed.has(d)), suppressed: [...suppressed] };
  }

  /** Entries that suppressed less than their count: of files linted in this run, or of files that are gone. */
  unused(): { file: string; rule: string; location: string; count: number; left: number }[] {
    const out: { file: string; rule: string; location: string; count: number; left: number }[] = [];
    const base = dirname(resolve(this.path));
    for (const [file, counts] of this.files) {
      const gone = !this.linted.has(file) && !existsSync(resolve(base, file));
      if (!this.linted.has(file) && !gone) continue;
      for (const [rule, locations] of counts) {
        for (const [location, count] of locations) {
          const used = this.used.get(file)?.get(rule)?.get(location) ?? 0;
          if (used < count) out.push({ file, rule, location, count, left: count - used });
        }
      }
    }
    return out;
  }

  /** Lowers the counts of unused entries, and drops the empty ones. */
  prune(): number {
    let dropped = 0;
    for (const u of this.unused()) {
      const locations = this.files.get(u.file)!.get(u.rule)!;
      dropped += u.left;
      if (u.count - u.left > 0) locations.set(u.location, u.count - u.left);
      else locations.delete(u.location);
      if (locations.size === 0) this.files.get(u.file)!.delete(u.rule);
      if (this.files.get(u.file)!.size === 0) this.files.delete(u.file);
    }
    return dropped;
  }

  /** The file's text: keys sorted, so that it diffs well in review. */
  serialize(): string {
    const sorted = <T>(m: Map<string, T>) => [...m.keys()].sort().map((k) => [k, m.get(k)!] as const);
    // Object.fromEntries makes own members, whatever the key (a file named "__proto__" included)
    const files = Object.fromEntries(sorted(this.files).map(([file, counts]) => [file, Object.fromEntries(sorted(counts).map(([rule, locations]) => [rule, Object.fromEntries(sorted(locations))]))]));
    return JSON.stringify({ version: 1, files }, null, 2) + "\n";
  }

  write(): void {
    mkdirSync(dirname(resolve(this.path)), { recursive: true });
    const text = this.serialize();
    writeFileSync(this.path, text);
    this.text = text;
  }

  /** The unused entries as findings in the suppressions file (a result of their own). */
  unusedResult(display: string, severity: Diagnostic["severity"] | undefined): FileResult | undefined {
    const unused = this.unused();
    if (unused.length === 0 || !severity) return undefined;
    const text = this.text ?? this.serialize();
    const doc = parseDocumentText(text, "suppressions.json");
    const diagnostics = unused.map((u) => {
      const at = nodeAtPath(doc.root, ["files", u.file, u.rule, u.location], true);
      const why = this.linted.has(u.file) ? `${u.left === u.count ? "no" : `only ${u.count - u.left} of ${u.count}`} ${JSON.stringify(u.rule)} finding${u.count === 1 ? "" : "s"} at ${u.location} in ${u.file} any more` : `${u.file} is gone`;
      return unusedAt(doc.lines, at?.offset ?? 0, at?.length ?? 0, `/files/${u.file}`, `Suppressed, but ${why}. Run aslint --prune-suppressions to drop it.`, severity);
    });
    return { file: display, result: diagnostics.some((d) => d.severity === "ERROR") ? "FAIL" : "OK", diagnostics, text };
  }
}

/**
 * The node at a path of keys and indexes in a parsed JSON document (`key`: the member's key
 * instead of its value), for findings about a config or suppressions file.
 */
export function nodeAtPath(root: Node | undefined, path: readonly (string | number)[], key = false): { offset: number; length: number } | undefined {
  let node = root;
  let last: { offset: number; length: number } | undefined;
  for (const step of path) {
    if (!node) return undefined;
    if (typeof step === "number") {
      node = node.items?.[step];
      last = node;
    } else {
      const p = prop(node, step);
      if (!p) return undefined;
      node = p;
      last = key ? { offset: p.keyOffset, length: p.keyLength } : p;
    }
  }
  return last;
}

/**
 * The `"suppressions"` entries of config files that applied to a linted file and silenced
 * nothing, as findings in those config files (one result a file). `entries` maps each entry
 * that applied to the rule settings of a file it applied to.
 */
export function unusedConfigResults(entries: ReadonlyMap<ConfigSuppression, { rules: Record<string, RuleSetting>; used: boolean }>, cwd: string): FileResult[] {
  const byFile = new Map<string, { entry: ConfigSuppression; rules: Record<string, RuleSetting> }[]>();
  for (const [entry, { rules, used }] of entries) {
    if (used) continue;
    byFile.set(entry.source.file, [...(byFile.get(entry.source.file) ?? []), { entry, rules }]);
  }
  const out: FileResult[] = [];
  for (const [file, unused] of byFile) {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch {
      text = "";
    }
    const doc = parseDocumentText(text, "config.json");
    const diagnostics: Diagnostic[] = [];
    for (const { entry, rules } of unused) {
      const severity = severityUnder(rules["unused-suppression"], "WARNING");
      if (!severity) continue;
      const at = nodeAtPath(doc.root, entry.source.path);
      const what = entry.rules?.length ? entry.rules.map((r) => JSON.stringify(r)).join(", ") : "finding";
      const where = `/${entry.source.path.map((p) => (typeof p === "number" ? `[${p}]` : p)).join("/").replace(/\/\[/g, "[")}`;
      diagnostics.push(unusedAt(doc.lines, at?.offset ?? 0, at?.length ?? 0, where, `Nothing to suppress: no ${what} at ${entry.location} in the files this entry names. Remove the entry.`, severity));
    }
    if (diagnostics.length) out.push({ file: displayPath(relative(cwd, file) || file), result: diagnostics.some((d) => d.severity === "ERROR") ? "FAIL" : "OK", diagnostics, text });
  }
  return out;
}

/** How one run suppresses findings, file by file (`aslint [paths]` and `aslint graph`). */
export interface FileSuppression {
  /** The file's own suppressions (its comments, its config's "suppressions") over all its findings: what is kept, with findings about the comments themselves. */
  apply(file: string, text: string, all: Diagnostic[]): Diagnostic[];
  /** The file's path, or undefined for standard input (no suppressions file entry). */
  pathOf(file: string): string | undefined;
  bulk: BulkSuppressions;
  /** Called with everything a file still reports before the suppressions file applies (--suppress-all records it). */
  record?(path: string, everything: Diagnostic[]): void;
}

/**
 * The findings each result keeps after the suppressions, in the order of `results`. A file may
 * have results from several definitions (a template's machines): its suppressions see them all,
 * and findings about the comments go with the file's first result.
 */
export function suppressByFile(results: readonly FileResult[], s: FileSuppression): Diagnostic[][] {
  const byFile = new Map<string, number[]>();
  results.forEach((r, i) => byFile.set(r.file, [...(byFile.get(r.file) ?? []), i]));
  const out: Diagnostic[][] = results.map(() => []);
  for (const [file, group] of byFile) {
    const all = group.flatMap((i) => results[i].diagnostics);
    const kept = new Set(s.apply(file, results[group[0]].text ?? "", all));
    const added = [...kept].filter((d) => !all.includes(d));
    group.forEach((i, n) => {
      const own = results[i].diagnostics.filter((d) => kept.has(d));
      out[i] = n === 0 && added.length ? [...own, ...added].sort(compareDiagnostics) : own;
    });
    const path = s.pathOf(file);
    if (path) {
      const everything = group.flatMap((i) => out[i]);
      s.record?.(path, everything);
      const left = new Set(s.bulk.apply(path, everything).kept);
      for (const i of group) out[i] = out[i].filter((d) => left.has(d));
    }
  }
  return out;
}
