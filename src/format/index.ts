import { formatStylish } from "./stylish.js";
import { formatJson } from "./json.js";
import { formatAws } from "./aws.js";
import { formatSarif } from "./sarif.js";
import { formatGithub } from "./github.js";
import { formatHtml } from "./html.js";
import type { FileResult, FormatOptions } from "./types.js";

export type { FileResult, FormatOptions } from "./types.js";

export const FORMATS = {
  stylish: formatStylish,
  json: formatJson,
  aws: formatAws,
  sarif: formatSarif,
  github: formatGithub,
  // lays out pictures: the layout engine loads asynchronously
  html: formatHtml,
} as const satisfies Record<string, (results: FileResult[], options: FormatOptions) => string | Promise<string>>;

export type FormatName = keyof typeof FORMATS;

export function isFormatName(s: string): s is FormatName {
  return Object.prototype.hasOwnProperty.call(FORMATS, s);
}
