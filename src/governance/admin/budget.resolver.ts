import {
  Arg,
  Authorized,
  Ctx,
  Float,
  Mutation,
  Query,
  Resolver,
  Root,
  Subscription,
  type SubscriptionHandlerData,
} from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.js';
import { hasRole } from '../auth/principal.js';
import type { BudgetMode, BudgetScope } from '../budget/budget.types.js';
import type { CalendarPeriod } from '../period.js';
import { BUDGET_ALERT_TOPIC, canSeeBudgetAlert, type BudgetAlertPayload } from './budget-alerts.js';
import { BudgetAlertType, BudgetType } from './budget.type.js';
import { governanceOf } from './governance.js';
import { BudgetModeEnum, BudgetPeriodEnum, BudgetScopeEnum } from './governance.enums.js';

@Resolver()
export class BudgetResolver {
  @Authorized('MAINTAINER')
  @Mutation(() => BudgetType, {
    description:
      "Creates or replaces the budget of (scope, target, period). ORG and TEAM: org ADMIN; KEY: also a MAINTAINER of the key's team.",
  })
  setBudget(
    @Ctx() context: GraphQLContext,
    @Arg('scope', () => BudgetScopeEnum) scope: BudgetScope,
    @Arg('target', () => String) target: string,
    @Arg('limitUsd', () => Float) limitUsd: number,
    @Arg('period', () => BudgetPeriodEnum) period: CalendarPeriod,
    @Arg('mode', () => BudgetModeEnum) mode: BudgetMode,
  ): Promise<BudgetType> {
    return governanceOf(context.services).budgets.set(
      context.principal,
      { scope, target, limitUsd, period, mode },
      context.requestId,
    );
  }

  @Authorized('MAINTAINER')
  @Mutation(() => Boolean, {
    description: 'Removes a budget; false when there was none. Same rights as setBudget.',
  })
  removeBudget(
    @Ctx() context: GraphQLContext,
    @Arg('scope', () => BudgetScopeEnum) scope: BudgetScope,
    @Arg('target', () => String) target: string,
    @Arg('period', () => BudgetPeriodEnum) period: CalendarPeriod,
  ): Promise<boolean> {
    return governanceOf(context.services).budgets.remove(
      context.principal,
      { scope, target, period },
      context.requestId,
    );
  }

  @Authorized('VIEWER')
  @Query(() => [BudgetType], {
    description:
      "With the current period's spend. Org ADMINs: every budget; others: their team's and its keys'.",
  })
  budgets(@Ctx() context: GraphQLContext): Promise<BudgetType[]> {
    return governanceOf(context.services).budgets.list(context.principal);
  }

  @Authorized('VIEWER')
  @Subscription(() => BudgetAlertType, {
    topics: BUDGET_ALERT_TOPIC,
    filter: ({ payload, context }: SubscriptionHandlerData<BudgetAlertPayload, object, GraphQLContext>) =>
      canSeeBudgetAlert(context.principal, payload, hasRole(context.principal, 'ADMIN')),
    description:
      "SOFT budget overruns, from any instance. Org ADMINs: the whole org; others: their own team's.",
  })
  budgetAlerts(@Root() payload: BudgetAlertPayload): BudgetAlertType {
    return { ...payload, at: new Date(payload.at) };
  }
}
