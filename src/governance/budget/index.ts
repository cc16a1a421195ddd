export {
  DEFAULT_RESERVATION_TTL_MS,
  DEFAULT_RETAIN_AFTER_PERIOD_MS,
  MICROS_PER_USD,
  type BudgetStoreOptions,
} from './budget-plan.js';
export * from './budget.types.js';
export { MemoryBudgetStore } from './memory-budget.store.js';
export { RedisBudgetStore, type RedisBudgetStoreOptions } from './redis-budget.store.js';
