import { describe, expect, it } from 'vitest';
import type { CapabilityHandler } from '../capabilities/handler.types.js';
import { ProviderError } from '../errors/app-error.js';
import type { GenerateRequest, ModelProvider, StreamPart } from '../providers/provider.types.js';
import type { CapabilityInfo, ModelInfo } from '../registry/registry.types.js';
import { ProviderConcurrency } from './concurrency.js';
import { ExecutionError } from './execution-error.js';
import { executePlan, type ExecuteOptions } from './executor.js';
import { InProcessModelHealth } from './model-health.js';
import type { RouteCandidate, RoutePlan } from './router.js';

/** What a scripted upstream does on one call. */
type Step = { reply: string[] } | { error: ProviderError } | { cutAfter: string[] } | { hang: true };

/** A provider per model: each call takes the next step (the last one repeats). */
function scripted(steps: Record<string, Step[]>) {
  const calls: Record<string, number> = {};
  const next = (request: GenerateRequest): Step => {
    const index = (calls[request.model] = (calls[request.model] ?? 0) + 1) - 1;
    const list = steps[request.model]!;
    return list[Math.min(index, list.length - 1)]!;
  };
  async function* stream(request: GenerateRequest): AsyncGenerator<StreamPart> {
    const step = next(request);
    if ('error' in step) throw step.error;
    if ('hang' in step) {
      await new Promise((_, reject) =>
        request.signal!.addEventListener('abort', () => reject(request.signal!.reason)),
      );
    }
    const pieces = 'reply' in step ? step.reply : 'cutAfter' in step ? step.cutAfter : [];
    for (const text of pieces) {
      request.signal?.throwIfAborted();
      yield { type: 'delta', text };
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    request.signal?.throwIfAborted();
    if ('cutAfter' in step) throw new ProviderError('upstream: the stream was cut', { isRetryable: true });
    yield { type: 'finish', usage: { inputTokens: 10, outputTokens: pieces.length }, finishReason: 'stop' };
  }
  const client: ModelProvider = {
    kind: 'OPENAI_COMPATIBLE',
    async doGenerate(request) {
      let text = '';
      let usage = {};
      for await (const part of stream(request)) {
        if (part.type === 'delta') text += part.text;
        else if (part.type === 'finish') usage = part.usage;
      }
      return { text, usage, finishReason: 'stop' };
    },
    doStream: stream,
    close: async () => {},
  };
  return { client, calls };
}

const handler: CapabilityHandler<unknown, unknown> = {
  parseInput: (raw) => raw,
  inputText: () => 'text',
  expectedOutputTokens: () => 10,
  localModels: [],
  buildPrompt: () => ({ messages: [{ role: 'user', content: 'hi' }], responseFormat: { type: 'text' } }),
  parseOutput: (text) => ({ text }),
  streamsText: true,
};

function candidate(name: string, provider = 'p'): RouteCandidate {
  const model: ModelInfo = {
    name,
    provider,
    upstreamModel: name,
    pricing: { inputPer1M: 1, outputPer1M: 1 },
    tags: [],
  };
  return {
    implementation: { model: name, priority: 0, weight: 1 },
    model,
    provider: { name: provider, kind: 'OPENAI_COMPATIBLE', hasApiKey: false },
    local: false,
    estimatedInputTokens: 10,
    estimatedOutputTokens: 10,
    estimatedCostUsd: 0,
  };
}

function options(
  models: string[],
  steps: Record<string, Step[]>,
  overrides: Partial<ExecuteOptions> & { maxAttempts?: number; timeoutMs?: number } = {},
) {
  const { client, calls } = scripted(steps);
  const plan: RoutePlan = {
    strategy: 'FALLBACK',
    candidates: models.map((model) => candidate(model)),
    reason: 'test',
    maxAttempts: overrides.maxAttempts ?? Math.max(3, models.length),
    timeoutMs: overrides.timeoutMs ?? 2_000,
    callerShortenedTimeout: false,
    skipped: [],
  };
  const health = new InProcessModelHealth();
  const built: ExecuteOptions = {
    capability: { name: 'c', routing: { strategy: 'FALLBACK' } } as CapabilityInfo,
    handler,
    inputFor: () => ({}),
    plan,
    principal: { orgId: 'o', teamId: 't' },
    clientFor: () => client,
    health,
    ...overrides,
  };
  return { options: built, calls, health };
}

const status = (code: number, retryAfterMs?: number) => ({
  error: new ProviderError(`HTTP ${code}`, { status: code, retryAfterMs }),
});
const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error as ExecutionError,
  );

