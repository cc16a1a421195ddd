/**
 * The adapter of a test-only provider kind, `ECHO`: a tiny JSON protocol over HTTP
 * (`POST {baseUrl}/echo` with `{ model, prompt }`, answered `{ text, inputTokens, outputTokens }`).
 * It exists to prove that a provider kind is a folder plus one line in the kind map.
 */
import { ProviderError } from '../../../src/errors/app-error.js';
import type {
  GenerateRequest,
  GenerateResult,
  ModelProvider,
  ProviderConnection,
  StreamPart,
} from '../../../src/providers/provider.types.js';

export const DEFAULT_ECHO_BASE_URL = 'http://127.0.0.1:9/echo-api';

export function createEchoProvider(connection: ProviderConnection): ModelProvider {
  const baseUrl = (connection.baseUrl ?? DEFAULT_ECHO_BASE_URL).replace(/\/$/, '');
  const generate = async (request: GenerateRequest): Promise<GenerateResult> => {
    const response = await fetch(`${baseUrl}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: request.model,
        prompt: request.messages.map((message) => message.content).join('\n'),
      }),
      signal: request.signal,
    });
    if (!response.ok)
      throw new ProviderError(`echo answered ${response.status}`, { status: response.status });
    const body = (await response.json()) as { text: string; inputTokens: number; outputTokens: number };
    return {
      text: body.text,
      usage: { inputTokens: body.inputTokens, outputTokens: body.outputTokens },
      finishReason: 'stop',
    };
  };
  return {
    kind: 'ECHO',
    doGenerate: generate,
    async *doStream(request): AsyncIterable<StreamPart> {
      const result = await generate(request);
      yield { type: 'delta', text: result.text };
      yield { type: 'finish', usage: result.usage, finishReason: result.finishReason };
    },
    close: async () => {},
  };
}
