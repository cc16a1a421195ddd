import { Arg, Args, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.js';
import { ConnectionArgs } from '../../graphql/relay/connection-args.js';
import { connectionFromArray } from '../../graphql/relay/connection-from-array.js';
import type { Connection } from '../../graphql/relay/connection.type.js';
import { registerNodeType } from '../../graphql/relay/node-registry.js';
import { governanceOf } from './governance.js';
import { RemoveRateLimitInput, SetRateLimitInput } from './governance.inputs.js';
import { RemoveRateLimitPayload, SetRateLimitPayload } from './governance.payloads.js';
import { RateLimitConnection, rateLimitNodeId, toRateLimitType } from './governance.to-graphql.js';
import type { RateLimitType } from './rate-limit.type.js';

registerNodeType('RateLimit', async (id, context) => {
  const limits = await governanceOf(context.services).rateLimits.list(context.principal);
  const limit = limits.find((entry) => entry.id === id);
  return limit ? toRateLimitType(limit) : null;
});

@Resolver()
export class RateLimitResolver {
  @Authorized('MAINTAINER')
  @Mutation(() => SetRateLimitPayload, {
    description:
      "Sets the per-minute limits of (scope, target); both null removes them. ORG and TEAM: org ADMIN; KEY: also a MAINTAINER of the key's team.",
  })
  async setRateLimit(
    @Ctx() context: GraphQLContext,
    @Arg('input', () => SetRateLimitInput, { description: 'What to do; see the input type.' })
    input: SetRateLimitInput,
  ): Promise<SetRateLimitPayload> {
    const view = await governanceOf(context.services).rateLimits.set(
      context.principal,
      { ...input },
      context.requestId,
    );
    const removed = view.requestsPerMinute === null && view.tokensPerMinute === null;
    return { rateLimit: removed ? null : toRateLimitType(view) };
  }

  @Authorized('MAINTAINER')
  @Mutation(() => RemoveRateLimitPayload, {
    description:
      'Removes the limits of (scope, target); `removedRateLimitId` is null when there were none. Same rights as setRateLimit.',
  })
  async removeRateLimit(
    @Ctx() context: GraphQLContext,
    @Arg('input', () => RemoveRateLimitInput, { description: 'What to do; see the input type.' })
    input: RemoveRateLimitInput,
  ): Promise<RemoveRateLimitPayload> {
    const id = await governanceOf(context.services).rateLimits.remove(
      context.principal,
      { ...input },
      context.requestId,
    );
    return { removedRateLimitId: id ? rateLimitNodeId(id) : null };
  }

  @Authorized('VIEWER')
  @Query(() => RateLimitConnection, {
    description: "Org ADMINs: every limit; others: their team's and its keys'.",
  })
  async rateLimits(
    @Ctx() context: GraphQLContext,
    @Args(() => ConnectionArgs) page: ConnectionArgs,
  ): Promise<Connection<RateLimitType>> {
    const limits = await governanceOf(context.services).rateLimits.list(context.principal);
    return connectionFromArray(limits.map(toRateLimitType), page, (limit) => limit.id);
  }
}
