import { describe, expect, it } from 'vitest';
import { fuseByReciprocalRank } from './rank-fusion.js';

describe('fuseByReciprocalRank', () => {
  it('ranks a chunk found by both lists above chunks found by one', () => {
    const lexical = [
      { chunkId: 'a', score: 12 },
      { chunkId: 'b', score: 9 },
      { chunkId: 'c', score: 3 },
    ];
    const semantic = [
      { chunkId: 'c', score: 0.91 },
      { chunkId: 'd', score: 0.9 },
      { chunkId: 'b', score: 0.5 },
    ];
    const fused = fuseByReciprocalRank([lexical, semantic]);
    expect(fused.map((hit) => hit.chunkId)).toEqual(['c', 'b', 'a', 'd']);
    expect(fused[0]!.score).toBeCloseTo(1 / 63 + 1 / 61, 12);
    expect(fused[2]!.score).toBeCloseTo(1 / 61, 12);
  });

  it('keeps the fields of the first occurrence and replaces only the score', () => {
    const fused = fuseByReciprocalRank([
      [{ chunkId: 'x', text: 'first', score: 5 }],
      [{ chunkId: 'x', text: 'second', score: 1 }],
    ]);
    expect(fused).toEqual([{ chunkId: 'x', text: 'first', score: 2 / 61 }]);
  });

  it('counts a chunk once per list, at its best rank, and honours a custom k', () => {
    const fused = fuseByReciprocalRank([[{ chunkId: 'a' }, { chunkId: 'a' }, { chunkId: 'b' }]], 0);
    expect(fused).toEqual([
      { chunkId: 'a', score: 1 },
      { chunkId: 'b', score: 1 / 3 },
    ]);
  });

  it('handles empty input and breaks ties by first appearance', () => {
    expect(fuseByReciprocalRank([])).toEqual([]);
    expect(fuseByReciprocalRank([[], []])).toEqual([]);
    const fused = fuseByReciprocalRank([[{ chunkId: 'p' }], [{ chunkId: 'q' }]]);
    expect(fused.map((hit) => hit.chunkId)).toEqual(['p', 'q']);
  });
});
