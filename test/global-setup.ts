// Runs before the suites (once per vitest project, in the main process): one line, once, when the
// tests that read ../shared are skipped.
import { sharedSkipReason } from "./shared.js";

export default function setup(): void {
  const why = sharedSkipReason();
  if (!why || process.env.ASLINT_SHARED_NOTE_SHOWN) return;
  process.env.ASLINT_SHARED_NOTE_SHOWN = "1";
  process.stdout.write(`aslint tests: ${why}\n`);
}
