import { describe, expect, it } from 'vitest';
import type { CapabilityInfo, ModelInfo } from '../registry/registry.types.js';
import { InProcessModelHealth } from './model-health.js';
import { estimateCost, type RouteCandidate } from './router.js';
import { orderCandidates, type StrategyContext } from './strategies.js';

interface Spec {
  name: string;
  inputPer1M?: number;
  outputPer1M?: number;
  tier?: number;
  priority?: number;
  weight?: number;
}

function candidate(spec: Spec, inputTokens = 1_000, outputTokens = 200): RouteCandidate {
  const model: ModelInfo = {
    name: spec.name,
    provider: 'p',
    upstreamModel: spec.name,
    pricing: { inputPer1M: spec.inputPer1M ?? 1, outputPer1M: spec.outputPer1M ?? 1 },
    qualityTier: spec.tier,
    tags: [],
  };
  return {
    implementation: { model: spec.name, priority: spec.priority ?? 0, weight: spec.weight ?? 1 },
    model,
    provider: { name: 'p', kind: 'OPENAI_COMPATIBLE', hasApiKey: false },
    local: false,
    estimatedInputTokens: inputTokens,
    estimatedOutputTokens: outputTokens,
    estimatedCostUsd: estimateCost(model, inputTokens, outputTokens),
  };
}

const capability = { name: 'c', routing: { strategy: 'FALLBACK' } } as CapabilityInfo;

function context(overrides: Partial<StrategyContext> = {}): StrategyContext {
  return {
    health: new InProcessModelHealth(),
    input: 'hello',
    inputTokens: 1_000,
    outputTokens: 200,
    capability,
    random: Math.random,
    ...overrides,
  };
}

/** A small deterministic PRNG (mulberry32). */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

const names = (ordered: { candidates: RouteCandidate[] }) => ordered.candidates.map((c) => c.model.name);

describe('routing strategies', () => {
  it('FALLBACK follows priority, keeping registration order for ties', () => {
    const ordered = orderCandidates(
      'FALLBACK',
      [
        candidate({ name: 'b', priority: 1 }),
        candidate({ name: 'a', priority: 0 }),
        candidate({ name: 'c', priority: 1 }),
      ],
      context(),
    );
    expect(names(ordered)).toEqual(['a', 'b', 'c']);
    expect(ordered.reason).toMatch(/^FALLBACK: a comes first/);
  });

  it('CHEAPEST orders by estimated cost of input and expected output tokens', () => {
    const ordered = orderCandidates(
      'CHEAPEST',
      [
        candidate({ name: 'pricey', inputPer1M: 10, outputPer1M: 30 }),
        candidate({ name: 'cheap-in', inputPer1M: 0.1, outputPer1M: 20 }),
        candidate({ name: 'cheapest', inputPer1M: 0.5, outputPer1M: 1.5 }),
      ],
      context(),
    );
    // 1000 in + 200 out: pricey $0.016, cheap-in $0.0041, cheapest $0.0008.
    expect(names(ordered)).toEqual(['cheapest', 'cheap-in', 'pricey']);
    expect(ordered.reason).toContain('CHEAPEST: cheapest has the lowest estimated cost, $0.000800');
  });

  it('FASTEST explores models without latency data first, then orders by the EWMA', () => {
    const health = new InProcessModelHealth();
    const candidates = [candidate({ name: 'slow' }), candidate({ name: 'fast' }), candidate({ name: 'new' })];
    health.recordSuccess('slow', 800);
    health.recordSuccess('fast', 90);
    const exploring = orderCandidates('FASTEST', candidates, context({ health }));
    expect(names(exploring)).toEqual(['new', 'fast', 'slow']);
    expect(exploring.reason).toContain('new has no recent latency data');
    health.recordSuccess('new', 400);
    const measured = orderCandidates('FASTEST', candidates, context({ health }));
    expect(names(measured)).toEqual(['fast', 'new', 'slow']);
    expect(measured.reason).toBe(
      'FASTEST: fast has the lowest observed latency (EWMA 90 ms; next: new at 400 ms)',
    );
  });

  it('WEIGHTED picks the leader in proportion to weight, and never a zero-weight model while others exist', () => {
    const random = seeded(42);
    const candidates = [
      candidate({ name: 'a', weight: 3 }),
      candidate({ name: 'b', weight: 1 }),
      candidate({ name: 'off', weight: 0 }),
    ];
    const leaders = new Map<string, number>();
    for (let index = 0; index < 4_000; index++) {
      const leader = orderCandidates('WEIGHTED', candidates, context({ random })).candidates[0]!.model.name;
      leaders.set(leader, (leaders.get(leader) ?? 0) + 1);
    }
    expect((leaders.get('a') ?? 0) / 4_000).toBeGreaterThan(0.7);
    expect((leaders.get('a') ?? 0) / 4_000).toBeLessThan(0.8);
    expect(leaders.has('off')).toBe(false);
    const ordered = orderCandidates('WEIGHTED', candidates, context({ random }));
    expect(ordered.candidates.at(-1)!.model.name).toBe('off');
    expect(ordered.reason).toMatch(
      /^WEIGHTED: (a|b) was drawn by weight \((3|1) of 4, (75|25)% of traffic\)$/,
    );
  });

  const tiers = [
    candidate({ name: 'small-b', tier: 2, inputPer1M: 0.4, outputPer1M: 0.4 }),
    candidate({ name: 'small-a', tier: 2, inputPer1M: 0.2, outputPer1M: 0.2 }),
    candidate({ name: 'large', tier: 8, inputPer1M: 5, outputPer1M: 15 }),
    candidate({ name: 'medium', tier: 5, inputPer1M: 1, outputPer1M: 2 }),
  ];

  it('COMPLEXITY sends simple inputs to the cheapest model of the lowest tier', () => {
    const ordered = orderCandidates(
      'COMPLEXITY',
      tiers,
      context({ input: 'What is the capital of France?', inputTokens: 8, outputTokens: 20 }),
    );
    expect(names(ordered)).toEqual(['small-a', 'small-b', 'medium', 'large']);
    expect(ordered.reason).toMatch(
      /^complexity 0\.\d\d < 0\.5: routed to tier 2 model small-a, the cheapest of the lowest tier/,
    );
  });

  it('COMPLEXITY sends hard inputs to the highest tier, with the score and threshold in the reason', () => {
    const input =
      'Explain why the proposed distributed consensus algorithm guarantees linearizability under asynchronous ' +
      'network partitions. Compare it with Raft and Paxos, analyze the trade-offs in latency and throughput, and prove ' +
      'that no two leaders can commit conflicting entries in the same term. Think step by step and include a table.';
    const hard = orderCandidates(
      'COMPLEXITY',
      tiers,
      context({ input, inputTokens: 80, outputTokens: 1_500 }),
    );
    expect(names(hard)).toEqual(['large', 'medium', 'small-a', 'small-b']);
    expect(hard.reason).toMatch(/^complexity 0\.\d\d ≥ 0\.5: routed to tier 8 model large \(length/);

    const strict = { ...capability, routing: { strategy: 'COMPLEXITY' as const, complexityThreshold: 0.95 } };
    const relaxed = orderCandidates(
      'COMPLEXITY',
      tiers,
      context({ input, inputTokens: 80, outputTokens: 1_500, capability: strict }),
    );
    expect(relaxed.candidates[0]!.model.name).toBe('small-a');
    expect(relaxed.reason).toContain('< 0.95');
  });
});
