import { createAnthropicProvider } from './anthropic/anthropic.provider.js';
import { createGeminiProvider } from './gemini/gemini.provider.js';
import { createOpenAiCompatibleProvider } from './openai-compatible/openai-compatible.provider.js';
import type { ModelProvider, ProviderConnection, ProviderFactory, ProviderKind } from './provider.types.js';

/** Kinds served over the network; `LOCAL` implementations run in process and are not providers. */
export type RemoteProviderKind = Exclude<ProviderKind, 'LOCAL'>;

/** One line per provider kind: adding a provider is a folder plus a line here. */
export const providerFactories: Record<RemoteProviderKind, ProviderFactory> = {
  OPENAI_COMPATIBLE: createOpenAiCompatibleProvider,
  ANTHROPIC: createAnthropicProvider,
  GEMINI: createGeminiProvider,
};

export function isRemoteProviderKind(kind: ProviderKind): kind is RemoteProviderKind {
  return kind !== 'LOCAL';
}

/** Builds the adapter for a registered provider. Throws `BadUserInputError` for an invalid connection. */
export function createProvider(kind: RemoteProviderKind, connection: ProviderConnection): ModelProvider {
  return providerFactories[kind](connection);
}

export type * from './provider.types.js';
