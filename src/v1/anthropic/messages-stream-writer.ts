/**
 * Writes an answer as Anthropic's Messages SSE events: `message_start`, per content block
 * `content_block_start` / `content_block_delta` (`text_delta`, `input_json_delta`) /
 * `content_block_stop`, then `message_delta` (stop reason, usage) and `message_stop`. Headers go out
 * with the first event, so failures before the model answers keep their status and error body.
 */
import type { ServerResponse } from 'node:http';
import type { ToolCallDelta } from '../../providers/provider.types.js';

export class MessagesStreamWriter {
  private started = false;
  private blockIndex = -1;
  private openBlock: { kind: 'text' } | { kind: 'tool'; callIndex: number } | undefined;

  constructor(
    private readonly response: ServerResponse,
    private readonly identity: { id: string; model: string; inputTokens: number },
    private readonly headers: Record<string, string>,
  ) {}

  text(delta: string): void {
    if (delta === '') return;
    if (this.openBlock?.kind !== 'text') this.startBlock({ kind: 'text' }, { type: 'text', text: '' });
    this.event('content_block_delta', { index: this.blockIndex, delta: { type: 'text_delta', text: delta } });
  }

  toolCall(delta: ToolCallDelta): void {
    if (this.openBlock?.kind !== 'tool' || this.openBlock.callIndex !== delta.index) {
      this.startBlock(
        { kind: 'tool', callIndex: delta.index },
        { type: 'tool_use', id: delta.id ?? `toolu_${delta.index}`, name: delta.name ?? '', input: {} },
      );
    }
    if (delta.argumentsDelta !== '')
      this.event('content_block_delta', {
        index: this.blockIndex,
        delta: { type: 'input_json_delta', partial_json: delta.argumentsDelta },
      });
  }

  finish(stopReason: string, outputTokens: number): void {
    this.start();
    this.closeBlock();
    this.event('message_delta', {
      delta: { stop_reason: stopReason, stop_sequence: null },
      usage: { output_tokens: outputTokens },
    });
    this.event('message_stop', {});
    this.response.end();
  }

  private startBlock(block: NonNullable<typeof this.openBlock>, contentBlock: Record<string, unknown>): void {
    this.start();
    this.closeBlock();
    this.blockIndex++;
    this.openBlock = block;
    this.event('content_block_start', { index: this.blockIndex, content_block: contentBlock });
  }

  private closeBlock(): void {
    if (this.openBlock === undefined) return;
    this.event('content_block_stop', { index: this.blockIndex });
    this.openBlock = undefined;
  }

  private start(): void {
    if (this.started) return;
    this.started = true;
    this.response.writeHead(200, {
      ...this.headers,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    this.event('message_start', {
      message: {
        id: this.identity.id,
        type: 'message',
        role: 'assistant',
        model: this.identity.model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: this.identity.inputTokens, output_tokens: 0 },
      },
    });
  }

  private event(type: string, data: Record<string, unknown>): void {
    this.response.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
  }
}
