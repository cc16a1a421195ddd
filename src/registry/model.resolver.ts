/** Models: the `models` connection, health fields, and the ADMIN mutations register/remove. */
import {
  Args,
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  Float,
  ID,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { ConnectionArgs } from '../graphql/relay/connection-args.js';
import { connectionFromArray } from '../graphql/relay/connection-from-array.js';
import type { Connection } from '../graphql/relay/connection.type.js';
import { registerNodeType } from '../graphql/relay/node-registry.js';
import { ModelType } from './model.type.js';
import { auditRegistry } from './registry-access.js';
import { ModelConnection } from './registry-connections.type.js';
import { RegisterModelInput, RemoveModelInput } from './registry.inputs.js';
import { RegisterModelPayload, RemoveModelPayload } from './registry.payloads.js';
import { RegistryRemoval } from './registry.removal.js';
import { modelId } from './registry.to-graphql.js';
import type { ModelInfo } from './registry.types.js';

registerNodeType('Model', (name, context) => context.services.registry.model(name) ?? null);

@Resolver(() => ModelType)
export class ModelResolver {
  @Authorized('VIEWER')
  @Query(() => ModelConnection, { description: 'Registered models, by name.' })
  models(
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Ctx() context: GraphQLContext,
  ): Connection<ModelInfo> {
    return connectionFromArray(context.services.registry.models(), page, (model) => model.name);
  }

  @FieldResolver(() => ID, { description: 'Global id.' })
  id(@Root() model: ModelInfo): string {
    return modelId(model.name);
  }

  @FieldResolver(() => Boolean, { description: 'False while its circuit breaker is open.' })
  healthy(@Root() model: ModelInfo, @Ctx() context: GraphQLContext): Promise<boolean> {
    return context.loaders.modelHealth.load(model.name).then((health) => health.healthy);
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description: 'Median latency of recent calls, in milliseconds.',
  })
  latencyMsP50(@Root() model: ModelInfo, @Ctx() context: GraphQLContext): Promise<number | undefined> {
    return context.loaders.modelHealth.load(model.name).then((health) => health.latencyMsP50);
  }

  @FieldResolver(() => Float, { nullable: true, description: 'Share of recent calls that failed (0–1).' })
  errorRate(@Root() model: ModelInfo, @Ctx() context: GraphQLContext): Promise<number | undefined> {
    return context.loaders.modelHealth.load(model.name).then((health) => health.errorRate);
  }

  @Authorized('ADMIN')
  @Mutation(() => RegisterModelPayload, { description: 'Registers (or replaces) a model of a provider.' })
  async registerModel(
    @Arg('input', () => RegisterModelInput, { description: 'What to do; see the input type.' })
    input: RegisterModelInput,
    @Ctx() context: GraphQLContext,
  ): Promise<{ model: ModelInfo }> {
    const model = await context.services.registryAdmin.registerModel(input);
    await auditRegistry(context, 'registerModel', input.name, { ...input });
    return { model };
  }

  @Authorized('ADMIN')
  @Mutation(() => RemoveModelPayload, {
    description:
      'Removes a model. CONFLICT, naming them, while capabilities or knowledge bases still use it.',
  })
  async removeModel(
    @Arg('input', () => RemoveModelInput, { description: 'What to do; see the input type.' })
    input: RemoveModelInput,
    @Ctx() context: GraphQLContext,
  ): Promise<RemoveModelPayload> {
    const { registry, store } = context.services;
    await new RegistryRemoval(registry, store).removeModel(input.name);
    await auditRegistry(context, 'removeModel', input.name, {});
    return { removedModelId: modelId(input.name) };
  }
}
