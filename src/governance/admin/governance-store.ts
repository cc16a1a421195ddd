/** The collections of governance and usage, bound to one connection (next to the lead's `createStore`). */
import type { Connection } from 'mongoose';
import { auditEntryModel } from '../../store/models/audit-entry.model.js';
import { budgetModel } from '../../store/models/budget.model.js';
import { rateLimitHitModel } from '../../store/models/rate-limit-hit.model.js';
import { rateLimitModel } from '../../store/models/rate-limit.model.js';
import { usageEventModel } from '../../store/models/usage-event.model.js';
import { usageRollupModel } from '../../store/models/usage-rollup.model.js';

export function createGovernanceStore(connection: Connection) {
  return {
    usageEvents: usageEventModel(connection),
    usageRollups: usageRollupModel(connection),
    budgets: budgetModel(connection),
    rateLimits: rateLimitModel(connection),
    rateLimitHits: rateLimitHitModel(connection),
    auditLog: auditEntryModel(connection),
  };
}

export type GovernanceStore = ReturnType<typeof createGovernanceStore>;

export async function syncGovernanceIndexes(store: GovernanceStore): Promise<void> {
  for (const model of Object.values(store)) await model.createIndexes();
}
