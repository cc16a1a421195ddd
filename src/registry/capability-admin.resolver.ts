/**
 * Capability mutations: ADMIN, or a MAINTAINER for capabilities their own team owns (and new ones,
 * which their team then owns). Each takes one `input` and returns a payload holding the capability
 * as it is now; each is appended to the audit log, without secrets.
 */
import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { validateMaskingPolicy } from '../governance/masking/index.js';
import type { GraphQLContext } from '../graphql/context.js';
import { assertMayEdit, assertMayShareWith, auditRegistry } from './registry-access.js';
import {
  DeprecateCapabilityInput,
  RegisterCapabilityInput,
  SetCachePolicyInput,
  SetDefaultMaskingPolicyInput,
  SetImplementationsInput,
  SetLoggingPolicyInput,
  SetMaskingPolicyInput,
  SetRoutingPolicyInput,
  UpdateCapabilityInput,
  type MaskingPolicyInput,
} from './registry.inputs.js';
import {
  type CapabilityPayload,
  DeprecateCapabilityPayload,
  RegisterCapabilityPayload,
  SetCachePolicyPayload,
  SetDefaultMaskingPolicyPayload,
  SetImplementationsPayload,
  SetLoggingPolicyPayload,
  SetMaskingPolicyPayload,
  SetRoutingPolicyPayload,
  UpdateCapabilityPayload,
} from './registry.payloads.js';
import { toCapabilityType, toMaskingPolicyType } from './registry.to-graphql.js';

function maskingPolicyOf(input: MaskingPolicyInput) {
  return validateMaskingPolicy({
    detectors: input.detectors,
    mode: input.mode,
    customPatterns: input.customPatterns ?? null,
  });
}

@Resolver()
export class CapabilityAdminResolver {
  @Authorized('MAINTAINER')
  @Mutation(() => RegisterCapabilityPayload, {
    description: "Registers a custom capability, owned by the caller's team.",
  })
  async registerCapability(
    @Arg('input', () => RegisterCapabilityInput, { description: 'What to do; see the input type.' })
    input: RegisterCapabilityInput,
    @Ctx() context: GraphQLContext,
  ): Promise<CapabilityPayload> {
    assertMayShareWith(context, input.teams);
    const capability = await context.services.registryAdmin.registerCapability(
      input,
      context.principal.teamId,
      context.principal.id,
    );
    await auditRegistry(context, 'registerCapability', input.name, {
      version: capability.version,
      implementations: capability.implementations.map((i) => i.model),
    });
    return { capability: toCapabilityType(capability) };
  }

  @Authorized('MAINTAINER')
  @Mutation(() => UpdateCapabilityPayload, {
    description: 'Changes a capability; bumps its version (earlier versions stay readable).',
  })
  async updateCapability(
    @Arg('input', () => UpdateCapabilityInput, { description: 'What to do; see the input type.' })
    input: UpdateCapabilityInput,
    @Ctx() context: GraphQLContext,
  ): Promise<CapabilityPayload> {
    assertMayEdit(context, context.services.registry.requireCapability(input.name));
    assertMayShareWith(context, input.teams);
    const capability = await context.services.registryAdmin.updateCapability(
      input.name,
      input,
      context.principal.id,
    );
    await auditRegistry(context, 'updateCapability', input.name, { version: capability.version });
    return { capability: toCapabilityType(capability) };
  }

  @Authorized('MAINTAINER')
  @Mutation(() => SetImplementationsPayload, { description: 'Swaps the models behind a capability, live.' })
  async setImplementations(
    @Arg('input', () => SetImplementationsInput, { description: 'What to do; see the input type.' })
    input: SetImplementationsInput,
    @Ctx() context: GraphQLContext,
  ): Promise<CapabilityPayload> {
    assertMayEdit(context, context.services.registry.requireCapability(input.capability));
    const capability = await context.services.registryAdmin.setImplementations(
      input.capability,
      input.implementations,
      context.principal.id,
    );
    await auditRegistry(context, 'setImplementations', input.capability, {
      version: capability.version,
      models: input.implementations.map((i) => i.model),
    });
    return { capability: toCapabilityType(capability) };
  }

  @Authorized('MAINTAINER')
  @Mutation(() => SetRoutingPolicyPayload, { description: 'Sets how a capability picks its models.' })
  async setRoutingPolicy(
    @Arg('input', () => SetRoutingPolicyInput, { description: 'What to do; see the input type.' })
    input: SetRoutingPolicyInput,
    @Ctx() context: GraphQLContext,
  ): Promise<CapabilityPayload> {
    assertMayEdit(context, context.services.registry.requireCapability(input.capability));
    const capability = await context.services.registryAdmin.setRoutingPolicy(
      input.capability,
      input.policy,
      context.principal.id,
    );
    await auditRegistry(context, 'setRoutingPolicy', input.capability, { ...input.policy });
    return { capability: toCapabilityType(capability) };
  }

