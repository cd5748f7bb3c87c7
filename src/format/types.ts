import type { Diagnostic, Result } from "../diagnostic.js";

export interface FileResult {
  /** Path as given or found, with "/" separators. */
  file: string;
  result: Result;
  diagnostics: Diagnostic[];
  /** Source text, for code frames. */
  text?: string;
  /** Extra fields some commands add (e.g. redriveStatus). */
  extra?: Record<string, unknown>;
}

export interface FormatOptions {
  color: boolean;
  /** --format aws: AWS's maxResults and severity. */
  maxResults?: number;
  severity?: "ERROR" | "WARNING";
  version?: string;
  /** Paths the command could not read (reported apart): the stylish summary counts them. */
  unreadable?: number;
}
