import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { NodeInterface } from '../graphql/relay/node.interface.js';
import { defaultProviderKinds, type ProviderKinds } from '../providers/provider-kinds.js';
import type { ProviderKind } from '../providers/provider.types.js';

/**
 * The GraphQL `ProviderKind` enum: the keys of the app's provider-kind map, with their descriptions.
 * type-graphql reads the values when a schema is built, so `buildAppSchema` sets them from the
 * app's catalog first (`useProviderKinds`); they start as the built-in kinds.
 */
export const ProviderKindEnum: Record<string, string> = {};
const providerKindValues: Record<string, { description: string }> = {};
registerEnumType(ProviderKindEnum, {
  name: 'ProviderKind',
  description: 'The wire protocol a provider speaks.',
  valuesConfig: providerKindValues,
});

export function useProviderKinds(kinds: ProviderKinds): void {
  for (const key of Object.keys(ProviderKindEnum)) delete ProviderKindEnum[key];
  for (const key of Object.keys(providerKindValues)) delete providerKindValues[key];
  for (const kind of kinds.names()) {
    ProviderKindEnum[kind] = kind;
    providerKindValues[kind] = { description: kinds.descriptor(kind)!.description };
  }
}
useProviderKinds(defaultProviderKinds);

@ObjectType('Provider', {
  implements: NodeInterface,
  description: 'An upstream that serves models. Its API key is write-only.',
})
export class ProviderType implements NodeInterface {
  @Field(() => ID, { description: 'Global id.' })
  id!: string;

  @Field(() => String, { description: 'Unique name.' })
  name!: string;

  @Field(() => ProviderKindEnum, { description: 'Which wire protocol it speaks.' })
  kind!: ProviderKind;

  @Field(() => String, { nullable: true, description: 'API root; null: the kind’s default.' })
  baseUrl?: string;

  @Field(() => Boolean, { description: 'An API key is stored (never shown).' })
  hasApiKey!: boolean;

  @Field(() => Boolean, { description: 'False while any of its models has an open circuit.' })
  healthy!: boolean;
}
