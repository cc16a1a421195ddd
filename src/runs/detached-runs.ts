/**
 * The runs started by `startRun`, which outlive the request that started them. On shutdown they are
 * aborted and awaited before usage is flushed and Redis and MongoDB close, so that each still ends
 * with its FAILED event, its usage record and its budget release.
 */
import { TimeoutError } from '../errors/app-error.js';

/** How long shutdown waits for aborted runs to settle before it goes on without them. */
export const DETACHED_RUNS_SHUTDOWN_MS = 5_000;

export class DetachedRuns {
  private readonly running = new Map<AbortController, Promise<void>>();
  private closed = false;

  /** Runs in flight on this instance. */
  get size(): number {
    return this.running.size;
  }

  /**
   * Starts `run` with a signal that fires on shutdown; never rejects (`run` handles its own errors).
   * After `close`, the signal is aborted from the start.
   */
  start(run: (signal: AbortSignal) => Promise<void>): void {
    const controller = new AbortController();
    if (this.closed) controller.abort(shutdownError());
    const settled = Promise.resolve()
      .then(() => run(controller.signal))
      .catch(() => undefined)
      .finally(() => this.running.delete(controller));
    this.running.set(controller, settled);
  }

  /** Aborts every run in flight and waits until they settle, or `timeoutMs` passed. */
  async close(timeoutMs = DETACHED_RUNS_SHUTDOWN_MS): Promise<void> {
    this.closed = true;
    const reason = shutdownError();
    for (const controller of this.running.keys()) controller.abort(reason);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    });
    try {
      await Promise.race([Promise.allSettled(this.running.values()), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

function shutdownError(): TimeoutError {
  return new TimeoutError('The server shut down before the run ended; start it again.');
}
