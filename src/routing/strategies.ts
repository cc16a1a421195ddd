/** Orders route candidates by strategy, with the reason the leader leads. */
import type { CapabilityInfo, RoutingStrategy } from '../registry/registry.types.js';
import type { ModelHealth } from './model-health.js';
import type { RouteCandidate } from './router.js';

export interface StrategyContext {
  health: ModelHealth;
  input: string;
  capability: CapabilityInfo;
  outputTokens: number;
}

export function orderCandidates(
  strategy: RoutingStrategy,
  candidates: RouteCandidate[],
  _context: StrategyContext,
): { candidates: RouteCandidate[]; reason: string } {
  const byPriority = [...candidates].sort((a, b) => a.implementation.priority - b.implementation.priority);
  return {
    candidates: byPriority,
    reason: `${byPriority[0]!.model.name} has the highest priority (${strategy === 'FALLBACK' ? 'FALLBACK' : `${strategy} not applied`})`,
  };
}
