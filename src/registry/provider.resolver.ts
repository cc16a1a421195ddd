/** Providers: the `providers` connection and the ADMIN mutations register/remove. */
import { Arg, Args, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { ConnectionArgs } from '../graphql/relay/connection-args.js';
import { connectionFromArray } from '../graphql/relay/connection-from-array.js';
import type { Connection } from '../graphql/relay/connection.type.js';
import { registerNodeType } from '../graphql/relay/node-registry.js';
import { ProviderType } from './provider.type.js';
import { auditRegistry } from './registry-access.js';
import { ProviderConnection } from './registry-connections.type.js';
import { RegisterProviderInput, RemoveProviderInput } from './registry.inputs.js';
import { RegisterProviderPayload, RemoveProviderPayload } from './registry.payloads.js';
import { RegistryRemoval } from './registry.removal.js';
import { providerId, toProviderType } from './registry.to-graphql.js';
import type { ProviderInfo } from './registry.types.js';

async function withHealth(context: GraphQLContext, provider: ProviderInfo): Promise<ProviderType> {
  const { registry } = context.services;
  const models = registry.models().filter((model) => model.provider === provider.name);
  const health = await context.loaders.modelHealth.loadMany(models.map((model) => model.name));
  return toProviderType(
    provider,
    health.every((entry) => entry instanceof Error || entry.healthy),
  );
}

registerNodeType('Provider', (name, context) => {
  const provider = context.services.registry.provider(name);
  return provider ? withHealth(context, provider) : null;
});

@Resolver(() => ProviderType)
export class ProviderResolver {
  @Authorized('VIEWER')
  @Query(() => ProviderConnection, { description: 'Registered providers, by name.' })
  async providers(
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Ctx() context: GraphQLContext,
  ): Promise<Connection<ProviderType>> {
    const providers = await Promise.all(
      context.services.registry.providers().map((provider) => withHealth(context, provider)),
    );
    return connectionFromArray(providers, page, (provider) => provider.name);
  }

  @Authorized('ADMIN')
  @Mutation(() => RegisterProviderPayload, {
    description: 'Registers (or replaces) a provider. The API key is write-only.',
  })
  async registerProvider(
    @Arg('input', () => RegisterProviderInput, { description: 'What to do; see the input type.' })
    input: RegisterProviderInput,
    @Ctx() context: GraphQLContext,
  ): Promise<RegisterProviderPayload> {
    const provider = await context.services.registryAdmin.registerProvider(input);
    await auditRegistry(context, 'registerProvider', input.name, {
      kind: input.kind,
      baseUrl: input.baseUrl,
      apiKeyChanged: input.apiKey !== undefined && input.apiKey !== null,
      headerNames: Object.keys(input.headers ?? {}),
    });
    return { provider: await withHealth(context, provider) };
  }

  @Authorized('ADMIN')
  @Mutation(() => RemoveProviderPayload, {
    description: 'Removes a provider. CONFLICT, naming them, while it still has models.',
  })
  async removeProvider(
    @Arg('input', () => RemoveProviderInput, { description: 'What to do; see the input type.' })
    input: RemoveProviderInput,
    @Ctx() context: GraphQLContext,
  ): Promise<RemoveProviderPayload> {
    const { registry, store } = context.services;
    await new RegistryRemoval(registry, store).removeProvider(input.name);
    await auditRegistry(context, 'removeProvider', input.name, {});
    return { removedProviderId: providerId(input.name) };
  }
}
