import { Arg, Authorized, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.js';
import { governanceOf } from '../admin/governance.js';
import { AuditConnectionType, AuditEntryType } from './audit.type.js';

@Resolver(() => AuditEntryType)
export class AuditResolver {
  @Authorized('MAINTAINER')
  @Query(() => AuditConnectionType, {
    description: "Admin actions, newest first. Org ADMINs: the whole org; MAINTAINERs: their team's.",
  })
  auditLog(
    @Ctx() context: GraphQLContext,
    @Arg('first', () => Int, { nullable: true, description: '1 to 100; default 20.' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'The `endCursor` of the previous page.' })
    after?: string | null,
    @Arg('action', () => String, { nullable: true, description: 'Only this mutation, e.g. `createApiKey`.' })
    action?: string | null,
    @Arg('actor', () => String, { nullable: true, description: 'Only entries made by this API key id.' })
    actor?: string | null,
  ): Promise<AuditConnectionType> {
    return governanceOf(context.services).audit.list(context.principal, { first, after, action, actor });
  }

  @FieldResolver(() => String, { nullable: true })
  actorTeam(@Root() entry: AuditEntryType, @Ctx() context: GraphQLContext): Promise<string | undefined> {
    return context.loaders.teamName.load(entry.actorTeamId);
  }
}
