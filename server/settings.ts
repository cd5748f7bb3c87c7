/**
 * Settings: from the editor (`initializationOptions`, `workspace/didChangeConfiguration`
 * or `workspace/configuration`, section "aslint") and from the project's `.aslintrc.json`,
 * found by the CLI's own lookup (src/config.ts: the nearest one above the file, merged over
 * those further up to "root": true). Editor settings win over the project file, as
 * command-line flags do in the CLI.
 */
import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  type Connection,
  type TextDocuments,
} from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { ConfigLookup, isIgnored, settingsFor, suppressionsFor, type Config } from "../src/config.js";
import type { LintOptions, RuleSetting } from "../src/lint.js";
import type { MachineType } from "../src/rules/types.js";
import { rulesById } from "../src/rules/index.js";
import { filenameFor, uriPath } from "./analysis.js";
import { inputExamples } from "../src/cli/input-examples.js";
import type { ClientSupport } from "./client.js";

export interface EditorSettings {
  /** STANDARD or EXPRESS for every document (else the project file, else the file name). */
  type?: MachineType;
  /** Rule severities by id: off, info, warn, error. */
  rules: Record<string, RuleSetting>;
  /** Milliseconds between the last change and the lint (default 150). */
  debounce: number;
  /** Read `.aslintrc.json` (default true). */
  configFile: boolean;
}

export const DEFAULT_SETTINGS: EditorSettings = { rules: {}, debounce: 150, configFile: true };

const SEVERITY_WORDS: Record<string, RuleSetting> = Object.assign(Object.create(null), {
  off: "off",
  none: "off",
  info: "info",
  information: "info",
  hint: "info",
  warn: "warn",
  warning: "warn",
  error: "error",
});

/**
 * Reads editor settings leniently: unknown rules and bad values are reported through
 * `warn` and skipped, so one typo does not turn the server off. Accepts the "aslint"
 * section itself or an object holding it.
 */
export function parseSettings(raw: unknown, base: EditorSettings, warn: (message: string) => void): EditorSettings {
  if (!raw || typeof raw !== "object") return base;
  let s = raw as Record<string, unknown>;
  if (s.aslint && typeof s.aslint === "object") s = s.aslint as Record<string, unknown>;
  const out: EditorSettings = { ...base, rules: { ...base.rules } };
  if (s.type !== undefined && s.type !== null && s.type !== "") {
    const t = String(s.type).toUpperCase();
    if (t === "STANDARD" || t === "EXPRESS") out.type = t;
    else warn(`aslint: setting "type" must be STANDARD or EXPRESS, not ${JSON.stringify(s.type)}.`);
  }
  if (s.rules && typeof s.rules === "object") {
    out.rules = {};
    for (const [id, v] of Object.entries(s.rules as Record<string, unknown>)) {
      const setting = SEVERITY_WORDS[String(v).toLowerCase()];
      if (!rulesById.has(id)) warn(`aslint: unknown rule "${id}" in settings.`);
      else if (!setting) warn(`aslint: rule "${id}" must be off, info, warn or error, not ${JSON.stringify(v)}.`);
      else out.rules[id] = setting;
    }
  }
  if (s.debounce !== undefined) {
    const n = Number(s.debounce);
    if (Number.isFinite(n) && n >= 0 && n <= 10_000) out.debounce = n;
    else warn(`aslint: setting "debounce" must be a number of milliseconds from 0 to 10000.`);
  }
  if (typeof s.configFile === "boolean") out.configFile = s.configFile;
  return out;
}

/** The project configs of files, through the CLI's lookup; a broken config is reported once and left out. */
export class ProjectConfigs {
  private readonly lookup = new ConfigLookup();
  private readonly reported = new Set<string>();

  constructor(private readonly warn: (message: string) => void) {}

  clear(): void {
    this.lookup.clear();
    this.reported.clear();
  }

  /** The config that applies to the file (undefined when there is none or it is broken). */
  configFor(file: string): Config | undefined {
    try {
      return this.lookup.forFile(file);
    } catch (e) {
      const message = (e as Error).message;
      if (!this.reported.has(message)) {
        this.reported.add(message);
        this.warn(`aslint: ${message} The file is ignored until it is fixed.`);
      }
      return undefined;
    }
  }

  /** The type and rules the project file gives this file (empty when there is none or it is broken). */
  settingsFor(file: string): { type?: MachineType; rules: Record<string, RuleSetting> } {
    return settingsFor(this.configFor(file), file);
  }
}

/**
 * The input examples of definition files (src/cli/input-examples.ts), read once per definition
 * and kept until an example or a project file changes (not read again at every keystroke); a
 * broken example is reported once per reading, not at every lint.
 */
export class InputExamples {
  private readonly byDefinition = new Map<string, readonly unknown[] | undefined>();
  private readonly reported = new Set<string>();

  constructor(private readonly warn: (message: string) => void) {}

  clear(): void {
    this.byDefinition.clear();
    this.reported.clear();
  }

  /** The examples of the definition file at `path` (undefined when it has none). */
  of(path: string): readonly unknown[] | undefined {
    if (!this.byDefinition.has(path)) {
      this.byDefinition.set(
        path,
        inputExamples(path, (m) => {
          const message = m.trim();
          if (this.reported.has(message)) return;
          this.reported.add(message);
          this.warn(message);
        }),
      );
    }
    return this.byDefinition.get(path);
  }
}

