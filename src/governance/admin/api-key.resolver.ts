import { Arg, Args, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { BadUserInputError } from '../../errors/app-error.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { ConnectionArgs } from '../../graphql/relay/connection-args.js';
import { connectionFromArray, newestFirstPosition } from '../../graphql/relay/connection-from-array.js';
import type { Connection } from '../../graphql/relay/connection.type.js';
import { fromGlobalId } from '../../graphql/relay/global-id.js';
import { registerNodeType } from '../../graphql/relay/node-registry.js';
import { hasRole } from '../auth/principal.js';
import type { ApiKeyType } from './api-key.type.js';
import { governanceOf } from './governance.js';
import { CreateApiKeyInput, RevokeApiKeyInput, RotateApiKeyInput } from './governance.inputs.js';
import { CreateApiKeyPayload, RevokeApiKeyPayload, RotateApiKeyPayload } from './governance.payloads.js';
import { ApiKeyConnection, toApiKeyType } from './governance.to-graphql.js';

/** The internal key id of an ApiKey global id; a bare internal id (`key_…`) is accepted too. */
export function keyIdOf(id: string): string {
  if (id.startsWith('key_')) return id;
  const { type, key } = fromGlobalId(id);
  if (type !== 'ApiKey')
    throw new BadUserInputError(`Invalid id: expected the id of an ApiKey, got one of a ${type}.`, {
      extensions: { argument: 'id' },
    });
  return key;
}

registerNodeType('ApiKey', async (keyId, context) => {
  if (!hasRole(context.principal, 'MAINTAINER')) return null;
  const keys = await governanceOf(context.services)
    .apiKeys.list(
      context.principal,
      hasRole(context.principal, 'ADMIN') ? undefined : context.principal.teamId,
    )
    .catch(() => []);
  const key = keys.find((entry) => entry.id === keyId);
  return key ? toApiKeyType(key) : null;
});

@Resolver()
export class ApiKeyResolver {
  @Authorized('MAINTAINER')
  @Mutation(() => CreateApiKeyPayload, {
    description:
      'Issues a key; the key is in the answer this once. Org ADMINs: any team; MAINTAINERs: their own team. Nobody grants a role above their own.',
  })
  async createApiKey(
    @Ctx() context: GraphQLContext,
    @Arg('input', () => CreateApiKeyInput, { description: 'What to do; see the input type.' })
    input: CreateApiKeyInput,
  ): Promise<CreateApiKeyPayload> {
    const created = await governanceOf(context.services).apiKeys.create(
      context.principal,
      { team: input.team, name: input.name, roles: input.roles, expiresAt: input.expiresAt ?? null },
      context.requestId,
    );
    return { key: created.key, apiKey: toApiKeyType(created.apiKey) };
  }

  @Authorized('MAINTAINER')
  @Mutation(() => RevokeApiKeyPayload, {
    description: 'Revokes a key on every instance at once. Idempotent.',
  })
  async revokeApiKey(
    @Ctx() context: GraphQLContext,
    @Arg('input', () => RevokeApiKeyInput, { description: 'What to do; see the input type.' })
    input: RevokeApiKeyInput,
  ): Promise<RevokeApiKeyPayload> {
    const key = await governanceOf(context.services).apiKeys.revoke(
      context.principal,
      keyIdOf(input.id),
      context.requestId,
    );
    return { apiKey: toApiKeyType(key) };
  }

  @Authorized('MAINTAINER')
  @Mutation(() => RotateApiKeyPayload, {
    description:
      'Replaces a key by a new secret (shown this once) with the same team, name and roles; the old secret keeps working for the grace period (at most 24 h), then is refused. CONFLICT for a revoked or expired key.',
  })
  async rotateApiKey(
    @Ctx() context: GraphQLContext,
    @Arg('input', () => RotateApiKeyInput, { description: 'What to do; see the input type.' })
    input: RotateApiKeyInput,
  ): Promise<RotateApiKeyPayload> {
    const rotated = await governanceOf(context.services).apiKeys.rotate(
      context.principal,
      keyIdOf(input.id),
      input.gracePeriodSeconds,
      context.requestId,
    );
    return {
      key: rotated.key,
      apiKey: toApiKeyType(rotated.apiKey),
      previousApiKey: toApiKeyType(rotated.previous),
    };
  }

  @Authorized('MAINTAINER')
  @Query(() => ApiKeyConnection, {
    description:
      'Keys of a team, newest first. MAINTAINERs: their own team; org ADMINs: any team, or all without `team`.',
  })
  async apiKeys(
    @Ctx() context: GraphQLContext,
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Arg('team', () => String, { nullable: true, description: 'Team name (or internal id).' })
    team?: string | null,
  ): Promise<Connection<ApiKeyType>> {
    const keys = await governanceOf(context.services).apiKeys.list(context.principal, team ?? undefined);
    return connectionFromArray(keys.map(toApiKeyType), page, (key) =>
      newestFirstPosition(key.createdAt, key.internalId),
    );
  }
}
