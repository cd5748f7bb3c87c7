/**
 * Where aslint's verdict differs from the label another linter's test suite gives a corpus
 * file. Each entry is reviewed and names the AWS fact (spec section, quota, API model) that
 * settles it. Never add an entry without that reason.
 */
export interface Disagreement {
  /** aslint's verdict. */
  verdict: "OK" | "FAIL";
  /** The fact that settles it, with its source tag (see ../shared/reference/asl-facts.md §0). */
  fact: string;
}

export const DISAGREEMENTS: Record<string, Disagreement> = {};
