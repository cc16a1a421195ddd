/**
 * What the router knows about each model's health: whether it may be called now (circuit breaker)
 * and how fast it has been. The in-process implementation serves single-instance mode; the shared
 * one keeps the same state in Redis for every instance.
 */
export interface ModelHealthSnapshot {
  healthy: boolean;
  /** Exponentially weighted moving average of successful call latency. */
  latencyMsEwma?: number;
  latencyMsP50?: number;
  errorRate?: number;
  state: 'closed' | 'open' | 'half-open';
}

export interface ModelHealth {
  /** False while the model's breaker is open (a half-open probe slot counts as available). */
  isAvailable(model: string): boolean;
  recordSuccess(model: string, latencyMs: number): void;
  recordFailure(model: string, latencyMs: number, retryable: boolean): void;
  snapshot(model: string): ModelHealthSnapshot;
  close(): Promise<void>;
}

/** Minimal in-process health: EWMA latency, error rate, and a consecutive-failure breaker. */
export class InProcessModelHealth implements ModelHealth {
  private readonly models = new Map<
    string,
    { ewma?: number; samples: number[]; outcomes: boolean[]; consecutiveFailures: number; openUntil: number }
  >();

  constructor(private readonly options: { failureThreshold?: number; openMs?: number } = {}) {}

  private entry(model: string) {
    let entry = this.models.get(model);
    if (!entry) {
      entry = { samples: [], outcomes: [], consecutiveFailures: 0, openUntil: 0 };
      this.models.set(model, entry);
    }
    return entry;
  }

  isAvailable(model: string): boolean {
    return this.entry(model).openUntil <= Date.now();
  }

  recordSuccess(model: string, latencyMs: number): void {
    const entry = this.entry(model);
    entry.ewma = entry.ewma === undefined ? latencyMs : entry.ewma * 0.8 + latencyMs * 0.2;
    entry.samples.push(latencyMs);
    if (entry.samples.length > 100) entry.samples.shift();
    this.outcome(entry, true);
    entry.consecutiveFailures = 0;
    entry.openUntil = 0;
  }

  recordFailure(model: string, _latencyMs: number, retryable: boolean): void {
    const entry = this.entry(model);
    this.outcome(entry, false);
    if (!retryable) return;
    entry.consecutiveFailures += 1;
    if (entry.consecutiveFailures >= (this.options.failureThreshold ?? 3)) {
      entry.openUntil = Date.now() + (this.options.openMs ?? 10_000);
    }
  }

  private outcome(entry: { outcomes: boolean[] }, ok: boolean): void {
    entry.outcomes.push(ok);
    if (entry.outcomes.length > 100) entry.outcomes.shift();
  }

  snapshot(model: string): ModelHealthSnapshot {
    const entry = this.entry(model);
    const sorted = [...entry.samples].sort((a, b) => a - b);
    const failures = entry.outcomes.filter((ok) => !ok).length;
    const open = entry.openUntil > Date.now();
    return {
      healthy: !open,
      latencyMsEwma: entry.ewma,
      latencyMsP50: sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)] : undefined,
      errorRate: entry.outcomes.length ? failures / entry.outcomes.length : undefined,
      state: open ? 'open' : 'closed',
    };
  }

  async close(): Promise<void> {}
}
