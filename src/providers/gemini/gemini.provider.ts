import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { LanguageModelProvider } from '../http/ai-sdk/language-model-provider.js';
import { parseConnectionSettings } from '../http/connection-settings.js';
import { createUpstreamAgent } from '../http/keep-alive-dispatcher.js';
import { createUndiciFetch } from '../http/undici-fetch.js';
import type { ModelProvider, ProviderConnection } from '../provider.types.js';
import { geminiResponseIdOf, isGeminiFinalChunk } from './read-gemini-chunk.js';

/** The SDK appends `/models/{model}:generateContent` (and `:streamGenerateContent?alt=sse`, `:embedContent`). */
export const DEFAULT_GEMINI_BASE_URL = 'https://generativelanguage.googleapis.com/v1beta';

/**
 * Google's Gemini API (`generateContent`, `streamGenerateContent?alt=sse`, embeddings;
 * `x-goog-api-key`) through `@ai-sdk/google`, whose `fetch` is a keep-alive undici agent.
 */
export function createGeminiProvider(connection: ProviderConnection): ModelProvider {
  const settings = parseConnectionSettings(connection, DEFAULT_GEMINI_BASE_URL);
  const dispatcher = createUpstreamAgent();
  const google = createGoogleGenerativeAI({
    baseURL: settings.baseUrl,
    // Always explicit: the SDK would otherwise read GOOGLE_GENERATIVE_AI_API_KEY from the environment.
    apiKey: settings.apiKey ?? '',
    headers: settings.headers,
    fetch: createUndiciFetch(dispatcher),
  });
  return new LanguageModelProvider({
    kind: 'GEMINI',
    providerName: settings.name,
    providerOptionsKey: 'google',
    secrets: settings.secrets,
    languageModel: (modelId) => google.languageModel(modelId),
    embeddingModel: (modelId) => google.textEmbeddingModel(modelId),
    isFinalChunk: isGeminiFinalChunk,
    responseIdOf: geminiResponseIdOf,
    dispatcher,
  });
}
