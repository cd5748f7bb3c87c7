/**
 * Minimal glob matching for file arguments and ignore files: `*`, `**`, `?`, `[...]`,
 * `{a,b}`. Patterns are turned into linear regular expressions (no nested quantifiers).
 */
export function globToRegExp(pattern: string, { anchored = true }: { anchored?: boolean } = {}): RegExp {
  let re = "";
  let i = 0;
  let braces = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === "*") {
      if (pattern[i + 1] === "*") {
        const slashAfter = pattern[i + 2] === "/";
        re += slashAfter ? "(?:[^/]*/)*" : ".*";
        i += slashAfter ? 3 : 2;
        continue;
      }
      re += "[^/]*";
    } else if (c === "?") re += "[^/]";
    else if (c === "[") {
      const end = pattern.indexOf("]", i + 1);
      if (end < 0) re += "\\[";
      else {
        let body = pattern.slice(i + 1, end).replace(/\\/g, "\\\\");
        if (body.startsWith("!")) body = "^" + body.slice(1);
        re += `[${body}]`;
        i = end;
      }
    } else if (c === "{") {
      braces++;
      re += "(?:";
    } else if (c === "}" && braces > 0) {
      braces--;
      re += ")";
    } else if (c === "," && braces > 0) re += "|";
    else if ("\\^$.|+()".includes(c)) re += "\\" + c;
    else re += c;
    i++;
  }
  return new RegExp(anchored ? `^${re}$` : re);
}

export function hasGlobChars(s: string): boolean {
  return /[*?[{]/.test(s);
}

interface IgnoreRule {
  re: RegExp;
  negate: boolean;
  dirOnly: boolean;
}

/** The rules of one .gitignore file, relative to the directory that holds it. */
export class IgnoreFile {
  private readonly rules: IgnoreRule[] = [];
  constructor(text: string) {
    for (let line of text.split(/\r?\n/)) {
      if (!line || line.startsWith("#")) continue;
      line = line.replace(/(?<!\\)\s+$/, "");
      let negate = false;
      if (line.startsWith("!")) {
        negate = true;
        line = line.slice(1);
      }
      const dirOnly = line.endsWith("/");
      if (dirOnly) line = line.slice(0, -1);
      const anchored = line.includes("/");
      if (line.startsWith("/")) line = line.slice(1);
      const body = globToRegExp(line).source.slice(1, -1);
      const re = new RegExp(anchored ? `^${body}(?:/.*)?$` : `(?:^|/)${body}(?:/.*)?$`);
      this.rules.push({ re, negate, dirOnly });
    }
  }

  /** undefined: no rule speaks about this path; true: ignored; false: re-included. */
  match(relativePath: string, isDir: boolean): boolean | undefined {
    let result: boolean | undefined;
    for (const r of this.rules) {
      if (r.dirOnly && !isDir && r.re.test(relativePath) && !relativePath.includes("/")) continue;
      if (r.re.test(relativePath)) result = !r.negate;
    }
    return result;
  }
}
