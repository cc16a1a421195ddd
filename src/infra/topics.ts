/**
 * Every pub/sub topic, defined once, with the payload it carries. `AppPubSub` is typed by this map,
 * so publishing the wrong payload on a topic, or a topic that does not exist, does not compile.
 * Payloads are JSON (they cross Redis).
 */
import type { BudgetAlertPayload } from '../governance/admin/budget-alerts.js';
import type { SequencedRunEvent } from '../runs/run-event-log.js';
import type { SequencedWorkflowEvent } from '../workflows/workflow.types.js';

export const Topic = {
  /** An API key was revoked: every instance forgets it (payload: the key id). */
  keyRevoked: 'auth.keyRevoked',
  /** A key's expiry changed (rotation grace): caches drop it, live connections stay (payload: the key id). */
  keyChanged: 'auth.keyChanged',
  /** The registry changed: every instance reloads its snapshot (payload: a timestamp). */
  registryChanged: 'registry.changed',
  /** A knowledge base changed: other instances drop their cached index. */
  knowledgeChanged: 'knowledge.changed',
  /** Budgets or rate limits changed: every instance reloads the rules (payload: a timestamp). */
  governanceSettingsChanged: 'governance.settingsChanged',
  /** A SOFT budget was exceeded: delivered to `budgetAlerts` subscribers. */
  budgetAlert: 'governance.budgetAlert',
  /** A model's breaker state changed on some instance (payload: the model name). */
  healthChanged: 'health.changed',
  /** A workflow run was cancelled: the instances running its steps abort them (payload: the run id). */
  workflowCancelled: 'workflow.cancelled',
  /** Trusted documents were registered or removed: every instance reloads them (payload: a timestamp). */
  trustedDocumentsChanged: 'graphql.trustedDocumentsChanged',
} as const;

export type TopicName = (typeof Topic)[keyof typeof Topic];

export interface TopicPayloads {
  'auth.keyRevoked': string;
  'auth.keyChanged': string;
  'registry.changed': number;
  'knowledge.changed': { name: string; origin: string };
  'governance.settingsChanged': number;
  'governance.budgetAlert': BudgetAlertPayload;
  'health.changed': string;
  'workflow.cancelled': string;
  'graphql.trustedDocumentsChanged': number;
}

/** The per-run topic followers of a run subscribe to (`run:<id>`). */
export type RunTopic = `run:${string}`;

export function runTopic(runId: string): RunTopic {
  return `run:${runId}`;
}

/** The per-run topic of a workflow run's events (`workflow:<id>`). */
export type WorkflowTopic = `workflow:${string}`;

export function workflowTopic(runId: string): WorkflowTopic {
  return `workflow:${runId}`;
}

/** The publish arguments by topic, as `@graphql-yoga/subscription` wants them. */
export type Topics = { [Name in TopicName]: [TopicPayloads[Name]] } & {
  [Name in RunTopic]: [SequencedRunEvent];
} & { [Name in WorkflowTopic]: [SequencedWorkflowEvent] };
