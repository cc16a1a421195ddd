import { createHash } from 'node:crypto';

/**
 * A unit vector derived from a hash of the text: the same text always gets the same vector, and
 * different texts get unrelated ones. Good enough to test plumbing, not similarity.
 */
export function deterministicEmbedding(text: string, dimensions = 16): number[] {
  const digest = createHash('sha256').update(text).digest();
  let state = digest.readUInt32LE(0);
  const vector: number[] = [];
  for (let index = 0; index < dimensions; index++) {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), state | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    vector.push(((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296 - 0.5);
  }
  const norm = Math.hypot(...vector) || 1;
  return vector.map((value) => value / norm);
}
