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

/** What `followLog` follows: a live stream of sequenced events and the log they are appended to. */
export interface SequencedLog<E extends { seq: number }> {
  /** The live events (pub/sub); the first `next` registers the listener. */
  live: AsyncIterator<unknown>;
  /** The logged events after `afterSeq`, in seq order. */
  history: (afterSeq: number) => Promise<E[]>;
  /** Whether this event ends the stream. */
  isTerminal: (event: E) => boolean;
}

export function followRun(
  runId: string,
  log: RunEventLog,
  pubSub: AppPubSub,
  options: FollowOptions = {},
): AsyncIterableIterator<SequencedRunEvent> {
  return followLog<SequencedRunEvent>(
    {
      live: pubSub.subscribe(runTopic(runId))[Symbol.asyncIterator](),
      history: (afterSeq) => log.history(runId, afterSeq),
      isTerminal: (event) => isTerminal(event.type),
    },
    options,
  );
}

/** Replays and follows any sequenced event log (runs, workflow runs) as described above. */
export function followLog<E extends { seq: number }>(
  source: SequencedLog<E>,
  options: FollowOptions = {},
): AsyncIterableIterator<E> {
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

  const { live } = source;
  const stop = () => {
    ended = true;
    clearInterval(poll);
    void live.return?.();
  };
  const channel = new EventChannel<E>(stop);

  const deliver = (event: E) => {
    if (ended || event.seq <= lastSeq) return;
    lastSeq = event.seq;
    lastDelivery = Date.now();
    channel.push(event);
    if (source.isTerminal(event)) {
      stop();
      channel.end();
    }
  };
  /** Reads the log after the last delivered event; one read at a time, in order with live delivery. */
  const catchUp = (): Promise<void> => {
    catchingUp = catchingUp
      .then(async () => {
        if (ended) return;
        for (const event of await source.history(lastSeq)) deliver(event);
      })
      .catch((error: unknown) => options.onError?.(error));
    return catchingUp;
  };

  // Subscribe (the first `next` registers the listener) before the first read, so nothing falls between.
  const first = live.next();
  void (async () => {
    let next = await first;
    while (!next.done && !ended) {
      const event = next.value as E;
      await catchingUp;
      if (event.seq > lastSeq + 1) await catchUp();
      deliver(event);
      next = await live.next();
    }
  })().catch((error: unknown) => options.onError?.(error));
  void catchUp();
  return channel;
}
