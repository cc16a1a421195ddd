/** What every invocation returns and reports, whatever the capability and the front door. */
import type { Principal } from '../governance/auth/principal.js';
import type { RateLimitStatus } from '../governance/rate-limit/rate-limit.types.js';
import type { ToolCallDelta } from '../providers/provider.types.js';
import type { RoutingStrategy } from '../registry/registry.types.js';

export interface InvokeOptions {
  /** Pin one registered model by name. */
  model?: string;
  strategy?: RoutingStrategy;
  /** Skip candidates whose estimated cost is above this. */
  maxCostUsd?: number;
  /** Per-attempt timeout; defaults to the capability's routing policy, then 60 s. */
  timeoutMs?: number;
  /** Use the response cache (default: the capability's cache policy). */
  cache?: boolean;
  /** Context persistence: the run sees the conversation's earlier turns and appends its own (src/conversations/). */
  conversationId?: string;
  /** With `conversationId`: the turn id the caller last saw; CONFLICT when the conversation has moved on. */
  ifLastTurn?: string;
}

export interface RunUsage {
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  latencyMs: number;
}

export interface RouteAttempt {
  model: string;
  provider: string;
  ok: boolean;
  errorCode?: string;
  latencyMs: number;
}

export interface RunMeta {
  runId: string;
  capability: string;
  model: string;
  provider: string;
  cached: boolean;
  usage: RunUsage;
  attempts: RouteAttempt[];
  /** Why this model served the request, in a sentence. */
  reason: string;
}

export interface InvocationResult<Output = unknown> {
  output: Output;
  meta: RunMeta;
}

export type RunEventType = 'STARTED' | 'ROUTED' | 'DELTA' | 'ATTEMPT_FAILED' | 'COMPLETED' | 'FAILED';

export interface RunEventPayload {
  runId: string;
  type: RunEventType;
  at: string;
  model?: string;
  delta?: string;
  /** DELTA of a capability with an outputSchema: the JSON parsed from the text so far. */
  partialOutput?: unknown;
  output?: unknown;
  meta?: RunMeta;
  errorCode?: string;
  message?: string;
}

export interface InvocationRequest {
  capability: string;
  input: unknown;
  options?: InvokeOptions;
  principal: Principal;
  requestId: string;
  /** Aborted when the caller goes away: the upstream call is aborted too. */
  signal?: AbortSignal;
  /** `graphql` or `v1`. */
  frontDoor: string;
  /** Receives run events as they happen (streaming front doors). */
  onEvent?: (event: RunEventPayload) => void;
  /** With `onEvent`: pieces of streamed tool calls (chat on `/v1`), placeholders restored. */
  onToolCallDelta?: (delta: ToolCallDelta) => void;
  /** Told the caller's rate-limit standing once the run is admitted (`/v1`'s x-ratelimit-* headers). */
  onRateLimits?: (status: RateLimitStatus) => void;
  /** Use a given run id (startRun hands it out before the run starts). */
  runId?: string;
  /** A workflow step: its usage record is tagged and keyed by these (src/workflows/). */
  workflow?: import('../calls/model-call.types.js').WorkflowCallTags;
}
