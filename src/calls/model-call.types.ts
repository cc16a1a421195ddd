/**
 * What crosses the governed seam (`ModelCalls`): who calls, through which front door, and what one
 * finished model call consumed. Plain objects, so every user (invocation pipeline, `/v1`, knowledge
 * bases) speaks the same language to admission, usage and settlement.
 */
import type { Principal } from '../governance/auth/principal.js';
import type { RouteAttempt } from '../capabilities/capability.types.js';

/** Who is calling a model, and through which front door (`graphql`, `v1`…). */
export interface ModelCaller {
  principal: Principal;
  frontDoor: string;
  /** When the call is a workflow step: tags for its usage record, and its idempotency key. */
  workflow?: WorkflowCallTags;
}

export interface WorkflowCallTags {
  workflow: string;
  runId: string;
  step: string;
  /** One per step attempt: a resumed attempt records its usage under the same key, once. */
  usageKey: string;
}

/**
 * What one run (a capability invocation or a single embeddings call) consumed, as the usage record
 * and the budget settlement see it. `model`/`provider` are empty when no model was reached.
 */
export interface CallAccount {
  runId: string;
  /** The capability, or the operation for calls outside one (`embeddings.create`, `knowledge.ingest`…). */
  capability: string;
  capabilityVersion: number;
  model: string;
  provider: string;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  latencyMs: number;
  cached: boolean;
  attempts?: readonly RouteAttempt[];
}

/** How the call ended. A failed call is charged for what it consumed (a stream cut mid-way). */
export type CallOutcome = { status: 'ok' } | { status: 'error'; errorCode: string };
