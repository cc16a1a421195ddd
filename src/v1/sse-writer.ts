/**
 * Writes a chat completion as OpenAI's server-sent events: `chat.completion.chunk` objects, a final
 * chunk with `finish_reason`, an optional usage chunk (`stream_options.include_usage`), `[DONE]`.
 * Headers go out with the first content (not earlier), so failures before the model answers — rate
 * limits, budgets, an unreachable provider — still get a proper status code and error body.
 */
import type { ServerResponse } from 'node:http';
import type { ToolCallDelta } from '../providers/provider.types.js';
import type { ChatCompletionChunk, OpenAiFinishReason, OpenAiUsage } from './openai-wire.types.js';

export interface ChunkIdentity {
  id: string;
  created: number;
  model: string;
}

export class ChatChunkWriter {
  private started = false;
  /** Every chunk shares this prefix; only the choice part is serialized per delta. */
  private readonly prefix: string;

  constructor(
    private readonly response: ServerResponse,
    private readonly identity: ChunkIdentity,
    private readonly options: { includeUsage: boolean; headers: Record<string, string> },
  ) {
    this.prefix = `data: {"id":${JSON.stringify(identity.id)},"object":"chat.completion.chunk","created":${identity.created},"model":${JSON.stringify(identity.model)},"system_fingerprint":null,"choices":`;
  }

  get hasStarted(): boolean {
    return this.started;
  }

  /** One piece of assistant text. */
  delta(text: string): void {
    if (text === '') return;
    this.start();
    this.response.write(
      `${this.prefix}[{"index":0,"delta":{"content":${JSON.stringify(text)}},"logprobs":null,"finish_reason":null}]${this.usageTail()}}\n\n`,
    );
  }

  /**
   * A piece of a tool call in OpenAI's format: the first piece of a call carries `id`, `type` and
   * `function.name` (arguments ""), later ones `function.arguments` fragments; `index` numbers calls.
   */
  toolCallDelta(delta: ToolCallDelta): void {
    const call =
      delta.id !== undefined || delta.name !== undefined
        ? {
            index: delta.index,
            ...(delta.id === undefined ? {} : { id: delta.id, type: 'function' }),
            function: {
              ...(delta.name === undefined ? {} : { name: delta.name }),
              arguments: delta.argumentsDelta,
            },
          }
        : { index: delta.index, function: { arguments: delta.argumentsDelta } };
    this.start();
    this.response.write(
      `${this.prefix}[{"index":0,"delta":{"tool_calls":[${JSON.stringify(call)}]},"logprobs":null,"finish_reason":null}]${this.usageTail()}}\n\n`,
    );
  }

  /** The finish chunk, the usage chunk when asked for, and `[DONE]`; ends the response. */
  finish(usage: OpenAiUsage, finishReason: OpenAiFinishReason = 'stop'): void {
    this.start();
    let tail = `${this.prefix}[{"index":0,"delta":{},"logprobs":null,"finish_reason":"${finishReason}"}]${this.usageTail()}}\n\n`;
    if (this.options.includeUsage) tail += `${this.prefix}[],"usage":${JSON.stringify(usage)}}\n\n`;
    this.response.end(`${tail}data: [DONE]\n\n`);
  }

  private start(): void {
    if (this.started) return;
    this.started = true;
    this.response.writeHead(200, {
      ...this.options.headers,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    const first: ChatCompletionChunk = {
      id: this.identity.id,
      object: 'chat.completion.chunk',
      created: this.identity.created,
      model: this.identity.model,
      choices: [{ index: 0, delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null }],
      ...(this.options.includeUsage ? { usage: null } : {}),
    };
    this.response.write(`data: ${JSON.stringify(first)}\n\n`);
  }

  private usageTail(): string {
    return this.options.includeUsage ? ',"usage":null' : '';
  }
}
