/** `OPENAI_COMPATIBLE`: the OpenAI chat-completions and embeddings wire protocol. */
import type { RemoteProviderKindDescriptor } from '../provider-kind.types.js';
import { createOpenAiCompatibleProvider, DEFAULT_OPENAI_BASE_URL } from './openai-compatible.provider.js';

export const openAiCompatibleKind: RemoteProviderKindDescriptor = {
  kind: 'OPENAI_COMPATIBLE',
  description: 'Any API speaking the OpenAI chat-completions protocol (OpenAI, Azure, vLLM, Ollama…).',
  remote: true,
  create: createOpenAiCompatibleProvider,
  defaultBaseUrl: DEFAULT_OPENAI_BASE_URL,
  genAiSystem: 'openai',
};
