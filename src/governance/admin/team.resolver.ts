import { Arg, Args, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.js';
import { ConnectionArgs } from '../../graphql/relay/connection-args.js';
import { connectionFromArray } from '../../graphql/relay/connection-from-array.js';
import type { Connection } from '../../graphql/relay/connection.type.js';
import { registerNodeType } from '../../graphql/relay/node-registry.js';
import { governanceOf } from './governance.js';
import { CreateTeamInput, DeleteTeamInput, RenameTeamInput } from './governance.inputs.js';
import { CreateTeamPayload, DeleteTeamPayload, RenameTeamPayload } from './governance.payloads.js';
import { TeamConnection, teamNodeId, toTeamType } from './governance.to-graphql.js';
import { TeamLifecycle } from './team-lifecycle.js';
import type { TeamType } from './team.type.js';

registerNodeType('Team', async (teamId, context) => {
  const teams = await governanceOf(context.services).teams.list(context.principal);
  const team = teams.find((entry) => entry.id === teamId);
  return team ? toTeamType(team) : null;
});

@Resolver()
export class TeamResolver {
  @Authorized('ADMIN')
  @Mutation(() => CreateTeamPayload, { description: 'Creates a team. Org ADMIN only.' })
  async createTeam(
    @Ctx() context: GraphQLContext,
    @Arg('input', () => CreateTeamInput, { description: 'What to do; see the input type.' })
    input: CreateTeamInput,
  ): Promise<CreateTeamPayload> {
    const team = await governanceOf(context.services).teams.create(
      context.principal,
      input.name,
      context.requestId,
    );
    return { team: toTeamType(team) };
  }

  @Authorized('ADMIN')
  @Mutation(() => RenameTeamPayload, {
    description:
      'Renames a team; capabilities that name it follow. Org ADMIN only. CONFLICT when the name is taken.',
  })
  async renameTeam(
    @Ctx() context: GraphQLContext,
    @Arg('input', () => RenameTeamInput, { description: 'What to do; see the input type.' })
    input: RenameTeamInput,
  ): Promise<RenameTeamPayload> {
    const team = await new TeamLifecycle(context.services).rename(
      context.principal,
      input.team,
      input.name,
      context.requestId,
    );
    return { team: toTeamType(team) };
  }

  @Authorized('ADMIN')
  @Mutation(() => DeleteTeamPayload, {
    description:
      'Deletes a team. Org ADMIN only. CONFLICT, naming them, while it has live keys, capabilities, knowledge bases, budgets or rate limits.',
  })
  async deleteTeam(
    @Ctx() context: GraphQLContext,
    @Arg('input', () => DeleteTeamInput, { description: 'What to do; see the input type.' })
    input: DeleteTeamInput,
  ): Promise<DeleteTeamPayload> {
    const team = await new TeamLifecycle(context.services).delete(
      context.principal,
      input.team,
      context.requestId,
    );
    return { deletedTeamId: teamNodeId(team.id) };
  }

  @Authorized('VIEWER')
  @Query(() => TeamConnection, {
    description: 'Org ADMINs: every team of the org; others: their own team. By name.',
  })
  async teams(
    @Ctx() context: GraphQLContext,
    @Args(() => ConnectionArgs) page: ConnectionArgs,
  ): Promise<Connection<TeamType>> {
    const teams = await governanceOf(context.services).teams.list(context.principal);
    return connectionFromArray(teams.map(toTeamType), page, (team) => `${team.name}\u0000${team.internalId}`);
  }
}
