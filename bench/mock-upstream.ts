/**
 * The benchmark's upstream: a minimal OpenAI-compatible server on plain `node:http`, built to cost far
 * less than any gateway in front of it (≈10 CPU-µs per request): the answer is one precomputed
 * buffer, the body is never parsed (streaming is detected by a substring), and there is no routing
 * beyond the URL suffix. Behaviour is set at run time through `POST /__mock` (delay, SSE chunks and
 * interval), so one process serves every scenario.
 *
 * Run alone: `node --import @swc-node/register/esm-register bench/mock-upstream.ts --port=PORT`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface MockSettings {
  /** Delay before the answer (JSON) or before the first chunk (SSE). */
  delayMs: number;
  /** SSE text chunks for `stream: true` requests. */
  chunks: number;
  /** Pause between SSE chunks. */
  intervalMs: number;
}

export const MOCK_REPLY = 'Capgate benchmark reply: the quick brown fox jumps over the lazy dog.';
const STREAM_MARKER = '"stream":true';

const completion = Buffer.from(
  JSON.stringify({
    id: 'chatcmpl-bench',
    object: 'chat.completion',
    created: 1_700_000_000,
    model: 'mock-model',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: MOCK_REPLY, refusal: null },
        logprobs: null,
        finish_reason: 'stop',
      },
    ],
    usage: { prompt_tokens: 24, completion_tokens: 16, total_tokens: 40 },
  }),
);
const embeddings = Buffer.from(
  JSON.stringify({
    object: 'list',
    data: [{ object: 'embedding', index: 0, embedding: [0.1, 0.2, 0.3, 0.4] }],
    model: 'mock-embed',
    usage: { prompt_tokens: 4, total_tokens: 4 },
  }),
);
const jsonHeaders = (length: number) => ({ 'content-type': 'application/json', 'content-length': length });

function chunkFrame(index: number): string {
  const delta = index === 0 ? { role: 'assistant', content: '' } : { content: `c${index} ` };
  return `data: {"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1700000000,"model":"mock-model","choices":[{"index":0,"delta":${JSON.stringify(delta)},"finish_reason":null}]}\n\n`;
}
const streamTail =
  'data: {"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1700000000,"model":"mock-model","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}\n\n' +
  'data: {"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1700000000,"model":"mock-model","choices":[],"usage":{"prompt_tokens":24,"completion_tokens":64,"total_tokens":88}}\n\n' +
  'data: [DONE]\n\n';

/** The text a client reassembles from a stream of `chunks` chunks. */
export function expectedStreamText(chunks: number): string {
  let text = '';
  for (let index = 1; index <= chunks; index++) text += `c${index} `;
  return text;
}

export function startMockUpstream(
  port = 0,
  initial: Partial<MockSettings> = {},
): Promise<{ server: Server; port: number; settings: MockSettings }> {
  const settings: MockSettings = { delayMs: 0, chunks: 64, intervalMs: 20, ...initial };

  const stream = (response: ServerResponse): void => {
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    response.write(chunkFrame(0));
    let index = 1;
    const next = (): void => {
      if (response.destroyed) return;
      if (index > settings.chunks) {
        response.end(streamTail);
        return;
      }
      response.write(chunkFrame(index++));
      if (settings.intervalMs > 0) setTimeout(next, settings.intervalMs);
      else next();
    };
    if (settings.delayMs > 0 || settings.intervalMs > 0)
      setTimeout(next, settings.delayMs || settings.intervalMs);
    else next();
  };

  const answer = (request: IncomingMessage, response: ServerResponse, body: string): void => {
    const url = request.url ?? '';
    if (url === '/__mock') {
      Object.assign(settings, JSON.parse(body) as Partial<MockSettings>);
      response.writeHead(204).end();
      return;
    }
    if (url.endsWith('/embeddings')) {
      response.writeHead(200, jsonHeaders(embeddings.length)).end(embeddings);
      return;
    }
    if (!url.endsWith('/chat/completions')) {
      response.writeHead(404, jsonHeaders(2)).end('{}');
      return;
    }
    if (body.includes(STREAM_MARKER)) {
      stream(response);
      return;
    }
    const send = () => response.writeHead(200, jsonHeaders(completion.length)).end(completion);
    if (settings.delayMs > 0) setTimeout(send, settings.delayMs);
    else send();
  };

  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => answer(request, response, body));
  });
  server.keepAliveTimeout = 60_000;
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () =>
      resolve({ server, port: (server.address() as AddressInfo).port, settings }),
    );
  });
}

/** Changes a running mock's behaviour (it applies to requests that arrive afterwards). */
export async function configureMock(port: number, settings: Partial<MockSettings>): Promise<void> {
  await fetch(`http://127.0.0.1:${port}/__mock`, { method: 'POST', body: JSON.stringify(settings) });
}

if (process.argv[1]?.endsWith('mock-upstream.ts')) {
  const portArgument = process.argv.find((argument) => argument.startsWith('--port='));
  const { port } = await startMockUpstream(portArgument ? Number(portArgument.slice('--port='.length)) : 0);
  process.stdout.write(`MOCK_PORT=${port}\n`);
}
