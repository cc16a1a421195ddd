import type { EmbeddingModelV2, LanguageModelV2 } from '@ai-sdk/provider';
import type { Dispatcher } from 'undici';
import type {
  EmbedRequest,
  EmbedResult,
  GenerateRequest,
  GenerateResult,
  ModelProvider,
  ProviderKind,
  StreamPart,
} from '../../provider.types.js';
import { convertToCallOptions } from './convert-to-call-options.js';
import { mapAiSdkError, type ErrorContext } from './map-ai-sdk-error.js';
import { mapGenerateResult } from './map-language-model-result.js';
import { readLanguageModelStream } from './read-language-model-stream.js';

export interface LanguageModelProviderOptions {
  kind: ProviderKind;
  providerName: string;
  /** The `providerOptions` key the AI SDK provider reads (`anthropic`, `google`). */
  providerOptionsKey: string;
  secrets: readonly string[];
  languageModel(modelId: string): LanguageModelV2;
  /** Present when the provider offers embeddings. */
  embeddingModel?(modelId: string): EmbeddingModelV2<string>;
  /** See `StreamCompletionCheck.isFinalChunk`. */
  isFinalChunk(rawChunk: unknown): boolean;
  /** The response id in a raw response body or chunk, for SDKs that do not report one. */
  responseIdOf?(raw: unknown): string | undefined;
  /** The dispatcher behind the SDK's `fetch`, closed with the provider. */
  dispatcher: Dispatcher;
}

/**
 * A `ModelProvider` over an AI SDK provider package (`@ai-sdk/anthropic`, `@ai-sdk/google`): the
 * SDK speaks the wire protocol, this class maps requests, results, stream parts and errors.
 */
export class LanguageModelProvider implements ModelProvider {
  readonly kind: ProviderKind;
  readonly doEmbed?: (request: EmbedRequest) => Promise<EmbedResult>;

  constructor(private readonly options: LanguageModelProviderOptions) {
    this.kind = options.kind;
    const embeddingModel = options.embeddingModel?.bind(options);
    if (embeddingModel !== undefined) this.doEmbed = (request) => this.embed(embeddingModel, request);
  }

  async doGenerate(request: GenerateRequest): Promise<GenerateResult> {
    try {
      const model = this.options.languageModel(request.model);
      const result = await model.doGenerate(convertToCallOptions(request, this.options.providerOptionsKey));
      return mapGenerateResult(result, this.options.responseIdOf);
    } catch (error) {
      throw mapAiSdkError(error, this.contextOf(request.signal));
    }
  }

  async *doStream(request: GenerateRequest): AsyncGenerator<StreamPart> {
    try {
      const model = this.options.languageModel(request.model);
      const { stream } = await model.doStream(convertToCallOptions(request, this.options.providerOptionsKey));
      yield* readLanguageModelStream(stream, {
        providerName: this.options.providerName,
        isFinalChunk: this.options.isFinalChunk,
        responseIdOf: this.options.responseIdOf,
      });
    } catch (error) {
      throw mapAiSdkError(error, this.contextOf(request.signal));
    }
  }

  /** Lets in-flight calls finish, then closes the pooled connections. */
  async close(): Promise<void> {
    await this.options.dispatcher.close();
  }

  private async embed(
    embeddingModel: (modelId: string) => EmbeddingModelV2<string>,
    request: EmbedRequest,
  ): Promise<EmbedResult> {
    try {
      const model = embeddingModel(request.model);
      const batchSize = (await model.maxEmbeddingsPerCall) ?? request.input.length;
      const batches: string[][] = [];
      for (let start = 0; start < request.input.length; start += Math.max(1, batchSize)) {
        batches.push(request.input.slice(start, start + Math.max(1, batchSize)));
      }
      const results = await Promise.all(
        batches.map((values) =>
          model.doEmbed({
            values,
            ...(request.signal === undefined ? {} : { abortSignal: request.signal }),
          }),
        ),
      );
      const tokens = results.map((result) => result.usage?.tokens);
      return {
        embeddings: results.flatMap((result) => result.embeddings),
        usage: tokens.every((count) => count !== undefined) ? { inputTokens: sum(tokens) } : {},
      };
    } catch (error) {
      throw mapAiSdkError(error, this.contextOf(request.signal));
    }
  }

  private contextOf(signal: AbortSignal | undefined): ErrorContext {
    const context: ErrorContext = { providerName: this.options.providerName, secrets: this.options.secrets };
    if (signal !== undefined) context.signal = signal;
    return context;
  }
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
