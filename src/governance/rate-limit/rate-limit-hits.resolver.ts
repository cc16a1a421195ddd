import {
  Arg,
  Authorized,
  Ctx,
  Field,
  Int,
  ObjectType,
  Query,
  Resolver,
  registerEnumType,
} from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.js';
import { DateTimeScalar, JSONScalar } from '../../graphql/scalars.js';
import { governanceOf } from '../admin/governance.js';
import type { RateLimitHitDimension, RateLimitHitInterval } from './rate-limit-hits.js';

export const RateLimitHitDimensionEnum: { [K in RateLimitHitDimension]: K } = {
  TEAM: 'TEAM',
  KEY: 'KEY',
  CAPABILITY: 'CAPABILITY',
  RULE: 'RULE',
};
registerEnumType(RateLimitHitDimensionEnum, {
  name: 'RateLimitHitDimension',
  description: 'Group rate-limit hits by these. The row key names them in lower case.',
  valuesConfig: {
    TEAM: { description: 'Per team of the refused caller (by name).' },
    KEY: { description: 'Per API key id (or JWT subject) of the refused caller.' },
    CAPABILITY: {
      description: 'Per capability refused (or operation, e.g. `embeddings.create`, for calls outside one).',
    },
    RULE: {
      description:
        'Per rule that refused: `<scope> <target> <limit>`, e.g. `TEAM search requestsPerMinute` (a TEAM target by name, a KEY target by key id).',
    },
  },
});

export const RateLimitHitIntervalEnum: { [K in RateLimitHitInterval]: K } = {
  MINUTE: 'MINUTE',
  HOUR: 'HOUR',
  DAY: 'DAY',
};
registerEnumType(RateLimitHitIntervalEnum, {
  name: 'RateLimitHitInterval',
  description: 'The width of the time buckets of `rateLimitHits` (UTC).',
  valuesConfig: {
    MINUTE: { description: 'One bucket per minute (a query spans at most 1500: about a day).' },
    HOUR: { description: 'One bucket per hour (at most 1500: about two months).' },
    DAY: { description: 'One bucket per UTC day.' },
  },
});

@ObjectType('RateLimitHitRow', {
  description: 'Requests refused by rate limits in one time bucket and group.',
})
export class RateLimitHitRowType {
  @Field(() => DateTimeScalar, { description: 'The start of the time bucket (UTC).' })
  start!: Date;

  @Field(() => JSONScalar, {
    description: 'The group, e.g. `{ "team": "search", "rule": "KEY key_1 requestsPerMinute" }`.',
  })
  key!: Record<string, string>;

  @Field(() => Int, { description: 'Requests refused.' })
  hits!: number;
}

@Resolver()
export class RateLimitHitResolver {
  @Authorized('VIEWER')
  @Query(() => [RateLimitHitRowType], {
    description:
      "Requests refused by rate limits (RATE_LIMITED) between two instants, per time bucket and the requested groups; buckets without refusals are absent. Non-admins see their own team's refusals only; FORBIDDEN for another team. Counted by each instance and written every usage flush interval (`CAPGATE_USAGE_FLUSH_MS`), so the last seconds may not show yet; kept as long as usage events.",
  })
  async rateLimitHits(
    @Ctx() context: GraphQLContext,
    @Arg('from', () => DateTimeScalar, { description: 'Start (included).' }) from: Date,
    @Arg('to', () => DateTimeScalar, { description: 'End (included).' }) to: Date,
    @Arg('interval', () => RateLimitHitIntervalEnum, {
      defaultValue: 'HOUR',
      description: 'Bucket width; default HOUR. BAD_USER_INPUT when the range spans more than 1500 buckets.',
    })
    interval: RateLimitHitInterval,
    @Arg('groupBy', () => [RateLimitHitDimensionEnum], {
      defaultValue: [],
      description: 'Dimensions to group by; none: one total per bucket.',
    })
    groupBy: RateLimitHitDimension[],
    @Arg('team', () => String, { nullable: true, description: 'Team name (or id).' }) team?: string | null,
    @Arg('capability', () => String, { nullable: true, description: 'Capability name.' })
    capability?: string | null,
  ): Promise<RateLimitHitRowType[]> {
    const governance = governanceOf(context.services);
    const { principal } = context;
    const teamId = await governance.teams.readableTeamId(principal, team ?? undefined, 'rate-limit hits');
    return governance.rateLimitHitQueries.query({
      orgId: principal.orgId,
      from,
      to,
      interval,
      groupBy,
      ...(capability ? { capability } : {}),
      ...(teamId !== undefined ? { teamId } : {}),
    });
  }
}
