/**
 * The one service layer behind every front door (GraphQL typed mutations, `invoke`, streams, `/v1`):
 * resolve → admit (role, visibility, rate limit, budget) → validate → mask → cache → route → execute
 * → unmask → cache store → usage + budget settle → events. See DESIGN.md, "The request path".
 */
import { randomUUID } from 'node:crypto';
import {
  AppError,
  BadUserInputError,
  ForbiddenError,
  InternalError,
  NotFoundError,
} from '../errors/app-error.js';
import { hasRole, type Principal } from '../governance/auth/principal.js';
import type { ResponseCache } from '../governance/cache/index.js';
import { responseCacheKey } from '../governance/cache/index.js';
import type { GovernanceGate, RunAdmission } from '../governance/gate.js';
import { StreamUnmasker } from '../governance/masking/stream-unmasker.js';
import { maskerForStoredPolicy, type Masker } from '../governance/masking/index.js';
import type { KnowledgeService } from '../knowledge/knowledge.service.js';
import type { Logger } from '../infra/logger.js';
import type { ModelProvider } from '../providers/provider.types.js';
import type { RegistryService } from '../registry/registry.service.js';
import type { CapabilityInfo } from '../registry/registry.types.js';
import { executePlan, type ExecutionFailure } from '../routing/executor.js';
import type { ModelHealth } from '../routing/model-health.js';
import { estimateCost, type Router } from '../routing/router.js';
import type { RunTracker } from '../runs/run-tracker.js';
import type { UsageEvent, UsageRecorder } from '../usage/usage.types.js';
import type { InvocationRequest, InvocationResult, RunEventPayload, RunMeta } from './capability.types.js';
import { CHAT_CAPABILITY, chatCapabilityFor } from './chat/chat.capability.js';
import { partialOutputTrackerFor, type PartialOutputTracker } from './custom/partial-output.js';
import { handlerFor } from './handlers.js';

export interface InvocationServiceOptions {
  registry: RegistryService;
  router: Router;
  health: ModelHealth;
  gate: GovernanceGate;
  cache: ResponseCache;
  knowledge: KnowledgeService;
  usage: () => UsageRecorder | undefined;
  /** Publishes run events for `runEvents` followers on any instance. */
  publishRunEvent: (event: RunEventPayload) => void;
  /** Org-wide default masking policy, if any. */
  defaultMaskingPolicy: (orgId: string) => CapabilityInfo['maskingPolicy'];
  onBudgetSoftExceeded?: (
    principal: Principal,
    rules: RunAdmission['softExceeded'],
    runId: string,
    capability: string,
  ) => void;
  /** Run records and leases (src/runs/run-tracker.ts); absent: runs are not stored. */
  runs?: RunTracker;
  /** The provider clients model calls use; default `registry.client` (the app wraps it for metrics and tracing). */
  clientFor?: (providerName: string) => ModelProvider;
  logger: Logger;
}

export class InvocationService {
  constructor(private readonly options: InvocationServiceOptions) {}

  /** The capability as the principal may see it, or NOT_FOUND (invisible capabilities do not exist for them). */
  visibleCapability(name: string, principal: Principal): CapabilityInfo {
    const capability = this.options.registry.capability(name);
    if (!capability || !isVisibleTo(capability, principal))
      throw new NotFoundError(`Unknown capability "${name}".`);
    return capability;
  }

