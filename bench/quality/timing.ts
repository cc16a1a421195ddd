/** Wall-clock timing of the capability calls only (reading files and scoring are not counted). */
export class Stopwatch {
  private elapsed = 0;
  private calls = 0;

  time<T>(operation: () => T): T {
    const started = performance.now();
    try {
      return operation();
    } finally {
      this.elapsed += performance.now() - started;
      this.calls += 1;
    }
  }

  async timeAsync<T>(operation: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await operation();
    } finally {
      this.elapsed += performance.now() - started;
      this.calls += 1;
    }
  }

  get milliseconds(): number {
    return this.elapsed;
  }

  get count(): number {
    return this.calls;
  }

  /** Calls per second of capability time. */
  get perSecond(): number {
    return this.elapsed === 0 ? 0 : (this.calls / this.elapsed) * 1000;
  }
}

/**
 * Sentences that are not from any evaluation set, for warming up a capability (model load, JIT) before
 * it is timed, so that the first variant of a task is not penalised.
 */
export const WARM_UP_SENTENCES: readonly string[] = [
  'The committee met on Tuesday to discuss the new budget for the coming year.',
  'Engineers tested the prototype in a wind tunnel before the first flight.',
  'The weather was lovely, but the trip home was long and tiring.',
  'Shares of the company rose after it reported higher quarterly profits.',
  'The team won the final after a late goal in extra time.',
  'Researchers released a faster version of the open-source compiler.',
];

export function warmUp(rounds: number, operation: (text: string) => unknown): void {
  for (let round = 0; round < rounds; round += 1)
    for (const sentence of WARM_UP_SENTENCES) operation(sentence);
}

/** Client-side latency of each call (request sent → answer parsed), for the per-item figures. */
export class Latency {
  readonly samples: number[] = [];

  async time<T>(operation: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await operation();
    } finally {
      this.samples.push(performance.now() - started);
    }
  }

  get meanMs(): number {
    return this.samples.length === 0
      ? 0
      : this.samples.reduce((sum, value) => sum + value, 0) / this.samples.length;
  }

  percentileMs(share: number): number {
    if (this.samples.length === 0) return 0;
    const sorted = [...this.samples].sort((left, right) => left - right);
    return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))]!;
  }
}
