/** `ANTHROPIC`: the Anthropic Messages API. */
import type { RemoteProviderKindDescriptor } from '../provider-kind.types.js';
import { createAnthropicProvider, DEFAULT_ANTHROPIC_BASE_URL } from './anthropic.provider.js';

export const anthropicKind: RemoteProviderKindDescriptor = {
  kind: 'ANTHROPIC',
  description: 'The Anthropic Messages API.',
  remote: true,
  create: createAnthropicProvider,
  defaultBaseUrl: DEFAULT_ANTHROPIC_BASE_URL,
  genAiSystem: 'anthropic',
};
