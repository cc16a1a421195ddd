import { describe, expect, it } from 'vitest';
import { parseServerSentEvents, SseParser, type ServerSentEvent } from './sse-parser.js';

function parseAll(chunks: string[]): ServerSentEvent[] {
  const parser = new SseParser();
  return [...chunks.flatMap((chunk) => parser.push(chunk)), ...parser.end()];
}

describe('SseParser', () => {
  it.each([
    ['LF', 'data: a\n\ndata: b\n\n'],
    ['CRLF', 'data: a\r\n\r\ndata: b\r\n\r\n'],
    ['CR', 'data: a\r\rdata: b\r\r'],
  ])('splits events on %s line endings', (_name, stream) => {
    expect(parseAll([stream]).map((event) => event.data)).toEqual(['a', 'b']);
  });

  it('gives the same events however the stream is split into chunks', () => {
    const stream = ': keep-alive\r\nevent: delta\r\ndata: {"text":"héllo"}\r\n\r\ndata: [DONE]\r\n\r\n';
    const expected = parseAll([stream]);
    expect(expected).toEqual([
      { event: 'delta', data: '{"text":"héllo"}' },
      { event: 'message', data: '[DONE]' },
    ]);
    for (let cut = 1; cut < stream.length; cut++) {
      expect(parseAll([stream.slice(0, cut), stream.slice(cut)])).toEqual(expected);
    }
    expect(parseAll(Array.from(stream))).toEqual(expected);
  });

  it.each<[string, string, ServerSentEvent[]]>([
    ['skips comment lines', ':comment\ndata: x\n\n', [{ event: 'message', data: 'x' }]],
    ['joins multi-line data with \\n', 'data: a\ndata: b\n\n', [{ event: 'message', data: 'a\nb' }]],
    ['keeps the value after a colon without a space', 'data:x\n\n', [{ event: 'message', data: 'x' }]],
    ['removes only one leading space', 'data:  x\n\n', [{ event: 'message', data: ' x' }]],
    [
      'reads the event name and id',
      'event: ping\nid: 7\ndata: {}\n\n',
      [{ event: 'ping', data: '{}', id: '7' }],
    ],
    [
      'does not dispatch an event without data',
      'event: ping\n\ndata: y\n\n',
      [{ event: 'message', data: 'y' }],
    ],
    [
      'ignores unknown fields and retry',
      'retry: 10\nfoo: bar\ndata: z\n\n',
      [{ event: 'message', data: 'z' }],
    ],
    ['strips a byte-order mark', '\uFEFFdata: x\n\n', [{ event: 'message', data: 'x' }]],
    [
      'discards an event that never got its blank line',
      'data: x\n\ndata: partial\n',
      [{ event: 'message', data: 'x' }],
    ],
  ])('%s', (_name, stream, expected) => {
    expect(parseAll([stream])).toEqual(expected);
  });
});

describe('parseServerSentEvents', () => {
  it('decodes UTF-8 characters split across byte chunks', async () => {
    const bytes = new TextEncoder().encode('data: 日本語\n\n');
    async function* chunks() {
      for (const byte of bytes) yield new Uint8Array([byte]);
    }
    const events: ServerSentEvent[] = [];
    for await (const event of parseServerSentEvents(chunks())) events.push(event);
    expect(events).toEqual([{ event: 'message', data: '日本語' }]);
  });
});
