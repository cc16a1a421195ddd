/** `run(id)` and `runs(...)`: runs as stored data (see run-query.service.ts for who sees what). */
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { isAppError } from '../errors/app-error.js';
import { governanceOf } from '../governance/admin/governance.js';
import { registerNodeType } from '../graphql/relay/node-registry.js';
import type { GraphQLContext } from '../graphql/context.js';
import { runGlobalId, runIdOf } from './run-id.js';
import { Run, RunConnection, RunFilter } from './run.types.js';

// Same visibility as `run(id:)`: a run the caller may not see is null.
registerNodeType('Run', async (runId, context) => {
  try {
    return await context.services.runQueries.run(runId, context.principal);
  } catch (error) {
    if (isAppError(error) && error.code === 'NOT_FOUND') return null;
    throw error;
  }
});

@Resolver(() => Run)
export class RunQueryResolver {
  @Authorized('VIEWER')
  @Query(() => Run, {
    description:
      'One run by id, with its status, meta and error. NOT_FOUND unless your team started it (or you are an org admin).',
  })
  run(
    @Arg('id', () => ID, {
      description: 'The run: its global `id`, or its `run_…` id (`internalId`, `RunMeta.runId`).',
    })
    id: string,
    @Ctx() context: GraphQLContext,
  ): Promise<Run> {
    return context.services.runQueries.run(runIdOf(id), context.principal);
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

  @FieldResolver(() => ID, {
    description:
      'Global id (`node(id:)`). `run(id:)` and `runEvents(runId:)` take it as well as `internalId`.',
  })
  id(@Root() run: Run): string {
    return runGlobalId(run.id);
  }

  @FieldResolver(() => String, {
    description:
      'The run’s own id (`run_…`), as in `RunMeta.runId`, `RunEvent.runId`, usage records and logs.',
  })
  internalId(@Root() run: Run): string {
    return run.id;
  }

  @FieldResolver(() => String, { nullable: true })
  team(@Root() run: Run, @Ctx() context: GraphQLContext): Promise<string | undefined> | undefined {
    return run.teamId ? context.loaders.teamName.load(run.teamId) : undefined;
  }
}
