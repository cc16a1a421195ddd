/**
 * Runs a route plan: per-attempt timeouts, retries with exponential backoff and jitter on retryable
 * failures (honouring Retry-After when it fits the time budget), fallback to the next candidate,
 * streaming of text deltas. Once a delta has reached the caller there is no silent fallback: the run
 * fails instead, so a cut stream never looks like a clean finish.
 */
import { AppError, ErrorCode, ProviderError, TimeoutError } from '../errors/app-error.js';
import type { RouteAttempt } from '../capabilities/capability.types.js';
import type { CapabilityHandler, LocalRunContext } from '../capabilities/handler.types.js';
import type { KnowledgeService } from '../knowledge/knowledge.service.js';
import { countTextTokens } from '../nlp/token-count.js';
import type { ChatMessage, GenerateRequest, ModelProvider } from '../providers/provider.types.js';
import type { CapabilityInfo } from '../registry/registry.types.js';
import type { ModelHealth } from './model-health.js';
import type { RouteCandidate, RoutePlan } from './router.js';

export interface ExecutionResult {
  output: unknown;
  candidate: RouteCandidate;
  inputTokens: number;
  outputTokens: number;
  attempts: RouteAttempt[];
}

export interface ExecutionFailure extends Error {
  attempts: RouteAttempt[];
  /** Tokens consumed by failed attempts that produced output before failing (streams cut mid-way). */
  partialUsage?: { candidate: RouteCandidate; inputTokens: number; outputTokens: number };
}

export interface ExecuteOptions {
  capability: CapabilityInfo;
  handler: CapabilityHandler<unknown, unknown>;
  /** The input for a candidate: local models get the original, remote ones the masked input. */
  inputFor: (local: boolean) => unknown;
  plan: RoutePlan;
  signal?: AbortSignal;
  /** When set, text deltas are streamed (remote streaming, local sentence by sentence). */
  onDelta?: (text: string) => void;
  onAttemptFailed?: (attempt: RouteAttempt, message: string) => void;
  onRouted?: (candidate: RouteCandidate) => void;
  principal: LocalRunContext['principal'];
  knowledge?: KnowledgeService;
  clientFor: (providerName: string) => ModelProvider;
  health: ModelHealth;
}

const BASE_BACKOFF_MS = 200;
const MAX_BACKOFF_MS = 5_000;
const RETRIES_PER_CANDIDATE = 2;

export async function executePlan(options: ExecuteOptions): Promise<ExecutionResult> {
  const { plan, signal } = options;
  const attempts: RouteAttempt[] = [];
  const deadline = Date.now() + plan.timeoutMs * Math.max(1, plan.maxAttempts);
  let lastError: unknown;
  let deltasSent = false;
  let partialUsage: ExecutionFailure['partialUsage'];

  for (const candidate of plan.candidates) {
    let retries = 0;
    options.onRouted?.(candidate);
    while (attempts.length < plan.maxAttempts) {
      signal?.throwIfAborted();
      const started = Date.now();
      const attemptSignal = signal
        ? AbortSignal.any([signal, AbortSignal.timeout(plan.timeoutMs)])
        : AbortSignal.timeout(plan.timeoutMs);
      let producedText = '';
      try {
        const result = await runAttempt(options, candidate, attemptSignal, (text) => {
          producedText += text;
          deltasSent = true;
          options.onDelta?.(text);
        });
        const latencyMs = Date.now() - started;
        options.health.recordSuccess(candidate.model.name, latencyMs);
        attempts.push({ model: candidate.model.name, provider: candidate.provider.name, ok: true, latencyMs });
        return { ...result, candidate, attempts };
      } catch (caught) {
        const error = normalizeError(caught, signal, attemptSignal);
        const latencyMs = Date.now() - started;
        const attempt: RouteAttempt = {
          model: candidate.model.name,
          provider: candidate.provider.name,
          ok: false,
          errorCode: error.code,
          latencyMs,
        };
        attempts.push(attempt);
        lastError = error;
        if (producedText) {
          partialUsage = {
            candidate,
            inputTokens: candidate.estimatedInputTokens,
            outputTokens: countTextTokens(producedText),
          };
        }
        if (signal?.aborted) throw withAttempts(error, attempts, partialUsage);
        options.health.recordFailure(candidate.model.name, latencyMs, error.isRetryable);
        options.onAttemptFailed?.(attempt, error.message);
        if (deltasSent) throw withAttempts(error, attempts, partialUsage);
        if (!error.isRetryable || retries >= RETRIES_PER_CANDIDATE) break;
        const wait = retryDelay(error, retries);
        if (wait === undefined || Date.now() + wait >= deadline) break; // Retry-After beyond budget: next candidate.
        retries += 1;
        await sleep(wait, signal);
      }
    }
    if (attempts.length >= plan.maxAttempts) break;
  }
  const final =
    lastError instanceof AppError
      ? lastError
      : new ProviderError('Every candidate model failed.', { cause: lastError });
  throw withAttempts(final, attempts, partialUsage);
}

