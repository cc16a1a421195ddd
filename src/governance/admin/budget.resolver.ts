import {
  Arg,
  Args,
  Authorized,
  Ctx,
  Mutation,
  Query,
  Resolver,
  Root,
  Subscription,
  type SubscriptionHandlerData,
} from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.js';
import { ConnectionArgs } from '../../graphql/relay/connection-args.js';
import { connectionFromArray } from '../../graphql/relay/connection-from-array.js';
import type { Connection } from '../../graphql/relay/connection.type.js';
import { registerNodeType } from '../../graphql/relay/node-registry.js';
import { hasRole } from '../auth/principal.js';
import { BUDGET_ALERT_TOPIC, canSeeBudgetAlert, type BudgetAlertPayload } from './budget-alerts.js';
import { BudgetAlertType, type BudgetType } from './budget.type.js';
import { governanceOf } from './governance.js';
import { RemoveBudgetInput, SetBudgetInput } from './governance.inputs.js';
import { RemoveBudgetPayload, SetBudgetPayload } from './governance.payloads.js';
import { BudgetConnection, budgetNodeId, toBudgetType } from './governance.to-graphql.js';

registerNodeType('Budget', async (id, context) => {
  const budgets = await governanceOf(context.services).budgets.list(context.principal);
  const budget = budgets.find((entry) => entry.id === id);
  return budget ? toBudgetType(budget) : null;
});

@Resolver()
export class BudgetResolver {
  @Authorized('MAINTAINER')
  @Mutation(() => SetBudgetPayload, {
    description:
      "Creates or replaces the budget of (scope, target, period). ORG and TEAM: org ADMIN; KEY: also a MAINTAINER of the key's team.",
  })
  async setBudget(
    @Ctx() context: GraphQLContext,
    @Arg('input', () => SetBudgetInput, { description: 'What to do; see the input type.' })
    input: SetBudgetInput,
  ): Promise<SetBudgetPayload> {
    const budget = await governanceOf(context.services).budgets.set(
      context.principal,
      { ...input },
      context.requestId,
    );
    return { budget: toBudgetType(budget) };
  }

  @Authorized('MAINTAINER')
  @Mutation(() => RemoveBudgetPayload, {
    description: 'Removes a budget; `removedBudgetId` is null when there was none. Same rights as setBudget.',
  })
  async removeBudget(
    @Ctx() context: GraphQLContext,
    @Arg('input', () => RemoveBudgetInput, { description: 'What to do; see the input type.' })
    input: RemoveBudgetInput,
  ): Promise<RemoveBudgetPayload> {
    const governance = governanceOf(context.services);
    const before = await governance.budgets.list(context.principal);
    const removed = await governance.budgets.remove(context.principal, { ...input }, context.requestId);
    const match = before.find(
      (budget) =>
        budget.scope === input.scope &&
        budget.period === input.period &&
        (budget.target === input.target || budget.targetId === input.target),
    );
    return { removedBudgetId: removed && match ? budgetNodeId(match.id) : null };
  }

  @Authorized('VIEWER')
  @Query(() => BudgetConnection, {
    description:
      "Budgets with the current period's spend. Org ADMINs: every budget; others: their team's and its keys'.",
  })
  async budgets(
    @Ctx() context: GraphQLContext,
    @Args(() => ConnectionArgs) page: ConnectionArgs,
  ): Promise<Connection<BudgetType>> {
    const budgets = await governanceOf(context.services).budgets.list(context.principal);
    return connectionFromArray(budgets.map(toBudgetType), page, (budget) => budget.id);
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
