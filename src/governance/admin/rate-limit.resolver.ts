import { Arg, Authorized, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.js';
import type { BudgetScope } from '../budget/budget.types.js';
import { governanceOf } from './governance.js';
import { BudgetScopeEnum } from './governance.enums.js';
import { RateLimitType } from './rate-limit.type.js';

@Resolver()
export class RateLimitResolver {
  @Authorized('MAINTAINER')
  @Mutation(() => RateLimitType, {
    description:
      "Sets the per-minute limits of (scope, target); both null removes them. ORG and TEAM: org ADMIN; KEY: also a MAINTAINER of the key's team.",
  })
  setRateLimit(
    @Ctx() context: GraphQLContext,
    @Arg('scope', () => BudgetScopeEnum) scope: BudgetScope,
    @Arg('target', () => String) target: string,
    @Arg('requestsPerMinute', () => Int, { nullable: true }) requestsPerMinute?: number | null,
    @Arg('tokensPerMinute', () => Int, { nullable: true }) tokensPerMinute?: number | null,
  ): Promise<RateLimitType> {
    return governanceOf(context.services).rateLimits.set(
      context.principal,
      { scope, target, requestsPerMinute, tokensPerMinute },
      context.requestId,
    );
  }

  @Authorized('VIEWER')
  @Query(() => [RateLimitType], {
    description: "Org ADMINs: every limit; others: their team's and its keys'.",
  })
  rateLimits(@Ctx() context: GraphQLContext): Promise<RateLimitType[]> {
    return governanceOf(context.services).rateLimits.list(context.principal);
  }
}
