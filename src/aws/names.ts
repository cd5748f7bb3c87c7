/**
 * What names and labels may hold (asl-facts §11, §3.8). Their lengths are limits: aws/limits.ts.
 */

/**
 * Punctuation that an execution, state machine or activity name cannot hold, besides white space
 * and control characters (SFN-MODEL StartExecution.name, CreateStateMachine.name; DG-QUOTAS).
 */
export const NAME_FORBIDDEN_PUNCTUATION: ReadonlySet<string> = new Set(Array.from('<>{}[]?*"#%\\^|~`$&,;:/'));

/**
 * Punctuation that a Distributed Map `Label` cannot hold, besides white space and control
 * characters: a name's, but "/" (DG-DIST; CDK DistributedMap label validation).
 */
export const LABEL_FORBIDDEN_PUNCTUATION: ReadonlySet<string> = new Set([...NAME_FORBIDDEN_PUNCTUATION].filter((c) => c !== "/"));

/** The control characters that no name or label may hold: U+0000 to U+001F and U+007F to U+009F. */
export function isControlCharacter(cp: number): boolean {
  return cp <= 0x1f || (cp >= 0x7f && cp <= 0x9f);
}
