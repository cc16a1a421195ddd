/**
 * Writes a response as the Responses API's server-sent events: `response.created`,
 * `response.in_progress`, per output item `response.output_item.added` … `response.output_item.done`
 * (a message's `response.content_part.added`, `response.output_text.delta`, `response.output_text.done`,
 * `response.content_part.done`; a function call's `response.function_call_arguments.delta` and
 * `.done`), then `response.completed` (or `response.incomplete`). Every event has `type` and a
 * `sequence_number`. Headers go out with the first event, so failures before the model answers keep
 * their status and error body; a failure after that is an `error` event.
 */
import type { ServerResponse } from 'node:http';
import type { ToolCallDelta } from '../../providers/provider.types.js';
import { functionCallItem, messageItem, responseItemId } from './response-object.js';
import type {
  ResponseFunctionCall,
  ResponseObject,
  ResponseOutputItem,
  ResponseOutputMessage,
} from './responses-wire.types.js';

type OpenItem =
  | { kind: 'message'; index: number; item: ResponseOutputMessage; text: string }
  | { kind: 'call'; index: number; callIndex: number; item: ResponseFunctionCall };

export class ResponsesStreamWriter {
  private started = false;
  private sequence = 0;
  private open: OpenItem | undefined;
  private readonly items: ResponseOutputItem[] = [];

  constructor(
    private readonly response: ServerResponse,
    private readonly skeleton: ResponseObject,
    private readonly headers: Record<string, string>,
  ) {}

  get hasStarted(): boolean {
    return this.started;
  }

  /** True once an output item was announced. */
  get hasItems(): boolean {
    return this.open !== undefined || this.items.length > 0;
  }

  /** The items streamed so far, finished. */
  get output(): ResponseOutputItem[] {
    return this.items;
  }

  text(delta: string): void {
    if (delta === '') return;
    let open = this.open;
    if (open?.kind !== 'message') {
      this.closeItem();
      const item = messageItem(responseItemId('msg'), '', 'in_progress');
      item.content = [];
      open = this.openItem({ kind: 'message', index: this.items.length, item, text: '' });
      this.event('response.content_part.added', {
        item_id: item.id,
        output_index: open.index,
        content_index: 0,
        part: { type: 'output_text', text: '', annotations: [], logprobs: [] },
      });
    }
    open.text += delta;
    this.event('response.output_text.delta', {
      item_id: open.item.id,
      output_index: open.index,
      content_index: 0,
      delta,
      logprobs: [],
    });
  }

  toolCall(delta: ToolCallDelta): void {
    let open = this.open;
    if (open?.kind !== 'call' || open.callIndex !== delta.index) {
      this.closeItem();
      const item = functionCallItem(
        responseItemId('fc'),
        { id: delta.id ?? `call_${delta.index}`, name: delta.name ?? '', arguments: '' },
        'in_progress',
      );
      open = this.openItem({ kind: 'call', index: this.items.length, callIndex: delta.index, item });
    }
    if (delta.argumentsDelta === '') return;
    open.item.arguments += delta.argumentsDelta;
    this.event('response.function_call_arguments.delta', {
      item_id: open.item.id,
      output_index: open.index,
      delta: delta.argumentsDelta,
    });
  }

  /** Closes the open item and sends `response.completed` (or `.incomplete`) with `final`; ends the stream. */
  finish(final: ResponseObject): void {
    this.start();
    this.closeItem();
    const type = final.status === 'incomplete' ? 'response.incomplete' : 'response.completed';
    this.event(type, { response: final });
    this.response.end();
  }

  /** An `error` event that ends a begun stream (OpenAI's `ResponseErrorEvent`). */
  fail(error: { code: string | null; message: string; param: string | null }): void {
    if (this.response.writableEnded) return;
    this.event('error', { code: error.code, message: error.message, param: error.param });
    this.response.end();
  }

  private openItem<T extends OpenItem>(open: T): T {
    this.start();
    this.open = open;
    this.event('response.output_item.added', { output_index: open.index, item: open.item });
    return open;
  }

  /** Finishes the item being streamed (its `.done` events), so `output` holds every item. */
  closeOpenItem(): void {
    this.closeItem();
  }

  private closeItem(): void {
    const open = this.open;
    if (open === undefined) return;
    this.open = undefined;
    if (open.kind === 'message') {
      const part = { type: 'output_text' as const, text: open.text, annotations: [], logprobs: [] };
      const common = { item_id: open.item.id, output_index: open.index, content_index: 0 };
      this.event('response.output_text.done', { ...common, text: open.text, logprobs: [] });
      this.event('response.content_part.done', { ...common, part });
      const item = { ...open.item, status: 'completed' as const, content: [part] };
      this.items.push(item);
      this.event('response.output_item.done', { output_index: open.index, item });
    } else {
      const item = { ...open.item, status: 'completed' as const };
      this.event('response.function_call_arguments.done', {
        item_id: item.id,
        output_index: open.index,
        name: item.name,
        arguments: item.arguments,
      });
      this.items.push(item);
      this.event('response.output_item.done', { output_index: open.index, item });
    }
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
    this.event('response.created', { response: this.skeleton });
    this.event('response.in_progress', { response: this.skeleton });
  }

  private event(type: string, data: Record<string, unknown>): void {
    this.response.write(
      `event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: this.sequence++, ...data })}\n\n`,
    );
  }
}
