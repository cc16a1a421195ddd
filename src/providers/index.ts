import { builtinProviderKinds, defaultProviderKinds, type BuiltinProviderKind } from './provider-kinds.js';
import type { ModelProvider, ProviderConnection, ProviderFactory, ProviderKind } from './provider.types.js';

/** Built-in kinds served over the network; `LOCAL` implementations run in process and are not providers. */
export type RemoteProviderKind = Exclude<BuiltinProviderKind, 'LOCAL'>;

/** The factories of the built-in remote kinds, derived from their descriptors (`provider-kinds.ts`). */
export const providerFactories = Object.fromEntries(
  Object.values(builtinProviderKinds).flatMap((descriptor) =>
    descriptor.remote ? [[descriptor.kind, descriptor.create]] : [],
  ),
) as Record<RemoteProviderKind, ProviderFactory>;

export function isRemoteProviderKind(kind: ProviderKind): kind is RemoteProviderKind {
  return defaultProviderKinds.remote(kind) !== undefined;
}

/** Builds the adapter for a registered provider. Throws `BadUserInputError` for an invalid connection. */
export function createProvider(kind: RemoteProviderKind, connection: ProviderConnection): ModelProvider {
  return defaultProviderKinds.createProvider(kind, connection);
}

export { builtinProviderKinds, defaultProviderKinds, ProviderKinds } from './provider-kinds.js';
export type * from './provider-kind.types.js';
export type * from './provider.types.js';
