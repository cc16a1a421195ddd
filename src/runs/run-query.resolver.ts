/** `run(id)` and `runs(...)`: runs as stored data (see run-query.service.ts for who sees what). */
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { governanceOf } from '../governance/admin/governance.js';
import type { GraphQLContext } from '../graphql/context.js';
import { Run, RunConnection, RunFilter } from './run.types.js';

@Resolver(() => Run)
export class RunQueryResolver {
  @Authorized('VIEWER')
  @Query(() => Run, {
    description:
      'One run by id, with its status, meta and error. NOT_FOUND unless your team started it (or you are an org admin).',
  })
  run(
    @Arg('id', () => ID, { description: 'Run id (`run_…`), as startRun and RunMeta give it.' }) id: string,
    @Ctx() context: GraphQLContext,
  ): Promise<Run> {
    return context.services.runQueries.run(id, context.principal);
  }

  @Authorized('VIEWER')
  @Query(() => RunConnection, {
    description: "Runs, newest first. Non-admins see their own team's runs only.",
  })
  async runs(
    @Ctx() context: GraphQLContext,
    @Arg('first', () => Int, { nullable: true, description: '1 to 100; default 20.' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'The `endCursor` of the previous page.' })
    after?: string | null,
    @Arg('filter', () => RunFilter, { nullable: true, description: 'Which runs; default all visible.' })
    filter?: RunFilter | null,
  ): Promise<RunConnection> {
    const { principal } = context;
    const teamId = await governanceOf(context.services).teams.readableTeamId(
      principal,
      filter?.team ?? undefined,
      'runs',
    );
    return context.services.runQueries.list(principal, {
      first,
      after,
      teamId,
      capability: filter?.capability ?? undefined,
      status: filter?.status ?? undefined,
      from: filter?.from ?? undefined,
      to: filter?.to ?? undefined,
    });
  }

  @FieldResolver(() => String, { nullable: true })
  team(@Root() run: Run, @Ctx() context: GraphQLContext): Promise<string | undefined> | undefined {
    return run.teamId ? context.loaders.teamName.load(run.teamId) : undefined;
  }
}
