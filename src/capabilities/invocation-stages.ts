/**
 * The pure stages of an invocation (see `InvocationService.invoke`): the checks of resolve and
 * validate, the response-cache key, and the run's meta and usage account, built in one place for
 * success, cache hit and failure alike.
 */
import { BadUserInputError, ForbiddenError } from '../errors/app-error.js';
import { hasRole, type Principal } from '../governance/auth/principal.js';
import { responseCacheKey } from '../governance/cache/index.js';
import type { CapabilityInfo } from '../registry/registry.types.js';
import type { CallAccount } from '../calls/model-call.types.js';
import type { RouteCandidate } from '../routing/router.js';
import { estimateCost } from '../routing/router.js';
import type { InvocationRequest, RouteAttempt, RunMeta } from './capability.types.js';

/** Role, pinning and lifecycle rules for invoking `capability` (FORBIDDEN / BAD_USER_INPUT). */
export function checkInvocable(capability: CapabilityInfo, request: InvocationRequest): void {
  const { principal } = request;
  if (!hasRole(principal, 'MEMBER'))
    throw new ForbiddenError('Invoking capabilities requires the MEMBER role.');
  validateInvokeOptions(request.options);
  const pinned = request.options?.model;
  if (
    pinned &&
    !capability.implementations.some((implementation) => implementation.model === pinned) &&
    !hasRole(principal, 'MAINTAINER')
  ) {
    // A pin outside the implementations could send the data to a provider the owners did not choose.
    throw new ForbiddenError(
      `Pinning "${pinned}", which is not an implementation of "${capability.name}", requires the MAINTAINER role.`,
    );
  }
  if (capability.status === 'deprecated') {
    throw new BadUserInputError(
      `Capability "${capability.name}" is deprecated and can no longer be invoked.`,
    );
  }
}

/** Caller-supplied options: bounded like the registry's routing policy (BAD_USER_INPUT otherwise). */
function validateInvokeOptions(options: InvocationRequest['options']): void {
  if (!options) return;
  const { timeoutMs, maxCostUsd } = options;
  if (timeoutMs !== undefined && !(Number.isInteger(timeoutMs) && timeoutMs >= 100 && timeoutMs <= 600_000)) {
    throw new BadUserInputError('options.timeoutMs must be an integer from 100 to 600000.');
  }
  if (maxCostUsd !== undefined && !(Number.isFinite(maxCostUsd) && maxCostUsd >= 0)) {
    throw new BadUserInputError('options.maxCostUsd must be a number ≥ 0.');
  }
  if (options.ifLastTurn !== undefined && options.conversationId === undefined) {
    throw new BadUserInputError('options.ifLastTurn needs options.conversationId.');
  }
}

/** The response-cache key of this call, or undefined when the call is not cached. */
export function cacheKeyOf(
  capability: CapabilityInfo,
  request: InvocationRequest,
  maskedInput: unknown,
): string | undefined {
  const useCache =
    (request.options?.cache ?? capability.cache?.enabled ?? false) && capability.cache !== undefined;
  if (!useCache) return undefined;
  return responseCacheKey({
    capability: capability.name,
    version: capability.version,
    input: maskedInput,
    options: { model: request.options?.model, strategy: request.options?.strategy },
    // Knowledge bases are per team, so retrieve answers are never shared across teams.
    scope:
      capability.cache?.shareable && capability.name !== 'retrieve' ? 'shared' : request.principal.teamId,
  });
}

/** What a run consumed and who served it; the same shape for success, cache hit and failure. */
export interface RunFacts {
  runId: string;
  capability: CapabilityInfo;
  started: number;
  /** The candidate that served (or that consumed tokens before failing); none for a cache hit. */
  candidate?: RouteCandidate;
  /** A cache hit names the model and provider that produced the cached answer. */
  servedBy?: { model: string; provider: string };
  inputTokens: number;
  outputTokens: number;
  cached: boolean;
  attempts: readonly RouteAttempt[];
  reason: string;
}

export function runMetaOf(facts: RunFacts): RunMeta {
  const { candidate } = facts;
  const last = facts.attempts.at(-1);
  return {
    runId: facts.runId,
    capability: facts.capability.name,
    model: candidate?.model.name ?? facts.servedBy?.model ?? last?.model ?? '',
    provider: candidate?.provider.name ?? facts.servedBy?.provider ?? last?.provider ?? '',
    cached: facts.cached,
    usage: {
      inputTokens: facts.inputTokens,
      outputTokens: facts.outputTokens,
      costUsd: candidate ? estimateCost(candidate.model, facts.inputTokens, facts.outputTokens) : 0,
      latencyMs: Date.now() - facts.started,
    },
    attempts: [...facts.attempts],
    reason: facts.reason,
  };
}

/** The usage account of a run, from its meta. */
export function accountOf(meta: RunMeta, capability: CapabilityInfo): CallAccount {
  return {
    runId: meta.runId,
    capability: meta.capability,
    capabilityVersion: capability.version,
    model: meta.model,
    provider: meta.provider,
    inputTokens: meta.usage.inputTokens,
    outputTokens: meta.usage.outputTokens,
    costUsd: meta.usage.costUsd,
    latencyMs: meta.usage.latencyMs,
    cached: meta.cached,
    attempts: meta.attempts,
  };
}

export function isVisibleTo(capability: Pick<CapabilityInfo, 'teams'>, principal: Principal): boolean {
  return (
    capability.teams.length === 0 ||
    hasRole(principal, 'ADMIN') ||
    capability.teams.includes(principal.teamName)
  );
}
