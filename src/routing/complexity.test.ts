import { describe, expect, it } from 'vitest';
import { markerCount, rareWordShare, scoreComplexity } from './complexity.js';

const simple = [
  'Hello, how are you?',
  'What is the capital of France?',
  'Translate "good morning" to Spanish.',
  'The cat sat on the mat. It was a sunny day and the children played outside.',
];

const hard = [
  'Explain why the proposed distributed consensus algorithm guarantees linearizability under asynchronous network ' +
    'partitions. Compare it with Raft and Paxos, analyze the trade-offs in latency and throughput, and prove that no ' +
    'two leaders can commit conflicting entries in the same term. Think step by step.',
  'Design a sharded architecture for a multi-tenant analytics database with heterogeneous workloads.\n' +
    '1. Estimate storage costs.\n2. Derive the optimal partitioning key given skewed tenants.\n' +
    '3. Evaluate the implications for cross-shard joins. Ensure the answer is valid JSON.',
];

describe('scoreComplexity', () => {
  it.each(simple)('scores a simple input low: %s', (text) => {
    expect(scoreComplexity(text, 100).score).toBeLessThan(0.3);
  });

  it.each(hard)('scores a hard input high: %s', (text) => {
    expect(scoreComplexity(text, 1_000).score).toBeGreaterThan(0.6);
  });

  it('is deterministic and stays within [0, 1], even for extreme inputs', () => {
    const huge = `${'Prove, derive and compare the eigenvalue decomposition step by step. '.repeat(2_000)}`;
    const first = scoreComplexity(huge, 100_000);
    expect(first).toEqual(scoreComplexity(huge, 100_000));
    expect(first.score).toBeLessThanOrEqual(1);
    expect(scoreComplexity('', 0)).toEqual({
      score: 0,
      factors: { length: 0, rarity: 0, reasoning: 0, output: 0 },
    });
  });

  it('grows with the requested output size, all else equal', () => {
    const text = 'Write about the sea.';
    expect(scoreComplexity(text, 2_000).score).toBeGreaterThan(scoreComplexity(text, 50).score);
  });

  it('finds rare (multi-token) vocabulary and reasoning markers', () => {
    expect(rareWordShare('the cat and the dog')).toBe(0);
    expect(rareWordShare('heteroskedasticity eigendecomposition')).toBe(1);
    expect(markerCount('Why? Explain step by step.')).toBe(3);
    expect(markerCount('1. first\n2. second')).toBe(2);
  });
});
