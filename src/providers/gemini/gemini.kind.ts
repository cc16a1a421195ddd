/** `GEMINI`: the Google Gemini API (generateContent, embedContent). */
import type { RemoteProviderKindDescriptor } from '../provider-kind.types.js';
import { createGeminiProvider, DEFAULT_GEMINI_BASE_URL } from './gemini.provider.js';

export const geminiKind: RemoteProviderKindDescriptor = {
  kind: 'GEMINI',
  description: 'The Google Gemini API.',
  remote: true,
  create: createGeminiProvider,
  defaultBaseUrl: DEFAULT_GEMINI_BASE_URL,
  genAiSystem: 'gcp.gemini',
};
