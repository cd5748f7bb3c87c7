import type * as JsoncParser from "jsonc-parser";
import { asMember, makeNode, type Node } from "./tree.js";
import { MAX_NESTING_DEPTH, duplicateKey, tooDeeplyNested, type JsonParseResult, type ParseProblem } from "./problems.js";
import { scanStrictJson } from "./scan.js";

/** Our wording for jsonc-parser's errors, by the name `printParseErrorCode` gives each code. */
const ERROR_MESSAGES: Record<string, string> = {
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
};

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

  let root: Node | undefined;
  const stack: Node[] = [];
  let pendingKey: { key: string; offset: number; length: number } | undefined;
  // keys seen in each open container (created on the first key: arrays never get one)
  const seenKeys: (Map<string, number> | undefined)[] = [];
  let lastComma = -1;

  const attach = (node: Node) => {
    lastComma = -1;
    const parent = stack[stack.length - 1];
    if (!parent) {
      if (!root) root = node;
      return;
    }
    node.parent = parent;
    if (parent.type === "object") {
      if (!pendingKey) return; // value without key after an error: dropped
      parent.properties!.push(asMember(node, pendingKey.key, pendingKey.offset, pendingKey.length));
      pendingKey = undefined;
    } else {
      node.key = parent.items!.length;
      parent.items!.push(node);
    }
  };

  const close = (endOffset: number) => {
    const node = stack.pop();
    seenKeys.pop();
    if (!node) return;
    node.length = endOffset - node.offset;
    if (lastComma >= 0) {
      problems.push({
        rule: "trailing-comma",
        message: `Trailing comma before "${node.type === "object" ? "}" : "]"}": JSON does not allow it and AWS rejects the definition. Remove the comma.`,
        offset: lastComma,
        length: 1,
      });
    }
    lastComma = -1;
  };

  const { visit, printParseErrorCode } = jsoncParser();
  visit(
    text,
    {
      onObjectBegin(offset) {
        const node = makeNode("object", offset, 1);
        attach(node);
        stack.push(node);
        seenKeys.push(undefined);
      },
      onObjectEnd(offset, length) {
        close(offset + length);
      },
      onArrayBegin(offset) {
        const node = makeNode("array", offset, 1);
        attach(node);
        stack.push(node);
        seenKeys.push(undefined);
      },
      onArrayEnd(offset, length) {
        close(offset + length);
      },
      onObjectProperty(property, offset, length) {
        lastComma = -1;
        if (seenKeys.length) {
          const top = seenKeys.length - 1;
          const seen = (seenKeys[top] ??= new Map());
          if (seen.has(property)) problems.push(duplicateKey(property, offset, length));
          else seen.set(property, offset);
        }
        pendingKey = { key: property, offset, length };
      },
      onLiteralValue(value, offset, length) {
        const type = value === null ? "null" : typeof value === "string" ? "string" : typeof value === "number" ? "number" : "boolean";
        attach(makeNode(type, offset, length, value as Node["value"]));
      },
      onSeparator(character, offset) {
        if (character === ",") lastComma = offset;
      },
      onComment(offset, length) {
        problems.push({
          rule: "json-comment",
          message: "Comments are not allowed in JSON: AWS rejects the definition. Remove the comment (use a \"Comment\" field to document a state).",
          offset,
          length,
        });
      },
      onError(error, offset, length) {
        const name = printParseErrorCode(error);
        if (name === "InvalidCommentToken" || name === "UnexpectedEndOfComment") {
          problems.push({ rule: "json-comment", message: ERROR_MESSAGES[name], offset, length });
          return;
        }
        // a value without a property name inside an object is a syntax error reported here
        problems.push({
          rule: "invalid-json",
          message: ERROR_MESSAGES[name] ?? "Invalid JSON",
          offset,
          length: Math.max(length, offset < text.length ? 1 : 0),
        });
      },
    },
    { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true },
  );
  // unclosed containers run to the end of the text
  while (stack.length) {
    const node = stack.pop()!;
    node.length = text.length - node.offset;
  }
  return { root, problems };
}
