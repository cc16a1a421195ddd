/**
 * Registered workflows: a DAG of steps, each invoking a capability (or another workflow) through the
 * one invocation pipeline, with its input mapped from the workflow input and earlier step outputs
 * (see `workflow-expressions.ts` for the mapping language).
 */
import type { InvokeOptions, RunUsage } from '../capabilities/capability.types.js';

/** One step of a workflow definition, as registered. */
export interface WorkflowStep {
  /** Unique in the workflow: letters, digits and `_`, starting with a letter. */
  name: string;
  /** The capability (or workflow) it invokes. */
  capability: string;
  /** The capability input: JSON with references (JSON Pointers, `{{…}}` templates, `$join` / `$map`). */
  input: unknown;
  /** A reference; the step runs only when its value is truthy (`!` in front negates). */
  when?: string;
  /** A reference to an array: the step runs once per item (`/item`, `{{index}}`), its output is the array of outputs. */
  forEach?: string;
  /** forEach items in flight at once (default 4, 1 to 16). */
  concurrency?: number;
  /** Steps that must end first, besides those the mappings refer to. */
  dependsOn?: string[];
  /** Further attempts after a retryable failure (TIMEOUT, PROVIDER_ERROR, RATE_LIMITED, NO_ROUTE); 0 to 5, default 0. */
  retries?: number;
  /** Per attempt, in ms (100 to 600000); the whole step attempt is aborted after it. */
  timeoutMs?: number;
  /** Routing options of each invocation (model, strategy, maxCostUsd, timeoutMs, cache). */
  options?: InvokeOptions;
}

export interface WorkflowDefinition {
  inputSchema: Record<string, unknown>;
  steps: WorkflowStep[];
  /** The workflow output, mapped like a step input; absent: the output of the last step. */
  output?: unknown;
}

export type WorkflowStatus = 'active' | 'deprecated';

export interface WorkflowInfo extends WorkflowDefinition {
  name: string;
  version: number;
  description?: string;
  /** Teams (by name) that may see and run it; empty = the whole organization. */
  teams: string[];
  ownerTeamId?: string;
  status: WorkflowStatus;
  builtin: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export type WorkflowRunStatus = 'RUNNING' | 'COMPLETED' | 'FAILED' | 'CANCELLED';
export type WorkflowStepStatus = 'PENDING' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'SKIPPED';

export interface WorkflowStepState {
  status: WorkflowStepStatus;
  /** Invocation attempts made (retries included; a resumed step counts again). */
  attempts: number;
  output?: unknown;
  errorCode?: string;
  errorMessage?: string;
  usage?: RunUsage;
  startedAt?: Date;
  endedAt?: Date;
}

export interface WorkflowRunOptions {
  /** The run fails with BUDGET_EXCEEDED before a step once its steps cost this much (USD). */
  maxCostUsd?: number;
}

export interface WorkflowRunInfo {
  runId: string;
  workflow: string;
  workflowVersion: number;
  definition: WorkflowDefinition;
  orgId: string;
  teamId: string;
  keyId: string;
  input: unknown;
  options: WorkflowRunOptions;
  status: WorkflowRunStatus;
  steps: Record<string, WorkflowStepState>;
  costUsd: number;
  output?: unknown;
  errorCode?: string;
  errorMessage?: string;
  createdAt: Date;
  endedAt?: Date;
}

export type WorkflowEventType =
  | 'STARTED'
  | 'STEP_STARTED'
  | 'DELTA'
  | 'STEP_COMPLETED'
  | 'STEP_SKIPPED'
  | 'STEP_FAILED'
  | 'COMPLETED'
  | 'FAILED';

export interface WorkflowEventPayload {
  runId: string;
  type: WorkflowEventType;
  at: string;
  step?: string;
  /** forEach item index (DELTA of one item). */
  item?: number;
  delta?: string;
  output?: unknown;
  usage?: RunUsage;
  errorCode?: string;
  message?: string;
}

export interface SequencedWorkflowEvent extends WorkflowEventPayload {
  /** 1, 2, 3… per run, across instances. */
  seq: number;
}

export function isTerminalWorkflowEvent(type: WorkflowEventType): boolean {
  return type === 'COMPLETED' || type === 'FAILED';
}
