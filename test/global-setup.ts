// Runs once before the suites: one line when the tests that read ../shared are skipped.
import { sharedSkipReason } from "./shared.js";

export default function setup(): void {
  const why = sharedSkipReason();
  if (why) process.stdout.write(`aslint tests: ${why}\n`);
}
