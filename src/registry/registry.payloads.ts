/** Results of the registry mutations: each holds the objects it changed, so client caches update. */
import { Field, ID, ObjectType } from 'type-graphql';
import { CapabilityType, MaskingPolicyType } from './capability.type.js';
import { ModelType } from './model.type.js';
import { ProviderType } from './provider.type.js';

@ObjectType({ description: 'The provider as registered.' })
export class RegisterProviderPayload {
  @Field(() => ProviderType, { description: 'The provider as registered.' })
  provider!: ProviderType;
}

@ObjectType({ description: 'The model as registered.' })
export class RegisterModelPayload {
  @Field(() => ModelType, { description: 'The model as registered.' })
  model!: ModelType;
}

@ObjectType({ description: 'What removeModel removed.' })
export class RemoveModelPayload {
  @Field(() => ID, { description: 'Global id of the removed model: evict it from client caches.' })
  removedModelId!: string;
}

@ObjectType({ description: 'What removeProvider removed.' })
export class RemoveProviderPayload {
  @Field(() => ID, { description: 'Global id of the removed provider: evict it from client caches.' })
  removedProviderId!: string;
}

/** A payload type holding the capability as it is after the mutation. */
function capabilityPayload(name: string, description: string) {
  @ObjectType(name, { description })
  class Payload {
    @Field(() => CapabilityType, { description: 'The capability as it is now.' })
    capability!: CapabilityType;
  }
  return Payload;
}

export const RegisterCapabilityPayload = capabilityPayload(
  'RegisterCapabilityPayload',
  'The registered capability.',
);
export const UpdateCapabilityPayload = capabilityPayload(
  'UpdateCapabilityPayload',
  'The capability, at its new version.',
);
export const SetImplementationsPayload = capabilityPayload(
  'SetImplementationsPayload',
  'The capability with its new implementations.',
);
export const SetRoutingPolicyPayload = capabilityPayload(
  'SetRoutingPolicyPayload',
  'The capability with its new routing policy.',
);
export const SetCachePolicyPayload = capabilityPayload(
  'SetCachePolicyPayload',
  'The capability with its new cache policy.',
);
export const SetMaskingPolicyPayload = capabilityPayload(
  'SetMaskingPolicyPayload',
  'The capability with its new masking policy.',
);
export const SetLoggingPolicyPayload = capabilityPayload(
  'SetLoggingPolicyPayload',
  'The capability with its new logging policy.',
);
export const DeprecateCapabilityPayload = capabilityPayload(
  'DeprecateCapabilityPayload',
  'The deprecated capability.',
);
/** What every capability mutation returns. */
export interface CapabilityPayload {
  capability: CapabilityType;
}

@ObjectType({ description: 'The org-wide default masking policy now in force.' })
export class SetDefaultMaskingPolicyPayload {
  @Field(() => MaskingPolicyType, { nullable: true, description: 'The policy; null when it was removed.' })
  maskingPolicy!: MaskingPolicyType | null;
}
