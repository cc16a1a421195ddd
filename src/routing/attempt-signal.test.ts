import { describe, expect, it } from 'vitest';
import { attemptSignal } from './attempt-signal.js';

describe('attemptSignal', () => {
  it('aborts when its time is up, and says so', async () => {
    const attempt = attemptSignal(undefined, 20);
    await new Promise((resolve) => attempt.signal.addEventListener('abort', resolve));
    expect(attempt.timedOut).toBe(true);
    expect((attempt.signal.reason as Error).name).toBe('TimeoutError');
    attempt.dispose();
  });

  it("aborts with the caller's reason when the caller leaves, and not as a timeout", () => {
    const caller = new AbortController();
    const attempt = attemptSignal(caller.signal, 60_000);
    const reason = new Error('client disconnected');
    caller.abort(reason);
    expect(attempt.signal.aborted).toBe(true);
    expect(attempt.signal.reason).toBe(reason);
    expect(attempt.timedOut).toBe(false);
    attempt.dispose();
  });

  it('starts aborted for a caller already gone, and leaves the caller alone once disposed', () => {
    const gone = new AbortController();
    gone.abort(new Error('gone'));
    expect(attemptSignal(gone.signal, 60_000).signal.aborted).toBe(true);

    const caller = new AbortController();
    const attempt = attemptSignal(caller.signal, 60_000);
    attempt.dispose();
    caller.abort(new Error('later'));
    expect(attempt.signal.aborted).toBe(false);
  });
});
