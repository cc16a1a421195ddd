/**
 * Wiring of governance for the composition root: `createGovernanceServices` builds (and starts) the
 * services; `governanceResolvers` go into the schema. See `Governance` for what the invocation
 * pipeline calls (`rulesFor`, `raiseBudgetAlert`, `budgetStore`, `usage`, `audit`).
 */
// The resolver classes below are decorated at import: the metadata polyfill must load first, whoever imports this.
import 'reflect-metadata';
import type { Config } from '../../config/config.js';
import type { Logger } from '../../infra/logger.js';
import type { AppPubSub } from '../../infra/pubsub.js';
import type { RedisConnections } from '../../infra/redis.js';
import type { Store } from '../../store/store.js';
import { createUsageRecorder } from '../../usage/create-usage-recorder.js';
import { UsageQueryService } from '../../usage/usage-query.service.js';
import { UsageResolver } from '../../usage/usage.resolver.js';
import { UsageRetention } from '../../usage/usage-retention.js';
import { AuditResolver } from '../audit/audit.resolver.js';
import { AuditService } from '../audit/audit.service.js';
import {
  RateLimitHitQueryService,
  RateLimitHitRecorder,
  RateLimitHitRetention,
} from '../rate-limit/rate-limit-hits.js';
import { RateLimitHitResolver } from '../rate-limit/rate-limit-hits.resolver.js';
import { MemoryBudgetStore, RedisBudgetStore, type BudgetStore } from '../budget/index.js';
import { ApiKeyResolver } from './api-key.resolver.js';
import { ApiKeyService } from './api-key.service.js';
import { BudgetAlerts } from './budget-alerts.js';
import { BudgetResolver } from './budget.resolver.js';
import { BudgetService } from './budget.service.js';
import { Governance } from './governance.js';
import { GovernanceSettings } from './governance-settings.js';
import { RateLimitResolver } from './rate-limit.resolver.js';
import { RateLimitService } from './rate-limit.service.js';
import { TeamResolver } from './team.resolver.js';
import { TeamService } from './team.service.js';

export { Governance, governanceOf } from './governance.js';
export { KEY_REVOKED_TOPIC } from './api-key.service.js';
export { BUDGET_ALERT_TOPIC, type BudgetAlertPayload } from './budget-alerts.js';
export { GOVERNANCE_SETTINGS_CHANGED, type PrincipalRules } from './governance-settings.js';

export interface GovernanceDependencies {
  store: Store;
  redis: RedisConnections | undefined;
  pubSub: AppPubSub;
  logger: Logger;
  config: Pick<Config, 'usage'>;
  hmacKey: Buffer;
  /** This instance's auth cache: revoked keys are dropped from it directly, before pub/sub. */
  auth?: { forgetKey(keyId: string): void };
  /** Budget counters to share with the invocation pipeline; by default built here (Redis or memory). */
  budgetStore?: BudgetStore;
  /** Prefix of Redis keys. Default `capgate:`. */
  redisKeyPrefix?: string;
  /** Options for tests: a shorter alert interval, a smaller usage batch. */
  tuning?: { budgetAlertIntervalMs?: number; usageBatchSize?: number; settingsRefreshMs?: number };
}

export async function createGovernanceServices(dependencies: GovernanceDependencies): Promise<Governance> {
  const { store, redis, pubSub, logger, config, tuning = {} } = dependencies;

  const budgetStore =
    dependencies.budgetStore ??
    (redis
      ? new RedisBudgetStore({
          redis: redis.command,
          keyPrefix: `${dependencies.redisKeyPrefix ?? 'capgate:'}{budget}:`,
        })
      : new MemoryBudgetStore());
  const audit = new AuditService({ auditLog: store.audit, logger });
  const teams = new TeamService({ teams: store.teams, audit });
  const settings = new GovernanceSettings({
    budgets: store.budgets,
    rateLimits: store.rateLimits,
    pubSub,
    logger,
    ...(tuning.settingsRefreshMs ? { refreshIntervalMs: tuning.settingsRefreshMs } : {}),
  });
  await settings.start();

  const usageRetention = new UsageRetention({
    usage: store.usage,
    logger,
    retentionDays: config.usage.retentionDays,
  });
  usageRetention.start();
  const rateLimitHitRetention = new RateLimitHitRetention({
    hits: store.rateLimitHits,
    logger,
    retentionDays: config.usage.retentionDays,
  });
  rateLimitHitRetention.start();

  return new Governance({
    teams,
    apiKeys: new ApiKeyService({
      apiKeys: store.apiKeys,
      teams,
      hmacKey: dependencies.hmacKey,
      pubSub,
      audit,
      ...(dependencies.auth ? { forgetKey: (keyId: string) => dependencies.auth?.forgetKey(keyId) } : {}),
    }),
    budgets: new BudgetService({ budgets: store.budgets, store, teams, settings, budgetStore, audit }),
    rateLimits: new RateLimitService({ rateLimits: store.rateLimits, store, teams, settings, audit }),
    settings,
    budgetAlerts: new BudgetAlerts({
      pubSub,
      budgetStore,
      logger,
      ...(tuning.budgetAlertIntervalMs !== undefined ? { minIntervalMs: tuning.budgetAlertIntervalMs } : {}),
    }),
    budgetStore,
    usage: await createUsageRecorder({
      writer: store.usage,
      redis: redis?.command,
      keyPrefix: dependencies.redisKeyPrefix ?? 'capgate:',
      database: store.databaseName,
      logger,
      usage: config.usage,
      ...(tuning.usageBatchSize ? { batchSize: tuning.usageBatchSize } : {}),
    }),
    usageQueries: new UsageQueryService({
      usage: store.usage,
      teamNames: (teamIds) => teams.namesOf(teamIds),
    }),
    usageRetention,
    rateLimitHits: new RateLimitHitRecorder({
      hits: store.rateLimitHits,
      logger,
      flushIntervalMs: config.usage.flushIntervalMs,
    }),
    rateLimitHitQueries: new RateLimitHitQueryService({
      hits: store.rateLimitHits,
      teamNames: (teamIds) => teams.namesOf(teamIds),
    }),
    rateLimitHitRetention,
    audit,
  });
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const governanceResolvers: Function[] = [
  TeamResolver,
  ApiKeyResolver,
  BudgetResolver,
  RateLimitResolver,
  RateLimitHitResolver,
  UsageResolver,
  AuditResolver,
];
