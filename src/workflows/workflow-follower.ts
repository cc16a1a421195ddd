/**
 * Follows one workflow run for `workflowEvents`, on any instance: replays the log, then delivers live
 * events in seq order without duplicates until COMPLETED or FAILED — the same follower as `runEvents`
 * (`followLog`, src/runs/run-follower.ts), over the workflow's topic and log.
 */
import type { AppPubSub } from '../infra/pubsub.js';
import { workflowTopic } from '../infra/topics.js';
import { followLog, type FollowOptions } from '../runs/run-follower.js';
import type { WorkflowEventLog } from './workflow-event-log.js';
import { isTerminalWorkflowEvent, type SequencedWorkflowEvent } from './workflow.types.js';

export function followWorkflowRun(
  runId: string,
  log: WorkflowEventLog,
  pubSub: AppPubSub,
  options: FollowOptions = {},
): AsyncIterableIterator<SequencedWorkflowEvent> {
  return followLog<SequencedWorkflowEvent>(
    {
      live: pubSub.subscribe(workflowTopic(runId))[Symbol.asyncIterator](),
      history: (afterSeq) => log.history(runId, afterSeq),
      isTerminal: (event) => isTerminalWorkflowEvent(event.type),
    },
    options,
  );
}
