import type { Dispatcher, Pool } from 'undici';
import { parseConnectionSettings, type ConnectionSettings } from '../http/connection-settings.js';
import { createUpstreamPool } from '../http/keep-alive-dispatcher.js';
import { providerErrorFromHttp } from '../http/map-http-error.js';
import { abortOutcome, mapTransportError, type CallContext } from '../http/map-transport-error.js';
import { readErrorBody } from '../http/read-body.js';
import { parseServerSentEvents } from '../http/sse-parser.js';
import type {
  EmbedRequest,
  EmbedResult,
  GenerateRequest,
  GenerateResult,
  ModelProvider,
  ProviderConnection,
  StreamPart,
} from '../provider.types.js';
import { convertToOpenAiChatRequest } from './convert-to-openai-chat-request.js';
import { mapChatCompletion, mapOpenAiUsage } from './map-openai-chat-completion.js';
import { isChatCompletion, embeddingsResponseSchema } from './openai-compatible-api.js';
import { checkUpstreamShape, parseUpstreamJson } from './parse-upstream-json.js';
import { readChatCompletionStream } from './read-openai-chat-stream.js';

export const DEFAULT_OPENAI_BASE_URL = 'https://api.openai.com/v1';
const AZURE_HOST = /\.(openai|cognitiveservices)\.azure\.com$/i;

/**
 * OpenAI, Azure OpenAI, Groq, Together, vLLM, Ollama, OpenRouter… anything that speaks
 * `POST /chat/completions` and `POST /embeddings`. This is the gateway's hot path, so it calls a
 * keep-alive undici `Pool` directly: no global `fetch`, no SDK, one JSON parse per response.
 */
export function createOpenAiCompatibleProvider(connection: ProviderConnection): ModelProvider {
  return new OpenAiCompatibleProvider(parseConnectionSettings(connection, DEFAULT_OPENAI_BASE_URL));
}

export class OpenAiCompatibleProvider implements ModelProvider {
  readonly kind = 'OPENAI_COMPATIBLE' as const;
  private readonly pool: Pool;
  private readonly jsonHeaders: Record<string, string>;
  private readonly streamHeaders: Record<string, string>;

  constructor(private readonly settings: ConnectionSettings) {
    this.pool = createUpstreamPool(settings.origin);
    const common: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': 'capgate',
      ...authenticationHeaders(settings),
      // Connection headers last: Azure's `api-key`, `OpenAI-Organization`, or an explicit override.
      ...settings.headers,
    };
    this.jsonHeaders = { ...common, accept: 'application/json' };
    this.streamHeaders = { ...common, accept: 'text/event-stream' };
  }

  async doGenerate(request: GenerateRequest): Promise<GenerateResult> {
    const context = this.contextOf(request.signal);
    const body = convertToOpenAiChatRequest(request, false);
    const response = await this.post('/chat/completions', body, this.jsonHeaders, context);
    const completion = parseUpstreamJson(await readText(response, context), this.settings.name);
    return mapChatCompletion(checkUpstreamShape(completion, isChatCompletion, this.settings.name));
  }

  async *doStream(request: GenerateRequest): AsyncGenerator<StreamPart> {
    const context = this.contextOf(request.signal);
    const body = convertToOpenAiChatRequest(request, true);
    const response = await this.post('/chat/completions', body, this.streamHeaders, context);
    try {
      if (!isEventStream(response.headers['content-type'])) {
        // A server that ignores `stream: true` answers with one JSON completion.
        const completion = parseUpstreamJson(await readText(response, context), this.settings.name);
        const result = mapChatCompletion(
          checkUpstreamShape(completion, isChatCompletion, this.settings.name),
        );
        if (result.text !== '') yield { type: 'delta', text: result.text };
        for (const [index, call] of (result.toolCalls ?? []).entries()) {
          yield {
            type: 'tool-call-delta',
            index,
            id: call.id,
            name: call.name,
            argumentsDelta: call.arguments,
          };
        }
        const { text: _text, toolCalls: _toolCalls, ...finish } = result;
        yield { type: 'finish', ...finish };
        return;
      }
      yield* readChatCompletionStream(parseServerSentEvents(response.body), {
        providerName: this.settings.name,
        secrets: this.settings.secrets,
      });
    } catch (error) {
      throw mapTransportError(error, context);
    } finally {
      if (!response.body.readableEnded) response.body.destroy();
    }
  }

  async doEmbed(request: EmbedRequest): Promise<EmbedResult> {
    const context = this.contextOf(request.signal);
    const { model: _model, input: _input, ...params } = request.params ?? {};
    const body = { ...params, model: request.model, input: request.input };
    const response = await this.post('/embeddings', body, this.jsonHeaders, context);
    const parsed = parseUpstreamJson(await readText(response, context), this.settings.name);
    const embeddings = checkUpstreamShape(parsed, embeddingsResponseSchema, this.settings.name);
    const ordered = [...embeddings.data].sort((left, right) => (left.index ?? 0) - (right.index ?? 0));
    const { inputTokens } = mapOpenAiUsage(embeddings.usage);
    return {
      embeddings: ordered.map((item) => item.embedding),
      usage: inputTokens === undefined ? {} : { inputTokens },
    };
  }

  /** Lets in-flight calls finish, then closes the pooled connections. */
  async close(): Promise<void> {
    await this.pool.close();
  }

  private contextOf(signal: AbortSignal | undefined): CallContext {
    return signal === undefined
      ? { providerName: this.settings.name }
      : { providerName: this.settings.name, signal };
  }

  /** Sends one request; non-2xx answers become `ProviderError`s, transport failures are mapped. */
  private async post(
    path: string,
    body: Record<string, unknown>,
    headers: Record<string, string>,
    context: CallContext,
  ): Promise<Dispatcher.ResponseData> {
    let response: Dispatcher.ResponseData;
    try {
      response = await this.pool.request({
        method: 'POST',
        path: `${this.settings.basePath}${path}${this.settings.query}`,
        headers,
        body: JSON.stringify(body),
        signal: context.signal ?? null,
      });
    } catch (error) {
      throw mapTransportError(error, context);
    }
    if (response.statusCode >= 200 && response.statusCode < 300) return response;
    const errorBody = await readErrorBody(response.body);
    const aborted = abortOutcome(context);
    if (aborted !== undefined) throw aborted;
    throw providerErrorFromHttp({
      providerName: this.settings.name,
      status: response.statusCode,
      headers: response.headers,
      body: errorBody,
      secrets: this.settings.secrets,
    });
  }
}

async function readText(response: Dispatcher.ResponseData, context: CallContext): Promise<string> {
  try {
    return await response.body.text();
  } catch (error) {
    throw mapTransportError(error, context);
  }
}

/**
 * `Authorization: Bearer <key>`, except on Azure OpenAI resources, which take the key in `api-key`.
 * Connection headers may still override either.
 */
export function authenticationHeaders(settings: ConnectionSettings): Record<string, string> {
  if (settings.apiKey === undefined) return {};
  const host = new URL(settings.origin).hostname;
  return AZURE_HOST.test(host)
    ? { 'api-key': settings.apiKey }
    : { authorization: `Bearer ${settings.apiKey}` };
}

function isEventStream(contentType: string | string[] | undefined): boolean {
  const value = Array.isArray(contentType) ? contentType[0] : contentType;
  return value === undefined || value.includes('text/event-stream');
}
