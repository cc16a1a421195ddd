/**
 * An embeddings call through the seam, for `/v1/embeddings` and knowledge bases alike: the texts are
 * masked with the org's default policy before they leave (vectors carry no text, so nothing is
 * unmasked), the estimated cost is admitted, the observed client is called, and the call is settled
 * and recorded as one usage event, success or failure.
 */
import { randomUUID } from 'node:crypto';
import { AppError, BadUserInputError, ProviderError } from '../errors/app-error.js';
import type { RunAdmission } from '../governance/gate.js';
import { countTextTokens } from '../nlp/token-count.js';
import type { ModelInfo } from '../registry/registry.types.js';
import { estimateCost } from '../routing/router.js';
import type { RateLimitStatus } from '../governance/rate-limit/rate-limit.types.js';
import type { CallAccount, ModelCaller } from './model-call.types.js';
import type { ModelCalls } from './model-calls.js';

export interface EmbedCall {
  caller: ModelCaller;
  /** The usage record's capability: `embeddings.create` (/v1), `knowledge.ingest`, `knowledge.search`. */
  operation: string;
  model: ModelInfo;
  texts: string[];
  /** Provider-specific parameters passed through (e.g. `dimensions`). */
  params?: Record<string, unknown>;
  signal?: AbortSignal;
  /** Defaults to a fresh `run_…` id. */
  runId?: string;
  /** Told the caller's rate-limit standing once the call is admitted (`/v1`'s x-ratelimit-* headers). */
  onRateLimits?: (status: RateLimitStatus) => void;
}

export interface EmbedCallResult {
  runId: string;
  embeddings: number[][];
  /** As reported by the provider, else estimated from the masked texts. */
  inputTokens: number;
}

/** Whether `model`'s provider offers embeddings at all. */
export function offersEmbeddings(calls: ModelCalls, model: ModelInfo): boolean {
  return calls.client(model.provider).doEmbed !== undefined;
}

export async function embedThroughSeam(calls: ModelCalls, call: EmbedCall): Promise<EmbedCallResult> {
  const { caller, model } = call;
  const client = calls.client(model.provider);
  if (!client.doEmbed) {
    throw new BadUserInputError(`'${model.name}' does not offer embeddings.`, {
      extensions: { param: 'model' },
    });
  }
  const runId = call.runId ?? `run_${randomUUID()}`;
  const started = Date.now();
  const masker = calls.maskerFor(caller.principal.orgId);
  const texts = masker ? call.texts.map((text) => masker.maskText(text)) : call.texts;
  const estimatedTokens = texts.reduce((sum, text) => sum + countTextTokens(text), 0);
  const account = (inputTokens: number): CallAccount => ({
    runId,
    capability: call.operation,
    capabilityVersion: 1,
    model: model.name,
    provider: model.provider,
    inputTokens,
    outputTokens: 0,
    costUsd: estimateCost(model, inputTokens, 0),
    latencyMs: Date.now() - started,
    cached: false,
  });

  let admission: RunAdmission | undefined;
  try {
    admission = await calls.admit(
      caller,
      { tokens: estimatedTokens, costUsd: estimateCost(model, estimatedTokens, 0) },
      call.operation,
    );
    if (admission.rateLimits) call.onRateLimits?.(admission.rateLimits);
    const result = await client.doEmbed({
      model: model.upstreamModel,
      input: texts,
      ...(call.params ? { params: call.params } : {}),
      signal: call.signal,
    });
    if (result.embeddings.length !== texts.length) {
      throw new ProviderError(
        `The provider answered ${result.embeddings.length} vectors for ${texts.length} texts.`,
      );
    }
    const inputTokens = result.usage.inputTokens ?? estimatedTokens;
    await calls.finish(caller, admission, account(inputTokens), { status: 'ok' });
    return { runId, embeddings: result.embeddings, inputTokens };
  } catch (error) {
    const errorCode = error instanceof AppError ? error.code : 'PROVIDER_ERROR';
    await calls.finish(caller, admission, account(0), { status: 'error', errorCode });
    throw error;
  }
}
