/**
 * The external reference beside the project (../shared: the corpus, the AWS API models). It is
 * read in place, never copied into the repository, so a fresh clone elsewhere does not have it:
 * the tests that read it are then skipped (test/global-setup.ts says so in one line), unless
 * ASLINT_REQUIRE_CORPUS=1 (set by .ci/run), which makes them run, and fail, without it.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";

export const SHARED = join(__dirname, "..", "..", "shared");
export const CORPUS = join(SHARED, "corpus");
export const AWS_MODELS = join(SHARED, "reference", "aws-models");

/** Are the tests that read ../shared required to run (CI)? */
export const SHARED_REQUIRED = process.env.ASLINT_REQUIRE_CORPUS === "1";

/** Why the tests that read ../shared are skipped, or undefined when they run. */
export function sharedSkipReason(env: Record<string, string | undefined> = process.env): string | undefined {
  if (env.ASLINT_REQUIRE_CORPUS === "1" || existsSync(CORPUS)) return undefined;
  return `${SHARED} is missing, so the tests that read the external corpus and the AWS models are skipped (ASLINT_REQUIRE_CORPUS=1 makes them run and fail).`;
}

/** True when the tests that read ../shared run. */
export const SHARED_PRESENT = sharedSkipReason() === undefined;
