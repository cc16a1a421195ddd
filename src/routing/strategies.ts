/**
 * Orders route candidates by strategy, with a sentence on why the leader leads. The router hands in
 * only candidates whose breaker lets calls through; the ones behind an open breaker go last, in
 * priority order, whatever the strategy.
 */
import { UnreachableCaseError } from '../errors/app-error.js';
import type { CapabilityInfo, RoutingStrategy } from '../registry/registry.types.js';
import { scoreComplexity } from './complexity.js';
import type { ModelHealth } from './model-health.js';
import type { RouteCandidate } from './router.js';

export const DEFAULT_COMPLEXITY_THRESHOLD = 0.5;

export interface StrategyContext {
  health: ModelHealth;
  /** The text the input is judged by (complexity). */
  input: string;
  inputTokens: number;
  outputTokens: number;
  capability: CapabilityInfo;
  /** Uniform in [0, 1), for WEIGHTED. */
  random: () => number;
}

export interface OrderedCandidates {
  candidates: RouteCandidate[];
  reason: string;
}

export function orderCandidates(
  strategy: RoutingStrategy,
  candidates: RouteCandidate[],
  context: StrategyContext,
): OrderedCandidates {
  switch (strategy) {
    case 'FALLBACK':
      return fallback(candidates);
    case 'WEIGHTED':
      return weighted(candidates, context.random);
    case 'CHEAPEST':
      return cheapest(candidates, context);
    case 'FASTEST':
      return fastest(candidates, context.health);
    case 'COMPLEXITY':
      return complexity(candidates, context);
    default:
      throw new UnreachableCaseError(strategy);
  }
}

/** Priority order; equal priorities keep registration order. */
export function byPriority(candidates: RouteCandidate[]): RouteCandidate[] {
  return candidates
    .map((candidate, index) => ({ candidate, index }))
    .sort(
      (a, b) =>
        a.candidate.implementation.priority - b.candidate.implementation.priority || a.index - b.index,
    )
    .map(({ candidate }) => candidate);
}

function fallback(candidates: RouteCandidate[]): OrderedCandidates {
  const ordered = byPriority(candidates);
  const leader = ordered[0]!;
  return {
    candidates: ordered,
    reason: `FALLBACK: ${leader.model.name} comes first in priority order (priority ${leader.implementation.priority})`,
  };
}

/**
 * A weighted draw without replacement (Efraimidis–Spirakis: key = u^(1/w), highest first), so the
 * leader is picked with probability weight / total and the fallbacks follow by weight too.
 */
function weighted(candidates: RouteCandidate[], random: () => number): OrderedCandidates {
  const ordered = byPriority(candidates)
    .map((candidate) => {
      const weight = candidate.implementation.weight;
      return { candidate, key: weight > 0 ? random() ** (1 / weight) : -1 };
    })
    .sort((a, b) => b.key - a.key)
    .map(({ candidate }) => candidate);
  const leader = ordered[0]!;
  const total = candidates.reduce((sum, candidate) => sum + Math.max(0, candidate.implementation.weight), 0);
  const share = total > 0 ? Math.round((Math.max(0, leader.implementation.weight) / total) * 100) : 0;
  return {
    candidates: ordered,
    reason: `WEIGHTED: ${leader.model.name} was drawn by weight (${leader.implementation.weight} of ${total}, ${share}% of traffic)`,
  };
}

function cheapest(candidates: RouteCandidate[], context: StrategyContext): OrderedCandidates {
  const ordered = stableSort(candidates, (a, b) => a.estimatedCostUsd - b.estimatedCostUsd);
  const leader = ordered[0]!;
  const next = ordered[1];
  return {
    candidates: ordered,
    reason:
      `CHEAPEST: ${leader.model.name} has the lowest estimated cost, ${usd(leader.estimatedCostUsd)} for ` +
      `${context.inputTokens} input and ${context.outputTokens} output tokens` +
      (next ? ` (next: ${next.model.name} at ${usd(next.estimatedCostUsd)})` : ''),
  };
}

/** Lowest shared latency EWMA first; models without recent data lead until they have some (exploration). */
function fastest(candidates: RouteCandidate[], health: ModelHealth): OrderedCandidates {
  const latency = new Map(
    candidates.map((candidate) => [candidate, health.snapshot(candidate.model.name).latencyMsEwma]),
  );
  const unmeasured = byPriority(candidates.filter((candidate) => latency.get(candidate) === undefined));
  const measured = stableSort(
    candidates.filter((candidate) => latency.get(candidate) !== undefined),
    (a, b) => latency.get(a)! - latency.get(b)!,
  );
  const ordered = [...unmeasured, ...measured];
  const leader = ordered[0]!;
  const leaderLatency = latency.get(leader);
  const next = measured.find((candidate) => candidate !== leader);
  return {
    candidates: ordered,
    reason:
      leaderLatency === undefined
        ? `FASTEST: ${leader.model.name} has no recent latency data yet, so it is tried first to measure it`
        : `FASTEST: ${leader.model.name} has the lowest observed latency (EWMA ${Math.round(leaderLatency)} ms` +
          (next ? `; next: ${next.model.name} at ${Math.round(latency.get(next)!)} ms)` : ')'),
  };
}

/**
 * Simple inputs (score below the threshold) go to the lowest tier, cheapest model first; hard ones
 * to the highest tier first. Models without a tier count as the lowest.
 */
function complexity(candidates: RouteCandidate[], context: StrategyContext): OrderedCandidates {
  const threshold = context.capability.routing.complexityThreshold ?? DEFAULT_COMPLEXITY_THRESHOLD;
  const { score, factors } = scoreComplexity(context.input, context.outputTokens, context.inputTokens);
  const simple = score < threshold;
  const tier = (candidate: RouteCandidate) => candidate.model.qualityTier ?? 0;
  const ordered = stableSort(
    candidates,
    (a, b) => (simple ? tier(a) - tier(b) : tier(b) - tier(a)) || a.estimatedCostUsd - b.estimatedCostUsd,
  );
  const leader = ordered[0]!;
  const tierText = leader.model.qualityTier === undefined ? 'untiered' : `tier ${leader.model.qualityTier}`;
  const detail = `length ${factors.length}, rarity ${factors.rarity}, reasoning ${factors.reasoning}, output ${factors.output}`;
  return {
    candidates: ordered,
    reason: simple
      ? `complexity ${score.toFixed(2)} < ${threshold}: routed to ${tierText} model ${leader.model.name}, the cheapest of the lowest tier (${detail})`
      : `complexity ${score.toFixed(2)} ≥ ${threshold}: routed to ${tierText} model ${leader.model.name} (${detail})`,
  };
}

/** Sorts by `compare`, then priority, then registration order. */
function stableSort(
  candidates: RouteCandidate[],
  compare: (a: RouteCandidate, b: RouteCandidate) => number,
): RouteCandidate[] {
  const indexed = byPriority(candidates).map((candidate, index) => ({ candidate, index }));
  return indexed
    .sort((a, b) => compare(a.candidate, b.candidate) || a.index - b.index)
    .map(({ candidate }) => candidate);
}

export function usd(amount: number): string {
  if (amount === 0) return '$0';
  return amount < 0.000001 ? `$${amount.toExponential(2)}` : `$${amount.toFixed(6)}`;
}
