/** One usage event per run (success or failure), recorded by the invocation pipeline. */
export interface UsageEvent {
  runId: string;
  at: Date;
  orgId: string;
  teamId: string;
  /** API key id or JWT subject. */
  keyId: string;
  capability: string;
  capabilityVersion: number;
  /** Empty when no model was reached (e.g. rejected before routing). */
  model: string;
  provider: string;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  latencyMs: number;
  status: 'ok' | 'error';
  errorCode?: string;
  cached: boolean;
  /** A SOFT budget was exceeded by this run. */
  overBudget?: boolean;
  /** `graphql` or `v1` (`workflow` for the steps of a workflow run). */
  frontDoor: string;
  /** A workflow step's invocation: the workflow, its run and the step. */
  workflow?: string;
  workflowRunId?: string;
  workflowStep?: string;
  /**
   * Set by callers that may execute the same work twice (a workflow step resumed on another
   * instance): the record's id, so a second record with the same key is a skipped duplicate.
   */
  idempotencyKey?: string;
}

export interface UsageRecorder {
  /** Buffers the event; never throws and never blocks the request. */
  record(event: UsageEvent): void;
  /** Writes everything buffered (used on shutdown and by tests). */
  flush(): Promise<void>;
  stop(): Promise<void>;
}

/** Audit entries: one per admin mutation, append-only. */
export interface AuditEntryInput {
  orgId: string;
  actorKeyId: string;
  actorTeamId: string;
  /**
   * The team the action concerns, when there is one (the team of a created or revoked key, of a
   * TEAM or KEY budget…). Members of that team see the entry as well as the actor's team.
   */
  teamId?: string;
  /** The mutation name, e.g. `registerProvider`. */
  action: string;
  /** What it acted on, e.g. the capability or provider name. */
  target: string;
  /** A summary of the change. `append` runs it through `redactSecrets` again before storing it. */
  summary: Record<string, unknown>;
  requestId: string;
}

export interface AuditLog {
  append(entry: AuditEntryInput): Promise<void>;
}