  async invoke(request: InvocationRequest): Promise<InvocationResult> {
    const { principal } = request;
    const runId = request.runId ?? `run_${randomUUID()}`;
    const started = Date.now();
    // Only a run whose id was handed out before it started (startRun, invokeStream) can have
    // followers; the others (invoke, typed mutations, /v1) would publish — on Redis, a write and a
    // publish per event — to nobody. Measured: ~1.5× requests/s on /v1 without those writes.
    const followable = request.runId !== undefined;
    const emit = (event: Omit<RunEventPayload, 'runId' | 'at'>) => {
      const payload: RunEventPayload = { runId, at: new Date().toISOString(), ...event };
      request.onEvent?.(payload);
      if (followable) this.options.publishRunEvent(payload);
    };

    // The internal chat capability is the /v1 front door's own (it validates OpenAI parameters there).
    const capability =
      request.capability === CHAT_CAPABILITY && request.frontDoor === 'v1'
        ? chatCapabilityFor(request)
        : this.visibleCapability(request.capability, principal);
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
    const handler = handlerFor(capability);
    const input = handler.parseInput(request.input, capability);
    const plan = this.options.router.plan(capability, handler, input, request.options);
    emit({ type: 'STARTED' });
    this.options.runs?.started({ runId, principal, capability, frontDoor: request.frontDoor, followable });

    let admission: RunAdmission | undefined;
    let streamUnmasker: StreamUnmasker | undefined;
    let partialOutput: PartialOutputTracker | undefined;
    try {
      const policy = capability.maskingPolicy ?? this.options.defaultMaskingPolicy(principal.orgId);
      const masker: Masker | undefined = policy ? maskerForStoredPolicy(policy) : undefined;
      const maskedInput = masker ? masker.maskJson(input) : input;

      const useCache =
        (request.options?.cache ?? capability.cache?.enabled ?? false) && capability.cache !== undefined;
      const cacheKey = useCache
        ? responseCacheKey({
            capability: capability.name,
            version: capability.version,
            input: maskedInput,
            options: { model: request.options?.model, strategy: request.options?.strategy },
            // Knowledge bases are per team, so retrieve answers are never shared across teams.
            scope:
              capability.cache?.shareable && capability.name !== 'retrieve' ? 'shared' : principal.teamId,
          })
        : undefined;
      // Admission comes before the cache: a cached answer still counts against rate limits.
      const lead = plan.candidates[0]!;
      admission = await this.options.gate.admit(principal, {
        tokens: lead.estimatedInputTokens + lead.estimatedOutputTokens,
        costUsd: Math.max(...plan.candidates.map((candidate) => candidate.estimatedCostUsd)),
      });
      this.options.runs?.admitted(runId, admission);
      if (cacheKey) {
        const hit = await this.options.cache.get(cacheKey).catch(() => undefined);
        if (hit) {
          const cached = JSON.parse(hit) as { output: unknown; model: string; provider: string };
          const output = masker ? masker.unmaskJson(cached.output) : cached.output;
          const meta: RunMeta = {
            runId,
            capability: capability.name,
            model: cached.model,
            provider: cached.provider,
            cached: true,
            usage: { inputTokens: 0, outputTokens: 0, costUsd: 0, latencyMs: Date.now() - started },
            attempts: [],
            reason: 'served from the response cache',
          };
          await admission.settle({ tokens: 0, costUsd: 0 }).catch(() => undefined);
          this.recordUsage(request, capability, meta, 'ok', undefined, undefined, { output });
          emit({ type: 'COMPLETED', output, meta });
          return { output, meta };
        }
      }
      if (masker && request.onEvent) streamUnmasker = new StreamUnmasker(masker);
      partialOutput = request.onEvent ? partialOutputTrackerFor(capability) : undefined;

      const result = await executePlan({
        capability,
        handler,
        plan,
        signal: request.signal,
        onDelta: request.onEvent
          ? (delta) => {
              const text = streamUnmasker ? streamUnmasker.push(delta) : delta;
              if (text) emit({ type: 'DELTA', delta: text, ...partialOutput?.push(text) });
            }
          : undefined,
        onRouted: (candidate) => emit({ type: 'ROUTED', model: candidate.model.name }),
        onAttemptFailed: (attempt, message) =>
          emit({ type: 'ATTEMPT_FAILED', model: attempt.model, errorCode: attempt.errorCode, message }),
        principal: { orgId: principal.orgId, teamId: principal.teamId, admin: hasRole(principal, 'ADMIN') },
        knowledge: this.options.knowledge,
        clientFor: this.options.clientFor ?? ((name) => this.options.registry.client(name)),
        health: this.options.health,
        concurrency: this.options.router.concurrency,
        // Remote models get the masked input; local ones run in process on the original.
        inputFor: (local) => (local ? input : maskedInput),
      });
      const costUsd = estimateCost(result.candidate.model, result.inputTokens, result.outputTokens);
      await admission
        .settle({ tokens: result.inputTokens + result.outputTokens, costUsd })
        .catch((error: unknown) =>
          this.options.logger.error({ err: error, runId }, 'settling budget failed'),
        );
      const rawOutput = result.output;
      const output = masker && !result.candidate.local ? masker.unmaskJson(rawOutput) : rawOutput;
      const meta: RunMeta = {
        runId,
        capability: capability.name,
        model: result.candidate.model.name,
        provider: result.candidate.provider.name,
        cached: false,
        usage: {
          inputTokens: result.inputTokens,
          outputTokens: result.outputTokens,
          costUsd,
          latencyMs: Date.now() - started,
        },
        attempts: result.attempts,
        reason:
          plan.reason +
          (result.attempts.length > 1
            ? `; served by ${result.candidate.model.name} after ${result.attempts.length - 1} failed attempt(s)`
            : ''),
      };
      if (cacheKey && !(masker && result.candidate.local)) {
        const stored = JSON.stringify({ output: rawOutput, model: meta.model, provider: meta.provider });
        await this.options.cache.set(cacheKey, stored, capability.cache!.ttlSeconds).catch(() => undefined);
      }
      if (admission.softExceeded.length > 0)
        this.options.onBudgetSoftExceeded?.(principal, admission.softExceeded, runId, capability.name);
      this.recordUsage(request, capability, meta, 'ok', undefined, admission.softExceeded.length > 0, {
        output,
      });
      const tail = streamUnmasker?.flush();
      if (tail) emit({ type: 'DELTA', delta: tail, ...partialOutput?.push(tail) });
      emit({ type: 'COMPLETED', output, meta });
      return { output, meta };
    } catch (caught) {
      const error = caught instanceof AppError ? caught : new InternalError(undefined, { cause: caught });
      const failure = caught as Partial<ExecutionFailure>;
      const partial = failure.partialUsage;
      const costUsd = partial
        ? estimateCost(partial.candidate.model, partial.inputTokens, partial.outputTokens)
        : 0;
      if (partial) {
        await admission
          ?.settle({ tokens: partial.inputTokens + partial.outputTokens, costUsd })
          .catch(() => undefined);
      } else {
        await admission?.release(0).catch(() => undefined);
      }
      const last = failure.attempts?.at(-1);
      this.recordUsage(
        request,
        capability,
        {
          runId,
          capability: capability.name,
          model: partial?.candidate.model.name ?? last?.model ?? '',
          provider: partial?.candidate.provider.name ?? last?.provider ?? '',
          cached: false,
          usage: {
            inputTokens: partial?.inputTokens ?? 0,
            outputTokens: partial?.outputTokens ?? 0,
            costUsd,
            latencyMs: Date.now() - started,
          },
          attempts: failure.attempts ?? [],
          reason: plan.reason,
        },
        'error',
        error.code,
        undefined,
        { errorMessage: error.message },
      );
      const tail = streamUnmasker?.flush();
      if (tail) emit({ type: 'DELTA', delta: tail });
      emit({ type: 'FAILED', errorCode: error.code, message: error.message });
      throw error;
    }
  }

