/**
 * A cap on calls in flight per provider, so that one slow provider cannot tie up every socket,
 * buffer and pending request of the process. Calls over the cap wait in a FIFO queue for as long as
 * their attempt's signal allows; a call that times out waiting fails with a retryable
 * `ProviderSaturatedError`, and the executor moves to the next candidate (the model is not at
 * fault: its breaker is left alone).
 */
import { ProviderError } from '../errors/app-error.js';

export const DEFAULT_MAX_IN_FLIGHT_PER_PROVIDER = 64;

export class ProviderSaturatedError extends ProviderError {
  constructor(provider: string, limit: number) {
    super(`${provider} already has ${limit} calls in flight and none finished in time.`, {
      isRetryable: true,
    });
  }
}

interface Waiter {
  grant: () => void;
}

class Semaphore {
  active = 0;
  readonly queue: Waiter[] = [];

  constructor(private readonly limit: number) {}

  /** Resolves with the release function (call it exactly once). */
  acquire(signal: AbortSignal, saturated: () => Error): (() => void) | Promise<() => void> {
    if (this.active < this.limit && this.queue.length === 0) {
      this.active += 1;
      return this.releaser();
    }
    if (signal.aborted) return Promise.reject(abortReason(signal, saturated));
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        const index = this.queue.indexOf(waiter);
        if (index >= 0) this.queue.splice(index, 1);
        reject(abortReason(signal, saturated));
      };
      const waiter: Waiter = {
        grant: () => {
          signal.removeEventListener('abort', onAbort);
          resolve(this.releaser());
        },
      };
      this.queue.push(waiter);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.queue.shift();
      // The slot passes straight to the next waiter: `active` stays the same.
      if (next) next.grant();
      else this.active -= 1;
    };
  }
}

/** A timeout while queued means the provider is saturated; any other abort (the caller left) keeps its reason. */
function abortReason(signal: AbortSignal, saturated: () => Error): unknown {
  const reason: unknown = signal.reason;
  return reason instanceof DOMException && reason.name === 'TimeoutError' ? saturated() : reason;
}

export class ProviderConcurrency {
  private readonly semaphores = new Map<string, Semaphore>();

  constructor(readonly maxInFlight: number = DEFAULT_MAX_IN_FLIGHT_PER_PROVIDER) {}

  /** Waits for a slot of `provider` until `signal` fires; returns the function that frees it. */
  acquire(provider: string, signal: AbortSignal): (() => void) | Promise<() => void> {
    let semaphore = this.semaphores.get(provider);
    if (!semaphore) this.semaphores.set(provider, (semaphore = new Semaphore(this.maxInFlight)));
    return semaphore.acquire(signal, () => new ProviderSaturatedError(provider, this.maxInFlight));
  }

  /** Calls in flight and waiting, for health output and tests. */
  load(provider: string): { inFlight: number; queued: number } {
    const semaphore = this.semaphores.get(provider);
    return { inFlight: semaphore?.active ?? 0, queued: semaphore?.queue.length ?? 0 };
  }
}
