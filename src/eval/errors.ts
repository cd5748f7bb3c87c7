/**
 * A run-time failure of a state, as Step Functions reports it: an error name and a cause
 * (asl-facts §5). The evaluators throw it; the emulator turns it into the API's
 * `error`/`cause` members, or hands it to the state's Retry/Catch.
 */
export class StatesError {
  // not an Error: failures are expected outcomes, thrown often (the data-flow rule), and a stack
  // trace would be their main cost
  readonly error: string;
  readonly cause: string;
  constructor(error: string, cause: string) {
    this.error = error;
    this.cause = cause;
  }
  get message(): string {
    return `${this.error}: ${this.cause}`;
  }
}

/** `States.Runtime`: not retriable, not caught by `States.ALL` (asl-facts §5). */
export function runtimeError(cause: string): StatesError {
  return new StatesError("States.Runtime", cause);
}

/** `States.QueryEvaluationError`: a JSONata expression failed (asl-facts §2.5). */
export function queryError(cause: string): StatesError {
  return new StatesError("States.QueryEvaluationError", cause);
}
