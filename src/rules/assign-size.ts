import type { Rule } from "./types.js";
import { isJsonataExpression } from "../expr/jsonata.js";
import { toValue, type Node, memberOf } from "../parse/tree.js";
import { expressionIndex } from "../model/expressions.js";
import { quote } from "../expr/names.js";

/** One variable, and all variables of one Assign together: 256 KiB (DG-VARS). */
import { ASSIGN_MAX_BYTES as ASSIGN_LIMIT } from "../aws/limits.js";

/** Below this source length a value cannot serialise to more than the limit. */
const SKIP_BELOW = ASSIGN_LIMIT / 8;

/** UTF-8 size of the JSON serialisation of the literal parts (expressions and paths count as null). */
function literalSize(node: Node, jsonPathKey: boolean): number {
  if (jsonPathKey) return 0;
  const value = toValue(node);
  const json = JSON.stringify(value, (_k, v) => (typeof v === "string" && isJsonataExpression(v) ? null : v));
  return json === undefined ? 0 : Buffer.byteLength(json, "utf8");
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

export const assignSize: Rule = {
  meta: {
    id: "assign-size",
    // AWS accepts the definition: the state fails when it runs, so not AWS's SCHEMA_VALIDATION_FAILED
    code: "ASSIGN_SIZE",
    severity: "ERROR",
    basis: "fails-every-run",
    description: "A literal value in Assign larger than 256 KiB, or an Assign whose literal values together exceed 256 KiB.",
    rationale:
      "A variable holds at most 256 KiB, and all the variables one Assign sets at most 256 KiB together; a bigger value fails the state when it runs. Keep large data in S3 or in the state output, and assign a reference to it.",
    source: "DG-VARS (variable size limits); DG-QUOTAS; asl-facts §7",
    examples: {
      fail: {
        definition: () => `{ "StartAt": "A", "States": { "A": { "Type": "Pass", "Assign": { "big": "${"x".repeat(300 * 1024)}" }, "End": true } } }`,
        note: 'a Pass state whose "Assign" gives the variable "big" a string of 307,200 characters (300 KiB)',
      },
      pass: '{ "StartAt": "A", "States": { "A": { "Type": "Pass", "Assign": { "bucket": "my-bucket", "key": "data/big.json" }, "End": true } } }',
    },
  },
  check(ctx) {
    for (const site of expressionIndex(ctx.machine).assigns) {
      if (site.node.length < SKIP_BELOW) continue;
      const jsonPath = site.state.queryLanguage === "JSONPath";
      let total = 0;
      let single = false;
      for (const { name, property } of site.names) {
        const value = property;
        const size = literalSize(value, jsonPath && property.key.endsWith(".$"));
        total += size;
        if (size > ASSIGN_LIMIT) {
          single = true;
          ctx.report(value, `The value assigned to ${quote(name)} is ${kib(size)} as JSON; a variable can hold at most ${ASSIGN_LIMIT / 1024} KiB. Keep the data in S3 or in the state output and assign a reference to it.`, { key: true });
        }
      }
      // one value over the limit is the finding; the total is news only when each value fits
      if (!single && total > ASSIGN_LIMIT && memberOf(site.node)) {
        ctx.report(site.node, `The literal values of this Assign add up to ${kib(total)} as JSON; one Assign can set at most ${ASSIGN_LIMIT / 1024} KiB of variables in total. Split them over several states, or keep the data in S3.`, { key: true });
      }
    }
  },
};
