import { registerEnumType } from 'type-graphql';
import type { BudgetMode, BudgetScope } from '../budget/budget.types.js';
import type { CalendarPeriod } from '../period.js';

export const BudgetScopeEnum: { [K in BudgetScope]: K } = { ORG: 'ORG', TEAM: 'TEAM', KEY: 'KEY' };
registerEnumType(BudgetScopeEnum, {
  name: 'BudgetScope',
  description:
    'What a budget or rate limit applies to. Targets: ORG = org id, TEAM = team name (or id), KEY = API key id.',
  valuesConfig: {
    ORG: { description: 'The whole organization.' },
    TEAM: { description: 'One team.' },
    KEY: { description: 'One API key.' },
  },
});

export const BudgetPeriodEnum: { [K in CalendarPeriod]: K } = { DAILY: 'DAILY', MONTHLY: 'MONTHLY' };
registerEnumType(BudgetPeriodEnum, {
  name: 'BudgetPeriod',
  description: 'UTC calendar day or month.',
  valuesConfig: {
    DAILY: { description: 'A UTC calendar day.' },
    MONTHLY: { description: 'A UTC calendar month.' },
  },
});

export const BudgetModeEnum: { [K in BudgetMode]: K } = { HARD: 'HARD', SOFT: 'SOFT' };
registerEnumType(BudgetModeEnum, {
  name: 'BudgetMode',
  description:
    'HARD rejects requests that would go over (BUDGET_EXCEEDED); SOFT lets them through and raises a budget alert.',
  valuesConfig: {
    HARD: { description: 'Requests that would go over are refused with BUDGET_EXCEEDED.' },
    SOFT: { description: 'Requests go through; going over raises a budget alert.' },
  },
});
