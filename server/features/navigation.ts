/**
 * State names as symbols: go to definition from a transition, find references, rename a
 * state with every transition that names it. Everything comes from the model's edges, so
 * payload keys that happen to be called "Next" are never touched.
 */
import { ResponseError, LSPErrorCodes, type Location, type Range, type TextEdit } from "vscode-languageserver";
import type { Edge, State } from "../../src/model/index.js";
import { codePointLength } from "../../src/expr/names.js";
import { innerOffsets, type Analysis } from "../analysis.js";
import { yamlScalar } from "../snippet.js";

export interface StateHit {
  state?: State;
  /** The transition under the cursor, when the cursor is on one. */
  edge?: Edge;
  /** The name token under the cursor (key or value), in offsets. */
  offset: number;
  length: number;
}

function within(offset: number, start: number, length: number): boolean {
  return offset >= start && offset <= start + length;
}

/** The state whose key or whose name in a transition is under the cursor. */
export function stateAt(a: Analysis, offset: number): StateHit | undefined {
  const m = a.machine;
  if (!m) return undefined;
  for (const e of m.edges) {
    if (within(offset, e.node.offset, e.node.length)) return { state: e.to, edge: e, offset: e.node.offset, length: e.node.length };
  }
  for (const s of m.states) {
    if (within(offset, s.node.keyOffset, s.node.keyLength)) return { state: s, offset: s.node.keyOffset, length: s.node.keyLength };
  }
  return undefined;
}

export function keyRange(a: Analysis, s: State): Range {
  return a.doc.lines.range(s.node.keyOffset, s.node.keyLength);
}

export function definition(a: Analysis, offset: number): Location[] | null {
  const hit = stateAt(a, offset);
  if (!hit?.state) return null;
  return [{ uri: a.uri, range: keyRange(a, hit.state) }];
}

export function references(a: Analysis, offset: number, includeDeclaration: boolean): Location[] | null {
  const hit = stateAt(a, offset);
  if (!hit?.state) return null;
  const out: Location[] = [];
  if (includeDeclaration) out.push({ uri: a.uri, range: keyRange(a, hit.state) });
  for (const e of hit.state.in) out.push({ uri: a.uri, range: a.doc.lines.range(e.node.offset, e.node.length) });
  return out;
}

export function prepareRename(a: Analysis, offset: number): { range: Range; placeholder: string } | null {
  const hit = stateAt(a, offset);
  if (!hit) return null;
  if (!hit.state) {
    throw new ResponseError(LSPErrorCodes.RequestFailed, `No state named ${JSON.stringify(hit.edge!.target)} in ${hit.edge!.scope.label}: there is nothing to rename.`);
  }
  const inner = innerOffsets(a.text, hit.offset, hit.length);
  return { range: a.doc.lines.range(inner.offset, inner.length), placeholder: hit.state.name };
}

import { STATE_NAME_MAX as MAX_STATE_NAME } from "../../src/aws/limits.js";

/** Why a new state name cannot be used, or undefined when it can. */
export function renameProblem(a: Analysis, state: State, newName: string): string | undefined {
  if (newName.length === 0) return "A state name cannot be empty.";
  const length = codePointLength(newName);
  if (length > MAX_STATE_NAME) return `A state name can have at most ${MAX_STATE_NAME} characters; ${JSON.stringify(newName.slice(0, 20) + "…")} has ${length}.`;
  if (newName === state.name) return undefined;
  const taken = a.machine?.statesByName.get(newName);
  if (taken && taken.length > 0) {
    return `A state named ${JSON.stringify(newName)} already exists in ${taken[0].scope.label}; state names must be unique across the whole state machine.`;
  }
  return undefined;
}

export function rename(a: Analysis, offset: number, newName: string): TextEdit[] {
  const hit = stateAt(a, offset);
  if (!hit?.state) throw new ResponseError(LSPErrorCodes.RequestFailed, "Place the cursor on a state name (its key, or a Next, Default, StartAt or Catch Next naming it) to rename it.");
  const state = hit.state;
  const problem = renameProblem(a, state, newName);
  if (problem) throw new ResponseError(LSPErrorCodes.RequestFailed, `Cannot rename ${JSON.stringify(state.name)}: ${problem}`);
  if (newName === state.name) return [];
  const edits: TextEdit[] = [tokenEdit(a, state.node.keyOffset, state.node.keyLength, newName)];
  for (const e of state.in) edits.push(tokenEdit(a, e.node.offset, e.node.length, newName));
  return edits;
}

/** Replaces a key or string token, keeping its quoting style. */
function tokenEdit(a: Analysis, offset: number, length: number, name: string): TextEdit {
  const inner = innerOffsets(a.text, offset, length);
  if (inner.quote === '"') return { range: a.doc.lines.range(inner.offset, inner.length), newText: JSON.stringify(name).slice(1, -1) };
  if (inner.quote === "'") return { range: a.doc.lines.range(inner.offset, inner.length), newText: name.replace(/'/g, "''") };
  // YAML plain scalar
  return { range: a.doc.lines.range(offset, length), newText: yamlScalar(name) };
}
