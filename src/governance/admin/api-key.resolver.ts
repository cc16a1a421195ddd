import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.js';
import { DateTimeScalar } from '../../graphql/scalars.js';
import { RoleEnum } from '../auth/auth.types.js';
import type { Role } from '../auth/principal.js';
import { ApiKeyType, CreatedApiKeyType } from './api-key.type.js';
import { governanceOf } from './governance.js';

@Resolver()
export class ApiKeyResolver {
  @Authorized('MAINTAINER')
  @Mutation(() => CreatedApiKeyType, {
    description:
      'Issues a key; the key is in the answer this once. Org ADMINs: any team; MAINTAINERs: their own team. Nobody grants a role above their own.',
  })
  createApiKey(
    @Ctx() context: GraphQLContext,
    @Arg('team', () => String, { description: 'Team name (or id).' }) team: string,
    @Arg('name', () => String) name: string,
    @Arg('roles', () => [RoleEnum]) roles: Role[],
    @Arg('expiresAt', () => DateTimeScalar, { nullable: true }) expiresAt?: Date | null,
  ): Promise<CreatedApiKeyType> {
    return governanceOf(context.services).apiKeys.create(
      context.principal,
      { team, name, roles, expiresAt: expiresAt ?? null },
      context.requestId,
    );
  }

  @Authorized('MAINTAINER')
  @Mutation(() => ApiKeyType, { description: 'Revokes a key on every instance at once. Idempotent.' })
  revokeApiKey(@Ctx() context: GraphQLContext, @Arg('id', () => ID) id: string): Promise<ApiKeyType> {
    return governanceOf(context.services).apiKeys.revoke(context.principal, id, context.requestId);
  }

  @Authorized('MAINTAINER')
  @Query(() => [ApiKeyType], {
    description:
      'Keys of a team, newest first. MAINTAINERs: their own team; org ADMINs: any team, or all without `team`.',
  })
  apiKeys(
    @Ctx() context: GraphQLContext,
    @Arg('team', () => String, { nullable: true }) team?: string | null,
  ): Promise<ApiKeyType[]> {
    return governanceOf(context.services).apiKeys.list(context.principal, team ?? undefined);
  }
}
