/**
 * Turns a capability, an input and options into an ordered list of candidates, with the reason the
 * leader leads: implementations (or the pinned model), minus models that cannot serve or cost more
 * than `maxCostUsd`, ordered by the strategy (strategies.ts); models behind an open breaker go last.
 * Planning reads only memory (registry snapshot, health mirror): no I/O.
 */
import { BadUserInputError, NoRouteError } from '../errors/app-error.js';
import type { CapabilityHandler } from '../capabilities/handler.types.js';
import type { InvokeOptions } from '../capabilities/capability.types.js';
import type { RegistryService } from '../registry/registry.service.js';
import type {
  CapabilityInfo,
  ImplementationInfo,
  ModelInfo,
  ProviderInfo,
  RoutingStrategy,
} from '../registry/registry.types.js';
import { DEFAULT_MAX_IN_FLIGHT_PER_PROVIDER, ProviderConcurrency } from './concurrency.js';
import type { ModelHealth } from './model-health.js';
import { byPriority, orderCandidates } from './strategies.js';
import { UsageEstimator, weightedLength } from './usage-estimator.js';

export interface RouteCandidate {
  implementation: ImplementationInfo;
  model: ModelInfo;
  provider: ProviderInfo;
  local: boolean;
  estimatedInputTokens: number;
  estimatedOutputTokens: number;
  estimatedCostUsd: number;
}

export interface RoutePlan {
  strategy: RoutingStrategy;
  candidates: RouteCandidate[];
  /** A sentence on why the first candidate leads. */
  reason: string;
  maxAttempts: number;
  timeoutMs: number;
  /**
   * The caller shortened the timeout below the capability's own: a timeout under it says nothing
   * about the model, so it must not count against the model's (shared) health.
   */
  callerShortenedTimeout: boolean;
  /** Models left out, with why (for error messages and reasons). */
  skipped: string[];
}

export const DEFAULT_TIMEOUT_MS = 60_000;
const PROMPT_OVERHEAD_TOKENS = 40;

export function estimateCost(model: ModelInfo, inputTokens: number, outputTokens: number): number {
  return (inputTokens * model.pricing.inputPer1M + outputTokens * model.pricing.outputPer1M) / 1_000_000;
}

export interface RouterOptions {
  /** Calls in flight per provider before further calls queue (default 64). */
  maxInFlightPerProvider?: number;
  /** Uniform in [0, 1), for WEIGHTED (tests pass a seeded one). */
  random?: () => number;
}

export class Router {
  /** The per-provider cap on calls in flight, shared by every execution of this instance. */
  readonly concurrency: ProviderConcurrency;
  /** Running token estimates per (capability, model), calibrated by `observe`. */
  readonly estimator = new UsageEstimator();
  private readonly random: () => number;

  constructor(
    private readonly registry: RegistryService,
    private readonly health: ModelHealth,
    options: RouterOptions = {},
  ) {
    this.concurrency = new ProviderConcurrency(
      options.maxInFlightPerProvider ?? DEFAULT_MAX_IN_FLIGHT_PER_PROVIDER,
    );
    this.random = options.random ?? Math.random;
  }

