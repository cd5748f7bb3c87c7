import type { AwsDiagnostic, Diagnostic, Result } from "../diagnostic.js";
import type { DefinitionSource } from "../sources/index.js";

export interface FileResult {
  /** Path as given or found, with "/" separators. */
  file: string;
  result: Result;
  diagnostics: Diagnostic[];
  /** Findings only AWS reports (LintResult.awsOnly), for `--format aws`. */
  awsOnly?: AwsDiagnostic[];
  /** Source text, for code frames. */
  text?: string;
  /** Extra fields some commands add (e.g. redriveStatus). */
  extra?: Record<string, unknown>;
  /** The template's state machine these diagnostics are of (the HTML report draws it); not for a standalone definition. */
  source?: DefinitionSource;
}

export interface FormatOptions {
  color: boolean;
  /** --format aws: AWS's maxResults and severity. */
  maxResults?: number;
  severity?: "ERROR" | "WARNING";
  version?: string;
  /** Paths the command could not read (reported apart): the stylish summary counts them. */
  unreadable?: number;
  /** The working directory file paths are relative to (SARIF makes them repository-relative). */
  cwd?: string;
  /** The repository's root (SARIF's %SRCROOT%): the working directory when not given. */
  sourceRoot?: string;
}