/** Is this file an input example (`<name>.input.json`)? Its definition is linted with it. */
export function isInputExample(uriOrPath: string): boolean {
  return /\.input\.json$/i.test(uriOrPath.replace(/[?#].*$/, ""));
}

/** The settings in force: the editor's over the project file's. */
export class Settings {
  /** From `initializationOptions`: what later editor settings start from. */
  private initial: EditorSettings = DEFAULT_SETTINGS;
  private current: EditorSettings = DEFAULT_SETTINGS;
  private readonly projects: ProjectConfigs;
  private readonly examples: InputExamples;

  constructor(private readonly warn: (message: string) => void) {
    this.projects = new ProjectConfigs(warn);
    this.examples = new InputExamples(warn);
  }

  get editor(): EditorSettings {
    return this.current;
  }

  initialize(initializationOptions: unknown): void {
    this.initial = parseSettings(initializationOptions, DEFAULT_SETTINGS, this.warn);
    this.current = this.initial;
  }

  /** Settings the editor sent or answered (the "aslint" section). */
  update(section: unknown): void {
    this.current = parseSettings(section, this.initial, this.warn);
  }

  /** A `.aslintrc.json` changed: every project file (and input example) is read again when next needed. */
  projectFilesChanged(): void {
    this.projects.clear();
    this.examples.clear();
  }

  /** An input example changed: the examples are read again when next needed. */
  inputExamplesChanged(): void {
    this.examples.clear();
  }

  /** What the engine is told for this document (the project's suppressions included). */
  lintOptions(doc: TextDocument): LintOptions {
    const filename = filenameFor(doc.uri, doc.languageId);
    const path = doc.uri.startsWith("file:") ? uriPath(doc.uri) : undefined;
    const config = this.current.configFile && path ? this.projects.configFor(path) : undefined;
    const project = settingsFor(config, path);
    const suppressions = suppressionsFor(config, path);
    return { filename, type: this.current.type ?? project.type, rules: { ...project.rules, ...this.current.rules }, inputs: path ? this.examples.of(path) : undefined, suppressions };
  }

  /** Does the project's `"ignores"` leave this document out (then it gets no diagnostics, as in the CLI)? */
  ignores(doc: TextDocument): boolean {
    const path = doc.uri.startsWith("file:") ? uriPath(doc.uri) : undefined;
    return this.current.configFile && path !== undefined && isIgnored(this.projects.configFor(path), path);
  }
}

/** Problems with settings: in the log each time, shown to the user once per message. */
export function settingsWarnings(connection: Connection): (message: string) => void {
  const shown = new Set<string>();
  return (message) => {
    connection.console.warn(message);
    if (!shown.has(message)) {
      shown.add(message);
      void connection.window.showWarningMessage(message);
    }
  };
}

/**
 * Keeps `settings` up to date: registers for changes where the client wants that, pulls the
 * "aslint" section where it can, and re-reads `.aslintrc.json` files when one changes or is
 * saved. `relintAll` runs after every change.
 */
export function registerSettings(
  connection: Connection,
  settings: Settings,
  documents: TextDocuments<TextDocument>,
  client: () => ClientSupport,
  relintAll: () => void,
): void {
  /** Asks the client for the "aslint" section; true when it answered with settings. */
  async function pull(): Promise<boolean> {
    try {
      const pulled = await connection.workspace.getConfiguration("aslint");
      if (pulled && typeof pulled === "object" && Object.keys(pulled).length > 0) {
        settings.update(pulled);
        return true;
      }
    } catch {
      // the client does not answer workspace/configuration: keep what we have
    }
    return false;
  }

  connection.onInitialized(async () => {
    if (client().dynamicConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: "aslint" }).catch(() => undefined);
    }
    if (client().dynamicWatchers) {
      void connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: "**/.aslintrc.json" }, { globPattern: "**/*.input.json" }] })
        .catch(() => undefined);
    }
    // documents opened before the answer came are linted again with the pulled settings
    if (client().configurationPull && (await pull())) relintAll();
  });

  connection.onDidChangeConfiguration(async (params) => {
    const raw = params.settings as Record<string, unknown> | null | undefined;
    if (raw && typeof raw === "object" && raw.aslint && typeof raw.aslint === "object") settings.update(raw.aslint);
    else if (client().configurationPull) await pull();
    relintAll();
  });

  const projectFileChanged = () => {
    settings.projectFilesChanged();
    relintAll();
  };
  const examplesChanged = () => {
    settings.inputExamplesChanged();
    relintAll();
  };
  connection.onDidChangeWatchedFiles((params) => {
    if (params.changes.some((c) => c.uri.endsWith("/.aslintrc.json") || c.uri.endsWith("\\.aslintrc.json"))) projectFileChanged();
    else if (params.changes.some((c) => isInputExample(c.uri))) examplesChanged();
  });
  documents.onDidSave(({ document }) => {
    const path = uriPath(document.uri) ?? "";
    if (/[\\/]\.aslintrc\.json$/.test(path)) projectFileChanged();
    else if (isInputExample(path)) examplesChanged();
  });
}
