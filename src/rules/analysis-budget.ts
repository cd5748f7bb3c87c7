import type { Rule } from "./types.js";

/**
 * A lint the language server stopped at its budget. The server reports it (server/runner.ts,
 * tooLargeAnswer), never a check over the model: it is a rule so that it has metadata, a page in
 * docs/rules.md and a setting like any other. `lint()` has no budget, so no definition fires it
 * there; test/robustness/server-budget.test.ts runs a worker that never answers.
 */
export const analysisBudget: Rule = {
  meta: {
    id: "analysis-budget",
    code: "ANALYSIS_BUDGET",
    severity: "WARNING",
    basis: "internal",
    description: "The language server stopped a lint that ran past its budget (10 s, or a 1.5 GB heap): no findings are shown for that version of the document.",
    rationale:
      "An editor keystroke must never stop the server: every lint in the server's worker runs under a time and memory budget, and a document whose lint on the main thread was slow is sent to the worker from then on. A lint past the budget is stopped with the worker and the document gets this one warning instead of incomplete findings. `aslint` on the command line has no budget and gives the full check.",
    source: "aslint's language server (server/scheduler.ts, server/runner.ts; docs/robustness.md)",
  },
  check() {},
};
