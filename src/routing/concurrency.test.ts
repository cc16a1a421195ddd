import { describe, expect, it } from 'vitest';
import { ProviderConcurrency, ProviderSaturatedError } from './concurrency.js';

const never = new AbortController().signal;

describe('ProviderConcurrency', () => {
  it('admits up to the limit at once, then queues in order and hands slots over on release', async () => {
    const limiter = new ProviderConcurrency(2);
    const first = await limiter.acquire('p', never);
    await limiter.acquire('p', never);
    const order: string[] = [];
    const third = Promise.resolve(limiter.acquire('p', never)).then(
      (release) => (order.push('third'), release),
    );
    const fourth = Promise.resolve(limiter.acquire('p', never)).then(
      (release) => (order.push('fourth'), release),
    );
    expect(limiter.load('p')).toEqual({ inFlight: 2, queued: 2 });
    first();
    first(); // A second call of the same release frees nothing more.
    const releaseThird = await third;
    expect(order).toEqual(['third']);
    expect(limiter.load('p')).toEqual({ inFlight: 2, queued: 1 });
    releaseThird();
    await fourth;
    expect(order).toEqual(['third', 'fourth']);
  });

  it('keeps providers apart', async () => {
    const limiter = new ProviderConcurrency(1);
    await limiter.acquire('slow', never);
    const other = limiter.acquire('fast', never);
    expect(typeof other).toBe('function');
  });

  it('fails a queued call with a retryable ProviderSaturatedError when its attempt times out', async () => {
    const limiter = new ProviderConcurrency(1);
    await limiter.acquire('p', never);
    const error = await Promise.resolve(limiter.acquire('p', AbortSignal.timeout(20))).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ProviderSaturatedError);
    expect((error as ProviderSaturatedError).isRetryable).toBe(true);
    expect(limiter.load('p')).toEqual({ inFlight: 1, queued: 0 });
  });

  it('keeps the reason of a caller abort while queued', async () => {
    const limiter = new ProviderConcurrency(1);
    await limiter.acquire('p', never);
    const controller = new AbortController();
    const waiting = Promise.resolve(limiter.acquire('p', controller.signal)).catch(
      (caught: unknown) => caught,
    );
    const reason = new Error('client went away');
    controller.abort(reason);
    expect(await waiting).toBe(reason);
  });
});
