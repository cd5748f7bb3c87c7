import type * as JsoncParser from "jsonc-parser";
import { asMember, makeNode, type Node } from "./tree.js";
import { MAX_NESTING_DEPTH, duplicateKey, tooDeeplyNested, type JsonParseResult, type ParseProblem } from "./problems.js";
import { scanStrictJson } from "./scan.js";

/** Our wording for jsonc-parser's errors, by the name `printParseErrorCode` gives each code. */
const ERROR_MESSAGES = new Map<string, string>(Object.entries({
  InvalidSymbol: "Unexpected character: this is not valid JSON here",
  InvalidNumberFormat: "Invalid number",
  PropertyNameExpected: "Expected a property name in double quotes",
  ValueExpected: "Expected a value",
  ColonExpected: 'Expected ":" after the property name',
  CommaExpected: 'Expected "," between members',
  CloseBraceExpected: 'Expected "}" to close the object',
  CloseBracketExpected: 'Expected "]" to close the array',
  EndOfFileExpected: "Unexpected content after the end of the JSON document",
  InvalidCommentToken: "Invalid comment",
  UnexpectedEndOfComment: "Comment is not closed",
  UnexpectedEndOfString: "String is not closed: add the closing double quote",
  UnexpectedEndOfNumber: "Number ends unexpectedly",
  InvalidUnicode: "Invalid \\u escape in string",
  InvalidEscapeCharacter: "Invalid escape sequence in string (JSON allows \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)",
  InvalidCharacter: "Invalid character in string: control characters must be escaped",
}));

let jsonc: typeof JsoncParser | undefined;

/**
 * jsonc-parser, loaded when the first text that is not strict JSON comes (the scanner reads
 * the rest): a CLI run on valid files does not pay for loading it.
 */
function jsoncParser(): typeof JsoncParser {
  return (jsonc ??= require("jsonc-parser") as typeof JsoncParser);
}

/** Scans for the first place where object/array nesting passes the limit (strings skipped). */
export function findExcessiveNesting(text: string, limit = MAX_NESTING_DEPTH): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > limit) return i;
    } else if (c === 125 || c === 93) depth--;
  }
  return -1;
}

export type { JsonParseResult } from "./problems.js";

/**
 * Parses JSON into the node tree. Keeps going after errors, and reports comments, trailing
 * commas and duplicate keys, which AWS rejects. Strict JSON takes the one-pass scanner
 * (scan.ts); any other text is parsed by `parseJsonRecovering`, whose results it matches.
 */
export function parseJson(text: string): JsonParseResult {
  return scanStrictJson(text) ?? parseJsonRecovering(text);
}

/**
 * The recovering parser (jsonc-parser's visitor): the same tree as the scanner for strict
 * JSON, and for broken text the tree jsonc-parser's recovery gives, with a problem for each
 * comment, trailing comma, duplicate key and syntax error.
 */
export function parseJsonRecovering(text: string): JsonParseResult {
  const problems: ParseProblem[] = [];
  const deep = findExcessiveNesting(text);
  if (deep >= 0) {
    problems.push(tooDeeplyNested(deep));
    return { root: undefined, problems };
  }
  const { visit, printParseErrorCode } = jsoncParser();
  const tree = new RecoveringTree(text, problems, printParseErrorCode);
  visit(text, tree.visitor(), { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
  return { root: tree.finish(), problems };
}

/** The tree that jsonc-parser's visitor events describe, and the problems they show. */
class RecoveringTree {
  private root: Node | undefined;
  private readonly stack: Node[] = [];
  private pendingKey: { key: string; offset: number; length: number } | undefined;
  /** Keys seen in each open container (created on the first key: arrays never get one). */
  private readonly seenKeys: (Map<string, number> | undefined)[] = [];
  private lastComma = -1;

  constructor(
    private readonly text: string,
    private readonly problems: ParseProblem[],
    private readonly errorName: (code: JsoncParser.ParseErrorCode) => string,
  ) {}

  /** The visitor's callbacks (jsonc-parser calls them without `this`). */
  visitor(): JsoncParser.JSONVisitor {
    return {
      onObjectBegin: (offset) => this.open(makeNode("object", offset, 1)),
      onObjectEnd: (offset, length) => this.close(offset + length),
      onArrayBegin: (offset) => this.open(makeNode("array", offset, 1)),
      onArrayEnd: (offset, length) => this.close(offset + length),
      onObjectProperty: (property, offset, length) => this.property(property, offset, length),
      onLiteralValue: (value, offset, length) => {
        const type = value === null ? "null" : typeof value === "string" ? "string" : typeof value === "number" ? "number" : "boolean";
        this.attach(makeNode(type, offset, length, value as Node["value"]));
      },
      onSeparator: (character, offset) => {
        if (character === ",") this.lastComma = offset;
      },
      onComment: (offset, length) => {
        this.problems.push({
          rule: "json-comment",
          message: "Comments are not allowed in JSON: AWS rejects the definition. Remove the comment (use a \"Comment\" field to document a state).",
          offset,
          length,
        });
      },
      onError: (error, offset, length) => this.error(this.errorName(error), offset, length),
    };
  }

  /** The root; unclosed containers run to the end of the text. */
  finish(): Node | undefined {
    while (this.stack.length) {
      const node = this.stack.pop()!;
      node.length = this.text.length - node.offset;
    }
    return this.root;
  }

  private attach(node: Node): void {
    this.lastComma = -1;
    const parent = this.stack[this.stack.length - 1];
    if (!parent) {
      if (!this.root) this.root = node;
      return;
    }
    node.parent = parent;
    if (parent.type === "object") {
      const pendingKey = this.pendingKey;
      if (!pendingKey) return; // value without key after an error: dropped
      parent.properties!.push(asMember(node, pendingKey.key, pendingKey.offset, pendingKey.length));
      this.pendingKey = undefined;
    } else {
      node.key = parent.items!.length;
      parent.items!.push(node);
    }
  }

  private open(node: Node): void {
    this.attach(node);
    this.stack.push(node);
    this.seenKeys.push(undefined);
  }

  private close(endOffset: number): void {
    const node = this.stack.pop();
    this.seenKeys.pop();
    if (!node) return;
    node.length = endOffset - node.offset;
    if (this.lastComma >= 0) {
      this.problems.push({
        rule: "trailing-comma",
        message: `Trailing comma before "${node.type === "object" ? "}" : "]"}": JSON does not allow it and AWS rejects the definition. Remove the comma.`,
        offset: this.lastComma,
        length: 1,
      });
    }
    this.lastComma = -1;
  }

  private property(property: string, offset: number, length: number): void {
    this.lastComma = -1;
    const seenKeys = this.seenKeys;
    if (seenKeys.length) {
      const top = seenKeys.length - 1;
      const seen = (seenKeys[top] ??= new Map());
      if (seen.has(property)) this.problems.push(duplicateKey(property, offset, length));
      else seen.set(property, offset);
    }
    this.pendingKey = { key: property, offset, length };
  }

  private error(name: string, offset: number, length: number): void {
    if (name === "InvalidCommentToken" || name === "UnexpectedEndOfComment") {
      this.problems.push({ rule: "json-comment", message: ERROR_MESSAGES.get(name) ?? "Invalid comment", offset, length });
      return;
    }
    // a value without a property name inside an object is a syntax error reported here
    this.problems.push({
      rule: "invalid-json",
      message: ERROR_MESSAGES.get(name) ?? "Invalid JSON",
      offset,
      length: Math.max(length, offset < this.text.length ? 1 : 0),
    });
  }
}