  plan(
    capability: CapabilityInfo,
    handler: CapabilityHandler<unknown, unknown>,
    input: unknown,
    options: InvokeOptions = {},
  ): RoutePlan {
    const strategy = options.strategy ?? capability.routing.strategy;
    const inputText = handler.inputText(input);
    // Length-based (no tokenizer on the request path); per model calibrated below.
    const inputTokens = Math.ceil(weightedLength(inputText)) + PROMPT_OVERHEAD_TOKENS;
    const outputTokens = handler.expectedOutputTokens(input);
    const skipped: string[] = [];
    const tooExpensive: string[] = [];

    let implementations = capability.implementations;
    if (options.model) {
      const pinned = implementations.find((implementation) => implementation.model === options.model);
      if (pinned) implementations = [pinned];
      else if (this.registry.model(options.model)) {
        implementations = [{ model: options.model, priority: 0, weight: 1 }];
      } else throw new BadUserInputError(`options.model: no model named "${options.model}".`);
    }

    const candidates: RouteCandidate[] = [];
    for (const implementation of implementations) {
      const model = this.registry.model(implementation.model);
      const provider = model ? this.registry.provider(model.provider) : undefined;
      if (!model || !provider) {
        skipped.push(`${implementation.model} (not registered)`);
        continue;
      }
      const local = provider.kind === 'LOCAL';
      if (local && !handler.localModels.includes(model.name)) {
        skipped.push(`${model.name} (a local model for another capability)`);
        continue;
      }
      if (!local && handler.localModels.length > 0 && capability.name === 'retrieve') {
        skipped.push(`${model.name} (retrieve runs on the knowledge index)`);
        continue;
      }
      const estimate = local
        ? { inputTokens, outputTokens }
        : this.estimator.estimate(capability.name, model.name, inputText, outputTokens);
      const estimatedCostUsd = estimateCost(model, estimate.inputTokens, estimate.outputTokens);
      if (options.maxCostUsd !== undefined && estimatedCostUsd > options.maxCostUsd) {
        skipped.push(
          `${model.name} (estimated $${estimatedCostUsd.toFixed(6)} > maxCostUsd $${options.maxCostUsd})`,
        );
        tooExpensive.push(model.name);
        continue;
      }
      candidates.push({
        implementation,
        model,
        provider,
        local,
        estimatedInputTokens: estimate.inputTokens,
        estimatedOutputTokens: estimate.outputTokens,
        estimatedCostUsd,
      });
    }
    if (candidates.length === 0) {
      throw new NoRouteError(
        `No model can serve "${capability.name}"${skipped.length ? `: ${skipped.join('; ')}` : ' (no implementations)'}.`,
      );
    }
    // Strategies choose among models that may be called now; those behind an open breaker go last,
    // tried only if everything else fails and their breaker has let a probe through by then.
    const available = candidates.filter((candidate) => this.health.isAvailable(candidate.model.name));
    const open = byPriority(candidates.filter((candidate) => !this.health.isAvailable(candidate.model.name)));
    const context = {
      health: this.health,
      input: inputText,
      inputTokens,
      outputTokens,
      capability,
      random: this.random,
    };
    const ordered = available.length > 0 ? orderCandidates(strategy, available, context) : undefined;
    const final = [...(ordered?.candidates ?? []), ...open];

    const notes: string[] = [];
    if (open.length > 0)
      notes.push(`${open.map((candidate) => candidate.model.name).join(', ')} skipped: circuit open`);
    if (tooExpensive.length > 0) notes.push(`${tooExpensive.join(', ')} skipped: above maxCostUsd`);
    const lead = options.model
      ? `${final[0]!.model.name} was pinned by the caller`
      : (ordered?.reason ?? `every candidate's circuit is open`);
    return {
      strategy,
      candidates: final,
      reason: notes.length > 0 ? `${lead} (${notes.join('; ')})` : lead,
      maxAttempts: capability.routing.maxAttempts ?? Math.max(3, final.length),
      timeoutMs: options.timeoutMs ?? capability.routing.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      callerShortenedTimeout:
        options.timeoutMs !== undefined &&
        options.timeoutMs < (capability.routing.timeoutMs ?? DEFAULT_TIMEOUT_MS),
      skipped,
    };
  }

  /** Calibrates the running estimates from the usage a remote model reported for this input. */
  observe(
    capability: CapabilityInfo,
    handler: CapabilityHandler<unknown, unknown>,
    input: unknown,
    candidate: RouteCandidate,
    usage: { inputTokens: number; outputTokens: number },
  ): void {
    if (candidate.local) return;
    this.estimator.observe(capability.name, candidate.model.name, handler.inputText(input), usage);
  }
}
