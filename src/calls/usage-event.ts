/** The one place a usage record is built: from the caller, what the call consumed and how it ended. */
import type { UsageEvent } from '../usage/usage.types.js';
import type { CallAccount, CallOutcome, ModelCaller } from './model-call.types.js';

export function usageEventOf(
  caller: ModelCaller,
  account: CallAccount,
  outcome: CallOutcome,
  overBudget?: boolean,
): UsageEvent {
  const { principal } = caller;
  return {
    runId: account.runId,
    at: new Date(),
    orgId: principal.orgId,
    teamId: principal.teamId,
    keyId: principal.id,
    capability: account.capability,
    capabilityVersion: account.capabilityVersion,
    model: account.model,
    provider: account.provider,
    inputTokens: account.inputTokens,
    outputTokens: account.outputTokens,
    costUsd: account.costUsd,
    latencyMs: account.latencyMs,
    status: outcome.status,
    errorCode: outcome.status === 'error' ? outcome.errorCode : undefined,
    cached: account.cached,
    overBudget,
    frontDoor: caller.frontDoor,
    ...(caller.workflow
      ? {
          workflow: caller.workflow.workflow,
          workflowRunId: caller.workflow.runId,
          workflowStep: caller.workflow.step,
          idempotencyKey: caller.workflow.usageKey,
        }
      : {}),
  };
}
