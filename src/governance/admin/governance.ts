/**
 * The governance services of one instance (teams, keys, budgets, rate limits, usage, audit), built
 * by `createGovernanceServices` and held by the service container as `services.governance`.
 */
import { InternalError } from '../../errors/app-error.js';
import type { UsageRecorder } from '../../usage/usage.types.js';
import type { UsageQueryService } from '../../usage/usage-query.service.js';
import type { UsageRetention } from '../../usage/usage-retention.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import type { BudgetRule, BudgetStore } from '../budget/budget.types.js';
import type {
  RateLimitHitQueryService,
  RateLimitHitRecorder,
  RateLimitHitRetention,
} from '../rate-limit/rate-limit-hits.js';
import type { ApiKeyService } from './api-key.service.js';
import type { BudgetAlertDetails, BudgetAlerts } from './budget-alerts.js';
import type { BudgetService } from './budget.service.js';
import type { GovernanceSettings, PrincipalRules } from './governance-settings.js';
import type { RateLimitService } from './rate-limit.service.js';
import type { TeamService } from './team.service.js';

export interface GovernanceParts {
  teams: TeamService;
  apiKeys: ApiKeyService;
  budgets: BudgetService;
  rateLimits: RateLimitService;
  settings: GovernanceSettings;
  budgetAlerts: BudgetAlerts;
  budgetStore: BudgetStore;
  usage: UsageRecorder;
  usageQueries: UsageQueryService;
  usageRetention: UsageRetention;
  rateLimitHits: RateLimitHitRecorder;
  rateLimitHitQueries: RateLimitHitQueryService;
  rateLimitHitRetention: RateLimitHitRetention;
  audit: AuditService;
}

export class Governance implements GovernanceParts {
  readonly teams: TeamService;
  readonly apiKeys: ApiKeyService;
  readonly budgets: BudgetService;
  readonly rateLimits: RateLimitService;
  readonly settings: GovernanceSettings;
  readonly budgetAlerts: BudgetAlerts;
  /** The budget counters the invocation pipeline reserves and settles on (shared with `budgets`). */
  readonly budgetStore: BudgetStore;
  /** The `UsageRecorder` of the request path. */
  readonly usage: UsageRecorder;
  readonly usageQueries: UsageQueryService;
  readonly usageRetention: UsageRetention;
  /** Counts the requests rate limits refuse (told by the governance gate); `rateLimitHits` reads them. */
  readonly rateLimitHits: RateLimitHitRecorder;
  readonly rateLimitHitQueries: RateLimitHitQueryService;
  readonly rateLimitHitRetention: RateLimitHitRetention;
  /** The `AuditLog`: registry mutations call `audit.append(...)` too. */
  readonly audit: AuditService;

  constructor(parts: GovernanceParts) {
    this.teams = parts.teams;
    this.apiKeys = parts.apiKeys;
    this.budgets = parts.budgets;
    this.rateLimits = parts.rateLimits;
    this.settings = parts.settings;
    this.budgetAlerts = parts.budgetAlerts;
    this.budgetStore = parts.budgetStore;
    this.usage = parts.usage;
    this.usageQueries = parts.usageQueries;
    this.usageRetention = parts.usageRetention;
    this.rateLimitHits = parts.rateLimitHits;
    this.rateLimitHitQueries = parts.rateLimitHitQueries;
    this.rateLimitHitRetention = parts.rateLimitHitRetention;
    this.audit = parts.audit;
  }

  /** The budget and rate-limit rules of a request, from memory (synchronous; never reads MongoDB). */
  rulesFor(principal: Pick<Principal, 'orgId' | 'teamId' | 'id'>): PrincipalRules {
    return this.settings.rulesFor(principal);
  }

  /** For SOFT overruns (`reservation.softExceeded`): publishes a budget alert; never throws. */
  raiseBudgetAlert(principal: Principal, rules: readonly BudgetRule[], details?: BudgetAlertDetails): void {
    this.budgetAlerts.raise(principal, rules, details);
  }

  /** Stops timers and listeners and writes the buffered usage. Call before closing MongoDB. */
  async stop(): Promise<void> {
    this.settings.stop();
    await this.usageRetention.stop();
    await this.rateLimitHitRetention.stop();
    await this.usage.stop();
    await this.rateLimitHits.stop();
  }
}

/**
 * The governance services of a service container. Resolvers reach them through this (rather than
 * `services.governance` directly) so this module does not depend on the container's shape.
 */
export function governanceOf(services: object): Governance {
  const governance: unknown = Reflect.get(services, 'governance');
  if (governance instanceof Governance) return governance;
  throw new InternalError('Governance services are not wired into the service container.');
}
