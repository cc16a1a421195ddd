/**
 * Keeps the embedded engine running: when its process dies (crash, kill -9, OOM), it is started
 * again on the same port and data directory, with exponential backoff between failed attempts, and
 * every step is logged. The MongoDB driver reconnects by itself once the port answers again, so the
 * service recovers without a restart. While the engine is down, `isUp()` is false: `/readyz` says so
 * at once, and the driver's short server-selection timeout makes requests fail fast with a typed error.
 */
import type { Logger } from './logger.js';
import { startEmbeddedEngine, type EmbeddedEngine, type EmbeddedEngineOptions } from './embedded-engine.js';

export interface SupervisedEngine {
  /** `mongodb://127.0.0.1:<port>/`, the same across restarts. */
  readonly baseUri: string;
  /** The current engine process, undefined while it is down. */
  readonly pid: number | undefined;
  /** Times the engine was started again after dying. */
  readonly restarts: number;
  isUp(): boolean;
  /** Stops supervising and stops the engine; quick when the engine is already dead. */
  stop(): Promise<void>;
}

export interface EngineSupervisorOptions extends EmbeddedEngineOptions {
  logger: Logger;
  /** First wait before a restart; doubled after each failed attempt. Default 250 ms. */
  initialBackoffMs?: number;
  /** Longest wait between attempts. Default 10 s. */
  maxBackoffMs?: number;
  /** After this long up, the next crash starts again from the initial backoff. Default 30 s. */
  stableAfterMs?: number;
}

export async function superviseEmbeddedEngine(options: EngineSupervisorOptions): Promise<SupervisedEngine> {
  const { logger } = options;
  const initialBackoffMs = options.initialBackoffMs ?? 250;
  const maxBackoffMs = options.maxBackoffMs ?? 10_000;
  const stableAfterMs = options.stableAfterMs ?? 30_000;

  let current: EmbeddedEngine | undefined = await startEmbeddedEngine(options);
  const baseUri = current.baseUri;
  const port = Number(new URL(baseUri).port);
  let startedAt = Date.now();
  let backoffMs = initialBackoffMs;
  let restarts = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let restarting: Promise<void> | undefined;

  const watch = (engine: EmbeddedEngine) => {
    void engine.exited.then((code) => {
      if (stopped || current !== engine) return;
      current = undefined;
      if (Date.now() - startedAt > stableAfterMs) backoffMs = initialBackoffMs;
      logger.error(
        { pid: engine.pid, exitCode: code, restartInMs: backoffMs },
        'embedded engine exited unexpectedly; restarting it',
      );
      scheduleRestart();
    });
  };

  const scheduleRestart = () => {
    if (stopped) return;
    const delay = backoffMs;
    backoffMs = Math.min(maxBackoffMs, backoffMs * 2);
    timer = setTimeout(() => {
      timer = undefined;
      restarting = restart().finally(() => (restarting = undefined));
    }, delay);
    timer.unref();
  };

  const restart = async () => {
    if (stopped) return;
    try {
      const engine = await startEmbeddedEngine({ ...options, port });
      if (stopped) {
        await engine.stop();
        return;
      }
      current = engine;
      startedAt = Date.now();
      restarts += 1;
      logger.warn({ pid: engine.pid, restarts }, 'embedded engine restarted');
      watch(engine);
    } catch (error) {
      logger.error({ err: error, retryInMs: backoffMs }, 'embedded engine restart failed; will retry');
      scheduleRestart();
    }
  };

  watch(current);
  return {
    baseUri,
    get pid() {
      return current?.pid;
    },
    get restarts() {
      return restarts;
    },
    isUp: () => current !== undefined,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await restarting?.catch(() => {});
      const engine = current;
      current = undefined;
      await engine?.stop();
    },
  };
}
