/**
 * Runs a route plan: candidates in order, each admitted by its circuit breaker (an open one is
 * skipped, a half-open one lets one probe through), per-attempt timeouts, retries with exponential
 * backoff and jitter on retryable failures (honouring Retry-After when it fits the time budget),
 * then fallback to the next candidate, never more than `maxAttempts` calls in all. Deltas stream as
 * they come; once one has reached the caller there is no silent fallback: the run fails instead, so
 * a cut stream never looks like a clean finish. A failure is an `ExecutionError`: the attempts made
 * and the tokens produced before it (which are still charged).
 */
import { AppError, ErrorCode, NoRouteError, ProviderError, TimeoutError } from '../errors/app-error.js';
import type { RouteAttempt } from '../capabilities/capability.types.js';
import type { CapabilityHandler, LocalRunContext } from '../capabilities/handler.types.js';
import type { KnowledgeService } from '../knowledge/knowledge.service.js';
import { countTextTokens } from '../nlp/token-count.js';
import type { ChatMessage, ModelProvider, ToolCallDelta } from '../providers/provider.types.js';
import type { CapabilityInfo } from '../registry/registry.types.js';
import { runAttempt } from './attempt.js';
import { attemptSignal } from './attempt-signal.js';
import { ExecutionError, type PartialUsage } from './execution-error.js';
import { ProviderSaturatedError, type ProviderConcurrency } from './concurrency.js';
import type { Admission, ModelHealth } from './model-health.js';
import { retryDelay, RETRIES_PER_CANDIDATE, sleep } from './retry-policy.js';
import type { RouteCandidate, RoutePlan } from './router.js';

export interface ExecutionResult {
  output: unknown;
  candidate: RouteCandidate;
  inputTokens: number;
  outputTokens: number;
  attempts: RouteAttempt[];
  /** Models passed over because their breaker was open (or another instance held the probe). */
  bypassed: string[];
  /** A remote answer: the prompt's own messages and the answer (what a conversation turn stores). */
  exchange?: { prompt: ChatMessage[]; answer: ChatMessage };
}

export interface ExecuteOptions {
  capability: CapabilityInfo;
  handler: CapabilityHandler<unknown, unknown>;
  /** The input for a candidate: local models get the original, remote ones the masked input. */
  inputFor: (local: boolean) => unknown;
  plan: RoutePlan;
  /** The caller's signal: when it fires, the upstream call is aborted and the run ends. */
  signal?: AbortSignal;
  /** When set, text deltas are streamed (remote streaming, local sentence by sentence). */
  onDelta?: (text: string) => void;
  /** With `onDelta`: pieces of streamed tool calls. Like text, once one is out there is no fallback. */
  onToolCallDelta?: (delta: ToolCallDelta) => void;
  onAttemptFailed?: (attempt: RouteAttempt, message: string) => void;
  onRouted?: (candidate: RouteCandidate) => void;
  principal: LocalRunContext['principal'];
  /** The caller, for model calls local implementations make through the seam. */
  caller?: LocalRunContext['caller'];
  knowledge?: KnowledgeService;
  clientFor: (providerName: string) => ModelProvider;
  health: ModelHealth;
  /** Per-provider cap on calls in flight (`Router.concurrency`); none when unset. */
  concurrency?: ProviderConcurrency;
  /**
   * A conversation's earlier turns for a remote candidate, placed after the prompt's system messages
   * (src/conversations/conversation-context.ts); unset outside conversations.
   */
  historyFor?: (
    candidate: RouteCandidate,
    prompt: readonly ChatMessage[],
    maxOutputTokens: number | undefined,
    signal: AbortSignal,
  ) => Promise<ChatMessage[]>;
  /** The most output tokens a candidate may be asked for (what a HARD budget can pay); none when unset. */
  maxOutputTokensFor?: (candidate: RouteCandidate) => number | undefined;
}

/** Extra lease time of a half-open probe beyond its attempt timeout. */
const PROBE_LEASE_MARGIN_MS = 1_000;

