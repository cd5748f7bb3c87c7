/**
 * Definitions linted together know each other: a Task that starts a child execution by a
 * literal state machine ARN is checked against the child's definition when the child is in
 * the same run (rule nested-execution-child). A definition's state machine name is its file
 * name without the directory and without `.asl.json`, `.asl.yaml`, `.asl.yml`, `.asl`,
 * `.json`, `.yaml`, `.yml` (and a `.express` before them): `workflows/Child.express.asl.json`
 * is the state machine `Child`.
 */
import { parseDocumentText } from "../parse/index.js";
import { buildMachine } from "../model/index.js";
import type { MachineType, PeerDefinition } from "../rules/types.js";
import { stateMachineNameOfFile } from "../model/nested.js";

export { stateMachineNameOfFile };

/** Peers of a run, by state machine name; undefined when no definition starts a child execution. */
export function buildPeers(inputs: readonly { file: string; text: string; type: MachineType }[]): Map<string, PeerDefinition> | undefined {
  if (inputs.length < 2 || !inputs.some((i) => i.text.includes("states:startExecution"))) return undefined;
  const peers = new Map<string, PeerDefinition>();
  for (const input of inputs) {
    if (input.file === "<stdin>") continue;
    const name = stateMachineNameOfFile(input.file);
    if (!name || peers.has(name)) continue;
    const doc = parseDocumentText(input.text, input.file);
    const machine = doc.root && doc.root.type === "object" ? buildMachine(doc.root) : undefined;
    peers.set(name, { name, type: input.type, machine, filename: input.file });
  }
  return peers;
}
