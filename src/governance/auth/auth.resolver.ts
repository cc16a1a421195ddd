import { Authorized, Ctx, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.js';
import { PrincipalKind, PrincipalType } from './auth.types.js';

@Resolver()
export class AuthResolver {
  @Authorized()
  @Query(() => PrincipalType, { name: 'me', description: 'Who the caller is.' })
  me(@Ctx() context: GraphQLContext): PrincipalType {
    const principal = context.principal;
    return {
      id: principal.id,
      kind: principal.kind === 'jwt' ? PrincipalKind.JWT : PrincipalKind.API_KEY,
      name: principal.name,
      orgId: principal.orgId,
      teamId: principal.teamId,
      team: principal.teamName,
      roles: principal.roles,
      expiresAt: principal.expiresAt,
    };
  }
}
