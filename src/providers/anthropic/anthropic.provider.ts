import { createAnthropic } from '@ai-sdk/anthropic';
import { LanguageModelProvider } from '../http/ai-sdk/language-model-provider.js';
import { parseConnectionSettings } from '../http/connection-settings.js';
import { createUpstreamAgent } from '../http/keep-alive-dispatcher.js';
import { createUndiciFetch } from '../http/undici-fetch.js';
import type { ModelProvider, ProviderConnection } from '../provider.types.js';
import { isAnthropicFinalChunk } from './is-anthropic-final-chunk.js';

/** The SDK appends `/messages`. */
export const DEFAULT_ANTHROPIC_BASE_URL = 'https://api.anthropic.com/v1';

/**
 * Anthropic's Messages API (`POST /v1/messages`, `x-api-key`, `anthropic-version`) through
 * `@ai-sdk/anthropic`, whose `fetch` is a keep-alive undici agent rather than the global one.
 */
export function createAnthropicProvider(connection: ProviderConnection): ModelProvider {
  const settings = parseConnectionSettings(connection, DEFAULT_ANTHROPIC_BASE_URL);
  const dispatcher = createUpstreamAgent();
  const anthropic = createAnthropic({
    baseURL: settings.baseUrl,
    // Always explicit: the SDK would otherwise read ANTHROPIC_API_KEY from the environment.
    apiKey: settings.apiKey ?? '',
    headers: settings.headers,
    fetch: createUndiciFetch(dispatcher),
  });
  return new LanguageModelProvider({
    kind: 'ANTHROPIC',
    providerName: settings.name,
    providerOptionsKey: 'anthropic',
    secrets: settings.secrets,
    languageModel: (modelId) => anthropic.languageModel(modelId),
    isFinalChunk: isAnthropicFinalChunk,
    dispatcher,
  });
}