export async function executePlan(options: ExecuteOptions): Promise<ExecutionResult> {
  const { plan, signal, health } = options;
  const attempts: RouteAttempt[] = [];
  const bypassed: string[] = [];
  const deadline = Date.now() + plan.timeoutMs * Math.max(1, plan.maxAttempts);
  let lastError: AppError | undefined;
  let deltasSent = false;
  let partialUsage: PartialUsage | undefined;

  for (let index = 0; index < plan.candidates.length && attempts.length < plan.maxAttempts; index++) {
    const candidate = plan.candidates[index]!;
    const model = candidate.model.name;
    const pending = health.admit(model, plan.timeoutMs + PROBE_LEASE_MARGIN_MS);
    const admission: Admission = typeof pending === 'string' ? pending : await pending;
    if (admission === 'rejected') {
      bypassed.push(model);
      continue;
    }
    options.onRouted?.(candidate);
    for (let retries = 0; ; retries++) {
      if (signal?.aborted) throw withAttempts(callerGone(signal.reason), attempts, partialUsage);
      const started = Date.now();
      const attempt = attemptSignal(signal, plan.timeoutMs);
      let producedText = '';
      const onDelta = options.onDelta
        ? (text: string) => {
            producedText += text;
            deltasSent = true;
            options.onDelta!(text);
          }
        : undefined;
      try {
        const onToolCallDelta = options.onToolCallDelta
          ? (delta: ToolCallDelta) => {
              producedText += delta.argumentsDelta;
              deltasSent = true;
              options.onToolCallDelta!(delta);
            }
          : undefined;
        const result = await runAttempt(options, candidate, attempt.signal, onDelta, onToolCallDelta);
        const latencyMs = Date.now() - started;
        health.recordSuccess(model, latencyMs);
        attempts.push({ model, provider: candidate.provider.name, ok: true, latencyMs });
        return { ...result, candidate, attempts, bypassed };
      } catch (caught) {
        const error = normalizeError(caught, signal, attempt.signal);
        const latencyMs = Date.now() - started;
        const failed: RouteAttempt = {
          model,
          provider: candidate.provider.name,
          ok: false,
          errorCode: error.code,
          latencyMs,
        };
        attempts.push(failed);
        lastError = error;
        if (producedText) {
          partialUsage = {
            candidate,
            inputTokens: candidate.estimatedInputTokens,
            outputTokens: countTextTokens(producedText),
          };
        }
        // The caller left: not the model's fault, and nobody is waiting for another attempt.
        if (signal?.aborted) throw withAttempts(error, attempts, partialUsage);
        // A full queue here says nothing about the model, nor does missing a deadline the caller
        // shortened: the model's breaker is left alone (callers must not open it for everyone).
        const callerDeadline = plan.callerShortenedTimeout && error instanceof TimeoutError;
        if (!(error instanceof ProviderSaturatedError) && !callerDeadline)
          health.recordFailure(model, latencyMs, error.isRetryable);
        options.onAttemptFailed?.(failed, error.message);
        if (deltasSent) throw withAttempts(error, attempts, partialUsage);
        const wait = retryWait(options, error, {
          index,
          retries,
          admission,
          attempts: attempts.length,
          deadline,
        });
        if (wait === undefined) break;
        try {
          await sleep(wait, signal);
        } catch (reason) {
          throw withAttempts(callerGone(reason), attempts, partialUsage);
        }
        // The breaker may have opened meanwhile (our failures, or another instance's).
        if (!health.isAvailable(model)) break;
      } finally {
        attempt.dispose();
      }
    }
  }
  if (attempts.length === 0) {
    throw withAttempts(
      new NoRouteError(
        `Every candidate model is unavailable right now (circuit open): ${bypassed.join(', ')}.`,
        {
          isRetryable: true,
        },
      ),
      attempts,
    );
  }
  const final = lastError ?? new ProviderError('Every candidate model failed.');
  throw withAttempts(final, attempts, partialUsage);
}

/**
 * How long to wait before calling the same candidate again, or undefined to move on: only for
 * retryable failures, not for a probe (its failure has just reopened the breaker), at most
 * `RETRIES_PER_CANDIDATE` times, while the breaker stays closed, keeping one attempt for each
 * untried candidate, and only if the wait (Retry-After or backoff) ends before the time budget.
 */
function retryWait(
  options: ExecuteOptions,
  error: AppError,
  state: { index: number; retries: number; admission: Admission; attempts: number; deadline: number },
): number | undefined {
  const { plan, health } = options;
  if (!error.isRetryable || error instanceof ProviderSaturatedError || state.admission === 'probe')
    return undefined;
  if (state.retries >= RETRIES_PER_CANDIDATE || state.attempts >= plan.maxAttempts) return undefined;
  if (!health.isAvailable(plan.candidates[state.index]!.model.name)) return undefined;
  const untried = plan.candidates
    .slice(state.index + 1)
    .filter((next) => health.isAvailable(next.model.name)).length;
  if (plan.maxAttempts - state.attempts <= untried) return undefined;
  const wait = retryDelay(error, state.retries);
  // Retry-After beyond the budget: the next candidate is tried instead.
  if (wait === undefined || Date.now() + wait >= state.deadline) return undefined;
  return wait;
}

function callerGone(reason: unknown): AppError {
  if (reason instanceof AppError) return reason;
  return new AppError(ErrorCode.TIMEOUT, 'The caller went away; the run was aborted.', { cause: reason });
}

function normalizeError(
  error: unknown,
  callerSignal: AbortSignal | undefined,
  attemptSignal: AbortSignal,
): AppError {
  if (error instanceof AppError) return error;
  if (callerSignal?.aborted) return callerGone(error);
  if (attemptSignal.aborted) return new TimeoutError('The model did not answer in time.', { cause: error });
  return new ProviderError(
    `The model call failed: ${error instanceof Error ? error.message : String(error)}`,
    {
      cause: error,
      isRetryable: true,
    },
  );
}

function withAttempts(
  error: AppError,
  attempts: RouteAttempt[],
  partialUsage?: PartialUsage,
): ExecutionError {
  return new ExecutionError(error, [...attempts], partialUsage);
}
