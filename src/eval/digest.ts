/** What States.Hash / $hash and States.MathRandom / $random share. */
import { createHash } from "node:crypto";

const NODE_NAMES: Record<string, string> = { MD5: "md5", "SHA-1": "sha1", "SHA-256": "sha256", "SHA-384": "sha384", "SHA-512": "sha512" };

/** The hex digest of `text` (UTF-8) with one of AWS's five algorithm names; undefined for another name. */
export function hashHex(text: string, algorithm: string): string | undefined {
  const name = Object.prototype.hasOwnProperty.call(NODE_NAMES, algorithm) ? NODE_NAMES[algorithm] : undefined;
  return name ? createHash(name).update(text, "utf8").digest("hex") : undefined;
}

/** A number in [0, 1) that depends only on the seed (mulberry32): same seed, same number. */
export function seededRandom(seed: number): number {
  let t = (Math.floor(seed) + 0x6d2b79f5) | 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
