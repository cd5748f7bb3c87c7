/**
 * No function over 100 lines without a reason: every function, method, accessor, constructor and
 * arrow function of src/ and server/ whose body spans more than MAX_BODY_LINES lines (from the
 * line of its opening brace to the line of its closing one, both counted) must have a comment
 * right above it that says why, after the marker `Long because:`. Long functions are usually
 * several jobs in one; the marker is for the few that are one job on purpose (a hot path kept
 * whole after a measurement, a state machine over one loop).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = join(__dirname, "..");

export const MAX_BODY_LINES = 100;
export const MARKER = "Long because:";

export interface LongFunction {
  file: string;
  /** 1-based line of the function's start. */
  line: number;
  name: string;
  /** Lines of the body, braces included. */
  lines: number;
  /** The text after the marker in the comment above, if any. */
  reason?: string;
}

function nameOf(fn: ts.SignatureDeclaration, sf: ts.SourceFile): string {
  if (fn.name) return fn.name.getText(sf);
  const p = fn.parent;
  if ((ts.isVariableDeclaration(p) || ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p)) && p.initializer === fn) return p.name.getText(sf);
  if (ts.isConstructorDeclaration(fn)) return "constructor";
  return "(anonymous)";
}

/**
 * The node whose leading comments are "the comment right above" a function: the function itself,
 * or the declaration, property, statement or export that it begins (`const f = () => {...}`,
 * `export default function`, `{ key: () => {...} }`).
 */
function anchorOf(fn: ts.Node): ts.Node {
  let n = fn;
  for (;;) {
    const p = n.parent;
    if (!p || ts.isSourceFile(p) || ts.isBlock(p)) return n;
    const wraps =
      ts.isVariableDeclaration(p) ||
      ts.isVariableDeclarationList(p) ||
      ts.isVariableStatement(p) ||
      ts.isPropertyAssignment(p) ||
      ts.isPropertyDeclaration(p) ||
      ts.isExportAssignment(p) ||
      ts.isParenthesizedExpression(p) ||
      ts.isAsExpression(p) ||
      ts.isSatisfiesExpression(p);
    if (!wraps) return n;
    n = p;
  }
}

/** The reason written above a function after the marker, or undefined when there is none (or it is empty). */
function reasonAbove(fn: ts.Node, sf: ts.SourceFile): string | undefined {
  const text = sf.getFullText();
  const anchor = anchorOf(fn);
  const comments = ts.getLeadingCommentRanges(text, anchor.getFullStart()) ?? [];
  for (const c of comments) {
    const comment = text.slice(c.pos, c.end);
    const at = comment.indexOf(MARKER);
    if (at < 0) continue;
    const reason = comment
      .slice(at + MARKER.length)
      .replace(/\*\/\s*$/, "")
      .replace(/^\s*(\/\/|\*)/gm, "")
      .replace(/\s+/g, " ")
      .trim();
    if (reason) return reason;
  }
  return undefined;
}

/** The functions of a source text whose body spans more than `max` lines, with the reason written above each. */
export function longFunctions(file: string, text: string, max = MAX_BODY_LINES): LongFunction[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out: LongFunction[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && "body" in node && node.body) {
      const body = node.body as ts.Node;
      const first = sf.getLineAndCharacterOfPosition(body.getStart(sf)).line;
      const last = sf.getLineAndCharacterOfPosition(body.getEnd()).line;
      const lines = last - first + 1;
      if (lines > max) {
        const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
        out.push({ file, line, name: nameOf(node, sf), lines, reason: reasonAbove(node, sf) });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(root, dir))) {
    const rel = `${dir}/${name}`;
    if (statSync(join(root, rel)).isDirectory()) out.push(...sourceFiles(rel));
    else if (/\.ts$/.test(name) && !name.endsWith(".d.ts")) out.push(rel);
  }
  return out;
}

const show = (f: LongFunction) => `${f.file}:${f.line} ${f.name} (${f.lines} lines)`;

describe("function length", () => {
  it(`no function of src/ or server/ spans more than ${MAX_BODY_LINES} lines without "${MARKER}" above it`, () => {
    const files = [...sourceFiles("src"), ...sourceFiles("server")];
    expect(files.length).toBeGreaterThan(100);
    const long = files.flatMap((f) => longFunctions(f, readFileSync(join(root, f), "utf8")));
    expect(long.filter((f) => f.reason === undefined).map(show)).toEqual([]);
  });

  it("the check catches what it is for", () => {
    const body = (n: number) => Array.from({ length: n - 2 }, (_, i) => `  x += ${i};`).join("\n");
    const fn = (head: string, n: number) => `${head} {\n${body(n)}\n}`;
    const source = [
      fn("function fits(x: number)", 100),
      fn("function tooLong(x: number)", 101),
      `/**\n * Does one thing.\n * Long because: one loop over the characters, measured (bench, scaling).\n */\n${fn("function explained(x: number)", 150)}`,
      `// Long because:\n${fn("function emptyReason(x: number)", 101)}`,
      `// Long because: a reason\n\n// another comment between\n${fn("function reasonFurtherUp(x: number)", 101)}`,
      `export const arrow = (x: number) =>${fn("", 120).slice(0)};`,
      `// Long because: a table of cases\nexport const explainedArrow = (x: number) =>${fn("", 120)};`,
      `class C {\n  /** Long because: one state machine */\n  ${fn("method(x: number)", 130)}\n  ${fn("other(x: number)", 101)}\n}`,
      `const table = {\n  ${fn("entry(x: number)", 101)},\n  // Long because: the whole grammar\n  rule: function (x: number) ${fn("", 101)},\n};`,
      // the inner function is measured on its own; the outer one too, with the inner inside it
      `function outer() {\n  // Long because: nested on purpose\n  ${fn("function inner(x: number)", 102)}\n}`,
    ].join("\n\n");
    const found = longFunctions("example.ts", source).map((f) => `${f.name} ${f.lines}${f.reason ? ` (${f.reason})` : ""}`);
    expect(found).toEqual([
      "tooLong 101",
      "explained 150 (one loop over the characters, measured (bench, scaling).)",
      "emptyReason 101",
      "reasonFurtherUp 101 (a reason)",
      "arrow 120",
      "explainedArrow 120 (a table of cases)",
      "method 130 (one state machine)",
      "other 101",
      "entry 101",
      "rule 101 (the whole grammar)",
      "outer 105",
      "inner 102 (nested on purpose)",
    ]);
  });
});
