/**
 * What a provider kind is, in one place: its name (the GraphQL `ProviderKind` value and the stored
 * `kind`), a description, whether it is served over the network (then: its factory and default base
 * URL) or in process (`LOCAL`), and its `gen_ai.system` name in spans. Every list of kinds is derived
 * from the map of descriptors (`provider-kinds.ts`).
 */
import type { ProviderFactory } from './provider.types.js';

interface ProviderKindBase {
  kind: string;
  description: string;
  /** `gen_ai.system` / `gen_ai.provider.name` of this kind's spans. */
  genAiSystem: string;
}

export interface RemoteProviderKindDescriptor extends ProviderKindBase {
  remote: true;
  create: ProviderFactory;
  /** The API root used when a registered provider sets no `baseUrl`. */
  defaultBaseUrl: string;
}

export interface LocalProviderKindDescriptor extends ProviderKindBase {
  remote: false;
}

export type ProviderKindDescriptor = RemoteProviderKindDescriptor | LocalProviderKindDescriptor;
