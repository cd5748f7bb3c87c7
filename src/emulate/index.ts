/** The offline TestState API and whole-execution runner. */
export { testState, type TestStateRequest, type TestStateResponse, type TestStateResult, type TestStateOptions, type ApiError, type DefinitionDiagnostic } from "./test-state.js";
