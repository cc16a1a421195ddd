import { describe, expect, it } from 'vitest';
import type { RouteCandidate, RoutePlan } from '../routing/router.js';
import { planWithHistory } from './plan-with-history.js';

function candidate(name: string, local: boolean, contextWindow?: number): RouteCandidate {
  return {
    implementation: { model: name, priority: 0, weight: 1 },
    model: {
      name,
      provider: local ? 'local' : 'remote',
      upstreamModel: name,
      pricing: { inputPer1M: local ? 0 : 1_000_000, outputPer1M: local ? 0 : 1_000_000 },
      tags: [],
      ...(contextWindow === undefined ? {} : { contextWindow }),
    },
    provider: { name: local ? 'local' : 'remote', kind: local ? 'LOCAL' : 'OPENAI_COMPATIBLE' },
    local,
    estimatedInputTokens: 10,
    estimatedOutputTokens: 5,
    estimatedCostUsd: local ? 0 : 15,
  } as unknown as RouteCandidate;
}

const plan = (candidates: RouteCandidate[]): RoutePlan =>
  ({ strategy: 'FALLBACK', candidates, reason: 'r', maxAttempts: 2, timeoutMs: 1000 }) as RoutePlan;

describe('planWithHistory', () => {
  it('adds the history (characters / 4) to remote candidates, capped by their context window', () => {
    const [wide, narrow, local] = planWithHistory(
      plan([candidate('wide', false), candidate('narrow', false, 100), candidate('local', true)]),
      4_000,
    ).candidates;
    expect(wide).toMatchObject({ estimatedInputTokens: 1_010, estimatedCostUsd: 1_015 });
    expect(narrow).toMatchObject({ estimatedInputTokens: 110, estimatedCostUsd: 115 });
    expect(local).toMatchObject({ estimatedInputTokens: 10, estimatedCostUsd: 0 });
  });

  it('leaves the plan as it is without history', () => {
    const original = plan([candidate('wide', false)]);
    expect(planWithHistory(original, 0)).toBe(original);
  });
});