describe('executePlan', () => {
  it('retries a failing candidate once, then falls back, within maxAttempts', async () => {
    const { options: run, calls } = options(['bad', 'good'], {
      bad: [status(500)],
      good: [{ reply: ['ok'] }],
    });
    const result = await executePlan(run);
    expect(result.output).toEqual({ text: 'ok' });
    expect(result.attempts.map((attempt) => [attempt.model, attempt.ok])).toEqual([
      ['bad', false],
      ['bad', false],
      ['good', true],
    ]);
    expect(calls).toEqual({ bad: 2, good: 1 });
  });

  it('keeps an attempt for every untried candidate', async () => {
    const { options: run, calls } = options(
      ['bad', 'good'],
      { bad: [status(503)], good: [{ reply: ['ok'] }] },
      { maxAttempts: 2 },
    );
    await executePlan(run);
    expect(calls).toEqual({ bad: 1, good: 1 });
  });

  it('waits for Retry-After when it fits the time budget, and retries the same candidate', async () => {
    const { options: run } = options(['limited'], { limited: [status(429, 300), { reply: ['ok'] }] });
    const started = Date.now();
    const result = await executePlan(run);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(result.attempts.map((attempt) => [attempt.model, attempt.ok, attempt.errorCode])).toEqual([
      ['limited', false, 'PROVIDER_ERROR'],
      ['limited', true, undefined],
    ]);
  });

  it('moves on at once when Retry-After is beyond the time budget', async () => {
    const { options: run, calls } = options(
      ['limited', 'other'],
      { limited: [status(429, 20_000)], other: [{ reply: ['ok'] }] },
      { timeoutMs: 1_000 },
    );
    const started = Date.now();
    const result = await executePlan(run);
    expect(Date.now() - started).toBeLessThan(10_000); // far below the 20 s Retry-After it must not wait for
    expect(result.candidate.model.name).toBe('other');
    expect(calls).toEqual({ limited: 1, other: 1 });
  });

  it('does not retry what cannot succeed (400), but still falls back', async () => {
    const { options: run, calls } = options(['strict', 'good'], {
      strict: [status(400)],
      good: [{ reply: ['ok'] }],
    });
    await executePlan(run);
    expect(calls).toEqual({ strict: 1, good: 1 });
  });

  it('times out a hanging attempt and falls back', async () => {
    const { options: run } = options(
      ['stuck', 'good'],
      { stuck: [{ hang: true }], good: [{ reply: ['ok'] }] },
      { timeoutMs: 100, maxAttempts: 2 },
    );
    const result = await executePlan(run);
    expect(result.attempts[0]).toMatchObject({ model: 'stuck', ok: false, errorCode: 'TIMEOUT' });
    expect(result.candidate.model.name).toBe('good');
  });

  it('never falls back after deltas were sent: a cut stream fails, with the usage of what was produced', async () => {
    const deltas: string[] = [];
    const { options: run, calls } = options(
      ['cut', 'good'],
      { cut: [{ cutAfter: ['Hello ', 'wor'] }], good: [{ reply: ['ok'] }] },
      { onDelta: (text) => deltas.push(text) },
    );
    const failure = await failureOf(executePlan(run));
    expect(failure).toBeInstanceOf(ExecutionError);
    expect(failure.failure).toBeInstanceOf(ProviderError);
    expect(failure.code).toBe('PROVIDER_ERROR');
    expect(deltas).toEqual(['Hello ', 'wor']);
    expect(calls).toEqual({ cut: 1 });
    expect(failure.partialUsage).toMatchObject({ outputTokens: 2 });
  });

  it('falls back invisibly when the first candidate fails before any delta', async () => {
    const deltas: string[] = [];
    const failed: string[] = [];
    const { options: run } = options(
      ['bad', 'good'],
      { bad: [status(400)], good: [{ reply: ['a', 'b'] }] },
      {
        onDelta: (text) => deltas.push(text),
        onAttemptFailed: (attempt) => failed.push(attempt.model),
      },
    );
    await executePlan(run);
    expect(deltas).toEqual(['a', 'b']);
    expect(failed).toEqual(['bad']);
  });

  it('aborts the upstream call when the caller goes away, records no model failure, and reports partial usage', async () => {
    const controller = new AbortController();
    const { options: run, health } = options(
      ['slow'],
      { slow: [{ reply: ['one ', 'two ', 'three '] }] },
      {
        signal: controller.signal,
        onDelta: () => controller.abort(new Error('client went away')),
      },
    );
    const failure = await failureOf(executePlan(run));
    expect(failure.code).toBe('TIMEOUT');
    expect(failure.partialUsage?.outputTokens).toBeGreaterThan(0);
    expect(health.snapshot('slow').errorRate).toBeUndefined();
  });

  it('skips models behind an open breaker, and answers NO_ROUTE when every breaker is open', async () => {
    const {
      options: run,
      health,
      calls,
    } = options(['broken', 'good'], { broken: [status(500)], good: [{ reply: ['ok'] }] });
    for (let index = 0; index < 3; index++) health.recordFailure('broken', 1, true);
    const result = await executePlan(run);
    expect(result.bypassed).toEqual(['broken']);
    expect(calls).toEqual({ good: 1 });
    for (let index = 0; index < 3; index++) health.recordFailure('good', 1, true);
    const failure = await failureOf(executePlan(run));
    expect(failure.code).toBe('NO_ROUTE');
    expect(failure.attempts).toEqual([]);
  });

  it('falls back when a provider is saturated, without blaming the model', async () => {
    const concurrency = new ProviderConcurrency(1);
    const held = await concurrency.acquire('p', new AbortController().signal);
    const { options: run, health } = options(
      ['busy'],
      { busy: [{ reply: ['ok'] }] },
      { concurrency, timeoutMs: 50, maxAttempts: 1 },
    );
    const failure = await failureOf(executePlan(run));
    expect(failure.code).toBe('PROVIDER_ERROR');
    expect(failure.message).toContain('calls in flight');
    expect(health.snapshot('busy').errorRate).toBeUndefined();
    held();
    expect((await executePlan(run)).output).toEqual({ text: 'ok' });
  });
});
