/**
 * Follows one run for `runEvents`, on any instance: replays the log, then delivers live events, in
 * seq order and without duplicates, until COMPLETED or FAILED.
 *
 * Pub/sub alone is not enough: Redis drops messages published before our SUBSCRIBE is active (the
 * subscription is not acknowledged to us), and the log may not hold an event yet when we read it.
 * So a gap in seq, or `pollIntervalMs` without any event, triggers a read of the log from the last
 * delivered seq: the follower always gets the whole run, and its end.
 */
import type { AppPubSub } from '../infra/pubsub.js';
import { EventChannel } from './event-channel.js';
import { isTerminal, runTopic, type RunEventLog, type SequencedRunEvent } from './run-event-log.js';

export interface FollowOptions {
  pollIntervalMs?: number;
  onError?: (error: unknown) => void;
}

export function followRun(
  runId: string,
  log: RunEventLog,
  pubSub: AppPubSub,
  options: FollowOptions = {},
): AsyncIterableIterator<SequencedRunEvent> {
  const pollIntervalMs = options.pollIntervalMs ?? 1_000;
  let lastSeq = 0;
  let ended = false;
  let lastDelivery = Date.now();
  let catchingUp: Promise<void> = Promise.resolve();
  // Started first so that `stop` can always clear it; its callback runs only after this function returns.
  const poll = setInterval(() => {
    if (Date.now() - lastDelivery >= pollIntervalMs) void catchUp();
  }, pollIntervalMs);
  poll.unref();

  const live = pubSub.subscribe(runTopic(runId))[Symbol.asyncIterator]();
  const stop = () => {
    ended = true;
    clearInterval(poll);
    void live.return?.();
  };
  const channel = new EventChannel<SequencedRunEvent>(stop);

  const deliver = (event: SequencedRunEvent) => {
    if (ended || event.seq <= lastSeq) return;
    lastSeq = event.seq;
    lastDelivery = Date.now();
    channel.push(event);
    if (isTerminal(event.type)) {
      stop();
      channel.end();
    }
  };
  /** Reads the log after the last delivered event; one read at a time, in order with live delivery. */
  const catchUp = (): Promise<void> => {
    catchingUp = catchingUp
      .then(async () => {
        if (ended) return;
        for (const event of await log.history(runId, lastSeq)) deliver(event);
      })
      .catch((error: unknown) => options.onError?.(error));
    return catchingUp;
  };

  // Subscribe (the first `next` registers the listener) before the first read, so nothing falls between.
  const first = live.next();
  void (async () => {
    let next = await first;
    while (!next.done && !ended) {
      const event = next.value as SequencedRunEvent;
      await catchingUp;
      if (event.seq > lastSeq + 1) await catchUp();
      deliver(event);
      next = await live.next();
    }
  })().catch((error: unknown) => options.onError?.(error));
  void catchUp();
  return channel;
}
