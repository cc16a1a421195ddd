/**
 * The admission stage of a run: rate limits and budget reservation for the plan's estimate; when a
 * HARD budget refuses a paid model and the capability opts in (`routing.zeroCostFallback`), the run
 * is served instead by a zero-cost (local) implementation of the same capability, admitted on rate
 * limits alone. Also derives, from what the HARD budget has left, the most output tokens each
 * candidate may be asked for (`max_tokens`), so one answer can never spend past the limit.
 */
import { BudgetExceededError } from '../errors/app-error.js';
import type { CapabilityHandler } from '../capabilities/handler.types.js';
import type { InvokeOptions } from '../capabilities/capability.types.js';
import type { CapabilityInfo } from '../registry/registry.types.js';
import type { RouteCandidate, RoutePlan, Router } from '../routing/router.js';
import type { Principal } from './auth/principal.js';
import type { GovernanceGate, RunAdmission } from './gate.js';

export interface AdmittedRun {
  admission: RunAdmission;
  /** The plan to execute: the original, or the zero-cost one after a budget refusal. */
  plan: RoutePlan;
  /** The most output tokens a candidate may be asked for; undefined = no budget cap. */
  maxOutputTokensFor: (candidate: RouteCandidate) => number | undefined;
}

export async function admitRun(options: {
  gate: GovernanceGate;
  router: Router;
  principal: Principal;
  capability: CapabilityInfo;
  handler: CapabilityHandler<unknown, unknown>;
  input: unknown;
  invokeOptions?: InvokeOptions;
  plan: RoutePlan;
}): Promise<AdmittedRun> {
  const { gate, principal, plan } = options;
  const lead = plan.candidates[0]!;
  try {
    const admission = await gate.admit(
      principal,
      {
        tokens: lead.estimatedInputTokens + lead.estimatedOutputTokens,
        costUsd: Math.max(...plan.candidates.map((candidate) => candidate.estimatedCostUsd)),
      },
      { capability: options.capability.name },
    );
    const ceiling = admission.hardCeilingUsd;
    return {
      admission,
      plan,
      maxOutputTokensFor: (candidate) =>
        ceiling === undefined ? undefined : maxOutputTokensWithin(candidate, ceiling),
    };
  } catch (error) {
    if (!(error instanceof BudgetExceededError) || !options.capability.routing.zeroCostFallback) throw error;
    const fallback = zeroCostPlan(options);
    if (!fallback) throw error;
    const local = fallback.candidates[0]!;
    const admission = await gate.admit(
      principal,
      { tokens: local.estimatedInputTokens + local.estimatedOutputTokens, costUsd: 0 },
      { budgets: false, capability: options.capability.name },
    );
    fallback.reason =
      `zero-cost fallback: ${error.message.replace(/\.$/, '')}; ${local.model.name} ` +
      `(no cost) serves instead of ${lead.model.name}`;
    return { admission, plan: fallback, maxOutputTokensFor: () => undefined };
  }
}

/**
 * Output tokens that keep `candidate`'s cost (estimated input + output) within `ceilingUsd`;
 * at least 1, since a request with no room for an answer was refused at admission already.
 */
export function maxOutputTokensWithin(candidate: RouteCandidate, ceilingUsd: number): number | undefined {
  const { inputPer1M, outputPer1M } = candidate.model.pricing;
  if (candidate.local || outputPer1M <= 0) return undefined;
  const left = ceilingUsd - (candidate.estimatedInputTokens * inputPer1M) / 1_000_000;
  return Math.max(1, Math.floor((left * 1_000_000) / outputPer1M));
}

/** The capability's zero-cost candidates: its local models, or undefined when it has none. */
function zeroCostPlan(options: {
  router: Router;
  capability: CapabilityInfo;
  handler: CapabilityHandler<unknown, unknown>;
  input: unknown;
  invokeOptions?: InvokeOptions;
}): RoutePlan | undefined {
  const { capability, handler } = options;
  const free = capability.implementations.filter((implementation) =>
    handler.localModels.includes(implementation.model),
  );
  const implementations =
    free.length > 0 ? free : handler.localModels.map((model, priority) => ({ model, priority, weight: 1 }));
  if (implementations.length === 0) return undefined;
  const { model: _pinned, maxCostUsd: _ceiling, ...rest } = options.invokeOptions ?? {};
  try {
    const plan = options.router.plan({ ...capability, implementations }, handler, options.input, rest);
    const candidates = plan.candidates.filter(
      (candidate) => candidate.local && candidate.estimatedCostUsd === 0,
    );
    return candidates.length > 0 ? { ...plan, candidates } : undefined;
  } catch {
    return undefined;
  }
}
