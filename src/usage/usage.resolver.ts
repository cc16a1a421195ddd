import { Arg, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { DateTimeScalar } from '../graphql/scalars.js';
import { governanceOf } from '../governance/admin/governance.js';
import type { UsageDimension } from './usage-query.service.js';
import { UsageDimensionEnum, UsageRowType } from './usage.type.js';

@Resolver()
export class UsageResolver {
  @Authorized('VIEWER')
  @Query(() => [UsageRowType], {
    description: "Usage between two dates (whole UTC days). Non-admins see their own team's usage only.",
  })
  async usage(
    @Ctx() context: GraphQLContext,
    @Arg('from', () => DateTimeScalar, { description: 'First day (UTC) included.' }) from: Date,
    @Arg('to', () => DateTimeScalar, { description: 'Last day (UTC) included.' }) to: Date,
    @Arg('groupBy', () => [UsageDimensionEnum], {
      description: 'Dimensions to group by; none: one total row.',
    })
    groupBy: UsageDimension[],
    @Arg('capability', () => String, { nullable: true, description: 'Capability name.' })
    capability?: string | null,
    @Arg('team', () => String, { nullable: true, description: 'Team name (or id).' }) team?: string | null,
  ): Promise<UsageRowType[]> {
    const governance = governanceOf(context.services);
    const { principal } = context;
    const teamId = await governance.teams.readableTeamId(principal, team ?? undefined, 'usage');
    return governance.usageQueries.query({
      orgId: principal.orgId,
      from,
      to,
      groupBy,
      ...(capability ? { capability } : {}),
      ...(teamId !== undefined ? { teamId } : {}),
    });
  }
}
