/**
 * Registry administration and catalog queries. Providers and models: ADMIN. Capabilities: ADMIN, or a
 * MAINTAINER for capabilities their own team owns (and new ones, which their team then owns). Every
 * mutation is appended to the audit log, without secrets.
 */
import { Arg, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { isVisibleTo } from '../capabilities/invocation.service.js';
import { ForbiddenError, NotFoundError } from '../errors/app-error.js';
import { validateMaskingPolicy } from '../governance/masking/index.js';
import { hasRole } from '../governance/auth/principal.js';
import type { GraphQLContext } from '../graphql/context.js';
import { JSONScalar } from '../graphql/scalars.js';
import type { CapabilityInfo, ModelInfo } from './registry.types.js';
import {
  CachePolicyInput,
  LoggingPolicyInput,
  Capability,
  CapabilityInput,
  ImplementationInput,
  Model,
  ModelInput,
  Provider,
  ProviderInput,
  RoutingPolicyInput,
} from './registry.graphql-types.js';

async function audit(
  context: GraphQLContext,
  action: string,
  target: string,
  summary: Record<string, unknown>,
) {
  await context.services.audit?.append({
    orgId: context.principal.orgId,
    actorKeyId: context.principal.id,
    actorTeamId: context.principal.teamId,
    action,
    target,
    summary,
    requestId: context.requestId,
  });
}

function assertMayEdit(context: GraphQLContext, capability: CapabilityInfo): void {
  const { principal } = context;
  // A capability the caller cannot see does not exist for them: no FORBIDDEN that names its owner.
  if (!isVisibleTo(capability, principal))
    throw new NotFoundError(`Unknown capability "${capability.name}".`);
  if (hasRole(principal, 'ADMIN')) return;
  if (hasRole(principal, 'MAINTAINER') && capability.ownerTeamId === principal.teamId) return;
  throw new ForbiddenError(
    `Only an ADMIN or a MAINTAINER of the owning team may change "${capability.name}".`,
  );
}

function toCapability(info: CapabilityInfo): Capability {
  return {
    ...info,
    implementations: info.implementations.map(({ model, priority, weight }) => ({ model, priority, weight })),
    routing: info.routing,
    cache: info.cache,
    maskingPolicy: info.maskingPolicy,
    logging: info.logging ?? { inputs: false, outputs: false },
  };
}

@Resolver(() => Capability)
export class CapabilityCatalogResolver {
  @Authorized('VIEWER')
  @Query(() => [Capability], { description: 'The capabilities the caller may invoke.' })
  capabilities(@Ctx() context: GraphQLContext): Capability[] {
    return context.services.registry
      .capabilities()
      .filter((capability) => isVisibleTo(capability, context.principal))
      .map(toCapability);
  }

  @Authorized('VIEWER')
  @Query(() => Capability, {
    nullable: true,
    description: 'One capability; with `version`, that earlier version.',
  })
  async capability(
    @Arg('name', () => String) name: string,
    @Arg('version', () => Int, { nullable: true }) version: number | undefined,
    @Ctx() context: GraphQLContext,
  ): Promise<Capability | null> {
    const current = context.services.registry.capability(name);
    if (!current || !isVisibleTo(current, context.principal)) return null;
    if (version === undefined || version === null || version === current.version)
      return toCapability(current);
    const earlier = await context.services.registry.capabilityVersion(name, version);
    return earlier ? toCapability(earlier) : null;
  }
}

@Resolver(() => Model)
export class ModelResolver {
  @Authorized('VIEWER')
  @Query(() => [Model])
  models(@Ctx() context: GraphQLContext): ModelInfo[] {
    return context.services.registry.models();
  }

  @FieldResolver(() => Boolean)
  healthy(@Root() model: ModelInfo, @Ctx() context: GraphQLContext): Promise<boolean> {
    return context.loaders.modelHealth.load(model.name).then((health) => health.healthy);
  }

  @FieldResolver(() => Number, { nullable: true })
  latencyMsP50(@Root() model: ModelInfo, @Ctx() context: GraphQLContext): Promise<number | undefined> {
    return context.loaders.modelHealth.load(model.name).then((health) => health.latencyMsP50);
  }

  @FieldResolver(() => Number, { nullable: true })
  errorRate(@Root() model: ModelInfo, @Ctx() context: GraphQLContext): Promise<number | undefined> {
    return context.loaders.modelHealth.load(model.name).then((health) => health.errorRate);
  }
}

@Resolver(() => Provider)
export class RegistryAdminResolver {
  @Authorized('VIEWER')
  @Query(() => [Provider])
  async providers(@Ctx() context: GraphQLContext): Promise<Provider[]> {
    const { registry } = context.services;
    return Promise.all(
      registry.providers().map(async (provider) => {
        const models = registry.models().filter((model) => model.provider === provider.name);
        const health = await context.loaders.modelHealth.loadMany(models.map((model) => model.name));
        const healthy = health.every((entry) => entry instanceof Error || entry.healthy);
        return { ...provider, healthy };
      }),
    );
  }

  @Authorized('ADMIN')
  @Mutation(() => Provider, { description: 'Registers (or replaces) a provider. The API key is write-only.' })
  async registerProvider(
    @Arg('input', () => ProviderInput) input: ProviderInput,
    @Ctx() context: GraphQLContext,
  ): Promise<Provider> {
    const provider = await context.services.registryAdmin.registerProvider(input);
    await audit(context, 'registerProvider', input.name, {
      kind: input.kind,
      baseUrl: input.baseUrl,
      apiKeyChanged: input.apiKey !== undefined && input.apiKey !== null,
      headerNames: Object.keys(input.headers ?? {}),
    });
    return { ...provider, healthy: true };
  }

  @Authorized('ADMIN')
  @Mutation(() => Model, { description: 'Registers (or replaces) a model of a provider.' })
  async registerModel(
    @Arg('input', () => ModelInput) input: ModelInput,
    @Ctx() context: GraphQLContext,
  ): Promise<ModelInfo> {
    const model = await context.services.registryAdmin.registerModel(input);
    await audit(context, 'registerModel', input.name, { ...input });
    return model;
  }

  @Authorized('MAINTAINER')
  @Mutation(() => Capability, { description: "Registers a custom capability, owned by the caller's team." })
  async registerCapability(
    @Arg('input', () => CapabilityInput) input: CapabilityInput,
    @Ctx() context: GraphQLContext,
  ): Promise<Capability> {
    const capability = await context.services.registryAdmin.registerCapability(
      input,
      context.principal.teamId,
      context.principal.id,
    );
    await audit(context, 'registerCapability', input.name, {
      version: capability.version,
      implementations: capability.implementations.map((i) => i.model),
    });
    return toCapability(capability);
  }

  @Authorized('MAINTAINER')
  @Mutation(() => Capability, {
    description: 'Changes a capability; bumps its version (earlier versions stay readable).',
  })
  async updateCapability(
    @Arg('name', () => String) name: string,
    @Arg('input', () => CapabilityInput) input: CapabilityInput,
    @Ctx() context: GraphQLContext,
  ): Promise<Capability> {
    assertMayEdit(context, context.services.registry.requireCapability(name));
    const capability = await context.services.registryAdmin.updateCapability(
      name,
      input,
      context.principal.id,
    );
    await audit(context, 'updateCapability', name, { version: capability.version });
    return toCapability(capability);
  }

  @Authorized('MAINTAINER')
  @Mutation(() => Capability, { description: 'Swaps the models behind a capability, live.' })
  async setImplementations(
    @Arg('capability', () => String) name: string,
    @Arg('implementations', () => [ImplementationInput]) implementations: ImplementationInput[],
    @Ctx() context: GraphQLContext,
  ): Promise<Capability> {
    assertMayEdit(context, context.services.registry.requireCapability(name));
    const capability = await context.services.registryAdmin.setImplementations(
      name,
      implementations,
      context.principal.id,
    );
    await audit(context, 'setImplementations', name, {
      version: capability.version,
      models: implementations.map((i) => i.model),
    });
    return toCapability(capability);
  }

  @Authorized('MAINTAINER')
  @Mutation(() => Capability)
  async setRoutingPolicy(
    @Arg('capability', () => String) name: string,
    @Arg('policy', () => RoutingPolicyInput) policy: RoutingPolicyInput,
    @Ctx() context: GraphQLContext,
  ): Promise<Capability> {
    assertMayEdit(context, context.services.registry.requireCapability(name));
    const capability = await context.services.registryAdmin.setRoutingPolicy(
      name,
      policy,
      context.principal.id,
    );
    await audit(context, 'setRoutingPolicy', name, { ...policy });
    return toCapability(capability);
  }

  @Authorized('MAINTAINER')
  @Mutation(() => Capability, { description: 'Opt-in exact-match response cache for a capability.' })
  async setCachePolicy(
    @Arg('capability', () => String) name: string,
    @Arg('policy', () => CachePolicyInput) policy: CachePolicyInput,
    @Ctx() context: GraphQLContext,
  ): Promise<Capability> {
    assertMayEdit(context, context.services.registry.requireCapability(name));
    const capability = await context.services.registryAdmin.setCachePolicy(
      name,
      policy,
      context.principal.id,
    );
    await audit(context, 'setCachePolicy', name, { ...policy });
    return toCapability(capability);
  }

  @Authorized('MAINTAINER')
  @Mutation(() => Capability, {
    description:
      'Whether run records keep the inputs and outputs of its runs (masked per its masking policy; deleted after the run retention).',
  })
  async setLoggingPolicy(
    @Arg('capability', () => String) name: string,
    @Arg('policy', () => LoggingPolicyInput) policy: LoggingPolicyInput,
    @Ctx() context: GraphQLContext,
  ): Promise<Capability> {
    assertMayEdit(context, context.services.registry.requireCapability(name));
    const capability = await context.services.registryAdmin.setLoggingPolicy(
      name,
      policy,
      context.principal.id,
    );
    await audit(context, 'setLoggingPolicy', name, { ...policy });
    return toCapability(capability);
  }

  @Authorized('MAINTAINER')
  @Mutation(() => Capability, {
    description: 'PII masking before remote providers, the cache and logs. mode: REDACT | TOKENIZE.',
  })
  async setMaskingPolicy(
    @Arg('capability', () => String) name: string,
    @Arg('detectors', () => [String]) detectors: string[],
    @Arg('mode', () => String) mode: string,
    @Arg('customPatterns', () => JSONScalar, { nullable: true, description: '[{ name, pattern, flags }]' })
    customPatterns: unknown,
    @Ctx() context: GraphQLContext,
  ): Promise<Capability> {
    assertMayEdit(context, context.services.registry.requireCapability(name));
    const policy = validateMaskingPolicy({ detectors, mode, customPatterns } as Parameters<
      typeof validateMaskingPolicy
    >[0]);
    const capability = await context.services.registryAdmin.setMaskingPolicy(
      name,
      policy as unknown as Record<string, unknown>,
      context.principal.id,
    );
    await audit(context, 'setMaskingPolicy', name, {
      detectors,
      mode,
      customPatterns: Array.isArray(customPatterns) ? customPatterns.length : 0,
    });
    return toCapability(capability);
  }

  @Authorized('ADMIN')
  @Mutation(() => Boolean, {
    description:
      'The org-wide default masking policy, for capabilities without their own. Empty detectors remove it.',
  })
  async setDefaultMaskingPolicy(
    @Arg('detectors', () => [String]) detectors: string[],
    @Arg('mode', () => String) mode: string,
    @Arg('customPatterns', () => JSONScalar, { nullable: true }) customPatterns: unknown,
    @Ctx() context: GraphQLContext,
  ): Promise<boolean> {
    const remove = detectors.length === 0 && !(Array.isArray(customPatterns) && customPatterns.length > 0);
    const policy = remove
      ? undefined
      : validateMaskingPolicy({ detectors, mode, customPatterns } as Parameters<
          typeof validateMaskingPolicy
        >[0]);
    await context.services.registryAdmin.setOrgMaskingPolicy(
      context.principal.orgId,
      policy as unknown as Record<string, unknown> | undefined,
    );
    await audit(context, 'setDefaultMaskingPolicy', context.principal.orgId, { detectors, mode });
    return true;
  }

  @Authorized('MAINTAINER')
  @Mutation(() => Capability)
  async deprecateCapability(
    @Arg('name', () => String) name: string,
    @Ctx() context: GraphQLContext,
  ): Promise<Capability> {
    assertMayEdit(context, context.services.registry.requireCapability(name));
    const capability = await context.services.registryAdmin.deprecateCapability(name, context.principal.id);
    await audit(context, 'deprecateCapability', name, {});
    return toCapability(capability);
  }
}
