/**
 * The governed seam: every model call — generate and stream from the invocation pipeline, embed from
 * `/v1/embeddings` and from knowledge bases — passes through here for admission (rate limits and
 * budget reservation), masking (the capability's or the org's default policy), the observed provider
 * client (upstream metrics and GenAI spans), the usage record and the budget settlement.
 */
import type { Tracer } from '@opentelemetry/api';
import type { Principal } from '../governance/auth/principal.js';
import type { GovernanceGate, RunAdmission } from '../governance/gate.js';
import { maskerForStoredPolicy, type Masker } from '../governance/masking/index.js';
import type { Logger } from '../infra/logger.js';
import type { Metrics } from '../infra/metrics.js';
import { observedClients } from '../infra/tracing.js';
import type { ProviderKinds } from '../providers/provider-kinds.js';
import type { ModelProvider } from '../providers/provider.types.js';
import type { CapabilityInfo, ModelInfo } from '../registry/registry.types.js';
import type { UsageEvent, UsageRecorder } from '../usage/usage.types.js';
import { embedThroughSeam, type EmbedCall, type EmbedCallResult } from './embed-call.js';
import type { CallAccount, CallOutcome, ModelCaller } from './model-call.types.js';
import { usageEventOf } from './usage-event.js';

type MaskingPolicy = NonNullable<CapabilityInfo['maskingPolicy']>;

export interface ModelCallsOptions {
  gate: GovernanceGate;
  /** Models, raw provider clients and the org-wide default masking policies. */
  registry: {
    model(name: string): ModelInfo | undefined;
    client(providerName: string): ModelProvider;
    orgMaskingPolicy(orgId: string): MaskingPolicy | undefined;
    providerKinds: ProviderKinds;
  };
  /** Upstream metrics and tracing; every client handed out is wrapped with them. */
  observers: { metrics?: Metrics; tracer?: Tracer };
  /** Read per call: the recorder may be swapped (tests observe usage that way). */
  usage: () => UsageRecorder | undefined;
  onBudgetSoftExceeded?: (
    principal: Principal,
    rules: RunAdmission['softExceeded'],
    runId: string,
    capability: string,
  ) => void;
  logger: Logger;
}

export class ModelCalls {
  /** The observed client of a provider: what every model call uses. */
  readonly client: (providerName: string) => ModelProvider;

  constructor(private readonly options: ModelCallsOptions) {
    this.client = observedClients((name) => options.registry.client(name), {
      ...options.observers,
      genAiSystem: (kind) => options.registry.providerKinds.genAiSystem(kind),
    });
  }

  model(name: string): ModelInfo | undefined {
    return this.options.registry.model(name);
  }

  /** The masker of a capability's policy, else of the org's default policy; none when neither is set. */
  maskerFor(orgId: string, capabilityPolicy?: MaskingPolicy): Masker | undefined {
    const policy = capabilityPolicy ?? this.options.registry.orgMaskingPolicy(orgId);
    return policy ? maskerForStoredPolicy(policy) : undefined;
  }

  /** Rate limits and budget reservation; throws RATE_LIMITED or BUDGET_EXCEEDED. */
  /** The governance gate admission goes through (rate limits, budget reservation). */
  get gate(): GovernanceGate {
    return this.options.gate;
  }

  /** `operation` names the call for the rate-limit hit counts (`embeddings.create`…). */
  admit(
    caller: ModelCaller,
    estimate: { tokens: number; costUsd: number },
    operation?: string,
  ): Promise<RunAdmission> {
    return this.options.gate.admit(caller.principal, estimate, operation ? { capability: operation } : {});
  }

  /**
   * Ends a call: records the one usage event, settles the admission to what the call consumed (or
   * releases it when it consumed nothing), and raises SOFT budget alerts for a paid success.
   * The usage record goes first (with Redis it is on the usage stream's socket at once): an instance
   * killed between the two leaves a usage record whose cost is not in the budget spend (its
   * reservation holds the estimate until it expires), never spend without a usage record.
   * Never throws: a settlement failure is logged, the usage record is kept.
   */
  async finish(
    caller: ModelCaller,
    admission: RunAdmission | undefined,
    account: CallAccount,
    outcome: CallOutcome,
  ): Promise<UsageEvent> {
    const tokens = account.inputTokens + account.outputTokens;
    const overBudget =
      outcome.status === 'ok' && !account.cached && admission !== undefined
        ? admission.softExceeded.length > 0
        : undefined;
    const usage = usageEventOf(caller, account, outcome, overBudget);
    this.options.usage()?.record(usage);
    if (admission) {
      const settled =
        outcome.status === 'ok' || tokens > 0
          ? admission.settle({ tokens, costUsd: account.costUsd })
          : admission.release(0);
      await settled.catch((error: unknown) =>
        this.options.logger.error({ err: error, runId: account.runId }, 'settling budget failed'),
      );
    }
    if (overBudget) {
      this.options.onBudgetSoftExceeded?.(
        caller.principal,
        admission!.softExceeded,
        account.runId,
        account.capability,
      );
    }
    return usage;
  }

  /** One governed embeddings call: masked, admitted, observed, settled and recorded. */
  embed(call: EmbedCall): Promise<EmbedCallResult> {
    return embedThroughSeam(this, call);
  }
}
