import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.js';
import type { Connection } from '../../graphql/relay/connection.type.js';
import { toGlobalId } from '../../graphql/relay/global-id.js';
import { registerNodeType } from '../../graphql/relay/node-registry.js';
import { hasRole } from '../auth/principal.js';
import { governanceOf } from '../admin/governance.js';
import type { AuditEntryInfo } from './audit.service.js';
import { AuditConnectionType, AuditEntryType } from './audit.type.js';

registerNodeType('AuditEntry', (id, context) =>
  hasRole(context.principal, 'MAINTAINER')
    ? governanceOf(context.services).audit.get(context.principal, id)
    : null,
);

@Resolver(() => AuditEntryType)
export class AuditResolver {
  @Authorized('MAINTAINER')
  @Query(() => AuditConnectionType, {
    description: "Admin actions, newest first. Org ADMINs: the whole org; MAINTAINERs: their team's.",
  })
  auditLog(
    @Ctx() context: GraphQLContext,
    @Arg('first', () => Int, {
      nullable: true,
      description: 'Newest n entries (after `after`), 0 to 100; default 20.',
    })
    first?: number | null,
    @Arg('after', () => String, {
      nullable: true,
      description: 'The `endCursor` of the previous page: older entries.',
    })
    after?: string | null,
    @Arg('last', () => Int, { nullable: true, description: 'Oldest n entries (before `before`), 0 to 100.' })
    last?: number | null,
    @Arg('before', () => String, { nullable: true, description: 'A `startCursor`: newer entries.' })
    before?: string | null,
    @Arg('action', () => String, { nullable: true, description: 'Only this mutation, e.g. `createApiKey`.' })
    action?: string | null,
    @Arg('actor', () => String, { nullable: true, description: 'Only entries made by this API key id.' })
    actor?: string | null,
  ): Promise<Connection<AuditEntryInfo>> {
    return governanceOf(context.services).audit.list(context.principal, {
      first,
      after,
      last,
      before,
      action,
      actor,
    });
  }

  @FieldResolver(() => ID, { description: 'Global id.' })
  id(@Root() entry: AuditEntryInfo): string {
    return toGlobalId('AuditEntry', entry.id);
  }

  @FieldResolver(() => String, { nullable: true, description: "The actor's team name." })
  actorTeam(@Root() entry: AuditEntryInfo, @Ctx() context: GraphQLContext): Promise<string | undefined> {
    return context.loaders.teamName.load(entry.actorTeamId);
  }
}