async function runAttempt(
  options: ExecuteOptions,
  candidate: RouteCandidate,
  signal: AbortSignal,
  onDelta: (text: string) => void,
): Promise<{ output: unknown; inputTokens: number; outputTokens: number }> {
  const { handler, capability } = options;
  const input = options.inputFor(candidate.local);
  if (candidate.local) {
    if (!handler.runLocal) throw new ProviderError(`${candidate.model.name} cannot run ${capability.name}.`, { isRetryable: false });
    const result = await handler.runLocal(candidate.model.name, input, {
      signal,
      onDelta: options.onDelta ? onDelta : undefined,
      principal: options.principal,
      knowledge: options.knowledge,
    });
    return result;
  }
  const client = options.clientFor(candidate.provider.name);
  const prompt = handler.buildPrompt(input, capability, candidate.implementation);
  const request: GenerateRequest = {
    model: candidate.model.upstreamModel,
    messages: prompt.messages,
    responseFormat: prompt.responseFormat,
    maxOutputTokens: prompt.maxOutputTokens,
    params: candidate.implementation.params,
    signal,
  };
  const first = options.onDelta && handler.streamsText ? await streamText(client, request, onDelta) : await client.doGenerate(request);
  let text = first.text;
  let inputTokens = first.usage.inputTokens ?? countMessages(request.messages);
  let outputTokens = first.usage.outputTokens ?? countTextTokens(text);
  try {
    return { output: handler.parseOutput(text, input, capability), inputTokens, outputTokens };
  } catch (problem) {
    // One repair: show the model its answer and what is wrong with it.
    const repairMessages: ChatMessage[] = [
      ...request.messages,
      { role: 'assistant', content: text },
      {
        role: 'user',
        content: `That answer is invalid: ${(problem as Error).message}. Answer again with only the corrected JSON.`,
      },
    ];
    const repaired = await client.doGenerate({ ...request, messages: repairMessages });
    text = repaired.text;
    inputTokens += repaired.usage.inputTokens ?? countMessages(repairMessages);
    outputTokens += repaired.usage.outputTokens ?? countTextTokens(text);
    try {
      return { output: handler.parseOutput(text, input, capability), inputTokens, outputTokens };
    } catch (secondProblem) {
      throw new ProviderError(
        `${candidate.model.name} returned invalid output twice: ${(secondProblem as Error).message}`,
        { isRetryable: false },
      );
    }
  }
}

async function streamText(
  client: ModelProvider,
  request: GenerateRequest,
  onDelta: (text: string) => void,
): Promise<{ text: string; usage: { inputTokens?: number; outputTokens?: number } }> {
  let text = '';
  for await (const part of client.doStream(request)) {
    if (part.type === 'delta') {
      text += part.text;
      onDelta(part.text);
    } else {
      return { text, usage: part.usage };
    }
  }
  throw new ProviderError('The stream ended without a finish event.', { isRetryable: true });
}

function countMessages(messages: ChatMessage[]): number {
  return messages.reduce((sum, message) => sum + countTextTokens(message.content) + 4, 0);
}

function normalizeError(error: unknown, callerSignal: AbortSignal | undefined, attemptSignal: AbortSignal): AppError {
  if (error instanceof AppError) return error;
  if (callerSignal?.aborted) {
    return new AppError(ErrorCode.TIMEOUT, 'The caller went away; the run was aborted.', { cause: error });
  }
  if (attemptSignal.aborted) return new TimeoutError('The model did not answer in time.', { cause: error });
  return new ProviderError(`The model call failed: ${(error as Error)?.message ?? String(error)}`, {
    cause: error,
    isRetryable: true,
  });
}

function retryDelay(error: AppError, retries: number): number | undefined {
  const retryAfter = error instanceof ProviderError ? error.retryAfterMs : undefined;
  if (retryAfter !== undefined) return retryAfter > 30_000 ? undefined : retryAfter;
  const exponential = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** retries);
  return exponential / 2 + Math.random() * (exponential / 2);
}

function withAttempts(error: AppError, attempts: RouteAttempt[], partialUsage?: ExecutionFailure['partialUsage']): AppError {
  Object.assign(error, { attempts, partialUsage });
  return error;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}
