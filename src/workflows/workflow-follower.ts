/**
 * Follows one workflow run for `workflowEvents`, on any instance: replays the log, then delivers live
 * events in seq order without duplicates until COMPLETED or FAILED. A gap in seq, or a quiet
 * `pollIntervalMs`, reads the log again (pub/sub may drop what was published before the subscription
 * was active), as `followRun` does for capability runs.
 */
import type { AppPubSub } from '../infra/pubsub.js';
import { workflowTopic } from '../infra/topics.js';
import { EventChannel } from '../runs/event-channel.js';
import type { WorkflowEventLog } from './workflow-event-log.js';
import { isTerminalWorkflowEvent, type SequencedWorkflowEvent } from './workflow.types.js';

export function followWorkflowRun(
  runId: string,
  log: WorkflowEventLog,
  pubSub: AppPubSub,
  options: { pollIntervalMs?: number; onError?: (error: unknown) => void } = {},
): AsyncIterableIterator<SequencedWorkflowEvent> {
  const pollIntervalMs = options.pollIntervalMs ?? 1_000;
  let lastSeq = 0;
  let ended = false;
  let lastDelivery = Date.now();
  let catchingUp: Promise<void> = Promise.resolve();
  const poll = setInterval(() => {
    if (Date.now() - lastDelivery >= pollIntervalMs) void catchUp();
  }, pollIntervalMs);
  poll.unref();
  const live = pubSub.subscribe(workflowTopic(runId))[Symbol.asyncIterator]();
  const stop = () => {
    ended = true;
    clearInterval(poll);
    void live.return?.();
  };
  const channel = new EventChannel<SequencedWorkflowEvent>(stop);
  const deliver = (event: SequencedWorkflowEvent) => {
    if (ended || event.seq <= lastSeq) return;
    lastSeq = event.seq;
    lastDelivery = Date.now();
    channel.push(event);
    if (isTerminalWorkflowEvent(event.type)) {
      stop();
      channel.end();
    }
  };
  const catchUp = (): Promise<void> => {
    catchingUp = catchingUp
      .then(async () => {
        if (ended) return;
        for (const event of await log.history(runId, lastSeq)) deliver(event);
      })
      .catch((error: unknown) => options.onError?.(error));
    return catchingUp;
  };
  const first = live.next();
  void (async () => {
    let next = await first;
    while (!next.done && !ended) {
      const event = next.value as SequencedWorkflowEvent;
      await catchingUp;
      if (event.seq > lastSeq + 1) await catchUp();
      deliver(event);
      next = await live.next();
    }
  })().catch((error: unknown) => options.onError?.(error));
  void catchUp();
  return channel;
}
