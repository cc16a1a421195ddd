/**
 * A conversation run's route plan with the earlier turns counted in: remote candidates will be sent
 * the history (up to their context window), so the admission's token and cost estimates — and the
 * budget reservation sized from them — include it. Characters / 4 is the estimate (no tokenizer on
 * the request path); the settlement charges what the provider reports.
 */
import { estimateCost, type RoutePlan } from '../routing/router.js';
import { DEFAULT_CONTEXT_WINDOW } from './conversation-context.js';

export function planWithHistory(plan: RoutePlan, historyCharacters: number): RoutePlan {
  if (historyCharacters === 0) return plan;
  const historyTokens = Math.ceil(historyCharacters / 4);
  return {
    ...plan,
    candidates: plan.candidates.map((candidate) => {
      if (candidate.local) return candidate;
      const window = candidate.model.contextWindow ?? DEFAULT_CONTEXT_WINDOW;
      const estimatedInputTokens = candidate.estimatedInputTokens + Math.min(historyTokens, window);
      return {
        ...candidate,
        estimatedInputTokens,
        estimatedCostUsd: estimateCost(
          candidate.model,
          estimatedInputTokens,
          candidate.estimatedOutputTokens,
        ),
      };
    }),
  };
}