  @Authorized('MAINTAINER')
  @Mutation(() => SetCachePolicyPayload, {
    description: 'Opt-in exact-match response cache for a capability.',
  })
  async setCachePolicy(
    @Arg('input', () => SetCachePolicyInput, { description: 'What to do; see the input type.' })
    input: SetCachePolicyInput,
    @Ctx() context: GraphQLContext,
  ): Promise<CapabilityPayload> {
    assertMayEdit(context, context.services.registry.requireCapability(input.capability));
    const capability = await context.services.registryAdmin.setCachePolicy(
      input.capability,
      input.policy,
      context.principal.id,
    );
    await auditRegistry(context, 'setCachePolicy', input.capability, { ...input.policy });
    return { capability: toCapabilityType(capability) };
  }

  @Authorized('MAINTAINER')
  @Mutation(() => SetLoggingPolicyPayload, {
    description:
      'Whether run records keep the inputs and outputs of its runs (masked per its masking policy; deleted after the run retention).',
  })
  async setLoggingPolicy(
    @Arg('input', () => SetLoggingPolicyInput, { description: 'What to do; see the input type.' })
    input: SetLoggingPolicyInput,
    @Ctx() context: GraphQLContext,
  ): Promise<CapabilityPayload> {
    assertMayEdit(context, context.services.registry.requireCapability(input.capability));
    const capability = await context.services.registryAdmin.setLoggingPolicy(
      input.capability,
      input.policy,
      context.principal.id,
    );
    await auditRegistry(context, 'setLoggingPolicy', input.capability, { ...input.policy });
    return { capability: toCapabilityType(capability) };
  }

  @Authorized('MAINTAINER')
  @Mutation(() => SetMaskingPolicyPayload, {
    description: 'PII masking of a capability, before remote providers, the cache and logs.',
  })
  async setMaskingPolicy(
    @Arg('input', () => SetMaskingPolicyInput, { description: 'What to do; see the input type.' })
    input: SetMaskingPolicyInput,
    @Ctx() context: GraphQLContext,
  ): Promise<CapabilityPayload> {
    assertMayEdit(context, context.services.registry.requireCapability(input.capability));
    const policy = maskingPolicyOf(input);
    const capability = await context.services.registryAdmin.setMaskingPolicy(
      input.capability,
      policy as unknown as Record<string, unknown>,
      context.principal.id,
    );
    await auditRegistry(context, 'setMaskingPolicy', input.capability, {
      detectors: input.detectors,
      mode: input.mode,
      customPatterns: input.customPatterns?.length ?? 0,
    });
    return { capability: toCapabilityType(capability) };
  }

  @Authorized('ADMIN')
  @Mutation(() => SetDefaultMaskingPolicyPayload, {
    description:
      'The org-wide default masking policy, for capabilities without their own. No detectors and no custom patterns remove it.',
  })
  async setDefaultMaskingPolicy(
    @Arg('input', () => SetDefaultMaskingPolicyInput, { description: 'What to do; see the input type.' })
    input: SetDefaultMaskingPolicyInput,
    @Ctx() context: GraphQLContext,
  ): Promise<SetDefaultMaskingPolicyPayload> {
    const remove = input.detectors.length === 0 && !(input.customPatterns?.length ?? 0);
    const policy = remove ? undefined : maskingPolicyOf(input);
    await context.services.registryAdmin.setOrgMaskingPolicy(
      context.principal.orgId,
      policy as unknown as Record<string, unknown> | undefined,
    );
    await auditRegistry(context, 'setDefaultMaskingPolicy', context.principal.orgId, {
      detectors: input.detectors,
      mode: input.mode,
    });
    return { maskingPolicy: policy ? toMaskingPolicyType(policy) : null };
  }

  @Authorized('MAINTAINER')
  @Mutation(() => DeprecateCapabilityPayload, {
    description: 'Marks a capability DEPRECATED; it stays invocable. Idempotent.',
  })
  async deprecateCapability(
    @Arg('input', () => DeprecateCapabilityInput, { description: 'What to do; see the input type.' })
    input: DeprecateCapabilityInput,
    @Ctx() context: GraphQLContext,
  ): Promise<CapabilityPayload> {
    assertMayEdit(context, context.services.registry.requireCapability(input.name));
    const capability = await context.services.registryAdmin.deprecateCapability(
      input.name,
      context.principal.id,
    );
    await auditRegistry(context, 'deprecateCapability', input.name, {});
    return { capability: toCapabilityType(capability) };
  }
}
