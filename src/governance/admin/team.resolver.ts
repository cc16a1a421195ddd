import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.js';
import { governanceOf } from './governance.js';
import { TeamType } from './team.type.js';

@Resolver()
export class TeamResolver {
  @Authorized('ADMIN')
  @Mutation(() => TeamType, { description: 'Org ADMIN only.' })
  createTeam(@Ctx() context: GraphQLContext, @Arg('name', () => String) name: string): Promise<TeamType> {
    return governanceOf(context.services).teams.create(context.principal, name, context.requestId);
  }

  @Authorized('VIEWER')
  @Query(() => [TeamType], { description: 'Org ADMINs: every team of the org; others: their own team.' })
  teams(@Ctx() context: GraphQLContext): Promise<TeamType[]> {
    return governanceOf(context.services).teams.list(context.principal);
  }
}
