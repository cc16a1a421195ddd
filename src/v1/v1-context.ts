/** What a `/v1` handler gets: the services, the request's id, abort signal and logger, and a metrics hook. */
import type { GovernanceGate } from '../governance/gate.js';
import type { RateLimitStatus } from '../governance/rate-limit/rate-limit.types.js';
import type { Logger } from '../infra/logger.js';
import type { Services } from '../services.js';
import type { UsageRecorder } from '../usage/usage.types.js';
import type { ResponseStore } from './responses/response-store.js';

/** Labels a handler learns while it runs (the capability and model), for metrics and logs. */
export interface V1Observation {
  capability?: string;
  model?: string;
  runId?: string;
}

export interface V1Dependencies {
  services: Services;
  /** Admission for calls that do not go through the invocation service (`/v1/embeddings`). */
  gate: GovernanceGate;
  /** The usage recorder of the request path (the same one the invocation service records into). */
  usage: () => UsageRecorder | undefined;
  /** Stored responses of `/v1/responses` (`GET`, `previous_response_id`). */
  responses: ResponseStore;
}

export interface V1RequestContext extends V1Dependencies {
  requestId: string;
  /** Aborted when the client goes away before the answer is complete. */
  signal: AbortSignal;
  logger: Logger;
  observe(observation: V1Observation): void;
  /** Puts the caller's rate-limit standing on the answer (`x-ratelimit-*`), whatever is written later. */
  onRateLimits(status: RateLimitStatus): void;
}