  private recordUsage(
    request: InvocationRequest,
    capability: CapabilityInfo,
    meta: RunMeta,
    status: 'ok' | 'error',
    errorCode?: string,
    overBudget?: boolean,
    outcome: { output?: unknown; errorMessage?: string } = {},
  ): void {
    const usage: UsageEvent = {
      runId: meta.runId,
      at: new Date(),
      orgId: request.principal.orgId,
      teamId: request.principal.teamId,
      keyId: request.principal.id,
      capability: capability.name,
      capabilityVersion: capability.version,
      model: meta.model,
      provider: meta.provider,
      inputTokens: meta.usage.inputTokens,
      outputTokens: meta.usage.outputTokens,
      costUsd: meta.usage.costUsd,
      latencyMs: meta.usage.latencyMs,
      status,
      errorCode,
      cached: meta.cached,
      overBudget,
      frontDoor: request.frontDoor,
    };
    this.options.usage()?.record(usage);
    this.options.runs?.ended({
      usage,
      capability,
      followable: request.runId !== undefined,
      attempts: meta.attempts,
      input: request.input,
      ...outcome,
    });
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
}

export function isVisibleTo(capability: CapabilityInfo, principal: Principal): boolean {
  return (
    capability.teams.length === 0 ||
    hasRole(principal, 'ADMIN') ||
    capability.teams.includes(principal.teamName)
  );
}
