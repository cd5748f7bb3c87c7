import type { Rule } from "./types.js";
import { INTERNAL_ERROR } from "../report.js";

/**
 * A check that failed inside aslint. The engine reports it (lint.ts catches what a rule, the
 * parser or the model builder throws; checkRequest and checkRedrive do the same), never a check
 * over the model: it is a rule so that it has metadata, a page in docs/rules.md and a setting
 * like any other. No definition fires it on purpose, so it has no examples or fixtures;
 * test/robustness/contracts.test.ts makes a rule throw.
 */
export const internalError: Rule = {
  meta: {
    id: INTERNAL_ERROR,
    code: "INTERNAL_ERROR",
    severity: "ERROR",
    basis: "internal",
    description: "A check failed inside aslint (a bug in aslint): its findings are missing from the results.",
    rationale:
      "aslint never throws on a definition or a request: when a rule, the parser or the model builder fails, the other checks still run and one ERROR names what failed, so that the result is never a silent OK with a check missing. Please report it with the definition that caused it.",
    source: "aslint's contract (docs/robustness.md): lint, checkRequest and checkRedrive never throw",
  },
  check() {},
};
